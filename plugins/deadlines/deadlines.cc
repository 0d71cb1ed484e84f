// The "deadlines" extractor: time limits set on actions (before, by, range, month, quarter,
// periodic), with the dates found inside them by the dates extractor.

#include <algorithm>

#include "../common/plugin_util.h"
#include "../common/builtin_extractor.h"
#include "vanban/rules.h"
#include "vanban/structure.h"

namespace vanban::plugins {
namespace {

constexpr std::string_view kName = "deadlines";

class DeadlinesExtractor : public BuiltinExtractor {
 public:
  DeadlinesExtractor()
      : BuiltinExtractor({.name = std::string(kName),
                          .description = "deadlines: before, by, range, month, quarter, periodic",
                          .sections = {std::string(kDeadlinesSection)},
                          .rule_kinds = {{"deadline", {}}},
                          .after = {"dates"},  // the dates inside a deadline
                          .rule_pack = "deadlines"}) {}

  Status Extract(const ExtractionInput& in, Extraction& out) const override {
    const Document& doc = in.document;
    const DocumentStructure& st = in.structure;
    const RuleSet& rules = in.rules;
    const std::vector<DateMention>& dates = in.earlier.dates;
    for (size_t p = st.body_begin; p < doc.paragraphs.size(); ++p) {
      const ParagraphRole role = st.roles[p];
      if (role == ParagraphRole::kFootnote || role == ParagraphRole::kCopiesTo || role == ParagraphRole::kSignature) {
        continue;
      }
      const std::string_view t = ParagraphText(doc, p);
      const size_t base = doc.paragraphs[p].span.begin;
      for (const RuleMatch& m : rules.FindAll("deadline", t)) {
        Deadline d;
        d.kind = KindOf(m.rule->id);
        d.span = {base + m.begin, base + m.end};
        d.text = std::string(m.Text(t));
        d.page = doc.paragraphs[p].page;
        // The dates are in text order: find the ones inside this match by binary search.
        std::vector<const DateMention*> inside;
        auto it = std::lower_bound(dates.begin(), dates.end(), d.span.begin,
                                   [](const DateMention& date, size_t off) { return date.span.begin < off; });
        for (; it != dates.end() && it->span.begin < d.span.end; ++it) {
          if (it->span.end <= d.span.end) inside.push_back(&*it);
        }
        if (!inside.empty()) {
          d.date = inside.front()->value;
          if (d.kind == "range" && inside.size() > 1) d.end = inside.back()->value;
        } else if (d.kind == "periodic" && it != dates.end() && it->span.end <= base + t.size()) {
          d.date = it->value;  // "định kỳ 6 tháng (trước ngày 15/6/2026)": the first date after the cue
        }
        out.deadlines.push_back(std::move(d));
      }
    }
    return Status::Ok();
  }

  // Its kind comes from the rule's id, "deadline.<kind>.<name>".
  Status CheckRule(const Rule& rule) const override {
    static const char* const kKinds[] = {"before", "by", "range", "month", "quarter", "periodic"};
    const std::string kind = KindOf(rule.id);
    for (const char* k : kKinds) {
      if (kind == k) return Status::Ok();
    }
    return Status::InvalidArgument("a deadline rule's id must read deadline.<kind>.<name> with <kind> one of "
                                   "before, by, range, month, quarter, periodic; '" + kind + "' is none of them");
  }

 private:
  static std::string KindOf(const std::string& id) {
    const size_t dot = id.find('.'), dot2 = id.find('.', dot + 1);
    if (dot == std::string::npos || dot2 == std::string::npos) return {};
    return id.substr(dot + 1, dot2 - dot - 1);
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeDeadlinesExtractor() { return std::make_unique<DeadlinesExtractor>(); }

}  // namespace vanban::plugins
