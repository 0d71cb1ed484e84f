// The built-in extractors (plugins/<name>/, each with its rule pack) and link steps.
#ifndef VANBAN_BUILTIN_EXTRACTORS_H_
#define VANBAN_BUILTIN_EXTRACTORS_H_

#include "vanban/extractor.h"
#include "vanban/status.h"

namespace vanban {

// Adds every built-in extractor and link step to `registry` (GDAL's GDALAllRegister() shape:
// explicit, no static initializers). The registry orders them; their rule packs are loaded by the
// Engine (vanban/pipeline.h). Fails only when a name is already taken.
Status RegisterBuiltinExtractors(ExtractorRegistry& registry);

}  // namespace vanban

#endif  // VANBAN_BUILTIN_EXTRACTORS_H_
