// Searchable PDF, hOCR and ALTO through Tesseract's own renderers.
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/renderer.h>

#include <memory>
#include <new>
#include <string>
#include <vector>

#include "tesseract_util.h"
#include "vanban/ocr_service.h"

namespace vanban {
namespace {

Status Write(PageImages& pages, const OcrSettings& settings, const OcrOutputKinds& kinds, const std::string& folder) {
  const OcrOptions& options = settings.engine;
  VANBAN_ASSIGN_OR_RETURN(internal::TessPtr api, internal::InitTesseract(options));
  tesseract::TessBaseAPI& tess = *api;
  // Tesseract's renderers take an output base and add their own extension.
  const std::string base = folder + "/vanban";
  std::unique_ptr<tesseract::TessResultRenderer> renderer;
  const auto add = [&](tesseract::TessResultRenderer* r) {
    if (!renderer) {
      renderer.reset(r);
    } else {
      renderer->insert(r);  // the first renderer owns the chain
    }
  };
  if (kinds.pdf) add(new tesseract::TessPDFRenderer(base.c_str(), tess.GetDatapath(), false));
  if (kinds.hocr) add(new tesseract::TessHOcrRenderer(base.c_str()));
  if (kinds.alto) add(new tesseract::TessAltoRenderer(base.c_str()));
  if (!renderer) return Status::InvalidArgument("no output requested");
  if (!renderer->BeginDocument("vanban")) return Status::IoError("cannot write the OCR outputs");
  for (int i = 0; i < pages.page_count(); ++i) {
    const std::string page = "page " + std::to_string(i + 1) + ": ";
    StatusOr<PixPtr> image = pages.Image(i + 1, settings.dpi, nullptr);
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

Status WriteOcrOutputs(PageImages& images, const OcrSettings& settings, const OcrOutputKinds& kinds,
                       const std::string& folder) {
  try {
    return Write(images, settings, kinds, folder);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory writing the OCR outputs");
  } catch (...) {
    return Status::Internal("unexpected exception writing the OCR outputs");
  }
}

}  // namespace vanban
