// Vietnamese letters and syllables: the orthography rules vanban relies on to tell real Vietnamese
// from mojibake, to match words whatever their tone-mark placement, and to flag OCR junk.
//
// Everything works on code points of NFC text; callers decode UTF-8 (and normalize) first. A
// syllable is one space-separated word of letters; punctuation and digits are the caller's job.
//
// Thread-safety: pure functions over constant tables; safe to call from any thread.
#ifndef VANBAN_VIETNAMESE_H_
#define VANBAN_VIETNAMESE_H_

#include <optional>
#include <string>
#include <string_view>

namespace vanban::vi {

// The five marked tones and the unmarked one: huyền sắc hỏi ngã nặng.
enum class Tone { kNone, kGrave, kAcute, kHook, kTilde, kDot };

// A letter without its tone mark. `base` keeps the shape marks (ă â ê ô ơ ư đ) and the case.
struct SplitLetter {
  char32_t base;
  Tone tone;
};

// Splits any letter of the Vietnamese alphabet, and any plain ASCII letter (f j w z included),
// into base and tone: U'Ậ' -> {U'Â', kDot}. nullopt for everything else, including look-alikes
// such as U+00D0 'Ð' (Icelandic eth, not đ) and letters of other Latin alphabets (ñ ö ç).
std::optional<SplitLetter> SplitTone(char32_t c);

// The inverse of SplitTone: (U'ư', kHook) -> U'ử'. `base` must be untoned. Returns 0 when the
// combination is not a letter (a tone on a consonant, a tone on an already toned vowel).
char32_t ComposeTone(char32_t base, Tone tone);

// a-z, đ, ă â ê ô ơ ư and every toned vowel, in both cases.
bool IsVietnameseLetter(char32_t c);

// A letter of the alphabet above that is not ASCII (it carries a tone or a shape mark, or is đ).
bool HasVietnameseMarks(char32_t c);

// Lowercase of a Vietnamese letter, tone and shape marks kept (U'Ữ' -> U'ữ'). Other code points
// are returned unchanged.
char32_t ToLowerLetter(char32_t c);

// True if `word` (letters only, any case, NFC) is a well-formed Vietnamese syllable:
// initial? + vowel cluster (medial o/u, nucleus, closing semivowel i y o u) + final consonant?,
// following the spelling rules (k/gh/ngh before e ê i, c/g/ng elsewhere, q always as qu, gi),
// with at most one tone mark placed on the nucleus (or where the classic rule puts it, so both
// "hòa" and "hoà" pass), and only sắc or nặng before the stop finals p t c ch. A syllable with a
// stop final and no tone mark ("viet", "tap") is therefore rejected: Vietnamese has none, and
// such tokens come from stripped diacritics, mojibake or foreign words.
bool IsValidSyllable(std::u32string_view word);

// The same syllable with its tone mark on the vowel the classic ("old style") rule chooses, so
// "hoà"/"hòa", "thuý"/"thúy", "khoẻ"/"khỏe" and "ngừơi"/"người" give one key:
//   - a nucleus with a shape-mark vowel takes the tone there (ươ on ơ, uô on ô, iê/yê on ê);
//   - otherwise closed syllables take it on the last vowel (hoàng, toán, quyết, thuận);
//   - open syllables on the second-to-last vowel, or the only one (hòa, khỏe, thúy, tài, mía,
//     ngoài, quý);
//   - the "gi" and "qu" initials are not vowels (già, giữ, quà).
// The case of each letter is kept. Words that are not valid syllables are returned unchanged.
std::u32string CanonicalTonePlacement(std::u32string_view word);

}  // namespace vanban::vi

#endif  // VANBAN_VIETNAMESE_H_
