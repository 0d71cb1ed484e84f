// Page images of opened files (scanned PDFs, image files), for OCR and for `vanban ocr`'s
// searchable PDFs. A page is decoded or rendered only when asked for, so a long scan never holds
// more than the pages being read.
#ifndef VANBAN_PAGE_IMAGES_H_
#define VANBAN_PAGE_IMAGES_H_

#include <string>
#include <string_view>
#include <vector>

#include "vanban/image.h"
#include "vanban/source.h"
#include "vanban/status.h"

namespace vanban {

// The images of one opened file's pages. Owned by its OpenedFile; not thread-safe.
class PageImages {
 public:
  virtual ~PageImages() = default;
  virtual int page_count() const = 0;
  // Page `number` (1-based) with its resolution set: decoded from an image file (`dpi` unused), or
  // rendered from a PDF at `dpi` (10..1200). InvalidArgument for a page that does not exist or a
  // bad dpi, ResourceExhausted for a page over the file's ImageLimits, Corrupt for a damaged page.
  // What decoding did to the image ("downscaled from ...") is set in `note` (may be null).
  virtual StatusOr<PixPtr> Image(int number, int dpi, std::string* note) = 0;
};

// One page of an image file. `image` is null exactly when `error` is set.
struct ImagePage {
  int number = 0;      // 1-based
  PixPtr image;        // as decoded (any depth), resolution from the file when it has one
  std::string error;   // this page could not be decoded, and why
  std::string note;    // what decoding did, e.g. "downscaled from 9000x9000 to 6325x6325"
};

// Decodes PNG, JPEG or TIFF bytes, every page of a multi-page TIFF at once (the image driver decodes
// one page at a time; this is for tools and tests). A file holding one image returns its failure as
// the Status (kCorrupt, kResourceExhausted for a page over max_pixels, kUnsupported for other
// formats). In a multi-page TIFF a bad page gets an ImagePage with `error` and the other pages
// still load; the Status fails only when the TIFF structure itself is unreadable.
StatusOr<std::vector<ImagePage>> DecodeImages(std::string_view bytes, const ImageLimits& limits = {});

}  // namespace vanban

#endif  // VANBAN_PAGE_IMAGES_H_
