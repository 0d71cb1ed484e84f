// The OCR post-correction's internals (ocr_correct*.cc): its tuning, the letter, number and code
// helpers, and one Correct call, OcrCorrector::Pass, whose steps live in three files:
//   ocr_correct_segment.cc  clusters, chunks and pieces; the eth fix; the corrected text and spans
//   ocr_correct_shapes.cc   numbers, dates and document symbols ("1O/O3/2O24", "QD-UBND")
//   ocr_correct_words.cc    the noisy channel for invalid syllables, case, and bigram context
#ifndef VANBAN_CORE_SRC_OCR_OCR_CORRECT_INTERNAL_H_
#define VANBAN_CORE_SRC_OCR_OCR_CORRECT_INTERNAL_H_

#include "vanban/ocr_correct.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "vanban/grammar.h"
#include "vanban/internal/utf8.h"
#include "vanban/text.h"
#include "vanban/vietnamese.h"

namespace vanban::ocr_correct {

using internal::FromU32;
using internal::ToU32;

using internal::FromU32;
using internal::ToU32;

// ---------------------------------------------------------------------------------------------
// Tuning. Every threshold is a ratio of likelihoods or of counts. Measured on the held-out corpus
// documents (unseen by the lexicon) and on 265k words of Debian's Vietnamese UI translations.

// Dirichlet prior mass of the unigram distribution in P(b | a).
constexpr double kSmoothing = 20.0;
// Channel: each unit of edit cost (one tone or shape mark, one confusable letter) makes the
// reading this many times less likely.
constexpr double kCostFactor = 10.0;
// Pass 1: the best candidate must beat the second by this likelihood ratio...
constexpr double kInvalidMargin = 4.0;
// ...and, without bigram evidence, by this one (only for words with Vietnamese marks).
constexpr double kInvalidFrequencyMargin = 30.0;
// Pass 2: a side supports the variant when the variant's pair is attested and the printed pair
// is not, or is kSideFactor times rarer (counted +1); a printed pair that is not beaten so stops
// the change. Support on both sides must add up to kMinSupport, and the change must raise the
// bigram likelihood of the three words by kContextRatio.
constexpr double kMinSupport = 3;
constexpr double kSideFactor = 4.0;
constexpr double kContextRatio = 20.0;
// Pass 2 with evidence on one side only (the other neutral or absent) needs a variant that
// differs by one mark, a printed pair never seen (count 0), at least this bigram count, and a
// likelihood ratio kOneSidedFactor times higher. One admin phrase (weight 5) is not enough alone.
constexpr double kOneSidedMinSupport = 10;
constexpr double kOneSidedFactor = 2.0;
// ...and a neighbour that calls for the variant: P(variant | left word), or P(variant before |
// right word), at least this. Collocations pass ("bình" -> "đẳng", "giới" <- "đẳng"); function
// words do not ("các" -> "cơ" would turn every "các cờ" into "các cơ").
constexpr double kOneSidedSpecificity = 0.2;
// Words longer than this cannot be a syllable (nghiêng has 7 letters) even after one deletion.
constexpr size_t kMaxWordLetters = 8;

// ---------------------------------------------------------------------------------------------
// Letters.

inline bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

inline char32_t Lower(char32_t c) {
  if (vi::IsVietnameseLetter(c)) return vi::ToLowerLetter(c);
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

inline char32_t Upper(char32_t c) { return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))); }

inline bool IsUpper(char32_t c) { return u_isupper(static_cast<UChar32>(c)) != 0; }

// The letter without its tone, lower case, shape marks kept (ắ -> ă). 0 for non-letters.
inline char32_t ShapeBase(char32_t c) {
  const std::optional<vi::SplitLetter> split = vi::SplitTone(c);
  return split ? vi::ToLowerLetter(split->base) : 0;
}

inline vi::Tone ToneOf(char32_t c) {
  const std::optional<vi::SplitLetter> split = vi::SplitTone(c);
  return split ? split->tone : vi::Tone::kNone;
}

// The ASCII letter under all marks (ẳ -> a, đ -> d). 0 for letters outside the alphabet.
inline char FoldLetter(char32_t c) {
  switch (const char32_t b = ShapeBase(c)) {
    case 0: return 0;
    case U'ă': case U'â': return 'a';
    case U'ê': return 'e';
    case U'ô': case U'ơ': return 'o';
    case U'ư': return 'u';
    case U'đ': return 'd';
    default: return b < 0x80 ? static_cast<char>(b) : 0;
  }
}

