// Handwritten digits: the number and the day and month that a clerk writes by hand into the typed
// blanks of a header after signing ("Số: ……/QĐ-UBND" with "47" in ink, "ngày … tháng …").
//
// Two pieces:
//   DigitClassifier         one handwritten digit (an ink mask) -> 0-9 with a confidence; a small
//                           neural network over gradient-orientation and pixel features, trained on
//                           the 5,000 handwritten digits of OpenCV's examples/data/digits.png
//                           (tools/train_digits.cc; the model is models/digits/digits_mlp.txt);
//   ReadHandwrittenFillIns  finds the blanks of an OCR-read header from the printed text around
//                           them, separates the ink written into them and reads it digit by digit.
// Leptonica stays out of this header (PIX is forward-declared in vanban/image.h).
//
// Thread-safety: a loaded DigitClassifier is immutable and may be shared between threads; the free
// functions are thread-safe.
#ifndef VANBAN_HANDWRITING_H_
#define VANBAN_HANDWRITING_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"
#include "vanban/image.h"
#include "vanban/status.h"

namespace vanban {

// Digits below this confidence are not given: the field is left empty with a warning. Chosen on
// the held-out part of digits.png and on the development scans (docs/benchmarks.md): at 0.90 the
// classifier is wrong on under 1% of the held-out digits it accepts.
inline constexpr float kHandwrittenDigitMinConfidence = 0.90f;

struct DigitReading {
  int digit = -1;         // 0-9; -1 when nothing could be read or it is not one digit
  float confidence = 0;   // 0..1, the network's probability of `digit`
};

// The class of what is not one digit: two digits run together, a scribble, a stroke. The network
// learns it from such examples so that they are refused rather than read as the nearest digit.
inline constexpr int kNotADigit = 10;

// One training or test example: a digit's ink as a 1 bpp mask (ink = 1); `digit` 0-9 or kNotADigit.
struct DigitExample {
  PixPtr image;
  int digit = 0;
};

// Owns the network's weights. Immutable after Load/Train; thread-safe for reading.
class DigitClassifier {
 public:
  // The model file's text (Serialize's output). kInvalidArgument when it is not one.
  static StatusOr<std::unique_ptr<DigitClassifier>> Parse(std::string_view text);
  // models_dir/digits/digits_mlp.txt. kNotFound when missing.
  static StatusOr<std::unique_ptr<DigitClassifier>> Load(const std::string& models_dir);
  // Deterministic training (fixed seed and order) on 1 bpp ink masks (ink = 1).
  static std::unique_ptr<DigitClassifier> Train(const std::vector<DigitExample>& examples, int epochs);

  // Reads one digit from a 1 bpp mask holding only that digit's ink (ink = 1), any size.
  DigitReading Classify(const Pix* ink) const;
  std::string Serialize() const;

  // The feature vector of a 1 bpp digit mask (exposed for the trainer and tests).
  static std::vector<float> Features(const Pix* ink);

  struct Weights;
  explicit DigitClassifier(std::unique_ptr<Weights> weights);
  ~DigitClassifier();
  DigitClassifier(const DigitClassifier&) = delete;
  DigitClassifier& operator=(const DigitClassifier&) = delete;

 private:
  std::unique_ptr<Weights> weights_;
};

// The digits of OpenCV's digits.png (2000x1000 grey, 20x20 cells, white on black, 500 per digit
// in row order), as 1 bpp masks of the pixels brighter than `threshold` (0-255; 128 is the digits
// as drawn, lower thickens the strokes, higher thins them). kNotFound / kInvalidArgument when the
// file is missing or not that. Training uses digits 0-3 of every 5 of a class, tests the 5th.
StatusOr<std::vector<DigitExample>> LoadOpenCvDigits(const std::string& path, int threshold = 128);
inline constexpr char kOpenCvDigitsPath[] = "/usr/share/doc/opencv-doc/examples/data/digits.png";

// Finds the blanks of the number line ("Số: … /SYMBOL") and the date line ("ngày … tháng … năm")
// in the top half of an OCR-read page whose words carry glyphs, decides whether what fills them was
// written by hand (coloured ink, or ink the OCR could not read as print), reads it, and rewrites
// the page's words: the digits when every digit reaches kHandwrittenDigitMinConfidence, an empty
// blank ("…") otherwise. `original` is the page image before preprocessing (its colour tells ink
// from print), of the size of the page's pixel boxes. Returns the blanks found written by hand.
std::vector<HandwrittenFill> ReadHandwrittenFillIns(const Pix* original, const DigitClassifier& classifier,
                                                    Page& page);

}  // namespace vanban

#endif  // VANBAN_HANDWRITING_H_
