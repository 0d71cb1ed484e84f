// vanban-degrade-scan: turns a clean rendered page (vanban-render-document
// --png-dir, 300 dpi) into a synthetic scan with known text, for OCR tests and
// benchmarks. Five levels:
//
//   clean   the page as is, 8-bit grey.
//   office  a printout with uneven toner and some show-through, through an
//           office scanner: grey paper with a gentle gradient, a small
//           rotation, soft optics and blur, sensor noise, JPEG artefacts;
//           8-bit grey, 300 dpi.
//   hard    a 200-dpi photocopy of a photocopy: thickened and broken
//           strokes, lighter regions, speckle and toner dust, a strong
//           illumination gradient, a larger rotation and a red round seal
//           over the lower right (signature) area; RGB.
//   worn    the hard copy worn further (same draws from the same seed):
//           thin strokes and tone marks vanish, faded regions, no dust;
//           whole letters are lost.
//   photo   a phone photo of the printed page: the page curls (text lines
//           bend by up to ~1% of the height), the camera is off-axis (a
//           keystone, the top edge 2-5% narrower or wider than the bottom)
//           and turned 1-4 degrees, slight defocus, 120-150 dpi, warm paper
//           under uneven light (a broad gradient and a soft shadow band
//           along one edge), sensor noise, JPEG q80; RGB. The page fills the
//           frame: what the projection brings in at the borders is paper.
//
// --ink adds blue ballpoint handwriting, with any level: a number and a
// date scrawled into the header (top 15%: left half and right half), a few
// slanted lines of cursive over the first lines of the body and a signature
// over the signature block (lower right). The strokes cross printed text, as
// real annotations do; the ground truth stays the printed text. The ink is
// written on the printed page before it is scanned or photographed: on
// clean and photo before everything else, on office after the uneven toner
// of the printout (a pen does not fade with the toner), on hard on the
// final copy (blue, not copied), under the seal. Grey levels show it grey.
//
// --color (office only) makes the office scan an RGB colour scan, as archive
// scanners scan dispatches so that ink and seals can be told from print:
// the same page with the same draws, paper a little warm (about RGB 232,
// 228, 218, following the grey paper's gradient and blotches), print a
// near-neutral dark grey, show-through in the paper's colour, sensor noise
// per channel, JPEG q40 in colour; --ink handwriting stays blue (drawn in
// RGB as on photo). Without --color office stays grey and unchanged.
//
// Determinism is the main design constraint: the only randomness comes from
// a splitmix64 generator seeded with --seed, and every distribution is
// computed here by hand, so the same input and seed give byte-identical
// output on a given machine. Leptonica is the only library.
//
// The strengths are tuned so that the plain tesseract CLI (-l vie) reads the
// levels clean, office and hard at roughly <1%, 2-8% and 15-45% character
// error rate; see tools/README.md before changing them.

#include <leptonica/allheaders.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

constexpr int kDefaultInputDpi = 300;
constexpr int kHardDpi = 200;
constexpr double kPi = 3.14159265358979323846;

constexpr const char* kUsage =
    "Usage:\n"
    "  vanban-degrade-scan IN.png OUT.(png|jpg) --level clean|office|hard|worn|photo\n"
    "                      --seed N [--ink] [--color] [--pdf OUT.pdf]\n"
    "\n"
    "Degrades a rendered page (300 dpi unless the PNG says otherwise) into a\n"
    "synthetic scan. Same input and seed give byte-identical output.\n"
    "\n"
    "Levels:\n"
    "  clean   the page as is, 8-bit grey, input resolution\n"
    "  office  uneven toner, show-through, grey paper, rotation 0.5-2 deg,\n"
    "          soft optics, blur, noise, JPEG q40; grey\n"
    "  hard    200 dpi photocopy of a photocopy: thick and broken strokes,\n"
    "          fading, speckle, uneven light, rotation 1-2.5 deg, red seal;\n"
    "          RGB\n"
    "  worn    the hard copy worn further (same draws): thin strokes and\n"
    "          tone marks vanish, whole letters lost; RGB\n"
    "  photo   phone photo: page curl, keystone 2-5%, rotation 1-4 deg,\n"
    "          defocus, 120-150 dpi, warm paper, light gradient and a shadow\n"
    "          band at one edge, noise, JPEG q80; RGB\n"
    "\n"
    "Options:\n"
    "  --level L   degradation level (required)\n"
    "  --seed N    unsigned 64-bit seed (required)\n"
    "  --ink       blue ballpoint handwriting over the page: digits in the\n"
    "              header, slanted cursive over the first body lines, a\n"
    "              signature at the lower right (on the printed page before\n"
    "              the scan or photo; on hard, on the final copy)\n"
    "  --color     office only: scan in RGB colour instead of grey (same\n"
    "              degradations; warm paper, dark grey print, noise per\n"
    "              channel, colour JPEG q40), so that --ink stays blue\n"
    "  --pdf FILE  also write the scan as a one-page image PDF (no date)\n"
    "  --help      show this help\n"
    "\n"
    "The output format follows the extension (.png, .jpg or .jpeg). Prints\n"
    "\"IN -> OUT level=L[ ink][ color] angle=DEG seed=N\". Exit codes: 0 ok, 1 error,\n"
    "2 usage.\n";

struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

struct LeptFreeDeleter {
  void operator()(l_uint8* p) const { lept_free(p); }
};
using LeptBytes = std::unique_ptr<l_uint8, LeptFreeDeleter>;

struct PtaDeleter {
  void operator()(PTA* p) const { ptaDestroy(&p); }
};
using PtaPtr = std::unique_ptr<PTA, PtaDeleter>;

// New levels go at the end: the value is mixed into the seed.
enum class Level { kClean, kOffice, kHard, kPhoto, kWorn };

// splitmix64 with hand-written distributions: no std:: distribution (their
// output is implementation-defined) and no rand().
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n).
  int Below(int n) { return static_cast<int>(Uniform() * n); }
  // Approximately standard normal: Irwin-Hall sum of four uniforms, rescaled
  // to unit variance. Pure arithmetic, so no libm differences.
  double Gaussian() {
    const double s = Uniform() + Uniform() + Uniform() + Uniform();
    return (s - 2.0) * 1.7320508075688772;
  }
  double Sign() { return (Next() & 1) != 0 ? 1.0 : -1.0; }
  // An independent generator for one processing stage, so that tuning one
  // stage does not reshuffle the others.
  Rng Fork() { return Rng(Next()); }

 private:
  uint64_t state_;
};

// A grey image in floats, 0 = black, 255 = white.
struct Gray {
  int w = 0;
  int h = 0;
  std::vector<float> v;
  Gray() = default;
  Gray(int width, int height, float fill)
      : w(width), h(height), v(static_cast<size_t>(width) * height, fill) {}
  float& At(int x, int y) { return v[static_cast<size_t>(y) * w + x]; }
  float At(int x, int y) const { return v[static_cast<size_t>(y) * w + x]; }
};

// An RGB image in floats.
struct Rgb {
  int w = 0;
  int h = 0;
  std::vector<float> r, g, b;
};

uint8_t ToByte(float f) {
  if (!(f > 0.0f)) return 0;
  if (f >= 255.0f) return 255;
  return static_cast<uint8_t>(f + 0.5f);
}

float Clamp01(float f) { return std::min(1.0f, std::max(0.0f, f)); }

float SmoothStep(float edge0, float edge1, float x) {
  const float t = Clamp01((x - edge0) / (edge1 - edge0));
  return t * t * (3.0f - 2.0f * t);
}

Gray GrayFromPix(PIX* pix) {
  Gray g(pixGetWidth(pix), pixGetHeight(pix), 0.0f);
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < g.h; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < g.w; ++x) g.At(x, y) = GET_DATA_BYTE(line, x);
  }
  return g;
}

PixPtr PixFromGray(const Gray& g) {
  PixPtr pix(pixCreate(g.w, g.h, 8));
  if (!pix) return pix;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < g.h; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < g.w; ++x) SET_DATA_BYTE(line, x, ToByte(g.At(x, y)));
  }
  return pix;
}

Rgb RgbFromPix(PIX* pix) {
  Rgb c;
  c.w = pixGetWidth(pix);
  c.h = pixGetHeight(pix);
  const size_t n = static_cast<size_t>(c.w) * c.h;
  c.r.resize(n);
  c.g.resize(n);
  c.b.resize(n);
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < c.h; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < c.w; ++x) {
      l_int32 r = 0, g = 0, b = 0;
      extractRGBValues(line[x], &r, &g, &b);
      const size_t i = static_cast<size_t>(y) * c.w + x;
      c.r[i] = static_cast<float>(r);
      c.g[i] = static_cast<float>(g);
      c.b[i] = static_cast<float>(b);
    }
  }
  return c;
}

PixPtr PixFromRgb(const Rgb& c) {
  PixPtr pix(pixCreate(c.w, c.h, 32));
  if (!pix) return pix;
  pixSetSpp(pix.get(), 3);
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < c.h; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < c.w; ++x) {
      const size_t i = static_cast<size_t>(y) * c.w + x;
      l_uint32 pixel = 0;
      composeRGBPixel(ToByte(c.r[i]), ToByte(c.g[i]), ToByte(c.b[i]), &pixel);
      line[x] = pixel;
    }
  }
  return pix;
}

// The grey image as RGB, the same value in the three channels.
Rgb RgbFromGray(const Gray& g) {
  Rgb c;
  c.w = g.w;
  c.h = g.h;
  c.r = g.v;
  c.g = g.v;
  c.b = g.v;
  return c;
}

