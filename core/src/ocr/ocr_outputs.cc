// Searchable PDF, hOCR and ALTO through Tesseract's own renderers.
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/renderer.h>

#include <memory>
#include <new>
#include <string>
#include <vector>

#include "tesseract_util.h"
#include "vanban/ocr_pipeline.h"
#include "vanban/source.h"

namespace vanban {
namespace {

// Tesseract renderers take an output base and add their own extension.
std::string Base(const std::string& path, const std::string& extension) {
  if (path.size() > extension.size() && path.compare(path.size() - extension.size(), extension.size(), extension) == 0) {
    return path.substr(0, path.size() - extension.size());
  }
  return path;
}

// The pages of a PDF or an image file, one at a time: a PDF page is rendered only when asked for,
// so a long scan never holds more than one page image.
class PageSource {
 public:
  static StatusOr<PageSource> Open(std::string_view bytes, const OcrSettings& settings) {
    PageSource source;
    source.settings_ = &settings;
    if (DetectMediaType(bytes.substr(0, 4096)) == kMediaPdf) {
      StatusOr<std::unique_ptr<PdfPageRenderer>> renderer = PdfPageRenderer::Open(bytes);
      if (!renderer.ok()) return renderer.status();
      source.pdf_ = std::move(renderer).value();
      return source;
    }
    StatusOr<std::vector<ImagePage>> images = DecodeImages(bytes, settings.limits);
    if (!images.ok()) return images.status();
    source.images_ = std::move(images).value();
    return source;
  }

  int count() const { return pdf_ ? pdf_->page_count() : static_cast<int>(images_.size()); }

  // Page `index` (0-based); an image page can be taken once.
  StatusOr<PixPtr> Take(int index) {
    if (pdf_) return pdf_->Render(index, settings_->dpi, settings_->limits);
    ImagePage& image = images_[static_cast<size_t>(index)];
    if (!image.error.empty()) return Status::Corrupt(image.error);
    return std::move(image.image);
  }

 private:
  const OcrSettings* settings_ = nullptr;
  std::unique_ptr<PdfPageRenderer> pdf_;
  std::vector<ImagePage> images_;
};

Status Write(std::string_view input_bytes, const OcrSettings& settings, const OcrOutputs& outputs) {
  StatusOr<PageSource> pages = PageSource::Open(input_bytes, settings);
  if (!pages.ok()) return pages.status();
  const OcrOptions& options = settings.engine;
  StatusOr<internal::TessPtr> api = internal::InitTesseract(options);
  if (!api.ok()) return api.status();
  tesseract::TessBaseAPI& tess = **api;
  std::unique_ptr<tesseract::TessResultRenderer> renderer;
  const auto add = [&](tesseract::TessResultRenderer* r) {
    if (!renderer) {
      renderer.reset(r);
    } else {
      renderer->insert(r);  // the first renderer owns the chain
    }
  };
  if (!outputs.pdf.empty()) add(new tesseract::TessPDFRenderer(Base(outputs.pdf, ".pdf").c_str(), tess.GetDatapath(), false));
  if (!outputs.hocr.empty()) add(new tesseract::TessHOcrRenderer(Base(outputs.hocr, ".hocr").c_str()));
  if (!outputs.alto.empty()) add(new tesseract::TessAltoRenderer(Base(outputs.alto, ".xml").c_str()));
  if (!renderer) return Status::InvalidArgument("no output requested");
  if (!renderer->BeginDocument("vanban")) return Status::IoError("cannot write the OCR outputs");
  for (int i = 0; i < pages->count(); ++i) {
    const std::string page = "page " + std::to_string(i + 1) + ": ";
    StatusOr<PixPtr> image = pages->Take(i);
    if (!image.ok()) return Status(image.status().code(), page + image.status().message());
    StatusOr<PixPtr> clean = PreprocessPage(image->get(), options.preprocess, nullptr);
    if (!clean.ok()) return Status(clean.status().code(), page + clean.status().message());
    image->reset();
    Pix* pix = clean->get();
    if (pixGetXRes(pix) <= 0) pixSetResolution(pix, settings.dpi, settings.dpi);
    // The renderer embeds the input image and lays the recognized words over it.
    tess.SetInputImage(pixClone(pix));  // Tesseract takes ownership of this reference
    // No saved reading: the renderer reads the kept one from `tess`.
    if (auto kept = internal::RecognizePage(tess, pix, options, i + 1, nullptr, {}); !kept.ok()) return kept.status();
    if (!renderer->AddImage(&tess)) return Status::IoError("cannot add page " + std::to_string(i + 1));
    tess.Clear();
  }
  if (!renderer->EndDocument()) return Status::IoError("cannot finish the OCR outputs");
  return Status::Ok();
}

}  // namespace

Status WriteOcrOutputs(std::string_view input_bytes, const OcrSettings& settings, const OcrOutputs& outputs) {
  try {
    return Write(input_bytes, settings, outputs);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory writing the OCR outputs");
  } catch (...) {
    return Status::Internal("unexpected exception writing the OCR outputs");
  }
}

}  // namespace vanban
