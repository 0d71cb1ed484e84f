// Post-correction of Vietnamese OCR text: fixes the errors Tesseract's "vie" model makes on
// administrative documents, conservatively, and reports every change with its printed span.
//
// What it corrects (the rules are at OcrCorrector::Correct):
//   - U+00D0 'Ð' / U+00F0 'ð' (Latin eth, which Vietnamese does not use) printed for 'Đ'/'đ';
//   - words that are not Vietnamese syllables ("nhiẹm", "quyêt", "rnột") when one syllable of the
//     lexicon within a small OCR-like edit clearly wins on frequency and bigram context;
//   - valid syllables with a wrong tone or shape mark ("bình đắng giới") only on strong bigram
//     evidence on both sides, or on one side with the other neutral;
//   - numbers, dates and document symbols with letter-for-digit and D-for-Đ confusions
//     ("1O/O3/2O24", "571/SGDDT-CTrTT", "QD-UBND").
// It never touches other tokens with digits, capital acronyms, e-mails and URLs, and leaves a word
// alone whenever the evidence is not clear: text that is already right comes back unchanged
// (apart from NFC normalization). Meant for OCR output; PDF text layers keep their typos.
#ifndef VANBAN_OCR_CORRECT_H_
#define VANBAN_OCR_CORRECT_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vanban/status.h"

namespace vanban {

// One change made by OcrCorrector::Correct.
struct OcrCorrection {
  size_t begin = 0, end = 0;  // byte span in the INPUT text: input.substr(begin, end - begin) == printed
  std::string printed;        // the input bytes of the span (not normalized)
  std::string corrected;      // what replaces them in the output (NFC)
  float confidence = 0;       // 0..1: how sure the corrector is that `corrected` is right
  // "invalid syllable", "context", "eth for đ", "symbol shape", "date shape", "number shape" (a
  // year or a letter between digits outside a symbol or date), "letter case" ("gÓp" -> "góp");
  // when one piece needed two kinds of fix they are joined with " + " ("eth for đ + context").
  std::string reason;
};

// OCR confidence of words, when the OCR engine gives it: byte offset in the input text of the
// first byte of a word (a whitespace-separated chunk, as Tesseract's words are) -> confidence
// 0..1. A word below 0.6 needs less evidence to be changed; words not listed count as unknown.
using OcrWordConfidence = std::map<size_t, float>;

// Owns the syllable lexicon and the syllable bigram table loaded from models/vi (built by
// scripts/build-lexicon.py). Immutable after Load; all methods are const and thread-safe, so one
// instance serves every worker.
class OcrCorrector {
 public:
  // Reads <models_dir>/vi/syllables.tsv and <models_dir>/vi/bigrams.tsv. NotFound when a file is
  // missing, Corrupt when a line is malformed or a syllable is not a valid Vietnamese syllable.
  static StatusOr<std::unique_ptr<OcrCorrector>> Load(const std::string& models_dir);

  OcrCorrector(const OcrCorrector&) = delete;
  OcrCorrector& operator=(const OcrCorrector&) = delete;
  ~OcrCorrector();

