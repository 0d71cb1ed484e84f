// Page image cleaning before Tesseract: colour marks, background, skew, binarization, specks.
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <new>
#include <numbers>
#include <string>
#include <vector>

#include "pix_util.h"
#include "vanban/ocr.h"

namespace vanban {

namespace internal {

int EstimatePaperLevel(const Pix* grey) {
  const int w = pixGetWidth(Mutable(grey)), h = pixGetHeight(Mutable(grey));
  const int factor = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(w) * h / 250'000.0)));
  NUMA* histogram = pixGetGrayHistogram(Mutable(grey), factor);
  if (histogram == nullptr) return 255;
  auto count = [&](int level) {
    l_float32 v = 0;
    numaGetFValue(histogram, level, &v);
    return v;
  };
  l_float32 total = 0, light = 0;
  for (int level = 0; level < 256; ++level) {
    total += count(level);
    if (level >= 128) light += count(level);
  }
  int best = 255;
  l_float32 best_count = -1;
  for (int level = light > 0.1f * total ? 128 : 0; level < 256; ++level) {
    if (count(level) > best_count) {
      best = level;
      best_count = count(level);
    }
  }
  numaDestroy(&histogram);
  return best;
}

PixPtr InkMask(const Pix* grey, int paper_level) {
  return PixPtr(pixThresholdToBinary(Mutable(grey), std::max(1, paper_level * 6 / 10)));
}

}  // namespace internal

namespace {

using internal::Mutable;

// Pixels whose strongest and weakest colour channels differ by at least this are ink of a seal,
// a signature or a highlighter, not printed text. Black text with JPEG colour fringes stays below.
constexpr int kColorMarkChroma = 64;
// Tone curve after background flattening (see Preprocess).
constexpr float kFlattenedGamma = 1.5f;
// pixFindSkew results below this confidence (Leptonica's own pixDeskew threshold), or angles below
// kMinDeskewDegrees, are not corrected.
constexpr float kMinSkewConfidence = 3.0f;
// Smaller skews are left to Tesseract, which reads them well; rotating a soft office scan costs
// more than it gains (office pages tilted 1-2°: 3.4% CER without, 4.8% with). Pages tilted 2-3° lose
// whole paragraphs without it.
constexpr float kMinDeskewDegrees = 2.0f;
// Paper brighter in one part of the page than another by at least this (grey levels) is uneven
// enough to flatten; flattening an evenly grey office scan loses thin strokes (3.4% -> 12% CER).
constexpr int kUnevenBackground = 40;
// A speck must be this far from larger ink to be removed (about a third of an x-height at 13 pt).
constexpr double kSpeckIsolationInches = 0.02;
// Noise a page is filtered for (Noise() measures it, Denoise() filters). Salt and pepper: more than this fraction of the
// pixels stand alone, far from all eight neighbours (a clean or office scan has almost none:
// 0.00-0.01 %). Grain: pixel noise above this standard deviation, in grey levels (office JPEG
// scans: under 3). A 3x3 median removes isolated pixels whole and divides Gaussian grain by about
// two; it is repeated while grain remains, at most kMaxMedianPasses times, since each pass also
// rounds the strokes' corners.
constexpr double kImpulseFraction = 0.001;
constexpr double kGrainSigma = 8.0;
constexpr int kMaxMedianPasses = 3;
// Contrast squeezed into few grey levels is not stretched: on the generator's levels a global
// stretch helped office scans (CER 4.70% -> 3.90%) and hurt photos (3.02% -> 3.83%) and colour
// scans (9.44% -> 9.96%), 6 pages each; Tesseract thresholds each line itself.

// Sauvola parameters as Tesseract uses them: window of 0.33 inch, k = 0.34.
constexpr double kSauvolaWindowInches = 0.33;
constexpr float kSauvolaFactor = 0.34f;

std::string Format(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), format, value);
  return buf;
}

struct NoiseProfile {
  double impulse = 0;  // fraction of pixels standing alone (salt and pepper)
  double grain = 0;    // standard deviation of pixel noise, grey levels
};

