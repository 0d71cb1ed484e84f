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

// The first sentence of an outline item or a table cell, without its marker.
inline std::string FirstSentence(std::string_view paragraph, std::string_view marker) {
  std::string_view rest = paragraph.substr(std::min(marker.size(), paragraph.size()));
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  // Up to a period followed by a space and a capital, or up to a colon followed by a space or the
  // end. A scan, not a regex: items can be long.
  for (size_t i = 2; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c != '.' && c != ':') continue;
    // Not "18.6" or "TP.HCM": the period must close a word and be followed by a space.
    if (i + 1 < rest.size() && rest[i + 1] != ' ') continue;
    if (c == ':') return Trim(rest.substr(0, i), " ");
    if (i + 2 >= rest.size()) return Trim(rest.substr(0, i), " ");
    if (StartsWithCapital(rest.substr(i + 2)) && rest[i - 1] != ' ' && rest[i - 2] != ' ') {
      return Trim(rest.substr(0, i), " ");
    }
  }
  return Trim(rest, " .:;");
}

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_COMMON_PLUGIN_UTIL_H_
