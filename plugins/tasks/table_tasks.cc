#include "table_tasks.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "../common/plugin_util.h"
#include "vanban/text.h"

namespace vanban::plugins {
namespace {

enum class Column { kNone, kNumber, kContent, kLead, kPartner, kTime };

// A header cell's column, by the task.table_* rules. Time before lead: "Thời gian thực hiện" is a
// time, "Đơn vị thực hiện" a lead.
Column ColumnOf(const RuleSet& rules, std::string_view cell) {
  static constexpr std::pair<std::string_view, Column> kRules[] = {
      {"task.table_number", Column::kNumber}, {"task.table_content", Column::kContent},
      {"task.table_time", Column::kTime},     {"task.table_partner", Column::kPartner},
      {"task.table_lead", Column::kLead}};
  for (const auto& [kind, column] : kRules) {
    if (!rules.FindAll(kind, cell).empty()) return column;
  }
  return Column::kNone;
}

// Cell text on one line: web copies break a cell's text over lines and paragraphs.
std::string CellText(const Document& doc, const TableRow& row, size_t column) {
  if (column >= row.cells.size()) return "";
  std::string text(doc.SpanText(row.cells[column]));
  std::replace(text.begin(), text.end(), '\n', ' ');
  // OCR reads a cell's borders as bars and rules at its edges.
  return Trim(text, " \t|_—");
}

// The columns of a task table: where each kind of cell is. A header cell over several columns
// (the empty header cells after it) spans them: "Cấp trình và thời gian trình" over the columns of
// each level, "Đơn vị thực hiện" over Chủ trì | Phối hợp.
struct TableLayout {
  size_t first_row = 0;  // the first row after the header rows
  std::vector<Column> columns;
  // The column range of a kind: [begin, end); begin == end when the table has none.
  std::pair<size_t, size_t> Range(Column kind) const {
    const auto it = std::find(columns.begin(), columns.end(), kind);
    if (it == columns.end()) return {0, 0};
    size_t end = static_cast<size_t>(it - columns.begin()) + 1;
    while (end < columns.size() && columns[end] == kind) ++end;
    return {static_cast<size_t>(it - columns.begin()), end};
  }
};

bool IsRowNumber(std::string_view cell) {
  static const RE2 kNumber(R"(^\(?\d{1,3}(?:\.\d{1,2})*[.)]?$)");
  return RE2::FullMatch(cell, kNumber);
}

// A group row's number: "I", "II.", "A", "B." (the rows under it are the tasks).
bool IsGroupNumber(std::string_view cell) {
  static const RE2 kGroup(R"(^(?:[IVXLC]{1,5}|[A-ZĐ])[.)]?$)");
  return RE2::FullMatch(cell, kGroup);
}

std::optional<TableLayout> LayoutOf(const Document& doc, const Table& table, const RuleSet& rules) {
  for (size_t r = 0; r < std::min<size_t>(3, table.rows.size()); ++r) {
    const TableRow& row = table.rows[r];
    TableLayout layout;
    bool content = false, lead_or_time = false;
    for (size_t c = 0; c < row.cells.size(); ++c) {
      const std::string cell = CellText(doc, row, c);
      Column column = ColumnOf(rules, cell);
      // An empty header cell belongs to the header cell before it (merged over both columns).
      if (cell.empty() && c > 0 && layout.columns[c - 1] != Column::kNumber) column = layout.columns[c - 1];
      // One content column: a second one ("Kết quả", "Văn bản ban hành") is not the task.
      if (column == Column::kContent && content && (c == 0 || layout.columns[c - 1] != Column::kContent)) {
        column = Column::kNone;
      }
      content = content || column == Column::kContent;
      lead_or_time = lead_or_time || column == Column::kLead || column == Column::kTime;
      layout.columns.push_back(column);
    }
    if (!content || !lead_or_time) continue;
    layout.first_row = r + 1;
    // Rows under the header that name sub-columns ("Chủ trì" | "Phối hợp" under "Đơn vị thực
    // hiện", "Bộ trưởng" | "Chính phủ" under a time) are header rows too; when they are as wide as
    // the header, they also tell the lead column from the coordinating one.
    const size_t content_begin = layout.Range(Column::kContent).first;
    while (layout.first_row < table.rows.size()) {
      const TableRow& sub = table.rows[layout.first_row];
      const std::string number = CellText(doc, sub, 0);
      if (IsRowNumber(number) || IsGroupNumber(number)) break;
      bool names_columns = false;
      for (size_t c = 0; c < sub.cells.size(); ++c) {
        const Column column = ColumnOf(rules, CellText(doc, sub, c));
        if (column == Column::kNone) continue;
        names_columns = true;
        const bool under_units = c < layout.columns.size() &&
                                 (layout.columns[c] == Column::kLead || layout.columns[c] == Column::kPartner);
        if (sub.cells.size() == row.cells.size() && under_units) layout.columns[c] = column;
      }
      const bool no_content = content_begin >= sub.cells.size() || CellText(doc, sub, content_begin).empty();
      if (!names_columns && !no_content) break;
      ++layout.first_row;
    }
    return layout;
  }
  return std::nullopt;
}

// The row's span: from its first non-empty cell to its last.
Span RowSpan(const TableRow& row) {
  Span span{0, 0};
  bool any = false;
  for (const Span& cell : row.cells) {
    if (cell.size() == 0) continue;
    if (!any) span.begin = cell.begin;
    span.end = cell.end;
    any = true;
  }
  return span;
}

int PartOf(const DocumentStructure& st, size_t paragraph) {
  for (size_t k = 0; k < st.attachments.size(); ++k) {
    if (paragraph >= st.attachments[k].title && paragraph < st.attachments[k].end) return static_cast<int>(k + 1);
  }
  return 0;
}

}  // namespace

void AddTableTasks(const Document& doc, const DocumentStructure& structure, const RuleSet& rules, Extraction& out) {
  int task_tables = 0;
  struct RowState {
    std::string group, lead, partner, time, label;
    int row_number = 0;
  } state;
  std::optional<TableLayout> above;  // the task table on the page before, for one that goes on
  int above_page = 0;
  size_t above_columns = 0;
  for (const Table& table : doc.tables) {
    std::optional<TableLayout> layout = LayoutOf(doc, table, rules);
    // A table at the top of the page after a task table, as wide, without a header row of its
    // own: the same table, gone on over the page break.
    const bool goes_on = !layout && above && table.page == above_page + 1 && table.Columns() == above_columns;
    if (goes_on) {
      layout = above;
      layout->first_row = 0;
    }
    above.reset();
    if (!layout) continue;
    above = layout;
    above_page = table.page;
    above_columns = table.Columns();
    if (!goes_on) ++task_tables;
    const int part = PartOf(structure, table.first_paragraph);
    const std::string prefix =
        (part == 0 ? "" : part == 1 ? "PL/" : "PL" + std::to_string(part) + "/") + "T" + std::to_string(task_tables);
    const auto number = layout->Range(Column::kNumber);
    const auto content = layout->Range(Column::kContent);
    const auto lead = layout->Range(Column::kLead);
    const auto partner = layout->Range(Column::kPartner);
    const auto time = layout->Range(Column::kTime);
    // The first non-empty cell of a range (the lead unit before its sub-columns), or the last one
    // (a time over levels: the last level's is the one that binds).
    const auto first_of = [&](const TableRow& row, std::pair<size_t, size_t> range) {
      for (size_t c = range.first; c < range.second; ++c) {
        if (std::string t = CellText(doc, row, c); !t.empty()) return t;
      }
      return std::string();
    };
    const auto last_of = [&](const TableRow& row, std::pair<size_t, size_t> range) {
      for (size_t c = range.second; c > range.first; --c) {
        if (std::string t = CellText(doc, row, c - 1); !t.empty()) return t;
      }
      return std::string();
    };
    // A cell merged over several rows is printed once, in the first: the rows under it lack it.
    // Their own cells are kept in order, after the row number when that was merged too; the lead
    // unit and time they lack are the row's above. A table gone on over a page keeps them.
    if (!goes_on) state = {};
    std::string& group = state.group;
    std::string& above_lead = state.lead;
    std::string& above_partner = state.partner;
    std::string& above_time = state.time;
    std::string& above_label = state.label;
    int& row_number = state.row_number;
    for (size_t r = layout->first_row; r < table.rows.size(); ++r) {
      TableRow row = table.rows[r];
      const bool ragged = row.cells.size() < layout->columns.size();
      const bool lost_number = ragged && number.first == 0 && number.second > 0 && !row.cells.empty() &&
                               !IsRowNumber(CellText(doc, row, 0)) && !IsGroupNumber(CellText(doc, row, 0)) &&
                               !above_label.empty();
      if (lost_number) row.cells.insert(row.cells.begin(), Span{row.cells.front().begin, row.cells.front().begin});
      const auto inherited = [&](std::pair<size_t, size_t> range, std::string own, const std::string& above) {
        return own.empty() && ragged && range.first < range.second && range.first >= row.cells.size() ? above : own;
      };
      const std::string label = number.first < number.second ? CellText(doc, row, number.first) : "";
      const std::string text = first_of(row, content);
      if (IsGroupNumber(label)) {
        group = Trim(label, " .)(");
        above_label.clear();
        continue;
      }
      if (text.empty()) continue;
      // A header row repeated where the table goes on over a page.
      if (!rules.FindAll("task.table_content", text).empty() && ColumnOf(rules, first_of(row, lead)) == Column::kLead) {
        continue;
      }
      // A row that only numbers the columns: "(1) | (2) | (3)".
      if (std::all_of(row.cells.begin(), row.cells.end(), [&](const Span& c) {
            const std::string_view t = doc.SpanText(c);
            return t.empty() || IsRowNumber(t);
          })) {
        continue;
      }
      ++row_number;
      Task task;
      task.id = "t" + std::to_string(out.tasks.size() + 1);
      task.source = "table";
      task.label = label;
      const std::string own_label = label.empty() ? (lost_number ? above_label + "+" : std::to_string(row_number))
                                                  : Trim(label, " .)(");
      task.path = prefix + (group.empty() ? "" : "/" + group) + "/" + own_label;
      task.level = 1;
      task.heading = FirstSentence(text, "");
      task.text = text;
      const std::string unit = inherited(lead, first_of(row, lead), above_lead);
      const std::string units = inherited(partner, first_of(row, partner), above_partner);
      const std::string when = inherited(time, last_of(row, time), above_time);
      if (!unit.empty()) task.responsible.push_back(unit);
      if (!units.empty()) task.coordinating.push_back(units);
      if (!when.empty()) task.deadline_text = when;
      above_lead = unit;
      above_partner = units;
      above_time = when;
      if (!lost_number) above_label = own_label;
      task.span = RowSpan(row);
      task.page = PageAt(doc, task.span.begin);
      out.tasks.push_back(std::move(task));
    }
  }
}

}  // namespace vanban::plugins
