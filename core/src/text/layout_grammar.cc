// The layout grammar of administrative documents (docs/DOMAIN.md §1): outline markers, list
// bullets, signature authorities, basis clauses.
#include <re2/re2.h>

#include <string>

#include "vanban/grammar.h"
#include "vanban/text.h"

namespace vanban {
namespace {

std::string Anchored(std::string_view body) { return "^" + std::string(body); }

// What follows a dash bullet: text, not the next dash of a rule line.
constexpr std::string_view kAfterBullet = "[^\\s\\-–—]";

}  // namespace

std::optional<OutlineMarker> ParseOutlineMarker(std::string_view s) {
  struct Pattern {
    MarkerKind kind;
    const RE2* re;
    bool label_is_marker;  // "Điều 3", "Chương II": the word stays in the label
  };
  // Longer, more specific forms first: "1.1." before "1.", "Điều 1." before "1.".
  static const RE2 kPart(R"(^((?i:phần|phụ lục)\s+([IVXLC]+|\d+)\.?)(?:\s|:|$))");
  static const RE2 kChapter(R"(^((?i:chương)\s+([IVXLC]+|\d+)\.?)(?:\s|$))");
  static const RE2 kSection(R"(^((?i:mục)\s+(\d+|[IVXLC]+)\.?)(?:\s|$))");
  static const RE2 kArticle(R"(^((?i:điều)\s+(\d+)\s*[.:]?))");
  static const RE2 kRoman(R"(^(([IVXLC]{1,7})[.)])(?:\s|$))");
  static const RE2 kNested(R"(^((\d{1,2}(?:\.\d{1,2})+)\.?)(?:\s|$))");
  static const RE2 kArabic(R"(^((\d{1,2})[.)])(?:\s|\p{Lu}|$))");
  static const RE2 kParenArabic(R"(^(\((\d{1,2})\))\s)");
  static const RE2 kLetter(R"(^(\(?([a-zđ])\))\s)");
  // Not a rule line of dashes ("-------", "---------------Số: 41/2009/CT-UBND").
  static const RE2 kDash(Anchored("((" + std::string(kDashBullet) + "))\\s*" + std::string(kAfterBullet)));
  static const RE2 kPlus(R"(^((\+))\s*\S)");
  static const Pattern kPatterns[] = {
      {MarkerKind::kPart, &kPart, true},           {MarkerKind::kChapter, &kChapter, true},
      {MarkerKind::kSection, &kSection, true},     {MarkerKind::kArticle, &kArticle, true},
      {MarkerKind::kRoman, &kRoman, false},        {MarkerKind::kArabicNested, &kNested, false},
      {MarkerKind::kArabic, &kArabic, false},      {MarkerKind::kParenArabic, &kParenArabic, false},
      {MarkerKind::kLetter, &kLetter, false},      {MarkerKind::kDash, &kDash, false},
      {MarkerKind::kPlus, &kPlus, false}};
  for (const Pattern& p : kPatterns) {
    OutlineMarker m;
    if (RE2::PartialMatch(s, *p.re, &m.marker, &m.label)) {
      m.kind = p.kind;
      if (p.label_is_marker) {
        m.label = m.marker;
        while (!m.label.empty() && (m.label.back() == '.' || m.label.back() == ':')) m.label.pop_back();
      }
      return m;
    }
  }
  return std::nullopt;
}

bool StartsWithOutlineMarker(std::string_view s) {
  // The patterns of ParseOutlineMarker without their captures, as one alternation
  // (grammar_test checks that the two agree).
  static const RE2 re(
      "^(?:(?i:phần|phụ lục)\\s+(?:[IVXLC]+|\\d+)\\.?(?:\\s|:|$)|(?i:chương)\\s+(?:[IVXLC]+|\\d+)\\.?(?:\\s|$)|"
      "(?i:mục)\\s+(?:\\d+|[IVXLC]+)\\.?(?:\\s|$)|(?i:điều)\\s+\\d+|[IVXLC]{1,7}[.)](?:\\s|$)|"
      "\\d{1,2}(?:\\.\\d{1,2})+\\.?(?:\\s|$)|\\d{1,2}[.)](?:\\s|\\p{Lu}|$)|\\(\\d{1,2}\\)\\s|\\(?[a-zđ]\\)\\s|" +
      std::string(kDashBullet) + "\\s*" + std::string(kAfterBullet) + "|\\+\\s*\\S)");
  return RE2::PartialMatch(s, re);
}

bool StartsWithListBullet(std::string_view s) {
  static const RE2 re(Anchored(std::string(kListBullet) + "\\s*\\S"));
  return RE2::PartialMatch(s, re);
}

namespace {
size_t MarkEnd(const RE2& re, std::string_view s) {
  re2::StringPiece match;
  if (!RE2::PartialMatch(s, re, &match)) return std::string_view::npos;
  return match.size();
}
}  // namespace

bool IsMottoLine(std::string_view s) {
  // The motto lines are short; case-folding long paragraphs just to learn they are not is wasteful.
  if (s.size() > 200) return false;
  const std::string m = MatchForm(s);
  if (m == "cộng" || m == "đảng cộng sản việt nam" || m.rfind("cộng hòa", 0) == 0 || m.rfind("cộng hoà", 0) == 0 ||
      m.find("chủ nghĩa việt nam") != std::string::npos) {
    return true;
  }
  for (const char* dash : {" - ", " – ", " — "}) {
    if (m.find(std::string("độc lập") + dash + "tự do") != std::string::npos ||
        m.find(std::string("tự do") + dash + "hạnh phúc") != std::string::npos) {
      return true;
    }
  }
  return false;
}

size_t SubjectMarkEnd(std::string_view s) {
  static const RE2 re(R"(^((?:V/v|V/V|v/v|Về việc)(?:\s*:\s*|\s+|$)))");
  return MarkEnd(re, s);
}

size_t RecipientsMarkEnd(std::string_view s) {
  static const RE2 re(R"(^((?i:kính gửi)(?:\s*:\s*|\s+|$)))");
  return MarkEnd(re, s);
}

bool StartsWithSignatureAuthority(std::string_view s) {
  static const RE2 re(Anchored(std::string(kSignaturePrefix) + "\\s*\\.\\s*\\p{Lu}"));
  return RE2::PartialMatch(s, re);
}

bool StartsWithBasisOpener(std::string_view s) {
  static const RE2 re(Anchored(std::string(kBasisOpener) + "(?:\\s|:|,)"));
  return RE2::PartialMatch(s, re);
}

size_t BasisOpenerEnd(std::string_view paragraph) {
  static const RE2 re(Anchored("(?:(?:[IVXLC]+|\\d{1,2}(?:\\.\\d{1,2})*|[a-zđ])[.)]\\s*|" + std::string(kListBullet) +
                               "\\s*)?" + std::string(kBasisOpener) + "\\s"));
  re2::StringPiece input(paragraph.data(), paragraph.size());
  if (!RE2::Consume(&input, re)) return std::string_view::npos;
  return static_cast<size_t>(input.data() - paragraph.data());
}

namespace {

// The keys of a signature stamp's lines; the first group is who signed, the second when.
const RE2& StampSignerKey() {
  static const RE2 re(R"(^\s*(?i:ký bởi|người ký|cơ quan|đơn vị|signed by|signer)\s*:\s*(.*?)\s*$)");
  return re;
}
const RE2& StampTimeKey() {
  static const RE2 re(R"(^\s*(?i:thời gian ký|ngày ký|thời gian|signing time|date)\s*:\s*(.*?)\s*$)");
  return re;
}

// "19.02.2025 07:55:13 +07:00", "06/06/2024 15:54:06", "2025-02-19T07:55:13+07:00" -> ISO 8601.
std::string IsoStampTime(std::string_view s) {
  static const RE2 dmy(R"((\d{1,2})[./-](\d{1,2})[./-](\d{4}))");
  static const RE2 ymd(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
  static const RE2 time(R"((\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-])(\d{2}):?(\d{2}))?)");
  int day = 0, month = 0, year = 0;
  const re2::StringPiece input(s.data(), s.size());
  if (!RE2::PartialMatch(input, ymd, &year, &month, &day) && !RE2::PartialMatch(input, dmy, &day, &month, &year)) {
    return "";
  }
  const std::optional<std::string> date = IsoDate(day, month, year);
  if (!date) return "";
  std::string hours, minutes, seconds, sign, zone_h, zone_m;
  if (!RE2::PartialMatch(input, time, &hours, &minutes, &seconds, &sign, &zone_h, &zone_m)) return *date;
  if (hours.size() == 1) hours = "0" + hours;
  std::string out = *date + "T" + hours + ":" + minutes + ":" + (seconds.empty() ? "00" : seconds);
  if (!sign.empty()) out += sign + zone_h + ":" + zone_m;
  return out;
}

}  // namespace

bool IsSignatureStampLine(std::string_view s) {
  if (s.size() > 300) return false;
  // Only the keys that nothing but a signing tool prints: "Thời gian: 8 giờ" opens a meeting's
  // details and "Cơ quan:" a form's field, so those count only beside one of these (ReadSignatureStamp).
  static const RE2 anchor(
      R"(^\s*(?:(?i:ký bởi|người ký|thời gian ký|ngày ký|signed by)\s*:|(?i:signature valid|digitally signed)))");
  return RE2::PartialMatch(s, anchor);
}

SignatureStampReading ReadSignatureStamp(const std::vector<std::string>& lines) {
  // What ends a stamp's line besides its words: "SAO Y; ỦY BAN NHÂN DÂN THÀNH PHỐ …;".
  constexpr std::string_view kListEnd = " ;,";
  static const RE2 copy_mark(R"(^\s*(?i:sao y|sao lục|trích sao|bản sao)\s*[;:,.]?\s*$)");
  static const RE2 email(R"(\S+@\S+\.\S+)");
  SignatureStampReading reading;
  std::string named;  // lines that are not keys: the signing body on stamps without a signer key
  for (const std::string& line : lines) {
    std::string value;
    if (RE2::FullMatch(line, StampSignerKey(), &value)) {
      if (reading.signed_by.empty()) reading.signed_by = value;
    } else if (RE2::FullMatch(line, StampTimeKey(), &value)) {
      if (reading.signed_at.empty()) reading.signed_at = IsoStampTime(value);
    } else if (!RE2::PartialMatch(line, copy_mark) && !RE2::PartialMatch(line, email) &&
               !IsSignatureStampLine(line) && line.find(':') == std::string::npos) {
      const std::string_view text = TrimCharacters(line, kListEnd);
      if (text.empty()) continue;
      if (!named.empty()) named += ' ';
      named += text;
    }
  }
  reading.signed_by = std::string(TrimCharacters(reading.signed_by.empty() ? named : reading.signed_by, kListEnd));
  return reading;
}

}  // namespace vanban
