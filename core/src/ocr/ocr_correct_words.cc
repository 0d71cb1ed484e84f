// OCR post-correction: invalid syllables through the noisy channel, letter case, and valid
// syllables changed on bigram context.
#include "ocr_correct_internal.h"

namespace vanban {

using namespace ocr_correct;  // helpers and tuning

OcrCorrector::Id OcrCorrector::Pass::NeighbourId(size_t p, int direction, const std::vector<std::u32string>* snapshot) const {
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

double OcrCorrector::Pass::EvidenceFactor(size_t p) const {
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

double OcrCorrector::Pass::LmScore(Id prev, Id id, Id next) const {
  double s = lexicon_.LogConditional(prev, id);
  if (next != kAbsent) s += lexicon_.LogConditional(id, next);
  return s;
}

void OcrCorrector::Pass::CorrectInvalidWord(size_t p) {
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

void OcrCorrector::Pass::CorrectLetterCase(size_t p) {
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

void OcrCorrector::Pass::CorrectByContext(size_t p, const std::vector<std::u32string>& snapshot) {
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

}  // namespace vanban
