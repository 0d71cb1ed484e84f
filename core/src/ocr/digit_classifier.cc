// DigitClassifier: a handwritten digit's ink mask -> 0-9. Features after the OpenCV digits sample
// (deskew by image moments, 16-bin gradient-orientation histograms of four cells, Hellinger
// normalized) plus a 10x10 pooled image; a one-hidden-layer network over them.
#include <leptonica/allheaders.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "pix_util.h"
#include "vanban/handwriting.h"

namespace vanban {
namespace {

using internal::BoxPtr;
using internal::Mutable;

constexpr int kCanvas = 20;         // the digits.png cell
constexpr int kDigitBox = 16;       // the digit's longer side inside the canvas
constexpr int kOrientationBins = 16;
constexpr int kPooled = 10;         // pooled image side
constexpr int kInputs = 4 * kOrientationBins + kPooled * kPooled;
constexpr int kHidden = 64;
constexpr int kOutputs = 11;  // the ten digits and kNotADigit
constexpr char kModelMagic[] = "vanban-digits-mlp 2";

using Canvas = std::array<float, kCanvas * kCanvas>;

// The mask's ink scaled (longer side kDigitBox, grey by area averaging) with its centre of mass at
// the canvas centre, ink 1.0: the way digits.png draws its digits.
Canvas Normalize(const Pix* ink) {
  Canvas canvas{};
  if (ink == nullptr || pixGetDepth(Mutable(ink)) != 1) return canvas;
  Pix* clipped = nullptr;
  if (pixClipToForeground(Mutable(ink), &clipped, nullptr) != 0 || clipped == nullptr) return canvas;
  PixPtr tight(clipped);
  const int w = pixGetWidth(tight.get()), h = pixGetHeight(tight.get());
  const float scale = static_cast<float>(kDigitBox) / static_cast<float>(std::max(w, h));
  PixPtr grey(pixConvert1To8(nullptr, tight.get(), 0, 255));
  if (!grey) return canvas;
  PixPtr scaled(pixScale(grey.get(), scale, scale));
  if (!scaled) return canvas;
  const int sw = pixGetWidth(scaled.get()), sh = pixGetHeight(scaled.get());
  double mass = 0, mx = 0, my = 0;
  for (int y = 0; y < sh; ++y) {
    for (int x = 0; x < sw; ++x) {
      l_uint32 v = 0;
      pixGetPixel(scaled.get(), x, y, &v);
      mass += v;
      mx += static_cast<double>(v) * x;
      my += static_cast<double>(v) * y;
    }
  }
  if (mass <= 0) return canvas;
  const int ox = static_cast<int>(std::lround(kCanvas / 2.0 - mx / mass - 0.5));
  const int oy = static_cast<int>(std::lround(kCanvas / 2.0 - my / mass - 0.5));
  for (int y = 0; y < sh; ++y) {
    for (int x = 0; x < sw; ++x) {
      const int cx = x + ox, cy = y + oy;
      if (cx < 0 || cy < 0 || cx >= kCanvas || cy >= kCanvas) continue;
      l_uint32 v = 0;
      pixGetPixel(scaled.get(), x, y, &v);
      canvas[cy * kCanvas + cx] = std::max(canvas[cy * kCanvas + cx], static_cast<float>(v) / 255.0f);
    }
  }
  return canvas;
}

float At(const Canvas& c, int x, int y) {
  if (x < 0 || y < 0 || x >= kCanvas || y >= kCanvas) return 0.0f;
  return c[y * kCanvas + x];
}

// Shears the slant away (the skew of the second-order moments), as the OpenCV sample does.
Canvas Deskew(const Canvas& in) {
  double m00 = 0, m10 = 0, m01 = 0;
  for (int y = 0; y < kCanvas; ++y) {
    for (int x = 0; x < kCanvas; ++x) {
      m00 += in[y * kCanvas + x];
      m10 += in[y * kCanvas + x] * x;
      m01 += in[y * kCanvas + x] * y;
    }
  }
  if (m00 <= 0) return in;
  const double cx = m10 / m00, cy = m01 / m00;
  double mu11 = 0, mu02 = 0;
  for (int y = 0; y < kCanvas; ++y) {
    for (int x = 0; x < kCanvas; ++x) {
      mu11 += in[y * kCanvas + x] * (x - cx) * (y - cy);
      mu02 += in[y * kCanvas + x] * (y - cy) * (y - cy);
    }
  }
  if (std::abs(mu02) < 1e-2) return in;
  const double skew = mu11 / mu02;
  Canvas out{};
  for (int y = 0; y < kCanvas; ++y) {
    for (int x = 0; x < kCanvas; ++x) {
      const double sx = x + skew * (y - kCanvas / 2.0);
      const int x0 = static_cast<int>(std::floor(sx));
      const float f = static_cast<float>(sx - x0);
      out[y * kCanvas + x] = (1 - f) * At(in, x0, y) + f * At(in, x0 + 1, y);
    }
  }
  return out;
}

std::vector<float> CanvasFeatures(const Canvas& raw) {
  const Canvas c = Deskew(raw);
  std::vector<float> f(kInputs, 0.0f);
  constexpr double kTwoPi = 6.283185307179586;
  for (int y = 0; y < kCanvas; ++y) {
    for (int x = 0; x < kCanvas; ++x) {
      const float gx = (At(c, x + 1, y - 1) + 2 * At(c, x + 1, y) + At(c, x + 1, y + 1)) -
                       (At(c, x - 1, y - 1) + 2 * At(c, x - 1, y) + At(c, x - 1, y + 1));
      const float gy = (At(c, x - 1, y + 1) + 2 * At(c, x, y + 1) + At(c, x + 1, y + 1)) -
                       (At(c, x - 1, y - 1) + 2 * At(c, x, y - 1) + At(c, x + 1, y - 1));
      const float magnitude = std::sqrt(gx * gx + gy * gy);
      if (magnitude <= 0) continue;
      double angle = std::atan2(gy, gx);
      if (angle < 0) angle += kTwoPi;
      const int bin = std::min(kOrientationBins - 1, static_cast<int>(angle / kTwoPi * kOrientationBins));
      const int cell = (y >= kCanvas / 2 ? 2 : 0) + (x >= kCanvas / 2 ? 1 : 0);
      f[cell * kOrientationBins + bin] += magnitude;
    }
  }
  // Hellinger kernel: L1-normalize, square root, L2-normalize.
  const float sum = std::accumulate(f.begin(), f.begin() + 4 * kOrientationBins, 0.0f);
  float norm = 0;
  for (int i = 0; i < 4 * kOrientationBins; ++i) {
    f[i] = std::sqrt(f[i] / (sum + 1e-7f));
    norm += f[i] * f[i];
  }
  norm = std::sqrt(norm) + 1e-7f;
  for (int i = 0; i < 4 * kOrientationBins; ++i) f[i] /= norm;
  const int pool = kCanvas / kPooled;
  for (int y = 0; y < kCanvas; ++y) {
    for (int x = 0; x < kCanvas; ++x) {
      f[4 * kOrientationBins + (y / pool) * kPooled + x / pool] += c[y * kCanvas + x] / (pool * pool);
    }
  }
  return f;
}

// A fixed, portable pseudo-random sequence (the standard distributions differ between libraries).
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  uint32_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state_ >> 33);
  }
  float Uniform() { return static_cast<float>(Next()) / 2147483648.0f; }  // [0, 1)

 private:
  uint64_t state_;
};

}  // namespace

