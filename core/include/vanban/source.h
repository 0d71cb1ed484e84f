// Sources: turning a file into a Document with pages of printed text.
//
// The kind of a file is detected from its content (magic bytes, then text heuristics), never from
// its name. A file that cannot be read, or is damaged, still yields a Document: one whose `errors`
// say what went wrong (file, page, reason). Nothing here throws.
#ifndef VANBAN_SOURCE_H_
#define VANBAN_SOURCE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "vanban/document.h"
#include "vanban/ocr_pipeline.h"
#include "vanban/status.h"

namespace vanban {

struct IngestOptions {
  // Files larger than this are refused rather than read into memory.
  uint64_t max_file_bytes = 2ull << 30;
  // Password tried for encrypted PDFs after the empty one.
  std::string pdf_password;
  // Images, and PDF pages without a usable text layer, go through OCR (see ocr_pipeline.h).
  OcrSettings ocr;
};

// Media types vanban tells apart by content.
inline constexpr std::string_view kMediaPdf = "application/pdf";
inline constexpr std::string_view kMediaPng = "image/png";
inline constexpr std::string_view kMediaJpeg = "image/jpeg";
inline constexpr std::string_view kMediaTiff = "image/tiff";
inline constexpr std::string_view kMediaText = "text/plain";
inline constexpr std::string_view kMediaBinary = "application/octet-stream";
inline constexpr std::string_view kMediaEmpty = "inode/x-empty";

// Cheap identification from the first bytes of a file (GDAL's "identify" apart from "open").
std::string_view DetectMediaType(std::string_view head);

// Reads and identifies `path`, then extracts its pages with the matching source. Thread-safe.
Document Ingest(const std::string& path, const IngestOptions& options = {});

// The sources behind Ingest, for callers that already hold the bytes. Each fills doc.pages and
// doc.source.encoding, and returns a non-OK Status only when the whole file failed; page-level
// failures go into doc.errors.
Status IngestText(std::string_view bytes, Document& doc);
Status IngestPdf(std::string_view bytes, const IngestOptions& options, Document& doc);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace vanban

#endif  // VANBAN_SOURCE_H_
