// The pieces of normalization (normalize.cc) that its other files share: the printed line as the
// paragraph builder sees it, code point helpers, markdown marks (markdown.cc), two-column regions
// (columns.cc), and the rules that start a paragraph and group lines into paragraphs and footnotes
// (paragraphs.cc).
#ifndef VANBAN_CORE_SRC_TEXT_NORMALIZE_INTERNAL_H_
#define VANBAN_CORE_SRC_TEXT_NORMALIZE_INTERNAL_H_

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"

namespace vanban::internal {

// One printed line as the paragraph builder sees it.
struct SourceLine {
  std::string_view raw;       // printed text of the line
  std::vector<bool> removed;  // bytes of `raw` dropped as markup (empty: none)
  std::string clean;          // raw without removed bytes, trimmed: used for layout decisions
  int page = 0;
  size_t printed_offset = 0;  // of raw in the page's printed text
  int blank_before = 0;       // blank lines (or a layout gap, counted as 2) before this line
  double fill = -1;           // how much of the text width the line fills, -1 when unknown
  bool indented = false;      // starts right of the page's text margin (layout sources only)
  bool from_layout = false;   // fill and indent come from boxes, not from character counts
  bool heading_mark = false;  // a markdown heading ("## ..."): always its own paragraph
  // Web copies that print a table one cell per line (MarkCellLines): the cell the line belongs to
  // (table -1: none), and whether it is the cell's first line, which always starts a paragraph.
  struct CellPosition {
    int table = -1, row = 0, column = 0;
    bool laid_out = false;  // found from word boxes (FindLaidOutTables), not from bar lines
    bool operator==(const CellPosition&) const = default;
  } cell;
  bool cell_start = false;
  // Markdown: the line starts inside a bold run ("**2." + "Xác định khu vực …**"). A bold run is
  // inline, so the line goes on with the paragraph above it (MarkBoldRuns).
  bool inside_bold = false;
};

struct Codepoint {
  UChar32 c;
  size_t begin, end;
};

inline std::vector<Codepoint> Codepoints(std::string_view s) {
  std::vector<Codepoint> out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back({c < 0 ? 0xFFFD : c, static_cast<size_t>(start), static_cast<size_t>(i)});
  }
  return out;
}

inline bool IsSpace(UChar32 c) { return c < 0x20 || c == 0x7F || u_isUWhiteSpace(c); }
// Invisible characters that PDF producers and editors leave inside words.
inline bool IsInvisible(UChar32 c) { return c == 0x00AD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF; }

inline size_t CountCodepoints(std::string_view s) {
  size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

inline std::string_view Trim(std::string_view s) {
  const std::vector<Codepoint> cps = Codepoints(s);
  size_t b = 0, e = cps.size();
  while (b < e && (IsSpace(cps[b].c) || IsInvisible(cps[b].c))) ++b;
  while (e > b && (IsSpace(cps[e - 1].c) || IsInvisible(cps[e - 1].c))) --e;
  if (b == e) return {};
  return s.substr(cps[b].begin, cps[e - 1].end - cps[b].begin);
}

// ---- markdown marks (markdown.cc) -------------------------------------------------------------

// Plain text converted from a web page: headings, links, or bold runs.
bool LooksLikeMarkdown(const std::vector<SourceLine>& lines);
// Marks the bytes of `line` that are markdown syntax as removed, and whether it is a heading.
void MarkMarkdown(SourceLine& line);
// The line without its removed bytes, trimmed.
std::string CleanText(const SourceLine& line);
// Sets inside_bold on lines that a bold run opened above them (without a blank line between) has
// not closed yet.
void MarkBoldRuns(std::vector<SourceLine>& lines);

// ---- two-column regions (columns.cc) --------------------------------------------------------

// Reorders each two-column region of one page's lines (issuer | motto, number | date, copies-to |
// signature, as pdftotext -layout and typed headers print them): its left column, then its right.
void SplitColumns(std::vector<SourceLine>& page);

// ---- tables (tables.cc) ----------------------------------------------------------------------

// A line of nothing but table bars ("|", "| |").
bool IsBarsOnly(std::string_view raw);

// Web copies print a table one cell per line, the cells between lines of bars and its rows between
// two bar lines in a row: marks each line's cell, and makes the first line of a cell start a
// paragraph (lines of bars end the cell before them as a blank line ends a paragraph). A bar line
// followed by a blank line closes the table.
void MarkCellLines(std::vector<SourceLine>& lines);

// A line of a laid-out page and where its text starts in the page's printed text.
struct PageLine {
  const Line* line = nullptr;
  size_t printed_offset = 0;
};

// A table found on a laid-out page: its lines, and the pieces of their text cut at the column
// borders, cell by cell (a row's cells left to right, a cell's pieces top to bottom), each piece
// marked with its cell (ids from `first_id` on).
struct LaidOutTable {
  std::vector<size_t> members;   // indices into the page's lines
  std::vector<SourceLine> lines;
};
// Tables from the word boxes of one page's lines (layout_tables.cc): a header line whose words
// fall into three or more groups, and the lines under it that leave a channel free of ink in each
// gap between the groups. No table starts above `header_bottom`: the header of page 1 (issuer |
// motto, number | place and date) falls into groups apart as a table's header row does.
std::vector<LaidOutTable> FindLaidOutTables(const std::vector<PageLine>& lines, int page, double header_bottom,
                                            int first_id);

struct LineGroup;
// The tables of the paragraphs built from `groups` (one paragraph per group, same order): the
// cells MarkCellLines marked, and runs of pipe rows ("| 1 | Nội dung | … |", the markdown rule row
// under the header left out; a blank line, two in double-spaced text, parts two tables).
std::vector<Table> BuildTables(const std::vector<SourceLine>& lines, const std::vector<LineGroup>& groups,
                               const std::string& text, const std::vector<Paragraph>& paragraphs,
                               bool double_spaced);

// ---- paragraphs (paragraphs.cc) -------------------------------------------------------------

// Word processors break lines after the hyphen or slash inside a number and symbol
// ("22-TT/" + "TU"); such a line end joins the next line without a space.
bool EndsInsideToken(std::string_view text);

// Consecutive lines that make one paragraph; footnote paragraphs are marked.
struct LineGroup {
  std::vector<size_t> lines;  // indices into the lines given to GroupLines
  bool footnote = false;
};
// The paragraphs of the document's lines, in reading order: a body paragraph that footnotes
// interrupted at a page break is kept whole, and its footnotes follow it.
std::vector<LineGroup> GroupLines(const std::vector<SourceLine>& lines, bool double_spaced);

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_TEXT_NORMALIZE_INTERNAL_H_
