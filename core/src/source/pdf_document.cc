#include "pdf_document.h"

#include <leptonica/allheaders.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <mutex>
#include <new>

#include "vanban/internal/pix.h"

namespace vanban::internal {
namespace {

// poppler reports syntax problems of damaged files on stderr; vanban reports them as error
// records. Once per process (poppler's error function is one process-wide setting).
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string Dimensions(int64_t w, int64_t h) { return std::to_string(w) + "x" + std::to_string(h); }

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

StatusOr<PixPtr> RenderOrThrow(const poppler::document& doc, int page_index, int dpi, const ImageLimits& limits) {
  if (dpi < 10 || dpi > 1200) return Status::InvalidArgument("render resolution must be 10..1200 dpi");
  if (page_index < 0 || page_index >= doc.pages()) {
    return Status::InvalidArgument("no page " + std::to_string(page_index + 1) + ": the PDF has " +
                                   std::to_string(doc.pages()) + " page(s)");
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

PdfEnd FindPdfEnd(std::string_view bytes) {
  PdfEnd end;
  const size_t marker = bytes.rfind("%%EOF");
  if (marker == std::string_view::npos) return end;
  end.has_marker = true;
  for (size_t i = marker + 5; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c != '\r' && c != '\n' && c != ' ' && c != '\t' && c != '\0') ++end.bytes_after_marker;
  }
  return end;
}

StatusOr<std::unique_ptr<poppler::document>> OpenPdf(std::string_view bytes, const std::string& password) {
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return Status::ResourceExhausted("PDF larger than 2 GiB");
  try {
    SilencePoppler();
    std::unique_ptr<poppler::document> pdf(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!pdf) {
      return Status::Corrupt(FindPdfEnd(bytes).has_marker
                                 ? "not a readable PDF (damaged cross-reference or objects)"
                                 : "not a readable PDF: the file is truncated (no %EOF marker)");
    }
    if (pdf->is_locked() && !password.empty()) pdf->unlock(password, password);
    if (pdf->is_locked()) {
      return Status::PermissionDenied(password.empty() ? "encrypted PDF: it needs a password to open (--pdf-password)"
                                                       : "encrypted PDF: the password given does not open it");
    }
    if (pdf->pages() <= 0) return Status::Corrupt("PDF has no pages");
    return pdf;
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory opening a PDF");
  } catch (...) {
    return Status::Internal("unexpected exception opening a PDF");
  }
}

StatusOr<PixPtr> RenderPdfPage(const poppler::document& pdf, int index, int dpi, const ImageLimits& limits) {
  try {
    return RenderOrThrow(pdf, index, dpi, limits);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory rendering a PDF page");
  } catch (...) {
    return Status::Internal("unexpected exception rendering a PDF page");
  }
}

}  // namespace vanban::internal
