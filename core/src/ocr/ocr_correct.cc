// Vietnamese OCR post-correction.
//
// The input is cut into clusters (a code point with its combining marks, so NFD input keeps exact
// byte spans), chunks (runs without white space, Tesseract's "words") and pieces (runs of letters
// and digits, and runs of anything else). Each piece is corrected at most once per rule and
// reported with the input span of the whole piece. Decisions:
//   - eth:       Ð/ð -> Đ/đ, always (outside e-mails and URLs);
//   - shapes:    chunks holding digits, and capital code chunks such as "QD-UBND", go through the
//                date / symbol / number rules and are never treated as words;
//   - pass 1:    free-standing words that are not syllables: noisy channel over lexicon syllables
//                within a small OCR edit, scored by bigram context, accepted only on a clear win;
//   - pass 2:    valid syllables: a diacritic variant replaces the word only when its bigrams
//                beat the word's by a clear factor and no side speaks against it.
// Context in pass 2 is read from the text as it stands after pass 1, never from other pass-2
// changes, so one decision cannot cascade into the next.
#include "vanban/ocr_correct.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>

#include "vanban/internal/utf8.h"
#include "vanban/grammar.h"
#include "vanban/text.h"
#include "vanban/vietnamese.h"

namespace vanban {
namespace {

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

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

char32_t Lower(char32_t c) {
  if (vi::IsVietnameseLetter(c)) return vi::ToLowerLetter(c);
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

char32_t Upper(char32_t c) { return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))); }

bool IsUpper(char32_t c) { return u_isupper(static_cast<UChar32>(c)) != 0; }

// The letter without its tone, lower case, shape marks kept (ắ -> ă). 0 for non-letters.
char32_t ShapeBase(char32_t c) {
  const std::optional<vi::SplitLetter> split = vi::SplitTone(c);
  return split ? vi::ToLowerLetter(split->base) : 0;
}

vi::Tone ToneOf(char32_t c) {
  const std::optional<vi::SplitLetter> split = vi::SplitTone(c);
  return split ? split->tone : vi::Tone::kNone;
}

