// The "header" extractor: number and symbol, place and date, type, issuer, subject, recipients,
// signer and copies-to, from the paragraphs structure analysis assigned to the header and the tail.

#include <re2/re2.h>

#include "../common/plugin_util.h"
#include "../common/builtin_extractor.h"
#include "vanban/grammar.h"
#include "vanban/rules.h"
#include "vanban/structure.h"
#include "vanban/text.h"

namespace vanban::plugins {
namespace {

constexpr std::string_view kName = "header";

// "- Các Trường Trung học phổ thông;" -> "Các Trường Trung học phổ thông". An entry ends at its
// semicolon; a remark after it ("; (Để báo cáo)") is the list's, not the entry's.
std::string ListEntry(std::string_view s) {
  const size_t semicolon = s.find(';');
  return Trim(s.substr(0, semicolon), " \t-–•+;,.:");
}

class HeaderExtractor : public BuiltinExtractor {
 public:
  HeaderExtractor()
      : BuiltinExtractor({.name = std::string(kName),
                          .description = "number, date, place, type, issuer, subject, recipients, signer, copies-to",
                          .sections = {std::string(kHeaderSection)},
                          .rule_kinds = {{"header.number", {"printed"}},
                                         {"header.place_date", {"place", "d", "m", "y"}},
                                         {"header.issuer_sentence", {"issuer"}},
                                         {"header.authority", {}}},
                          .rule_pack = "header"}) {}

  Status Extract(const ExtractionInput& in, Extraction& out) const override {
    const Document& doc = in.document;
    const DocumentStructure& st = in.structure;
    const RuleSet& rules = in.rules;
    Header& h = out.header;
    const size_t n = doc.paragraphs.size();
    std::string issuer_line;
    for (size_t p = 0; p < n; ++p) {
      const std::string_view t = ParagraphText(doc, p);
      switch (st.roles[p]) {
        case ParagraphRole::kIssuer:
          issuer_line = std::string(t);  // the lower line names the issuing body
          break;
        case ParagraphRole::kNumber:
          ReadNumber(rules, t, h);
          if (!h.date) ReadPlaceDate(rules, t, h);  // two-column headers put both on one line
          break;
        case ParagraphRole::kPlaceDate:
          ReadPlaceDate(rules, t, h);
          break;
        case ParagraphRole::kTypeTitle:
          if (const std::string type = TypeFromWord(Trim(t, " :")); !type.empty()) h.type = type;
          break;
        case ParagraphRole::kSubject: {
          static const RE2 kVv(R"(^(?:V/v|V/V|Về việc)\s*:?\s*)");
          std::string subject(t);
          RE2::Replace(&subject, kVv, "");
          h.subject = h.subject ? *h.subject + " " + subject : subject;
          break;
        }
        case ParagraphRole::kRecipients: {
          static const RE2 kKinhGui(R"(^(?i:kính gửi)\s*:?\s*)");
          std::string entry(t);
          RE2::Replace(&entry, kKinhGui, "");
          if (!Trim(entry).empty()) h.recipients.push_back(ListEntry(entry));
          break;
        }
        default:
          break;
      }
    }
    if (issuer_line.empty()) issuer_line = IssuerFromMainSentence(rules, doc, st);
    if (!issuer_line.empty()) h.issuer = issuer_line;
    if (h.type == "other") h.type = InferType(st, h);
    ReadTail(rules, doc, st, h);
    return Status::Ok();
  }

 private:
  static void ReadNumber(const RuleSet& rules, std::string_view t, Header& h) {
    for (const RuleMatch& m : rules.FindAll("header.number", t)) {
      const std::string printed = Trim(Group(m, t, "printed"), " ");
      h.number_printed = printed;
      const std::string canonical = CanonicalNumber(printed);
      if (canonical.empty() || canonical[0] == '/') {
        h.draft = true;  // "Số:      /SLĐTBXH-XH": not yet registered
      } else {
        h.number = canonical;
      }
      return;
    }
  }

  static void ReadPlaceDate(const RuleSet& rules, std::string_view t, Header& h) {
    for (const RuleMatch& m : rules.FindAll("header.place_date", t)) {
      h.place = Group(m, t, "place");
      const int d = GroupInt(m, t, "d"), mo = GroupInt(m, t, "m"), y = GroupInt(m, t, "y");
      if (d == 0 || mo == 0) {
        h.draft = true;  // "ngày    tháng 4 năm 2024"
      } else {
        h.date = IsoDate(d, mo, y);
      }
      return;
    }
  }

  // When the header lines were lost, the issuer is the subject of the main sentence:
  // "Sở Giáo dục và Đào tạo hướng dẫn ...", "Phòng GD&ĐT nhận được ...".
  static std::string IssuerFromMainSentence(const RuleSet& rules, const Document& doc, const DocumentStructure& st) {
    const size_t first_item = st.outline.empty() ? st.body_end : st.outline.front().paragraph;
    for (size_t p = st.body_begin; p < first_item && p < doc.paragraphs.size(); ++p) {
      const std::string_view t = ParagraphText(doc, p);
      for (const RuleMatch& m : rules.FindAll("header.issuer_sentence", t)) return Group(m, t, "issuer");
    }
    return {};
  }

  static std::string InferType(const DocumentStructure& st, const Header& h) {
    if (h.number) {
      const std::string from_symbol = TypeFromSymbol(*h.number);
      if (from_symbol != "cong_van" && from_symbol != "other") return from_symbol;
    }
    const bool has_vv = h.subject.has_value() &&
                        std::find(st.roles.begin(), st.roles.end(), ParagraphRole::kTypeTitle) == st.roles.end();
    if (has_vv || !h.recipients.empty()) return "cong_van";
    if (h.number) return TypeFromSymbol(*h.number);
    return "other";
  }

  static void ReadTail(const RuleSet& rules, const Document& doc, const DocumentStructure& st, Header& h) {
    std::vector<std::string> authority;
    std::optional<std::string> title, name;
    bool after_authority = false;
    for (size_t p = st.body_end; p < doc.paragraphs.size(); ++p) {
      const std::string_view t = ParagraphText(doc, p);
      if (st.roles[p] == ParagraphRole::kCopiesTo) {
        static const RE2 kNoiNhan(R"(^(?i:nơi nhận)\s*:?\s*)");
        std::string entry(t);
        const bool header_line = RE2::Replace(&entry, kNoiNhan, "");
        if (Trim(entry).empty()) continue;
        const bool new_entry = header_line || entry[0] == '-' || entry[0] == '+' || h.copies_to.empty();
        if (new_entry) {
          h.copies_to.push_back(ListEntry(entry));
        } else {
          h.copies_to.back() += " " + ListEntry(entry);
        }
      } else if (st.roles[p] == ParagraphRole::kSignature) {
        if (!rules.FindAll("header.authority", t).empty()) {
          authority.emplace_back(t);
          after_authority = true;
          title.reset();
        } else if (IsAllCapitals(t)) {
          if (!title || !after_authority) title = std::string(t);
        } else if (t.find(' ') != std::string_view::npos) {
          name = std::string(t);
        }
      }
    }
    if (!authority.empty()) {
      std::string joined;
      for (const std::string& a : authority) joined += (joined.empty() ? "" : " / ") + a;
      h.signer.authority = joined;
    }
    h.signer.title = title;
    h.signer.name = name;
  }

};

}  // namespace

std::unique_ptr<Extractor> MakeHeaderExtractor() { return std::make_unique<HeaderExtractor>(); }

}  // namespace vanban::plugins
