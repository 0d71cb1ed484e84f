#include "vanban/structure.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>

#include "vanban/grammar.h"
#include "vanban/text.h"

namespace vanban {
namespace {

// ---- paragraph shapes ------------------------------------------------------------------------



const RE2& NumberLine() {
  static const RE2 re(R"(^Số\s*:?\s*\S*\s*/)");
  return re;
}
const RE2& PlaceDateLine() {
  static const RE2 re(R"(^[^,;:]{2,60},\s*ngày\s.*\snăm\s+\d{4})");
  return re;
}
const RE2& CopiesToLine() {
  static const RE2 re(R"(^(?i:nơi nhận)\s*:?)");
  return re;
}
const RE2& ClosingLine() {
  static const RE2 re(R"(^Trên đây(?:\s|,)|\./\.\s*$)");
  return re;
}
// A line of the header zone that OCR made of specks, rule lines and seal ink ("SỐ c Ủ ;,. _ ~
// Chị.9"): fewer than 3 of 5 of its visible characters are letters, or no word has 3 letters. Such a
// line neither ends the header zone nor gives it anything.
bool IsOcrNoiseLine(std::string_view t) {
  int letters = 0, visible = 0, run = 0, longest = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(t.size());) {
    UChar32 c = 0;
    U8_NEXT(t.data(), i, static_cast<int32_t>(t.size()), c);
    if (c < 0 || u_isspace(c)) {
      run = 0;
      continue;
    }
    ++visible;
    if (u_isalpha(c)) {
      ++letters;
      longest = std::max(longest, ++run);
    } else {
      run = 0;
    }
  }
  return visible > 0 && (5 * letters < 3 * visible || longest < 3);
}

// Type titles printed in capitals at the head of a document (Phụ lục III, Nghị định 30/2020/NĐ-CP).
bool IsTypeTitle(std::string_view s) {
  static const char* const kTitles[] = {
      "kế hoạch", "quyết định", "báo cáo", "nghị định", "nghị quyết", "thông tư", "thông tư liên tịch", "chỉ thị",
      "hướng dẫn", "thông báo", "tờ trình", "chương trình", "quy chế", "quy định", "công điện", "đề án",
      "phương án", "giấy mời", "biên bản", "công văn", "thông tri", "kết luận", "luật", "pháp lệnh"};
  if (!IsAllCapitals(s)) return false;
  std::string m = MatchForm(s);
  while (!m.empty() && (m.back() == ':' || m.back() == ' ')) m.pop_back();
  return std::any_of(std::begin(kTitles), std::end(kTitles), [&](const char* t) { return m == t; });
}

bool Matches(std::string_view s, const RE2& re) { return RE2::PartialMatch(s, re); }

// "(Ban hành kèm theo Quyết định số …)", "Kèm theo Công văn …": the line under an attachment's title.
const RE2& AttachedLine() {
  static const RE2 re(R"(^[(\[]?\s*(?:(?i:ban hành)\s+)?(?i:kèm theo)\s)");
  return re;
}

// The names that open an attachment's title, in capitals ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG").
constexpr std::string_view kAttachmentTitleWords =
    "KẾ HOẠCH|CHƯƠNG TRÌNH|QUY CHẾ|QUY ĐỊNH|PHỤ LỤC|DANH MỤC|ĐỀ ÁN|PHƯƠNG ÁN|HƯỚNG DẪN|ĐIỀU LỆ|QUY TRÌNH|"
    "BỘ THỦ TỤC|THỦ TỤC HÀNH CHÍNH|NỘI QUY|TIÊU CHÍ|BẢNG|BIỂU";

enum class AttachmentStart {
  kNone,
  kOwnParagraph,  // the title is a paragraph of its own
  kRunTogether,   // a copy ran the signer's name and the title into one paragraph:
                  // "KT. BỘ TRƯỞNG THỨ TRƯỞNG Đinh Trung Tụng KẾ HOẠCH TRIỂN KHAI …"
};

// Whether an attachment starts at paragraph `k`: a short capital title that opens with a type name
// or "PHỤ LỤC", its "kèm theo" line a few paragraphs below (after the subject lines); or, run
// together with the signature above it, such a title followed by the attachment's first outline item
// or its "kèm theo" line.
AttachmentStart StartsAttachment(const std::vector<std::string_view>& text, size_t k) {
  static const RE2 own("^(?:" + std::string(kAttachmentTitleWords) + ")(?:\\s|$)");
  static const RE2 run_together("\\p{Ll}\\s+((?:" + std::string(kAttachmentTitleWords) + ")(?:\\s.*)?)$");
  const std::string_view t = text[k];
  if (t.size() > 1500 || Matches(t, AttachedLine())) return AttachmentStart::kNone;
  if (t.size() <= 300 && IsAllCapitals(t) && Matches(t, own)) {
    // A long title runs over up to five lines, which web copies keep as paragraphs of their own.
    for (size_t j = k; j < text.size() && j <= k + 6; ++j) {
      if (Matches(text[j], AttachedLine())) return AttachmentStart::kOwnParagraph;
    }
    return AttachmentStart::kNone;
  }
  std::string title;
  if (!RE2::PartialMatch(t, run_together, &title)) return AttachmentStart::kNone;
  // The title in capitals, then often its "(Ban hành kèm theo …)" in the same paragraph.
  static const RE2 attached_inside(R"((\(\s*(?:(?i:ban hành)\s+)?(?i:kèm theo)\s))");
  re2::StringPiece inside;
  const bool attached = RE2::PartialMatch(title, attached_inside, &inside);
  const std::string_view capitals =
      attached ? std::string_view(title).substr(0, static_cast<size_t>(inside.data() - title.data())) : title;
  if (!IsAllCapitals(capitals)) return AttachmentStart::kNone;
  if (attached || (k + 1 < text.size() && (StartsWithOutlineMarker(text[k + 1]) || Matches(text[k + 1], AttachedLine())))) {
    return AttachmentStart::kRunTogether;
  }
  return AttachmentStart::kNone;
}

}  // namespace

