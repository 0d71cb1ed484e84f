#include "vanban/metrics.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>


#include "vanban/internal/edit_distance.h"
#include "vanban/internal/utf8.h"

namespace vanban {
namespace {

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

size_t EditDistance(std::u32string_view a, std::u32string_view b) { return internal::EditDistance(a, b); }
size_t EditDistance(const std::vector<std::string>& a, const std::vector<std::string>& b) { return internal::EditDistance(a, b); }

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
