// The "deadlines" extractor: time limits set on actions (before, by, range, month, quarter,
// periodic), with the dates found inside them by the dates extractor.

#include <algorithm>
#include <cstdio>
#include <map>

#include "../common/plugin_util.h"
#include "../common/builtin_extractor.h"
#include "vanban/grammar.h"
#include "vanban/rules.h"
#include "vanban/structure.h"

namespace vanban::plugins {
namespace {

constexpr std::string_view kName = "deadlines";

class DeadlinesExtractor : public BuiltinExtractor {
 public:
  DeadlinesExtractor()
      : BuiltinExtractor({.name = std::string(kName),
                          .description = "deadlines: before, by, range, month, quarter, year, periodic; recurring limits",
                          .sections = {std::string(kDeadlinesSection)},
                          .rule_kinds = {{"deadline", {}}},
                          .after = {"dates", "header"},  // the dates inside a deadline; the document's year
                          .rule_pack = "deadlines"}) {}

  Status Extract(const ExtractionInput& in, Extraction& out) const override {
    const Document& doc = in.document;
    const DocumentStructure& st = in.structure;
    const RuleSet& rules = in.rules;
    const std::vector<DateMention>& dates = in.earlier.dates;
    // The year a bare month of a table's time cell ("Tháng 3") is in: the document's own. Outside a
    // table a month without its year is left without a date.
    const std::string year = in.earlier.header.date ? in.earlier.header.date->substr(0, 4) : "";
    std::vector<bool> in_table(doc.paragraphs.size(), false);
    std::map<size_t, const TableRow*> row_in;  // paragraphs that are a whole table row
    for (const Table& table : doc.tables) {
      for (size_t p = table.first_paragraph; p < table.end_paragraph && p < in_table.size(); ++p) in_table[p] = true;
      for (const TableRow& row : table.rows) {
        if (row.cells.size() < 2) continue;
        const size_t p = ParagraphAt(doc, row.cells.front().begin);
        if (p < doc.paragraphs.size() && row.cells.back().end <= doc.paragraphs[p].span.end) row_in[p] = &row;
      }
    }
    for (size_t p = st.body_begin; p < doc.paragraphs.size(); ++p) {
      const ParagraphRole role = st.roles[p];
      if (role == ParagraphRole::kFootnote || role == ParagraphRole::kCopiesTo || role == ParagraphRole::kSignature) {
        continue;
      }
      const std::string_view paragraph = ParagraphText(doc, p);
      std::vector<Deadline> found;
      // A table row printed on one line ("| 1 | Luật … | Vụ Pháp chế | Tháng 02/2024 | Tháng 02/2024 |")
      // is read cell by cell: a time column's cell is a deadline of its own, and two of them side by
      // side are two.
      std::vector<std::string_view> cells = {paragraph};
      if (const auto row = row_in.find(p); row != row_in.end()) {
        cells.clear();
        for (const Span& cell : row->second->cells) {
          if (cell.size() > 0) cells.push_back(doc.SpanText(cell));
        }
      }
      for (const std::string_view t : cells) {
      const size_t base = static_cast<size_t>(t.data() - doc.text.data());
      for (const RuleMatch& m : rules.FindAll("deadline", t)) {
        Deadline d;
        d.kind = KindOf(m.rule->id);
        // A rule may take the space before its cue to see a word start; the deadline starts at the cue.
        // A cell's rule takes the spaces around its words too; the deadline is the words.
        size_t begin = m.begin, end = m.end;
        while (begin < end && std::string_view(" \t").find(t[begin]) != std::string_view::npos) ++begin;
        while (end > begin && std::string_view(" \t").find(t[end - 1]) != std::string_view::npos) --end;
        d.span = {base + begin, base + end};
        d.text = std::string(t.substr(begin, end - begin));
        d.page = doc.paragraphs[p].page;
        // The dates are in text order: find the ones inside this match by binary search.
        std::vector<const DateMention*> inside;
        auto it = std::lower_bound(dates.begin(), dates.end(), d.span.begin,
                                   [](const DateMention& date, size_t off) { return date.span.begin < off; });
        for (; it != dates.end() && it->span.begin < d.span.end; ++it) {
          if (it->span.end <= d.span.end) inside.push_back(&*it);
        }
        if (ReadRecurrence(m, t, d)) {
          // A day of every year: no date of its own.
        } else if (!inside.empty()) {
          d.date = inside.front()->value;
          if (d.kind == "range" && inside.size() > 1) d.end = inside.back()->value;
        } else if (d.kind == "periodic" && it != dates.end() && it->span.end <= base + t.size()) {
          d.date = it->value;  // "định kỳ 6 tháng (trước ngày 15/6/2026)": the first date after the cue
        }
        if (!d.recurring) ReadGroupDates(m, t, in_table[p] ? year : std::string(), d);
        found.push_back(std::move(d));
      }
      }
      KeepOutermost(found);
      for (Deadline& d : found) out.deadlines.push_back(std::move(d));
      found.clear();
    }
    return Status::Ok();
  }