// Smooth random field in [0, 1]: bilinear (smoothstep-weighted) value noise
// on a grid of `cell` pixels.
std::vector<float> ValueNoise(int w, int h, double cell, Rng& rng) {
  const int gw = static_cast<int>(std::ceil(w / cell)) + 2;
  const int gh = static_cast<int>(std::ceil(h / cell)) + 2;
  std::vector<float> grid(static_cast<size_t>(gw) * gh);
  for (float& f : grid) f = static_cast<float>(rng.Uniform());
  std::vector<float> out(static_cast<size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    const double gy = y / cell;
    const int y0 = static_cast<int>(gy);
    float ty = static_cast<float>(gy - y0);
    ty = ty * ty * (3.0f - 2.0f * ty);
    for (int x = 0; x < w; ++x) {
      const double gx = x / cell;
      const int x0 = static_cast<int>(gx);
      float tx = static_cast<float>(gx - x0);
      tx = tx * tx * (3.0f - 2.0f * tx);
      const float* row0 = &grid[static_cast<size_t>(y0) * gw];
      const float* row1 = row0 + gw;
      const float a = row0[x0] + (row0[x0 + 1] - row0[x0]) * tx;
      const float b = row1[x0] + (row1[x0 + 1] - row1[x0]) * tx;
      out[static_cast<size_t>(y) * w + x] = a + (b - a) * ty;
    }
  }
  return out;
}

// Two octaves of value noise, renormalised to roughly [0, 1].
std::vector<float> Fbm(int w, int h, double cell, Rng& rng) {
  std::vector<float> a = ValueNoise(w, h, cell, rng);
  const std::vector<float> b = ValueNoise(w, h, cell / 2.5, rng);
  for (size_t i = 0; i < a.size(); ++i) {
    // Mean 0.5; stretch the variance lost by averaging back out.
    a[i] = Clamp01(0.5f + ((0.65f * a[i] + 0.35f * b[i]) - 0.5f) * 1.45f);
  }
  return a;
}

PixPtr ToGray8(PIX* pix) { return PixPtr(pixConvertTo8(pix, 0)); }

// Rotates about the centre keeping the size; corners come in white.
PixPtr Rotate(PIX* pix, double degrees) {
  return PixPtr(pixRotate(pix, static_cast<float>(degrees * kPi / 180.0),
                          L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
}

void AddNoise(Gray& g, double sigma, Rng& rng) {
  for (float& f : g.v) f += static_cast<float>(sigma * rng.Gaussian());
}

// Encodes to JPEG in memory; the bytes are kept so that a .jpg output is
// exactly this encoding (no second generation).
struct Jpeg {
  LeptBytes bytes;
  size_t size = 0;
};

bool EncodeJpeg(PIX* pix, int quality, Jpeg& out) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemJpeg(&data, &size, pix, quality, 0) != 0 || !data) return false;
  out.bytes.reset(data);
  out.size = size;
  return true;
}

// ------------------------------------------------------------------- ink

// Blue ballpoint handwriting, as Vietnamese offices add it to a received or
// signed document: the number and the day written into the blanks of the
// header, a few lines of instructions across the top of the body, and a
// signature. The tool does not know the layout, so the places are the usual
// ones of an administrative page (Nghị định 30) and the strokes do fall on
// printed text, which is the realistic hard case for OCR.

// The lowest row of text in the right part of the page (x >= 45% of the
// width), where the signature block sits; falls back to the lowest text row
// anywhere. A row counts as text if it has at least 6 dark pixels, so stray
// specks do not. Returns -1 on a blank page.
int SignatureBottom(const Gray& g) {
  int bottom_right = -1, bottom_any = -1;
  const int x_right = g.w * 45 / 100;
  for (int y = 0; y < g.h; ++y) {
    int left = 0, right = 0;
    for (int x = 0; x < g.w; ++x) {
      if (g.At(x, y) < 128.0f) ++(x >= x_right ? right : left);
    }
    if (right >= 6) bottom_right = y;
    if (left + right >= 6) bottom_any = y;
  }
  return bottom_right >= 0 ? bottom_right : bottom_any;
}

struct Point {
  double x, y;
};
using Stroke = std::vector<Point>;  // one pen-down trajectory, densely sampled

// Catmull-Rom spline through `pts` (the first and last points repeated), so
// that a few control points give a smooth pen path.
Stroke Spline(const std::vector<Point>& pts, int samples_per_segment) {
  Stroke out;
  const size_t n = pts.size();
  if (n == 0) return out;
  for (size_t i = 0; i + 1 < n; ++i) {
    const Point& p0 = pts[i == 0 ? 0 : i - 1];
    const Point& p1 = pts[i];
    const Point& p2 = pts[i + 1];
    const Point& p3 = pts[i + 2 < n ? i + 2 : n - 1];
    for (int k = 0; k < samples_per_segment; ++k) {
      const double t = static_cast<double>(k) / samples_per_segment;
      const double t2 = t * t, t3 = t2 * t;
      auto f = [&](double a, double b, double c, double d) {
        return 0.5 * (2.0 * b + (c - a) * t + (2.0 * a - 5.0 * b + 4.0 * c - d) * t2 +
                      (3.0 * b - a - 3.0 * c + d) * t3);
      };
      out.push_back({f(p0.x, p1.x, p2.x, p3.x), f(p0.y, p1.y, p2.y, p3.y)});
    }
  }
  out.push_back(pts.back());
  return out;
}

// Maps handwriting drawn in a local frame (u along the baseline, v up from
// it, both in pixels) onto the page: forward slant of the letters, then the
// baseline's angle, then the origin.
struct Frame {
  double x0, y0;  // origin on the page
  double angle;   // baseline angle in radians (negative: rising to the right)
  double slant;   // tan of the letter slant
  Point operator()(double u, double v) const {
    const double lx = u + v * slant, ly = -v;
    return {x0 + lx * std::cos(angle) - ly * std::sin(angle),
            y0 + lx * std::sin(angle) + ly * std::cos(angle)};
  }
};

// A line of cursive-looking scribble, `length` pixels long: words of 2-7
// letter cycles, each cycle an up-and-down stroke (x-height, now and then an
// ascender or a descender) with a backward swing that makes loops, pen lifts
// between words, and a few short accent marks above the letters (Vietnamese
// handwriting is full of them).
void CursiveLine(const Frame& frame, double length, double xh, Rng& rng,
                 std::vector<Stroke>& out) {
  const double drift_amp = xh * rng.Uniform(0.05, 0.15);
  const double drift_period = xh * rng.Uniform(8.0, 16.0);
  const double drift_phase = rng.Uniform(0.0, 2.0 * kPi);
  auto drift = [&](double u) {
    return drift_amp * std::sin(u / drift_period + drift_phase);
  };
  double u = 0.0;
  while (u < length) {
    Stroke word;
    const int cycles = 2 + rng.Below(6);
    for (int k = 0; k < cycles; ++k) {
      const double r = rng.Uniform();
      double h = xh * rng.Uniform(0.7, 1.1);
      double loop = xh * rng.Uniform(0.05, 0.3);
      if (r < 0.15) {  // ascender (l, h, đ): tall and looped
        h = xh * rng.Uniform(1.8, 2.4);
        loop = xh * rng.Uniform(0.25, 0.45);
      } else if (r < 0.25) {  // descender (g, y): a loop below the line
        h = -xh * rng.Uniform(1.1, 1.6);
        loop = xh * rng.Uniform(0.2, 0.4);
      }
      const double advance = xh * rng.Uniform(0.6, 1.0);
      const int steps = 48;
      for (int s = 0; s < steps; ++s) {
        const double t = static_cast<double>(s) / steps;
        const double th = 2.0 * kPi * t;
        // The forward swing on the way up and back over the top makes the
        // down stroke cross the up stroke: a loop, as in cursive l or e.
        const double uu = u + advance * t + loop * std::sin(th);
        const double vv = h * (0.5 - 0.5 * std::cos(th)) + drift(uu);
        word.push_back(frame(uu, vv));
      }
      if (rng.Uniform() < 0.3) {  // an accent mark over this letter
        const double au = u + advance * rng.Uniform(0.2, 0.8);
        const double av = xh * rng.Uniform(1.3, 1.7) + drift(au);
        const double aw = xh * rng.Uniform(0.25, 0.5);
        std::vector<Point> mark = {frame(au - aw / 2, av),
                                   frame(au, av + aw * rng.Uniform(0.2, 0.6)),
                                   frame(au + aw / 2, av + aw * rng.Uniform(-0.2, 0.4))};
        out.push_back(Spline(mark, 8));
      }
      u += advance;
    }
    word.push_back(frame(u + xh * 0.3, xh * 0.3 + drift(u)));  // exit stroke
    out.push_back(std::move(word));
    u += xh * rng.Uniform(0.9, 1.6);  // pen lift between words
  }
}