// Salt-and-pepper fraction and Gaussian grain of an 8 bpp image, from every pixel of every other
// row. A pixel is an impulse when it is darker or lighter than all eight neighbours by more than
// 64 levels. Grain is Immerkaer's estimate made robust to the print: the Laplacian-difference
// kernel (1 -2 1 / -2 4 -2 / 1 -2 1) cancels flat paper and smooth gradients and answers i.i.d.
// noise of deviation s with deviation 6s; the median of its magnitude over the page (mostly
// paper, so edges do not move it) is 0.6745 x 6s.
NoiseProfile Noise(Pix* grey) {
  NoiseProfile profile;
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  if (w < 3 || h < 3) return profile;
  const int wpl = pixGetWpl(grey);
  const l_uint32* data = pixGetData(grey);
  std::vector<uint64_t> magnitudes(16 * 255 + 1, 0);
  uint64_t impulses = 0, samples = 0;
  for (int y = 1; y + 1 < h; y += 2) {
    const l_uint32 *up = data + (y - 1) * wpl, *row = data + y * wpl, *down = data + (y + 1) * wpl;
    for (int x = 1; x + 1 < w; ++x) {
      const int n[8] = {static_cast<int>(GET_DATA_BYTE(up, x - 1)), static_cast<int>(GET_DATA_BYTE(up, x)),
                        static_cast<int>(GET_DATA_BYTE(up, x + 1)), static_cast<int>(GET_DATA_BYTE(row, x - 1)),
                        static_cast<int>(GET_DATA_BYTE(row, x + 1)), static_cast<int>(GET_DATA_BYTE(down, x - 1)),
                        static_cast<int>(GET_DATA_BYTE(down, x)), static_cast<int>(GET_DATA_BYTE(down, x + 1))};
      const int p = static_cast<int>(GET_DATA_BYTE(row, x));
      const int lowest = *std::min_element(n, n + 8), highest = *std::max_element(n, n + 8);
      if (p + 64 < lowest || p > highest + 64) ++impulses;
      const int laplacian = 4 * p - 2 * (n[1] + n[3] + n[4] + n[6]) + (n[0] + n[2] + n[5] + n[7]);
      ++magnitudes[static_cast<size_t>(std::abs(laplacian))];
      ++samples;
    }
  }
  profile.impulse = static_cast<double>(impulses) / static_cast<double>(samples);
  uint64_t seen = 0;
  for (size_t m = 0; m < magnitudes.size(); ++m) {
    seen += magnitudes[m];
    if (2 * seen >= samples) {
      profile.grain = static_cast<double>(m) / (6.0 * 0.6745);
      break;
    }
  }
  return profile;
}

// Filters the noise Noise() finds, noting what it did.
// Returns null only on allocation failure.
PixPtr Denoise(PixPtr grey, std::string* notes) {
  NoiseProfile noise = Noise(grey.get());
  const NoiseProfile found = noise;
  int passes = 0;
  while (passes < kMaxMedianPasses && (noise.impulse > kImpulseFraction || noise.grain > kGrainSigma)) {
    PixPtr filtered(pixMedianFilter(grey.get(), 3, 3));
    if (!filtered) return nullptr;
    grey = std::move(filtered);
    ++passes;
    noise = Noise(grey.get());
  }
  if (passes > 0) {
    char note[128];
    std::snprintf(note, sizeof note, "median filter x%d (salt and pepper %.2f%%, grain %.1f levels)", passes,
                  100 * found.impulse, found.grain);
    internal::AppendNote(notes, note);
  }
  return grey;
}

// 1 bpp mask of the strongly coloured pixels of a 32 bpp RGB image.
PixPtr ColorMarkMask(const Pix* rgb, int* marked) {
  const int w = pixGetWidth(Mutable(rgb)), h = pixGetHeight(Mutable(rgb));
  PixPtr mask(pixCreate(w, h, 1));
  if (!mask) return nullptr;
  const l_uint32* src = pixGetData(Mutable(rgb));
  const int src_wpl = pixGetWpl(Mutable(rgb));
  l_uint32* dst = pixGetData(mask.get());
  const int dst_wpl = pixGetWpl(mask.get());
  *marked = 0;
  for (int y = 0; y < h; ++y) {
    const l_uint32* src_line = src + static_cast<size_t>(y) * src_wpl;
    l_uint32* dst_line = dst + static_cast<size_t>(y) * dst_wpl;
    for (int x = 0; x < w; ++x) {
      const l_uint32 pixel = src_line[x];
      const int r = static_cast<int>((pixel >> L_RED_SHIFT) & 0xff);
      const int g = static_cast<int>((pixel >> L_GREEN_SHIFT) & 0xff);
      const int b = static_cast<int>((pixel >> L_BLUE_SHIFT) & 0xff);
      if (std::max({r, g, b}) - std::min({r, g, b}) >= kColorMarkChroma) {
        SET_DATA_BIT(dst_line, x);
        ++*marked;
      }
    }
  }
  return mask;
}

