// The built-in source drivers, one file each; RegisterBuiltinSources adds them.
#ifndef VANBAN_CORE_SRC_SOURCE_SOURCE_DRIVERS_H_
#define VANBAN_CORE_SRC_SOURCE_SOURCE_DRIVERS_H_

#include <memory>

#include "vanban/source.h"

namespace vanban::internal {

std::unique_ptr<SourceDriver> MakePdfDriver();    // pdf_source.cc
std::unique_ptr<SourceDriver> MakeImageDriver();  // image_source.cc
std::unique_ptr<SourceDriver> MakeTextDriver();   // text_source.cc

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_SOURCE_SOURCE_DRIVERS_H_
