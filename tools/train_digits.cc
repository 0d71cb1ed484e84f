// Trains vanban's handwritten-digit network on OpenCV's digits.png and writes the model that
// models/digits/digits_mlp.txt holds; prints the held-out accuracy, and how many held-out digits
// reach kHandwrittenDigitMinConfidence and how many of those are right.
//
//   vanban-train-digits [--digits PATH] [--epochs N] [--out FILE]
//
// Deterministic: the same digits.png and the same build give the same model.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <leptonica/allheaders.h>

#include "vanban/handwriting.h"

namespace {

// Rows of ink of a 1 bpp mask: the first and last, and the mean x of the ink on a row.
struct InkRows {
  int top = -1, bottom = -1;
};

InkRows RowsOf(PIX* mask) {
  InkRows rows;
  for (int y = 0; y < pixGetHeight(mask); ++y) {
    for (int x = 0; x < pixGetWidth(mask); ++x) {
      l_uint32 v = 0;
      pixGetPixel(mask, x, y, &v);
      if (v == 0) continue;
      if (rows.top < 0) rows.top = y;
      rows.bottom = y;
    }
  }
  return rows;
}

int MeanInkX(PIX* mask, int y) {
  int sum = 0, count = 0;
  for (int x = 0; x < pixGetWidth(mask); ++x) {
    l_uint32 v = 0;
    pixGetPixel(mask, x, y, &v);
    if (v != 0) sum += x, ++count;
  }
  return count > 0 ? sum / count : -1;
}

// The ways Vietnamese clerks write digits that the digits of digits.png (American writers) lack:
// a one with a foot and a flag, a seven crossed at mid-height. Drawn onto the training ones and
// sevens; returns null when the digit has no such variant.
vanban::PixPtr VietnameseVariant(const vanban::DigitExample& e, int variant) {
  PIX* source = const_cast<PIX*>(e.image.get());
  const InkRows rows = RowsOf(source);
  if (rows.top < 0 || rows.bottom - rows.top < 8) return nullptr;
  vanban::PixPtr out(pixCopy(nullptr, source));
  if (e.digit == 1) {
    const int top_x = MeanInkX(source, rows.top), bottom_x = MeanInkX(source, rows.bottom);
    if (variant == 0 || variant == 2) pixRenderLine(out.get(), bottom_x - 4, rows.bottom, bottom_x + 4, rows.bottom, 2, L_SET_PIXELS);
    if (variant == 1 || variant == 2) pixRenderLine(out.get(), top_x, rows.top, top_x - 4, rows.top + 4, 2, L_SET_PIXELS);
    return out;
  }
  if (e.digit == 7 && variant == 0) {
    const int y = rows.top + (rows.bottom - rows.top) * 11 / 20, x = MeanInkX(source, y);
    if (x < 0) return nullptr;
    pixRenderLine(out.get(), x - 4, y, x + 4, y, 2, L_SET_PIXELS);
    return out;
  }
  return nullptr;
}

// A fixed pseudo-random sequence, the same on every platform.
struct Lcg {
  uint64_t state;
  int Below(int n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % static_cast<uint64_t>(n));
  }
};

// What is not one digit, for the network to refuse: two training digits run together (touching
// digits the segmentation failed to split), scribbles of three to seven strokes, a lone bar.
std::vector<vanban::DigitExample> NotDigits(const std::vector<vanban::DigitExample>& digits, int count) {
  std::vector<vanban::DigitExample> out;
  Lcg random{42};
  for (int i = 0; i < count; ++i) {
    const int kind = i % 3;
    vanban::PixPtr pix;
    if (kind == 0) {
      pix.reset(pixCreate(40, 20, 1));
      const vanban::DigitExample& a = digits[static_cast<size_t>(random.Below(static_cast<int>(digits.size())))];
      const vanban::DigitExample& b = digits[static_cast<size_t>(random.Below(static_cast<int>(digits.size())))];
      const int shift = 12 + random.Below(6);
      pixRasterop(pix.get(), 0, 0, 20, 20, PIX_SRC | PIX_DST, const_cast<PIX*>(a.image.get()), 0, 0);
      pixRasterop(pix.get(), shift, 0, 20, 20, PIX_SRC | PIX_DST, const_cast<PIX*>(b.image.get()), 0, 0);
    } else if (kind == 1) {
      const int w = 16 + random.Below(16), h = 20;
      pix.reset(pixCreate(w, h, 1));
      const int strokes = 3 + random.Below(5);
      for (int k = 0; k < strokes; ++k) {
        pixRenderLine(pix.get(), random.Below(w), random.Below(h), random.Below(w), random.Below(h), 1 + random.Below(2),
                      L_SET_PIXELS);
      }
    } else {
      pix.reset(pixCreate(20, 20, 1));
      const int y = 4 + random.Below(12), width = 1 + random.Below(3);
      pixRenderLine(pix.get(), 1 + random.Below(3), y, 16 + random.Below(3), y + random.Below(5) - 2, width, L_SET_PIXELS);
    }
    out.push_back({std::move(pix), vanban::kNotADigit});
  }
  return out;
}