// Digit shapes as control points in a unit box (x right, y down), traced by
// a spline: enough to look like handwritten digits, not to be read as them.
const std::vector<std::vector<Point>>& DigitShapes() {
  static const std::vector<std::vector<Point>> shapes = {
      {{0.5, 0.0}, {0.1, 0.3}, {0.15, 0.8}, {0.55, 1.0}, {0.9, 0.6}, {0.8, 0.1}, {0.45, 0.02}},  // 0
      {{0.25, 0.25}, {0.6, 0.0}, {0.55, 0.5}, {0.5, 1.0}},                                         // 1
      {{0.1, 0.25}, {0.5, 0.0}, {0.9, 0.25}, {0.5, 0.6}, {0.05, 1.0}, {0.95, 0.95}},               // 2
      {{0.1, 0.1}, {0.8, 0.05}, {0.4, 0.45}, {0.9, 0.7}, {0.5, 1.0}, {0.05, 0.85}},                // 3
      {{0.6, 1.0}, {0.65, 0.0}, {0.05, 0.65}, {0.95, 0.65}},                                       // 4
      {{0.85, 0.0}, {0.2, 0.0}, {0.15, 0.45}, {0.7, 0.4}, {0.9, 0.75}, {0.5, 1.0}, {0.1, 0.9}},    // 5
      {{0.8, 0.05}, {0.3, 0.3}, {0.15, 0.8}, {0.5, 1.0}, {0.85, 0.75}, {0.5, 0.5}, {0.2, 0.7}},    // 6
      {{0.05, 0.05}, {0.95, 0.0}, {0.6, 0.5}, {0.4, 1.0}},                                         // 7
      {{0.8, 0.15}, {0.5, 0.0}, {0.2, 0.2}, {0.8, 0.75}, {0.5, 1.0}, {0.2, 0.75}, {0.75, 0.2}},    // 8
      {{0.8, 0.3}, {0.5, 0.0}, {0.2, 0.3}, {0.5, 0.5}, {0.85, 0.3}, {0.75, 1.0}},                  // 9
  };
  return shapes;
}

// `count` handwritten digits from (x, y_base), each `height` pixels tall.
// Returns the x where the next digit would go.
double Digits(double x, double y_base, int count, double height, double angle,
              Rng& rng, std::vector<Stroke>& out) {
  const Frame frame{x, y_base, angle, std::tan(rng.Uniform(0.1, 0.35))};
  double u = 0.0;
  for (int k = 0; k < count; ++k) {
    const double dh = height * rng.Uniform(0.85, 1.1);
    const double dw = dh * rng.Uniform(0.5, 0.65);
    std::vector<Point> pts;
    for (const Point& p : DigitShapes()[rng.Below(10)]) {
      const double px = Clamp01(static_cast<float>(p.x + rng.Uniform(-0.08, 0.08)));
      const double py = Clamp01(static_cast<float>(p.y + rng.Uniform(-0.06, 0.06)));
      pts.push_back(frame(u + px * dw, (1.0 - py) * dh));
    }
    out.push_back(Spline(pts, 16));
    u += dw + height * rng.Uniform(0.12, 0.35);
  }
  return frame(u, 0.0).x;
}

// A signature: one word of large, loopy letter cycles and a flourish that
// sweeps back underneath, `width` pixels wide or so, baseline at (x, y).
void Signature(double x, double y, double width, double height, Rng& rng,
               std::vector<Stroke>& out) {
  const Frame frame{x, y, -rng.Uniform(0.08, 0.35), std::tan(rng.Uniform(0.2, 0.5))};
  Stroke s;
  const int cycles = 3 + rng.Below(4);
  const double advance = width * 0.8 / cycles;
  double u = 0.0;
  for (int k = 0; k < cycles; ++k) {
    const double h = height * (k == 0 ? rng.Uniform(0.9, 1.2) : rng.Uniform(0.35, 0.9));
    const double loop = advance * rng.Uniform(0.2, 0.7);
    const int steps = 64;
    for (int i = 0; i < steps; ++i) {
      const double t = static_cast<double>(i) / steps;
      const double th = 2.0 * kPi * t;
      s.push_back(frame(u + advance * t - loop * std::sin(th),
                        h * (0.5 - 0.5 * std::cos(th))));
    }
    u += advance;
  }
  // Flourish: from the end down under the name and back to the left.
  const double under = height * rng.Uniform(0.2, 0.45);
  std::vector<Point> tail = {frame(u, 0.0),
                             frame(u + width * 0.12, -under * 0.5),
                             frame(u * 0.55, -under),
                             frame(-width * rng.Uniform(0.05, 0.2), -under * rng.Uniform(0.6, 1.2))};
  const Stroke flourish = Spline(tail, 32);
  s.insert(s.end(), flourish.begin() + 1, flourish.end());
  out.push_back(std::move(s));
}

// Draws pen strokes into a coverage mask (0..1): discs stamped along each
// stroke, with a short taper at the ends and slowly varying pressure.
void DrawStrokes(const std::vector<Stroke>& strokes, double half_width,
                 Rng& rng, Gray& mask) {
  for (const Stroke& s : strokes) {
    if (s.size() < 2) continue;
    double total = 0.0;
    for (size_t i = 1; i < s.size(); ++i) {
      total += std::hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y);
    }
    const double period = rng.Uniform(40.0, 90.0) * half_width;
    const double phase = rng.Uniform(0.0, 2.0 * kPi);
    const double step = 0.35 * half_width;
    double along = 0.0;
    for (size_t i = 1; i < s.size(); ++i) {
      const double dx = s[i].x - s[i - 1].x, dy = s[i].y - s[i - 1].y;
      const double len = std::hypot(dx, dy);
      const int n = std::max(1, static_cast<int>(std::ceil(len / step)));
      for (int k = 0; k < n; ++k) {
        const double t = static_cast<double>(k) / n;
        const double px = s[i - 1].x + dx * t, py = s[i - 1].y + dy * t;
        const double a = along + len * t;
        const double taper =
            0.55 + 0.45 * SmoothStep(0.0f, static_cast<float>(6.0 * half_width),
                                     static_cast<float>(std::min(a, total - a)));
        const double r = half_width * taper;
        const double pressure = 0.88 + 0.12 * std::sin(a / period + phase);
        const int x0 = std::max(0, static_cast<int>(std::floor(px - r - 1)));
        const int x1 = std::min(mask.w - 1, static_cast<int>(std::ceil(px + r + 1)));
        const int y0 = std::max(0, static_cast<int>(std::floor(py - r - 1)));
        const int y1 = std::min(mask.h - 1, static_cast<int>(std::ceil(py + r + 1)));
        for (int y = y0; y <= y1; ++y) {
          for (int x = x0; x <= x1; ++x) {
            const double d = std::hypot(x + 0.5 - px, y + 0.5 - py);
            const float c =
                static_cast<float>(pressure) * Clamp01(static_cast<float>(r + 0.5 - d));
            float& m = mask.At(x, y);
            m = std::max(m, c);
          }
        }
      }
      along += len;
    }
  }
}

// The handwriting of one page: per pixel the share of ink (0..1) and the
// pen's colour.
struct Ink {
  Gray alpha;
  double r = 0, g = 0, b = 0;
};

// Writes the handwriting for a w x h page at `dpi`. `signature_bottom` is
// the lowest text row of the signature block (see SignatureBottom).
Ink DrawInk(int w_px, int h_px, int dpi, int signature_bottom, Rng& rng) {
  Rng rng_header = rng.Fork();
  Rng rng_note = rng.Fork();
  Rng rng_sign = rng.Fork();
  Rng rng_pen = rng.Fork();
  const double mm = dpi / 25.4;
  const double w = w_px, h = h_px;
  std::vector<Stroke> strokes;

  // (a) The number after "Số:" (left half) and the day and month of the date
  // line (right half), in the header, i.e. the top 15% of the page.
  {
    const double height = rng_header.Uniform(3.5, 5.0) * mm;
    const double angle = -rng_header.Uniform(0.0, 0.06);
    Digits(w * rng_header.Uniform(0.14, 0.30), h * rng_header.Uniform(0.09, 0.145),
           3 + rng_header.Below(2), height, angle, rng_header, strokes);
    const double y = h * rng_header.Uniform(0.09, 0.145);
    const double x_day = w * rng_header.Uniform(0.56, 0.68);
    const double x_end = Digits(x_day, y, 1 + rng_header.Below(2), height, angle,
                                rng_header, strokes);
    Digits(x_end + rng_header.Uniform(12.0, 20.0) * mm, y - rng_header.Uniform(0.0, 1.5) * mm,
           1 + rng_header.Below(2), height, angle, rng_header, strokes);
  }
  // (b) The receiving officer's instructions, written slanted across the
  // first lines of the body.
  {
    const double xh = rng_note.Uniform(2.2, 3.2) * mm;
    const int lines = 2 + rng_note.Below(3);
    const double spacing = xh * rng_note.Uniform(3.0, 3.8);
    Frame frame{w * rng_note.Uniform(0.14, 0.30), h * rng_note.Uniform(0.22, 0.30),
                -rng_note.Uniform(0.05, 0.2), std::tan(rng_note.Uniform(0.15, 0.4))};
    const double length = w * rng_note.Uniform(0.35, 0.55);
    for (int k = 0; k < lines; ++k) {
      Frame line = frame;
      line.x0 += -spacing * k * std::sin(frame.angle) + rng_note.Uniform(-2.0, 2.0) * mm;
      line.y0 += spacing * k * std::cos(frame.angle);
      // The last line is often shorter (a date or an initial).
      const double len = k + 1 == lines ? length * rng_note.Uniform(0.3, 0.8) : length;
      CursiveLine(line, len * rng_note.Uniform(0.85, 1.0), xh, rng_note, strokes);
    }
  }
  // (c) The signature, between the signer's title and the printed name,
  // which is the lowest text on the right; its loops reach the name.
  {
    const double width = rng_sign.Uniform(30.0, 45.0) * mm;
    const double height = rng_sign.Uniform(9.0, 14.0) * mm;
    const double bottom = signature_bottom >= 0 ? signature_bottom : h * 0.75;
    double x = w * rng_sign.Uniform(0.50, 0.62);
    double y = bottom - rng_sign.Uniform(3.0, 12.0) * mm;
    x = std::min(x, w - width - 10.0 * mm);
    y = std::max(y, h * 0.2);
    Signature(x, y, width, height, rng_sign, strokes);
  }

  // Ballpoint at 300 dpi draws a line 2-3 px wide.
  const double half_width = rng_pen.Uniform(1.0, 1.5) * dpi / 300.0;
  Ink ink;
  ink.alpha = Gray(w_px, h_px, 0.0f);
  DrawStrokes(strokes, half_width, rng_pen, ink.alpha);

  // Blue ballpoint, about RGB (30, 60, 170), a little transparent and uneven
  // in density (the ball skips a little).
  ink.r = 30.0 + rng_pen.Uniform(-8.0, 8.0);
  ink.g = 60.0 + rng_pen.Uniform(-10.0, 10.0);
  ink.b = 170.0 + rng_pen.Uniform(-15.0, 15.0);
  const double opacity = rng_pen.Uniform(0.85, 0.95);
  const std::vector<float> density = ValueNoise(w_px, h_px, 2.0 * mm, rng_pen);
  for (size_t i = 0; i < ink.alpha.v.size(); ++i) {
    ink.alpha.v[i] *= static_cast<float>(opacity * (0.8 + 0.2 * density[i]));
  }
  return ink;
}

