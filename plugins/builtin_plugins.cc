#include "vanban/builtin_plugins.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "extractors.h"
#include "vanban/paths.h"
#include "vanban/plugin_loader.h"

namespace vanban {
namespace {

std::vector<std::string> SplitPath(const char* value) {
  std::vector<std::string> parts;
  if (value == nullptr) return parts;
  std::string s(value);
  size_t start = 0;
  while (start <= s.size()) {
    const size_t colon = s.find(':', start);
    const std::string part = s.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!part.empty()) parts.push_back(part);
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return parts;
}

}  // namespace

std::vector<std::string> BuiltinRuleFolders() {
  const std::filesystem::path data_dir = DataDir();
  // Fixed order: each pack may use the definitions of the ones before it.
  std::vector<std::string> folders;
  for (const char* name : {"header", "references", "dates", "deadlines", "tasks"}) {
    const std::filesystem::path folder = data_dir / "plugins" / name / "rules";
    if (std::filesystem::is_directory(folder)) folders.push_back(folder.string());
  }
  return folders;
}

std::vector<std::string> RuleFolders(const std::vector<std::string>& extra_folders) {
  std::vector<std::string> folders = BuiltinRuleFolders();
  for (const std::string& f : SplitPath(std::getenv("VANBAN_RULES_PATH"))) folders.push_back(f);
  folders.insert(folders.end(), extra_folders.begin(), extra_folders.end());
  return folders;
}

void RegisterBuiltinExtractors(std::shared_ptr<const RuleSet> rules, ExtractorRegistry& registry) {
  registry.Add(plugins::MakeHeaderExtractor(rules));
  registry.Add(plugins::MakeReferencesExtractor(rules));
  registry.Add(plugins::MakeDatesExtractor(rules));
  registry.Add(plugins::MakeDeadlinesExtractor(rules));
  registry.Add(plugins::MakeTasksExtractor(rules));
}

StatusOr<std::unique_ptr<ExtractorSetup>> SetUpExtractors(const std::vector<std::string>& extra_rule_folders) {
  auto setup = std::make_unique<ExtractorSetup>();
  StatusOr<std::shared_ptr<const RuleSet>> rules = RuleSet::LoadFolders(RuleFolders(extra_rule_folders));
  if (!rules.ok()) return rules.status();
  setup->rules = *rules;
  RegisterBuiltinExtractors(setup->rules, setup->registry);
  const char* plugin_path = std::getenv("VANBAN_PLUGIN_PATH");
  if (plugin_path != nullptr) setup->plugin_messages = LoadExternalPlugins(plugin_path, setup->registry);
  return setup;
}

}  // namespace vanban
