// The "references" extractor: every document cited by number and symbol, with its type, date,
// issuer and role (basis or mention); aliases resolved to the full reference; laws named without a
// number.

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>

#include "../common/plugin_util.h"
#include "../common/builtin_extractor.h"
#include "vanban/grammar.h"
#include "vanban/rules.h"
#include "vanban/structure.h"
#include "vanban/text.h"

namespace vanban::plugins {
namespace {

constexpr std::string_view kName = "references";

// Words that end a law's name: "Luật Bình đẳng giới và các văn bản ..." -> "Luật Bình đẳng giới".
bool IsFunctionWord(std::string_view w) {
  static const char* const kWords[] = {"và", "của", "để", "theo", "về", "trong", "tại", "đã", "được", "có", "các",
                                       "những", "là", "này", "năm", "trên", "đến", "với", "cho", "hoặc", "từ",
                                       "nhằm", "thì", "mà", "khi", "đối", "sửa", "số", "ngày",
                                       "tháng", "đã", "sẽ", "cũng", "như", "nên"};
  const std::string m = MatchForm(w);
  return std::any_of(std::begin(kWords), std::end(kWords), [&](const char* k) { return m == k; });
}

// A citation is a basis when it stands in the first sentence of a paragraph that opens (after an
// optional outline marker) with "Căn cứ", "Theo", "Tiếp theo", "Thực hiện" or "Triển khai", and in a
// preamble sentence "... nhận được <document>" (the document this one answers). Returns the byte
// range of the paragraph where citations are a basis (empty when none), computed once per paragraph.
std::pair<size_t, size_t> BasisRange(std::string_view paragraph, bool preamble) {
  size_t begin = BasisOpenerEnd(paragraph);
  if (begin == std::string_view::npos && preamble) begin = paragraph.find("nhận được");
  if (begin == std::string_view::npos) return {0, 0};
  // The first sentence only: a period followed by a space ends it.
  const size_t end = paragraph.find(". ", begin);
  return {begin, end == std::string_view::npos ? paragraph.size() : end};
}

bool InRange(std::pair<size_t, size_t> range, size_t at) { return at >= range.first && at < range.second; }

struct AliasDefinition {
  std::string text;  // "QĐ22"
  size_t reference;  // index into Extraction::references of the document it names
  Span definition;   // the "(sau đây gọi tắt là ...)" itself
};

class ReferencesExtractor : public BuiltinExtractor {
 public:
  ReferencesExtractor()
      : BuiltinExtractor({.name = std::string(kName),
                          .description = "cited documents (number, type, date, issuer, basis or mention), aliases, laws without a number",
                          .sections = {std::string(kReferencesSection), std::string(kLawsSection)},
                          .rule_kinds = {{"reference", {"number"}}, {"reference.alias", {"alias"}}, {"law", {"name"}}},
                          .rule_pack = "references"}) {}

