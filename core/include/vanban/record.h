// The vanban.document/1 record: a Document as JSON (docs/schema.md describes every field).
#ifndef VANBAN_RECORD_H_
#define VANBAN_RECORD_H_

#include <nlohmann/json.hpp>

#include "vanban/document.h"
#include "vanban/extraction.h"

namespace vanban {

inline constexpr const char* kDocumentSchema = "vanban.document/1";

struct RecordOptions {
  // Add each page's lines with their boxes and words (large; for layout tools and debugging).
  bool include_layout = false;
};

// Key order is fixed (ordered_json), so records of the same input are byte-identical. With an
// extraction, the record gains header, references, laws, dates, deadlines, tasks and findings, and the
// extraction's errors join the document's.
nlohmann::ordered_json DocumentToJson(const Document& doc, const RecordOptions& options = {},
                                      const Extraction* extraction = nullptr);

}  // namespace vanban

#endif  // VANBAN_RECORD_H_
