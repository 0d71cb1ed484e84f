// The small grammar of Vietnamese administrative documents, defined once for every stage that reads
// it: the layout grammar (outline markers, list bullets, signature authorities, basis clauses),
// canonical number-and-symbol forms, document type names and codes, calendar dates (docs/DOMAIN.md;
// Nghị định 30/2020/NĐ-CP, Phụ lục III). Normalization, structure analysis, the extractors, their
// rule files (as {{NAME}} definitions) and OCR's shape corrections all use these.
// Thread-safe pure functions over constant tables.
#ifndef VANBAN_GRAMMAR_H_
#define VANBAN_GRAMMAR_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vanban {

// ---- Layout grammar -------------------------------------------------------------------------

// Outline markers, by rank: a marker closes every open item of its own or a lower rank.
enum class MarkerKind {
  kPart,          // "Phần I", "Phụ lục 2"
  kChapter,       // "Chương II"
  kSection,       // "Mục 1"
  kArticle,       // "Điều 3."
  kRoman,         // "II."
  kArabicNested,  // "1.2."
  kArabic,        // "1." "2)"
  kParenArabic,   // "(1)"
  kLetter,        // "a)" "(b)"
  kDash,          // "-" "–" "•" ...
  kPlus,          // "+"
};

struct OutlineMarker {
  MarkerKind kind = MarkerKind::kArabic;
  std::string marker;  // as printed: "II.", "1.", "a)", "-", "Điều 3."
  std::string label;   // without punctuation: "II", "1", "a", "-", "Điều 3"
};

// The marker that starts `text` (a line or a paragraph), if any.
std::optional<OutlineMarker> ParseOutlineMarker(std::string_view text);

// ParseOutlineMarker(text).has_value(), in one pass of one regular expression without captures
// (normalization asks this of every line).
bool StartsWithOutlineMarker(std::string_view text);

// A list bullet starts `text`: one of kListBullet followed by text.
bool StartsWithListBullet(std::string_view text);

// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH": a signature authority line.
bool StartsWithSignatureAuthority(std::string_view text);

// The state's motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", with a
// hyphen or an en dash), a fragment of it wrapped over lines ("CỘNG" / "HÒA XÃ HỘI …"), or the
// party's name that stands in its place ("ĐẢNG CỘNG SẢN VIỆT NAM").
bool IsMottoLine(std::string_view text);

// "V/v ...", "Về việc ...": a công văn's subject line. Returns where the subject's words start
// (after the mark, a colon and spaces), or npos when `text` does not open with the mark.
size_t SubjectMarkEnd(std::string_view text);

// "Kính gửi: ...": the recipients line. Returns where the first recipient starts, or npos.
size_t RecipientsMarkEnd(std::string_view text);

// A line that only an electronic signature's visible stamp prints: "Ký bởi: Sở Y tế", "Người ký: …",
// "Thời gian ký: 19.02.2025 07:55:13 +07:00", "Signed by: …". The signing software draws the stamp
// over the page; it is not the document's text. Its other lines ("SAO Y", "Cơ quan: …", an e-mail
// address, the body's name) are known by where they stand beside such a line.
bool IsSignatureStampLine(std::string_view text);

// What a stamp's lines say: who signed ("Ký bởi:"/"Người ký:"/"Cơ quan:"/"Signed by:", else the
// lines that are neither a key line, a copy mark such as "SAO Y", nor an e-mail address) and when
// ("Thời gian ký:"/"Ngày ký:"/"Date:" read as ISO 8601: "2025-02-19T07:55:13+07:00"; a date alone
// as "2025-02-19"). Empty strings for what the stamp does not say.
struct SignatureStampReading {
  std::string signed_by;
  std::string signed_at;
};
SignatureStampReading ReadSignatureStamp(const std::vector<std::string>& lines);

// "Căn cứ ...", "Thực hiện ...", "Theo ...", "Triển khai ...", "Tiếp theo ...": a basis clause.
bool StartsWithBasisOpener(std::string_view text);

// Where the words after the basis opener start, in a paragraph that opens (after an optional
// outline marker or bullet) with one; npos otherwise. "1. Căn cứ Luật ..." -> the offset of "Luật".
size_t BasisOpenerEnd(std::string_view paragraph);

// The pieces above as RE2 syntax, each a non-capturing group.
inline constexpr std::string_view kSignaturePrefix = "(?:TM|KT|TL|TUQ|Q)";
inline constexpr std::string_view kBasisOpener = "(?:Căn cứ|Thực hiện|Theo|Triển khai|Tiếp theo)";
// List bullets: the dashes and dots of first-level entries, and "+" for the level below.
inline constexpr std::string_view kDashBullet = "[-•–—▪◦∙]";
inline constexpr std::string_view kListBullet = "[-+•–—▪◦∙]";

// What rule files may use as {{NAME}} without defining it: SIGNATURE_PREFIX, BASIS_OPENER,
// LIST_BULLET, and TYPE_CODE (every type code of TypeCodes(), longest first). Name, pattern.
std::vector<std::pair<std::string, std::string>> GrammarDefinitions();

// ---- Numbers, types and dates ---------------------------------------------------------------

// The type codes of document symbols ("QĐ", "KH", "CTr", "QyĐ", "NQLT" ...), Phụ lục III.
std::vector<std::string_view> TypeCodes();
// The type id of a code ("QĐ" -> "quyet_dinh"), "" when it is none.
std::string_view TypeOfCode(std::string_view code);

// The number and symbol as it should have been printed: no spaces around "/" and "-", a slash that
// stands for the hyphen between type code and issuer made a hyphen ("101/QĐ/TTg" -> "101/QĐ-TTg"),
// the Telex slip "DĐ" made "Đ" ("SGDDĐT" -> "SGDĐT"), trailing punctuation dropped.
// "571 /SGDDĐT-CTrTT" -> "571/SGDĐT-CTrTT", "11- NQ/TW" -> "11-NQ/TW", "97/LĐTBXH - BDG" -> "97/LĐTBXH-BDG".
std::string CanonicalNumber(std::string_view printed);

// ASCII-folded upper case, for matching citations: "22/2013/QĐ-TTg" -> "22/2013/QD-TTG".
std::string NumberKey(std::string_view canonical);

// Type id from a type word as printed ("Kế hoạch", "KẾ HOẠCH", "Văn bản", "NQ"); "" if unknown.
std::string TypeFromWord(std::string_view word);

// Type id from the symbol: "72/KH-UBND" -> "ke_hoach", "11-NQ/TW" -> "nghi_quyet", "04-TT/TU" -> "thong_tri",
// "1303/BLĐTBXH-BĐG" (no type code: a công văn) -> "cong_van", "70/2008/NĐ-CP" -> "nghi_dinh".
std::string TypeFromSymbol(std::string_view canonical_number);

// "2020-03-16" when d/m/y is a real calendar date, else nullopt.
std::optional<std::string> IsoDate(int day, int month, int year);

// 1..4 for "I".."IV" or "1".."4", else 0.
int QuarterNumber(std::string_view printed);

}  // namespace vanban

#endif  // VANBAN_GRAMMAR_H_