// Blends the ink by multiplication: on paper it takes its own colour, over
// toner the print stays dark and visible through it.
void ApplyInk(const Ink& ink, Rgb& img) {
  for (size_t i = 0; i < ink.alpha.v.size(); ++i) {
    const double a = ink.alpha.v[i];
    if (a <= 0.0) continue;
    img.r[i] = static_cast<float>(img.r[i] * (1.0 - a + a * ink.r / 255.0));
    img.g[i] = static_cast<float>(img.g[i] * (1.0 - a + a * ink.g / 255.0));
    img.b[i] = static_cast<float>(img.b[i] * (1.0 - a + a * ink.b / 255.0));
  }
}

// The same on a grey page, the ink seen as its luminance (the weights of
// pixConvertRGBToLuminance, as the grey levels convert their input).
void ApplyInk(const Ink& ink, Gray& img) {
  const double grey = 0.3 * ink.r + 0.5 * ink.g + 0.2 * ink.b;
  for (size_t i = 0; i < ink.alpha.v.size(); ++i) {
    const double a = ink.alpha.v[i];
    if (a <= 0.0) continue;
    img.v[i] = static_cast<float>(img.v[i] * (1.0 - a + a * grey / 255.0));
  }
}

// --ink on the printed page, for the levels without a printing step of
// their own (clean, photo): an RGB copy of `input` with the handwriting.
PixPtr InkedPage(PIX* input, int dpi, Rng& rng) {
  PixPtr rgb(pixConvertTo32(input));
  PixPtr grey = ToGray8(input);
  if (!rgb || !grey) return nullptr;
  Rgb img = RgbFromPix(rgb.get());
  ApplyInk(DrawInk(img.w, img.h, dpi, SignatureBottom(GrayFromPix(grey.get())), rng),
           img);
  PixPtr out = PixFromRgb(img);
  if (out) pixSetResolution(out.get(), dpi, dpi);
  return out;
}

// ---------------------------------------------------------------- office

struct Result {
  PixPtr pix;
  Jpeg jpeg;  // set when the last step was a JPEG encoding
  double angle = 0.0;
  int dpi = kDefaultInputDpi;
};

// `ink_rng` (optional) writes the --ink handwriting on the printout.
// `color` (--color) scans the same page in colour: every draw of the grey
// scan is made alike, so only the colour is added; the page is carried as
// RGB from the handwriting on (grey where there is no ink).
bool Office(PIX* input, int dpi, Rng& rng, Rng* ink_rng, bool color, Result& res) {
  Rng rng_geom = rng.Fork();
  Rng rng_paper = rng.Fork();
  Rng rng_noise = rng.Fork();
  Rng rng_toner = rng.Fork();
  Rng rng_tint = rng.Fork();  // --color only; the last fork, so the others do not move

  PixPtr grey = ToGray8(input);
  if (!grey) return false;
  // Show-through: the verso of thin paper, i.e. the page mirrored and
  // shifted, faintly mixed in before the scan.
  PixPtr verso(pixFlipLR(nullptr, grey.get()));
  if (!verso) return false;
  const Gray back = GrayFromPix(verso.get());
  Gray front = GrayFromPix(grey.get());
  const int signature_bottom = ink_rng ? SignatureBottom(front) : -1;
  // Uneven toner on the printout: patches (about an inch across) where the
  // ink density drops to ~40%.
  {
    const std::vector<float> f = Fbm(front.w, front.h, dpi, rng_toner);
    for (size_t i = 0; i < front.v.size(); ++i) {
      const float keep = 1.0f - 0.58f * SmoothStep(0.60f, 0.75f, f[i]);
      front.v[i] = 255.0f - (255.0f - front.v[i]) * keep;
    }
  }
  // --color: from here on the page is RGB, all three channels the grey
  // page, so that the handwriting keeps its colour.
  Rgb front_rgb;
  if (color) front_rgb = RgbFromGray(front);
  // --ink: handwritten on the printout, so after the toner and not faded
  // with it.
  if (ink_rng) {
    const Ink ink = DrawInk(front.w, front.h, dpi, signature_bottom, *ink_rng);
    if (color) {
      ApplyInk(ink, front_rgb);
    } else {
      ApplyInk(ink, front);
    }
  }
  const double show = rng_paper.Uniform(0.06, 0.12);
  const int shift = static_cast<int>(rng_paper.Uniform(-0.4, 0.4) * dpi);
  auto show_through = [&](std::vector<float>& v) {
    for (int y = 0; y < front.h; ++y) {
      const int by = y + shift;
      if (by < 0 || by >= back.h) continue;
      for (int x = 0; x < front.w; ++x) {
        const float d = 255.0f - back.At(x, by);
        float& f = v[static_cast<size_t>(y) * front.w + x];
        f -= static_cast<float>(show * d) * (f / 255.0f);
      }
    }
  };
  if (color) {
    show_through(front_rgb.r);
    show_through(front_rgb.g);
    show_through(front_rgb.b);
  } else {
    show_through(front.v);
  }
  PixPtr both = color ? PixFromRgb(front_rgb) : PixFromGray(front);
  if (!both) return false;

  res.angle = rng_geom.Sign() * rng_geom.Uniform(0.5, 2.0);
  PixPtr rotated = Rotate(both.get(), res.angle);
  if (!rotated) return false;
  Gray g;
  Rgb img;
  if (color) {
    img = RgbFromPix(rotated.get());
    g.w = img.w;
    g.h = img.h;
  } else {
    g = GrayFromPix(rotated.get());
  }

  // Paper: base grey, a gentle linear gradient in a random direction, faint
  // blotches. Ink is a dark grey, not black.
  const double base = rng_paper.Uniform(222.0, 236.0);
  const double amp = rng_paper.Uniform(6.0, 12.0);
  const double theta = rng_paper.Uniform(0.0, 2.0 * kPi);
  const double ink = rng_paper.Uniform(60.0, 90.0);
  const double ct = std::cos(theta), st = std::sin(theta);
  const double half_diag = 0.5 * std::hypot(g.w, g.h);
  const std::vector<float> blotch = ValueNoise(g.w, g.h, dpi * 1.2, rng_paper);
  // --color: the paper is a little warm, about RGB (232, 228, 218) at a grey
  // of 228 (red +1-2.5%, blue -3.5-6%). The whole tone scale is tinted
  // alike, so show-through is the paper's colour, darker, and the toner a
  // near-neutral dark grey; the handwriting's colour comes through the
  // channels it darkens.
  const double tint_r = 1.0 + rng_tint.Uniform(0.01, 0.025);
  const double tint_b = 1.0 - rng_tint.Uniform(0.035, 0.06);
  for (int y = 0; y < g.h; ++y) {
    for (int x = 0; x < g.w; ++x) {
      const double t = ((x - 0.5 * g.w) * ct + (y - 0.5 * g.h) * st) / half_diag;
      const double paper = base + amp * t +
                           6.0 * (blotch[static_cast<size_t>(y) * g.w + x] - 0.5);
      if (color) {
        const size_t i = static_cast<size_t>(y) * img.w + x;
        auto tone = [&](float v, double tint) {
          return static_cast<float>(tint * (ink + (paper - ink) * (v / 255.0)));
        };
        img.r[i] = tone(img.r[i], tint_r);
        img.g[i] = tone(img.g[i], 1.0);
        img.b[i] = tone(img.b[i], tint_b);
        continue;
      }
      float& v = g.At(x, y);
      v = static_cast<float>(ink + (paper - ink) * (v / 255.0));
    }
  }
  PixPtr papered = color ? PixFromRgb(img) : PixFromGray(g);
  if (!papered) return false;
  // Soft optics: the sensor resolves about 120 dpi, interpolated to the
  // nominal resolution, then a mild blur.
  const float down = 120.0f / static_cast<float>(dpi);
  PixPtr low(pixScaleAreaMap(papered.get(), down, down));
  if (!low) return false;
  PixPtr up(pixScaleToSize(low.get(), g.w, g.h));
  if (!up) return false;
  PixPtr blurred(pixBlockconv(up.get(), 1, 1));
  if (!blurred) return false;
  PixPtr noisy;
  if (color) {
    // Sensor noise per channel: a shared grain and a little of each
    // channel's own, about sigma 9 per channel as in grey.
    img = RgbFromPix(blurred.get());
    for (size_t i = 0; i < img.r.size(); ++i) {
      const double grain = 8.0 * rng_noise.Gaussian();
      img.r[i] += static_cast<float>(grain + 4.0 * rng_noise.Gaussian());
      img.g[i] += static_cast<float>(grain + 4.0 * rng_noise.Gaussian());
      img.b[i] += static_cast<float>(grain + 4.0 * rng_noise.Gaussian());
    }
    noisy = PixFromRgb(img);
  } else {
    g = GrayFromPix(blurred.get());
    AddNoise(g, 9.0, rng_noise);
    noisy = PixFromGray(g);
  }
  if (!noisy) return false;
  pixSetResolution(noisy.get(), dpi, dpi);
  if (!EncodeJpeg(noisy.get(), 40, res.jpeg)) return false;
  res.pix.reset(pixReadMemJpeg(res.jpeg.bytes.get(), res.jpeg.size, 0, 1,
                               nullptr, 0));
  res.dpi = dpi;
  return res.pix != nullptr;
}

