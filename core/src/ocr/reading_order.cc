// ReadColumnsInOrder: two-column regions of OCR pages read column by column.
#include <algorithm>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "vanban/ocr.h"

namespace vanban {
namespace {

// A gutter is at least this many line heights wide, this many times the line's median word space
// and this share of the page width: wider than any space of justified text, narrower than the gap
// between an issuer and the national motto.
constexpr double kGutterLineHeights = 1.8;
constexpr double kGutterWordSpaces = 4.0;
constexpr double kGutterPageShare = 0.03;
// A region ends at a vertical gap over this many line heights, or this many times the page's usual
// gap between lines if that is larger (double-spaced pages): a blank line before the title or the
// body.
constexpr double kMaxRegionLeading = 1.0;
constexpr double kMaxRegionLeadingToUsual = 1.5;
// A line of the left column alone starts within this many line heights of the column's start
// (its lines are centred or flush left); a centred title further right ends the region.
constexpr double kLeftColumnIndent = 2.0;

struct Gutter {
  double left = 0, right = 0;  // x of the end of the left part and the start of the right part
  size_t split = 0;            // index of the first word of the right part; 0: no gutter
};

double LineHeight(const Line& line) { return line.box ? line.box->height() : 0; }

// The one gutter of a line, if it has exactly one.
Gutter FindGutter(const Line& line, double page_width) {
  Gutter gutter;
  if (line.words.size() < 2 || !line.box) return gutter;
  std::vector<double> spaces;
  for (size_t i = 1; i < line.words.size(); ++i) spaces.push_back(line.words[i].box.x0 - line.words[i - 1].box.x1);
  std::nth_element(spaces.begin(), spaces.begin() + static_cast<long>(spaces.size() / 2), spaces.end());
  const double median_space = spaces[spaces.size() / 2];
  const double min_gap = std::max({kGutterLineHeights * LineHeight(line), kGutterWordSpaces * median_space,
                                   kGutterPageShare * page_width});
  for (size_t i = 1; i < line.words.size(); ++i) {
    const double left = line.words[i - 1].box.x1, right = line.words[i].box.x0;
    if (right - left < min_gap) continue;
    if (gutter.split != 0) return {};  // several wide gaps: a table row, not two columns
    gutter = {left, right, i};
  }
  return gutter;
}

// Words [begin, end) of `line` as a line of their own.
Line SubLine(const Line& line, size_t begin, size_t end) {
  Line part;
  part.page = line.page;
  part.origin = line.origin;
  part.words.assign(line.words.begin() + static_cast<long>(begin), line.words.begin() + static_cast<long>(end));
  part.SetFromWords();
  return part;
}

// True when `b` sits on the same printed row as `a`, to its right: Tesseract sometimes returns the
// two halves of a two-column row as lines of their own, one after the other.
bool SameRowToTheRight(const Line& a, const Line& b) {
  if (!a.box || !b.box || b.box->x0 <= a.box->x1) return false;
  const double overlap = std::min(a.box->y1, b.box->y1) - std::max(a.box->y0, b.box->y0);
  return overlap >= 0.5 * std::min(a.box->height(), b.box->height());
}

void CloseBlock(std::vector<Block>& blocks, Block&& block) {
  if (block.lines.empty()) return;
  block.SetBoxFromLines();
  blocks.push_back(std::move(block));
}

}  // namespace

void ReadColumnsInOrder(Page& page) {
  struct PlacedLine {
    Line line;
    size_t block;
  };
  std::vector<PlacedLine> lines;
  double page_width = page.width;
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    for (Line& l : page.blocks[b].lines) {
      if (l.box) page_width = std::max(page_width, l.box->x1);
      if (!lines.empty() && SameRowToTheRight(lines.back().line, l)) {
        Line& row = lines.back().line;
        for (Word& w : l.words) row.words.push_back(std::move(w));
        row.SetFromWords();
      } else {
        lines.push_back({std::move(l), b});
      }
    }
  }
  std::vector<double> leadings;
  for (size_t k = 1; k < lines.size(); ++k) {
    const auto& a = lines[k - 1].line.box;
    const auto& b = lines[k].line.box;
    if (a && b && b->y0 > a->y1) leadings.push_back(b->y0 - a->y1);
  }
  double usual_leading = 0;
  if (!leadings.empty()) {
    std::nth_element(leadings.begin(), leadings.begin() + static_cast<long>(leadings.size() / 2), leadings.end());
    usual_leading = leadings[leadings.size() / 2];
  }
  std::vector<Block> blocks;
  Block current;  // lines outside regions, kept in Tesseract's blocks
  size_t current_block = std::numeric_limits<size_t>::max();
  size_t i = 0;
  while (i < lines.size()) {
    const Line& first = lines[i].line;
    Gutter gutter = FindGutter(first, page_width);
    if (gutter.split == 0) {
      if (lines[i].block != current_block) {
        CloseBlock(blocks, std::move(current));
        current = Block();
        current_block = lines[i].block;
      }
      current.lines.push_back(std::move(lines[i].line));
      ++i;
      continue;
    }
    CloseBlock(blocks, std::move(current));
    current = Block();
    current_block = std::numeric_limits<size_t>::max();
    Block left, right;
    left.lines.push_back(SubLine(first, 0, gutter.split));
    right.lines.push_back(SubLine(first, gutter.split, first.words.size()));
    double bottom = first.box->y1;
    double left_start = first.box->x0;
    size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      const Line& l = lines[j].line;
      const double max_leading =
          std::max(kMaxRegionLeading * LineHeight(l), kMaxRegionLeadingToUsual * usual_leading);
      if (!l.box || l.box->y0 - bottom > max_leading) break;
      const Gutter g = FindGutter(l, page_width);
      if (g.split != 0) {
        if (g.left >= gutter.right || g.right <= gutter.left) break;  // a gutter elsewhere
        gutter.left = std::max(gutter.left, g.left);
        gutter.right = std::min(gutter.right, g.right);
        left.lines.push_back(SubLine(l, 0, g.split));
        right.lines.push_back(SubLine(l, g.split, l.words.size()));
        left_start = std::min(left_start, l.box->x0);
      } else if (l.box->x1 <= gutter.right && l.box->x0 <= left_start + kLeftColumnIndent * LineHeight(l)) {
        left.lines.push_back(l);
      } else if (l.box->x0 >= gutter.left) {
        right.lines.push_back(l);
      } else {
        break;  // crosses the gutter: the body goes on
      }
      bottom = std::max(bottom, l.box->y1);
    }
    CloseBlock(blocks, std::move(left));
    CloseBlock(blocks, std::move(right));
    i = j;
  }
  CloseBlock(blocks, std::move(current));
  page.blocks = std::move(blocks);
}

}  // namespace vanban
