// Which lines make a paragraph: the layout grammar of administrative documents (outline markers,
// capital headings, sentence ends, layout gaps, footnotes), never the words of one document.
#include <re2/re2.h>

#include "normalize_internal.h"
#include "vanban/grammar.h"
#include "vanban/text.h"

namespace vanban::internal {
namespace {



bool EndsWithSentenceEnd(std::string_view s) {
  const std::vector<Codepoint> cps = Codepoints(s);
  size_t e = cps.size();
  while (e > 0 && (cps[e - 1].c == ')' || cps[e - 1].c == '"' || cps[e - 1].c == 0x201D || cps[e - 1].c == '*' ||
                   cps[e - 1].c == '/' || IsSpace(cps[e - 1].c))) {
    --e;
  }
  if (e == 0) return false;
  const UChar32 c = cps[e - 1].c;
  return c == '.' || c == ':' || c == ';' || c == '!' || c == '?';
}

bool StartsWithCapitalOrDigit(std::string_view s) {
  for (const Codepoint& cp : Codepoints(s)) {
    if (cp.c == '"' || cp.c == '(' || cp.c == 0x201C || cp.c == '[' || cp.c == '\'') continue;
    return u_isupper(cp.c) || u_isdigit(cp.c);
  }
  return false;
}

// Footnotes extracted from a page's foot start with their number: "1 Nghị định 70/2008/NĐ-CP ...".
// Returns that number, or 0.
int FootnoteNumber(std::string_view s) {
  static const RE2 kFootnoteStart(R"(^(\d{1,2})\s+\p{Lu})");
  int number = 0;
  return RE2::PartialMatch(s, kFootnoteStart, &number) ? number : 0;
}

bool StartsWithLowercase(std::string_view s) {
  const std::vector<Codepoint> cps = Codepoints(s.substr(0, 8));
  return !cps.empty() && u_islower(cps[0].c);
}

// A Vietnamese sentence cannot end on a preposition, conjunction or plural marker, so a line ending
// on one continues whatever follows it.
bool EndsWithFunctionWord(std::string_view s) {
  static const RE2 kFunctionWord(
      R"((?i)(?:^|\s)(?:của|và|về|các|với|cho|trong|theo|tại|được|những|để|từ|đến|là|có|hoặc|hay|như|do|bởi|)"
      R"(nhằm|trên|dưới|ngày|tháng|năm|số|thuộc|đối|giữa|vào|ra|mà|thì|nhưng|này|sự|việc|cùng)\s*$)");
  return RE2::PartialMatch(s, kFunctionWord);
}

}  // namespace

bool EndsInsideToken(std::string_view text) {
  if (text.size() < 2 || (text.back() != '-' && text.back() != '/')) return false;
  const char before = text[text.size() - 2];
  return before != ' ' && before != '\n';
}

namespace {

// A row of a table laid out as text: "2 | Giao chỉ tiêu | Phòng KHTC | Tháng 4/2022". Counted in print:
// markdown stripping drops the bars at a row's ends, and with them those of its empty edge cells.
bool IsTableRow(const SourceLine& line) { return std::count(line.raw.begin(), line.raw.end(), '|') >= 2; }

bool StartsParagraph(const SourceLine& prev, const SourceLine& cur, bool double_spaced) {
  // "Nghị quyết số 29-" + "NQ/TW": a line that ends inside a number and symbol goes on.
  if (cur.cell_start) return true;
  // A table's edge: the paragraph after a table is not its last cell's.
  if (prev.cell.table != cur.cell.table) return true;
  // The next piece of a laid-out table's cell (its pieces come together, top to bottom).
  if (cur.cell.laid_out && cur.cell == prev.cell) return false;
  if (cur.inside_bold) return false;
  if (EndsInsideToken(prev.clean)) return false;
  if (IsTableRow(prev) || IsTableRow(cur)) return true;
  if (cur.heading_mark || prev.heading_mark) return true;
  if (StartsWithOutlineMarker(cur.clean)) return true;
  // A lower-case line after an unfinished sentence continues it across any gap (a page break).
  if (StartsWithLowercase(cur.clean) && !EndsWithSentenceEnd(prev.clean)) return false;
  if (cur.blank_before >= (double_spaced ? 2 : 1)) return true;
  if (IsAllCapitals(prev.clean, 3) || IsAllCapitals(cur.clean, 3)) return true;
  if (!StartsWithCapitalOrDigit(cur.clean)) return false;
  // A line that stops short, or a full line that ends a sentence, closes its paragraph when the next
  // line begins like a new one.
  if (EndsWithSentenceEnd(prev.clean) && FootnoteNumber(cur.clean) > 0) return true;
  if (EndsWithFunctionWord(prev.clean)) return false;
  // Geometry from a layout is exact; lengths of plain-text lines vary more, so they need a shorter line.
  if (prev.fill >= 0 && prev.fill < (prev.from_layout ? 0.8 : 0.6)) return true;
  if (EndsWithSentenceEnd(prev.clean) && (prev.fill < 0 || prev.fill < 0.9)) return true;
  return cur.indented;
}

}  // namespace

std::vector<LineGroup> GroupLines(const std::vector<SourceLine>& lines, bool double_spaced) {
  // Group lines into paragraphs. Footnote paragraphs wait in `pending_footnotes` until the body
  // paragraph they interrupted is complete.
  std::vector<LineGroup> groups, pending_footnotes;
  const auto flush_footnotes = [&] {
    for (LineGroup& g : pending_footnotes) groups.push_back(std::move(g));
    pending_footnotes.clear();
  };
  bool in_footnotes = false;
  int last_footnote = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const SourceLine& cur = lines[i];
    if (i == 0) {
      groups.push_back({{i}, false});
      continue;
    }
    const SourceLine& prev = lines[i - 1];
    // A cell "1 Sở Tài chính" is a row, not a footnote.
    const int footnote = cur.cell.table >= 0 ? 0 : FootnoteNumber(cur.clean);
    // The next footnote number, after a sentence end or after the gap above a page's footnotes.
    const bool next_footnote = footnote == last_footnote + 1 &&
                               (EndsWithSentenceEnd(prev.clean) || cur.blank_before >= (double_spaced ? 2 : 1));
    if (in_footnotes && footnote == last_footnote + 1) {
      pending_footnotes.push_back({{i}, true});
      last_footnote = footnote;
      continue;
    }
    if (in_footnotes) {
      // A footnote block runs to the foot of its page: it ends at a page change (in double-spaced text,
      // where a missing blank line marks the page break), at an outline marker, or where a lower-case
      // line resumes the interrupted sentence.
      const bool block_ends = cur.page != prev.page || (double_spaced && cur.blank_before == 0) ||
                              StartsWithOutlineMarker(cur.clean) ||
                              (EndsWithSentenceEnd(prev.clean) && StartsWithLowercase(cur.clean));
      if (!block_ends) {
        if (StartsParagraph(prev, cur, double_spaced)) {
          pending_footnotes.push_back({{i}, true});
        } else {
          pending_footnotes.back().lines.push_back(i);
        }
        continue;
      }
      in_footnotes = false;
      const SourceLine& body_last = lines[groups.back().lines.back()];
      if (!groups.back().footnote && !StartsParagraph(body_last, cur, double_spaced)) {
        groups.back().lines.push_back(i);  // the interrupted paragraph goes on
        continue;
      }
      flush_footnotes();
      groups.push_back({{i}, false});
      continue;
    }
    if (next_footnote) {
      in_footnotes = true;
      last_footnote = footnote;
      pending_footnotes.push_back({{i}, true});
      continue;
    }
    if (StartsParagraph(prev, cur, double_spaced)) {
      flush_footnotes();
      groups.push_back({{i}, false});
    } else {
      groups.back().lines.push_back(i);
    }
  }
  flush_footnotes();

  return groups;
}

}  // namespace vanban::internal