// Example i of digits.png belongs to the held-out part when it is the fifth of its class's group.
bool HeldOut(size_t i) { return (i % 500) % 5 == 4; }

}  // namespace

int main(int argc, char** argv) {
  std::string digits_path = vanban::kOpenCvDigitsPath, out_path;
  int epochs = 30;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--digits" && i + 1 < argc) {
      digits_path = argv[++i];
    } else if (arg == "--epochs" && i + 1 < argc) {
      epochs = std::stoi(argv[++i]);
    } else if (arg == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else {
      std::fprintf(stderr, "usage: vanban-train-digits [--digits PATH] [--epochs N] [--out FILE]\n");
      return arg == "--help" ? 0 : 2;
    }
  }
  // Strokes as drawn, thickened and thinned: scans and pens differ in stroke width.
  std::vector<vanban::DigitExample> train, test;
  for (int threshold : {128, 60, 200}) {
    vanban::StatusOr<std::vector<vanban::DigitExample>> loaded = vanban::LoadOpenCvDigits(digits_path, threshold);
    if (!loaded.ok()) {
      std::fprintf(stderr, "vanban-train-digits: %s (Debian: apt-get install opencv-doc)\n",
                   loaded.status().message().c_str());
      return 1;
    }
    for (size_t i = 0; i < loaded->size(); ++i) {
      if (!HeldOut(i)) {
        if (threshold == 128) {
          for (int variant = 0; variant < 3; ++variant) {
            if (vanban::PixPtr v = VietnameseVariant((*loaded)[i], variant)) train.push_back({std::move(v), (*loaded)[i].digit});
          }
        }
        train.push_back(std::move((*loaded)[i]));
      } else if (threshold == 128) {
        test.push_back(std::move((*loaded)[i]));
      }
    }
  }
  std::vector<vanban::DigitExample> refused = NotDigits(train, 3000);
  for (vanban::DigitExample& e : refused) train.push_back(std::move(e));
  const std::unique_ptr<vanban::DigitClassifier> model = vanban::DigitClassifier::Train(train, epochs);
  int right = 0, accepted = 0, accepted_right = 0;
  for (const vanban::DigitExample& e : test) {
    const vanban::DigitReading r = model->Classify(e.image.get());
    right += r.digit == e.digit;
    if (r.confidence >= vanban::kHandwrittenDigitMinConfidence) {
      ++accepted;
      accepted_right += r.digit == e.digit;
    }
  }
  std::printf("trained on %zu digits (%d epochs); held out %zu: accuracy %.4f; confidence >= %.2f: %d (%.1f%%), "
              "of which right %.4f\n",
              train.size(), epochs, test.size(), static_cast<double>(right) / static_cast<double>(test.size()),
              static_cast<double>(vanban::kHandwrittenDigitMinConfidence), accepted,
              100.0 * accepted / static_cast<double>(test.size()),
              accepted > 0 ? static_cast<double>(accepted_right) / accepted : 0.0);
  if (!out_path.empty()) {
    std::ofstream out(out_path, std::ios::binary);
    out << model->Serialize();
    if (!out) {
      std::fprintf(stderr, "vanban-train-digits: cannot write %s\n", out_path.c_str());
      return 1;
    }
  }
  return 0;
}