  // Its kind comes from the rule's id, "deadline.<kind>.<name>".
  Status CheckRule(const Rule& rule) const override {
    static const char* const kKinds[] = {"before", "by", "range", "month", "quarter", "year", "periodic"};
    const std::string kind = KindOf(rule.id);
    for (const char* k : kKinds) {
      if (kind == k) return Status::Ok();
    }
    return Status::InvalidArgument("a deadline rule's id must read deadline.<kind>.<name> with <kind> one of "
                                   "before, by, range, month, quarter, year, periodic; '" + kind + "' is none of them");
  }

 private:
  // The paragraph that holds `offset`.
  static size_t ParagraphAt(const Document& doc, size_t offset) {
    const auto it = std::upper_bound(doc.paragraphs.begin(), doc.paragraphs.end(), offset,
                                     [](size_t off, const Paragraph& para) { return off < para.span.begin; });
    return it == doc.paragraphs.begin() ? doc.paragraphs.size() : static_cast<size_t>(it - doc.paragraphs.begin()) - 1;
  }

  // "trước ngày 20 tháng 6 hằng năm": groups rd and rm name the day of every year.
  static bool ReadRecurrence(const RuleMatch& m, std::string_view t, Deadline& d) {
    const int day = GroupInt(m, t, "rd"), month = GroupInt(m, t, "rm");
    if (day == 0 || month == 0 || !IsoDate(day, month, 2000)) return false;  // 2000: a leap year, 29/2 is a day
    char at[24];  // room for any two ints: the compiler cannot see that IsoDate bounds them
    std::snprintf(at, sizeof at, "%02d-%02d", month, day);
    d.recurring = "yearly";
    d.recur_at = at;
    d.date.reset();
    return true;
  }

  // Dates the dates extractor does not give (a bare year, "Quý IV/2026", a time cell's "Tháng 3"),
  // from the rule's groups y, y2, q, q2, m and m2. Months named by the rule replace the date found
  // inside the match (the dates extractor sees only the month that carries the year); the others
  // fill only a match that holds no date already.
  static void ReadGroupDates(const RuleMatch& m, std::string_view t, const std::string& document_year, Deadline& d) {
    const std::string y(m.GroupText(t, "y")), y2(m.GroupText(t, "y2"));
    // "từ tháng 3 đến tháng 10 năm 2026", "tháng 4 và tháng 8 năm 2026"; a month without its year
    // is in `document_year` (empty: left without a date).
    const int month = GroupInt(m, t, "m"), month2 = GroupInt(m, t, "m2");
    const std::string& year = y.empty() ? document_year : y;
    const auto month_of = [&](int k) { return year + (k < 10 ? "-0" : "-") + std::to_string(k); };
    if (month >= 1 && month <= 12 && !year.empty() && (!y.empty() || !d.date)) {
      d.date = month_of(month);
      if (month2 >= 1 && month2 <= 12) d.end = month_of(month2);
      return;
    }
    if (y.empty()) return;
    const int q = QuarterNumber(m.GroupText(t, "q")), q2 = QuarterNumber(m.GroupText(t, "q2"));
    if (q > 0) {
      if (!d.date) d.date = y + "-Q" + std::to_string(q);
      if (q2 > 0 && !d.end) d.end = (y2.empty() ? y : y2) + "-Q" + std::to_string(q2);
      return;
    }
    if (d.kind == "year" || (d.kind == "range" && !y2.empty())) {
      if (!d.date) d.date = y;
      if (!y2.empty() && !d.end) d.end = y2;
    }
  }

  // Two rules can read the same words ("trước ngày 20 tháng 6" inside "… hằng năm"): the longer
  // reading wins, and one deadline is given for it.
  // In order of start, longer first (the first found of equal ones first), a reading lies inside
  // another exactly when an earlier one reaches as far: one pass, however many a paragraph holds.
  static void KeepOutermost(std::vector<Deadline>& found) {
    std::vector<size_t> order(found.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const Span& x = found[a].span;
      const Span& y = found[b].span;
      if (x.begin != y.begin) return x.begin < y.begin;
      if (x.end != y.end) return x.end > y.end;
      return a < b;
    });
    std::vector<Deadline> kept;
    bool any = false;
    size_t reach = 0;
    for (size_t i : order) {
      const Span& a = found[i].span;
      if (any && reach >= a.end) continue;
      any = true;
      reach = std::max(reach, a.end);
      kept.push_back(std::move(found[i]));
    }
    found = std::move(kept);
  }

  static std::string KindOf(const std::string& id) {
    const size_t dot = id.find('.'), dot2 = id.find('.', dot + 1);
    if (dot == std::string::npos || dot2 == std::string::npos) return {};
    return id.substr(dot + 1, dot2 - dot - 1);
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeDeadlinesExtractor() { return std::make_unique<DeadlinesExtractor>(); }

}  // namespace vanban::plugins
