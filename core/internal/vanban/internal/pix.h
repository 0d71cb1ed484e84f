// Internal Leptonica helpers shared by the stages that handle page images (sources decode and
// render them, OCR cleans and reads them). Leptonica reports failure with null results and
// nonzero returns; these helpers keep that convention inside vanban's wrappers.
#ifndef VANBAN_INTERNAL_PIX_H_
#define VANBAN_INTERNAL_PIX_H_

#include <leptonica/allheaders.h>

#include <memory>

#include "vanban/image.h"

namespace vanban::internal {

// Resolutions outside this range are missing or bogus metadata.
inline constexpr int kMinCredibleDpi = 50;
inline constexpr int kMaxCredibleDpi = 2400;
// Assumed when an image does not say: the resolution vanban renders and asks scanners for.
inline constexpr int kDefaultDpi = 300;

// Leptonica's functions take PIX* even where they only read; this keeps the cast in one place.
// Never pass the result to a function that changes the image or its reference count (pixClone).
inline PIX* Mutable(const Pix* pix) { return const_cast<PIX*>(pix); }

// Leptonica's BOX, BOXA and PIXA, owned.
struct BoxDeleter {
  void operator()(BOX* box) const { boxDestroy(&box); }
};
using BoxPtr = std::unique_ptr<BOX, BoxDeleter>;
struct BoxaDeleter {
  void operator()(BOXA* boxa) const { boxaDestroy(&boxa); }
};
using BoxaPtr = std::unique_ptr<BOXA, BoxaDeleter>;
struct PixaDeleter {
  void operator()(PIXA* pixa) const { pixaDestroy(&pixa); }
};
using PixaPtr = std::unique_ptr<PIXA, PixaDeleter>;

// The image's resolution if credible, else kDefaultDpi.
inline int ResolutionOrDefault(const Pix* pix) {
  const int res = pixGetYRes(Mutable(pix));
  return res >= kMinCredibleDpi && res <= kMaxCredibleDpi ? res : kDefaultDpi;
}

// Silences Leptonica's messages on stderr: vanban reports failures as Status values. Once per
// process (Leptonica's severity is one process-wide setting).
void SilenceLeptonica();

}  // namespace vanban::internal

#endif  // VANBAN_INTERNAL_PIX_H_
