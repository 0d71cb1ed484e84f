// The vanban.document/1 record: a Document and its Extraction as JSON, written and read back
// (docs/schema.md describes every field). The JSON library stays inside: records cross this
// header as text.
#ifndef VANBAN_RECORD_H_
#define VANBAN_RECORD_H_

#include <optional>
#include <string>
#include <string_view>

#include "vanban/document.h"
#include "vanban/extraction.h"
#include "vanban/status.h"

namespace vanban {

// The schema a record names: "vanban.document/<major>". The major version changes when a field
// changes meaning or goes away; fields and sections are added within one major version, and the
// reader of that version accepts records with or without them.
inline constexpr std::string_view kDocumentSchemaName = "vanban.document";
inline constexpr int kDocumentSchemaVersion = 1;
inline constexpr std::string_view kDocumentSchema = "vanban.document/1";

struct RecordOptions {
  // Add each page's lines with their boxes and words (large; for layout tools and debugging).
  bool include_layout = false;
  // Spaces per level of indentation; -1 writes the record on one line (JSON Lines).
  int indent = 2;
};

// The record of `doc`, and of `extraction` when it is not null: the record then gains header,
// references, laws, dates, deadlines, tasks and every open section, and the extraction's errors
// join the document's. Key order is fixed, so records of the same input are byte-identical. No
// trailing newline. A stray invalid UTF-8 byte is written as U+FFFD.
std::string WriteRecord(const Document& doc, const Extraction* extraction, const RecordOptions& options = {});

struct DocumentRecord {
  Document document;
  std::optional<Extraction> extraction;  // absent for a text-only record
};

// Reads a record back. What the record holds comes back as it was written, so that WriteRecord of
// the result (with the options it was written with) gives the same bytes; the record does not keep
// everything of the model, so some of it comes back simpler: pages have one block of lines; without
// --layout lines have no boxes; the text map has one anchor per paragraph; the extraction's errors
// are among the document's. InvalidArgument, naming the field, for a record of another schema or
// version or one that is malformed.
StatusOr<DocumentRecord> ReadRecord(std::string_view json);

}  // namespace vanban

#endif  // VANBAN_RECORD_H_
