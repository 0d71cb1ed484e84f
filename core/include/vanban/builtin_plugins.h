// Registration of the built-in extractors and loading of rule packs and external plugins: what a
// program calls once at start-up (GDAL's GDALAllRegister() shape: explicit, no static initializers).
#ifndef VANBAN_BUILTIN_PLUGINS_H_
#define VANBAN_BUILTIN_PLUGINS_H_

#include <memory>
#include <string>
#include <vector>

#include "vanban/extractor.h"
#include "vanban/rules.h"
#include "vanban/status.h"

namespace vanban {

// Folders of the built-in rule packs (<data dir>/plugins/*/rules), in load order. The data dir is
// $VANBAN_DATA_DIR, else the source tree vanban was built from.
std::vector<std::string> BuiltinRuleFolders();

// Built-in folders, then the folders of $VANBAN_RULES_PATH (colon-separated), then `extra_folders`.
std::vector<std::string> RuleFolders(const std::vector<std::string>& extra_folders = {});

// Adds header, references, dates, deadlines and tasks, in that order (later ones read what the
// earlier ones found), sharing `rules`.
void RegisterBuiltinExtractors(std::shared_ptr<const RuleSet> rules, ExtractorRegistry& registry);

struct ExtractorSetup {
  ExtractorRegistry registry;
  std::shared_ptr<const RuleSet> rules;
  std::vector<std::string> plugin_messages;  // external plugins refused, for the user
};

// Rules from RuleFolders(extra_rule_folders), the built-ins, then the external plugins on
// $VANBAN_PLUGIN_PATH. Fails only when a rule file is bad (the message says file:line).
StatusOr<std::unique_ptr<ExtractorSetup>> SetUpExtractors(const std::vector<std::string>& extra_rule_folders = {});

}  // namespace vanban

#endif  // VANBAN_BUILTIN_PLUGINS_H_