// ------------------------------------------------------------------ hard

// How hard the copier is on the print: the hard level and the harsher worn
// level draw the same geometry, seal and noise, and differ only here.
struct CopyWear {
  // Share of a max filter mixed in where strokes thin: 1 removes a pixel of
  // ink on every side (thin strokes vanish), 0.5 lightens them so that they
  // break where the toner noise is against them.
  float thinning;
  // Lowest ink density left in faded regions (1: no fading).
  float fade_floor;
  // Toner dust over the whole page, dots per megapixel where it is densest.
  double dust_per_mpx;
};
constexpr CopyWear kHardWear{0.5f, 0.85f, 12000.0};
constexpr CopyWear kWornWear{1.0f, 0.70f, 0.0};

// Choose per region between thinned, original and thickened strokes; regions
// come from a smooth random field, so whole words or parts of letters are
// bold, or thin with breaks.
bool MorphJitter(PIX* grey, double cell, float thin_below, float thick_above,
                 float thinning, Rng& rng, Gray& out) {
  PixPtr thick(pixErodeGray(grey, 3, 3));  // min filter: dark ink spreads
  PixPtr thin(pixDilateGray(grey, 3, 3));  // max filter: ink recedes
  if (!thick || !thin) return false;
  out = GrayFromPix(grey);
  const Gray gk = GrayFromPix(thick.get());
  const Gray gn = GrayFromPix(thin.get());
  const std::vector<float> m = Fbm(out.w, out.h, cell, rng);
  for (size_t i = 0; i < out.v.size(); ++i) {
    if (m[i] > thick_above) {
      out.v[i] = gk.v[i];
    } else if (m[i] < thin_below) {
      out.v[i] = out.v[i] + thinning * (gn.v[i] - out.v[i]);
    }
  }
  return true;
}

// One photocopier generation on a grey image: blur, toner noise, and a steep
// contrast curve around a wandering threshold (ragged, semi-binary edges).
// `fade` (optional) scales the ink density before thresholding.
bool CopyGeneration(Gray& g, double noise_sigma, double threshold,
                    double threshold_wander, double steepness,
                    const std::vector<float>* fade, Rng& rng) {
  PixPtr pix = PixFromGray(g);
  if (!pix) return false;
  PixPtr blurred(pixBlockconv(pix.get(), 1, 1));
  if (!blurred) return false;
  g = GrayFromPix(blurred.get());
  const std::vector<float> wander =
      ValueNoise(g.w, g.h, std::max(g.w, g.h) / 6.0, rng);
  for (size_t i = 0; i < g.v.size(); ++i) {
    double density = 255.0 - g.v[i];
    if (fade) density *= (*fade)[i];
    const double v = 255.0 - density + noise_sigma * rng.Gaussian();
    const double t = threshold + threshold_wander * (wander[i] - 0.5);
    g.v[i] = static_cast<float>(255.0 / (1.0 + std::exp(-(v - t) / steepness)));
  }
  return true;
}

// Dark dots (toner specks, dust) and a few small irregular blobs; with
// `dust_per_mpx`, fine toner dust as well, dense in some regions and sparse
// in others, as a worn copier drum leaves it.
void Speckle(Gray& g, int dpi, double dust_per_mpx, Rng& rng) {
  const double mpx = g.w * static_cast<double>(g.h) / 1e6;
  auto disc = [&](double cx, double cy, double r, double darkness) {
    const int x0 = std::max(0, static_cast<int>(std::floor(cx - r - 1)));
    const int x1 = std::min(g.w - 1, static_cast<int>(std::ceil(cx + r + 1)));
    const int y0 = std::max(0, static_cast<int>(std::floor(cy - r - 1)));
    const int y1 = std::min(g.h - 1, static_cast<int>(std::ceil(cy + r + 1)));
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x) {
        const double d = std::hypot(x - cx, y - cy);
        const double cover = Clamp01(static_cast<float>(r + 0.5 - d));
        if (cover <= 0) continue;
        float& v = g.At(x, y);
        v = static_cast<float>(v * (1.0 - darkness * cover));
      }
    }
  };
  const int dots = static_cast<int>(700 * mpx);
  for (int i = 0; i < dots; ++i) {
    disc(rng.Uniform(0, g.w), rng.Uniform(0, g.h), rng.Uniform(0.4, 1.4),
         rng.Uniform(0.5, 1.0));
  }
  const int blobs = static_cast<int>(14 * mpx);
  for (int i = 0; i < blobs; ++i) {
    const double cx = rng.Uniform(0, g.w), cy = rng.Uniform(0, g.h);
    const double r = rng.Uniform(1.5, 4.0) * dpi / 200.0;
    const int parts = 2 + rng.Below(3);
    for (int k = 0; k < parts; ++k) {
      disc(cx + rng.Uniform(-r, r), cy + rng.Uniform(-r, r),
           r * rng.Uniform(0.5, 1.0), rng.Uniform(0.7, 1.0));
    }
  }
  // A faint vertical streak from a dirty copier drum, now and then.
  if (rng.Uniform() < 0.5) {
    const double sx = rng.Uniform(0.1 * g.w, 0.9 * g.w);
    const double width = rng.Uniform(1.0, 3.0);
    const double dark = rng.Uniform(0.10, 0.25);
    for (int y = 0; y < g.h; ++y) {
      for (int x = std::max(0, static_cast<int>(sx - width - 1));
           x <= std::min(g.w - 1, static_cast<int>(sx + width + 1)); ++x) {
        const double cover = Clamp01(static_cast<float>(width - std::fabs(x - sx)));
        g.At(x, y) *= static_cast<float>(1.0 - dark * cover);
      }
    }
  }
  if (dust_per_mpx > 0) {
    // Drawn last, so that with and without dust (hard and worn) one seed draws the same dots,
    // blobs and streak.
    const std::vector<float> density = Fbm(g.w, g.h, dpi * 1.2, rng);
    const int dust = static_cast<int>(dust_per_mpx * mpx);
    for (int i = 0; i < dust; ++i) {
      const double x = rng.Uniform(0, g.w), y = rng.Uniform(0, g.h);
      const double r = rng.Uniform(0.35, 1.0), dark = rng.Uniform(0.45, 0.95);
      const size_t at = static_cast<size_t>(std::min(g.h - 1, static_cast<int>(y))) * g.w +
                        std::min(g.w - 1, static_cast<int>(x));
      if (rng.Uniform() > SmoothStep(0.25f, 0.70f, density[at])) continue;
      disc(x, y, r, dark);
    }
  }
}

// Distance from (px, py) to the segment a-b.
double SegmentDistance(double px, double py, double ax, double ay, double bx,
                       double by) {
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0.0;
  t = std::min(1.0, std::max(0.0, t));
  return std::hypot(px - (ax + t * dx), py - (ay + t * dy));
}

struct Segment {
  double ax, ay, bx, by, half_width;
};

bool InsideStar(double x, double y, double cx, double cy, double r,
                double tilt) {
  // Five-pointed star, point up: even-odd test on the 10-vertex polygon.
  double vx[10], vy[10];
  for (int k = 0; k < 10; ++k) {
    const double rr = (k % 2 == 0) ? r : r * 0.40;
    const double a = -kPi / 2 + tilt + k * kPi / 5;
    vx[k] = cx + rr * std::cos(a);
    vy[k] = cy + rr * std::sin(a);
  }
  bool inside = false;
  for (int i = 0, j = 9; i < 10; j = i++) {
    if ((vy[i] > y) != (vy[j] > y) &&
        x < (vx[j] - vx[i]) * (y - vy[i]) / (vy[j] - vy[i]) + vx[i]) {
      inside = !inside;
    }
  }
  return inside;
}

