// poppler-cpp behind the PDF driver: one way to open and unlock a PDF, and its pages rendered as
// images. poppler's conventions (nullptr documents, is_locked(), invalid images) stay in here.
#ifndef VANBAN_CORE_SRC_SOURCE_PDF_DOCUMENT_H_
#define VANBAN_CORE_SRC_SOURCE_PDF_DOCUMENT_H_

#include <poppler-document.h>

#include <memory>
#include <string>
#include <string_view>

#include "vanban/image.h"
#include "vanban/status.h"

namespace vanban::internal {

// How a PDF's bytes end: with the %%EOF marker, with data after it (appended junk, which readers
// ignore), or without one (cut off).
struct PdfEnd {
  bool has_marker = false;
  size_t bytes_after_marker = 0;  // not counting white space
};
PdfEnd FindPdfEnd(std::string_view bytes);

// Parses `bytes`, which must outlive the document (poppler reads them in place), and unlocks it
// with `password` (owner or user) when it is encrypted. Corrupt for an unreadable PDF (saying
// whether it is cut off), PermissionDenied for an encrypted one the password does not open,
// ResourceExhausted over 2 GiB. Never throws.
StatusOr<std::unique_ptr<poppler::document>> OpenPdf(std::string_view bytes, const std::string& password);

// Page `index` (0-based) rendered at `dpi` as a 32 bpp image on white paper, resolution set.
// InvalidArgument for a bad index or dpi, ResourceExhausted over limits.max_pixels. Never throws.
StatusOr<PixPtr> RenderPdfPage(const poppler::document& pdf, int index, int dpi, const ImageLimits& limits);

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_SOURCE_PDF_DOCUMENT_H_
