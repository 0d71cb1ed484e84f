// The small grammar of Vietnamese administrative documents that several extractors share:
// canonical number-and-symbol forms, document type names and codes, calendar dates.
// (docs/DOMAIN.md §2–3; Nghị định 30/2020/NĐ-CP, Phụ lục III.) Thread-safe pure functions.
#ifndef VANBAN_GRAMMAR_H_
#define VANBAN_GRAMMAR_H_

#include <optional>
#include <string>
#include <string_view>

namespace vanban {

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
