// Levenshtein distance over any sequences (code points, bytes, words), and "did you mean" hints
// built on it. One implementation for the OCR metrics and the rule loader's messages.
#ifndef VANBAN_INTERNAL_EDIT_DISTANCE_H_
#define VANBAN_INTERNAL_EDIT_DISTANCE_H_

#include <algorithm>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vanban::internal {

// The distance if it is at most `band`, else a value > band. Only cells within `band` of the
// diagonal are computed (Ukkonen's cut-off).
template <typename Seq>
size_t BandedEditDistance(const Seq& a, const Seq& b, size_t band) {
  const size_t n = a.size(), m = b.size();
  const size_t kFar = std::numeric_limits<size_t>::max() / 2;
  if ((n > m ? n - m : m - n) > band) return band + 1;
  std::vector<size_t> prev(m + 1, kFar), cur(m + 1, kFar);
  for (size_t j = 0; j <= std::min(m, band); ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    const size_t lo = i > band ? i - band : 0, hi = std::min(m, i + band);
    // Cells just outside the band are read by this row and the next: mark them unreachable.
    if (lo == 0) {
      cur[0] = i;
    } else {
      cur[lo - 1] = kFar;
    }
    for (size_t j = std::max<size_t>(lo, 1); j <= hi; ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    if (hi + 1 <= m) cur[hi + 1] = kFar;
    std::swap(prev, cur);
  }
  return std::min(prev[m], band + 1);
}

// Levenshtein distance (insert, delete, substitute cost 1) in O((n + m) * d) for distance d: the
// band doubles until the distance fits in it.
template <typename Seq>
size_t EditDistance(const Seq& a, const Seq& b) {
  const size_t limit = std::max(a.size(), b.size());
  for (size_t band = 32;; band *= 2) {
    if (band >= limit) return BandedEditDistance(a, b, limit);
    const size_t d = BandedEditDistance(a, b, band);
    if (d <= band) return d;
  }
}

// " (did you mean 'pattern'?)" when one of `allowed` is close to `word` (within a quarter of its
// length, at least 2 edits), else "".
inline std::string DidYouMean(std::string_view word, std::span<const std::string_view> allowed) {
  std::string_view best;
  size_t best_distance = std::max<size_t>(2, word.size() / 4) + 1;
  for (std::string_view candidate : allowed) {
    const size_t distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
}

}  // namespace vanban::internal

#endif  // VANBAN_INTERNAL_EDIT_DISTANCE_H_
