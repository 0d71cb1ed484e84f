// Markdown marks in plain text copied from web pages: dropped from Document::text, kept in print.
#include <re2/re2.h>

#include <algorithm>

#include "normalize_internal.h"

namespace vanban::internal {

bool LooksLikeMarkdown(const std::vector<SourceLine>& lines) {
  static const RE2 kHeading(R"(^\s*#{1,6}\s+\S)");
  static const RE2 kBold(R"(\*\*\S)");
  static const RE2 kLink(R"(\]\((?:https?|mailto):)");
  int bold = 0;
  for (const SourceLine& line : lines) {
    if (RE2::PartialMatch(line.raw, kHeading) || RE2::PartialMatch(line.raw, kLink)) return true;
    if (RE2::PartialMatch(line.raw, kBold)) ++bold;
  }
  return bold >= 2;
}

// Marks the bytes of every capture group of every match of `re` in `line`.
void RemoveGroups(const RE2& re, std::string_view line, std::vector<bool>& removed) {
  const int groups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> match(static_cast<size_t>(groups) + 1);
  size_t pos = 0;
  while (pos <= line.size() &&
         re.Match(re2::StringPiece(line.data(), line.size()), pos, line.size(), RE2::UNANCHORED, match.data(),
                  groups + 1)) {
    for (int g = 1; g <= groups; ++g) {
      if (match[g].data() == nullptr) continue;
      const size_t b = static_cast<size_t>(match[g].data() - line.data());
      std::fill(removed.begin() + static_cast<long>(b), removed.begin() + static_cast<long>(b + match[g].size()), true);
    }
    const size_t end = static_cast<size_t>(match[0].data() - line.data()) + match[0].size();
    pos = end > pos ? end : pos + 1;
  }
}

void MarkMarkdown(SourceLine& line) {
  static const RE2 kHeading(R"(^(\s*#{1,6}\s+))");
  static const RE2 kBold(R"((\*\*|__))");
  static const RE2 kLink(R"((\[)[^\]]+(\]\([^)\s]*\)))");
  static const RE2 kEmphasisOpen(R"((?:^|\s)(\*)[^\s*])");
  static const RE2 kEmphasisClose(R"([^\s*](\*)(?:$|\s|[.,;:!?)]))");
  line.removed.assign(line.raw.size(), false);
  line.heading_mark = RE2::PartialMatch(line.raw, kHeading);
  // Table bars at a line's ends: web copies print a table one cell per line between such bars, so
  // they are the table's frame, not the cell's text ("Quý IV/2026 |"). Bars between cells stay.
  static const RE2 kEdgeBars(R"(^((?:\s*\|)+)|((?:\|\s*)+)$)");
  for (const RE2* re : {&kHeading, &kBold, &kLink, &kEmphasisOpen, &kEmphasisClose, &kEdgeBars}) {
    RemoveGroups(*re, line.raw, line.removed);
  }
}

void MarkBoldRuns(std::vector<SourceLine>& lines) {
  bool open = false;
  for (SourceLine& line : lines) {
    // A blank line or a table's bars end a paragraph, and with it any run left open by a typo.
    if (line.blank_before > 0 || IsBarsOnly(line.raw)) open = false;
    line.inside_bold = open && !line.clean.empty();
    size_t marks = 0;
    for (size_t p = line.raw.find("**"); p != std::string::npos; p = line.raw.find("**", p + 2)) ++marks;
    if (marks % 2 == 1) open = !open;
  }
}

std::string CleanText(const SourceLine& line) {
  if (line.removed.empty()) return std::string(Trim(line.raw));
  std::string kept;
  for (size_t i = 0; i < line.raw.size(); ++i) {
    if (!line.removed[i]) kept.push_back(line.raw[i]);
  }
  return std::string(Trim(kept));
}

}  // namespace vanban::internal
