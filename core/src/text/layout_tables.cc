// Tables of laid-out pages (PDF text layers and OCR), found from the boxes of their words: a line
// whose words fall into three or more groups apart (the header row: "TT   Thời gian   Nội dung"),
// and the lines under it that leave a vertical channel free of ink in each gap between those groups.
// The channels are the column borders; the table ends at the first line that crosses one (a
// paragraph across the page). Rows are parted by a wider vertical gap than lines within a cell.
#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <string_view>
#include <utility>
#include <vector>

#include "normalize_internal.h"

namespace vanban::internal {
namespace {

using Interval = std::pair<double, double>;

// A gap between header groups wider than this many line heights parts two columns.
constexpr double kColumnGap = 1.2;
// Lines of one row are this close (a fraction of the line height); rows are farther apart.
constexpr double kRowGap = 0.8;
constexpr size_t kMaxTableBands = 400;

double MedianLineHeight(const std::vector<PageLine>& lines) {
  std::vector<double> heights;
  for (const PageLine& l : lines) {
    if (l.line->box && !l.line->words.empty()) heights.push_back(l.line->box->height());
  }
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
  return heights[heights.size() / 2];
}

// Ink that is text: OCR reads the rules of a table as "|", "_" or "—", which sit in the channels.
bool IsText(const Word& w) {
  const std::vector<Codepoint> cps = Codepoints(w.text);
  return std::any_of(cps.begin(), cps.end(), [](const Codepoint& cp) { return u_isalnum(cp.c); });
}

// Lines side by side at one height: the OCR gives a row's cells as lines of their own, and a
// text layer may too. A line joins the band above when it overlaps its height by more than a
// third of a line.
struct Band {
  std::vector<size_t> lines;  // indices into the page's lines
  std::vector<const Word*> words;  // text words, left to right
  double y0 = 0, y1 = 0;
};

std::vector<Band> Bands(const std::vector<PageLine>& lines, const std::vector<size_t>& order, double h) {
  std::vector<Band> bands;
  for (size_t i : order) {
    const BoundingBox& box = *lines[i].line->box;
    if (bands.empty() || box.y0 > bands.back().y1 - h / 3) bands.push_back({{}, {}, box.y0, box.y1});
    Band& band = bands.back();
    band.lines.push_back(i);
    band.y1 = std::max(band.y1, box.y1);
    for (const Word& w : lines[i].line->words) {
      if (IsText(w)) band.words.push_back(&w);
    }
  }
  for (Band& band : bands) {
    std::sort(band.words.begin(), band.words.end(), [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
  }
  return bands;
}

// The word groups of a band: words closer than `gap` run together.
std::vector<Interval> Groups(const Band& band, double gap) {
  std::vector<Interval> groups;
  for (const Word* w : band.words) {
    if (!groups.empty() && w->box.x0 - groups.back().second <= gap) {
      groups.back().second = std::max(groups.back().second, w->box.x1);
    } else {
      groups.push_back({w->box.x0, w->box.x1});
    }
  }
  return groups;
}

// `free` without the parts the words of `band` cover.
std::vector<Interval> Subtract(const std::vector<Interval>& free, const Band& band) {
  std::vector<Interval> out = free;
  for (const Word* w : band.words) {
    std::vector<Interval> next;
    for (const auto& [a, b] : out) {
      if (w->box.x1 <= a || w->box.x0 >= b) {
        next.push_back({a, b});
        continue;
      }
      if (w->box.x0 > a) next.push_back({a, w->box.x0});
      if (w->box.x1 < b) next.push_back({w->box.x1, b});
    }
    out = std::move(next);
  }
  return out;
}

// The byte range of each word in the line's text, found in order; empty when the words cannot
// all be found (the text was made otherwise).
std::vector<Interval> WordOffsets(const Line& line) {
  std::vector<Interval> offsets;
  size_t pos = 0;
  for (const Word& w : line.words) {
    const size_t at = w.text.empty() ? std::string::npos : line.text.find(w.text, pos);
    if (at == std::string::npos) return {};
    offsets.push_back({double(at), double(at + w.text.size())});
    pos = at + w.text.size();
  }
  return offsets;
}

struct Found {
  size_t bands = 0;             // bands from the header band on
  std::vector<double> borders;  // x of each column border, left to right
};

// The table whose header row is band `at`, if any: the bands under it that leave a channel in each
// gap between the header's word groups.
std::optional<Found> TableUnder(const std::vector<Band>& bands, size_t at, double h) {
  const std::vector<Interval> groups = Groups(bands[at], kColumnGap * h);
  if (groups.size() < 3) return std::nullopt;
  std::vector<std::vector<Interval>> channels;
  for (size_t g = 0; g + 1 < groups.size(); ++g) channels.push_back({{groups[g].second, groups[g + 1].first}});
  Found found;
  found.bands = 1;
  for (size_t k = at + 1; k < bands.size() && k - at < kMaxTableBands; ++k) {
    // Far below the rows above: the table is over.
    if (bands[k].y0 - bands[k - 1].y1 > 4 * h) break;
    std::vector<std::vector<Interval>> next;
    bool crossed = false;
    for (const auto& free : channels) {
      next.push_back(Subtract(free, bands[k]));
      crossed = crossed || next.back().empty();
    }
    if (crossed) break;
    channels = std::move(next);
    ++found.bands;
  }
  if (found.bands < 3) return std::nullopt;
  // Of the channels left in a gap, the border is the one the next column's text starts at, row
  // after row (cells are set flush left), the widest of those.
  const auto starts_at = [&](double x) {
    int rows = 0;
    for (size_t k = at + 1; k < at + found.bands; ++k) {
      rows += std::any_of(bands[k].words.begin(), bands[k].words.end(),
                          [&](const Word* w) { return w->box.x0 >= x && w->box.x0 <= x + h / 2; });
    }
    return rows;
  };
  for (const auto& free : channels) {
    const auto best = std::max_element(free.begin(), free.end(), [&](const Interval& a, const Interval& b) {
      return std::make_pair(starts_at(a.second), a.second - a.first) < std::make_pair(starts_at(b.second), b.second - b.first);
    });
    found.borders.push_back((best->first + best->second) / 2);
  }
  return found;
}

size_t ColumnAt(const std::vector<double>& borders, const BoundingBox& box) {
  const double center = (box.x0 + box.x1) / 2;
  return static_cast<size_t>(std::upper_bound(borders.begin(), borders.end(), center) - borders.begin());
}

}  // namespace

std::vector<LaidOutTable> FindLaidOutTables(const std::vector<PageLine>& lines, int page, double header_bottom,
                                            int first_id) {
  std::vector<LaidOutTable> tables;
  const double h = MedianLineHeight(lines);
  if (h <= 0) return tables;
  std::vector<size_t> order;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].line->box && !lines[i].line->words.empty()) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return lines[a].line->box->y0 < lines[b].line->box->y0; });
  const std::vector<Band> bands = Bands(lines, order, h);
  for (size_t at = 0; at < bands.size(); ++at) {
    if (bands[at].y0 < header_bottom) continue;
    const std::optional<Found> found = TableUnder(bands, at, h);
    if (!found) continue;
    LaidOutTable table;
    // Rows: a band that starts below the row's lowest ink by more than kRowGap line heights opens
    // the next row.
    int row = 0;
    std::vector<int> row_of;  // per member line
    for (size_t k = at; k < at + found->bands; ++k) {
      if (k > at && bands[k].y0 - bands[k - 1].y1 > kRowGap * h) ++row;
      for (size_t line : bands[k].lines) {
        table.members.push_back(line);
        row_of.push_back(row);
      }
    }
    // Each member line's words, cut at the borders into pieces of its text.
    struct Piece {
      int row;
      size_t column;
      size_t member;
      Interval bytes;
    };
    std::vector<Piece> pieces;
    bool readable = true;
    for (size_t k = 0; k < table.members.size() && readable; ++k) {
      const Line& line = *lines[table.members[k]].line;
      const std::vector<Interval> offsets = WordOffsets(line);
      readable = !offsets.empty();
      bool joins = false;  // the word goes on the piece before it
      for (size_t w = 0; w < offsets.size(); ++w) {
        // A cell border read as "|" is left out of the cell's text.
        if (!IsText(line.words[w])) {
          joins = false;
          continue;
        }
        const size_t column = ColumnAt(found->borders, line.words[w].box);
        if (joins && pieces.back().column == column) {
          pieces.back().bytes.second = offsets[w].second;
        } else {
          pieces.push_back({row_of[k], column, k, offsets[w]});
        }
        joins = true;
      }
    }
    // Rows numbered densely: a band of nothing but border bars has no pieces.
    std::vector<int> rows;
    for (const Piece& piece : pieces) rows.push_back(piece.row);
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (Piece& piece : pieces) {
      piece.row = static_cast<int>(std::lower_bound(rows.begin(), rows.end(), piece.row) - rows.begin());
    }
    // A header and one row is as likely a signature block ("Nơi nhận:" | title | name) as a table.
    if (!readable || rows.size() < 3) continue;
    // Cell by cell: a row's cells left to right, each cell's pieces top to bottom.
    std::stable_sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
      return std::tie(a.row, a.column) < std::tie(b.row, b.column);
    });
    const int id = first_id + static_cast<int>(tables.size());
    for (size_t p = 0; p < pieces.size(); ++p) {
      const Piece& piece = pieces[p];
      const PageLine& from = lines[table.members[piece.member]];
      SourceLine sl;
      const auto begin = static_cast<size_t>(piece.bytes.first), end = static_cast<size_t>(piece.bytes.second);
      sl.raw = std::string_view(from.line->text).substr(begin, end - begin);
      sl.page = page;
      sl.printed_offset = from.printed_offset + begin;
      sl.cell = {id, piece.row, static_cast<int>(piece.column), /*laid_out=*/true};
      sl.cell_start = p == 0 || pieces[p - 1].row != piece.row || pieces[p - 1].column != piece.column;
      sl.blank_before = sl.cell_start ? 2 : 0;
      table.lines.push_back(std::move(sl));
    }
    tables.push_back(std::move(table));
    // The next table starts below this one.
    at += found->bands - 1;
  }
  return tables;
}

}  // namespace vanban::internal
