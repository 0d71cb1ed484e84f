#include "vanban/metrics.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <limits>

#include "utf8_util.h"

namespace vanban {
namespace {

// Distance if it is at most `band`, else a value > band. Only cells within `band` of the diagonal
// are computed (Ukkonen's cut-off).
template <typename Seq>
size_t BandedDistance(const Seq& a, const Seq& b, size_t band) {
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

template <typename Seq>
size_t Distance(const Seq& a, const Seq& b) {
  const size_t limit = std::max(a.size(), b.size());
  for (size_t band = 32;; band *= 2) {
    if (band >= limit) return BandedDistance(a, b, limit);
    const size_t d = BandedDistance(a, b, band);
    if (d <= band) return d;
  }
}

std::vector<std::string> Words(std::string_view utf8) {
  std::vector<std::string> words;
  std::string word;
  for (char32_t c : CollapseWhitespace(utf8)) {
    if (c == U' ') {
      words.push_back(std::move(word));
      word.clear();
      continue;
    }
    internal::AppendUtf8(word, static_cast<UChar32>(c));
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

size_t EditDistance(std::u32string_view a, std::u32string_view b) { return Distance(a, b); }
size_t EditDistance(const std::vector<std::string>& a, const std::vector<std::string>& b) { return Distance(a, b); }

std::u32string CollapseWhitespace(std::string_view utf8) {
  std::u32string out;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  bool pending_space = false;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (u_isUWhiteSpace(c) || c < 0x20) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(U' ');
    pending_space = false;
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

double CharacterErrorRate(std::string_view reference, std::string_view hypothesis) {
  const std::u32string ref = CollapseWhitespace(reference), hyp = CollapseWhitespace(hypothesis);
  if (ref.empty()) return hyp.empty() ? 0.0 : 1.0;
  return double(EditDistance(ref, hyp)) / double(ref.size());
}

double WordErrorRate(std::string_view reference, std::string_view hypothesis) {
  const std::vector<std::string> ref = Words(reference), hyp = Words(hypothesis);
  if (ref.empty()) return hyp.empty() ? 0.0 : 1.0;
  return double(EditDistance(ref, hyp)) / double(ref.size());
}

}  // namespace vanban
