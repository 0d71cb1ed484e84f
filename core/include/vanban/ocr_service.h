// OCR inside the extraction pipeline: which pages of a document get recognized (--ocr
// auto|force|skip), a pool of OCR workers, the Vietnamese post-correction of what they read, and
// the searchable PDF, hOCR and ALTO files of `vanban ocr`.
#ifndef VANBAN_OCR_SERVICE_H_
#define VANBAN_OCR_SERVICE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "vanban/document.h"
#include "vanban/ocr.h"
#include "vanban/page_images.h"
#include "vanban/status.h"

namespace vanban {

enum class OcrMode {
  kAuto,   // pages without a usable text layer, and images
  kForce,  // every page, text layer or not
  kSkip,   // none: such pages stay marked needs_ocr
};

// How the pages of one document are recognized.
struct OcrSettings {
  OcrMode mode = OcrMode::kAuto;
  OcrOptions engine;
  int dpi = 300;         // PDF pages are rendered at this resolution
  bool correct = true;   // Vietnamese post-correction (needs OcrServiceOptions::models_dir)
  // Digits written by hand into the blanks of page 1's number and date lines are read
  // (vanban/handwriting.h; needs OcrServiceOptions::models_dir): what is read with confidence goes
  // into the page's text, what is not leaves the blank empty, with a warning; each such blank is
  // listed in Document::handwritten.
  bool read_handwriting = true;
};

struct OcrServiceOptions {
  int workers = 0;         // OCR worker threads; 0: one per core
  // holds vi/syllables.tsv, vi/bigrams.tsv and digits/digits_mlp.txt; empty: no post-correction
  // and no handwritten digits
  std::string models_dir;
};

// Owns a fixed pool of OCR worker threads, each keeping one OcrEngine (Tesseract loads its model
// once per worker; an engine is rebuilt when a page asks for other engine options), and the
// post-correction and digit models, loaded on first use. Thread-safe: documents processed in parallel share
// one service, so at most `workers` pages are recognized at a time. The destructor waits for the
// pages being recognized and joins the workers.
class OcrService {
 public:
  explicit OcrService(OcrServiceOptions options);
  ~OcrService();
  OcrService(const OcrService&) = delete;
  OcrService& operator=(const OcrService&) = delete;

  int workers() const;

  // Recognizes the pages of `doc` that `settings.mode` selects from `images`: their text becomes the
  // OCR reading (origin kOcr, confidences, corrections), a page that fails keeps needs_ocr and gets
  // an error with its number. Pages are taken from `images` a few at a time (two per worker), so a
  // long scan never holds all its page images. With kSkip, image pages only get a note.
  // `on_page` (may be empty) is called after each recognized page, from this thread.
  void RecognizeDocument(PageImages& images, const OcrSettings& settings, Document& doc,
                         const std::function<void()>& on_page = nullptr);

  // Recognizes page images on the pool; one result per image, in order.
  std::vector<StatusOr<OcrEngine::Result>> RecognizePages(const std::vector<const Pix*>& images,
                                                          const std::vector<int>& page_numbers,
                                                          const OcrOptions& engine);

  // Applies the Vietnamese post-correction to every line of an OCR page and records each change in
  // page.corrections. Without the models the page is left as it is, with a note saying why.
  void CorrectPage(Page& page);

  // Reads the handwritten blanks of an OCR page (ReadHandwrittenFillIns) from its page image before
  // preprocessing, adds them to doc.handwritten and warns of those not read. Without the digit
  // model the page is left as it is, with a note saying why.
  void ReadHandwriting(const Pix* original, Page& page, Document& doc);

 private:
  struct Pool;
  class Models;
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<Models> models_;
};

}  // namespace vanban

#endif  // VANBAN_OCR_SERVICE_H_
