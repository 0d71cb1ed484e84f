#include "vanban/normalize.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/text.h"

namespace vanban {
namespace {

// One printed line as the paragraph builder sees it.
struct SourceLine {
  std::string_view raw;       // printed text of the line
  std::vector<bool> removed;  // bytes of `raw` dropped as markup (empty: none)
  std::string clean;          // raw without removed bytes, trimmed: used for layout decisions
  int page = 0;
  size_t printed_offset = 0;  // of raw in the page's printed text
  int blank_before = 0;       // blank lines (or a layout gap, counted as 2) before this line
  double fill = -1;           // how much of the text width the line fills, -1 when unknown
  bool indented = false;      // starts right of the page's text margin (layout sources only)
  bool from_layout = false;   // fill and indent come from boxes, not from character counts
  bool heading_mark = false;  // a markdown heading ("## ..."): always its own paragraph
};

struct Codepoint {
  UChar32 c;
  size_t begin, end;
};

std::vector<Codepoint> Codepoints(std::string_view s) {
  std::vector<Codepoint> out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back({c < 0 ? 0xFFFD : c, static_cast<size_t>(start), static_cast<size_t>(i)});
  }
  return out;
}

bool IsSpace(UChar32 c) { return c < 0x20 || c == 0x7F || u_isUWhiteSpace(c); }
// Invisible characters that PDF producers and editors leave inside words.
bool IsInvisible(UChar32 c) { return c == 0x00AD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF; }

size_t CountCodepoints(std::string_view s) {
  size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

std::string_view Trim(std::string_view s) {
  const std::vector<Codepoint> cps = Codepoints(s);
  size_t b = 0, e = cps.size();
  while (b < e && (IsSpace(cps[b].c) || IsInvisible(cps[b].c))) ++b;
  while (e > b && (IsSpace(cps[e - 1].c) || IsInvisible(cps[e - 1].c))) --e;
  if (b == e) return {};
  return s.substr(cps[b].begin, cps[e - 1].end - cps[b].begin);
}

// ---- markdown marks -------------------------------------------------------------------------

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
  for (const RE2* re : {&kHeading, &kBold, &kLink, &kEmphasisOpen, &kEmphasisClose}) {
    RemoveGroups(*re, line.raw, line.removed);
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

// ---- layout decisions -----------------------------------------------------------------------

bool StartsWithOutlineMarker(std::string_view s) {
  // Bullets, 1. / 1.2. / 1), a) / (a), Roman I. / II), and the parts of normative texts.
  static const RE2 kMarker(
      R"(^(?:[-+•–—▪◦∙]\s*\S|\d{1,2}(?:\.\d{1,2})*[.)](?:\s|\p{Lu})|\(?[a-zđ]\)\s|\([0-9]{1,2}\)\s|)"
      R"([IVXLC]{1,7}[.)]\s|(?i:chương|mục|điều|phần|phụ lục)\s+[0-9IVXLC]+\b))");
  return RE2::PartialMatch(s, kMarker);
}


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

// Word processors break lines after the hyphen or slash inside a number and symbol
// ("22-TT/" + "TU", "2021-" + "2025"); such a line end joins without a space.
bool EndsInsideToken(std::string_view text) {
  if (text.size() < 2 || (text.back() != '-' && text.back() != '/')) return false;
  const char before = text[text.size() - 2];
  return before != ' ' && before != '\n';
}

// A row of a table laid out as text: "2 | Giao chỉ tiêu | Phòng KHTC | Tháng 4/2022".
bool IsTableRow(std::string_view s) { return std::count(s.begin(), s.end(), '|') >= 2; }

bool StartsParagraph(const SourceLine& prev, const SourceLine& cur, bool double_spaced) {
  // "Nghị quyết số 29-" + "NQ/TW": a line that ends inside a number and symbol goes on.
  if (EndsInsideToken(prev.clean)) return false;
  if (IsTableRow(prev.clean) || IsTableRow(cur.clean)) return true;
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

// ---- two-column regions -----------------------------------------------------------------------

// Plain text laid out by position (pdftotext -layout, typed headers) prints two columns side by side:
// issuer | national motto, number | place and date, copies-to | signature. Such a line has a wide gap
// with text resuming far to the right.
struct ColumnCut {
  size_t indent = 0;          // leading spaces, in characters
  size_t left_end = 0;        // bytes of the left part (0 when the line has no gap)
  size_t right_begin = 0;     // byte where the right part starts
  size_t right_column = 0;    // character column of the right part
};

// The right column of a header or signature holds the motto, the place and date, or the signature
// block: a narrower gap suffices before those.
bool LooksLikeRightColumn(std::string_view right) {
  static const RE2 kRightColumn(R"(^(?:\p{Lu}[\p{Lu}\s.-]{5,}$|(?:TM|KT|TL|TUQ|Q)\.|[^,]{2,40},\s*ngày\s))");
  return RE2::PartialMatch(right, kRightColumn);
}

ColumnCut CutColumns(std::string_view raw) {
  constexpr size_t kMinGap = 5, kMinGapBeforeHeader = 3, kMinRightColumn = 25;
  ColumnCut cut;
  size_t column = 0, i = 0;
  while (i < raw.size() && raw[i] == ' ') ++i, ++column;
  cut.indent = column;
  bool seen_text = false;
  while (i < raw.size()) {
    if (raw[i] == ' ' && seen_text) {
      const size_t gap_begin = i, gap_column = column;
      while (i < raw.size() && raw[i] == ' ') ++i, ++column;
      const size_t gap = column - gap_column;
      if (i < raw.size() && column >= kMinRightColumn &&
          (gap >= kMinGap || (gap >= kMinGapBeforeHeader && LooksLikeRightColumn(Trim(raw.substr(i)))))) {
        cut.left_end = gap_begin;
        cut.right_begin = i;
        cut.right_column = column;
        return cut;
      }
      continue;
    }
    seen_text = true;
    column += (static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80;
    ++i;
  }
  return cut;
}

// Reorders each two-column region of one page's lines: its left column, then its right column.
void SplitColumns(std::vector<SourceLine>& page) {
  std::vector<ColumnCut> cuts;
  for (const SourceLine& l : page) cuts.push_back(CutColumns(l.raw));
  const auto is_split = [&](size_t k) { return cuts[k].left_end > 0; };
  std::vector<SourceLine> out;
  size_t i = 0;
  while (i < page.size()) {
    if (!is_split(i)) {
      out.push_back(page[i++]);
      continue;
    }
    const size_t boundary = cuts[i].right_column;
    const auto right_only = [&](size_t k) { return !is_split(k) && cuts[k].indent + 8 >= boundary; };
    // Left-column lines under a split line: list entries ("- Như trên;") and short continuations
    // (the second line of a "V/v ..." subject).
    const auto left_entry = [&](size_t k) {
      const std::string_view t = Trim(page[k].raw);
      return !is_split(k) && page[k].blank_before == 0 && !t.empty() &&
             (t[0] == '-' || t[0] == '+' || (cuts[k].indent < 8 && CountCodepoints(t) + cuts[k].indent < boundary));
    };
    // A right-only line just above the first split line belongs to the region ("Độc lập ..." printed alone).
    std::vector<SourceLine> left, right;
    size_t j = i;
    while (j < page.size() && (j == i || is_split(j) || right_only(j) || left_entry(j))) {
      if (is_split(j)) {
        SourceLine l = page[j], r = page[j];
        l.raw = page[j].raw.substr(0, cuts[j].left_end);
        r.raw = page[j].raw.substr(cuts[j].right_begin);
        r.printed_offset += cuts[j].right_begin;
        left.push_back(l);
        right.push_back(r);
      } else if (right_only(j)) {
        right.push_back(page[j]);
      } else {
        left.push_back(page[j]);
      }
      ++j;
    }
    // Each column starts its own paragraphs, and so does what follows the region.
    if (!right.empty()) right.front().blank_before = std::max(right.front().blank_before, 2);
    for (auto& l : left) out.push_back(l);
    for (auto& r : right) out.push_back(r);
    if (j < page.size()) page[j].blank_before = std::max(page[j].blank_before, 2);
    i = j;
  }
  page = std::move(out);
}

// ---- collecting lines -----------------------------------------------------------------------

std::vector<SourceLine> CollectLines(const Document& doc) {
  std::vector<SourceLine> all;
  for (const Page& page : doc.pages) {
    if (page.needs_ocr) continue;
    std::vector<SourceLine> lines;
    // The text margins of a laid-out page, for fill and indent.
    double left = 1e18, right = -1e18;
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) {
        if (line.box && !Trim(line.text).empty()) {
          left = std::min(left, line.box->x0);
          right = std::max(right, line.box->x1);
        }
      }
    }
    // A page of one or two lines does not show its right margin; assume it mirrors the left one.
    if (right > left && page.width > 0) right = std::max(right, page.width - left);
    const bool has_layout = right > left;
    size_t offset = 0;
    int blanks = 0;
    for (size_t b = 0; b < page.blocks.size(); ++b) {
      const Block& block = page.blocks[b];
      for (size_t l = 0; l < block.lines.size(); ++l) {
        const Line& line = block.lines[l];
        const size_t line_offset = offset;
        offset += line.text.size() + 1;
        if (Trim(line.text).empty()) {
          ++blanks;
          continue;
        }
        SourceLine sl;
        sl.raw = line.text;
        sl.page = page.number;
        sl.printed_offset = line_offset;
        sl.blank_before = blanks;
        if (l == 0 && b > 0) sl.blank_before = std::max(sl.blank_before, 2);  // a layout gap between blocks
        if (has_layout && line.box) {
          sl.fill = (line.box->x1 - left) / (right - left);
          sl.indented = line.box->x0 - left > 0.03 * (right - left);
          sl.from_layout = true;
        }
        lines.push_back(std::move(sl));
        blanks = 0;
      }
    }
    if (!has_layout) SplitColumns(lines);
    for (SourceLine& l : lines) all.push_back(std::move(l));
  }
  return all;
}

// Plain text has no geometry: a line's fill is its length against the document's usual full line.
void EstimateFillFromLengths(std::vector<SourceLine>& lines) {
  std::vector<size_t> lengths;
  for (const SourceLine& l : lines) {
    if (l.fill < 0) lengths.push_back(CountCodepoints(l.clean));
  }
  if (lengths.size() < 8) return;
  std::sort(lengths.begin(), lengths.end());
  const size_t typical = lengths[lengths.size() * 8 / 10];
  if (typical < 30) return;
  for (SourceLine& l : lines) {
    if (l.fill < 0) l.fill = std::min(1.0, double(CountCodepoints(l.clean)) / double(typical));
  }
}

// Text extracted from PDFs often has a blank line after every printed line; then only two or more
// blank lines separate paragraphs.
bool IsDoubleSpaced(const std::vector<SourceLine>& lines) {
  if (lines.size() < 6) return false;
  // Only hard-wrapped text (lines of a printed width) can be double-spaced; a blank line between lines
  // that are whole paragraphs (web pages, word processors) is a real paragraph break.
  std::vector<size_t> lengths;
  for (const SourceLine& l : lines) lengths.push_back(CountCodepoints(l.clean));
  std::sort(lengths.begin(), lengths.end());
  if (lengths[lengths.size() * 8 / 10] > 120) return false;
  size_t single_blank = 0;
  for (size_t i = 1; i < lines.size(); ++i) single_blank += lines[i].blank_before == 1;
  return single_blank * 2 >= lines.size() - 1;
}

// Appends the tokens of `line` (split at white space, invisible characters dropped) to `out`.
void AppendTokens(const SourceLine& line, std::string& out, TextMap& map, bool& paragraph_empty) {
  const std::vector<Codepoint> cps = Codepoints(line.raw);
  bool first_token = true;
  size_t i = 0;
  while (i < cps.size()) {
    const auto skipped = [&](size_t k) {
      return IsInvisible(cps[k].c) || (!line.removed.empty() && line.removed[cps[k].begin]);
    };
    while (i < cps.size() && (IsSpace(cps[i].c) || skipped(i))) ++i;
    if (i >= cps.size()) break;
    std::string token;
    size_t first = cps[i].begin, last = cps[i].end;
    for (; i < cps.size() && !IsSpace(cps[i].c); ++i) {
      if (skipped(i)) continue;
      token.append(line.raw.substr(cps[i].begin, cps[i].end - cps[i].begin));
      last = cps[i].end;
    }
    if (token.empty()) continue;
    token = ToNfc(token);
    const bool glued = first_token && !paragraph_empty && EndsInsideToken(out) && u_isalnum(Codepoints(token)[0].c);
    first_token = false;
    if (!paragraph_empty && !glued) out.push_back(' ');
    map.Add({out.size(), token.size(), {line.page, line.printed_offset + first}, last - first});
    out += token;
    paragraph_empty = false;
  }
}

}  // namespace

std::string LaidOutTextInReadingOrder(std::string_view page_text) {
  // The page goes through the line collection Normalize uses, so the columns are split exactly as
  // they are for a plain-text document.
  Document doc;
  Page& page = doc.pages.emplace_back();
  page.number = 1;
  Block& block = page.blocks.emplace_back();
  for (size_t start = 0; start <= page_text.size();) {
    size_t end = page_text.find('\n', start);
    if (end == std::string_view::npos) end = page_text.size();
    std::string_view line = page_text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    block.lines.push_back(Line{std::string(line), 1, std::nullopt, 1.0f, Origin::kPlainText, {}});
    start = end + 1;
  }
  std::string out;
  for (const SourceLine& l : CollectLines(doc)) {
    if (l.blank_before > 0 && !out.empty()) out.push_back('\n');
    out.append(Trim(l.raw));
    out.push_back('\n');
  }
  return out;
}

Document Normalize(Document doc, const NormalizeOptions& options) {
  doc.text.clear();
  doc.paragraphs.clear();
  doc.text_map = TextMap();
  std::vector<SourceLine> lines = CollectLines(doc);
  const bool plain = !doc.pages.empty() && doc.pages.front().origin == Origin::kPlainText;
  if (plain && options.strip_markdown && LooksLikeMarkdown(lines)) {
    for (SourceLine& line : lines) MarkMarkdown(line);
  }
  for (SourceLine& line : lines) line.clean = CleanText(line);
  std::erase_if(lines, [](const SourceLine& l) { return l.clean.empty(); });
  EstimateFillFromLengths(lines);
  const bool double_spaced = IsDoubleSpaced(lines);

  // Group lines into paragraphs. Footnote paragraphs wait in `pending_footnotes` until the body
  // paragraph they interrupted is complete.
  struct Group {
    std::vector<size_t> lines;
    bool footnote = false;
  };
  std::vector<Group> groups, pending_footnotes;
  const auto flush_footnotes = [&] {
    for (Group& g : pending_footnotes) groups.push_back(std::move(g));
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
    const int footnote = FootnoteNumber(cur.clean);
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

  for (const Group& group : groups) {
    if (!doc.paragraphs.empty()) doc.text.push_back('\n');
    Paragraph paragraph{{doc.text.size(), doc.text.size()}, lines[group.lines.front()].page, group.footnote};
    bool paragraph_empty = true;
    for (size_t i : group.lines) AppendTokens(lines[i], doc.text, doc.text_map, paragraph_empty);
    paragraph.span.end = doc.text.size();
    doc.paragraphs.push_back(paragraph);
  }
  return doc;
}

}  // namespace vanban