inline std::string Fold(std::u32string_view lower) {
  std::string out;
  for (char32_t c : lower) out.push_back(FoldLetter(c));
  return out;
}

inline bool HasToneMark(std::u32string_view word) {
  return std::ranges::any_of(word, [](char32_t c) { return ToneOf(c) != vi::Tone::kNone; });
}

// Tone and shape marks that differ between a printed word and a candidate (both lower case).
// Letters at positions where the plain letters differ (an edited letter) are not compared.
inline double MarkCost(std::u32string_view printed, std::u32string_view candidate) {
  std::array<int, 6> printed_tones{};
  int marked = 0;
  for (char32_t c : printed) {
    const vi::Tone t = ToneOf(c);
    if (t != vi::Tone::kNone) {
      ++printed_tones[static_cast<size_t>(t)];
      ++marked;
    }
  }
  vi::Tone candidate_tone = vi::Tone::kNone;
  for (char32_t c : candidate) {
    if (ToneOf(c) != vi::Tone::kNone) candidate_tone = ToneOf(c);
  }
  double cost = 0;
  if (marked == 0) {
    cost += candidate_tone != vi::Tone::kNone ? 1 : 0;
  } else {
    // One of the printed tones kept (the others dropped), or each of them changed or dropped.
    const bool kept = candidate_tone != vi::Tone::kNone && printed_tones[static_cast<size_t>(candidate_tone)] > 0;
    cost += kept ? marked - 1 : marked;
  }
  if (printed.size() == candidate.size()) {
    for (size_t i = 0; i < printed.size(); ++i) {
      if (FoldLetter(printed[i]) == FoldLetter(candidate[i]) && ShapeBase(printed[i]) != ShapeBase(candidate[i])) {
        cost += 1;
      }
    }
  }
  return cost;
}

// The measured error of Tesseract's fast "vie" model: the hook above of ẳ ẩ ổ (and the others)
// printed as acute, grave or nothing ("đẳng" as "đắng", "đằng", "đăng"). Such a change needs
// half the evidence.
inline bool IsHookConfusion(std::u32string_view printed, std::u32string_view candidate) {
  if (printed.size() != candidate.size()) return false;
  bool hook = false;
  for (size_t i = 0; i < printed.size(); ++i) {
    if (printed[i] == candidate[i]) continue;
    if (ShapeBase(printed[i]) != ShapeBase(candidate[i])) return false;
    const vi::Tone p = ToneOf(printed[i]), c = ToneOf(candidate[i]);
    if (c != vi::Tone::kHook) return false;
    if (p != vi::Tone::kAcute && p != vi::Tone::kGrave && p != vi::Tone::kNone) return false;
    hook = true;
  }
  return hook;
}

enum class CasePattern { kLower, kTitle, kUpper, kMixed };

inline CasePattern CaseOf(std::u32string_view word) {
  size_t upper = 0;
  for (char32_t c : word) upper += IsUpper(c) ? 1 : 0;
  if (upper == 0) return CasePattern::kLower;
  if (upper == word.size()) return word.size() == 1 ? CasePattern::kTitle : CasePattern::kUpper;
  if (upper == 1 && IsUpper(word[0])) return CasePattern::kTitle;
  return CasePattern::kMixed;
}

inline std::u32string ApplyCase(std::u32string word, CasePattern pattern) {
  if (pattern == CasePattern::kUpper) {
    for (char32_t& c : word) c = Upper(c);
  } else if (pattern == CasePattern::kTitle && !word.empty()) {
    word[0] = Upper(word[0]);
  }
  return word;
}

// ---------------------------------------------------------------------------------------------
// Numbers, dates and symbols.

// The digit a letter stands for in a number: O o -> 0, l I -> 1, S -> 5. 0 otherwise.
inline char32_t DigitFor(char32_t c) {
  switch (c) {
    case U'O': case U'o': return U'0';
    case U'l': case U'I': return U'1';
    case U'S': return U'5';
    default: return 0;
  }
}

struct NumberShape {
  bool ok = false;    // only digits and confusable letters, at least one real digit
  int confusable = 0;
};

inline NumberShape ShapeOfNumber(std::u32string_view s) {
  NumberShape shape;
  int digits = 0;
  for (char32_t c : s) {
    if (IsAsciiDigit(c)) {
      ++digits;
    } else if (DigitFor(c) != 0) {
      ++shape.confusable;
    } else {
      return shape;
    }
  }
  shape.ok = digits > 0;
  return shape;
}