// Stamps a red round seal (Vietnamese "con dấu": thick outer ring, thin
// inner ring, a band of letter-like marks between them, a star and a line of
// marks in the middle) centred at (cx, cy), blended like ink (multiply).
void StampSeal(Rgb& img, double cx, double cy, int dpi, Rng& rng) {
  const double mm = dpi / 25.4;
  const double radius = rng.Uniform(19.0, 21.0) * mm;     // ~4 cm across
  const double ring = rng.Uniform(1.8, 2.2) * mm;         // ~2 mm thick
  const double inner_r = radius * 0.64;
  const double inner_w = 0.35 * mm;
  const double stroke = 0.30 * mm;  // half width of the letter strokes
  const double tilt = rng.Uniform(-0.35, 0.35);  // radians, about ±20°
  const double ct = std::cos(tilt), st = std::sin(tilt);
  // Rotates a point given relative to the centre by the tilt.
  auto turn = [&](double dx, double dy, double& x, double& y) {
    x = cx + dx * ct - dy * st;
    y = cy + dx * st + dy * ct;
  };

  std::vector<Segment> segs;
  // Letters around the band, from lower left over the top to lower right.
  const double band_r = (radius - ring + inner_r + inner_w) / 2.0;
  const double glyph_h = (radius - ring - inner_r - inner_w) * 0.62;
  const int letters = 20 + rng.Below(6);
  const double a_start = kPi * 0.72 + tilt, a_end = kPi * 2.28 + tilt;
  for (int k = 0; k < letters; ++k) {
    const double a = a_start + (a_end - a_start) * (k + 0.5) / letters;
    const double ux = std::cos(a), uy = std::sin(a);  // radial (outwards)
    const double tx = -uy, ty = ux;                   // tangential
    const double gw = glyph_h * rng.Uniform(0.45, 0.7);
    // A glyph is 2-4 strokes between random points of a small box in the
    // (tangential, radial) frame, like a stylised capital letter.
    const int strokes = 2 + rng.Below(3);
    for (int s = 0; s < strokes; ++s) {
      const double u0 = rng.Uniform(-0.5, 0.5) * gw;
      const double v0 = rng.Below(2) != 0 ? glyph_h / 2 : -glyph_h / 2;
      const double u1 = rng.Uniform(-0.5, 0.5) * gw;
      const double v1 = (rng.Uniform() < 0.7) ? -v0 : rng.Uniform(-0.5, 0.5) * glyph_h;
      segs.push_back({cx + band_r * ux + u0 * tx + v0 * ux,
                      cy + band_r * uy + u0 * ty + v0 * uy,
                      cx + band_r * ux + u1 * tx + v1 * ux,
                      cy + band_r * uy + u1 * ty + v1 * uy, stroke});
    }
  }
  // A line of smaller marks under the star (centre-relative, then tilted).
  const int marks = 6 + rng.Below(3);
  const double row_y = inner_r * 0.45;
  const double mark_h = inner_r * 0.22;
  const double row_w = inner_r * 1.3;
  for (int k = 0; k < marks; ++k) {
    const double mx = -row_w / 2 + row_w * (k + 0.5) / marks;
    const double mw = row_w / marks * 0.6;
    const int strokes = 2 + rng.Below(2);
    for (int s = 0; s < strokes; ++s) {
      Segment seg{0, 0, 0, 0, stroke * 0.85};
      turn(mx + rng.Uniform(-0.5, 0.5) * mw,
           row_y - mark_h / 2 + rng.Uniform(0, 0.3) * mark_h, seg.ax, seg.ay);
      turn(mx + rng.Uniform(-0.5, 0.5) * mw,
           row_y + mark_h / 2 - rng.Uniform(0, 0.3) * mark_h, seg.bx, seg.by);
      segs.push_back(seg);
    }
  }
  const double star_r = inner_r * 0.36;
  double star_cx = 0, star_cy = 0;
  turn(0.0, -inner_r * 0.12, star_cx, star_cy);

  const int x0 = std::max(0, static_cast<int>(cx - radius - 2));
  const int x1 = std::min(img.w - 1, static_cast<int>(cx + radius + 2));
  const int y0 = std::max(0, static_cast<int>(cy - radius - 2));
  const int y1 = std::min(img.h - 1, static_cast<int>(cy + radius + 2));
  if (x1 <= x0 || y1 <= y0) return;
  const int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  // Uneven inking: a smooth field, and finer patches where the ink is thin.
  const std::vector<float> coarse = ValueNoise(bw, bh, 6.0 * mm, rng);
  const std::vector<float> fine = ValueNoise(bw, bh, 0.9 * mm, rng);
  const double opacity = rng.Uniform(0.72, 0.85);
  const double sr = 200.0 / 255.0, sg = 30.0 / 255.0, sb = 30.0 / 255.0;
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      const double px = x + 0.5, py = y + 0.5;
      const double d = std::hypot(px - cx, py - cy);
      double cover = 0.0;
      cover = std::max(cover, static_cast<double>(Clamp01(static_cast<float>(
                                  std::min(d - (radius - ring), radius - d) + 0.5))));
      cover = std::max(cover, static_cast<double>(Clamp01(static_cast<float>(
                                  inner_w - std::fabs(d - inner_r) + 0.5))));
      if (InsideStar(px, py, star_cx, star_cy, star_r, tilt)) cover = 1.0;
      if (cover < 1.0 && d < radius - ring) {
        for (const Segment& s : segs) {
          const double sd = SegmentDistance(px, py, s.ax, s.ay, s.bx, s.by);
          cover = std::max(cover, static_cast<double>(Clamp01(
                                      static_cast<float>(s.half_width - sd + 0.5))));
          if (cover >= 1.0) break;
        }
      }
      if (cover <= 0.0) continue;
      const size_t li = static_cast<size_t>(y - y0) * bw + (x - x0);
      double a = cover * opacity * (0.55 + 0.45 * coarse[li]);
      if (fine[li] < 0.22) a *= 0.35;
      const size_t i = static_cast<size_t>(y) * img.w + x;
      img.r[i] = static_cast<float>(img.r[i] * (1.0 - a + a * sr));
      img.g[i] = static_cast<float>(img.g[i] * (1.0 - a + a * sg));
      img.b[i] = static_cast<float>(img.b[i] * (1.0 - a + a * sb));
    }
  }
}

// `ink_rng` (optional) writes the --ink handwriting on the final copy.
bool Hard(PIX* input, int in_dpi, const CopyWear& wear, Rng& rng, Rng* ink_rng, Result& res) {
  Rng rng_geom = rng.Fork();
  Rng rng_gen1 = rng.Fork();
  Rng rng_gen2 = rng.Fork();
  Rng rng_fade = rng.Fork();
  Rng rng_speckle = rng.Fork();
  Rng rng_seal = rng.Fork();
  Rng rng_light = rng.Fork();
  Rng rng_noise = rng.Fork();

  PixPtr grey = ToGray8(input);
  if (!grey) return false;

  // Generation 1, at the input resolution: stroke jitter, then copy.
  const double s_in = in_dpi / 300.0;
  Gray g;
  if (!MorphJitter(grey.get(), 70.0 * s_in, 0.20f, 0.70f, wear.thinning, rng_gen1, g) ||
      !CopyGeneration(g, 28.0, 150.0, 40.0, 14.0, nullptr, rng_gen1))
    return false;

  // Down to 200 dpi (area mapping, i.e. the copier's optics).
  PixPtr gen1 = PixFromGray(g);
  if (!gen1) return false;
  const float scale = static_cast<float>(kHardDpi) / static_cast<float>(in_dpi);
  PixPtr small(pixScaleAreaMap(gen1.get(), scale, scale));
  if (!small) return false;

  // Generation 2 at 200 dpi, with faded regions (toner running low).
  Gray g2;
  if (!MorphJitter(small.get(), 60.0, 0.12f, 0.82f, wear.thinning, rng_gen2, g2)) return false;
  std::vector<float> fade = Fbm(g2.w, g2.h, kHardDpi * 1.3, rng_fade);
  for (float& f : fade) f = wear.fade_floor + (1.0f - wear.fade_floor) * SmoothStep(0.15f, 0.75f, f);
  if (!CopyGeneration(g2, 22.0, 140.0, 30.0, 16.0, &fade, rng_gen2))
    return false;
  int signature_bottom = SignatureBottom(g2);
  if (signature_bottom < 0) signature_bottom = g2.h * 3 / 4;
  Speckle(g2, kHardDpi, wear.dust_per_mpx, rng_speckle);

  // The final scan is skewed; the corners come in as blank paper.
  res.angle = rng_geom.Sign() * rng_geom.Uniform(1.0, 2.5);
  PixPtr copied = PixFromGray(g2);
  if (!copied) return false;
  PixPtr rotated = Rotate(copied.get(), res.angle);
  if (!rotated) return false;
  g2 = GrayFromPix(rotated.get());

  // Paper tint and ink colour, as RGB.
  const double paper = rng_light.Uniform(228.0, 242.0);
  const double ink = rng_light.Uniform(20.0, 40.0);
  Rgb img;
  img.w = g2.w;
  img.h = g2.h;
  const size_t n = g2.v.size();
  img.r.resize(n);
  img.g.resize(n);
  img.b.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const double t = Clamp01(g2.v[i] / 255.0f);
    img.r[i] = static_cast<float>(ink + (paper + 3.0 - ink) * t);
    img.g[i] = static_cast<float>(ink + (paper - ink) * t);
    img.b[i] = static_cast<float>(ink + (paper - 8.0 - ink) * t);
  }

  // --ink: the handwriting is on this copy (so blue, not copied in black),
  // under the seal as a signature is.
  if (ink_rng) ApplyInk(DrawInk(img.w, img.h, kHardDpi, signature_bottom, *ink_rng), img);

  // The seal goes over the lower right of the text, where the signature
  // block of an administrative document sits; it was stamped by hand, so it
  // has its own tilt. The text is located before the specks are added (and
  // the small rotation does not matter for this).
  const double mm = kHardDpi / 25.4;
  const double r_seal = 20.0 * mm;
  double cx = g2.w * rng_seal.Uniform(0.55, 0.68);
  double cy = signature_bottom - r_seal * rng_seal.Uniform(0.2, 0.8);
  cx = std::min(std::max(cx, r_seal + 10.0), g2.w - r_seal - 10.0);
  cy = std::min(std::max(cy, g2.h * 0.3), g2.h - r_seal - 10.0);
  StampSeal(img, cx, cy, kHardDpi, rng_seal);

  // Scan: mild blur, then uneven illumination (all channels) and noise.
  PixPtr flat = PixFromRgb(img);
  if (!flat) return false;
  PixPtr blurred(pixBlockconv(flat.get(), 1, 1));
  if (!blurred) return false;
  img = RgbFromPix(blurred.get());

  const double theta = rng_light.Uniform(0.0, 2.0 * kPi);
  const double strength = rng_light.Uniform(0.20, 0.28);
  const double ct = std::cos(theta), st = std::sin(theta);
  const double half_diag = 0.5 * std::hypot(img.w, img.h);
  const std::vector<float> blotch =
      Fbm(img.w, img.h, kHardDpi * 1.5, rng_light);
  for (int y = 0; y < img.h; ++y) {
    for (int x = 0; x < img.w; ++x) {
      // Linear ramp from 1 (bright side) to 1 - strength (dark side), a
      // vignette, and soft blotches.
      const double t =
          0.5 + 0.5 * ((x - 0.5 * img.w) * ct + (y - 0.5 * img.h) * st) / half_diag;
      const double rx = (x - 0.5 * img.w) / (0.5 * img.w);
      const double ry = (y - 0.5 * img.h) / (0.5 * img.h);
      const size_t i = static_cast<size_t>(y) * img.w + x;
      const double light = (1.0 - strength * t) *
                           (1.0 - 0.06 * (rx * rx + ry * ry)) *
                           (1.0 - 0.10 * blotch[i]);
      const double grain = 6.0 * rng_noise.Gaussian();
      img.r[i] = static_cast<float>(img.r[i] * light + grain + 2.0 * rng_noise.Gaussian());
      img.g[i] = static_cast<float>(img.g[i] * light + grain + 2.0 * rng_noise.Gaussian());
      img.b[i] = static_cast<float>(img.b[i] * light + grain + 2.0 * rng_noise.Gaussian());
    }
  }
  res.pix = PixFromRgb(img);
  res.dpi = kHardDpi;
  return res.pix != nullptr;
}

