// OCR: page images in, pages of recognized words out.
//
// Two pieces, usable apart (page images come from sources: vanban/page_images.h):
//   PreprocessPage  image -> cleaned 8 bpp grey or 1 bpp image (background, colour marks, skew,
//                   binarization, specks), each step switchable;
//   OcrEngine       one initialized Tesseract, image -> vanban::Page with word boxes and confidences.
// Leptonica and Tesseract stay out of this header: PIX is only forward-declared (vanban/image.h).
// Nothing here throws; failures are Status values.
//
// Thread-safety: the free functions are thread-safe. An OcrEngine is not: use one per worker
// thread. Debian's Tesseract uses OpenMP, which makes a page several times slower unless the
// process starts with OMP_THREAD_LIMIT=1 in its environment (setting it later has no effect).
#ifndef VANBAN_OCR_H_
#define VANBAN_OCR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"
#include "vanban/image.h"
#include "vanban/status.h"

namespace vanban {

// Image cleaning before recognition. Each step can be switched off. The defaults gave the lowest
// character error rate with Debian's "vie" model on generated A4 scans (scripts/make-scans.sh:
// clean, office, hard, photo and ink levels); the effect of each step is measured by
// tests/bench/ocr.sh and listed in docs/benchmarks.md.
struct PreprocessOptions {
  // Uneven illumination and grey or yellowed paper -> white background, dark text kept dark.
  // Only where the paper is uneven: flattening an evenly grey office scan loses thin strokes.
  bool normalize_background = true;
  // Red seals and blue ink signatures carry no text to read: strongly coloured pixels become
  // paper before the image is turned grey. Black text under a seal stays.
  bool remove_color_marks = true;
  // Finds the skew (up to about 7°) and rotates it away; the corners the rotation uncovers are
  // filled with the paper colour. Without it Tesseract's layout analysis can drop whole
  // paragraphs of a page tilted 2-3°.
  bool deskew = true;
  // Adaptive (Sauvola) binarization to 1 bpp. Off: Tesseract's LSTM reads the grey image better
  // on poor scans.
  bool binarize = false;
  // Removes isolated specks: components of at most about 2x2 pixels at 300 dpi (scaled with the
  // resolution) with no other ink within 0.02 inch, so diacritic dots (ạ, ị) and fragments of
  // broken strokes are never touched. Off: it did not lower the error rate.
  bool despeckle = false;
  // Measures the page's noise and filters what it finds: salt-and-pepper specks and Gaussian grain
  // get a 3x3 median, repeated while grain remains (at most 3 times). A clean or office scan has
  // neither and is left as it is.
  bool denoise = true;
};

// Returns the cleaned image: 8 bpp grey, or 1 bpp when binarizing or when `image` is 1 bpp. Same
// size as `image` (deskewing rotates in place), resolution kept. Appends what it did to `notes`
// (may be null), e.g. "deskewed 1.80°", separated by "; ". Fails only on a null or unusable image
// or when memory runs out.
StatusOr<PixPtr> PreprocessPage(const Pix* image, const PreprocessOptions& options, std::string* notes);

// Two-column regions of a page (issuer | national motto, number | place and date, copies-to |
// signature) come out of Tesseract as lines running across both columns, which mixes the issuer
// with the motto. Lines Tesseract returns side by side on one row are joined first; each line is
// then split at its one wide gap (at least 1.8 line heights, 4 times the line's median word space
// and 3% of the page width), and every region of consecutive lines that keep to the same gutter is
// reordered: its left column first, as one block, then its right column, as another. Lines that
// cross the gutter, lines with several wide gaps (tables) and lines after a tall vertical gap end a
// region; everything else keeps Tesseract's order. Needs word boxes; pages without them are
// unchanged.
void ReadColumnsInOrder(Page& page);

struct OcrOptions {
  // Tesseract language(s), e.g. "vie" (recommended; "vie+eng" reads Vietnamese worse).
  std::string language = "vie";
  // Folder holding <language>.traineddata; empty: Tesseract's default (TESSDATA_PREFIX or the
  // compiled-in path).
  std::string tessdata_dir;
  PreprocessOptions preprocess;
  // 0: no limit. Otherwise a page whose recognition runs longer fails with kResourceExhausted.
  // Covers word recognition; Tesseract's layout analysis before it cannot be interrupted.
  int page_timeout_ms = 0;
  // A page Tesseract reads poorly (mean word confidence under 86 of 100: copies of copies, dust,
  // broken strokes) is read a second time with Tesseract's vigorous noise removal, and that
  // reading is kept when its confidence is higher. Only such pages cost a second reading (a third
  // when the first is kept). The noise removal also drops small marks, tone marks among them, so
  // it is never used on pages that read well. The page timeout covers all the readings together.
  bool reread_noisy_pages = true;
};

// Owns one initialized Tesseract (TessBaseAPI, loaded once in Create and reused for every page).
// Not thread-safe: use one engine per worker thread. Page segmentation is Tesseract's automatic
// mode (PSM_AUTO): single-block mode turns near-empty pages into minutes of garbage.
class OcrEngine {
 public:
  struct Result {
    // origin kOcr; width/height in pixels of the preprocessed image; blocks -> lines -> words with
    // boxes in those pixels, confidence 0..1, line text = its words joined by single spaces, NFC.
    Page page;
    float mean_confidence = 0;     // mean word confidence, 0..1; 0 for a blank page
    int low_confidence_words = 0;  // words below 0.6
  };

  // kNotFound when the language data is missing, kInvalidArgument for bad options.
  static StatusOr<std::unique_ptr<OcrEngine>> Create(const OcrOptions& options);

  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Preprocesses and recognizes one page image. A page without text (blank, or too small to hold
  // any) is an empty page with the note "blank page", not an error. kResourceExhausted when the
  // page timeout passes.
  StatusOr<Result> Recognize(const Pix* image, int page_number);


 private:
  struct Tess;  // the Tesseract API, owned
  OcrEngine(const OcrOptions& options, std::unique_ptr<Tess> tess);

  OcrOptions options_;
  std::unique_ptr<Tess> tess_;
};

}  // namespace vanban

#endif  // VANBAN_OCR_H_
