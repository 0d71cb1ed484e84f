#include "vanban/normalize.h"

#include "normalize_internal.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/grammar.h"
#include "vanban/text.h"

namespace vanban {

using namespace internal;  // the pieces of normalization, normalize_internal.h

namespace {

// ---- collecting lines -----------------------------------------------------------------------

std::vector<SourceLine> CollectLines(const Document& doc) {
  std::vector<SourceLine> all;
  int table_ids = 0;
  for (const Page& page : doc.pages) {
    if (page.needs_ocr) continue;
    std::vector<SourceLine> lines;
    // The text margins of a laid-out page, for fill and indent.
    double left = 1e18, right = -1e18;
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) {
        if (line.box && !Trim(line.text).empty()) {
          left = std::min(left, line.box->x0);
          right = std::max(right, line.box->x1);
        }
      }
    }
    // A page of one or two lines does not show its right margin; assume it mirrors the left one.
    if (right > left && page.width > 0) right = std::max(right, page.width - left);
    const bool has_layout = right > left;
    // Tables found from the word boxes: their lines are given cell by cell, where the first of
    // them is in reading order.
    std::vector<PageLine> page_lines;
    for (size_t b = 0, offset = 0; b < page.blocks.size(); ++b) {
      for (const Line& line : page.blocks[b].lines) {
        page_lines.push_back({&line, offset});
        offset += line.text.size() + 1;
      }
    }
    std::vector<LaidOutTable> tables;
    // Page 1's header zone, its top third, is laid out in columns that are not a table's.
    const double header_bottom = page.number == 1 && page.height > 0 ? page.height / 3 : 0;
    if (has_layout) tables = FindLaidOutTables(page_lines, page.number, header_bottom, table_ids);
    table_ids += static_cast<int>(tables.size());
    std::vector<int> table_of(page_lines.size(), -1);
    for (size_t t = 0; t < tables.size(); ++t) {
      for (size_t m : tables[t].members) table_of[m] = static_cast<int>(t);
    }
    std::vector<bool> emitted(tables.size(), false);
    size_t index = 0;
    int blanks = 0;
    for (size_t b = 0; b < page.blocks.size(); ++b) {
      const Block& block = page.blocks[b];
      for (size_t l = 0; l < block.lines.size(); ++l, ++index) {
        const Line& line = block.lines[l];
        const size_t line_offset = page_lines[index].printed_offset;
        if (const int t = table_of[index]; t >= 0) {
          if (!emitted[static_cast<size_t>(t)]) {
            for (SourceLine& piece : tables[static_cast<size_t>(t)].lines) lines.push_back(std::move(piece));
            emitted[static_cast<size_t>(t)] = true;
          }
          blanks = 0;
          continue;
        }
        if (Trim(line.text).empty()) {
          ++blanks;
          continue;
        }
        SourceLine sl;
        sl.raw = line.text;
        sl.page = page.number;
        sl.printed_offset = line_offset;
        sl.blank_before = blanks;
        if (l == 0 && b > 0) sl.blank_before = std::max(sl.blank_before, 2);  // a layout gap between blocks
        if (has_layout && line.box) {
          sl.fill = (line.box->x1 - left) / (right - left);
          sl.indented = line.box->x0 - left > 0.03 * (right - left);
          sl.from_layout = true;
        }
        lines.push_back(std::move(sl));
        blanks = 0;
      }
    }
    if (!has_layout) SplitColumns(lines);
    for (SourceLine& l : lines) all.push_back(std::move(l));
  }
  return all;
}

// Plain text has no geometry: a line's fill is its length against the document's usual full line.
void EstimateFillFromLengths(std::vector<SourceLine>& lines) {
  std::vector<size_t> lengths;
  for (const SourceLine& l : lines) {
    if (l.fill < 0) lengths.push_back(CountCodepoints(l.clean));
  }
  if (lengths.size() < 8) return;
  std::sort(lengths.begin(), lengths.end());
  const size_t typical = lengths[lengths.size() * 8 / 10];
  if (typical < 30) return;
  for (SourceLine& l : lines) {
    if (l.fill < 0) l.fill = std::min(1.0, double(CountCodepoints(l.clean)) / double(typical));
  }
}

