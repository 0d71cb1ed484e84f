// The "header" extractor: number and symbol, place and date, type, issuer, subject, recipients,
// signer and copies-to, from the paragraphs structure analysis assigned to the header and the tail.

#include <re2/re2.h>

#include "../common/plugin_util.h"
#include "../common/builtin_extractor.h"
#include "header_zone.h"
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
          ReadNumberLine(rules, t, h);
          if (!h.date) ReadPlaceDateLine(rules, t, h);  // two-column headers put both on one line
          break;
        case ParagraphRole::kPlaceDate:
          ReadPlaceDateLine(rules, t, h);
          break;
        case ParagraphRole::kTypeTitle:
          if (const std::string type = TypeFromWord(Trim(t, " :")); !type.empty()) h.type = type;
          break;
        case ParagraphRole::kSubject: {
          const size_t mark = SubjectMarkEnd(t);
          std::string subject(mark == std::string_view::npos ? t : t.substr(mark));
          h.subject = h.subject ? *h.subject + " " + subject : subject;
          break;
        }
        case ParagraphRole::kRecipients: {
          const size_t mark = RecipientsMarkEnd(t);
          std::string entry(mark == std::string_view::npos ? t : t.substr(mark));
          if (!Trim(entry).empty()) h.recipients.push_back(ListEntry(entry));
          break;
        }
        default:
          break;
      }
    }
    if (!issuer_line.empty()) h.issuer = issuer_line;
    const std::vector<ZoneCell> zone = HeaderZoneCells(rules, doc);
    MergeHeaderZone(rules, zone, h);
    if (!h.issuer) {
      issuer_line = IssuerFromMainSentence(rules, doc, st);
      if (!issuer_line.empty()) h.issuer = issuer_line;
    }
    if (h.type == "other") h.type = InferType(st, h);
    // A blank filled in by hand (doc.handwritten) was filled after signing: the document is
    // registered, its number or date only unreadable, not a draft's.
    if (!doc.handwritten.empty()) h.draft = false;
    ReadTail(rules, doc, st, h);
    if (h.signer.name) h.signer.name = Trim(*h.signer.name, " |*");
    // The tail read by roles ends at the document's last lines; web copies and attachments put portal
    // text, appendices or tables there. The first signature block after the header is the signer's.
    if (!h.signer.name || !IsPersonName(*h.signer.name)) {
      const size_t from = zone.empty() ? st.body_begin : zone.back().paragraph + 1;
      Signer found = FindSignature(doc, from);
      // No name is better than a line of something else.
      if (found.name || (h.signer.name && !IsPersonName(*h.signer.name))) h.signer = std::move(found);
    }
    return Status::Ok();
  }

 private:
  // The zone read more of a wrapped line than the roles did: "ỦY BAN" / "NHÂN DÂN" / "THÀNH PHỐ ĐÀ NẴNG".
  static bool EndsWithShorter(const std::optional<std::string>& longer, const std::string& shorter) {
    return longer && longer->size() > shorter.size() && longer->ends_with(" " + shorter);
  }

  // The header zone read as cells fills what the line roles left empty: real copies lay the header
  // out in ways (two columns on a line, table cells, glued rule lines) that break the roles. Where
  // both read a field, the roles win, except an issuer line that ran into the motto and a place or
  // an issuer of which the roles got only the last line.
  static void MergeHeaderZone(const RuleSet& rules, const std::vector<ZoneCell>& cells, Header& h) {
    Header zone;
    ReadHeaderZone(rules, cells, zone);
    if (h.issuer) {
      std::vector<std::string> lines;
      for (std::string& cell : SplitHeaderCells(rules, *h.issuer)) {
        if (IsMottoLine(cell)) break;
        lines.push_back(std::move(cell));
      }
      h.issuer = lines.empty() ? std::nullopt : std::optional<std::string>(IssuingLevel(lines));
    }
    if (!h.issuer || EndsWithShorter(zone.issuer, *h.issuer)) h.issuer = zone.issuer;
    if (!h.number && !h.number_printed) {
      h.number = zone.number;
      h.number_printed = zone.number_printed;
    }
    if (!h.date) h.date = zone.date;
    if (!h.place || EndsWithShorter(zone.place, *h.place)) h.place = zone.place;
    if (h.type == "other") h.type = zone.type;
    if (!h.subject) h.subject = zone.subject;
    h.draft = h.draft || zone.draft;
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

  // A công văn prints no type title: its "V/v" subject says what it is, whatever its symbol's first
  // code ("5348/CT-CS" is Cục Thuế's, not a chỉ thị's).
  static std::string InferType(const DocumentStructure& st, const Header& h) {
    const bool has_vv = h.subject.has_value() &&
                        std::find(st.roles.begin(), st.roles.end(), ParagraphRole::kTypeTitle) == st.roles.end();
    if (has_vv) return "cong_van";
    if (h.number) {
      const std::string from_symbol = TypeFromSymbol(*h.number);
      if (from_symbol != "cong_van" && from_symbol != "other") return from_symbol;
    }
    if (!h.recipients.empty()) return "cong_van";
    if (h.number) return TypeFromSymbol(*h.number);
    return "other";
  }

  static void ReadTail(const RuleSet& rules, const Document& doc, const DocumentStructure& st, Header& h) {
    std::vector<std::string> authority;
    std::optional<std::string> title, name;
    bool after_authority = false;
    // The document's own tail: an attachment's signature, after it, is not the document's signer.
    for (size_t p = st.body_end; p < std::min(st.tail_end, doc.paragraphs.size()); ++p) {
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
