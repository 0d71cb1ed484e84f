// Factories of the built-in extractors (one folder each under plugins/, with rules/*.toml).
// RegisterBuiltinExtractors (vanban/builtin_plugins.h) adds them in this order.
#ifndef VANBAN_PLUGINS_EXTRACTORS_H_
#define VANBAN_PLUGINS_EXTRACTORS_H_

#include <memory>

#include "vanban/extractor.h"
#include "vanban/rules.h"

namespace vanban::plugins {

std::unique_ptr<Extractor> MakeHeaderExtractor(std::shared_ptr<const RuleSet> rules);
std::unique_ptr<Extractor> MakeReferencesExtractor(std::shared_ptr<const RuleSet> rules);
std::unique_ptr<Extractor> MakeDatesExtractor(std::shared_ptr<const RuleSet> rules);
std::unique_ptr<Extractor> MakeDeadlinesExtractor(std::shared_ptr<const RuleSet> rules);
std::unique_ptr<Extractor> MakeTasksExtractor(std::shared_ptr<const RuleSet> rules);

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_EXTRACTORS_H_