inline std::u32string MapDigits(std::u32string_view s) {
  std::u32string out(s);
  for (char32_t& c : out) {
    if (DigitFor(c) != 0) c = DigitFor(c);
  }
  return out;
}

inline int NumberValue(std::u32string_view digits) {
  int v = 0;
  for (char32_t c : digits) v = v * 10 + static_cast<int>(c - U'0');
  return v;
}

// Codes of document symbols (Nghị định 30/2020, Phụ lục III; common issuers and units). A code
// printed with D where these have Đ, or the reverse, is corrected when exactly one flip gives a
// listed code and the printed code is not itself listed (HD hướng dẫn and HĐ hợp đồng both are).
// Types come from the grammar (vanban/grammar.h); these are the issuers and units.
constexpr std::u32string_view kIssuerCodes[] = {
    U"UBND", U"HĐND", U"CP", U"TTg", U"QH", U"TW", U"TU", U"HU", U"ĐU", U"VPCP", U"BCT", U"BTC",
    U"BNV", U"BYT", U"BCA", U"BQP", U"BTP", U"BXD", U"BNG", U"BKHĐT", U"BGDĐT", U"BLĐTBXH",
    U"BTTTT", U"BTNMT", U"BVHTTDL", U"BKHCN", U"BGTVT", U"BNNPTNT", U"NHNN", U"TTCP", U"KTNN",
    U"MTTQ", U"SGDĐT", U"SLĐTBXH", U"SKHĐT", U"SNV", U"STC", U"SYT", U"STP", U"SXD", U"SNN",
    U"SNNPTNT", U"STNMT", U"STTTT", U"SVHTTDL", U"SKHCN", U"SGTVT", U"SCT", U"PGDĐT", U"PLĐTBXH",
    U"GDĐT", U"GD&ĐT", U"LĐTBXH", U"LĐTB&XH", U"LĐ", U"TBXH", U"TB&XH", U"BCĐ", U"BCH", U"VP",
    U"VX", U"KT", U"KTN", U"XH", U"NC", U"TH", U"KGVX", U"GDTrH", U"CTTN&BĐG", U"TEBĐG", U"HLHPN",
    U"LĐLĐ", U"ĐTN",
};

inline bool IsKnownCode(std::u32string_view code) {
  static const std::vector<std::u32string> kTypes = [] {
    std::vector<std::u32string> types;
    for (std::string_view c : TypeCodes()) types.push_back(internal::ToU32(c));
    return types;
  }();
  return std::ranges::find(kIssuerCodes, code) != std::end(kIssuerCodes) ||
         std::ranges::find(kTypes, code) != kTypes.end();
}

inline size_t LetterCount(std::u32string_view code) {
  return static_cast<size_t>(std::ranges::count_if(code, [](char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }));
}

// The listed code one D<->Đ flip away from `code`, if exactly one exists and `code` is unlisted.
inline std::optional<std::u32string> FlipToKnownCode(std::u32string_view code) {
  if (IsKnownCode(code)) return std::nullopt;
  std::optional<std::u32string> found;
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] != U'D' && code[i] != U'Đ') continue;
    std::u32string flipped(code);
    flipped[i] = code[i] == U'D' ? U'Đ' : U'D';
    if (!IsKnownCode(flipped)) continue;
    if (found && *found != flipped) return std::nullopt;
    found = std::move(flipped);
  }
  return found;
}

// A code: capitals with maybe lower-case letters and digits ("UBND", "CTrTT", "QH15", "VP3"), and
// not a number with letters for digits ("2O3O").
inline bool IsCodeShaped(std::u32string_view s) {
  if (ShapeOfNumber(s).ok) return false;
  size_t upper = 0;
  for (char32_t c : s) {
    if (IsUpper(c)) {
      ++upper;
    } else if (!IsAsciiDigit(c) && u_isalpha(static_cast<UChar32>(c)) == 0 && c != U'&') {
      return false;
    }
  }
  return upper >= 2 || (upper == 1 && s.size() == 1);
}

inline double Log(double x) { return std::log(x); }

}  // namespace vanban::ocr_correct

namespace vanban {

class OcrCorrector::Pass {
 public:
  Pass(const OcrCorrector& lexicon, std::string_view input, const OcrWordConfidence* confidence)
      : lexicon_(lexicon), input_(input), confidence_(confidence) {}

  std::string Run(std::vector<OcrCorrection>* corrections);

