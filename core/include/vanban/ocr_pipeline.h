// OCR inside the extraction pipeline: which pages get recognized (--ocr auto|force|skip), a shared
// pool of OCR workers, and the Vietnamese post-correction of what they read.
//
// The pool has a fixed number of threads, each owning one OcrEngine created on first use and kept
// for the life of the process (Tesseract loads its model once per worker). Documents processed in
// parallel share the pool, so at most `jobs` pages are recognized at a time.
#ifndef VANBAN_OCR_PIPELINE_H_
#define VANBAN_OCR_PIPELINE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"
#include "vanban/ocr.h"
#include "vanban/status.h"

namespace vanban {

enum class OcrMode {
  kAuto,   // pages without a usable text layer, and images
  kForce,  // every page, text layer or not
  kSkip,   // none: such pages stay marked needs_ocr
};

struct OcrSettings {
  OcrMode mode = OcrMode::kAuto;
  OcrOptions engine;
  ImageLimits limits;
  int dpi = 300;             // PDF pages are rendered at this resolution
  int jobs = 0;              // OCR worker threads; 0: one per core
  bool correct = true;       // Vietnamese post-correction with the models in models_dir
  std::string models_dir;    // empty: ModelsDir()
  // Called after each recognized page (from worker threads, serialized), e.g. for a progress bar.
  std::function<void()> on_page;
};

// Recognizes page images on the shared pool; one result per image, in order. Thread-safe.
std::vector<StatusOr<OcrEngine::Result>> RecognizePages(const std::vector<const Pix*>& images,
                                                        const std::vector<int>& page_numbers,
                                                        const OcrSettings& settings);

// Applies the Vietnamese post-correction to every line of an OCR page and records each change in
// page.corrections. Without the models the page is left as it is, with a note. Thread-safe.
void CorrectOcrPage(Page& page, const OcrSettings& settings);

// Source helpers used by Ingest: an image file, and the pages of a PDF that need OCR (`pdf_password`
// opens an encrypted one, as for its text layer).
Status IngestImages(std::string_view bytes, const OcrSettings& settings, Document& doc);
void OcrPdfPages(std::string_view pdf_bytes, const std::string& pdf_password, const OcrSettings& settings,
                 Document& doc);

// Files for archivists from a scanned document (PDF or image): a searchable PDF (each page image with
// an invisible text layer, Tesseract's PDF renderer), hOCR and ALTO XML. Each path may be empty (not
// written); the PDF path ends in ".pdf". Every page is recognized, in order, on the calling thread.
struct OcrOutputs {
  std::string pdf, hocr, alto;
};
Status WriteOcrOutputs(std::string_view input_bytes, const OcrSettings& settings, const OcrOutputs& outputs);

}  // namespace vanban

#endif  // VANBAN_OCR_PIPELINE_H_
