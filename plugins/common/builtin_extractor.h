// What every built-in extractor has besides its Extract: its declaration.
#ifndef VANBAN_PLUGINS_COMMON_BUILTIN_EXTRACTOR_H_
#define VANBAN_PLUGINS_COMMON_BUILTIN_EXTRACTOR_H_

#include <utility>

#include "vanban/extractor.h"

namespace vanban::plugins {

// The version of every built-in extractor.
inline constexpr const char* kBuiltinVersion = "1.0.0";

// Immutable after construction; thread-safe as its subclasses' Extract must be.
class BuiltinExtractor : public Extractor {
 public:
  const ExtractorInfo& Info() const override { return info_; }

 protected:
  explicit BuiltinExtractor(ExtractorInfo info) : info_(std::move(info)) {
    if (info_.version.empty()) info_.version = kBuiltinVersion;
  }

 private:
  ExtractorInfo info_;
};

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_COMMON_BUILTIN_EXTRACTOR_H_