  Status Extract(const ExtractionInput& in, Extraction& out) const override {
    const Document& doc = in.document;
    const DocumentStructure& st = in.structure;
    const RuleSet& rules = in.rules;
    std::vector<AliasDefinition> aliases;
    const size_t first_item = st.outline.empty() ? st.body_end : st.outline.front().paragraph;
    for (size_t p = 0; p < doc.paragraphs.size(); ++p) {
      const ParagraphRole role = st.roles[p];
      if (role == ParagraphRole::kNumber || role == ParagraphRole::kPlaceDate || role == ParagraphRole::kSignature) {
        continue;
      }
      const std::string_view t = ParagraphText(doc, p);
      const size_t base = doc.paragraphs[p].span.begin;
      const bool preamble = p >= st.body_begin && p < first_item;
      const std::pair<size_t, size_t> basis = BasisRange(t, preamble);
      const size_t first_new = out.references.size();
      for (const RuleMatch& m : rules.FindAll("reference", t)) {
        if (m.begin > 0 && (std::isalnum(static_cast<unsigned char>(t[m.begin - 1])) || t[m.begin - 1] == '/')) continue;
        Reference r;
        const std::string printed = Group(m, t, "number");
        r.number = CanonicalNumber(printed);
        r.number_key = NumberKey(r.number);
        // The word before the number names the type; without one the symbol's type code does.
        const std::string type_word = Group(m, t, "type");
        r.type = type_word.empty() ? "" : TypeFromWord(type_word);
        if (r.type.empty()) r.type = TypeFromSymbol(r.number);
        size_t end = m.end;
        ReadTail(t, end, r);
        r.role = InRange(basis, m.begin) ? "basis" : "mention";
        r.span = {base + m.begin, base + end};
        r.text = std::string(t.substr(m.begin, end - m.begin));
        r.page = doc.paragraphs[p].page;
        out.references.push_back(std::move(r));
      }
      for (const RuleMatch& m : rules.FindAll("reference.alias", t)) {
        // The alias names the closest reference before it in the same paragraph.
        for (size_t k = out.references.size(); k-- > first_new;) {
          if (out.references[k].span.begin < base + m.begin) {
            aliases.push_back({Trim(Group(m, t, "alias"), " "), k, {base + m.begin, base + m.end}});
            break;
          }
        }
      }
      for (const RuleMatch& m : rules.FindAll("law", t)) AddLaw(doc, p, t, m, basis, out);
    }
    ResolveAliases(doc, st, aliases, out);
    std::stable_sort(out.references.begin(), out.references.end(),
                     [](const Reference& a, const Reference& b) { return a.span.begin < b.span.begin; });
    return Status::Ok();
  }

 private:
  // "... ngày 13/3/2020 của Ủy ban nhân dân thành phố về ...": the date and the issuer after a number.
  static void ReadTail(std::string_view t, size_t& end, Reference& r) {
    static const RE2 kDate(
        R"(^\s*,?\s*(?:được\s+)?(?:ban hành\s+)?ngày\s+(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})\s*(?:/|năm)\s*((?:19|20)\d{2}))");
    re2::StringPiece rest(t.data() + end, t.size() - end);
    int d = 0, m = 0, y = 0;
    if (RE2::Consume(&rest, kDate, &d, &m, &y)) {
      r.date = IsoDate(d, m, y);
      end = static_cast<size_t>(rest.data() - t.data());
    }
    static const RE2 kIssuer(R"(^\s*,?\s*(?:của|do)\s+)");
    re2::StringPiece after(t.data() + end, t.size() - end);
    if (!RE2::Consume(&after, kIssuer)) return;
    // An issuer's name is short: look no further than this, so long paragraphs stay linear.
    constexpr size_t kMaxIssuer = 240;
    std::string_view issuer(after.data(), std::min<size_t>(after.size(), kMaxIssuer));
    static const char* const kStops[] = {" về ", " ban hành", " phê duyệt", " quy định", " hướng dẫn", " thực hiện",
                                         " triển khai", " sửa đổi", ",", ";", ". ", " (", " tại ", " đã "};
    size_t stop = issuer.size();
    for (const char* s : kStops) stop = std::min(stop, issuer.find(s));
    // "và" joins the words of a body's name ("Bộ Giáo dục và Đào tạo") but ends it before another
    // citation ("của Bộ Chính trị và Nghị quyết số 57/NQ-CP").
    static const RE2 kAndAnother(R"((\s+và\s+(?:các\s+|\p{Ll}|(?:Công văn|Văn bản|Kế hoạch|Quyết định|Nghị quyết|Nghị định|Thông tư|Chỉ thị|Luật|Chương trình)\s)))");
    re2::StringPiece and_match;
    if (RE2::PartialMatch(issuer.substr(0, stop), kAndAnother, &and_match)) {
      stop = static_cast<size_t>(and_match.data() - issuer.data());
    }
    constexpr size_t kMaxIssuerName = 160;
    if (stop > kMaxIssuerName) return;  // no end in sight: not a name (and never cut one mid-letter)
    issuer = issuer.substr(0, stop);
    const std::string trimmed = Trim(issuer, " .");
    if (!trimmed.empty()) r.issuer = trimmed;
  }

