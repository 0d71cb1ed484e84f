#include "vanban/grammar.h"

#include <re2/re2.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <utility>

#include "vanban/text.h"

namespace vanban {
namespace {

struct TypeCode {
  std::string_view code;  // as printed in symbols
  std::string_view type;
};
// Phụ lục III of Nghị định 30/2020/NĐ-CP, plus the legal normative types.
constexpr std::array<TypeCode, 27> kTypeCodes{{
    {"NQ", "nghi_quyet"},   {"QĐ", "quyet_dinh"},  {"CT", "chi_thi"},       {"QC", "quy_che"},
    {"QYĐ", "quy_dinh"},    {"QyĐ", "quy_dinh"},   {"TC", "thong_cao"},     {"TB", "thong_bao"},
    {"HD", "huong_dan"},    {"CTr", "chuong_trinh"}, {"KH", "ke_hoach"},    {"PA", "phuong_an"},
    {"ĐA", "de_an"},        {"DA", "du_an"},       {"BC", "bao_cao"},       {"BB", "bien_ban"},
    {"TTr", "to_trinh"},    {"HĐ", "hop_dong"},    {"CĐ", "cong_dien"},     {"GUQ", "giay_uy_quyen"},
    {"GM", "giay_moi"},     {"GGT", "giay_gioi_thieu"}, {"NĐ", "nghi_dinh"}, {"TT", "thong_tu"},
    {"TTLT", "thong_tu_lien_tich"}, {"KL", "ket_luan"}, {"NQLT", "nghi_quyet_lien_tich"},
}};

}  // namespace

std::string_view TypeOfCode(std::string_view code) {
  for (const TypeCode& t : kTypeCodes) {
    if (t.code == code) return t.type;
  }
  return {};
}

std::vector<std::string_view> TypeCodes() {
  std::vector<std::string_view> codes;
  for (const TypeCode& t : kTypeCodes) codes.push_back(t.code);
  return codes;
}

std::vector<std::pair<std::string, std::string>> GrammarDefinitions() {
  std::vector<std::string_view> codes = TypeCodes();
  // RE2 takes the first alternative that matches: longer codes first ("QĐ" before "Q").
  std::stable_sort(codes.begin(), codes.end(), [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  std::string type_codes = "(?:";
  for (size_t i = 0; i < codes.size(); ++i) type_codes += (i ? "|" : "") + std::string(codes[i]);
  type_codes += ")";
  return {{"SIGNATURE_PREFIX", std::string(kSignaturePrefix)},
          {"BASIS_OPENER", std::string(kBasisOpener)},
          {"LIST_BULLET", std::string(kListBullet)},
          {"TYPE_CODE", type_codes}};
}

std::string CanonicalNumber(std::string_view printed) {
  std::string s;
  for (char c : printed) {
    if (c != ' ' && c != '\t' && c != '\n') s.push_back(c);
  }
  while (!s.empty() && std::string_view(".,;:)").find(s.back()) != std::string_view::npos) s.pop_back();
  // A Telex typist's "dd" for Đ sometimes leaves a doubled D before it: "SGDDĐT" for "SGDĐT".
  for (size_t pos = s.find("DDĐ"); pos != std::string::npos; pos = s.find("DDĐ", pos + 1)) s.erase(pos, 1);
  // "<n>[/<year>]/<TYPE>/<issuer>" or "<n>/<issuer>/<unit>": after the number (and year) symbols are
  // joined by hyphens, so a second slash stands for one.
  static const RE2 kSlashForHyphen(R"(^(\d+(?:/\d{4})?/)([\p{Lu}][\p{L}\d&]*)/([\p{Lu}].*)$)");
  std::string head, code, rest;
  if (RE2::FullMatch(s, kSlashForHyphen, &head, &code, &rest)) s = head + code + "-" + rest;
  return s;
}

std::string NumberKey(std::string_view canonical) {
  std::string key = FoldDiacritics(canonical);
  for (char& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return key;
}

std::string TypeFromWord(std::string_view word) {
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {"công văn", "cong_van"},       {"văn bản", "cong_van"},        {"cv", "cong_van"},
      {"kế hoạch", "ke_hoach"},       {"kh", "ke_hoach"},             {"quyết định", "quyet_dinh"},
      {"qđ", "quyet_dinh"},           {"nghị quyết", "nghi_quyet"},   {"nq", "nghi_quyet"},
      {"nghị định", "nghi_dinh"},     {"nđ", "nghi_dinh"},            {"thông tư liên tịch", "thong_tu_lien_tich"},
      {"thông tư", "thong_tu"},       {"tt", "thong_tu"},             {"chỉ thị", "chi_thi"},
      {"ct", "chi_thi"},              {"thông tri", "thong_tri"},     {"chương trình", "chuong_trinh"},
      {"kết luận", "ket_luan"},       {"hướng dẫn", "huong_dan"},     {"thông báo", "thong_bao"},
      {"báo cáo", "bao_cao"},         {"tờ trình", "to_trinh"},       {"quy chế", "quy_che"},
      {"quy định", "quy_dinh"},       {"đề án", "de_an"},             {"luật", "luat"},
      {"pháp lệnh", "phap_lenh"},     {"công điện", "cong_dien"},     {"nghị quyết liên tịch", "nghi_quyet_lien_tich"},
  };
  const std::string m = MatchForm(word);
  for (const auto& [w, type] : kWords) {
    if (m == w) return std::string(type);
  }
  return {};
}

std::string TypeFromSymbol(std::string_view number) {
  // Party documents: "<n>-<TYPE>/<body>"; their TT is a thông tri.
  static const RE2 kParty(R"(^\d+-([\p{Lu}][\p{L}]*)/)");
  // Legal and administrative: "<n>[/<year>]/<FIRST>[-...]".
  static const RE2 kState(R"(^\d+(?:/\d{4})?/([\p{Lu}][\p{L}\d&]*))");
  std::string code;
  if (RE2::PartialMatch(number, kParty, &code)) {
    if (code == "TT") return "thong_tri";
    const std::string_view type = TypeOfCode(code);
    return type.empty() ? "other" : std::string(type);
  }
  if (RE2::PartialMatch(number, kState, &code)) {
    const std::string_view type = TypeOfCode(code);
    // A công văn's symbol starts with the issuer's abbreviation, not a type code.
    return type.empty() ? "cong_van" : std::string(type);
  }
  return "other";
}

std::optional<std::string> IsoDate(int day, int month, int year) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return std::string(buf);
}

int QuarterNumber(std::string_view printed) {
  static const std::pair<std::string_view, int> kQuarters[] = {{"I", 1},  {"II", 2}, {"III", 3}, {"IV", 4},
                                                               {"1", 1},  {"2", 2},  {"3", 3},   {"4", 4}};
  for (const auto& [p, q] : kQuarters) {
    if (printed == p) return q;
  }
  return 0;
}

}  // namespace vanban
