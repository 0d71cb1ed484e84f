// Internal UTF-8 helpers over ICU's macros, shared by the text modules.
#ifndef VANBAN_CORE_SRC_TEXT_UTF8_UTIL_H_
#define VANBAN_CORE_SRC_TEXT_UTF8_UTIL_H_

#include <unicode/utf8.h>

#include <string>
#include <string_view>

namespace vanban::internal {

// Appends `c` as UTF-8; values that are not Unicode scalar values are dropped.
inline void AppendUtf8(std::string& out, UChar32 c) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

// Decodes UTF-8; ill-formed sequences become U+FFFD.
inline std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

inline std::string FromU32(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) AppendUtf8(out, static_cast<UChar32>(c));
  return out;
}

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_TEXT_UTF8_UTIL_H_