// ----------------------------------------------------------------- photo

// Samples `src` at (x, y) bilinearly (pixel centres at integer + 0.5);
// outside the image is white paper.
void SampleBilinear(const Rgb& src, double x, double y, float& r, float& g,
                    float& b) {
  const double fx = x - 0.5, fy = y - 0.5;
  const int x0 = static_cast<int>(std::floor(fx));
  const int y0 = static_cast<int>(std::floor(fy));
  const float tx = static_cast<float>(fx - x0), ty = static_cast<float>(fy - y0);
  float acc[3] = {0.0f, 0.0f, 0.0f};
  for (int k = 0; k < 4; ++k) {
    const int xx = x0 + (k & 1), yy = y0 + (k >> 1);
    const float wgt = ((k & 1) != 0 ? tx : 1.0f - tx) * ((k >> 1) != 0 ? ty : 1.0f - ty);
    if (xx < 0 || yy < 0 || xx >= src.w || yy >= src.h) {
      for (float& a : acc) a += 255.0f * wgt;
      continue;
    }
    const size_t i = static_cast<size_t>(yy) * src.w + xx;
    acc[0] += src.r[i] * wgt;
    acc[1] += src.g[i] * wgt;
    acc[2] += src.b[i] * wgt;
  }
  r = acc[0];
  g = acc[1];
  b = acc[2];
}

// A page that does not lie flat (held open, or bowed from being bound): the
// text lines are displaced vertically by a smooth function of x, most at the
// lifted side, a little more towards the bottom of the page. Amplitude a
// few pixels to ~1% of the height.
Rgb Curl(const Rgb& src, Rng& rng) {
  const double amp = src.h * rng.Uniform(0.003, 0.010) * rng.Sign();
  const bool from_left = rng.Uniform() < 0.5;     // which side is lifted
  const double bow = rng.Uniform(0.3, 0.7);       // share of the whole-page bow
  const double lift_end = rng.Uniform(0.35, 0.6);  // how far in the lift reaches
  std::vector<double> dy_of_x(static_cast<size_t>(src.w));
  for (int x = 0; x < src.w; ++x) {
    const double u = (from_left ? src.w - 1 - x : x) / static_cast<double>(src.w - 1);
    // u = 0 at the lifted edge. A bow over the whole width plus a lift that
    // grows smoothly towards that edge.
    const double lift = 1.0 - SmoothStep(0.0f, static_cast<float>(lift_end), static_cast<float>(u));
    dy_of_x[static_cast<size_t>(x)] = amp * (bow * std::sin(kPi * u) + (1.0 - bow) * lift * lift);
  }
  Rgb out;
  out.w = src.w;
  out.h = src.h;
  const size_t n = static_cast<size_t>(src.w) * src.h;
  out.r.resize(n);
  out.g.resize(n);
  out.b.resize(n);
  for (int y = 0; y < src.h; ++y) {
    const double grow = 0.7 + 0.6 * y / static_cast<double>(src.h);
    for (int x = 0; x < src.w; ++x) {
      const size_t i = static_cast<size_t>(y) * src.w + x;
      SampleBilinear(src, x + 0.5, y + 0.5 - dy_of_x[static_cast<size_t>(x)] * grow,
                     out.r[i], out.g[i], out.b[i]);
    }
  }
  return out;
}

bool Photo(PIX* input, int in_dpi, Rng& rng, Result& res) {
  Rng rng_geom = rng.Fork();
  Rng rng_curl = rng.Fork();
  Rng rng_optics = rng.Fork();
  Rng rng_light = rng.Fork();
  Rng rng_noise = rng.Fork();

  PixPtr rgb(pixConvertTo32(input));
  if (!rgb) return false;
  const Rgb page = RgbFromPix(rgb.get());
  const int w = page.w, h = page.h;

  // The paper first (its curl), then the camera: off-axis (a keystone, the
  // top edge 2-5% narrower or wider than the bottom), turned 1-4 degrees, a
  // little further away so the page corners stay in the frame.
  PixPtr curled = PixFromRgb(Curl(page, rng_curl));
  if (!curled) return false;
  res.angle = rng_geom.Sign() * rng_geom.Uniform(1.0, 4.0);
  const double keystone = rng_geom.Sign() * rng_geom.Uniform(0.02, 0.05);
  const double zoom = rng_geom.Uniform(0.94, 0.98);
  const double shift_x = rng_geom.Uniform(-0.01, 0.01) * w;
  const double shift_y = rng_geom.Uniform(-0.01, 0.01) * h;
  const double a = res.angle * kPi / 180.0;
  const double ca = std::cos(a), sa = std::sin(a);
  PtaPtr src(ptaCreate(4));
  PtaPtr dst(ptaCreate(4));
  if (!src || !dst) return false;
  const double corners[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
  for (const auto& c : corners) {
    const double sx = c[0] * (w - 1), sy = c[1] * (h - 1);
    // Keystone: the top edge scaled by 1 + keystone/2 and the bottom by
    // 1 - keystone/2 about the vertical centre line, so the top is about
    // |keystone| wider or narrower than the bottom.
    const double edge = c[1] == 0 ? 1.0 + keystone / 2 : 1.0 - keystone / 2;
    const double dx = (sx - 0.5 * w) * edge * zoom, dy = (sy - 0.5 * h) * zoom;
    ptaAddPt(src.get(), static_cast<float>(sx), static_cast<float>(sy));
    ptaAddPt(dst.get(), static_cast<float>(0.5 * w + shift_x + dx * ca - dy * sa),
             static_cast<float>(0.5 * h + shift_y + dx * sa + dy * ca));
  }
  PixPtr projected(pixProjectivePtaColor(curled.get(), dst.get(), src.get(), 0xffffff00));
  if (!projected) return false;

  // Optics: mild defocus at the page's resolution (3x3 or 5x5 box), then the
  // sensor's 120-150 dpi; pixScale area-maps and sharpens a little at these
  // factors, as a phone's processing does.
  const int half = 1 + rng_optics.Below(2);
  PixPtr blurred(pixBlockconv(projected.get(), half, half));
  if (!blurred) return false;
  res.dpi = 120 + rng_optics.Below(31);
  const float scale = static_cast<float>(res.dpi) / static_cast<float>(in_dpi);
  PixPtr small(pixScale(blurred.get(), scale, scale));
  if (!small) return false;
  Rgb img = RgbFromPix(small.get());

  // Warm, slightly yellow paper under indoor light, print a dark grey.
  const double paper = rng_light.Uniform(215.0, 235.0);
  const double warm = rng_light.Uniform(0.06, 0.12);  // blue loss
  const double pr = paper, pg = paper * (1.0 - 0.35 * warm), pb = paper * (1.0 - warm);
  const double ink = rng_light.Uniform(35.0, 60.0);
  // Lighting: a broad gradient in a random direction, and the soft shadow of
  // the phone (or the photographer) across one edge, its border not quite
  // parallel to it.
  const double theta = rng_light.Uniform(0.0, 2.0 * kPi);
  const double strength = rng_light.Uniform(0.12, 0.22);
  const double ct = std::cos(theta), st = std::sin(theta);
  const double half_diag = 0.5 * std::hypot(img.w, img.h);
  const int edge = rng_light.Below(4);  // 0 left, 1 right, 2 top, 3 bottom
  const double depth = rng_light.Uniform(0.08, 0.18);   // of the page across
  const double tilt = rng_light.Uniform(-0.05, 0.05);   // border slope
  const double dark = rng_light.Uniform(0.18, 0.32);
  const double soft = rng_light.Uniform(0.03, 0.06);
  for (int y = 0; y < img.h; ++y) {
    for (int x = 0; x < img.w; ++x) {
      const double fx = x / static_cast<double>(img.w), fy = y / static_cast<double>(img.h);
      double across = 0.0, along = 0.0;  // distance from the shadowed edge
      switch (edge) {
        case 0: across = fx; along = fy; break;
        case 1: across = 1.0 - fx; along = fy; break;
        case 2: across = fy; along = fx; break;
        default: across = 1.0 - fy; along = fx; break;
      }
      const double border = depth + tilt * (along - 0.5);
      const double shadow =
          1.0 - dark * (1.0 - SmoothStep(static_cast<float>(border - soft),
                                         static_cast<float>(border + soft),
                                         static_cast<float>(across)));
      const double t =
          0.5 + 0.5 * ((x - 0.5 * img.w) * ct + (y - 0.5 * img.h) * st) / half_diag;
      const double light = (1.0 - strength * t) * shadow;
      const size_t i = static_cast<size_t>(y) * img.w + x;
      // Tone: white -> paper, black -> ink (the ink colours scale alike).
      auto tone = [&](float v, double p) {
        return static_cast<float>((ink + (p - ink) * v / 255.0) * light);
      };
      img.r[i] = tone(img.r[i], pr);
      img.g[i] = tone(img.g[i], pg);
      img.b[i] = tone(img.b[i], pb);
    }
  }
  // Sensor noise: luminance grain and a little chroma noise.
  for (size_t i = 0; i < img.r.size(); ++i) {
    const double grain = 4.0 * rng_noise.Gaussian();
    img.r[i] += static_cast<float>(grain + 1.5 * rng_noise.Gaussian());
    img.g[i] += static_cast<float>(grain + 1.5 * rng_noise.Gaussian());
    img.b[i] += static_cast<float>(grain + 1.5 * rng_noise.Gaussian());
  }
  PixPtr noisy = PixFromRgb(img);
  if (!noisy) return false;
  pixSetResolution(noisy.get(), res.dpi, res.dpi);
  if (!EncodeJpeg(noisy.get(), 80, res.jpeg)) return false;
  res.pix.reset(pixReadMemJpeg(res.jpeg.bytes.get(), res.jpeg.size, 0, 1,
                               nullptr, 0));
  return res.pix != nullptr;
}

bool Clean(PIX* input, int dpi, Result& res) {
  res.pix = ToGray8(input);
  res.dpi = dpi;
  return res.pix != nullptr;
}

// ------------------------------------------------------------------ I/O

bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    const char c = s[s.size() - suffix.size() + i];
    const char lc = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lc != suffix[i]) return false;
  }
  return true;
}