// The ASCII letter under all marks (ẳ -> a, đ -> d). 0 for letters outside the alphabet.
char FoldLetter(char32_t c) {
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

std::string Fold(std::u32string_view lower) {
  std::string out;
  for (char32_t c : lower) out.push_back(FoldLetter(c));
  return out;
}

bool HasToneMark(std::u32string_view word) {
  return std::ranges::any_of(word, [](char32_t c) { return ToneOf(c) != vi::Tone::kNone; });
}

// Tone and shape marks that differ between a printed word and a candidate (both lower case).
// Letters at positions where the plain letters differ (an edited letter) are not compared.
double MarkCost(std::u32string_view printed, std::u32string_view candidate) {
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
bool IsHookConfusion(std::u32string_view printed, std::u32string_view candidate) {
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

CasePattern CaseOf(std::u32string_view word) {
  size_t upper = 0;
  for (char32_t c : word) upper += IsUpper(c) ? 1 : 0;
  if (upper == 0) return CasePattern::kLower;
  if (upper == word.size()) return word.size() == 1 ? CasePattern::kTitle : CasePattern::kUpper;
  if (upper == 1 && IsUpper(word[0])) return CasePattern::kTitle;
  return CasePattern::kMixed;
}

std::u32string ApplyCase(std::u32string word, CasePattern pattern) {
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
char32_t DigitFor(char32_t c) {
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

NumberShape ShapeOfNumber(std::u32string_view s) {
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

std::u32string MapDigits(std::u32string_view s) {
  std::u32string out(s);
  for (char32_t& c : out) {
    if (DigitFor(c) != 0) c = DigitFor(c);
  }
  return out;
}

int NumberValue(std::u32string_view digits) {
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

bool IsKnownCode(std::u32string_view code) {
  static const std::vector<std::u32string> kTypes = [] {
    std::vector<std::u32string> types;
    for (std::string_view c : TypeCodes()) types.push_back(internal::ToU32(c));
    return types;
  }();
  return std::ranges::find(kIssuerCodes, code) != std::end(kIssuerCodes) ||
         std::ranges::find(kTypes, code) != kTypes.end();
}

size_t LetterCount(std::u32string_view code) {
  return static_cast<size_t>(std::ranges::count_if(code, [](char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }));
}

// The listed code one D<->Đ flip away from `code`, if exactly one exists and `code` is unlisted.
std::optional<std::u32string> FlipToKnownCode(std::u32string_view code) {
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
bool IsCodeShaped(std::u32string_view s) {
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

double Log(double x) { return std::log(x); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// One Correct call.

class OcrCorrector::Pass {
 public:
  Pass(const OcrCorrector& lexicon, std::string_view input, const OcrWordConfidence* confidence)
      : lexicon_(lexicon), input_(input), confidence_(confidence) {}

  std::string Run(std::vector<OcrCorrection>* corrections) {
    Segment();
    for (size_t k = 0; k < chunks_.size(); ++k) ClassifyChunk(k);
    for (Piece& piece : pieces_) ApplyEth(piece);
    for (size_t k = 0; k < chunks_.size(); ++k) {
      if (chunks_[k].kind == ChunkKind::kShape) CorrectShapes(k);
    }
    for (size_t i = 0; i < pieces_.size(); ++i) {
      if (IsFreeWord(i)) CorrectInvalidWord(i);
    }
    // Pass 2 decides on the text as pass 1 left it.
    std::vector<std::u32string> after_pass1;
    after_pass1.reserve(pieces_.size());
    for (const Piece& piece : pieces_) after_pass1.push_back(piece.text);
    for (size_t i = 0; i < pieces_.size(); ++i) {
      if (IsFreeWord(i)) CorrectByContext(i, after_pass1);
    }
    return Emit(corrections);
  }

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

  void Segment() {
    internal::ForEachCodepoint(input_, [&](UChar32 c, size_t begin, size_t end) {
      const int8_t type = c < 0 ? 0 : u_charType(c);
      const bool mark = type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
      if (c >= 0 && mark && !clusters_.empty() && !clusters_.back().space && clusters_.back().end == begin &&
          !clusters_.back().ill_formed) {
        clusters_.back().end = end;
        clusters_.back().ch = 0;  // to be composed below
        return;
      }
      Cluster cluster;
      cluster.begin = begin;
      cluster.end = end;
      cluster.ch = c < 0 ? 0 : static_cast<char32_t>(c);
      cluster.space = c >= 0 && u_isUWhiteSpace(c) != 0;
      cluster.ill_formed = c < 0;
      clusters_.push_back(cluster);
    });
    for (Cluster& cl : clusters_) {
      const std::string_view bytes = input_.substr(cl.begin, cl.end - cl.begin);
      // Fast path: one code point that NFC keeps as it is (nearly all of them).
      if (cl.ill_formed || (cl.ch != 0 && u_getIntPropertyValue(static_cast<UChar32>(cl.ch), UCHAR_NFC_QUICK_CHECK) ==
                                              UNORM_YES)) {
        cl.text = std::string(bytes);
        continue;
      }
      cl.text = ToNfc(bytes);
      const std::u32string cps = ToU32(cl.text);
      cl.ch = cps.size() == 1 ? cps[0] : 0;
    }
    // Pieces and chunks.
    size_t i = 0;
    while (i < clusters_.size()) {
      if (clusters_[i].space) {
        ++i;
        continue;
      }
      Chunk chunk;
      chunk.first_piece = pieces_.size();
      chunk.begin = clusters_[i].begin;
      while (i < clusters_.size() && !clusters_[i].space) {
        Piece piece;
        piece.first = i;
        piece.chunk = chunks_.size();
        const bool alnum = IsAlnum(i);
        bool digit = false;
        while (i < clusters_.size() && !clusters_[i].space && IsAlnum(i) == alnum) {
          const char32_t c = clusters_[i].ch;
          digit |= IsAsciiDigit(c);
          piece.original.push_back(c == 0 ? 0xFFFD : c);
          ++i;
        }
        piece.last = i;
        piece.kind = !alnum ? PieceKind::kOther : digit ? PieceKind::kNumber : PieceKind::kWord;
        piece.text = piece.original;
        pieces_.push_back(std::move(piece));
      }
      chunk.last_piece = pieces_.size();
      chunks_.push_back(chunk);
    }
  }

  bool IsAlnum(size_t cluster) const {
    const Cluster& cl = clusters_[cluster];
    if (cl.ill_formed) return false;
    if (cl.ch != 0) return IsAsciiDigit(cl.ch) || u_isalpha(static_cast<UChar32>(cl.ch)) != 0;
    // Several code points that do not compose: a letter with a foreign mark.
    const std::u32string cps = ToU32(cl.text);
    return !cps.empty() && u_isalpha(static_cast<UChar32>(cps[0])) != 0;
  }

  std::u32string ChunkText(size_t k) const {
    std::u32string text;
    for (size_t p = chunks_[k].first_piece; p < chunks_[k].last_piece; ++p) text += pieces_[p].original;
    return text;
  }

  // E-mails and URLs are frozen; chunks with digits, and capital code chunks, are shapes.
  void ClassifyChunk(size_t k) {
    Chunk& chunk = chunks_[k];
    std::u32string lower = ChunkText(k);
    for (char32_t& c : lower) c = Lower(c);
    if (lower.find(U'@') != std::u32string::npos || lower.find(U"://") != std::u32string::npos ||
        lower.starts_with(U"www.")) {
      chunk.kind = ChunkKind::kFrozen;
      return;
    }
    bool digits = false;
    for (size_t p = chunk.first_piece; p < chunk.last_piece; ++p) digits |= pieces_[p].kind == PieceKind::kNumber;
    if (digits) {
      chunk.kind = ChunkKind::kShape;
      return;
    }
    // Capital codes joined by - / &: "QD-UBND", "/SLĐTBXH-XH", "GD&DT", "LDTBXH".
    const std::vector<CodeUnit> units = CodeUnits(k);
    if (units.empty()) return;
    bool all_codes = true, capital_heavy = false;
    for (const CodeUnit& unit : units) {
      all_codes &= IsCodeShaped(unit.text);
      capital_heavy |= LetterCount(unit.text) >= 3 || units.size() > 1;
    }
    if (all_codes && capital_heavy) {
      for (const CodeUnit& unit : units) {
        if (IsKnownCode(unit.text) || FlipToKnownCode(unit.text)) {
          chunk.kind = ChunkKind::kShape;
          return;
        }
      }
    }
  }

  // ----- Eth.

  void ApplyEth(Piece& piece) {
    if (piece.kind == PieceKind::kOther || chunks_[piece.chunk].kind == ChunkKind::kFrozen) return;
    bool eth = false;
    bool last_was_eth = false;  // the last letter of `text` was read as an eth
    std::u32string text;
    for (const char32_t c : piece.text) {
      if (c != 0x00D0 && c != 0x00F0) {
        // Tesseract sometimes reads one "Đ" twice, as Đ and eth ("QĐÐ-BGDĐT", "QÐĐ"): one letter
        // is kept.
        const bool doubled = (c == U'Đ' || c == U'đ') && last_was_eth && text.back() == c;
        last_was_eth = false;
        if (!doubled) text.push_back(c);
        continue;
      }
      const char32_t d = c == 0x00D0 ? U'Đ' : U'đ';
      eth = true;
      last_was_eth = true;
      if (text.empty() || text.back() != d) text.push_back(d);
    }
    if (eth) {
      piece.text = std::move(text);
      piece.reasons.push_back("eth for đ");
    }
  }

  // ----- Shapes.

  // Alphanumeric pieces joined by '&' form one code unit ("GD&ĐT").
  struct CodeUnit {
    std::vector<size_t> pieces;
    std::u32string text;
  };

  // The code units of a chunk's core (leading and trailing punctuation removed), when the core is
  // alphanumeric pieces separated by single '-', '/' or '&'. Empty otherwise.
  // `from` (a piece index) skips the start of the chunk.
  std::vector<CodeUnit> CodeUnits(size_t k, size_t from = 0) const {
    auto [b, e] = Core(k);
    b = std::max(b, from);
    while (b < e && pieces_[b].kind == PieceKind::kOther) ++b;
    std::vector<CodeUnit> units;
    if (b == e) return units;
    units.emplace_back();
    for (size_t p = b; p < e; ++p) {
      const Piece& piece = pieces_[p];
      if (piece.kind != PieceKind::kOther) {
        units.back().pieces.push_back(p);
        units.back().text += piece.text;
      } else if (piece.original == U"&") {
        units.back().text += U'&';
      } else if (piece.original == U"-" || piece.original == U"/") {
        units.emplace_back();
      } else {
        return {};
      }
    }
    return units;
  }

  // The alphanumeric and separator pieces of a chunk without its outer punctuation.
  std::pair<size_t, size_t> Core(size_t k) const {
    const Chunk& chunk = chunks_[k];
    size_t b = chunk.first_piece, e = chunk.last_piece;
    while (b < e && pieces_[b].kind == PieceKind::kOther) ++b;
    while (e > b && pieces_[e - 1].kind == PieceKind::kOther) --e;
    return {b, e};
  }

  void SetText(size_t p, std::u32string text, const char* reason, float confidence) {
    Piece& piece = pieces_[p];
    if (text == piece.text) return;
    piece.text = std::move(text);
    if (std::ranges::find(piece.reasons, reason) == piece.reasons.end()) piece.reasons.emplace_back(reason);
    piece.confidence = std::min(piece.confidence, confidence);
  }

  void CorrectShapes(size_t k) {
    if (CorrectDate(k) || CorrectKeywordNumber(k) || CorrectSymbol(k)) return;
    CorrectCodeChunk(k);
    // Any other number: a confusable letter between two digits ("2O24", "1O5"), or a year with
    // two real digits ("2O3O").
    const auto [b, e] = Core(k);
    for (size_t p = b; p < e; ++p) {
      Piece& piece = pieces_[p];
      if (piece.kind != PieceKind::kNumber || !ShapeOfNumber(piece.text).ok) continue;
      const std::u32string year = MapDigits(piece.text);
      const size_t real_digits = static_cast<size_t>(std::ranges::count_if(piece.text, IsAsciiDigit));
      if (year.size() == 4 && real_digits >= 2 && NumberValue(year) >= 1900 && NumberValue(year) <= 2099) {
        SetText(p, year, "number shape", 0.85f);
        continue;
      }
      std::u32string mapped = piece.text;
      for (size_t i = 1; i + 1 < mapped.size(); ++i) {
        if (DigitFor(mapped[i]) != 0 && IsAsciiDigit(piece.text[i - 1]) && IsAsciiDigit(piece.text[i + 1])) {
          mapped[i] = DigitFor(mapped[i]);
        }
      }
      SetText(p, std::move(mapped), "number shape", 0.9f);
    }
  }

  // "1O/O3/2O24", "15/O5/2024", "tháng O6/2024": every part a number with a real digit, the
  // result a real date.
  bool CorrectDate(size_t k) {
    const auto [b, e] = Core(k);
    const size_t n = e - b;
    if (n != 3 && n != 5) return false;
    const std::u32string sep = pieces_[b + 1].original;
    if (sep != U"/" && sep != U"-" && sep != U".") return false;
    if (n == 5 && pieces_[b + 3].original != sep) return false;
    std::vector<std::u32string> parts;
    int confusable = 0;
    for (size_t p = b; p < e; p += 2) {
      const NumberShape shape = ShapeOfNumber(pieces_[p].text);
      if (!shape.ok || pieces_[p].text.size() > 4) return false;
      confusable += shape.confusable;
      parts.push_back(MapDigits(pieces_[p].text));
    }
    if (confusable == 0) return false;
    const auto in = [](const std::u32string& s, size_t max_len, int lo, int hi) {
      return s.size() <= max_len && NumberValue(s) >= lo && NumberValue(s) <= hi;
    };
    bool ok;
    if (parts.size() == 3) {
      ok = in(parts[0], 2, 1, 31) && in(parts[1], 2, 1, 12) &&
           (parts[2].size() == 4 ? in(parts[2], 4, 1900, 2099) : parts[2].size() == 2);
    } else if (parts[1].size() == 4) {
      ok = in(parts[0], 2, 1, 12) && in(parts[1], 4, 1900, 2099);
    } else {
      ok = in(parts[0], 2, 1, 31) && in(parts[1], 2, 1, 12);
    }
    if (!ok) return false;
    for (size_t p = b, i = 0; p < e; p += 2, ++i) SetText(p, parts[i], "date shape", 0.95f);
    return true;
  }

  // "ngày 1O", "tháng O3", "năm 2O24", "số l2", "Điều 1O": a number right after its keyword.
  bool CorrectKeywordNumber(size_t k) {
    const auto [b, e] = Core(k);
    if (e - b != 1 || b != chunks_[k].first_piece || b == 0) return false;
    // b opens its chunk, so b - 1 ends the previous one: only white space between the two.
    const Piece& prev = pieces_[b - 1];
    if (prev.kind != PieceKind::kWord || chunks_[prev.chunk].kind == ChunkKind::kFrozen) return false;
    const NumberShape shape = ShapeOfNumber(pieces_[b].text);
    if (!shape.ok || shape.confusable == 0) return false;
    std::u32string keyword = prev.text;
    for (char32_t& c : keyword) c = Lower(c);
    const std::u32string mapped = MapDigits(pieces_[b].text);
    const int v = NumberValue(mapped);
    bool ok = false;
    if (keyword == U"ngày") ok = mapped.size() <= 2 && v >= 1 && v <= 31;
    if (keyword == U"tháng") ok = mapped.size() <= 2 && v >= 1 && v <= 12;
    if (keyword == U"năm") ok = mapped.size() == 4 && v >= 1900 && v <= 2099;
    if (keyword == U"số" || keyword == U"điều" || keyword == U"khoản") ok = mapped.size() <= 5;
    if (!ok) return false;
    SetText(b, mapped, keyword == U"số" || keyword == U"điều" || keyword == U"khoản" ? "symbol shape" : "date shape",
            0.9f);
    return true;
  }

  // "<n>/<codes>", "<n>/<year>/<codes>", "<n>-<TYPE>/<issuer>".
  bool CorrectSymbol(size_t k) {
    const auto [b, e] = Core(k);
    if (e - b < 3 || pieces_[b].kind == PieceKind::kOther) return false;
    const std::u32string& sep = pieces_[b + 1].original;
    if (sep != U"/" && sep != U"-") return false;
    if (!ShapeOfNumber(pieces_[b].text).ok) return false;
    size_t codes_from = b + 2;
    // The year of a legal normative document: "70/2OO8/NĐ-CP".
    std::optional<std::u32string> year;
    if (sep == U"/" && e - b >= 5 && pieces_[b + 3].original == U"/" && pieces_[b + 2].text.size() == 4 &&
        ShapeOfNumber(pieces_[b + 2].text).ok) {
      const std::u32string mapped = MapDigits(pieces_[b + 2].text);
      if (NumberValue(mapped) >= 1900 && NumberValue(mapped) <= 2099) year = mapped;
      codes_from = b + 4;
    }
    const std::vector<CodeUnit> units = CodeUnits(k, codes_from);
    if (units.empty()) return false;
    for (const CodeUnit& unit : units) {
      if (!IsCodeShaped(unit.text)) return false;
    }
    SetText(b, MapDigits(pieces_[b].text), "symbol shape", 0.9f);
    if (year) SetText(b + 2, *year, "symbol shape", 0.9f);
    for (const CodeUnit& unit : units) CorrectCodeUnit(unit, /*symbol_context=*/true);
    return true;
  }

  // A chunk of codes only ("QD-UBND", "GD&DT", "/SGDDT-CTrTT").
  void CorrectCodeChunk(size_t k) {
    const std::vector<CodeUnit> units = CodeUnits(k);
    if (units.empty()) return;
    bool known = false;
    for (const CodeUnit& unit : units) {
      if (!IsCodeShaped(unit.text)) return;
      known |= IsKnownCode(unit.text);
    }
    for (const CodeUnit& unit : units) CorrectCodeUnit(unit, known);
  }

  // D<->Đ against the code list; 0 and 1 between capitals are O and I.
  void CorrectCodeUnit(const CodeUnit& unit, bool symbol_context) {
    for (size_t p : unit.pieces) {
      std::u32string text = pieces_[p].text;
      for (size_t i = 1; i + 1 < text.size(); ++i) {
        if ((text[i] == U'0' || text[i] == U'1') && IsUpper(text[i - 1]) && IsUpper(text[i + 1])) {
          text[i] = text[i] == U'0' ? U'O' : U'I';
        }
      }
      SetText(p, std::move(text), "symbol shape", 0.85f);
    }
    std::u32string code;
    for (size_t i = 0; i < unit.pieces.size(); ++i) {
      if (i > 0) code += U'&';
      code += pieces_[unit.pieces[i]].text;
    }
    const std::optional<std::u32string> flipped = FlipToKnownCode(code);
    if (!flipped || (!symbol_context && LetterCount(*flipped) < 4)) return;
    // Write the flipped letters back piece by piece (the '&' positions are shared).
    size_t at = 0;
    for (size_t p : unit.pieces) {
      const size_t len = pieces_[p].text.size();
      SetText(p, flipped->substr(at, len), "symbol shape", 0.85f);
      at += len + 1;
    }
  }

  // ----- Words.

  // A word piece standing alone in its chunk (only punctuation around it), outside shapes.
  bool IsFreeWord(size_t p) const {
    const Piece& piece = pieces_[p];
    if (piece.kind != PieceKind::kWord) return false;
    const Chunk& chunk = chunks_[piece.chunk];
    if (chunk.kind != ChunkKind::kText) return false;
    for (size_t q = chunk.first_piece; q < chunk.last_piece; ++q) {
      if (q != p && pieces_[q].kind != PieceKind::kOther) return false;
    }
    return true;
  }

  // The neighbour word whose syllable gives context: the adjacent piece, if it is a free word
  // and a syllable of the lexicon. Punctuation between the two (a separate piece) breaks the
  // context. kAbsent otherwise.
  Id NeighbourId(size_t p, int direction, const std::vector<std::u32string>* snapshot) const {
    if (direction < 0 && p == 0) return kAbsent;
    const size_t q = direction < 0 ? p - 1 : p + 1;
    if (q >= pieces_.size() || !IsFreeWord(q)) return kAbsent;
    const std::u32string& text = snapshot ? (*snapshot)[q] : pieces_[q].text;
    std::u32string lower;
    for (char32_t c : text) lower.push_back(Lower(c));
    if (!vi::IsValidSyllable(lower)) return kAbsent;
    const Id id = lexicon_.Find(FromU32(vi::CanonicalTonePlacement(lower)));
    return id == kUnknown ? kAbsent : id;
  }

  // Multiplier on the evidence a change needs, from the OCR's confidence in the word.
  double EvidenceFactor(size_t p) const {
    if (confidence_ == nullptr || confidence_->empty()) return 1.0;
    const size_t begin = clusters_[pieces_[p].first].begin;
    auto it = confidence_->upper_bound(begin);
    if (it == confidence_->begin()) return 1.0;
    --it;
    if (it->first < chunks_[pieces_[p].chunk].begin) return 1.0;
    const double c = std::clamp(static_cast<double>(it->second), 0.0, 1.0);
    if (c >= 0.6) return 1.0;
    return std::max(0.1, (c / 0.6) * (c / 0.6));
  }

  struct Candidate {
    Id id = kUnknown;
    double cost = 0;
    bool indel = false;
    double score = 0;
  };

  // Bigram language-model score of `id` between the neighbours (kAbsent: none).
  double LmScore(Id prev, Id id, Id next) const {
    double s = lexicon_.LogConditional(prev, id);
    if (next != kAbsent) s += lexicon_.LogConditional(id, next);
    return s;
  }

  void CorrectInvalidWord(size_t p) {
    Piece& piece = pieces_[p];
    const std::u32string& word = piece.text;
    if (word.size() < 2 || word.size() > kMaxWordLetters) return;
    if (!std::ranges::all_of(word, [](char32_t c) { return vi::IsVietnameseLetter(c); })) return;
    const CasePattern pattern = CaseOf(word);
    if (pattern == CasePattern::kMixed) {
      CorrectLetterCase(p);
      return;
    }
    std::u32string lower;
    for (char32_t c : word) lower.push_back(Lower(c));
    if (vi::IsValidSyllable(lower) || lexicon_.IsKnownSyllable(FromU32(lower))) return;
    // Capital acronyms carry no tone marks: UBND, LĐTBXH, GDTX.
    if (pattern == CasePattern::kUpper && !HasToneMark(lower)) return;
    const bool ascii = std::ranges::all_of(lower, [](char32_t c) { return c < 0x80; });
    const std::string folded = Fold(lower);

    std::vector<Candidate> candidates;
    const auto add = [&](const std::string& variant, double edit, bool indel) {
      const std::vector<Id>* ids = lexicon_.WithFolded(variant);
      if (ids == nullptr) return;
      for (const Id id : *ids) {
        const double cost = edit + MarkCost(lower, lexicon_.letters_[id]);
        auto it = std::ranges::find(candidates, id, &Candidate::id);
        if (it == candidates.end()) {
          candidates.push_back({id, cost, indel, 0});
        } else if (cost < it->cost) {
          it->cost = cost;
          it->indel = indel;
        }
      }
    };
    add(folded, 0, false);
    if (!ascii) {
      // Letters that OCR confuses in print, as plain letters.
      static constexpr std::pair<std::string_view, std::string_view> kConfusable[] = {
          {"l", "i"}, {"i", "l"}, {"rn", "m"}, {"m", "rn"}, {"cl", "d"}, {"n", "u"}, {"u", "n"},
          {"h", "b"}, {"b", "h"}, {"c", "e"}, {"e", "c"}, {"ii", "u"}, {"li", "h"}, {"y", "v"},
          {"v", "y"}, {"q", "g"}, {"g", "q"}, {"j", "i"}, {"f", "t"}, {"a", "o"}, {"o", "a"},
      };
      for (const auto& [from, to] : kConfusable) {
        for (size_t at = folded.find(from); at != std::string::npos; at = folded.find(from, at + 1)) {
          std::string variant = folded;
          variant.replace(at, from.size(), to);
          add(variant, 1, false);
        }
      }
      for (size_t at = 0; at < folded.size(); ++at) {
        add(folded.substr(0, at) + folded.substr(at + 1), 1.5, true);
      }
      static constexpr std::string_view kLetters = "abcdeghiklmnopqrstuvxy";
      for (size_t at = 0; at <= folded.size(); ++at) {
        for (char c : kLetters) add(folded.substr(0, at) + c + folded.substr(at), 1.5, true);
      }
    }
    if (candidates.empty()) return;

    const Id prev = NeighbourId(p, -1, nullptr);
    const Id next = NeighbourId(p, +1, nullptr);
    for (Candidate& c : candidates) c.score = LmScore(prev, c.id, next) - c.cost * Log(kCostFactor);
    std::ranges::sort(candidates, [&](const Candidate& a, const Candidate& b) {
      return a.score != b.score ? a.score > b.score : lexicon_.keys_[a.id] < lexicon_.keys_[b.id];
    });
    const Candidate& best = candidates[0];
    const double margin =
        candidates.size() > 1 ? best.score - candidates[1].score : std::numeric_limits<double>::infinity();
    const double factor = EvidenceFactor(p);
    const bool left = lexicon_.Bigram(prev, best.id) > 0;
    const bool right = lexicon_.Bigram(best.id, next) > 0;
    bool accept;
    if (best.indel) {
      // A letter added or lost: the word itself is uncertain, both neighbours must agree.
      accept = left && right && margin >= Log(kInvalidMargin * factor);
    } else if (left || right) {
      accept = margin >= Log(kInvalidMargin * factor);
    } else {
      accept = !ascii && best.cost <= 2 && margin >= Log(kInvalidFrequencyMargin * factor);
    }
    if (!accept) return;
    double others = 0;
    for (size_t i = 1; i < candidates.size(); ++i) others += std::exp(candidates[i].score - best.score);
    const float confidence = static_cast<float>((1.0 / (1.0 + others)) * (left || right ? 1.0 : 0.8));
    SetText(p, ApplyCase(lexicon_.letters_[best.id], pattern), "invalid syllable", confidence);
  }

  // OCR reads some marked letters in the wrong case ("gÓp", "thÀnh"): a capital with a mark
  // inside a lower-case word. Acronyms (CTr, TTg, GDTrH) have plain capitals and stay.
  void CorrectLetterCase(size_t p) {
    const std::u32string& word = pieces_[p].text;
    bool has_lower = false;
    for (size_t i = 1; i < word.size(); ++i) {
      if (IsUpper(word[i]) && !vi::HasVietnameseMarks(word[i])) return;
      has_lower |= !IsUpper(word[i]);
    }
    if (!has_lower) return;
    std::u32string lower;
    for (char32_t c : word) lower.push_back(Lower(c));
    // Only words the corpus has shown (count 1 comes from the word list alone).
    if (!vi::IsValidSyllable(lower) || lexicon_.SyllableCount(FromU32(lower)) < 2) return;
    SetText(p, ApplyCase(lower, IsUpper(word[0]) ? CasePattern::kTitle : CasePattern::kLower), "letter case", 0.8f);
  }

  void CorrectByContext(size_t p, const std::vector<std::u32string>& snapshot) {
    const std::u32string& word = snapshot[p];
    if (word.empty() || word.size() > 7) return;
    if (std::ranges::find(pieces_[p].reasons, "invalid syllable") != pieces_[p].reasons.end()) return;
    if (!std::ranges::all_of(word, [](char32_t c) { return vi::IsVietnameseLetter(c); })) return;
    const CasePattern pattern = CaseOf(word);
    if (pattern == CasePattern::kMixed) return;
    std::u32string lower;
    for (char32_t c : word) lower.push_back(Lower(c));
    if (!vi::IsValidSyllable(lower)) return;
    const Id prev = NeighbourId(p, -1, &snapshot);
    const Id next = NeighbourId(p, +1, &snapshot);
    if (prev == kAbsent && next == kAbsent) return;
    const std::vector<Id>* variants = lexicon_.WithFolded(Fold(lower));
    if (variants == nullptr) return;
    const std::u32string canonical = vi::CanonicalTonePlacement(lower);
    const Id word_id = lexicon_.Find(FromU32(canonical));

    const double factor = EvidenceFactor(p);
    const double word_lm = LmScore(prev, word_id, next);
    const uint32_t left_w = lexicon_.Bigram(prev, word_id);
    const uint32_t right_w = lexicon_.Bigram(word_id, next);
    struct Accepted {
      Id id;
      double gain;  // log likelihood ratio over the printed word, above the threshold
    };
    std::vector<Accepted> accepted;
    for (const Id variant : *variants) {
      if (variant == word_id) continue;
      const uint32_t left_c = lexicon_.Bigram(prev, variant);
      const uint32_t right_c = lexicon_.Bigram(variant, next);
      if (left_c == 0 && right_c == 0) continue;  // no evidence for it (the common case)
      const std::u32string& letters = lexicon_.letters_[variant];
      const double cost = MarkCost(canonical, letters);
      if (cost > 2) continue;
      // Evidence needed: more for two marks, less for the confusion measured on vie (but the
      // minimum counts of one-sided evidence stay: they guard against false collocations).
      const double base_need = factor * (cost > 1 ? 2.0 : 1.0);
      double need = base_need * (IsHookConfusion(canonical, letters) ? 0.5 : 1.0);
      // A side supports the variant when the variant's pair was seen and the printed pair was
      // not, or was seen kSideFactor times less; it is against it when the printed pair holds.
      const auto side = [&](uint32_t c, uint32_t w) {
        if (c == 0 && w == 0) return 0;
        if (w == 0 || c >= kSideFactor * need * (w + 1.0)) return 1;
        return -1;
      };
      const int l = side(left_c, left_w), r = side(right_c, right_w);
      if (l < 0 || r < 0) continue;
      const double scale = std::min(1.0, need);
      if (l > 0 && r > 0) {
        if (left_c + right_c < std::max(1.0, kMinSupport * scale)) continue;
      } else {
        const uint32_t support = l > 0 ? left_c : right_c;
        const uint32_t printed = l > 0 ? left_w : right_w;
        const double specificity = support / std::max(1.0, static_cast<double>(lexicon_.Count(l > 0 ? prev : next)));
        const double one_sided_scale = std::min(1.0, base_need);
        if (cost > 1 || printed > 0 || support < std::max(1.0, kOneSidedMinSupport * one_sided_scale) ||
            specificity < kOneSidedSpecificity * one_sided_scale) {
          continue;
        }
        need *= kOneSidedFactor;
      }
      const double gain = LmScore(prev, variant, next) - word_lm;
      if (gain < Log(kContextRatio * need)) continue;
      accepted.push_back({variant, gain - Log(kContextRatio * need)});
    }
    if (accepted.empty()) return;
    std::ranges::sort(accepted, [&](const Accepted& a, const Accepted& b) {
      return a.gain != b.gain ? a.gain > b.gain : lexicon_.keys_[a.id] < lexicon_.keys_[b.id];
    });
    if (accepted.size() > 1 && accepted[0].gain - accepted[1].gain < Log(kInvalidMargin)) return;
    const float confidence = static_cast<float>(1.0 / (1.0 + std::exp(-accepted[0].gain - 1.0)));
    SetText(p, ApplyCase(lexicon_.letters_[accepted[0].id], pattern), "context", confidence);
  }

  // ----- Output.

  std::string Emit(std::vector<OcrCorrection>* corrections) const {
    std::string out;
    out.reserve(input_.size());
    size_t next_piece = 0;
    for (size_t i = 0; i < clusters_.size(); ++i) {
      while (next_piece < pieces_.size() && pieces_[next_piece].last <= i) ++next_piece;
      if (next_piece < pieces_.size() && pieces_[next_piece].first == i) {
        const Piece& piece = pieces_[next_piece];
        if (piece.text != piece.original) {
          const std::string corrected = ToNfc(FromU32(piece.text));
          out += corrected;
          if (corrections != nullptr) {
            OcrCorrection c;
            c.begin = clusters_[piece.first].begin;
            c.end = clusters_[piece.last - 1].end;
            c.printed = std::string(input_.substr(c.begin, c.end - c.begin));
            c.corrected = corrected;
            c.confidence = std::clamp(piece.confidence, 0.0f, 1.0f);
            for (const std::string& r : piece.reasons) c.reason += (c.reason.empty() ? "" : " + ") + r;
            corrections->push_back(std::move(c));
          }
          i = piece.last - 1;
          continue;
        }
      }
      out += clusters_[i].text;
    }
    return out;
  }

  const OcrCorrector& lexicon_;
  std::string_view input_;
  const OcrWordConfidence* confidence_;
  std::vector<Cluster> clusters_;
  std::vector<Piece> pieces_;
  std::vector<Chunk> chunks_;
};

// ---------------------------------------------------------------------------------------------
// OcrCorrector.

OcrCorrector::~OcrCorrector() = default;

std::string OcrCorrector::Key(std::string_view word) {
  std::u32string lower;
  for (char32_t c : ToU32(ToNfc(word))) lower.push_back(Lower(c));
  return FromU32(vi::CanonicalTonePlacement(lower));
}

OcrCorrector::Id OcrCorrector::Find(const std::string& key) const {
  const auto it = ids_.find(key);
  return it == ids_.end() ? kUnknown : it->second;
}

uint32_t OcrCorrector::Count(Id id) const { return id < counts_.size() ? counts_[id] : 0; }

uint32_t OcrCorrector::Bigram(Id first, Id second) const {
  if (first >= counts_.size() || second >= counts_.size()) return 0;
  const auto it = bigrams_.find(uint64_t{first} << 32 | second);
  return it == bigrams_.end() ? 0 : it->second;
}

double OcrCorrector::LogConditional(Id first, Id second) const {
  // Syllables outside the lexicon get half a count, so that they stay possible.
  const double unigram = std::max(0.5, static_cast<double>(Count(second))) / static_cast<double>(total_ + 1);
  if (first == kAbsent) return std::log(unigram);
  return std::log((Bigram(first, second) + kSmoothing * unigram) / (Count(first) + kSmoothing));
}

const std::vector<OcrCorrector::Id>* OcrCorrector::WithFolded(const std::string& folded) const {
  const auto it = by_folded_.find(folded);
  return it == by_folded_.end() ? nullptr : &it->second;
}

bool OcrCorrector::IsKnownSyllable(std::string_view word) const { return Find(Key(word)) != kUnknown; }

uint32_t OcrCorrector::SyllableCount(std::string_view word) const { return Count(Find(Key(word))); }

uint32_t OcrCorrector::BigramCount(std::string_view first, std::string_view second) const {
  return Bigram(Find(Key(first)), Find(Key(second)));
}

namespace {

// Splits "a\tb\tc" into fields; false if the count of fields is not `n`.
bool SplitFields(std::string_view line, size_t n, std::vector<std::string_view>* fields) {
  fields->clear();
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    fields->push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields->size() == n;
}

bool ParseCount(std::string_view s, uint32_t* out) {
  if (s.empty() || s.size() > 9) return false;
  uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  *out = v;
  return true;
}

StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read " + path);
  return s.str();
}

}  // namespace

StatusOr<std::unique_ptr<OcrCorrector>> OcrCorrector::Load(const std::string& models_dir) {
  std::unique_ptr<OcrCorrector> corrector(new OcrCorrector());
  const std::string syllables_path = models_dir + "/vi/syllables.tsv";
  const std::string bigrams_path = models_dir + "/vi/bigrams.tsv";
  StatusOr<std::string> syllables = ReadWholeFile(syllables_path);
  if (!syllables.ok()) return syllables.status();
  StatusOr<std::string> bigrams = ReadWholeFile(bigrams_path);
  if (!bigrams.ok()) return bigrams.status();

  std::vector<std::string_view> fields;
  const auto for_each_line = [](std::string_view text, auto fn) -> Status {
    size_t line_number = 0;
    while (!text.empty()) {
      const size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      VANBAN_RETURN_IF_ERROR(fn(line, line_number));
    }
    return Status::Ok();
  };

  Status status = for_each_line(*syllables, [&](std::string_view line, size_t n) -> Status {
    uint32_t count = 0;
    if (!SplitFields(line, 2, &fields) || !ParseCount(fields[1], &count)) {
      return Status::Corrupt(syllables_path + ":" + std::to_string(n) + ": expected '<syllable>\\t<count>'");
    }
    const std::string key = Key(fields[0]);
    if (!vi::IsValidSyllable(ToU32(key))) {
      return Status::Corrupt(syllables_path + ":" + std::to_string(n) + ": not a Vietnamese syllable: " +
                             std::string(fields[0]));
    }
    const auto [it, inserted] = corrector->ids_.emplace(key, static_cast<Id>(corrector->keys_.size()));
    if (inserted) {
      corrector->keys_.push_back(key);
      corrector->letters_.push_back(ToU32(key));
      corrector->counts_.push_back(0);
    }
    corrector->counts_[it->second] += count;
    corrector->total_ += count;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  status = for_each_line(*bigrams, [&](std::string_view line, size_t n) -> Status {
    uint32_t count = 0;
    if (!SplitFields(line, 3, &fields) || !ParseCount(fields[2], &count)) {
      return Status::Corrupt(bigrams_path + ":" + std::to_string(n) + ": expected '<syllable>\\t<syllable>\\t<count>'");
    }
    const Id first = corrector->Find(Key(fields[0])), second = corrector->Find(Key(fields[1]));
    if (first == kUnknown || second == kUnknown) {
      return Status::Corrupt(bigrams_path + ":" + std::to_string(n) + ": syllable not in " + syllables_path);
    }
    corrector->bigrams_[uint64_t{first} << 32 | second] += count;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (corrector->keys_.empty()) return Status::Corrupt(syllables_path + " holds no syllable");
  for (Id id = 0; id < corrector->keys_.size(); ++id) {
    corrector->by_folded_[Fold(corrector->letters_[id])].push_back(id);
  }
  return corrector;
}

std::string OcrCorrector::Correct(std::string_view text, std::vector<OcrCorrection>* corrections) const {
  return Pass(*this, text, nullptr).Run(corrections);
}

std::string OcrCorrector::Correct(std::string_view text, const OcrWordConfidence& word_confidence,
                                  std::vector<OcrCorrection>* corrections) const {
  return Pass(*this, text, &word_confidence).Run(corrections);
}

}  // namespace vanban
