// The built-in "dates" extractor (see dates.cc and rules/*.toml).
#ifndef VANBAN_PLUGINS_DATES_H_
#define VANBAN_PLUGINS_DATES_H_

#include <memory>

#include "vanban/extractor.h"
#include "vanban/rules.h"

namespace vanban::plugins {

std::unique_ptr<Extractor> MakeDatesExtractor(std::shared_ptr<const RuleSet> rules);

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_DATES_H_
