// The built-in "header" extractor (see header.cc and rules/*.toml).
#ifndef VANBAN_PLUGINS_HEADER_H_
#define VANBAN_PLUGINS_HEADER_H_

#include <memory>

#include "vanban/extractor.h"
#include "vanban/rules.h"

namespace vanban::plugins {

std::unique_ptr<Extractor> MakeHeaderExtractor(std::shared_ptr<const RuleSet> rules);

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_HEADER_H_
