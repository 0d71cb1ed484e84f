// Helpers shared by the built-in extractors.
#ifndef VANBAN_PLUGINS_COMMON_PLUGIN_UTIL_H_
#define VANBAN_PLUGINS_COMMON_PLUGIN_UTIL_H_

#include <algorithm>
#include <string>
#include <string_view>

#include "vanban/document.h"
#include "vanban/rules.h"

namespace vanban::plugins {

// Page of the paragraph that contains byte `offset` of Document::text.
inline int PageAt(const Document& doc, size_t offset) {
  auto it = std::upper_bound(doc.paragraphs.begin(), doc.paragraphs.end(), offset,
                             [](size_t off, const Paragraph& p) { return off < p.span.begin; });
  return it == doc.paragraphs.begin() ? 1 : std::prev(it)->page;
}

inline std::string_view ParagraphText(const Document& doc, size_t p) { return doc.SpanText(doc.paragraphs[p].span); }

// Strips whole characters of `junk` (UTF-8) from both ends. Byte-wise stripping would cut a
// multi-byte character that shares its lead bytes with "–" or "•" (OCR reads "„" from ink).
inline std::string Trim(std::string_view s, std::string_view junk = " \t-–•;,.:") {
  const auto char_length = [](unsigned char lead) -> size_t {
    return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  };
  const auto is_junk = [&](std::string_view c) {
    for (size_t i = 0; i < junk.size(); i += char_length(static_cast<unsigned char>(junk[i]))) {
      if (junk.substr(i, char_length(static_cast<unsigned char>(junk[i]))) == c) return true;
    }
    return false;
  };
  while (!s.empty()) {
    const size_t n = std::min(s.size(), char_length(static_cast<unsigned char>(s[0])));
    if (!is_junk(s.substr(0, n))) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    size_t start = s.size() - 1;  // back up over continuation bytes to the last character's lead
    while (start > 0 && s.size() - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    if (!is_junk(s.substr(start))) break;
    s.remove_suffix(s.size() - start);
  }
  return std::string(s);
}

// A rule match's named group as a string ("" when absent).
inline std::string Group(const RuleMatch& m, std::string_view text, std::string_view name) {
  return std::string(m.GroupText(text, name));
}

inline int GroupInt(const RuleMatch& m, std::string_view text, std::string_view name) {
  const std::string_view g = m.GroupText(text, name);
  int v = 0;
  for (char c : g) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return g.empty() ? 0 : v;
}

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_COMMON_PLUGIN_UTIL_H_
