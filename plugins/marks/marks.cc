// The "marks" extractor: the urgency (độ khẩn: Hỏa tốc, Thượng khẩn, Khẩn) and confidentiality
// (độ mật: Tuyệt mật, Tối mật, Mật) stamped in a document's header zone (DOMAIN.md §1).
#include <memory>
#include <string>

#include "../common/builtin_extractor.h"
#include "../common/plugin_util.h"
#include "vanban/rules.h"
#include "vanban/structure.h"
#include "vanban/text.h"

namespace vanban::plugins {
namespace {

// "Hoả tốc" -> "hoa_toc": the mark as an identifier.
std::string Value(std::string_view printed) {
  std::string value = FoldDiacritics(LowerCase(printed));
  for (char& c : value) c = c == ' ' ? '_' : c;
  return value;
}

class MarksExtractor final : public BuiltinExtractor {
 public:
  MarksExtractor()
      : BuiltinExtractor({.name = "marks",
                          .description = "urgency and confidentiality marks of the header zone",
                          .sections = {"marks"},
                          .rule_kinds = {{"mark", {"urgency|secrecy"}}},
                          .rule_pack = "marks"}) {}

  Status Extract(const ExtractionInput& in, Extraction& out) const override {
    const Document& doc = in.document;
    // The marks stand in the header zone, under the number and subject, or just below it (a stamp
    // read after the first lines), but never in the body outline.
    size_t end = std::min(doc.paragraphs.size(), in.structure.body_begin + 2);
    if (!in.structure.outline.empty()) end = std::min(end, in.structure.outline.front().paragraph);
    std::vector<Finding>& marks = out.sections["marks"];
    for (size_t p = 0; p < end; ++p) {
      const std::string_view t = ParagraphText(doc, p);
      for (const RuleMatch& m : in.rules.FindAll("mark", t)) {
        for (const char* kind : {"urgency", "secrecy"}) {
          const auto group = m.Group(kind);
          if (!group) continue;
          Finding f;
          f.kind = kind;
          f.text = std::string(t.substr(group->first, group->second - group->first));
          f.value = Value(f.text);
          f.page = doc.paragraphs[p].page;
          f.span = {doc.paragraphs[p].span.begin + group->first, doc.paragraphs[p].span.begin + group->second};
          marks.push_back(std::move(f));
        }
      }
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeMarksExtractor() { return std::make_unique<MarksExtractor>(); }

}  // namespace vanban::plugins