// Converts any Leptonica image to a fresh 8 bpp grey image without colormap (never a clone of
// `image`). For colour images, also returns the mask of colour marks when asked to.
PixPtr ToGrey(const Pix* image, bool want_color_mask, PixPtr* color_mask, int* marked) {
  PixPtr owned;
  const Pix* pix = image;
  if (pixGetColormap(Mutable(pix)) != nullptr) {
    owned.reset(pixRemoveColormap(Mutable(pix), REMOVE_CMAP_BASED_ON_SRC));
    if (!owned) return nullptr;
    pix = owned.get();
  }
  const int depth = pixGetDepth(Mutable(pix));
  if (depth == 32) {
    if (pixGetSpp(Mutable(pix)) == 4) {  // transparent areas show the paper, not black
      PixPtr blended(pixAlphaBlendUniform(Mutable(pix), 0xffffff00));
      if (!blended) return nullptr;
      owned = std::move(blended);
      pix = owned.get();
    }
    if (want_color_mask) *color_mask = ColorMarkMask(pix, marked);
    return PixPtr(pixConvertRGBToLuminance(Mutable(pix)));
  }
  if (depth == 8) return PixPtr(pixCopy(nullptr, Mutable(pix)));
  if (depth == 16) return PixPtr(pixConvert16To8(Mutable(pix), L_MS_BYTE));
  return PixPtr(pixConvertTo8(Mutable(pix), 0));  // 2, 4, 24 bpp (1 bpp never gets here)
}

// How much the paper level varies over the page: the brightest grey of each tile of a 6x6 grid
// (its 90th percentile, so text does not count), max minus min.
int BackgroundUnevenness(Pix* grey) {
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  constexpr int kTiles = 6;
  int lo = 255, hi = 0;
  for (int ty = 0; ty < kTiles; ++ty) {
    for (int tx = 0; tx < kTiles; ++tx) {
      BOX* box = boxCreate(tx * w / kTiles, ty * h / kTiles, w / kTiles, h / kTiles);
      PixPtr tile(pixClipRectangle(grey, box, nullptr));
      boxDestroy(&box);
      l_uint32 level = 0;
      if (!tile || pixGetRankValue(tile.get(), 2, 0.9f, &level) != 0) continue;
      lo = std::min(lo, static_cast<int>(level));
      hi = std::max(hi, static_cast<int>(level));
    }
  }
  return hi > lo ? hi - lo : 0;
}

// Rotates `pix` (1 or 8 bpp) by -skew degrees around its centre, same size. On 8 bpp the corners
// the rotation uncovers get `paper_level`.
PixPtr Rotate(Pix* pix, float skew_degrees, int paper_level) {
  const float radians = skew_degrees * static_cast<float>(std::numbers::pi / 180.0);
  PixPtr rotated(pixRotate(pix, radians, L_ROTATE_SHEAR, L_BRING_IN_WHITE, 0, 0));
  if (!rotated || pixGetDepth(pix) == 1 || paper_level >= 250) return rotated;
  // Which pixels came from the image: rotate an all-ink mask by the same angle (sampling: a mask
  // has no grey to blend).
  PixPtr covered(pixCreate(pixGetWidth(pix), pixGetHeight(pix), 1));
  if (!covered) return nullptr;
  pixSetAll(covered.get());
  PixPtr covered_rotated(pixRotate(covered.get(), radians, L_ROTATE_SAMPLING, L_BRING_IN_WHITE, 0, 0));
  if (!covered_rotated) return nullptr;
  pixInvert(covered_rotated.get(), covered_rotated.get());
  // The two rotations may place the edge a pixel apart; one more pixel of paper hides that seam.
  PixPtr uncovered(pixDilateBrick(nullptr, covered_rotated.get(), 3, 3));
  if (!uncovered) return nullptr;
  pixSetMasked(rotated.get(), uncovered.get(), static_cast<l_uint32>(paper_level));
  return rotated;
}

