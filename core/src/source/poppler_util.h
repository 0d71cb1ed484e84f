// poppler-cpp settings shared by the PDF text source and the OCR page renderer.
#ifndef VANBAN_CORE_SRC_SOURCE_POPPLER_UTIL_H_
#define VANBAN_CORE_SRC_SOURCE_POPPLER_UTIL_H_

#include <poppler-global.h>

#include <mutex>
#include <string>

namespace vanban::internal {

// poppler reports syntax problems of damaged files on stderr; vanban reports them as error
// records. Once per process.
inline void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_SOURCE_POPPLER_UTIL_H_
