// The Extractor interface and the registry of extractors (built-in and external plugins).
//
// Extractors are stateless and const: one instance serves every thread, per-document state lives on
// the stack. They run in registration order, and each may read what the earlier ones put into the
// Extraction (the tasks extractor attaches the deadlines found before it). Built-ins are registered
// explicitly (RegisterBuiltinExtractors), never by static initializers a linker may drop.
#ifndef VANBAN_EXTRACTOR_H_
#define VANBAN_EXTRACTOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"
#include "vanban/extraction.h"
#include "vanban/status.h"

namespace vanban {

struct DocumentStructure;
class RuleSet;

class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual std::string_view Name() const = 0;
  virtual std::string_view Version() const = 0;
  virtual std::string_view Description() const = 0;
  // "builtin" or the path of the shared library it came from.
  virtual std::string Origin() const { return "builtin"; }
  // Rules it uses from the rule set (0 for code-only extractors).
  virtual size_t RuleCount() const { return 0; }
  // Adds findings to `out`. Must not throw; a failure is returned and recorded, the others still run.
  virtual Status Extract(const Document& doc, const DocumentStructure& structure, Extraction& out) const = 0;
};

// Owns the extractors and the rule set they share. Filled once at start-up, then read-only and
// thread-safe.
class ExtractorRegistry {
 public:
  void Add(std::unique_ptr<Extractor> extractor) { extractors_.push_back(std::move(extractor)); }
  const std::vector<std::unique_ptr<Extractor>>& extractors() const { return extractors_; }

 private:
  std::vector<std::unique_ptr<Extractor>> extractors_;
};

}  // namespace vanban

#endif  // VANBAN_EXTRACTOR_H_