// Standardization of the inputs, then tanh hidden layer, then softmax.
struct DigitClassifier::Weights {
  std::vector<float> mean = std::vector<float>(kInputs, 0.0f);
  std::vector<float> scale = std::vector<float>(kInputs, 1.0f);
  std::vector<float> w1 = std::vector<float>(kHidden * kInputs, 0.0f);
  std::vector<float> b1 = std::vector<float>(kHidden, 0.0f);
  std::vector<float> w2 = std::vector<float>(kOutputs * kHidden, 0.0f);
  std::vector<float> b2 = std::vector<float>(kOutputs, 0.0f);

  // Fills `hidden` and `out` (probabilities) for standardized inputs `x`.
  void Forward(const std::vector<float>& x, std::vector<float>& hidden, std::vector<float>& out) const {
    hidden.assign(kHidden, 0.0f);
    for (int j = 0; j < kHidden; ++j) {
      float s = b1[j];
      const float* row = &w1[static_cast<size_t>(j) * kInputs];
      for (int i = 0; i < kInputs; ++i) s += row[i] * x[i];
      hidden[j] = std::tanh(s);
    }
    out.assign(kOutputs, 0.0f);
    float top = -1e30f;
    for (int k = 0; k < kOutputs; ++k) {
      float s = b2[k];
      const float* row = &w2[static_cast<size_t>(k) * kHidden];
      for (int j = 0; j < kHidden; ++j) s += row[j] * hidden[j];
      out[k] = s;
      top = std::max(top, s);
    }
    float total = 0;
    for (float& v : out) total += (v = std::exp(v - top));
    for (float& v : out) v /= total;
  }

