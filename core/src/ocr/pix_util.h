// Internal helpers shared by the OCR files (mostly Leptonica's). Leptonica reports failure with null results
// and nonzero returns; these helpers keep that convention inside core/src/ocr.
#ifndef VANBAN_CORE_SRC_OCR_PIX_UTIL_H_
#define VANBAN_CORE_SRC_OCR_PIX_UTIL_H_

#include <leptonica/allheaders.h>

#include <string>

#include "vanban/ocr.h"

namespace vanban::internal {

// Resolutions outside this range are missing or bogus metadata.
inline constexpr int kMinCredibleDpi = 50;
inline constexpr int kMaxCredibleDpi = 2400;
// Assumed when an image does not say: the resolution vanban renders and asks scanners for.
inline constexpr int kDefaultDpi = 300;

// Leptonica's functions take PIX* even where they only read; this keeps the cast in one place.
// Never pass the result to a function that changes the image or its reference count (pixClone).
inline PIX* Mutable(const Pix* pix) { return const_cast<PIX*>(pix); }

// The image's resolution if credible, else kDefaultDpi.
inline int ResolutionOrDefault(const Pix* pix) {
  const int res = pixGetYRes(Mutable(pix));
  return res >= kMinCredibleDpi && res <= kMaxCredibleDpi ? res : kDefaultDpi;
}

// Grey level of the paper of an 8 bpp image without colormap: the most common level among the
// lighter half, or the most common level overall when there is hardly any light pixel.
int EstimatePaperLevel(const Pix* grey);

// 1 bpp image of the ink of an 8 bpp grey image: pixels darker than 60% of the paper level.
PixPtr InkMask(const Pix* grey, int paper_level);

// Appends `note` to a "; "-separated list of notes (pages and preprocessing report what they did
// that way). Nothing when `notes` is null or `note` empty.
inline void AppendNote(std::string* notes, const std::string& note) {
  if (notes == nullptr || note.empty()) return;
  if (!notes->empty()) *notes += "; ";
  *notes += note;
}

// Silences Leptonica's messages on stderr: vanban reports failures as Status values. Once per process.
void SilenceLeptonica();

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_OCR_PIX_UTIL_H_