DocumentStructure AnalyzeStructure(const Document& doc) {
  DocumentStructure st;
  const size_t n = doc.paragraphs.size();
  st.roles.assign(n, ParagraphRole::kBody);
  std::vector<std::string_view> text(n);
  for (size_t i = 0; i < n; ++i) text[i] = doc.SpanText(doc.paragraphs[i].span);
  for (size_t i = 0; i < n; ++i) {
    if (doc.paragraphs[i].footnote) st.roles[i] = ParagraphRole::kFootnote;
  }

  // Header zone, top down: issuer lines, motto, number, place and date, type title, subject, recipients.
  size_t i = 0;
  bool seen_number_or_title = false;
  bool seen_title = false;  // the type title comes once, above or below the number
  // OCR noise passed over, a few at most, and only in text OCR read (a typed text's short lines,
  // markdown table rules, are structure).
  int noise_lines = 0;
  constexpr int kMaxNoiseLines = 4;
  const auto read_by_ocr = [&](size_t p) {
    const int page = doc.paragraphs[p].page;
    return page >= 1 && static_cast<size_t>(page) <= doc.pages.size() &&
           doc.pages[static_cast<size_t>(page - 1)].origin == Origin::kOcr;
  };
  for (; i < n; ++i) {
    const std::string_view t = text[i];
    ParagraphRole& role = st.roles[i];
    if (role == ParagraphRole::kFootnote) continue;
    if (IsMottoLine(t)) {
      role = ParagraphRole::kMotto;
    } else if (Matches(t, NumberLine())) {
      role = ParagraphRole::kNumber;
      seen_number_or_title = true;
    } else if (Matches(t, PlaceDateLine())) {
      role = ParagraphRole::kPlaceDate;
    } else if (SubjectMarkEnd(t) != std::string_view::npos) {
      role = ParagraphRole::kSubject;
      // A subject printed over several lines can be split into paragraphs; it runs until the next header line.
      while (i + 1 < n && !IsAllCapitals(text[i + 1]) && !StartsWithOutlineMarker(text[i + 1]) &&
             RecipientsMarkEnd(text[i + 1]) == std::string_view::npos && !StartsWithBasisOpener(text[i + 1]) &&
             !Matches(text[i + 1], NumberLine()) && !Matches(text[i + 1], PlaceDateLine()) && i + 2 < n &&
             (Matches(text[i + 2], PlaceDateLine()) || RecipientsMarkEnd(text[i + 2]) != std::string_view::npos ||
              Matches(text[i + 2], NumberLine()))) {
        st.roles[++i] = ParagraphRole::kSubject;
      }
    } else if (!seen_title && IsTypeTitle(t)) {
      role = ParagraphRole::kTypeTitle;
      seen_number_or_title = seen_title = true;
      // The line under the title is the subject, even when it starts like a basis clause
      // ("KẾ HOẠCH / Thực hiện công tác ... năm 2024").
      if (i + 1 < n && !StartsWithOutlineMarker(text[i + 1]) && RecipientsMarkEnd(text[i + 1]) == std::string_view::npos &&
          !Matches(text[i + 1], PlaceDateLine()) && !IsAllCapitals(text[i + 1])) {
        st.roles[++i] = ParagraphRole::kSubject;
      }
    } else if (RecipientsMarkEnd(t) != std::string_view::npos) {
      role = ParagraphRole::kRecipients;
      while (i + 1 < n && StartsWithListBullet(text[i + 1])) st.roles[++i] = ParagraphRole::kRecipients;
    } else if (IsAllCapitals(t) && !StartsWithOutlineMarker(t) && !StartsWithSignatureAuthority(t)) {
      // Issuing body lines above the number; capital lines below the title (the issuing authority of a
      // quyết định, "QUYẾT ĐỊNH:") stay body.
      if (!seen_number_or_title) role = ParagraphRole::kIssuer;
    } else if (!seen_title && noise_lines < kMaxNoiseLines && read_by_ocr(i) && IsOcrNoiseLine(t)) {
      ++noise_lines;  // passed over: the zone goes on below it
    } else {
      break;
    }
  }
  const size_t header_end = i;

  // Tail, bottom up: the signature block and the copies-to list, which extraction interleaves.
  size_t tail_begin = n;
  for (size_t k = n; k-- > header_end;) {
    const std::string_view t = text[k];
    if (Matches(t, CopiesToLine()) || StartsWithSignatureAuthority(t)) tail_begin = k;
  }
  // A signature without TM./KT. still has a capital title line and a name at the very end.
  if (tail_begin == n && n >= 2 && IsAllCapitals(text[n - 2]) && !StartsWithOutlineMarker(text[n - 2])) tail_begin = n - 2;
  // Attachments after the signature: each runs to the next one.
  std::vector<size_t> attachment_starts;
  std::vector<bool> run_together;
  for (size_t k = tail_begin; k < n; ++k) {
    const AttachmentStart start = StartsAttachment(text, k);
    if (start == AttachmentStart::kNone || (start == AttachmentStart::kOwnParagraph && k == tail_begin)) continue;
    attachment_starts.push_back(k);
    run_together.push_back(start == AttachmentStart::kRunTogether);
  }
  // A title run together with the signature stays in the tail: the signer's name is in it.
  const size_t tail_end = attachment_starts.empty() ? n : attachment_starts.front() + (run_together.front() ? 1 : 0);
  // Marks [from, to) as a signature block and copies-to list.
  const auto mark_tail = [&](size_t from, size_t to) {
    bool in_copies = false, after_authority = false;
    for (size_t k = from; k < to; ++k) {
      const std::string_view t = text[k];
      ParagraphRole& role = st.roles[k];
      if (Matches(t, CopiesToLine())) {
        role = ParagraphRole::kCopiesTo;
        in_copies = true;
      } else if (StartsWithSignatureAuthority(t)) {
        role = ParagraphRole::kSignature;
        in_copies = false;
        after_authority = true;
      } else if (in_copies && (StartsWithListBullet(t) || !IsAllCapitals(t))) {
        role = ParagraphRole::kCopiesTo;
      } else if (IsAllCapitals(t) || after_authority || k + 1 == to) {
        role = ParagraphRole::kSignature;
        in_copies = false;
      } else {
        role = ParagraphRole::kClosing;
      }
    }
  };
  mark_tail(tail_begin, tail_end);
  // Closing lines ("Trên đây …", "./.") above a tail at `end` are not body: returns where the body ends.
  const auto body_end_before = [&](size_t begin, size_t end) {
    size_t body_end = end;
    while (body_end > begin && (Matches(text[body_end - 1], ClosingLine()) ||
                                st.roles[body_end - 1] == ParagraphRole::kFootnote)) {
      if (st.roles[body_end - 1] != ParagraphRole::kFootnote) st.roles[body_end - 1] = ParagraphRole::kClosing;
      --body_end;
    }
    // Footnotes right before the closing stay part of the body zone (they are already marked).
    while (body_end < end && st.roles[body_end] == ParagraphRole::kFootnote) ++body_end;
    return body_end;
  };
  for (size_t a = 0; a < attachment_starts.size(); ++a) {
    Attachment att;
    att.title = attachment_starts[a];
    att.end = a + 1 < attachment_starts.size() ? attachment_starts[a + 1] : n;
    size_t k = att.title;
    if (run_together[a]) {
      ++k;  // the title's paragraph is the signature's too
      if (a > 0) st.roles[att.title] = ParagraphRole::kAttachmentTitle;
      if (k < att.end && Matches(text[k], AttachedLine())) st.roles[k++] = ParagraphRole::kAttachmentTitle;
    } else {
      while (k < att.end && !Matches(text[k], AttachedLine())) st.roles[k++] = ParagraphRole::kAttachmentTitle;
      if (k < att.end) st.roles[k++] = ParagraphRole::kAttachmentTitle;
    }
    att.body_begin = k;
    // Its own signature, if it has one, near its end: an attachment's tables can run for pages.
    size_t own_tail = att.end;
    for (size_t t = att.end; t-- > std::max(att.body_begin, att.end > 12 ? att.end - 12 : 0);) {
      if (Matches(text[t], CopiesToLine()) || StartsWithSignatureAuthority(text[t])) own_tail = t;
    }
    mark_tail(own_tail, own_tail == att.end ? own_tail : att.end);
    att.body_end = body_end_before(att.body_begin, own_tail);
    st.attachments.push_back(att);
  }

  // Preamble and body between them.
  const size_t body_end = body_end_before(header_end, tail_begin);
  size_t k = header_end;
  for (; k < body_end; ++k) {
    if (st.roles[k] == ParagraphRole::kFootnote) continue;
    if (StartsWithOutlineMarker(text[k])) break;
    if (StartsWithBasisOpener(text[k]) || text[k].find("nhận được") != std::string_view::npos) {
      st.roles[k] = ParagraphRole::kBasis;
    } else if (RecipientsMarkEnd(text[k]) != std::string_view::npos) {
      st.roles[k] = ParagraphRole::kRecipients;
    }
  }
  st.body_begin = header_end;
  st.body_end = body_end;
  st.tail_end = tail_end;

  // Outline of each part: a stack of open items; a marker kind already open closes everything above
  // it (a sibling), a new kind opens a child. Unmarked paragraphs continue the innermost open item.
  // The cells of a data table (three columns or more, a header and rows) are not outline items: a
  // "1." or "- Cục Khoáng sản" there is a row number or a cell's list, read with the table. Header
  // and signature blocks kept as two-column tables stay with the grammar above.
  // A web page's layout table, whose one cell holds the whole document, is not a data table.
  constexpr size_t kMaxCellParagraphs = 8;
  std::vector<bool> in_table(n, false);
  for (const Table& table : doc.tables) {
    if (table.Columns() < 3 || table.rows.size() < 2) continue;
    // Paragraphs are in text order: the paragraphs of a cell are found by binary search.
    const auto first_at = [&](size_t offset) {
      return static_cast<size_t>(std::lower_bound(doc.paragraphs.begin(), doc.paragraphs.end(), offset,
                                                  [](const Paragraph& para, size_t off) { return para.span.begin < off; }) -
                                 doc.paragraphs.begin());
    };
    bool layout = false;
    for (const TableRow& row : table.rows) {
      for (const Span& cell : row.cells) {
        layout = layout || (cell.size() > 0 && first_at(cell.end) - first_at(cell.begin) > kMaxCellParagraphs);
      }
    }
    if (layout) continue;
    for (size_t p = table.first_paragraph; p < table.end_paragraph && p < n; ++p) in_table[p] = true;
  }
  const auto read_outline = [&](size_t begin, size_t end, int part) {
    std::vector<int> stack;
    const size_t first = st.outline.size();
    for (size_t p = begin; p < end; ++p) {
      if (st.roles[p] == ParagraphRole::kFootnote || st.roles[p] == ParagraphRole::kBasis ||
          st.roles[p] == ParagraphRole::kClosing || in_table[p]) {
        continue;
      }
      const std::optional<OutlineMarker> marker = ParseOutlineMarker(text[p]);
      if (!marker) continue;
      st.roles[p] = ParagraphRole::kOutlineItem;
      // Markers nest by rank: Chương > Mục > Điều > I. > 1.1. > 1. > a) > - > +. A new item closes every
      // open item of its own or a lower rank; what stays open above it is its parent.
      // A "1.2." under an open "1." is its child, not a sibling that outranks it.
      const auto child_of = [&](const OutlineItem& open) {
        return marker->kind == MarkerKind::kArabicNested && open.kind == MarkerKind::kArabic &&
               marker->label.substr(0, marker->label.find('.')) == open.label;
      };
      const auto closes = std::find_if(stack.begin(), stack.end(), [&](int idx) {
        const OutlineItem& open = st.outline[static_cast<size_t>(idx)];
        return open.kind >= marker->kind && !child_of(open);
      });
      stack.erase(closes, stack.end());
      OutlineItem item;
      item.paragraph = p;
      item.kind = marker->kind;
      item.marker = marker->marker;
      item.label = marker->label;
      item.depth = static_cast<int>(stack.size());
      item.parent = stack.empty() ? -1 : stack.back();
      item.part = part;
      st.outline.push_back(item);
      stack.push_back(static_cast<int>(st.outline.size() - 1));
    }
    // Extents: an item's own text runs to the next item of its part.
    for (size_t a = first; a < st.outline.size(); ++a) {
      st.outline[a].end_paragraph = a + 1 < st.outline.size() ? st.outline[a + 1].paragraph : end;
    }
  };
  read_outline(header_end, body_end, 0);
  for (size_t a = 0; a < st.attachments.size(); ++a) {
    read_outline(st.attachments[a].body_begin, st.attachments[a].body_end, static_cast<int>(a + 1));
  }
  return st;
}

}  // namespace vanban
