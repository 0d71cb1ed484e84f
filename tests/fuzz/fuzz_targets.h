// What each fuzz target does with one input, shared by the libFuzzer programs (tests/fuzz/*.cc)
// and the regression test that replays every input a fuzzer once crashed on
// (tests/fuzz/regressions/<target>/, tests/unit/fuzz_regression_test.cc). Each function checks
// properties beyond "does not crash" and traps when one fails.
#ifndef VANBAN_TESTS_FUZZ_FUZZ_TARGETS_H_
#define VANBAN_TESTS_FUZZ_FUZZ_TARGETS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "vanban/normalize.h"
#include "vanban/page_images.h"
#include "vanban/pipeline.h"
#include "vanban/record.h"
#include "vanban/rules.h"
#include "vanban/source.h"
#include "vanban/structure.h"

namespace vanban::fuzz {

inline void Check(bool property) {
  if (!property) __builtin_trap();
}

inline const SourceRegistry& Sources() {
  static const SourceRegistry* registry = [] {
    auto* r = new SourceRegistry();
    RegisterBuiltinSources(*r);
    return r;
  }();
  return *registry;
}

// The driver named `name`, given the bytes whatever their magic, so that every input reaches it.
inline void OpenWithDriver(std::string_view name, std::string_view bytes, int render_dpi) {
  for (const auto& driver : Sources().drivers()) {
    if (driver->Name() != name) continue;
    SourceOptions options;
    options.image_limits.max_pixels = 4'000'000;  // keep each run small: limits are what is tested
    options.image_limits.downscale_above = 2'000'000;
    options.image_limits.max_pages = 16;
    StatusOr<std::unique_ptr<OpenedFile>> file =
        driver->Open(std::make_shared<const std::string>(bytes), "application/octet-stream", options);
    if (!file.ok()) return;
    Document doc;
    doc.source.path = "fuzz";
    if (!(*file)->ReadPages(doc).ok()) return;
    for (const Page& page : doc.pages) Check(page.number >= 1);
    const Document normalized = Normalize(doc);
    for (const Paragraph& p : normalized.paragraphs) Check(p.span.end <= normalized.text.size());
    (void)AnalyzeStructure(normalized);
    if (PageImages* images = (*file)->page_images(); images != nullptr && render_dpi > 0) {
      for (int n = 1; n <= std::min(images->page_count(), 2); ++n) (void)images->Image(n, render_dpi, nullptr);
    }
  }
}

inline void FuzzTextSource(const uint8_t* data, size_t size) {
  OpenWithDriver("text", std::string_view(reinterpret_cast<const char*>(data), size), 0);
}

inline void FuzzPdfSource(const uint8_t* data, size_t size) {
  // A low resolution: the renderer is fuzzed, not the pixel count.
  OpenWithDriver("pdf", std::string_view(reinterpret_cast<const char*>(data), size), 10);
}

inline void FuzzImageSource(const uint8_t* data, size_t size) {
  OpenWithDriver("image", std::string_view(reinterpret_cast<const char*>(data), size), 72);
}

inline void FuzzRuleLoader(const uint8_t* data, size_t size) {
  const std::string_view toml(reinterpret_cast<const char*>(data), size);
  StatusOr<std::shared_ptr<const RuleSet>> rules = RuleSet::LoadString(toml, "fuzz.toml");
  if (!rules.ok()) {
    Check(rules.status().message().rfind("fuzz.toml", 0) == 0);  // every load error names its file
    return;
  }
  (void)(*rules)->CheckExamples();
  for (const Rule& rule : (*rules)->rules()) {
    for (const RuleExample& example : rule.examples) {
      for (const RuleMatch& m : (*rules)->FindAll(rule.kind, example.text)) {
        Check(m.begin < m.end && m.end <= example.text.size());
      }
    }
  }
}

inline void FuzzRecordReader(const uint8_t* data, size_t size) {
  StatusOr<DocumentRecord> read = ReadRecord(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!read.ok()) return;
  // What was read is written, and what is written reads back to the same bytes.
  const Extraction* x = read->extraction ? &*read->extraction : nullptr;
  const std::string written = WriteRecord(read->document, x);
  StatusOr<DocumentRecord> again = ReadRecord(written);
  Check(again.ok());
  Check(WriteRecord(again->document, again->extraction ? &*again->extraction : nullptr) == written);
}

}  // namespace vanban::fuzz

#endif  // VANBAN_TESTS_FUZZ_FUZZ_TARGETS_H_
