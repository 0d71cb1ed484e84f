// The "deadlines" extractor: time limits set on actions (before, by, range, month, quarter,
// periodic), with the dates found inside them by the dates extractor.
#include "../extractors.h"

#include <algorithm>

#include "../common/plugin_util.h"
#include "../common/rule_extractor.h"
#include "vanban/structure.h"

namespace vanban::plugins {
namespace {

constexpr std::string_view kName = "deadlines";

class DeadlinesExtractor : public RuleExtractor {
 public:
  explicit DeadlinesExtractor(std::shared_ptr<const RuleSet> rules)
      : RuleExtractor(kName, "deadlines: before, by, range, month, quarter, periodic; runs after dates",
                      {"deadline"}, std::move(rules)) {}

  Status Extract(const Document& doc, const DocumentStructure& st, Extraction& out) const override {
    for (size_t p = st.body_begin; p < doc.paragraphs.size(); ++p) {
      const ParagraphRole role = st.roles[p];
      if (role == ParagraphRole::kFootnote || role == ParagraphRole::kCopiesTo || role == ParagraphRole::kSignature) {
        continue;
      }
      const std::string_view t = ParagraphText(doc, p);
      const size_t base = doc.paragraphs[p].span.begin;
      for (const RuleMatch& m : rules().FindAll("deadline", t)) {
        Deadline d;
        // "deadline.<kind>.<name>"
        const std::string& id = m.rule->id;
        const size_t dot = id.find('.'), dot2 = id.find('.', dot + 1);
        d.kind = id.substr(dot + 1, dot2 - dot - 1);
        d.span = {base + m.begin, base + m.end};
        d.text = std::string(m.Text(t));
        d.page = doc.paragraphs[p].page;
        // out.dates is in text order: find the ones inside this match by binary search.
        std::vector<const DateMention*> inside;
        auto it = std::lower_bound(out.dates.begin(), out.dates.end(), d.span.begin,
                                   [](const DateMention& date, size_t off) { return date.span.begin < off; });
        for (; it != out.dates.end() && it->span.begin < d.span.end; ++it) {
          if (it->span.end <= d.span.end) inside.push_back(&*it);
        }
        if (!inside.empty()) {
          d.date = inside.front()->value;
          if (d.kind == "range" && inside.size() > 1) d.end = inside.back()->value;
        } else if (d.kind == "periodic" && it != out.dates.end() && it->span.end <= base + t.size()) {
          d.date = it->value;  // "định kỳ 6 tháng (trước ngày 15/6/2026)": the first date after the cue
        }
        out.deadlines.push_back(std::move(d));
      }
    }
    return Status::Ok();
  }

 private:
};

}  // namespace

std::unique_ptr<Extractor> MakeDeadlinesExtractor(std::shared_ptr<const RuleSet> rules) {
  return std::make_unique<DeadlinesExtractor>(std::move(rules));
}

}  // namespace vanban::plugins
