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
#include "ocr_correct_internal.h"

#include "vanban/internal/files.h"

namespace vanban {

using namespace ocr_correct;

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

// The model file's content; the path in every message.
StatusOr<std::string> ReadModelFile(const std::string& path) {
  StatusOr<std::string> bytes = internal::ReadFileBytes(path);
  if (!bytes.ok()) return Status(bytes.status().code(), path + ": " + bytes.status().message());
  return bytes;
}

}  // namespace

StatusOr<std::unique_ptr<OcrCorrector>> OcrCorrector::Load(const std::string& models_dir) {
  std::unique_ptr<OcrCorrector> corrector(new OcrCorrector());
  const std::string syllables_path = models_dir + "/vi/syllables.tsv";
  const std::string bigrams_path = models_dir + "/vi/bigrams.tsv";
  VANBAN_ASSIGN_OR_RETURN(const std::string syllables, ReadModelFile(syllables_path));
  VANBAN_ASSIGN_OR_RETURN(const std::string bigrams, ReadModelFile(bigrams_path));

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

  Status status = for_each_line(syllables, [&](std::string_view line, size_t n) -> Status {
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
  status = for_each_line(bigrams, [&](std::string_view line, size_t n) -> Status {
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
