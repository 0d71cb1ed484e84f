// The "dates" extractor: every calendar date, month and quarter, as ISO values, the year inferred
// from the surrounding range or the document's year when it is not printed.

#include <re2/re2.h>

#include <map>

#include "../common/plugin_util.h"
#include "../common/builtin_extractor.h"
#include "vanban/grammar.h"
#include "vanban/structure.h"

namespace vanban::plugins {
namespace {

constexpr std::string_view kName = "dates";

struct RawDate {
  int d = 0, m = 0, y = 0, q = 0;
  size_t paragraph = 0;
  size_t begin = 0, end = 0;  // in Document::text
  int page = 0;
  std::string text;
};

// Glued to a digit or slash on either side: part of a number ("10/2019/TT-BKHĐT"), not a date.
bool Glued(std::string_view t, size_t begin, size_t end) {
  const auto bad = [](char c) { return (c >= '0' && c <= '9') || c == '/'; };
  return (begin > 0 && bad(t[begin - 1])) || (end < t.size() && bad(t[end]));
}

class DatesExtractor : public BuiltinExtractor {
 public:
  DatesExtractor()
      : BuiltinExtractor({.name = std::string(kName),
                          .description = "dates, months and quarters as ISO values",
                          .sections = {std::string(kDatesSection)},
                          .rule_kinds = {{"date", {"m|q"}}},
                          .after = {"header"},  // the document's year
                          .rule_pack = "dates"}) {}

  Status Extract(const ExtractionInput& in, Extraction& out) const override {
    const Document& doc = in.document;
    const DocumentStructure& st = in.structure;
    const RuleSet& rules = in.rules;
    std::vector<RawDate> raw;
    std::map<int, int> year_counts;
    for (size_t p = 0; p < doc.paragraphs.size(); ++p) {
      if (st.roles[p] == ParagraphRole::kNumber) continue;
      const std::string_view t = ParagraphText(doc, p);
      const size_t base = doc.paragraphs[p].span.begin;
      for (const RuleMatch& m : rules.FindAll("date", t)) {
        if (Glued(t, m.begin, m.end)) continue;
        RawDate r{GroupInt(m, t, "d"), GroupInt(m, t, "m"), GroupInt(m, t, "y"), QuarterNumber(Group(m, t, "q")), p,
                  base + m.begin, base + m.end, doc.paragraphs[p].page, std::string(m.Text(t))};
        if (r.y) ++year_counts[r.y];
        raw.push_back(std::move(r));
      }
    }
    const int document_year = DocumentYear(in.earlier.header, year_counts);
    for (size_t i = 0; i < raw.size(); ++i) {
      RawDate& r = raw[i];
      bool inferred = false;
      if (r.y == 0) {
        inferred = true;
        // "từ ngày 15/11 đến ngày 15/12/2024": the first date takes the year of the second.
        if (i + 1 < raw.size() && raw[i + 1].y && raw[i + 1].paragraph == r.paragraph &&
            raw[i + 1].begin >= r.end && raw[i + 1].begin - r.end <= 16) {
          r.y = raw[i + 1].y;
        } else {
          r.y = document_year;
        }
      }
      if (r.y == 0) continue;  // no year anywhere: not a usable date
      DateMention date;
      if (r.q) {
        date.value = std::to_string(r.y) + "-Q" + std::to_string(r.q);
        date.precision = "quarter";
      } else if (r.d == 0) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d", r.y, r.m);
        date.value = buf;
        date.precision = "month";
      } else if (const auto iso = IsoDate(r.d, r.m, r.y)) {
        date.value = *iso;
        date.precision = "day";
      } else {
        continue;  // 31/2 and the like
      }
      date.year_inferred = inferred;
      date.text = std::move(r.text);
      date.page = r.page;
      date.span = {r.begin, r.end};
      out.dates.push_back(std::move(date));
    }
    return Status::Ok();
  }

 private:
  // The year of the document's own date, else the year its subject names ("... năm 2024"), else the
  // year printed most often in it.
  static int DocumentYear(const Header& header, const std::map<int, int>& year_counts) {
    if (header.date) return std::stoi(header.date->substr(0, 4));
    static const RE2 kSubjectYear(R"(năm\s+((?:19|20)\d{2}))");
    int year = 0;
    if (header.subject && RE2::PartialMatch(*header.subject, kSubjectYear, &year)) return year;
    int best = 0, count = 0;
    for (const auto& [year, n] : year_counts) {
      if (n > count || (n == count && year > best)) {
        best = year;
        count = n;
      }
    }
    return best;
  }

};

}  // namespace

std::unique_ptr<Extractor> MakeDatesExtractor() { return std::make_unique<DatesExtractor>(); }

}  // namespace vanban::plugins
