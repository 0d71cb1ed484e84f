#include <gtest/gtest.h>

#include <random>

#include "vanban/metrics.h"

namespace vanban {
namespace {

// Plain O(n*m) Levenshtein, the reference the banded version must agree with.
size_t FullDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

TEST(Metrics, EditDistanceKnownCases) {
  EXPECT_EQ(EditDistance(U"", U""), 0u);
  EXPECT_EQ(EditDistance(U"đẳng", U"đắng"), 1u);
  EXPECT_EQ(EditDistance(U"kitten", U"sitting"), 3u);
  EXPECT_EQ(EditDistance(U"", U"abc"), 3u);
}

TEST(Metrics, BandedDistanceAgreesWithFullDistance) {
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::u32string a, b;
    const size_t n = rng() % 200;
    for (size_t i = 0; i < n; ++i) a.push_back(U'a' + rng() % 4);
    b = a;
    const int edits = static_cast<int>(rng() % 80);
    for (int e = 0; e < edits; ++e) {
      const size_t pos = b.empty() ? 0 : rng() % b.size();
      switch (rng() % 3) {
        case 0: b.insert(b.begin() + static_cast<long>(pos), U'a' + rng() % 4); break;
        case 1: if (!b.empty()) b.erase(b.begin() + static_cast<long>(pos)); break;
        default: if (!b.empty()) b[pos] = U'a' + rng() % 4; break;
      }
    }
    ASSERT_EQ(EditDistance(a, b), FullDistance(a, b)) << "round " << round;
  }
}

TEST(Metrics, ErrorRatesIgnoreWhitespaceLayout) {
  EXPECT_DOUBLE_EQ(CharacterErrorRate("Bình  đẳng\ngiới", " Bình đẳng giới "), 0.0);
  EXPECT_NEAR(CharacterErrorRate("Bình đẳng giới", "Bình đắng giới"), 1.0 / 14, 1e-9);
  EXPECT_NEAR(WordErrorRate("Bình đẳng giới", "Bình đắng giới"), 1.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(CharacterErrorRate("", ""), 0.0);
}

}  // namespace
}  // namespace vanban