  std::vector<float> Standardize(std::vector<float> f) const {
    for (int i = 0; i < kInputs; ++i) f[i] = (f[i] - mean[i]) * scale[i];
    return f;
  }
};

DigitClassifier::DigitClassifier(std::unique_ptr<Weights> weights) : weights_(std::move(weights)) {}
DigitClassifier::~DigitClassifier() = default;

std::vector<float> DigitClassifier::Features(const Pix* ink) { return CanvasFeatures(Normalize(ink)); }

DigitReading DigitClassifier::Classify(const Pix* ink) const {
  std::vector<float> hidden, out;
  const Canvas canvas = Normalize(ink);
  if (std::all_of(canvas.begin(), canvas.end(), [](float v) { return v == 0.0f; })) return {};
  weights_->Forward(weights_->Standardize(CanvasFeatures(canvas)), hidden, out);
  const auto best = std::max_element(out.begin(), out.end());
  if (best - out.begin() == kNotADigit) return {};
  return {static_cast<int>(best - out.begin()), *best};
}

std::unique_ptr<DigitClassifier> DigitClassifier::Train(const std::vector<DigitExample>& examples, int epochs) {
  auto w = std::make_unique<Weights>();
  std::vector<std::vector<float>> inputs;
  std::vector<int> labels;
  for (const DigitExample& e : examples) {
    inputs.push_back(Features(e.image.get()));
    labels.push_back(e.digit);
  }
  const size_t n = inputs.size();
  if (n == 0) return std::make_unique<DigitClassifier>(std::move(w));
  for (int i = 0; i < kInputs; ++i) {
    double sum = 0, sq = 0;
    for (const auto& x : inputs) {
      sum += x[i];
      sq += static_cast<double>(x[i]) * x[i];
    }
    const double mean = sum / static_cast<double>(n);
    const double var = std::max(0.0, sq / static_cast<double>(n) - mean * mean);
    w->mean[i] = static_cast<float>(mean);
    w->scale[i] = static_cast<float>(1.0 / std::sqrt(var + 1e-4));
  }
  for (auto& x : inputs) x = w->Standardize(std::move(x));

  Lcg random(20261207);
  const float r1 = std::sqrt(6.0f / (kInputs + kHidden)), r2 = std::sqrt(6.0f / (kHidden + kOutputs));
  for (float& v : w->w1) v = (2 * random.Uniform() - 1) * r1;
  for (float& v : w->w2) v = (2 * random.Uniform() - 1) * r2;

  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::vector<float> hidden, out, delta_hidden(kHidden);
  for (int epoch = 0; epoch < epochs; ++epoch) {
    for (size_t i = n - 1; i > 0; --i) std::swap(order[i], order[random.Next() % (i + 1)]);
    const float rate = 0.02f / (1.0f + 0.1f * static_cast<float>(epoch));
    for (size_t index : order) {
      const std::vector<float>& x = inputs[index];
      w->Forward(x, hidden, out);
      out[labels[index]] -= 1.0f;  // softmax cross-entropy gradient
      std::fill(delta_hidden.begin(), delta_hidden.end(), 0.0f);
      for (int k = 0; k < kOutputs; ++k) {
        float* row = &w->w2[static_cast<size_t>(k) * kHidden];
        for (int j = 0; j < kHidden; ++j) {
          delta_hidden[j] += out[k] * row[j];
          row[j] -= rate * out[k] * hidden[j];
        }
        w->b2[k] -= rate * out[k];
      }
      for (int j = 0; j < kHidden; ++j) {
        const float d = delta_hidden[j] * (1 - hidden[j] * hidden[j]);
        float* row = &w->w1[static_cast<size_t>(j) * kInputs];
        for (int i = 0; i < kInputs; ++i) row[i] -= rate * d * x[i];
        w->b1[j] -= rate * d;
      }
    }
  }
  return std::make_unique<DigitClassifier>(std::move(w));
}

