// Tables of a normalized document (Document::tables), from the two forms plain text gives them:
// pipe rows, one row per line ("| 1 | Nội dung | Sở Tài chính | Quý IV/2025 |"), and web copies that
// print a table one cell per line, the cells between lines of bars and the rows between two such
// lines running together.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"

#include "normalize_internal.h"

namespace vanban::internal {
namespace {

size_t CountBars(std::string_view s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '|')); }

// "---", ":---:": the line under a markdown table's header row.
bool IsRuleCell(std::string_view cell) {
  if (cell.starts_with(':')) cell.remove_prefix(1);
  if (cell.ends_with(':')) cell.remove_suffix(1);
  return cell.size() >= 2 && cell.find_first_not_of('-') == std::string_view::npos;
}

Span TrimSpan(std::string_view text, Span span) {
  while (span.begin < span.end && text[span.begin] == ' ') ++span.begin;
  while (span.end > span.begin && text[span.end - 1] == ' ') --span.end;
  return span;
}

// The cells of one pipe row, from its paragraph in the normalized text. Bars are tokens of their
// own there (normalization keeps the spaces around them). Markdown stripping removed the bars at the
// row's ends, and with them the empty cells that opened the row ("|  | Theo NQ 01 |"): they are put
// back from the printed line so that the columns stay aligned.
std::vector<Span> PipeRowCells(std::string_view text, Span paragraph, std::string_view raw) {
  // A row printed with a bar at its start ("|1|Nội dung|Sở X|") has only bars between its cells;
  // elsewhere a bar inside a word ("A|B") is the word's.
  const bool framed = raw.find_first_not_of(" \t") != std::string_view::npos && raw[raw.find_first_not_of(" \t")] == '|';
  std::vector<size_t> bars;
  for (size_t p = paragraph.begin; p < paragraph.end; ++p) {
    if (text[p] == '|' && (framed || ((p == paragraph.begin || text[p - 1] == ' ') &&
                                      (p + 1 == paragraph.end || text[p + 1] == ' ')))) {
      bars.push_back(p);
    }
  }
  std::vector<Span> cells;
  const bool opens_with_bar = !bars.empty() && bars.front() == paragraph.begin;
  if (!opens_with_bar) {
    const size_t leading = raw.find_first_not_of(" \t|");
    const size_t lost = leading == std::string_view::npos ? 0 : CountBars(raw.substr(0, leading));
    for (size_t k = 1; k < lost; ++k) cells.push_back({paragraph.begin, paragraph.begin});
  }
  size_t start = paragraph.begin;
  for (size_t i = 0; i <= bars.size(); ++i) {
    const size_t end = i < bars.size() ? bars[i] : paragraph.end;
    const Span cell = TrimSpan(text, {start, end});
    const bool edge = (i == 0 && opens_with_bar) || (i == bars.size() && cell.size() == 0 && !bars.empty() &&
                                                     bars.back() + 1 >= paragraph.end);
    if (!edge) cells.push_back(cell.size() ? cell : Span{start, start});
    if (i < bars.size()) start = bars[i] + 1;
  }
  // The empty cells that closed the row, dropped with its edge bars.
  const bool closes_with_bar = !bars.empty() && bars.back() + 1 >= paragraph.end;
  if (!closes_with_bar) {
    const size_t trailing = raw.find_last_not_of(" \t|");
    const size_t lost = trailing == std::string_view::npos ? 0 : CountBars(raw.substr(trailing + 1));
    for (size_t k = 1; k < lost; ++k) cells.push_back({paragraph.end, paragraph.end});
  }
  return cells;
}

}  // namespace

bool IsBarsOnly(std::string_view raw) {
  return raw.find('|') != std::string_view::npos && raw.find_first_not_of(" \t|") == std::string_view::npos;
}

