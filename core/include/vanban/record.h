// The vanban.document/1 record: a Document as JSON (docs/schema.md describes every field).
#ifndef VANBAN_RECORD_H_
#define VANBAN_RECORD_H_

#include <nlohmann/json.hpp>

#include "vanban/document.h"

namespace vanban {

inline constexpr const char* kDocumentSchema = "vanban.document/1";

struct RecordOptions {
  // Add each page's lines with their boxes and words (large; for layout tools and debugging).
  bool include_layout = false;
};

// Key order is fixed (ordered_json), so records of the same input are byte-identical.
nlohmann::ordered_json DocumentToJson(const Document& doc, const RecordOptions& options = {});

}  // namespace vanban

#endif  // VANBAN_RECORD_H_
