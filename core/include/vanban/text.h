// Unicode helpers for Vietnamese text, built on ICU.
//
// vanban keeps text as UTF-8 NFC and the printed form for display and evidence. The matching forms
// below (case-folded, one tone placement, diacritic-free) are for comparison only and must never be
// shown to a user in place of the printed text.
//
// Thread-safety: all functions are thread-safe (ICU normalizer instances are immutable singletons).
#ifndef VANBAN_TEXT_H_
#define VANBAN_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "vanban/legacy_encoding.h"
#include "vanban/status.h"

namespace vanban {

// Canonical composition. Returns the input unchanged when it is already NFC (the common case).
std::string ToNfc(std::string_view utf8);

// Case-folded NFC with every syllable's tone mark on the vowel the classic rule chooses, so that
// "Hoà", "hòa" and "HÒA" give the same key.
std::string MatchForm(std::string_view utf8);

// Lower case, nothing else changed (cheaper than MatchForm when the text is already NFC with a known
// tone placement, such as a rule's own vocabulary).
std::string LowerCase(std::string_view utf8);

// Strips tone and shape marks and maps đ/Đ to d/D: "Bình đẳng giới" -> "Binh dang gioi". Case is kept.
std::string FoldDiacritics(std::string_view utf8);

// True when the text has at least `min_upper` capital letters and no lower-case letter: headings
// ("KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU") and signature titles ("PHÓ CHỦ TỊCH").
bool IsAllCapitals(std::string_view utf8, int min_upper = 2);

// True when the first character is a capital letter ("Đ", "N"); false for an empty string.
bool StartsWithCapital(std::string_view utf8);

// `utf8` without the characters of `characters` (UTF-8, each code point one character to strip) at
// either end. Works on whole characters: "„" is not cut because "–" shares its first bytes.
std::string_view TrimCharacters(std::string_view utf8, std::string_view characters);

// Byte offset of the first ill-formed UTF-8 sequence, or nullopt when the text is valid UTF-8.
std::optional<size_t> FindInvalidUtf8(std::string_view bytes);

// UTF-8 with every ill-formed sequence replaced by U+FFFD.
std::string ReplaceInvalidUtf8(std::string_view bytes);

// UTF-16 (little or big endian, no BOM in `bytes`) to UTF-8. Fails on unpaired surrogates.
StatusOr<std::string> Utf16ToUtf8(std::string_view bytes, bool big_endian);

// How much a text looks like Vietnamese: counts words that are well-formed Vietnamese syllables,
// and "suspicious" words holding characters that real Vietnamese text does not contain inside a
// word (Latin-1 symbols such as µ · ¸, letters outside the Vietnamese alphabet such as ö ñ ä).
// Legacy-font mojibake scores low on the first and high on the second.
struct TextQuality {
  int words = 0;
  int valid_syllables = 0;
  int suspicious_words = 0;
  int vietnamese_marked = 0;  // words with at least one Vietnamese diacritic letter
  double ValidRatio() const { return words ? double(valid_syllables) / words : 0.0; }
  double SuspiciousRatio() const { return words ? double(suspicious_words) / words : 0.0; }
};
TextQuality MeasureVietnameseQuality(std::string_view utf8);

// Cheap test that must pass before the costly ones below: mojibake always holds Latin-1 symbols or
// letters outside the Vietnamese alphabet (µ · ¸ ö ñ Ü ...); real Vietnamese text rarely does.
bool MayBeLegacyMojibake(std::string_view utf8);

// If `utf8` reads as TCVN3 or VNI mojibake (legacy-font bytes shown as Latin-1/Windows-1252
// characters), returns the encoding whose decoding turns it into clearly better Vietnamese.
std::optional<LegacyEncoding> DetectLegacyMojibake(std::string_view utf8);

}  // namespace vanban

#endif  // VANBAN_TEXT_H_
