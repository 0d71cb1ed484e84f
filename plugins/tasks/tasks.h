// The built-in "tasks" extractor (see tasks.cc and rules/*.toml).
#ifndef VANBAN_PLUGINS_TASKS_H_
#define VANBAN_PLUGINS_TASKS_H_

#include <memory>

#include "vanban/extractor.h"
#include "vanban/rules.h"

namespace vanban::plugins {

std::unique_ptr<Extractor> MakeTasksExtractor(std::shared_ptr<const RuleSet> rules);

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_TASKS_H_
