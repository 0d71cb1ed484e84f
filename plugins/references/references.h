// The built-in "references" extractor (see references.cc and rules/*.toml).
#ifndef VANBAN_PLUGINS_REFERENCES_H_
#define VANBAN_PLUGINS_REFERENCES_H_

#include <memory>

#include "vanban/extractor.h"
#include "vanban/rules.h"

namespace vanban::plugins {

std::unique_ptr<Extractor> MakeReferencesExtractor(std::shared_ptr<const RuleSet> rules);

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_REFERENCES_H_