 private:
  struct Cluster {
    size_t begin = 0, end = 0;  // input bytes
    std::string text;           // NFC of the input bytes (the raw bytes when ill-formed)
    char32_t ch = 0;            // the single code point of `text`, 0 if several or ill-formed
    bool space = false;
    bool ill_formed = false;    // an invalid UTF-8 sequence, copied through
  };
  enum class PieceKind { kWord, kNumber, kOther };  // letters; letters and digits; the rest
  struct Piece {
    PieceKind kind = PieceKind::kOther;
    size_t first = 0, last = 0;  // clusters [first, last)
    size_t chunk = 0;
    std::u32string original;     // NFC code points as printed (0xFFFD for odd clusters)
    std::u32string text;         // after the corrections so far
    std::vector<std::string> reasons;
    float confidence = 1;
  };
  enum class ChunkKind { kText, kShape, kFrozen };
  struct Chunk {
    size_t first_piece = 0, last_piece = 0;  // [first, last)
    size_t begin = 0;                        // input byte of its first cluster
    ChunkKind kind = ChunkKind::kText;
  };

  // ----- Segmentation.

  void Segment();

  bool IsAlnum(size_t cluster) const;

  std::u32string ChunkText(size_t k) const;

  // E-mails and URLs are frozen; chunks with digits, and capital code chunks, are shapes.
  void ClassifyChunk(size_t k);

  // ----- Eth.

  void ApplyEth(Piece& piece);

  // ----- Shapes.

  // Alphanumeric pieces joined by '&' form one code unit ("GD&ĐT").
  struct CodeUnit {
    std::vector<size_t> pieces;
    std::u32string text;
  };

  // The code units of a chunk's core (leading and trailing punctuation removed), when the core is
  // alphanumeric pieces separated by single '-', '/' or '&'. Empty otherwise.
  // `from` (a piece index) skips the start of the chunk.
  std::vector<CodeUnit> CodeUnits(size_t k, size_t from = 0) const;

  // The alphanumeric and separator pieces of a chunk without its outer punctuation.
  std::pair<size_t, size_t> Core(size_t k) const;

  void SetText(size_t p, std::u32string text, const char* reason, float confidence);

  void CorrectShapes(size_t k);

  // "1O/O3/2O24", "15/O5/2024", "tháng O6/2024": every part a number with a real digit, the
  // result a real date.
  bool CorrectDate(size_t k);

  // "ngày 1O", "tháng O3", "năm 2O24", "số l2", "Điều 1O": a number right after its keyword.
  bool CorrectKeywordNumber(size_t k);

  // "<n>/<codes>", "<n>/<year>/<codes>", "<n>-<TYPE>/<issuer>".
  bool CorrectSymbol(size_t k);

  // A chunk of codes only ("QD-UBND", "GD&DT", "/SGDDT-CTrTT").
  void CorrectCodeChunk(size_t k);

  // D<->Đ against the code list; 0 and 1 between capitals are O and I.
  void CorrectCodeUnit(const CodeUnit& unit, bool symbol_context);

  // ----- Words.

  // A word piece standing alone in its chunk (only punctuation around it), outside shapes.
  bool IsFreeWord(size_t p) const;

  // The neighbour word whose syllable gives context: the adjacent piece, if it is a free word
  // and a syllable of the lexicon. Punctuation between the two (a separate piece) breaks the
  // context. kAbsent otherwise.
  Id NeighbourId(size_t p, int direction, const std::vector<std::u32string>* snapshot) const;

  // Multiplier on the evidence a change needs, from the OCR's confidence in the word.
  double EvidenceFactor(size_t p) const;

  struct Candidate {
    Id id = kUnknown;
    double cost = 0;
    bool indel = false;
    double score = 0;
  };

  // Bigram language-model score of `id` between the neighbours (kAbsent: none).
  double LmScore(Id prev, Id id, Id next) const;

  void CorrectInvalidWord(size_t p);

  // OCR reads some marked letters in the wrong case ("gÓp", "thÀnh"): a capital with a mark
  // inside a lower-case word. Acronyms (CTr, TTg, GDTrH) have plain capitals and stay.
  void CorrectLetterCase(size_t p);

  void CorrectByContext(size_t p, const std::vector<std::u32string>& snapshot);

  // ----- Output.

  std::string Emit(std::vector<OcrCorrection>* corrections) const;

  const OcrCorrector& lexicon_;
  std::string_view input_;
  const OcrWordConfidence* confidence_;
  std::vector<Cluster> clusters_;
  std::vector<Piece> pieces_;
  std::vector<Chunk> chunks_;
};

}  // namespace vanban

#endif  // VANBAN_CORE_SRC_OCR_OCR_CORRECT_INTERNAL_H_
