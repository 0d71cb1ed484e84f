// The built-in "deadlines" extractor (see deadlines.cc and rules/*.toml).
#ifndef VANBAN_PLUGINS_DEADLINES_H_
#define VANBAN_PLUGINS_DEADLINES_H_

#include <memory>

#include "vanban/extractor.h"
#include "vanban/rules.h"

namespace vanban::plugins {

std::unique_ptr<Extractor> MakeDeadlinesExtractor(std::shared_ptr<const RuleSet> rules);

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_DEADLINES_H_
