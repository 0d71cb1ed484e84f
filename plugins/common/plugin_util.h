// Helpers shared by the built-in extractors.
#ifndef VANBAN_PLUGINS_COMMON_PLUGIN_UTIL_H_
#define VANBAN_PLUGINS_COMMON_PLUGIN_UTIL_H_

#include <algorithm>
#include <string>
#include <string_view>

#include "vanban/document.h"
#include "vanban/rules.h"
#include "vanban/text.h"

namespace vanban::plugins {

// Page of the paragraph that contains byte `offset` of Document::text.
inline int PageAt(const Document& doc, size_t offset) {
  auto it = std::upper_bound(doc.paragraphs.begin(), doc.paragraphs.end(), offset,
                             [](size_t off, const Paragraph& p) { return off < p.span.begin; });
  return it == doc.paragraphs.begin() ? 1 : std::prev(it)->page;
}

inline std::string_view ParagraphText(const Document& doc, size_t p) { return doc.SpanText(doc.paragraphs[p].span); }

inline std::string Trim(std::string_view s, std::string_view junk = " \t-–•;,.:") {
  return std::string(TrimCharacters(s, junk));
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
