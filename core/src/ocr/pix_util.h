// Leptonica helpers of the OCR stage only (the ones sources share are in vanban/internal/pix.h).
#ifndef VANBAN_CORE_SRC_OCR_PIX_UTIL_H_
#define VANBAN_CORE_SRC_OCR_PIX_UTIL_H_

#include "vanban/image.h"
#include "vanban/internal/notes.h"
#include "vanban/internal/pix.h"

namespace vanban::internal {

// Grey level of the paper of an 8 bpp image without colormap: the most common level among the
// lighter half, or the most common level overall when there is hardly any light pixel.
int EstimatePaperLevel(const Pix* grey);

// 1 bpp image of the ink of an 8 bpp grey image: pixels darker than 60% of the paper level.
PixPtr InkMask(const Pix* grey, int paper_level);

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_OCR_PIX_UTIL_H_