void MarkCellLines(std::vector<SourceLine>& lines) {
  int table = -1, row = 0, column = 0;
  bool in_table = false;
  int bars = 0;  // bar lines since the last text line
  for (SourceLine& line : lines) {
    if (IsBarsOnly(line.raw)) {
      // A bar line after a gap opens a new table: the one before it is over.
      if (bars == 0 && line.blank_before > 0) in_table = false;
      ++bars;
      continue;
    }
    if (line.clean.empty()) continue;
    // A heading is never inside a cell: a table left open by a page without blank lines is over.
    if (line.heading_mark) {
      in_table = false;
      bars = 0;
      continue;
    }
    if (bars > 0) {
      const bool gap = line.blank_before > 0;  // blank lines between the bars and this line
      // The bars end the cell before them as a blank line ends a paragraph.
      line.blank_before = std::max(line.blank_before, 2);
      if (gap) {
        in_table = false;  // the table's closing bar
      } else {
        if (!in_table) {
          ++table;
          row = column = 0;
          in_table = true;
        } else if (bars >= 2) {
          // Two bars in a row end the row. An empty cell prints the same way; a row that ends
          // early under a cell merged over rows is the more common of the two in real copies
          // (measured on the devset), and the task reader takes merged cells from the row above.
          ++row;
          column = 0;
        } else {
          ++column;
        }
        line.cell_start = true;
      }
    } else if (in_table && line.blank_before >= 2) {
      in_table = false;  // a table whose closing bar was lost
    }
    if (in_table) line.cell = {table, row, column};
    bars = 0;
  }
}

std::vector<Table> BuildTables(const std::vector<SourceLine>& lines, const std::vector<LineGroup>& groups,
                               const std::string& text, const std::vector<Paragraph>& paragraphs,
                               bool double_spaced) {
  std::vector<Table> tables;
  std::vector<bool> laid_out;  // per table: found from word boxes
  int cell_table = -1;  // the web-copy table `tables.back()` was built from, -1 for a pipe table
  bool pipe_open = false;
  for (size_t g = 0; g < groups.size(); ++g) {
    const SourceLine& first = lines[groups[g].lines.front()];
    const Span span = paragraphs[g].span;
    if (first.cell.table >= 0) {
      pipe_open = false;
      if (first.cell.table != cell_table) {
        cell_table = first.cell.table;
        laid_out.push_back(first.cell.laid_out);
        Table& t = tables.emplace_back();
        t.page = paragraphs[g].page;
        t.first_paragraph = g;
      }
      Table& t = tables.back();
      t.end_paragraph = g + 1;
      const size_t row = static_cast<size_t>(first.cell.row), column = static_cast<size_t>(first.cell.column);
      if (t.rows.size() <= row) t.rows.resize(row + 1);
      std::vector<Span>& cells = t.rows[row].cells;
      if (cells.size() <= column) {
        cells.resize(column + 1, Span{span.begin, span.begin});
        cells[column] = span;
      } else {
        cells[column].end = span.end;  // a cell of several paragraphs
      }
      continue;
    }
    cell_table = -1;
    const bool pipe_row = groups[g].lines.size() == 1 && CountBars(first.raw) >= 2;
    if (!pipe_row) {
      pipe_open = false;
      continue;
    }
    std::vector<Span> cells = PipeRowCells(text, span, first.raw);
    if (cells.size() < 2) {
      pipe_open = false;
      continue;
    }
    // A blank line between pipe rows parts two tables (two in double-spaced text).
    if (!pipe_open || first.blank_before >= (double_spaced ? 2 : 1)) {
      laid_out.push_back(false);
      Table& t = tables.emplace_back();
      t.page = paragraphs[g].page;
      t.first_paragraph = g;
      pipe_open = true;
    }
    Table& t = tables.back();
    t.end_paragraph = g + 1;
    const bool rule = std::all_of(cells.begin(), cells.end(), [&](const Span& c) {
      return c.size() == 0 || IsRuleCell(std::string_view(text).substr(c.begin, c.size()));
    });
    if (!rule) t.rows.push_back({std::move(cells)});
  }
  // A table found from word boxes has the same columns in every row: a row without text in its
  // last columns still has them (empty), so that its cells stay under their headers.
  for (size_t t = 0; t < tables.size(); ++t) {
    if (!laid_out[t]) continue;
    const size_t columns = tables[t].Columns();
    for (TableRow& row : tables[t].rows) {
      const size_t end = row.cells.empty() ? paragraphs[tables[t].first_paragraph].span.begin : row.cells.back().end;
      row.cells.resize(columns, Span{end, end});
    }
  }
  std::erase_if(tables, [](const Table& t) { return t.rows.empty(); });
  return tables;
}

}  // namespace vanban::internal
