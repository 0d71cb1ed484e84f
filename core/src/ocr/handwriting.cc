// ReadHandwrittenFillIns: the blanks of a typed header ("Số: …/…", "ngày … tháng … năm") found
// from the printed glyphs around them, the ink written into them separated and read digit by digit.
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pix_util.h"
#include "vanban/handwriting.h"
#include "vanban/text.h"

namespace vanban {
namespace {

using internal::BoxaPtr;
using internal::BoxPtr;
using internal::Mutable;
using internal::PixaPtr;

// Only the top of page 1 holds the number and date lines.
constexpr double kHeaderZone = 0.5;
// Glyphs Tesseract reads between the printed parts with at least this confidence, all digits of
// about the printed height, are print (a number typed in), not handwriting.
constexpr float kPrintedGlyphConfidence = 0.80f;
// A pixel of coloured ink: channels this far apart (blue and violet pens on a scan), not light.
constexpr int kInkChroma = 60;
constexpr int kInkMaxLevel = 215;
// Height in pixels of the printed capitals below which blanks are not looked at (a 150-dpi scan's
// capitals are about 20 px high).
constexpr double kMinPrintHeight = 14;
// Width over height of the widest single handwritten digit (a round 0 or a wide 4).
constexpr double kWidestDigit = 1.1;
// A digit read at least this surely is not split into two.
constexpr float kCertainDigit = 0.99f;

struct LineGlyph {
  size_t word = 0;
  const Glyph* glyph = nullptr;
  std::string folded;  // lower case, no diacritics
};

std::vector<LineGlyph> GlyphsOf(const Line& line) {
  std::vector<LineGlyph> out;
  for (size_t w = 0; w < line.words.size(); ++w) {
    for (const Glyph& g : line.words[w].glyphs) out.push_back({w, &g, LowerCase(FoldDiacritics(g.text))});
  }
  return out;
}

// The first glyph of consecutive glyphs spelling `folded` at or after `from`.
std::optional<size_t> FindSpelled(const std::vector<LineGlyph>& glyphs, std::string_view folded, size_t from) {
  for (size_t start = from; start < glyphs.size(); ++start) {
    std::string spelled;
    for (size_t i = start; i < glyphs.size() && spelled.size() < folded.size(); ++i) spelled += glyphs[i].folded;
    if (spelled == folded) return start;
  }
  return std::nullopt;
}

bool IsDigitText(const std::string& text) { return text.size() == 1 && text[0] >= '0' && text[0] <= '9'; }

// A blank between the printed glyph `before` and the printed glyph `after` of one line.
struct Blank {
  std::string field;
  size_t before = 0, after = 0;  // line glyph indices; the blank holds the glyphs between them
  std::optional<size_t> label;   // the first glyph of "Số:" for the number (read as the label)
  double print_height = 0;       // height of the printed capitals or ascenders around it
  BoundingBox box;               // where to look for ink
};

std::optional<Blank> MakeBlank(const Line& line, const std::vector<LineGlyph>& glyphs, std::string field, size_t before, size_t after,
                               double print_height) {
  // Print this small (a photo's page of 600 px) leaves too few pixels to tell a pen from print.
  if (after <= before || print_height < kMinPrintHeight) return std::nullopt;
  const BoundingBox& left = glyphs[before].glyph->box;
  const BoundingBox& right = glyphs[after].glyph->box;
  Blank blank{std::move(field), before, after, {}, print_height, {}};
  const double top = std::min(left.y0, right.y0), bottom = std::max(left.y1, right.y1);
  // The LSTM's glyph boxes are approximate (a slash 5 pixels wide, a T over its neighbours); a word's
  // box is where its ink is. So the blank starts where the word before it ends and ends where the
  // word after it starts, when the printed glyphs end and start those words.
  // A printed colon is about a quarter of the capitals' height wide, a letter under one height;
  // the LSTM's box for the glyph before a blank often runs over the first handwritten digit.
  const double widest = glyphs[before].glyph->text == ":" ? 0.35 * print_height : 0.9 * print_height;
  double x0 = std::min(left.x1, left.x0 + widest) + 1, x1 = right.x0 - 1;
  const bool before_ends_word = before + 1 >= glyphs.size() || glyphs[before + 1].word != glyphs[before].word;
  const bool after_starts_word = glyphs[after - 1].word != glyphs[after].word;
  if (before_ends_word) x0 = line.words[glyphs[before].word].box.x1 + 1;
  if (after_starts_word) x1 = line.words[glyphs[after].word].box.x0 - 1;
  blank.box = {x0, top - 0.8 * print_height, x1, bottom + 0.4 * print_height};
  // Neither too narrow to hold a digit nor as wide as a column gap.
  if (blank.box.width() < 0.3 * print_height || blank.box.width() > 12 * print_height) return std::nullopt;
  return blank;
}

// "Số: … /SYMBOL": the blank after "Số:" up to the slash.
std::optional<Blank> FindNumberBlank(const Line& line, const std::vector<LineGlyph>& glyphs) {
  for (size_t k = 0; k + 2 < glyphs.size(); ++k) {
    if (glyphs[k].glyph->text != "S" || (k > 0 && glyphs[k - 1].word == glyphs[k].word)) continue;
    const std::string& o = glyphs[k + 1].folded;
    if (o != "o" && o != "6" && o != "0") continue;
    size_t prefix_end = k + 1;
    const std::string& next = glyphs[k + 2].glyph->text;
    if (next == ":" || next == ";" || next == ".") prefix_end = k + 2;
    for (size_t j = prefix_end + 1; j < glyphs.size(); ++j) {
      if (glyphs[j].glyph->text == "/") {
        std::optional<Blank> blank = MakeBlank(line, glyphs, "number", prefix_end, j, glyphs[k].glyph->box.height());
        if (blank) blank->label = k;
        return blank;
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// "ngày … tháng … năm": the day and month blanks.
std::vector<Blank> FindDateBlanks(const Line& line, const std::vector<LineGlyph>& glyphs) {
  std::vector<Blank> blanks;
  const std::optional<size_t> day = FindSpelled(glyphs, "ngay", 0);
  if (!day) return blanks;
  const std::optional<size_t> month = FindSpelled(glyphs, "thang", *day + 4);
  if (!month) return blanks;
  const std::optional<size_t> year = FindSpelled(glyphs, "nam", *month + 5);
  if (!year) return blanks;
  // The 'h' of "tháng" rises to the capital height.
  const double height = glyphs[*month + 1].glyph->box.height();
  if (std::optional<Blank> b = MakeBlank(line, glyphs, "day", *day + 3, *month, height)) blanks.push_back(*b);
  if (std::optional<Blank> b = MakeBlank(line, glyphs, "month", *month + 4, *year, height)) blanks.push_back(*b);
  return blanks;
}

// True when what Tesseract read in the blank is a number typed in: digits of the printed height
// read with confidence.
bool HoldsPrintedDigits(const std::vector<LineGlyph>& glyphs, const Blank& blank) {
  if (blank.after == blank.before + 1) return false;
  int digits = 0;
  for (size_t i = blank.before + 1; i < blank.after; ++i) {
    const Glyph& g = *glyphs[i].glyph;
    const bool letter_suffix = digits > 0 && g.text.size() == 1 && g.text[0] >= 'A' && g.text[0] <= 'Z';  // 3176B
    if (!IsDigitText(g.text) && !letter_suffix) return false;
    if (g.confidence < kPrintedGlyphConfidence) return false;
    const double ratio = g.box.height() / blank.print_height;
    if (ratio < 0.6 || ratio > 1.3) return false;
    digits += IsDigitText(g.text);
  }
  return digits > 0;
}

PixPtr Crop(const Pix* image, const BoundingBox& box) {
  const int w = pixGetWidth(Mutable(image)), h = pixGetHeight(Mutable(image));
  const int x0 = std::clamp(static_cast<int>(box.x0), 0, w), x1 = std::clamp(static_cast<int>(box.x1), 0, w);
  const int y0 = std::clamp(static_cast<int>(box.y0), 0, h), y1 = std::clamp(static_cast<int>(box.y1), 0, h);
  if (x1 - x0 < 2 || y1 - y0 < 2) return nullptr;
  BoxPtr b(boxCreate(x0, y0, x1 - x0, y1 - y0));
  return PixPtr(pixClipRectangle(Mutable(image), b.get(), nullptr));
}

// The ink of a crop as 1 bpp. On a colour scan, ink of a pen's colour when there is enough of it
// (handwriting in blue beside black print); otherwise every dark pixel. `coloured` says which.
PixPtr InkOf(const Pix* crop, double print_height, bool* coloured) {
  *coloured = false;
  PixPtr pix(pixRemoveColormap(Mutable(crop), REMOVE_CMAP_BASED_ON_SRC));
  if (!pix) return nullptr;
  const int depth = pixGetDepth(pix.get());
  if (depth == 1) return pix;
  if (depth == 32) {
    const int w = pixGetWidth(pix.get()), h = pixGetHeight(pix.get());
    PixPtr mask(pixCreate(w, h, 1));
    int count = 0;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        l_int32 r = 0, g = 0, b = 0;
        pixGetRGBPixel(pix.get(), x, y, &r, &g, &b);
        const int high = std::max({r, g, b}), low = std::min({r, g, b});
        if (high - low >= kInkChroma && low <= kInkMaxLevel && b > r) {
          pixSetPixel(mask.get(), x, y, 1);
          ++count;
        }
      }
    }
    if (count >= 0.15 * print_height * print_height) {
      *coloured = true;
      return mask;
    }
  }
  PixPtr grey(depth == 8 ? pixClone(pix.get()) : pixConvertTo8(pix.get(), 0));
  if (!grey) return nullptr;
  return internal::InkMask(grey.get(), internal::EstimatePaperLevel(grey.get()));
}

struct Stroke {
  BoundingBox box;
  std::vector<int> parts;  // indices of connected components
};

// Connected components of the mask grouped into digits: pieces above one another joined, dots and
// rules dropped, wide groups (touching digits) split at the thinnest columns.
struct DigitImage {
  PixPtr mask;
  BoundingBox box;  // in the crop
};

std::vector<DigitImage> SegmentDigits(const Pix* mask, double print_height, const DigitClassifier& classifier) {
  std::vector<DigitImage> digits;
  Pixa* pixa_raw = nullptr;
  BoxaPtr boxes(pixConnComp(Mutable(mask), &pixa_raw, 8));
  PixaPtr pixa(pixa_raw);
  if (!boxes || !pixa) return digits;
  std::vector<Stroke> strokes;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x = 0, y = 0, w = 0, h = 0;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
    const bool dot = h < 0.35 * print_height && w < 0.5 * print_height;
    const bool rule = h < 0.25 * print_height;
    if (dot || rule || h > 3.5 * print_height) continue;
    strokes.push_back({{double(x), double(y), double(x + w), double(y + h)}, {i}});
  }
  std::sort(strokes.begin(), strokes.end(), [](const Stroke& a, const Stroke& b) { return a.box.x0 < b.box.x0; });
  std::vector<Stroke> groups;
  for (Stroke& s : strokes) {
    if (!groups.empty()) {
      Stroke& last = groups.back();
      const double overlap = std::min(last.box.x1, s.box.x1) - std::max(last.box.x0, s.box.x0);
      if (overlap >= 0.5 * std::min(last.box.width(), s.box.width())) {
        last.box = last.box.Including(s.box);
        last.parts.insert(last.parts.end(), s.parts.begin(), s.parts.end());
        continue;
      }
    }
    groups.push_back(std::move(s));
  }
  if (groups.empty()) return digits;
  std::vector<double> heights;
  for (const Stroke& g : groups) heights.push_back(g.box.height());
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const double median_height = heights[heights.size() / 2];
  const int mw = pixGetWidth(Mutable(mask)), mh = pixGetHeight(Mutable(mask));
  for (const Stroke& g : groups) {
    if (g.box.height() < 0.45 * median_height) continue;  // a stray mark beside the digits
    PixPtr own(pixCreate(mw, mh, 1));
    for (int part : g.parts) {
      l_int32 x = 0, y = 0, w = 0, h = 0;
      boxaGetBoxGeometry(boxes.get(), part, &x, &y, &w, &h);
      PixPtr component(pixaGetPix(pixa.get(), part, L_CLONE));
      pixRasterop(own.get(), x, y, w, h, PIX_SRC | PIX_DST, component.get(), 0, 0);
    }
    const int x0 = static_cast<int>(g.box.x0), width = static_cast<int>(g.box.width());
    const double height = g.box.height();
    const auto column_ink = [&](int x) {
      int ink = 0;
      for (int y = static_cast<int>(g.box.y0); y < static_cast<int>(g.box.y1); ++y) {
        l_uint32 v = 0;
        pixGetPixel(own.get(), x, y, &v);
        ink += static_cast<int>(v);
      }
      return ink;
    };
    const auto read = [&](int from, int to) {
      BoxPtr part(boxCreate(from, static_cast<int>(g.box.y0), std::max(1, to - from), static_cast<int>(height)));
      PixPtr digit(pixClipRectangle(own.get(), part.get(), nullptr));
      return digit ? classifier.Classify(digit.get()).confidence : 0.0f;
    };
    // Cuts into `pieces` at the columns of least ink near the even division.
    const auto cut = [&](int pieces) {
      std::vector<int> at{x0};
      for (int p = 1; p < pieces; ++p) {
        const int ideal = x0 + width * p / pieces, reach = std::max(1, width / (4 * pieces));
        int best = ideal, best_ink = 1 << 30;
        for (int x = ideal - reach; x <= ideal + reach; ++x) {
          const int ink = column_ink(x);
          if (ink < best_ink) best_ink = ink, best = x;
        }
        at.push_back(best);
      }
      return at;
    };
    // Handwritten digits are about half as wide as high, so a wider group may be digits that touch
    // ("97" joined at the top). It is cut only when the whole does not read as one digit with near
    // certainty and every piece reads with confidence: a wide 4 or 0 stays whole.
    std::vector<int> cuts{x0};
    if (width > 0.8 * height && read(x0, x0 + width) < kCertainDigit) {
      const int most = std::clamp(static_cast<int>(std::lround(width / (0.5 * height))), 2, 5);
      for (int pieces = 2; pieces <= most; ++pieces) {
        std::vector<int> at = cut(pieces);
        at.push_back(x0 + width);
        float weakest = 1.0f;
        for (size_t p = 0; p + 1 < at.size(); ++p) weakest = std::min(weakest, read(at[p], at[p + 1]));
        if (weakest >= kHandwrittenDigitMinConfidence) {
          at.pop_back();
          cuts = std::move(at);
          break;
        }
      }
    }
    cuts.push_back(x0 + width);
    for (size_t p = 0; p + 1 < cuts.size(); ++p) {
      BoxPtr piece(boxCreate(cuts[p], static_cast<int>(g.box.y0), std::max(1, cuts[p + 1] - cuts[p]),
                             static_cast<int>(height)));
      PixPtr digit(pixClipRectangle(own.get(), piece.get(), nullptr));
      l_int32 empty = 1;
      if (digit && pixZero(digit.get(), &empty) == 0 && !empty) {
        digits.push_back({std::move(digit), {double(cuts[p]), g.box.y0, double(cuts[p + 1]), g.box.y1}});
      }
    }
  }
  return digits;
}

bool InRange(const std::string& field, const std::string& digits) {
  if (digits.empty()) return false;
  if (field == "number") return digits.size() <= 5;
  const int value = std::stoi(digits);
  return digits.size() <= 2 && value >= 1 && value <= (field == "day" ? 31 : 12);
}

Word MakeWord(const Line& line, size_t word, std::vector<Glyph> glyphs) {
  Word w;
  w.confidence = line.words[word].confidence;
  for (const Glyph& g : glyphs) {
    w.text += g.text;
    w.box = w.text.size() == g.text.size() ? g.box : w.box.Including(g.box);
  }
  w.text = ToNfc(w.text);
  w.glyphs = std::move(glyphs);
  return w;
}

// Replaces the glyphs inside each blank of the line by one word: the digits read, or "…".
void Rewrite(Line& line, const std::vector<Blank>& blanks,
             const std::vector<HandwrittenFill>& fills) {
  std::vector<Word> words;
  std::vector<Glyph> current;
  bool label_started = false;
  size_t flat = 0;
  for (size_t w = 0; w < line.words.size(); ++w) {
    const Word& word = line.words[w];
    if (word.glyphs.empty()) {
      words.push_back(word);
      continue;
    }
    const auto flush = [&] {
      if (!current.empty()) words.push_back(MakeWord(line, w, std::move(current)));
      current.clear();
    };
    for (size_t g = 0; g < word.glyphs.size(); ++g, ++flat) {
      bool inside = false;
      for (const Blank& b : blanks) inside = inside || (flat > b.before && flat < b.after);
      if (inside) {
        flush();
        continue;
      }
      bool in_label = false;
      for (const Blank& b : blanks) in_label = in_label || (b.label && flat >= *b.label && flat <= b.before);
      if (in_label && !label_started) {
        flush();
        label_started = true;
      }
      current.push_back(word.glyphs[g]);
      for (size_t b = 0; b < blanks.size(); ++b) {
        if (flat != blanks[b].before) continue;
        if (label_started) {
          // The glyphs are where the number's label is ("Só:", "S6:" misread): it says "Số:".
          Word label = MakeWord(line, w, std::move(current));
          label.text = "Số:";
          words.push_back(std::move(label));
          current.clear();
          label_started = false;
        }
        flush();
        Word fill;
        fill.text = fills[b].digits.empty() ? "…" : fills[b].digits;
        fill.box = fills[b].box;
        fill.confidence = fills[b].confidence;
        words.push_back(std::move(fill));
      }
    }
    if (!label_started) flush();  // a label may run over two words ("Số :")
  }
  if (!current.empty()) words.push_back(MakeWord(line, line.words.size() - 1, std::move(current)));
  line.words = std::move(words);
  line.SetFromWords();
}

// A wide blank can make the OCR end a line at it: "Kiên Giang, ngày" and "tháng 10 năm 2017" come
// back as two lines (even two blocks) of one row. Such a pair is joined again, the blank between.
void JoinLinesSplitAtABlank(Page& page) {
  std::vector<Line*> lines;
  for (Block& block : page.blocks) {
    for (Line& line : block.lines) {
      if (line.box && !line.words.empty() && line.box->y0 < page.height * kHeaderZone) lines.push_back(&line);
    }
  }
  const auto folded = [](const Line& line) { return LowerCase(FoldDiacritics(line.text)); };
  bool joined = false;
  for (Line* a : lines) {
    if (a->words.empty()) continue;
    const std::string left = folded(*a);
    const bool open_date = left.find("ngay") != std::string::npos && left.find("thang", left.rfind("ngay")) == std::string::npos;
    const bool open_number = left.rfind("so", 0) == 0 && left.find('/') == std::string::npos;
    if (!open_date && !open_number) continue;
    for (Line* b : lines) {
      if (b == a || b->words.empty()) continue;
      const double overlap = std::min(a->box->y1, b->box->y1) - std::max(a->box->y0, b->box->y0);
      const double height = std::min(a->box->height(), b->box->height());
      const double gap = b->box->x0 - a->box->x1;
      if (overlap < 0.6 * height || gap < 0 || gap > 10 * height) continue;
      const std::string right = folded(*b);
      if (!(open_date && right.rfind("thang", 0) == 0) && !(open_number && right.rfind("/", 0) == 0)) continue;
      for (Word& w : b->words) a->words.push_back(std::move(w));
      b->words.clear();
      a->SetFromWords();
      joined = true;
      break;
    }
  }
  if (!joined) return;
  for (Block& block : page.blocks) {
    std::erase_if(block.lines, [](const Line& l) { return l.words.empty() && l.box; });
    block.SetBoxFromLines();
  }
  std::erase_if(page.blocks, [](const Block& b) { return b.lines.empty(); });
}

}  // namespace

std::vector<HandwrittenFill> ReadHandwrittenFillIns(const Pix* original, const DigitClassifier& classifier,
                                                    Page& page) {
  std::vector<HandwrittenFill> found;
  if (original == nullptr || page.height <= 0) return found;
  JoinLinesSplitAtABlank(page);
  bool number_seen = false, date_seen = false;
  for (Block& block : page.blocks) {
    for (Line& line : block.lines) {
      if (!line.box || line.box->y0 > page.height * kHeaderZone) continue;
      const std::vector<LineGlyph> glyphs = GlyphsOf(line);
      if (glyphs.size() < 3) continue;
      std::vector<Blank> blanks;
      if (!number_seen) {
        if (std::optional<Blank> b = FindNumberBlank(line, glyphs)) blanks.push_back(*b);
      }
      if (!date_seen) {
        for (Blank& b : FindDateBlanks(line, glyphs)) blanks.push_back(std::move(b));
      }
      if (blanks.empty()) continue;
      std::vector<Blank> written;
      std::vector<HandwrittenFill> fills;
      for (const Blank& blank : blanks) {
        (blank.field == "number" ? number_seen : date_seen) = true;
        PixPtr crop = Crop(original, blank.box);
        if (!crop) continue;
        bool coloured = false;
        PixPtr ink = InkOf(crop.get(), blank.print_height, &coloured);
        if (!ink) continue;
        // Pen-coloured ink in the blank is handwriting whatever the OCR made of it.
        const std::vector<DigitImage> digits = SegmentDigits(ink.get(), blank.print_height, classifier);
        if (digits.empty()) continue;  // an empty blank: a draft, not handwriting
        // Black ink the OCR read as digits of the printed height is taken as print: reading a typed
        // date as handwriting loses it, the other mistake only keeps the OCR's reading.
        if (!coloured && HoldsPrintedDigits(glyphs, blank)) continue;
        HandwrittenFill fill;
        fill.page = page.number;
        fill.field = blank.field;
        fill.box = blank.box;
        fill.confidence = 1.0f;
        for (const DigitImage& d : digits) {
          const Pix* digit = d.mask.get();
          DigitReading r = classifier.Classify(digit);
          // No one digit is much wider than high: such a piece is digits run together.
          if (d.box.width() > kWidestDigit * d.box.height()) r = {};
          if (r.digit < 0) {
            fill.confidence = 0;
            continue;
          }
          fill.candidate += static_cast<char>('0' + r.digit);
          fill.confidence = std::min(fill.confidence, r.confidence);
        }
        if (fill.confidence >= kHandwrittenDigitMinConfidence && InRange(fill.field, fill.candidate)) {
          fill.digits = fill.candidate;
        }
        written.push_back(blank);
        fills.push_back(std::move(fill));
      }
      if (written.empty()) continue;
      Rewrite(line, written, fills);
      for (HandwrittenFill& f : fills) found.push_back(std::move(f));
    }
  }
  return found;
}

}  // namespace vanban
