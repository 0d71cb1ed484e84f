// Page images: Leptonica's PIX, owned through PixPtr. Sources decode and render them
// (vanban/page_images.h), OCR reads them (vanban/ocr.h). PIX is only forward-declared here, so
// Leptonica's headers stay out of every vanban header.
#ifndef VANBAN_IMAGE_H_
#define VANBAN_IMAGE_H_

#include <cstdint>
#include <memory>

struct Pix;  // Leptonica's image (PIX)

namespace vanban {

// Destroys a Leptonica image (pixDestroy). Null is fine.
struct PixDeleter {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Bounds on page images, checked from a file's header (or a PDF page's size) before any pixel is
// allocated.
struct ImageLimits {
  // Pages with more pixels than this are refused.
  int64_t max_pixels = 200'000'000;
  // Pages with more pixels than this are scaled down to about this many (JPEG: while decoding).
  int64_t downscale_above = 40'000'000;
  // A multi-page TIFF with more pages than this is refused.
  int max_pages = 2000;
};

}  // namespace vanban

#endif  // VANBAN_IMAGE_H_
