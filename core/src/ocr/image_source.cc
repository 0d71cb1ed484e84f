// Page images from image files (Leptonica) and PDF pages (poppler-cpp).
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "../source/poppler_util.h"
#include "pix_util.h"
#include "vanban/ocr.h"

namespace vanban {
namespace {

using internal::Mutable;

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

StatusOr<std::vector<ImagePage>> DecodeSingle(const l_uint8* data, size_t size, int format,
                                              const ImageLimits& limits) {
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
  ImagePage page;
  page.number = 1;
  auto scaled = DownscaleIfLarge(std::move(pix), limits, w, h, &page.note);
  if (!scaled.ok()) return scaled.status();
  page.image = std::move(scaled).value();
  std::vector<ImagePage> pages;
  pages.push_back(std::move(page));
  return pages;
}

StatusOr<std::vector<ImagePage>> DecodeTiff(const l_uint8* data, size_t size, const ImageLimits& limits) {
  std::vector<ImagePage> pages;
  // Leptonica reads TIFF page n from memory by walking n directories; the walk stops at the last
  // page or at a directory libtiff cannot read.
  for (int n = 0;; ++n) {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, colormap = 0, compression = 0;
    if (readHeaderMemTiff(data, size, n, &w, &h, &bps, &spp, &res, &colormap, &compression) != 0) {
      if (n == 0) return Status::Corrupt("TIFF structure is unreadable");
      break;
    }
    if (n >= limits.max_pages) {
      return Status::ResourceExhausted("TIFF has more than " + std::to_string(limits.max_pages) + " pages");
    }
    ImagePage page;
    page.number = n + 1;
    if (Status s = CheckPixels(w, h, limits); !s.ok()) {
      page.error = s.message();
    } else if (PixPtr pix(pixReadMemTiff(data, size, n)); !pix) {
      page.error = "TIFF page data is damaged or uses an unsupported encoding";
    } else {
      auto scaled = DownscaleIfLarge(std::move(pix), limits, w, h, &page.note);
      if (scaled.ok()) {
        page.image = std::move(scaled).value();
      } else {
        page.error = scaled.status().message();
      }
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

StatusOr<std::vector<ImagePage>> DecodeImagesOrThrow(std::string_view bytes, const ImageLimits& limits) {
  // findFileFormatBuffer looks at up to 12 bytes; give it at least that many.
  l_uint8 head[16] = {};
  std::memcpy(head, bytes.data(), std::min(bytes.size(), sizeof(head)));
  l_int32 format = IFF_UNKNOWN;
  if (findFileFormatBuffer(head, &format) != 0) format = IFF_UNKNOWN;
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  if (format == IFF_PNG || format == IFF_JFIF_JPEG) return DecodeSingle(data, bytes.size(), format, limits);
  if (L_FORMAT_IS_TIFF(format)) return DecodeTiff(data, bytes.size(), limits);
  return Status::Unsupported("not a PNG, JPEG or TIFF image");
}

// poppler's ARGB32 (native-endian 0xAARRGGBB words, premultiplied) or RGB24 image as a 32 bpp Pix
// on white paper.
PixPtr ToPix(const poppler::image& image) {
  const int w = image.width(), h = image.height();
  PixPtr pix(pixCreate(w, h, 32));
  if (!pix) return nullptr;
  const char* src = image.const_data();
  const int src_stride = image.bytes_per_row();
  l_uint32* dst = pixGetData(pix.get());
  const int dst_wpl = pixGetWpl(pix.get());
  const bool rgb24 = image.format() == poppler::image::format_rgb24;
  for (int y = 0; y < h; ++y) {
    const char* row = src + static_cast<size_t>(y) * src_stride;
    l_uint32* out = dst + static_cast<size_t>(y) * dst_wpl;
    for (int x = 0; x < w; ++x) {
      l_uint32 v = 0;
      if (rgb24) {
        const auto* p = reinterpret_cast<const unsigned char*>(row + 3 * x);
        v = 0xff000000u | (l_uint32{p[0]} << 16) | (l_uint32{p[1]} << 8) | p[2];
      } else {
        std::memcpy(&v, row + 4 * x, 4);
      }
      const l_uint32 transparent = 255 - (v >> 24);  // premultiplied: add white for what is missing
      const l_uint32 r = std::min<l_uint32>(255, ((v >> 16) & 0xff) + transparent);
      const l_uint32 g = std::min<l_uint32>(255, ((v >> 8) & 0xff) + transparent);
      const l_uint32 b = std::min<l_uint32>(255, (v & 0xff) + transparent);
      out[x] = (r << L_RED_SHIFT) | (g << L_GREEN_SHIFT) | (b << L_BLUE_SHIFT) | 0xff;
    }
  }
  return pix;
}

StatusOr<PixPtr> RenderPageOrThrow(const poppler::document& doc, int page_index, int dpi, const ImageLimits& limits) {
  if (dpi < 10 || dpi > 1200) return Status::InvalidArgument("render resolution must be 10..1200 dpi");
  if (page_index < 0 || page_index >= doc.pages()) {
    return Status::InvalidArgument("page index " + std::to_string(page_index) + " outside 0.." +
                                   std::to_string(doc.pages() - 1));
  }
  std::unique_ptr<poppler::page> page(doc.create_page(page_index));
  if (!page) return Status::Corrupt("PDF page " + std::to_string(page_index + 1) + " is unreadable");
  const poppler::rectf box = page->page_rect(poppler::crop_box);
  const double w = std::ceil(box.width() * dpi / 72.0), h = std::ceil(box.height() * dpi / 72.0);
  if (!(w >= 1 && h >= 1)) return Status::Corrupt("PDF page " + std::to_string(page_index + 1) + " has no size");
  if (w * h > static_cast<double>(limits.max_pixels) || w > INT_MAX || h > INT_MAX) {
    return Status::ResourceExhausted("PDF page " + std::to_string(page_index + 1) + " at " + std::to_string(dpi) +
                                     " dpi would be " + Dimensions(static_cast<int64_t>(w), static_cast<int64_t>(h)) +
                                     " pixels, over the limit of " + std::to_string(limits.max_pixels));
  }
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_argb32);
  const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) return Status::Corrupt("poppler could not render PDF page " + std::to_string(page_index + 1));
  PixPtr pix = ToPix(image);
  if (!pix) return Status::ResourceExhausted("out of memory converting a rendered PDF page");
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

}  // namespace

StatusOr<std::vector<ImagePage>> DecodeImages(std::string_view bytes, const ImageLimits& limits) {
  if (bytes.empty()) return Status::Corrupt("empty image file");
  internal::SilenceLeptonica();
  try {
    return DecodeImagesOrThrow(bytes, limits);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory decoding an image");
  } catch (...) {
    return Status::Internal("unexpected exception decoding an image");
  }
}

struct PdfPageRenderer::Doc {
  std::unique_ptr<poppler::document> pdf;
};

PdfPageRenderer::PdfPageRenderer(std::unique_ptr<Doc> doc) : doc_(std::move(doc)) {}
PdfPageRenderer::~PdfPageRenderer() = default;

StatusOr<std::unique_ptr<PdfPageRenderer>> PdfPageRenderer::Open(std::string_view pdf_bytes,
                                                                  const std::string& password) {
  if (pdf_bytes.size() > static_cast<size_t>(INT_MAX)) return Status::ResourceExhausted("PDF larger than 2 GiB");
  try {
    internal::SilencePoppler();
    auto doc = std::make_unique<Doc>();
    doc->pdf.reset(poppler::document::load_from_raw_data(pdf_bytes.data(), static_cast<int>(pdf_bytes.size())));
    if (!doc->pdf) return Status::Corrupt("not a readable PDF");
    if (doc->pdf->is_locked() && !password.empty()) doc->pdf->unlock(password, password);
    if (doc->pdf->is_locked()) return Status::PermissionDenied("PDF is encrypted");
    return std::unique_ptr<PdfPageRenderer>(new PdfPageRenderer(std::move(doc)));
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory opening a PDF");
  } catch (...) {
    return Status::Internal("unexpected exception opening a PDF");
  }
}

int PdfPageRenderer::page_count() const { return doc_->pdf->pages(); }

StatusOr<PixPtr> PdfPageRenderer::Render(int page_index, int dpi, const ImageLimits& limits) const {
  try {
    return RenderPageOrThrow(*doc_->pdf, page_index, dpi, limits);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory rendering a PDF page");
  } catch (...) {
    return Status::Internal("unexpected exception rendering a PDF page");
  }
}

}  // namespace vanban