// Finds and removes skew. Returns null only on allocation failure; `pix` itself when there is
// nothing to correct.
PixPtr Deskew(PixPtr pix, int paper_level, std::string* notes) {
  PixPtr ink;
  Pix* binary = pix.get();
  if (pixGetDepth(pix.get()) != 1) {
    ink = internal::InkMask(pix.get(), paper_level);
    if (!ink) return nullptr;
    binary = ink.get();
  }
  l_float32 angle = 0, confidence = 0;
  if (pixFindSkew(binary, &angle, &confidence) != 0) return pix;  // too small or empty: nothing to find
  if (confidence < kMinSkewConfidence) {
    if (std::fabs(angle) >= 1.0f) internal::AppendNote(notes, Format("skew %.2f° not corrected (uncertain)", angle));
    return pix;
  }
  if (std::fabs(angle) < kMinDeskewDegrees) return pix;
  PixPtr rotated = Rotate(pix.get(), angle, paper_level);
  if (!rotated) return nullptr;
  internal::AppendNote(notes, Format("deskewed %.2f°", angle));
  return rotated;
}

// Removes specks from a 1 bpp image: connected components of at most `max_speck` pixels each way
// with no larger ink within `isolation` pixels. Fragments of broken strokes and diacritic dots sit
// next to their letters and stay. Returns the cleaned image and the removed specks.
bool RemoveSpecks(Pix* binary, int max_speck, int isolation, PixPtr* cleaned, PixPtr* specks, int* count) {
  PixPtr large(pixSelectBySize(binary, max_speck + 1, max_speck + 1, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, nullptr));
  if (!large) return false;
  PixPtr small(pixXor(nullptr, binary, large.get()));
  if (!small) return false;
  PixPtr near(pixDilateBrick(nullptr, large.get(), 2 * isolation + 1, 2 * isolation + 1));
  if (!near) return false;
  specks->reset(pixSubtract(nullptr, small.get(), near.get()));
  if (!*specks) return false;
  cleaned->reset(pixSubtract(nullptr, binary, specks->get()));
  if (!*cleaned) return false;
  l_int32 n = 0;
  if (pixCountConnComp(specks->get(), 8, &n) != 0) return false;
  *count = n;
  return true;
}

// RemoveSpecks on a 1 bpp image in place; false on allocation failure.
bool DespeckleBinary(PixPtr* pix, int max_speck, int isolation, std::string* notes) {
  PixPtr kept, specks;
  int count = 0;
  if (!RemoveSpecks(pix->get(), max_speck, isolation, &kept, &specks, &count)) return false;
  if (count > 0) internal::AppendNote(notes, "removed " + std::to_string(count) + " specks");
  *pix = std::move(kept);
  return true;
}

