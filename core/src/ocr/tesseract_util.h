// Tesseract set up and run the same way for vanban's records (OcrEngine) and for Tesseract's own
// output renderers (WriteOcrOutputs): one place for the engine settings, the page timeout and
// the errors.
#ifndef VANBAN_CORE_SRC_OCR_TESSERACT_UTIL_H_
#define VANBAN_CORE_SRC_OCR_TESSERACT_UTIL_H_

#include <tesseract/baseapi.h>

#include <functional>
#include <memory>
#include <string>

#include "vanban/ocr.h"

namespace vanban::internal {

struct TessDeleter {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};
using TessPtr = std::unique_ptr<tesseract::TessBaseAPI, TessDeleter>;

// Checks `options` and loads Tesseract: LSTM engine, automatic page segmentation, its messages
// off, characters administrative documents never print barred. kNotFound when the language data
// is missing, kInvalidArgument for bad options. Does not throw.
StatusOr<TessPtr> InitTesseract(const OcrOptions& options);

// Which reading of a page RecognizePage left for the caller.
enum class KeptReading {
  kInApi,  // the kept reading's results are in `api`
  kSaved,  // the first reading, which `save_first` took before the page was read again
};

// Recognizes `pix` (a preprocessed page) with `api`, within options.page_timeout_ms (all readings
// together); a page that reads poorly is read again with noise removal
// (OcrOptions::reread_noisy_pages), which it notes in `notes` (may be null) with the reading kept. `save_first` (may be empty) is called with the first reading in `api` just before a second
// reading replaces it; when the first reading is then kept, RecognizePage returns kSaved instead
// of reading the page a third time. Without `save_first` the first reading is redone, so that
// `api` holds it (Tesseract's renderers read from `api`). The caller clears `api`.
// kResourceExhausted when the timeout passes. May throw std::bad_alloc.
StatusOr<KeptReading> RecognizePage(tesseract::TessBaseAPI& api, const Pix* pix, const OcrOptions& options,
                                    int page_number, std::string* notes, const std::function<void()>& save_first);

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_OCR_TESSERACT_UTIL_H_
