// Internal UTF-8 helpers over ICU's macros, shared by every stage that walks UTF-8 text.
#ifndef VANBAN_INTERNAL_UTF8_H_
#define VANBAN_INTERNAL_UTF8_H_

#include <unicode/utf8.h>

#include <string>
#include <string_view>
#include <type_traits>

namespace vanban::internal {

// Appends `c` as UTF-8; values that are not Unicode scalar values are dropped.
inline void AppendUtf8(std::string& out, UChar32 c) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

// Calls fn(c, begin, end) for each code point of `utf8` in order, with its byte range; c < 0 for an
// ill-formed sequence. Stops early when fn returns false (fn may also return void).
template <typename Fn>
void ForEachCodepoint(std::string_view utf8, Fn fn) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if constexpr (std::is_same_v<decltype(fn(c, size_t{}, size_t{})), bool>) {
      if (!fn(c, static_cast<size_t>(start), static_cast<size_t>(i))) return;
    } else {
      fn(c, static_cast<size_t>(start), static_cast<size_t>(i));
    }
  }
}

// Decodes UTF-8; ill-formed sequences become U+FFFD.
inline std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  ForEachCodepoint(utf8, [&](UChar32 c, size_t, size_t) { out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c)); });
  return out;
}

inline std::string FromU32(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) AppendUtf8(out, static_cast<UChar32>(c));
  return out;
}

}  // namespace vanban::internal

#endif  // VANBAN_INTERNAL_UTF8_H_