  static void AddLaw(const Document& doc, size_t p, std::string_view t, const RuleMatch& m,
                     std::pair<size_t, size_t> basis, Extraction& out) {
    const auto span = m.Group("name");
    if (!span) return;
    if (m.rule->id == "reference.law_amending") {  // the whole title, other laws' names included
      AddLawSpan(doc, p, t, span->first, span->second, basis, out);
      return;
    }
    // Words from the name's head on, with their end offsets in t; a word may carry a trailing comma.
    // The rule matches only "Luật X" so that a second law ("... và Luật Y") is found on its own.
    std::vector<std::pair<std::string_view, size_t>> words;
    constexpr size_t kMaxWords = 12;
    for (size_t i = span->first; i < t.size() && words.size() < kMaxWords;) {
      const size_t e = std::min(t.find(' ', i), t.size());
      const std::string_view w = t.substr(i, e - i);
      // Punctuation other than a trailing comma, quotes or digits end the name ("Luật Lưu trữ;" "Luật1").
      // (Only ASCII bytes are searched: they never occur inside a multi-byte letter.)
      const size_t cut = std::min({w.find_first_of(";.:()\"0123456789"), w.find("“"), w.find("”")});
      if (w.empty() || cut != std::string_view::npos) {
        if (cut != std::string_view::npos && cut > 0 && words.size() >= 2 &&
            w.find_first_of("0123456789") == std::string_view::npos) {
          words.push_back({w.substr(0, cut), i + cut});
        }
        break;
      }
      words.push_back({w, e});
      i = e + 1;
    }
    // "Luật X ..." or "Bộ luật X ...": keep the capitalized name word, then words up to a function word
    // or a comma, except inside the compounds "phòng, chống" and "quản lý, sử dụng".
    size_t k = words.size() > 2 && words[0].first == "Bộ" ? 2 : 1;
    if (k >= words.size()) return;
    size_t name_end = words[k].second;
    for (;; ++k) {
      const std::string_view word = words[k].first;
      name_end = words[k].second;
      if (word.back() == ',') {
        if (k + 1 < words.size() && IsCommaCompound(word, words[k + 1].first)) continue;
        --name_end;  // the comma ends the name
        break;
      }
      if (k + 1 >= words.size() || IsLawHead(words[k + 1].first) || EndsName(words, k + 1)) break;
    }
    // A year printed with the name belongs to it: "Bộ luật Lao động 2019", "Bộ luật Lao động năm 2019".
    static const RE2 kYear(R"(^\s+(?:năm\s+)?((?:19|20)\d{2})\b)");
    re2::StringPiece rest(t.data() + name_end, t.size() - name_end);
    if (RE2::Consume(&rest, kYear)) name_end = static_cast<size_t>(rest.data() - t.data());
    AddLawSpan(doc, p, t, span->first, name_end, basis, out);
  }

  // Whether the word at `k` ends a law's name. "và" joins two lower-case terms inside a name
  // ("Luật Phòng cháy và chữa cháy") but not "và các ...", "và Nghị định ..."; "quy định" and "hướng
  // dẫn" after a name start the sentence's verb, while "quy phạm" belongs to a name.
  template <typename Words>
  static bool EndsName(const Words& words, size_t k) {
    const std::string w = MatchForm(words[k].first);
    const std::string next = k + 1 < words.size() ? MatchForm(words[k + 1].first) : "";
    if (w == "và") {
      if (k + 1 >= words.size()) return true;
      const std::string_view raw_next = words[k + 1].first;
      return StartsWithCapital(raw_next) || IsFunctionWord(raw_next) || raw_next.find(',') != std::string_view::npos;
    }
    if ((w == "quy" && next == "định") || (w == "hướng" && next == "dẫn")) return true;
    return IsFunctionWord(words[k].first);
  }