// Text extracted from PDFs often has a blank line after every printed line; then only two or more
// blank lines separate paragraphs.
bool IsDoubleSpaced(const std::vector<SourceLine>& lines) {
  if (lines.size() < 6) return false;
  // Only hard-wrapped text (lines of a printed width) can be double-spaced; a blank line between lines
  // that are whole paragraphs (web pages, word processors) is a real paragraph break.
  std::vector<size_t> lengths;
  for (const SourceLine& l : lines) lengths.push_back(CountCodepoints(l.clean));
  std::sort(lengths.begin(), lengths.end());
  if (lengths[lengths.size() * 8 / 10] > 120) return false;
  size_t single_blank = 0;
  for (size_t i = 1; i < lines.size(); ++i) single_blank += lines[i].blank_before == 1;
  return single_blank * 2 >= lines.size() - 1;
}

// Appends the tokens of `line` (split at white space, invisible characters dropped) to `out`.
void AppendTokens(const SourceLine& line, std::string& out, TextMap& map, bool& paragraph_empty) {
  const std::vector<Codepoint> cps = Codepoints(line.raw);
  bool first_token = true;
  size_t i = 0;
  while (i < cps.size()) {
    const auto skipped = [&](size_t k) {
      return IsInvisible(cps[k].c) || (!line.removed.empty() && line.removed[cps[k].begin]);
    };
    while (i < cps.size() && (IsSpace(cps[i].c) || skipped(i))) ++i;
    if (i >= cps.size()) break;
    std::string token;
    size_t first = cps[i].begin, last = cps[i].end;
    for (; i < cps.size() && !IsSpace(cps[i].c); ++i) {
      if (skipped(i)) continue;
      token.append(line.raw.substr(cps[i].begin, cps[i].end - cps[i].begin));
      last = cps[i].end;
    }
    if (token.empty()) continue;
    token = ToNfc(token);
    const bool glued = first_token && !paragraph_empty && EndsInsideToken(out) && u_isalnum(Codepoints(token)[0].c);
    first_token = false;
    if (!paragraph_empty && !glued) out.push_back(' ');
    map.Add({out.size(), token.size(), {line.page, line.printed_offset + first}, last - first});
    out += token;
    paragraph_empty = false;
  }
}

}  // namespace

std::string LaidOutTextInReadingOrder(std::string_view page_text) {
  // The page goes through the line collection Normalize uses, so the columns are split exactly as
  // they are for a plain-text document.
  Document doc;
  Page& page = doc.pages.emplace_back();
  page.number = 1;
  Block& block = page.blocks.emplace_back();
  for (size_t start = 0; start <= page_text.size();) {
    size_t end = page_text.find('\n', start);
    if (end == std::string_view::npos) end = page_text.size();
    std::string_view line = page_text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    block.lines.push_back(Line{std::string(line), 1, std::nullopt, 1.0f, Origin::kPlainText, {}});
    start = end + 1;
  }
  std::string out;
  for (const SourceLine& l : CollectLines(doc)) {
    if (l.blank_before > 0 && !out.empty()) out.push_back('\n');
    out.append(Trim(l.raw));
    out.push_back('\n');
  }
  return out;
}

Document Normalize(Document doc, const NormalizeOptions& options) {
  doc.text.clear();
  doc.paragraphs.clear();
  doc.tables.clear();
  doc.text_map = TextMap();
  std::vector<SourceLine> lines = CollectLines(doc);
  const bool plain = !doc.pages.empty() && doc.pages.front().origin == Origin::kPlainText;
  const bool markdown = plain && options.strip_markdown && LooksLikeMarkdown(lines);
  if (markdown) {
    for (SourceLine& line : lines) MarkMarkdown(line);
  }
  for (SourceLine& line : lines) line.clean = CleanText(line);
  if (markdown) internal::MarkBoldRuns(lines);
  // A web copy prints a table one cell per line, the cells between lines of bars: each cell stays a
  // paragraph of its own.
  if (markdown) internal::MarkCellLines(lines);
  std::erase_if(lines, [](const SourceLine& l) { return l.clean.empty(); });
  EstimateFillFromLengths(lines);
  const bool double_spaced = IsDoubleSpaced(lines);

  const std::vector<internal::LineGroup> groups = internal::GroupLines(lines, double_spaced);
  for (const internal::LineGroup& group : groups) {
    if (!doc.paragraphs.empty()) doc.text.push_back('\n');
    Paragraph paragraph{{doc.text.size(), doc.text.size()}, lines[group.lines.front()].page, group.footnote};
    bool paragraph_empty = true;
    for (size_t i : group.lines) AppendTokens(lines[i], doc.text, doc.text_map, paragraph_empty);
    paragraph.span.end = doc.text.size();
    doc.paragraphs.push_back(paragraph);
  }
  doc.tables = internal::BuildTables(lines, groups, doc.text, doc.paragraphs, double_spaced);
  return doc;
}

}  // namespace vanban
