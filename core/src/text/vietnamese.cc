// Vietnamese orthography: letter tables and a syllable parser.
//
// A syllable is parsed on a lowercase, tone-stripped copy as
//   initial + vowel cluster + final consonant,
// where the vowel cluster (medial o/u, nucleus, closing semivowel) is looked up whole in a table of
// rhymes. Looking clusters up whole, rather than composing medial x nucleus x semivowel, keeps the
// many gaps of the real system (no "oau", no "yu", "ă" never open...) out of the code.
#include "vanban/vietnamese.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace vanban::vi {
namespace {

constexpr int kVowelCount = 12;
constexpr int kToneCount = 6;

// Row r holds vowel r with the tones in enum order, so column 0 is the base and the column of a
// toned letter is its tone.
constexpr std::u32string_view kLowerVowels[kVowelCount] = {
    U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
    U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ",
};
constexpr std::u32string_view kUpperVowels[kVowelCount] = {
    U"AÀÁẢÃẠ", U"ĂẰẮẲẴẶ", U"ÂẦẤẨẪẬ", U"EÈÉẺẼẸ", U"ÊỀẾỂỄỆ", U"IÌÍỈĨỊ",
    U"OÒÓỎÕỌ", U"ÔỒỐỔỖỘ", U"ƠỜỚỞỠỢ", U"UÙÚỦŨỤ", U"ƯỪỨỬỮỰ", U"YỲÝỶỸỴ",
};
constexpr char32_t kLowerDd = U'đ';
constexpr char32_t kUpperDd = U'Đ';

static_assert(std::ranges::all_of(kLowerVowels, [](auto row) { return row.size() == kToneCount; }));
static_assert(std::ranges::all_of(kUpperVowels, [](auto row) { return row.size() == kToneCount; }));

struct VowelEntry {
  char32_t code;
  uint8_t row;
  Tone tone;
  bool upper;
};

// The vowel tables inverted and sorted by code point, so a letter is found by binary search.
constexpr auto kVowelIndex = [] {
  std::array<VowelEntry, 2 * kVowelCount * kToneCount> index{};
  size_t n = 0;
  for (int r = 0; r < kVowelCount; ++r) {
    for (int t = 0; t < kToneCount; ++t) {
      index[n++] = {kLowerVowels[r][t], static_cast<uint8_t>(r), static_cast<Tone>(t), false};
      index[n++] = {kUpperVowels[r][t], static_cast<uint8_t>(r), static_cast<Tone>(t), true};
    }
  }
  std::ranges::sort(index, {}, &VowelEntry::code);
  return index;
}();
// A typo in the tables above would show up as a duplicate.
static_assert(std::ranges::adjacent_find(kVowelIndex, {}, &VowelEntry::code) == kVowelIndex.end());

const VowelEntry* FindVowel(char32_t c) {
  const auto it = std::ranges::lower_bound(kVowelIndex, c, {}, &VowelEntry::code);
  return it != kVowelIndex.end() && it->code == c ? &*it : nullptr;
}

// Everything the parser needs to know about one letter.
struct Letter {
  char32_t base;        // tone removed, case kept
  char32_t lower_base;  // tone removed, lowercase
  Tone tone;
  int row;              // index into the vowel tables, -1 for consonants
};

std::optional<Letter> Decompose(char32_t c) {
  if (const VowelEntry* v = FindVowel(c)) {
    const char32_t lower = kLowerVowels[v->row][0];
    return Letter{v->upper ? kUpperVowels[v->row][0] : lower, lower, v->tone, v->row};
  }
  if (c >= U'a' && c <= U'z') return Letter{c, c, Tone::kNone, -1};
  if (c >= U'A' && c <= U'Z') return Letter{c, c - U'A' + U'a', Tone::kNone, -1};
  if (c == kLowerDd || c == kUpperDd) return Letter{c, kLowerDd, Tone::kNone, -1};
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Syllable structure.

constexpr std::u32string_view kVowelBases = U"aăâeêioôơuưy";
constexpr std::u32string_view kShapeMarkVowels = U"ăâêôơư";

bool IsVowelBase(char32_t c) { return kVowelBases.find(c) != std::u32string_view::npos; }

// Longest first, so the first prefix that matches is the initial.
constexpr std::u32string_view kInitials[] = {
    U"ngh", U"ch", U"gh", U"gi", U"kh", U"ng", U"nh", U"ph", U"qu", U"th", U"tr", U"b", U"c", U"d",
    U"đ",   U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v", U"x",
};

// Classes of finals, as bits: which of them a rhyme accepts is a mask of these.
enum FinalClass : uint8_t {
  kOpen = 1,     // no final consonant (a closing semivowel is part of the rhyme)
  kPlain = 2,    // m n p t, after any closed rhyme
  kVelar = 4,    // ng c: after back and central vowels (ang, ông, iêng) but not a lone ê or i
  kPalatal = 8,  // nh ch: only after a ê i y (anh, ênh, inh, oach, uynh)
};
constexpr uint8_t kClosedVelar = kPlain | kVelar;
constexpr uint8_t kClosedPalatal = kPlain | kPalatal;
constexpr uint8_t kAnyFinal = kOpen | kPlain | kVelar | kPalatal;

struct Final {
  std::u32string_view text;
  uint8_t final_class;
  bool stop;  // p t c ch: the syllable can only carry sắc or nặng
};
constexpr Final kFinals[] = {
    {U"", kOpen, false},    {U"m", kPlain, false},  {U"n", kPlain, false},   {U"p", kPlain, true},
    {U"t", kPlain, true},   {U"ng", kVelar, false}, {U"c", kVelar, true},    {U"nh", kPalatal, false},
    {U"ch", kPalatal, true},
};

// Which initials a rhyme admits: "iê" is spelled "yê" when nothing precedes it (yên, tiên).
enum class Onset : uint8_t { kAny, kConsonant, kNone };

// A vowel cluster. The bracketed part of `pattern` is the nucleus, letters outside it are the
// medial (o[a]) or the closing semivowel ([a]i). The tone belongs on the nucleus.
struct Rhyme {
  std::u32string_view pattern;
  uint8_t finals;
  Onset onset = Onset::kAny;
};

constexpr Rhyme kRhymes[] = {
    // Single vowels. ă and â never end a syllable; y only ends one.
    {U"[a]", kAnyFinal}, {U"[ă]", kClosedVelar}, {U"[â]", kClosedVelar}, {U"[e]", kOpen | kClosedVelar},
    {U"[ê]", kOpen | kClosedPalatal}, {U"[i]", kOpen | kClosedPalatal}, {U"[o]", kOpen | kClosedVelar},
    {U"[ô]", kOpen | kClosedVelar}, {U"[ơ]", kOpen | kPlain}, {U"[u]", kOpen | kClosedVelar},
    {U"[ư]", kOpen | kClosedVelar}, {U"[y]", kOpen},
    // Diphthongs: the open form is written ia ua ưa, the closed one iê uô ươ.
    {U"[ia]", kOpen}, {U"[ua]", kOpen}, {U"[ưa]", kOpen},
    {U"[iê]", kClosedVelar, Onset::kConsonant}, {U"[yê]", kClosedVelar, Onset::kNone},
    {U"[uô]", kClosedVelar}, {U"[ươ]", kClosedVelar}, {U"[oo]", kClosedVelar},
    // Medial o/u + nucleus.
    {U"o[a]", kAnyFinal}, {U"o[ă]", kClosedVelar}, {U"o[e]", kOpen | kClosedVelar},
    {U"u[â]", kClosedVelar}, {U"u[ê]", kOpen | kClosedPalatal}, {U"u[y]", kOpen | kClosedPalatal},
    {U"u[ơ]", kOpen}, {U"u[yê]", kClosedVelar}, {U"u[ya]", kOpen},
    // Closing semivowels.
    {U"[a]i", kOpen}, {U"[a]o", kOpen}, {U"[a]u", kOpen}, {U"[a]y", kOpen}, {U"[â]u", kOpen},
    {U"[â]y", kOpen}, {U"[e]o", kOpen}, {U"[ê]u", kOpen}, {U"[i]u", kOpen}, {U"[o]i", kOpen},
    {U"[ô]i", kOpen}, {U"[ơ]i", kOpen}, {U"[u]i", kOpen}, {U"[ư]i", kOpen}, {U"[ư]u", kOpen},
    {U"[iê]u", kOpen, Onset::kConsonant}, {U"[yê]u", kOpen, Onset::kNone}, {U"[uô]i", kOpen},
    {U"[ươ]i", kOpen}, {U"[ươ]u", kOpen}, {U"o[a]i", kOpen}, {U"o[a]y", kOpen}, {U"o[e]o", kOpen},
    {U"u[â]y", kOpen}, {U"u[y]u", kOpen},
};

// After "qu" the u is the medial, so the cluster is what follows it (quà, quý, quyết, quốc).
constexpr Rhyme kQuRhymes[] = {
    {U"[a]", kAnyFinal}, {U"[ă]", kClosedVelar}, {U"[â]", kClosedVelar}, {U"[e]", kOpen | kClosedVelar},
    {U"[ê]", kOpen | kClosedPalatal}, {U"[i]", kOpen}, {U"[y]", kOpen | kClosedPalatal},
    {U"[ơ]", kOpen}, {U"[ô]", kClosedVelar}, {U"[yê]", kClosedVelar}, {U"[a]i", kOpen},
    {U"[a]o", kOpen}, {U"[a]y", kOpen}, {U"[â]y", kOpen}, {U"[e]o", kOpen},
};

// The c/k, g/gh and ng/ngh pairs are one sound each, spelled by the vowel that follows.
struct SpellingRule {
  std::u32string_view initial;
  std::u32string_view vowels;
  bool vowels_required;  // true: only before `vowels`; false: never before them
};
constexpr SpellingRule kSpellingRules[] = {
    {U"k", U"eêiy", true},  {U"gh", U"eêi", true},  {U"ngh", U"eêi", true},
    {U"c", U"eêiy", false}, {U"g", U"eêiy", false}, {U"ng", U"eêiy", false},
};

// Matches `key` against a rhyme pattern and reports where its nucleus lies in `key`.
bool MatchRhyme(std::u32string_view pattern, std::u32string_view key, size_t* nucleus_begin,
                size_t* nucleus_end) {
  size_t k = 0;
  for (char32_t p : pattern) {
    if (p == U'[') {
      *nucleus_begin = k;
    } else if (p == U']') {
      *nucleus_end = k;
    } else if (k < key.size() && key[k] == p) {
      ++k;
    } else {
      return false;
    }
  }
  return k == key.size();
}

// Index in a vowel cluster of the vowel the classic rule puts the tone on.
size_t ClassicTonePosition(std::u32string_view cluster, bool closed) {
  const size_t marked = cluster.find_last_of(kShapeMarkVowels);
  if (marked != std::u32string_view::npos) return marked;
  if (closed || cluster.size() == 1) return cluster.size() - 1;
  return cluster.size() - 2;
}

// No Vietnamese syllable is longer than "nghiêng"; a fixed buffer keeps the parser allocation-free.
constexpr size_t kMaxSyllableLetters = 7;

struct Syllable {
  size_t cluster_begin = 0;  // word index of the cluster's first letter
  size_t cluster_end = 0;
  size_t tone_at = 0;        // word index of the toned letter, when tone != kNone
  Tone tone = Tone::kNone;
  size_t classic_at = 0;     // word index where the classic rule puts the tone
};

std::optional<Syllable> ParseSyllable(std::u32string_view word) {
  if (word.empty() || word.size() > kMaxSyllableLetters) return std::nullopt;
  Syllable syllable;
  std::array<char32_t, kMaxSyllableLetters + 1> buffer{};
  for (size_t i = 0; i < word.size(); ++i) {
    const std::optional<Letter> letter = Decompose(word[i]);
    if (!letter) return std::nullopt;
    if (letter->tone != Tone::kNone) {
      if (syllable.tone != Tone::kNone) return std::nullopt;
      syllable.tone = letter->tone;
      syllable.tone_at = i;
    }
    buffer[i] = letter->lower_base;
  }
  const std::u32string_view s(buffer.data(), word.size());

  std::u32string_view initial;
  for (std::u32string_view candidate : kInitials) {
    if (s.starts_with(candidate)) {
      initial = candidate;
      break;
    }
  }
  // Before a consonant or at the end, the i of "gi" is the vowel itself (gì, gìn), not part of
  // the initial.
  const bool gi_is_vowel = initial == U"gi" && (s.size() == 2 || !IsVowelBase(s[2]));
  if (gi_is_vowel) initial = U"g";

  syllable.cluster_begin = initial.size();
  syllable.cluster_end = syllable.cluster_begin;
  while (syllable.cluster_end < s.size() && IsVowelBase(s[syllable.cluster_end])) ++syllable.cluster_end;
  const std::u32string_view cluster = s.substr(syllable.cluster_begin, syllable.cluster_end - syllable.cluster_begin);
  if (cluster.empty()) return std::nullopt;

  const Final* final = nullptr;
  const std::u32string_view final_text = s.substr(syllable.cluster_end);
  for (const Final& f : kFinals) {
    if (f.text == final_text) final = &f;
  }
  if (final == nullptr) return std::nullopt;

  // "gi" swallows the i of iê: giếng is gi + iêng. The rhyme key gets the i back.
  std::u32string_view key = cluster;
  std::array<char32_t, kMaxSyllableLetters + 1> key_buffer{};
  size_t restored = 0;
  if (initial == U"gi") {
    if (cluster.front() == U'i' || cluster.front() == U'y') return std::nullopt;
    if (cluster.front() == U'ê') {
      key_buffer[0] = U'i';
      std::ranges::copy(cluster, key_buffer.begin() + 1);
      restored = 1;
      key = std::u32string_view(key_buffer.data(), cluster.size() + 1);
    }
  }

  const bool after_qu = initial == U"qu";
  const auto rhymes = after_qu ? std::span<const Rhyme>(kQuRhymes) : std::span<const Rhyme>(kRhymes);
  size_t nucleus_begin = 0, nucleus_end = 0;
  const auto rhyme = std::ranges::find_if(
      rhymes, [&](const Rhyme& r) { return MatchRhyme(r.pattern, key, &nucleus_begin, &nucleus_end); });
  if (rhyme == rhymes.end()) return std::nullopt;
  if ((rhyme->finals & final->final_class) == 0) return std::nullopt;
  if (rhyme->onset == Onset::kConsonant && initial.empty()) return std::nullopt;
  if (rhyme->onset == Onset::kNone && !initial.empty()) return std::nullopt;

  if (!gi_is_vowel) {
    for (const SpellingRule& rule : kSpellingRules) {
      const bool listed = rule.vowels.find(cluster.front()) != std::u32string_view::npos;
      if (rule.initial == initial && listed != rule.vowels_required) return std::nullopt;
    }
  }
  // The medial after a k sound is always spelled with q: qua, never coa.
  if (initial == U"c" && nucleus_begin > 0) return std::nullopt;

  const size_t classic = ClassicTonePosition(key, final->final_class != kOpen);
  if (classic < restored) return std::nullopt;
  syllable.classic_at = syllable.cluster_begin + classic - restored;

  if (syllable.tone != Tone::kNone) {
    if (syllable.tone_at < syllable.cluster_begin || syllable.tone_at >= syllable.cluster_end) return std::nullopt;
    const size_t at = syllable.tone_at - syllable.cluster_begin + restored;
    const bool on_nucleus = at >= nucleus_begin && at < nucleus_end;
    if (!on_nucleus && syllable.tone_at != syllable.classic_at) return std::nullopt;
  }
  if (final->stop && syllable.tone != Tone::kAcute && syllable.tone != Tone::kDot) return std::nullopt;
  return syllable;
}

}  // namespace

std::optional<SplitLetter> SplitTone(char32_t c) {
  const std::optional<Letter> letter = Decompose(c);
  if (!letter) return std::nullopt;
  return SplitLetter{letter->base, letter->tone};
}

char32_t ComposeTone(char32_t base, Tone tone) {
  const std::optional<Letter> letter = Decompose(base);
  if (!letter || letter->tone != Tone::kNone) return 0;
  if (tone == Tone::kNone) return base;
  if (letter->row < 0) return 0;
  const bool upper = letter->base != letter->lower_base;
  return (upper ? kUpperVowels : kLowerVowels)[letter->row][static_cast<size_t>(tone)];
}

bool IsVietnameseLetter(char32_t c) { return Decompose(c).has_value(); }

bool HasVietnameseMarks(char32_t c) { return c > 0x7F && IsVietnameseLetter(c); }

char32_t ToLowerLetter(char32_t c) {
  const std::optional<Letter> letter = Decompose(c);
  if (!letter) return c;
  return letter->tone == Tone::kNone ? letter->lower_base : ComposeTone(letter->lower_base, letter->tone);
}

bool IsValidSyllable(std::u32string_view word) { return ParseSyllable(word).has_value(); }

std::u32string CanonicalTonePlacement(std::u32string_view word) {
  std::u32string result(word);
  const std::optional<Syllable> syllable = ParseSyllable(word);
  if (!syllable || syllable->tone == Tone::kNone || syllable->tone_at == syllable->classic_at) return result;
  // Both letters are known to be Vietnamese letters, so Decompose and ComposeTone cannot fail.
  result[syllable->tone_at] = Decompose(word[syllable->tone_at])->base;
  result[syllable->classic_at] = ComposeTone(Decompose(word[syllable->classic_at])->base, syllable->tone);
  return result;
}

}  // namespace vanban::vi