bool WriteBytes(const std::string& path, const l_uint8* data, size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  const bool ok = std::fwrite(data, 1, size, f) == size;
  return (std::fclose(f) == 0) && ok;
}

// Writes a one-page PDF showing a JPEG image at `dpi` (DCTDecode, the bytes
// embedded as they are). Written by hand: no date, no producer, no file name,
// so the bytes depend only on the image.
bool WriteImagePdf(const std::string& path, const Jpeg& jpeg, int width,
                   int height, bool rgb, int dpi) {
  char buf[160];
  const double wpt = width * 72.0 / dpi, hpt = height * 72.0 / dpi;
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  std::snprintf(buf, sizeof buf, "[0 0 %.4f %.4f]", wpt, hpt);
  object(std::string("<< /Type /Page /Parent 2 0 R /MediaBox ") + buf +
         " /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>");
  std::snprintf(buf, sizeof buf,
                "<< /Type /XObject /Subtype /Image /Width %d /Height %d "
                "/ColorSpace /%s /BitsPerComponent 8 /Filter /DCTDecode "
                "/Length %zu >>\nstream\n",
                width, height, rgb ? "DeviceRGB" : "DeviceGray", jpeg.size);
  object(buf +
         std::string(reinterpret_cast<const char*>(jpeg.bytes.get()), jpeg.size) +
         "\nendstream");
  std::snprintf(buf, sizeof buf, "q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q", wpt, hpt);
  const std::string content = buf;
  object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" +
         content + "\nendstream");
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) +
         "\n0000000000 65535 f \n";
  for (const size_t off : offsets) {
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return WriteBytes(path, reinterpret_cast<const l_uint8*>(pdf.data()),
                    pdf.size());
}

int Fail(const std::string& msg) {
  std::fprintf(stderr, "vanban-degrade-scan: %s\n", msg.c_str());
  return kExitError;
}

int Usage(const std::string& msg) {
  std::fprintf(stderr, "vanban-degrade-scan: %s (see --help)\n", msg.c_str());
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  std::string level_name, seed_text, pdf_path;
  bool ink = false;
  bool color = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string& out) -> bool {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return kExitOk;
    } else if (arg == "--level") {
      if (!value(level_name)) return Usage("--level needs a value");
    } else if (arg == "--seed") {
      if (!value(seed_text)) return Usage("--seed needs a value");
    } else if (arg == "--ink") {
      ink = true;
    } else if (arg == "--color") {
      color = true;
    } else if (arg == "--pdf") {
      if (!value(pdf_path)) return Usage("--pdf needs a value");
    } else if (arg.size() > 1 && arg[0] == '-') {
      return Usage("unknown option " + std::string(arg));
    } else {
      positional.emplace_back(arg);
    }
  }
  if (positional.size() != 2) return Usage("expected IN.png and OUT");
  Level level;
  if (level_name == "clean") {
    level = Level::kClean;
  } else if (level_name == "office") {
    level = Level::kOffice;
  } else if (level_name == "hard") {
    level = Level::kHard;
  } else if (level_name == "photo") {
    level = Level::kPhoto;
  } else if (level_name == "worn") {
    level = Level::kWorn;
  } else {
    return Usage(level_name.empty() ? "--level is required"
                                    : "unknown level " + level_name);
  }
  if (color && level != Level::kOffice) {
    return Usage("--color is for --level office only (clean is grey by design; hard, worn and photo "
                 "are RGB already)");
  }
  if (seed_text.empty()) return Usage("--seed is required");
  uint64_t seed = 0;
  {
    const char* b = seed_text.data();
    const char* e = b + seed_text.size();
    const auto [p, ec] = std::from_chars(b, e, seed);
    if (ec != std::errc() || p != e) return Usage("bad --seed " + seed_text);
  }
  const std::string& in_path = positional[0];
  const std::string& out_path = positional[1];
  const bool out_jpeg = EndsWith(out_path, ".jpg") || EndsWith(out_path, ".jpeg");
  if (!out_jpeg && !EndsWith(out_path, ".png")) {
    return Usage("OUT must end in .png, .jpg or .jpeg");
  }

  setMsgSeverity(L_SEVERITY_NONE);  // failures are reported below
  PixPtr input(pixRead(in_path.c_str()));
  if (!input) return Fail("cannot read image " + in_path);
  int in_dpi = pixGetXRes(input.get());
  if (in_dpi <= 0) in_dpi = kDefaultInputDpi;

  // Mix the level into the seed so that one seed gives unrelated draws per
  // level.
  // Worn draws what hard draws, and only wears the copy more.
  const Level draws = level == Level::kWorn ? Level::kHard : level;
  Rng rng(seed ^ (0x5eedULL * (static_cast<uint64_t>(draws) + 1)));
  // The handwriting has a generator of its own, not a fork of `rng`: with
  // and without --ink a level draws the same degradations, and one seed
  // writes the same hand at every level.
  Rng ink_rng(seed ^ 0x1a4b0a11c0ffee00ULL);
  if (ink && (level == Level::kClean || level == Level::kPhoto)) {
    // Written on the printed page, before it is photographed. Office and
    // hard print or copy the page themselves and write on the result.
    input = InkedPage(input.get(), in_dpi, ink_rng);
    if (!input) return Fail("processing failed for " + in_path);
  }
  Result res;
  bool ok = false;
  switch (level) {
    case Level::kClean: ok = Clean(input.get(), in_dpi, res); break;
    case Level::kOffice:
      ok = Office(input.get(), in_dpi, rng, ink ? &ink_rng : nullptr, color, res);
      break;
    case Level::kHard:
      ok = Hard(input.get(), in_dpi, kHardWear, rng, ink ? &ink_rng : nullptr, res);
      break;
    case Level::kWorn:
      ok = Hard(input.get(), in_dpi, kWornWear, rng, ink ? &ink_rng : nullptr, res);
      break;
    case Level::kPhoto: ok = Photo(input.get(), in_dpi, rng, res); break;
  }
  if (!ok || !res.pix) return Fail("processing failed for " + in_path);
  pixSetResolution(res.pix.get(), res.dpi, res.dpi);

  if (out_jpeg) {
    if (!res.jpeg.bytes) {
      if (!EncodeJpeg(res.pix.get(), 92, res.jpeg)) {
        return Fail("JPEG encoding failed");
      }
    }
    if (!WriteBytes(out_path, res.jpeg.bytes.get(), res.jpeg.size)) {
      return Fail("cannot write " + out_path);
    }
  } else if (pixWrite(out_path.c_str(), res.pix.get(), IFF_PNG) != 0) {
    return Fail("cannot write " + out_path);
  }

  if (!pdf_path.empty()) {
    // A JPEG output goes in as is; a PNG one as a high-quality JPEG.
    if (!res.jpeg.bytes && !EncodeJpeg(res.pix.get(), 92, res.jpeg)) {
      return Fail("JPEG encoding failed");
    }
    if (!WriteImagePdf(pdf_path, res.jpeg, pixGetWidth(res.pix.get()),
                       pixGetHeight(res.pix.get()),
                       pixGetDepth(res.pix.get()) == 32, res.dpi)) {
      return Fail("cannot write " + pdf_path);
    }
  }

  std::printf("%s -> %s level=%s%s%s angle=%.3f seed=%llu\n", in_path.c_str(),
              out_path.c_str(), level_name.c_str(), ink ? " ink" : "", color ? " color" : "",
              res.angle, static_cast<unsigned long long>(seed));
  return kExitOk;
}
