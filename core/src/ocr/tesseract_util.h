// Tesseract set up and run the same way for vanban's records (OcrEngine) and for Tesseract's own
// output renderers (WriteOcrOutputs): one place for the engine settings, the page timeout and
// the errors.
#ifndef VANBAN_CORE_SRC_OCR_TESSERACT_UTIL_H_
#define VANBAN_CORE_SRC_OCR_TESSERACT_UTIL_H_

#include <tesseract/baseapi.h>

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

// Recognizes `pix` (a preprocessed page) with `api`, within options.page_timeout_ms; a page that
// reads poorly is read again with noise removal (OcrOptions::reread_noisy_pages), which it notes
// in `notes` (may be null) when that reading is kept. On success the results of the kept reading
// stay in `api` for the caller to read; the caller clears it. kResourceExhausted when the timeout
// passes. May throw std::bad_alloc.
Status RecognizePage(tesseract::TessBaseAPI& api, const Pix* pix, const OcrOptions& options, int page_number,
                     std::string* notes);

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_OCR_TESSERACT_UTIL_H_
