// Sources: turning a file into a Document with pages of printed text.
//
// Each kind of input is a SourceDriver behind one SourceRegistry (GDAL's shape): a cheap Identify
// from the first bytes, by content and never by name, apart from a full Open. An opened file reads
// its pages' text and, where it has them, hands out page images for OCR (vanban/page_images.h);
// OCR itself is not a source's business (vanban/ocr_service.h). A new kind of input is one driver
// file plus one line in RegisterBuiltinSources.
//
// A file that cannot be read, or is damaged, still yields a Document: one whose `errors` say what
// went wrong (file, page, reason). Nothing here throws.
#ifndef VANBAN_SOURCE_H_
#define VANBAN_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"
#include "vanban/image.h"
#include "vanban/status.h"

namespace vanban {

struct SourceOptions {
  // Files larger than this are refused rather than read into memory.
  uint64_t max_file_bytes = uint64_t{2} << 30;
  // Password tried for encrypted PDFs after the empty one (as the owner and as the user password).
  std::string pdf_password;
  // Bounds on the images of scanned pages and image files.
  ImageLimits image_limits;
};

// Media types vanban tells apart by content.
inline constexpr std::string_view kMediaPdf = "application/pdf";
inline constexpr std::string_view kMediaPng = "image/png";
inline constexpr std::string_view kMediaJpeg = "image/jpeg";
inline constexpr std::string_view kMediaTiff = "image/tiff";
inline constexpr std::string_view kMediaText = "text/plain";
inline constexpr std::string_view kMediaBinary = "application/octet-stream";
inline constexpr std::string_view kMediaEmpty = "inode/x-empty";

// How many leading bytes of a file Identify sees.
inline constexpr size_t kIdentifyBytes = 64 * 1024;

class PageImages;  // vanban/page_images.h

// One input file opened by its driver. Owns what the driver parsed (a PDF document, image
// headers). Not thread-safe: one thread works on one opened file.
class OpenedFile {
 public:
  virtual ~OpenedFile() = default;
  // Fills doc.pages (the printed text of each page; a page without usable text is needs_ocr with a
  // note saying why) and doc.source.encoding, and adds page-level failures to doc.errors. A non-OK
  // Status means the whole file failed.
  virtual Status ReadPages(Document& doc) = 0;
  // The images of the pages, for OCR; null when the file has none (plain text). Owned by this file.
  virtual PageImages* page_images() { return nullptr; }
};

// A kind of input file. Stateless and const: one instance serves every thread.
class SourceDriver {
 public:
  virtual ~SourceDriver() = default;
  virtual std::string_view Name() const = 0;         // "pdf", "image", "text"
  virtual std::string_view Description() const = 0;  // one line, for `vanban formats` and docs
  // The media type of a file whose first bytes are `head` (at most kIdentifyBytes of them) when
  // this driver reads such files, else "". Cheap: no parsing beyond magic bytes and byte statistics.
  virtual std::string_view Identify(std::string_view head) const = 0;
  // Opens the file's bytes, which the opened file may keep (a PDF's pages are rendered later).
  virtual StatusOr<std::unique_ptr<OpenedFile>> Open(std::shared_ptr<const std::string> bytes,
                                                     std::string_view media_type,
                                                     const SourceOptions& options) const = 0;
};

// Owns the source drivers. Filled once at start-up, then read-only and thread-safe.
class SourceRegistry {
 public:
  // Refuses a driver whose name is taken (InvalidArgument).
  Status Add(std::unique_ptr<SourceDriver> driver);

  struct Identified {
    const SourceDriver* driver = nullptr;  // null when no driver reads the file
    std::string_view media_type;           // kMediaEmpty or kMediaBinary when no driver reads it
  };
  // The first driver, in registration order, that identifies `head`.
  Identified Identify(std::string_view head) const;

  const std::vector<std::unique_ptr<SourceDriver>>& drivers() const { return drivers_; }

 private:
  std::vector<std::unique_ptr<SourceDriver>> drivers_;
};

// The built-in drivers, most specific first: pdf, image (PNG, JPEG, TIFF), and text last, which
// takes whatever looks like text. Call once on an empty registry.
void RegisterBuiltinSources(SourceRegistry& registry);

// The media type the built-in drivers give a file whose first bytes are `head`.
std::string_view DetectMediaType(std::string_view head);

// A file read, identified and opened: `document` has its source info, pages and errors; `file` is
// the opened file (for OCR of its page images), null when the file could not be opened.
struct OpenedInput {
  Document document;
  std::unique_ptr<OpenedFile> file;
};

// Reads `path` ("-" is standard input) and its pages through the matching driver. Never throws;
// failures are in document.errors with the path, the page and the reason. Thread-safe.
OpenedInput OpenInput(const std::string& path, const SourceOptions& options, const SourceRegistry& registry);

// The same for bytes already in memory; `path` names them in the record and in errors.
OpenedInput OpenBytes(std::string bytes, const std::string& path, const SourceOptions& options,
                      const SourceRegistry& registry);

// Text bytes (UTF-8, UTF-16 with BOM, TCVN3, VNI) into doc.pages through the text driver, for
// callers that hold text in memory. Fails only when the bytes are not text at all.
Status IngestText(std::string_view bytes, Document& doc);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// The files named by command-line arguments: a file stays as given, in place; a folder gives every
// regular file below it, recursively, sorted by path (byte order), hidden files and folders (".x")
// left out, each folder reached through symbolic links entered once (no loops). A path that does
// not exist is kept, so that it becomes an error record; a folder that cannot be read adds a line
// to `problems` ("DIR: cannot read folder: Permission denied").
std::vector<std::string> ExpandInputs(const std::vector<std::string>& arguments, std::vector<std::string>* problems);

}  // namespace vanban

#endif  // VANBAN_SOURCE_H_