StatusOr<PixPtr> Preprocess(const Pix* image, const PreprocessOptions& options, std::string* notes) {
  const Status no_memory = Status::ResourceExhausted("out of memory while preprocessing a page image");
  const int resolution = internal::ResolutionOrDefault(image);
  const int w = pixGetWidth(Mutable(image)), h = pixGetHeight(Mutable(image));
  const int max_speck = std::max(1, static_cast<int>(std::lround(2.0 * resolution / internal::kDefaultDpi)));
  const int isolation = std::max(2, static_cast<int>(std::lround(kSpeckIsolationInches * resolution)));

  // Binary input: only skew and specks apply.
  if (pixGetDepth(Mutable(image)) == 1 && pixGetColormap(Mutable(image)) == nullptr) {
    PixPtr pix(pixCopy(nullptr, Mutable(image)));
    if (!pix) return no_memory;
    if (options.deskew) {
      pix = Deskew(std::move(pix), 255, notes);
      if (!pix) return no_memory;
    }
    if (options.despeckle && !DespeckleBinary(&pix, max_speck, isolation, notes)) return no_memory;
    pixCopyResolution(pix.get(), Mutable(image));
    return pix;
  }

  PixPtr color_mask;
  int marked = 0;
  PixPtr grey = ToGrey(image, options.remove_color_marks, &color_mask, &marked);
  if (!grey) return no_memory;
  const bool has_color_marks = color_mask && marked > 0;
  if (has_color_marks) {
    internal::AppendNote(notes, Format("colour marks removed (%.1f%% of the page)", 100.0 * marked / (static_cast<double>(w) * h)));
  }
  // Noise first: specks and grain would pass for paper variation and skewed ink below.
  if (options.denoise) {
    grey = Denoise(std::move(grey), notes);
    if (!grey) return no_memory;
  }

  // Tiny images (an icon, a 1x1 placeholder) have no background to estimate.
  const bool large_enough = w >= 64 && h >= 64;
  // 36 tile histograms: only worth it when flattening is on.
  const int unevenness = options.normalize_background && large_enough ? BackgroundUnevenness(grey.get()) : 0;
  if (unevenness >= kUnevenBackground) {
    internal::AppendNote(notes, Format("background flattened (paper varies by %.0f levels)", unevenness));
    // Black below 70 and white above 190 after flattening (Leptonica's defaults), with a gamma that
    // lightens the mid-greys: the blurred, spread ink of a copy of a copy thins back towards its
    // strokes. Gamma 1.5 against Leptonica's 1.0: hard development scans 19.8% -> 18.5% CER
    // (1.3 and 2.0 were measured too; docs/benchmarks.md).
    PixPtr clean(pixCleanBackgroundToWhite(grey.get(), nullptr, nullptr, kFlattenedGamma, 70, 190));
    if (clean) {
      grey = std::move(clean);
    } else {
      internal::AppendNote(notes, "background not normalized (Leptonica failed)");
    }
  }
  const int paper_level = internal::EstimatePaperLevel(grey.get());
  if (has_color_marks) pixSetMasked(grey.get(), color_mask.get(), static_cast<l_uint32>(paper_level));
  color_mask.reset();

  if (options.deskew && large_enough) {
    grey = Deskew(std::move(grey), paper_level, notes);
    if (!grey) return no_memory;
  }

  if (options.binarize && large_enough) {
    int half_window = static_cast<int>(kSauvolaWindowInches * resolution / 2);
    half_window = std::clamp(half_window, 2, (std::min(w, h) - 3) / 2);
    // Tiles bound the memory of Sauvola's integral images (about 12 bytes a pixel per tile).
    const int nx = std::clamp(w / 1000, 1, 8), ny = std::clamp(h / 1000, 1, 8);
    PIX* binary = nullptr;
    if (pixSauvolaBinarizeTiled(grey.get(), half_window, kSauvolaFactor, nx, ny, nullptr, &binary) != 0 ||
        binary == nullptr) {
      return Status::Internal("Sauvola binarization failed on a " + std::to_string(w) + "x" + std::to_string(h) + " image");
    }
    PixPtr pix(binary);
    if (options.despeckle && !DespeckleBinary(&pix, max_speck, isolation, notes)) return no_memory;
    pixCopyResolution(pix.get(), Mutable(image));
    return pix;
  }

  if (options.despeckle && large_enough) {
    PixPtr ink = internal::InkMask(grey.get(), paper_level);
    if (!ink) return no_memory;
    PixPtr kept, specks;
    int count = 0;
    if (!RemoveSpecks(ink.get(), max_speck, isolation, &kept, &specks, &count)) return no_memory;
    if (count > 0) {
      // The threshold leaves a faint anti-aliased rim around each speck; paint that too.
      PixPtr rims(pixDilateBrick(nullptr, specks.get(), 3, 3));
      if (!rims) return no_memory;
      pixSetMasked(grey.get(), rims.get(), static_cast<l_uint32>(paper_level));
      internal::AppendNote(notes, "removed " + std::to_string(count) + " specks");
    }
  }
  pixCopyResolution(grey.get(), Mutable(image));
  return grey;
}

}  // namespace

StatusOr<PixPtr> PreprocessPage(const Pix* image, const PreprocessOptions& options, std::string* notes) {
  if (image == nullptr) return Status::InvalidArgument("no page image");
  if (pixGetWidth(Mutable(image)) <= 0 || pixGetHeight(Mutable(image)) <= 0) {
    return Status::InvalidArgument("page image has no pixels");
  }
  internal::SilenceLeptonica();
  try {
    return Preprocess(image, options, notes);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory while preprocessing a page image");
  } catch (...) {
    return Status::Internal("unexpected exception while preprocessing a page image");
  }
}

}  // namespace vanban