  // Returns the corrected text (NFC) and, when `corrections` is not null, appends every change
  // in text order, spans not overlapping. Invalid UTF-8 sequences are copied through unchanged.
  //
  // The text is cut at white space into chunks, and chunks into runs of letters and digits and
  // runs of anything else. Rules, in order:
  //   1. Eth: Ð/ð -> Đ/đ everywhere except in e-mails and URLs (chunks with '@', "://", "www.").
  //   2. Shapes, for chunks with digits and chunks of capital codes ("QD-UBND"); their words are
  //      never treated as syllables. Dates "d/m/y", "d/m", "m/yyyy" whose parts are digits or
  //      O o l I S with a real digit each, when the result is a real date; a number right after
  //      "ngày", "tháng", "năm" (checked for range), "số", "Điều", "khoản"; symbols
  //      "<n>/<codes>", "<n>/<year>/<codes>", "<n>-<TYPE>/<issuer>": the number and the year
  //      mapped to digits, in the codes 0/1 between capitals read O/I and a code one D<->Đ flip
  //      away from a listed code (QĐ, NĐ, SGDĐT, LĐTBXH, ...) and not listed itself replaced;
  //      elsewhere a year with two real digits ("2O3O") or a look-alike between digits ("1O5").
  //   3. Words that are not syllables and not in the lexicon, standing alone between white space
  //      and punctuation, 2..8 letters, not capital acronyms without tone marks (UBND, LĐTBXH):
  //      candidates are lexicon syllables with the same letters under other marks, or, if the
  //      word has Vietnamese marks, one confusable letter swapped (l/i, rn/m, cl/d, n/u, ...) or
  //      one letter added or dropped. Each is scored by bigram probability with its neighbours
  //      minus a cost per changed mark or letter; the best replaces the word when it beats the
  //      second by a clear margin and a neighbour pair is attested (both pairs for an added or
  //      dropped letter), or, without context, when it wins by a wide margin on frequency alone
  //      (never for plain-ASCII words, which may be English). Case is kept (lower, Title, UPPER);
  //      a marked capital inside a lower-case word ("gÓp") is lowered when the word is known.
  //   4. Valid syllables: a variant with other marks (at most two differences) replaces the word
  //      when its bigram with each neighbour beats the word's own by a clear factor, or on one
  //      side with the other neutral (then only one mark apart, an attested pair of at least 10
  //      whose neighbour strongly calls for the variant, as "bình" calls for "đẳng"), and the
  //      bigram likelihood of the three words rises by a clear ratio. Hook-above confusions
  //      (ẳ printed ắ, ằ or ă: the fast vie model's main error) need half the evidence. Decided on
  //      the text as step 3 left it, so changes never cascade.
  std::string Correct(std::string_view text, std::vector<OcrCorrection>* corrections) const;
  // The same, with per-word OCR confidence (low confidence makes a change easier).
  std::string Correct(std::string_view text, const OcrWordConfidence& word_confidence,
                      std::vector<OcrCorrection>* corrections) const;

  // True if `word` (any case, any tone placement, NFC or not) is a syllable of the lexicon.
  bool IsKnownSyllable(std::string_view word) const;

  // Lexicon counts, for tests and diagnostics: 0 when unknown. Keys as for IsKnownSyllable.
  uint32_t SyllableCount(std::string_view word) const;
  uint32_t BigramCount(std::string_view first, std::string_view second) const;
  size_t syllable_count() const { return keys_.size(); }
  size_t bigram_count() const { return bigrams_.size(); }

 private:
  class Pass;  // the state of one Correct call

  using Id = uint32_t;                         // index into keys_
  static constexpr Id kAbsent = 0xFFFFFFFF;    // no neighbour word
  static constexpr Id kUnknown = 0xFFFFFFFE;   // a syllable outside the lexicon (count 0)

  OcrCorrector() = default;

  // Lexicon key: lower case, NFC, tone on the vowel the classic rule chooses.
  static std::string Key(std::string_view word);
  Id Find(const std::string& key) const;  // kUnknown when absent
  uint32_t Count(Id id) const;
  uint32_t Bigram(Id first, Id second) const;
  // log P(second | first), interpolated with the unigram distribution (Dirichlet smoothing);
  // log P(second) when first is kAbsent.
  double LogConditional(Id first, Id second) const;
  // Lexicon syllables whose diacritic-free form is `folded` ("dang" -> đẳng, đăng, dạng, ...).
  const std::vector<Id>* WithFolded(const std::string& folded) const;

  std::vector<std::string> keys_;                              // id -> key
  std::vector<std::u32string> letters_;                        // id -> key as code points
  std::vector<uint32_t> counts_;                               // id -> count
  std::unordered_map<std::string, Id> ids_;                    // key -> id
  std::unordered_map<std::string, std::vector<Id>> by_folded_;  // folded -> ids
  std::unordered_map<uint64_t, uint32_t> bigrams_;             // first << 32 | second -> count
  uint64_t total_ = 0;                                         // sum of counts_
};

}  // namespace vanban

#endif  // VANBAN_OCR_CORRECT_H_
