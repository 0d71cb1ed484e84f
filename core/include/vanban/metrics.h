// Error rates for measuring text against a reference: OCR and extraction accuracy in tests and
// benchmarks. Thread-safe pure functions.
#ifndef VANBAN_METRICS_H_
#define VANBAN_METRICS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vanban {

// Levenshtein distance (insert, delete, substitute cost 1). Runs in O((n + m) * d) for distance d,
// so near-identical long texts are cheap.
size_t EditDistance(std::u32string_view a, std::u32string_view b);
size_t EditDistance(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Text with every run of white space made one space and the ends trimmed, as code points.
std::u32string CollapseWhitespace(std::string_view utf8);

// Character error rate: edit distance over code points after collapsing white space, divided by
// the reference length. Word error rate: the same over white-space separated words.
double CharacterErrorRate(std::string_view reference, std::string_view hypothesis);
double WordErrorRate(std::string_view reference, std::string_view hypothesis);

}  // namespace vanban

#endif  // VANBAN_METRICS_H_