namespace {

void WriteFloats(std::ostringstream& out, const char* name, const std::vector<float>& values) {
  out << name << ' ' << values.size() << '\n';
  char buffer[32];
  for (size_t i = 0; i < values.size(); ++i) {
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, values[i], std::chars_format::general, 7);
    out.write(buffer, end - buffer);
    out << ((i + 1) % 16 == 0 || i + 1 == values.size() ? '\n' : ' ');
  }
}

bool ReadFloats(std::istringstream& in, const char* name, std::vector<float>& values) {
  std::string word;
  size_t count = 0;
  if (!(in >> word >> count) || word != name || count != values.size()) return false;
  for (float& v : values) {
    if (!(in >> word)) return false;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
    if (ec != std::errc() || end != word.data() + word.size() || !std::isfinite(v)) return false;
  }
  return true;
}

}  // namespace

std::string DigitClassifier::Serialize() const {
  std::ostringstream out;
  out << kModelMagic << '\n'
      << "# Handwritten-digit network of vanban (vanban/handwriting.h), made by tools/train_digits.cc\n"
      << "inputs " << kInputs << " hidden " << kHidden << " outputs " << kOutputs << '\n';
  WriteFloats(out, "mean", weights_->mean);
  WriteFloats(out, "scale", weights_->scale);
  WriteFloats(out, "w1", weights_->w1);
  WriteFloats(out, "b1", weights_->b1);
  WriteFloats(out, "w2", weights_->w2);
  WriteFloats(out, "b2", weights_->b2);
  return out.str();
}

StatusOr<std::unique_ptr<DigitClassifier>> DigitClassifier::Parse(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string line;
  if (!std::getline(in, line) || line != kModelMagic) return Status::InvalidArgument("not a vanban digit model");
  std::string comment;
  while (in.peek() == '#') std::getline(in, comment);
  std::string a, b, c;
  int inputs = 0, hidden = 0, outputs = 0;
  if (!(in >> a >> inputs >> b >> hidden >> c >> outputs) || inputs != kInputs || hidden != kHidden ||
      outputs != kOutputs) {
    return Status::InvalidArgument("digit model of another shape than this vanban's");
  }
  auto w = std::make_unique<Weights>();
  if (!ReadFloats(in, "mean", w->mean) || !ReadFloats(in, "scale", w->scale) || !ReadFloats(in, "w1", w->w1) ||
      !ReadFloats(in, "b1", w->b1) || !ReadFloats(in, "w2", w->w2) || !ReadFloats(in, "b2", w->b2)) {
    return Status::InvalidArgument("digit model is truncated or holds a bad number");
  }
  return std::make_unique<DigitClassifier>(std::move(w));
}

StatusOr<std::unique_ptr<DigitClassifier>> DigitClassifier::Load(const std::string& models_dir) {
  const std::string path = models_dir + "/digits/digits_mlp.txt";
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::NotFound("digit model not found: " + path);
  std::ostringstream text;
  text << file.rdbuf();
  StatusOr<std::unique_ptr<DigitClassifier>> parsed = Parse(text.str());
  if (!parsed.ok()) return Status::InvalidArgument(path + ": " + parsed.status().message());
  return parsed;
}

StatusOr<std::vector<DigitExample>> LoadOpenCvDigits(const std::string& path, int threshold) {
  PixPtr sheet(pixRead(path.c_str()));
  if (!sheet) return Status::NotFound("cannot read " + path);
  if (pixGetWidth(sheet.get()) != 2000 || pixGetHeight(sheet.get()) != 1000 || pixGetDepth(sheet.get()) != 8) {
    return Status::InvalidArgument(path + " is not OpenCV's digits.png (2000x1000, 8 bpp)");
  }
  // White digits on black: inverted, then the dark (ink) pixels below the threshold become 1.
  PixPtr inverted(pixInvert(nullptr, sheet.get()));
  PixPtr mask(pixThresholdToBinary(inverted.get(), 255 - threshold));
  if (!mask) return Status::Internal("cannot threshold " + path);
  std::vector<DigitExample> examples;
  for (int row = 0; row < 50; ++row) {
    for (int col = 0; col < 100; ++col) {
      BoxPtr cell(boxCreate(col * kCanvas, row * kCanvas, kCanvas, kCanvas));
      examples.push_back({PixPtr(pixClipRectangle(mask.get(), cell.get(), nullptr)), row / 5});
    }
  }
  return examples;
}

}  // namespace vanban
