#include "vanban/builtin_extractors.h"

#include <memory>

namespace vanban {

namespace plugins {
#define VANBAN_EXTRACTOR(Name) std::unique_ptr<Extractor> Make##Name##Extractor();
#define VANBAN_LINKER(Name) std::unique_ptr<Linker> Make##Name##Linker();
#include "builtin_extractors.inc"
#undef VANBAN_EXTRACTOR
#undef VANBAN_LINKER
}  // namespace plugins

Status RegisterBuiltinExtractors(ExtractorRegistry& registry) {
#define VANBAN_EXTRACTOR(Name) VANBAN_RETURN_IF_ERROR(registry.Add(plugins::Make##Name##Extractor()));
#define VANBAN_LINKER(Name) VANBAN_RETURN_IF_ERROR(registry.AddLinker(plugins::Make##Name##Linker()));
#include "builtin_extractors.inc"
#undef VANBAN_EXTRACTOR
#undef VANBAN_LINKER
  return Status::Ok();
}

}  // namespace vanban
