// Searchable PDF, hOCR and ALTO through Tesseract's own renderers.
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/renderer.h>

#include <filesystem>
#include <memory>

#include "vanban/ocr_pipeline.h"
#include "vanban/source.h"

namespace vanban {
namespace {

struct TessEnd {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};

// Tesseract renderers take an output base and add their own extension.
std::string Base(const std::string& path, const std::string& extension) {
  if (path.size() > extension.size() && path.compare(path.size() - extension.size(), extension.size(), extension) == 0) {
    return path.substr(0, path.size() - extension.size());
  }
  return path;
}

// Every page of the input as an image, in order.
StatusOr<std::vector<PixPtr>> PageImages(std::string_view bytes, const OcrSettings& settings) {
  std::vector<PixPtr> pages;
  const std::string_view media = DetectMediaType(bytes.substr(0, 4096));
  if (media == kMediaPdf) {
    StatusOr<std::unique_ptr<PdfPageRenderer>> renderer = PdfPageRenderer::Open(bytes);
    if (!renderer.ok()) return renderer.status();
    for (int i = 0; i < (*renderer)->page_count(); ++i) {
      StatusOr<PixPtr> page = (*renderer)->Render(i, settings.dpi, settings.limits);
      if (!page.ok()) return page.status();
      pages.push_back(std::move(page).value());
    }
    return pages;
  }
  StatusOr<std::vector<ImagePage>> images = DecodeImages(bytes, settings.limits);
  if (!images.ok()) return images.status();
  for (ImagePage& image : *images) {
    if (!image.error.empty()) return Status::Corrupt("page " + std::to_string(image.number) + ": " + image.error);
    pages.push_back(std::move(image.image));
  }
  return pages;
}

}  // namespace

Status WriteOcrOutputs(std::string_view input_bytes, const OcrSettings& settings, const OcrOutputs& outputs) {
  StatusOr<std::vector<PixPtr>> pages = PageImages(input_bytes, settings);
  if (!pages.ok()) return pages.status();
  std::unique_ptr<tesseract::TessBaseAPI, TessEnd> api(new tesseract::TessBaseAPI);
  const OcrOptions& o = settings.engine;
  if (api->Init(o.tessdata_dir.empty() ? nullptr : o.tessdata_dir.c_str(), o.language.c_str()) != 0) {
    return Status::NotFound("Tesseract could not load language '" + o.language + "'");
  }
  api->SetPageSegMode(tesseract::PSM_AUTO);
  std::unique_ptr<tesseract::TessResultRenderer> renderer;
  const auto add = [&](tesseract::TessResultRenderer* r) {
    if (!renderer) {
      renderer.reset(r);
    } else {
      renderer->insert(r);  // the first renderer owns the chain
    }
  };
  if (!outputs.pdf.empty()) add(new tesseract::TessPDFRenderer(Base(outputs.pdf, ".pdf").c_str(), api->GetDatapath(), false));
  if (!outputs.hocr.empty()) add(new tesseract::TessHOcrRenderer(Base(outputs.hocr, ".hocr").c_str()));
  if (!outputs.alto.empty()) add(new tesseract::TessAltoRenderer(Base(outputs.alto, ".xml").c_str()));
  if (!renderer) return Status::InvalidArgument("no output requested");
  if (!renderer->BeginDocument("vanban")) return Status::IoError("cannot write the OCR outputs");
  for (size_t i = 0; i < pages->size(); ++i) {
    std::string notes;
    StatusOr<PixPtr> clean = PreprocessPage((*pages)[i].get(), o.preprocess, &notes);
    if (!clean.ok()) return Status(clean.status().code(), "page " + std::to_string(i + 1) + ": " + clean.status().message());
    Pix* image = clean->get();
    if (pixGetXRes(image) <= 0) pixSetResolution(image, settings.dpi, settings.dpi);
    // The renderer embeds the input image and lays the recognized words over it.
    api->SetInputImage(pixClone(image));  // Tesseract takes ownership of this reference
    api->SetImage(image);
    api->SetSourceResolution(pixGetXRes(image));
    if (api->Recognize(nullptr) != 0) return Status::Internal("Tesseract failed on page " + std::to_string(i + 1));
    if (!renderer->AddImage(api.get())) return Status::IoError("cannot add page " + std::to_string(i + 1));
  }
  if (!renderer->EndDocument()) return Status::IoError("cannot finish the OCR outputs");
  return Status::Ok();
}

}  // namespace vanban
