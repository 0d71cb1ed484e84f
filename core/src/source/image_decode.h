// Decoding image files one page at a time (Leptonica), for the image driver and DecodeImages.
#ifndef VANBAN_CORE_SRC_SOURCE_IMAGE_DECODE_H_
#define VANBAN_CORE_SRC_SOURCE_IMAGE_DECODE_H_

#include <string>
#include <string_view>

#include "vanban/image.h"
#include "vanban/status.h"

namespace vanban::internal {

enum class ImageFormat { kUnknown, kPng, kJpeg, kTiff };

// The format from the file's magic bytes.
ImageFormat ImageFormatOf(std::string_view bytes);

// 1 for PNG and JPEG; a TIFF's pages, counted from their headers (no pixel decoded), up to the
// first directory libtiff cannot read. Corrupt when not even the first can be read,
// ResourceExhausted over limits.max_pages.
StatusOr<int> CountImagePages(std::string_view bytes, ImageFormat format, const ImageLimits& limits);

// Page `index` (0-based) decoded, refused from its header when over limits.max_pixels, scaled down
// when over limits.downscale_above (which `note` then says; may be null). Never throws.
StatusOr<PixPtr> DecodeImagePage(std::string_view bytes, ImageFormat format, int index, const ImageLimits& limits,
                                 std::string* note);

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_SOURCE_IMAGE_DECODE_H_