  // Another law's name begins: "Luật Tổ chức Chính phủ Luật ..." never runs on.
  static bool IsLawHead(std::string_view word) { return word == "Luật" || word == "Bộ"; }

  // "phòng, chống" and "quản lý, sử dụng" are single terms of legal names.
  static bool IsCommaCompound(std::string_view word_with_comma, std::string_view next) {
    const std::string before = MatchForm(word_with_comma.substr(0, word_with_comma.size() - 1));
    const std::string after = MatchForm(next);
    return (before == "phòng" && after == "chống") || (before == "lý" && after == "sử");
  }

  static void AddLawSpan(const Document& doc, size_t p, std::string_view t, size_t begin, size_t name_end,
                         std::pair<size_t, size_t> basis, Extraction& out) {
    LawMention law;
    law.name = std::string(t.substr(begin, name_end - begin));
    law.role = InRange(basis, begin) ? "basis" : "mention";
    law.page = doc.paragraphs[p].page;
    law.span = {doc.paragraphs[p].span.begin + begin, doc.paragraphs[p].span.begin + name_end};
    out.laws.push_back(std::move(law));
  }

  // Later uses of an alias ("QĐ22") cite the full document.
  static void ResolveAliases(const Document& doc, const DocumentStructure& st,
                             const std::vector<AliasDefinition>& aliases, Extraction& out) {
    const size_t first_item = st.outline.empty() ? st.body_end : st.outline.front().paragraph;
    const size_t known = out.references.size();
    for (const auto& alias : aliases) {
      if (alias.text.size() < 2) continue;
      const Reference full = out.references[alias.reference];
      for (size_t pos = doc.text.find(alias.text); pos != std::string::npos;
           pos = doc.text.find(alias.text, pos + 1)) {
        const size_t end = pos + alias.text.size();
        // A letter or digit right before or after means a longer word; quotes and dashes do not.
        const auto* bytes = reinterpret_cast<const uint8_t*>(doc.text.data());
        const auto text_size = static_cast<int32_t>(doc.text.size());
        const auto alnum_before = [&](size_t i) {
          if (i == 0) return false;
          auto k = static_cast<int32_t>(i);
          UChar32 c;
          U8_PREV(bytes, 0, k, c);
          return c >= 0 && u_isalnum(c);
        };
        const auto alnum_at = [&](size_t i) {
          if (i >= doc.text.size()) return false;
          auto k = static_cast<int32_t>(i);
          UChar32 c;
          U8_NEXT(bytes, k, text_size, c);
          return c >= 0 && u_isalnum(c);
        };
        if (alnum_before(pos) || alnum_at(end)) continue;
        if (pos >= alias.definition.begin && end <= alias.definition.end) continue;
        const bool inside_citation = std::any_of(out.references.begin(), out.references.begin() + static_cast<long>(known),
                                                 [&](const Reference& r) { return pos < r.span.end && end > r.span.begin; });
        if (inside_citation) continue;
        // The alias stands for the document; no date or issuer is printed where it is used.
        Reference r = full;
        r.date.reset();
        r.issuer.reset();
        r.span = {pos, end};
        r.text = alias.text;
        r.page = PageAt(doc, pos);
        size_t p = 0;
        while (p + 1 < doc.paragraphs.size() && doc.paragraphs[p + 1].span.begin <= pos) ++p;
        const std::string_view t = ParagraphText(doc, p);
        r.role = InRange(BasisRange(t, p >= st.body_begin && p < first_item), pos - doc.paragraphs[p].span.begin)
                     ? "basis"
                     : "mention";
        out.references.push_back(std::move(r));
      }
    }
  }

};

}  // namespace

std::unique_ptr<Extractor> MakeReferencesExtractor() { return std::make_unique<ReferencesExtractor>(); }

}  // namespace vanban::plugins
