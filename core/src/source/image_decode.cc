// Image files through Leptonica: PNG, JPEG, and multi-page TIFF, one page at a time.
#include "image_decode.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "vanban/internal/pix.h"
#include "vanban/page_images.h"

namespace vanban {
namespace internal {
namespace {

std::string Dimensions(int64_t w, int64_t h) { return std::to_string(w) + "x" + std::to_string(h); }

// Refuses a page over the pixel limit, judged from its header before anything is decoded.
Status CheckPixels(int w, int h, const ImageLimits& limits) {
  if (w <= 0 || h <= 0) return Status::Corrupt("image header gives no size (" + Dimensions(w, h) + ")");
  const int64_t pixels = int64_t{w} * h;
  if (pixels > limits.max_pixels) {
    return Status::ResourceExhausted("image of " + Dimensions(w, h) + " = " + std::to_string(pixels) +
                                     " pixels exceeds the limit of " + std::to_string(limits.max_pixels));
  }
  return Status::Ok();
}

// Scales `pix` down to about limits.downscale_above pixels if it is larger; notes the change.
StatusOr<PixPtr> DownscaleIfLarge(PixPtr pix, const ImageLimits& limits, int original_w, int original_h,
                                  std::string* note) {
  const int w = pixGetWidth(pix.get()), h = pixGetHeight(pix.get());
  const double pixels = static_cast<double>(w) * h;
  if (limits.downscale_above > 0 && pixels > static_cast<double>(limits.downscale_above)) {
    const double scale = std::sqrt(static_cast<double>(limits.downscale_above) / pixels);
    const int target_w = std::max(1, static_cast<int>(w * scale)), target_h = std::max(1, static_cast<int>(h * scale));
    // Binary pages become grey first: area mapping then keeps thin strokes that sampling would lose.
    if (pixGetDepth(pix.get()) == 1) {
      PixPtr grey(pixConvertTo8(pix.get(), 0));
      if (!grey) return Status::ResourceExhausted("out of memory scaling down a " + Dimensions(w, h) + " image");
      pix = std::move(grey);
    }
    PixPtr scaled(pixScaleToSize(pix.get(), target_w, target_h));
    if (!scaled) return Status::ResourceExhausted("out of memory scaling down a " + Dimensions(w, h) + " image");
    pix = std::move(scaled);
  }
  const int new_w = pixGetWidth(pix.get()), new_h = pixGetHeight(pix.get());
  if (new_w != original_w || new_h != original_h) {
    note->assign("downscaled from " + Dimensions(original_w, original_h) + " to " + Dimensions(new_w, new_h));
  }
  return pix;
}

StatusOr<PixPtr> DecodeSingle(const l_uint8* data, size_t size, int format, const ImageLimits& limits,
                              std::string* note) {
  const char* name = format == IFF_PNG ? "PNG" : "JPEG";
  l_int32 header_format = 0, w = 0, h = 0, bps = 0, spp = 0, colormap = 0;
  if (pixReadHeaderMem(data, size, &header_format, &w, &h, &bps, &spp, &colormap) != 0) {
    return Status::Corrupt(std::string(name) + " header is unreadable");
  }
  VANBAN_RETURN_IF_ERROR(CheckPixels(w, h, limits));
  // A cut-off file is the common damage; saying so here also keeps libpng and libjpeg from
  // printing their own complaints on stderr.
  const std::string_view tail(reinterpret_cast<const char*>(data) + size - std::min<size_t>(size, 1024),
                              std::min<size_t>(size, 1024));
  if (format == IFF_PNG && tail.find("IEND") == std::string_view::npos) {
    return Status::Corrupt("PNG data is truncated (no IEND chunk)");
  }
  if (format == IFF_JFIF_JPEG && tail.find("\xFF\xD9") == std::string_view::npos) {
    return Status::Corrupt("JPEG data is truncated (no end-of-image marker)");
  }
  PixPtr pix;
  if (format == IFF_JFIF_JPEG) {
    // libjpeg scales by 1/2, 1/4 or 1/8 while decoding, so a huge JPEG is never held at full size.
    int reduction = 1;
    while (reduction < 8 && limits.downscale_above > 0 &&
           int64_t{w / reduction} * (h / reduction) > limits.downscale_above) {
      reduction *= 2;
    }
    l_int32 warnings = 0;
    pix.reset(pixReadMemJpeg(data, size, 0, reduction, &warnings, 0));  // fails on damaged data
    if (!pix) return Status::Corrupt("JPEG data is damaged or truncated");
    // Leptonica keeps the file's resolution; the decoded image has `reduction` times fewer pixels
    // per inch, and Tesseract and preprocessing size their work by it.
    if (reduction > 1) {
      pixSetResolution(pix.get(), pixGetXRes(pix.get()) / reduction, pixGetYRes(pix.get()) / reduction);
    }
  } else {
    pix.reset(pixReadMemPng(data, size));
    if (!pix) return Status::Corrupt("PNG data is damaged or truncated");
  }
  return DownscaleIfLarge(std::move(pix), limits, w, h, note);
}

StatusOr<PixPtr> DecodeTiffPage(const l_uint8* data, size_t size, int index, const ImageLimits& limits,
                                std::string* note) {
  l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, colormap = 0, compression = 0;
  if (readHeaderMemTiff(data, size, index, &w, &h, &bps, &spp, &res, &colormap, &compression) != 0) {
    return Status::Corrupt("TIFF page " + std::to_string(index + 1) + " has an unreadable header");
  }
  VANBAN_RETURN_IF_ERROR(CheckPixels(w, h, limits));
  PixPtr pix(pixReadMemTiff(data, size, index));
  if (!pix) return Status::Corrupt("TIFF page data is damaged or uses an unsupported encoding");
  return DownscaleIfLarge(std::move(pix), limits, w, h, note);
}

}  // namespace

ImageFormat ImageFormatOf(std::string_view bytes) {
  // findFileFormatBuffer looks at up to 12 bytes; give it at least that many.
  l_uint8 head[16] = {};
  std::memcpy(head, bytes.data(), std::min(bytes.size(), sizeof(head)));
  l_int32 format = IFF_UNKNOWN;
  if (findFileFormatBuffer(head, &format) != 0) return ImageFormat::kUnknown;
  if (format == IFF_PNG) return ImageFormat::kPng;
  if (format == IFF_JFIF_JPEG) return ImageFormat::kJpeg;
  if (L_FORMAT_IS_TIFF(format)) return ImageFormat::kTiff;
  return ImageFormat::kUnknown;
}

StatusOr<int> CountImagePages(std::string_view bytes, ImageFormat format, const ImageLimits& limits) {
  if (format == ImageFormat::kPng || format == ImageFormat::kJpeg) return 1;
  if (format != ImageFormat::kTiff) return Status::Unsupported("not a PNG, JPEG or TIFF image");
  SilenceLeptonica();
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  // Leptonica reads TIFF page n from memory by walking n directories; the walk stops at the last
  // page or at a directory libtiff cannot read.
  for (int n = 0;; ++n) {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, colormap = 0, compression = 0;
    if (readHeaderMemTiff(data, bytes.size(), n, &w, &h, &bps, &spp, &res, &colormap, &compression) != 0) {
      if (n == 0) return Status::Corrupt("TIFF structure is unreadable");
      return n;
    }
    if (n >= limits.max_pages) {
      return Status::ResourceExhausted("TIFF has more than " + std::to_string(limits.max_pages) + " pages");
    }
  }
}

StatusOr<PixPtr> DecodeImagePage(std::string_view bytes, ImageFormat format, int index, const ImageLimits& limits,
                                 std::string* note) {
  if (bytes.empty()) return Status::Corrupt("empty image file");
  SilenceLeptonica();
  std::string ignored;
  if (note == nullptr) note = &ignored;
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  try {
    switch (format) {
      case ImageFormat::kPng:
        if (index != 0) return Status::InvalidArgument("a PNG file has one page");
        return DecodeSingle(data, bytes.size(), IFF_PNG, limits, note);
      case ImageFormat::kJpeg:
        if (index != 0) return Status::InvalidArgument("a JPEG file has one page");
        return DecodeSingle(data, bytes.size(), IFF_JFIF_JPEG, limits, note);
      case ImageFormat::kTiff:
        return DecodeTiffPage(data, bytes.size(), index, limits, note);
      case ImageFormat::kUnknown:
        break;
    }
    return Status::Unsupported("not a PNG, JPEG or TIFF image");
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory decoding an image");
  } catch (...) {
    return Status::Internal("unexpected exception decoding an image");
  }
}

}  // namespace internal

StatusOr<std::vector<ImagePage>> DecodeImages(std::string_view bytes, const ImageLimits& limits) {
  if (bytes.empty()) return Status::Corrupt("empty image file");
  const internal::ImageFormat format = internal::ImageFormatOf(bytes);
  VANBAN_ASSIGN_OR_RETURN(const int count, internal::CountImagePages(bytes, format, limits));
  std::vector<ImagePage> pages;
  for (int i = 0; i < count; ++i) {
    ImagePage page;
    page.number = i + 1;
    StatusOr<PixPtr> pix = internal::DecodeImagePage(bytes, format, i, limits, &page.note);
    if (pix.ok()) {
      page.image = std::move(pix).value();
    } else if (format != internal::ImageFormat::kTiff) {
      return pix.status();  // a file of one image fails as a whole
    } else {
      page.error = pix.status().message();
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace vanban
