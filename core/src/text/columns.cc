// Two-column regions of plain text laid out by position.
#include <re2/re2.h>

#include <algorithm>

#include "normalize_internal.h"
#include "vanban/grammar.h"

namespace vanban::internal {
namespace {

// Plain text laid out by position (pdftotext -layout, typed headers) prints two columns side by side:
// issuer | national motto, number | place and date, copies-to | signature. Such a line has a wide gap
// with text resuming far to the right.
struct ColumnCut {
  size_t indent = 0;          // leading spaces, in characters
  size_t left_end = 0;        // bytes of the left part (0 when the line has no gap)
  size_t right_begin = 0;     // byte where the right part starts
  size_t right_column = 0;    // character column of the right part
};

// The right column of a header or signature holds the motto, the place and date, or the signature
// block: a narrower gap suffices before those.
bool LooksLikeRightColumn(std::string_view right) {
  static const RE2 kRightColumn("^(?:\\p{Lu}[\\p{Lu}\\s.-]{5,}$|" + std::string(kSignaturePrefix) + "\\.|[^,]{2,40},\\s*ngày\\s)");
  return RE2::PartialMatch(right, kRightColumn);
}

ColumnCut CutColumns(std::string_view raw) {
  constexpr size_t kMinGap = 5, kMinGapBeforeHeader = 3, kMinRightColumn = 25;
  ColumnCut cut;
  size_t column = 0, i = 0;
  while (i < raw.size() && raw[i] == ' ') ++i, ++column;
  cut.indent = column;
  bool seen_text = false;
  while (i < raw.size()) {
    if (raw[i] == ' ' && seen_text) {
      const size_t gap_begin = i, gap_column = column;
      while (i < raw.size() && raw[i] == ' ') ++i, ++column;
      const size_t gap = column - gap_column;
      if (i < raw.size() && column >= kMinRightColumn &&
          (gap >= kMinGap || (gap >= kMinGapBeforeHeader && LooksLikeRightColumn(Trim(raw.substr(i)))))) {
        cut.left_end = gap_begin;
        cut.right_begin = i;
        cut.right_column = column;
        return cut;
      }
      continue;
    }
    seen_text = true;
    column += (static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80;
    ++i;
  }
  return cut;
}

}  // namespace

// Reorders each two-column region of one page's lines: its left column, then its right column.
void SplitColumns(std::vector<SourceLine>& page) {
  std::vector<ColumnCut> cuts;
  for (const SourceLine& l : page) cuts.push_back(CutColumns(l.raw));
  const auto is_split = [&](size_t k) { return cuts[k].left_end > 0; };
  std::vector<SourceLine> out;
  size_t i = 0;
  while (i < page.size()) {
    if (!is_split(i)) {
      out.push_back(page[i++]);
      continue;
    }
    const size_t boundary = cuts[i].right_column;
    const auto right_only = [&](size_t k) { return !is_split(k) && cuts[k].indent + 8 >= boundary; };
    // Left-column lines under a split line: list entries ("- Như trên;") and short continuations
    // (the second line of a "V/v ..." subject).
    const auto left_entry = [&](size_t k) {
      const std::string_view t = Trim(page[k].raw);
      return !is_split(k) && page[k].blank_before == 0 && !t.empty() &&
             (StartsWithListBullet(t) || (cuts[k].indent < 8 && CountCodepoints(t) + cuts[k].indent < boundary));
    };
    // A right-only line just above the first split line belongs to the region ("Độc lập ..." printed alone).
    std::vector<SourceLine> left, right;
    size_t j = i;
    while (j < page.size() && (j == i || is_split(j) || right_only(j) || left_entry(j))) {
      if (is_split(j)) {
        SourceLine l = page[j], r = page[j];
        l.raw = page[j].raw.substr(0, cuts[j].left_end);
        r.raw = page[j].raw.substr(cuts[j].right_begin);
        r.printed_offset += cuts[j].right_begin;
        left.push_back(l);
        right.push_back(r);
      } else if (right_only(j)) {
        right.push_back(page[j]);
      } else {
        left.push_back(page[j]);
      }
      ++j;
    }
    // Each column starts its own paragraphs, and so does what follows the region.
    if (!right.empty()) right.front().blank_before = std::max(right.front().blank_before, 2);
    for (auto& l : left) out.push_back(l);
    for (auto& r : right) out.push_back(r);
    if (j < page.size()) page[j].blank_before = std::max(page[j].blank_before, 2);
    i = j;
  }
  page = std::move(out);
}

}  // namespace vanban::internal
