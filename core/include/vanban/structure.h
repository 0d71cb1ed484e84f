// Document structure: the roles of a normalized document's paragraphs (header zone, recipients,
// basis clauses, body outline, signature, copies-to, footnotes) and the body outline tree
// (Phần, I./II., 1./2., 1.1., (1), a)/b), -, +, and Chương / Mục / Điều in normative texts; the
// markers are the grammar's, vanban/grammar.h).
//
// Built from the layout grammar of Nghị định 30/2020/NĐ-CP (docs/DOMAIN.md), not from the words of
// any particular document. Real documents bend the rules, and extraction loses parts of the header, so
// every rule accepts what is printed and leaves out what is missing.
#ifndef VANBAN_STRUCTURE_H_
#define VANBAN_STRUCTURE_H_

#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"
#include "vanban/grammar.h"  // MarkerKind

namespace vanban {

enum class ParagraphRole {
  kIssuer,       // issuing body lines of the header ("UBND TỈNH TUYÊN QUANG", "SỞ LAO ĐỘNG ...")
  kMotto,        // Quốc hiệu, Tiêu ngữ
  kNumber,       // "Số: 571/SGDĐT-CTrTT"
  kPlaceDate,    // "Hải Phòng, ngày 16 tháng 3 năm 2020"
  kTypeTitle,    // "KẾ HOẠCH", "QUYẾT ĐỊNH"
  kSubject,      // "V/v ..." or the line(s) under the type title
  kRecipients,   // "Kính gửi: ..." and its "- ..." entries
  kBasis,        // "Căn cứ ...", "Thực hiện ...", "Theo ..." before the body
  kBody,         // body text that is not an outline item
  kOutlineItem,  // a paragraph that starts with an outline marker
  kClosing,      // "Trên đây là ...", "Nơi nhận:" list entries, "./." endings
  kCopiesTo,     // "Nơi nhận:" and its entries
  kSignature,    // TM./KT./TL./TUQ./Q. lines, the signer's title and name
  kFootnote,     // "1 Nghị định ..." at a page's foot, and its continuation paragraphs
  kAttachmentTitle,  // an attachment's title lines after the signature: "KẾ HOẠCH" / "Thực hiện …" /
                     // "(Ban hành kèm theo Quyết định số …)"
};

struct OutlineItem {
  size_t paragraph = 0;     // index into Document::paragraphs
  size_t end_paragraph = 0; // one past the last paragraph of the item's own text (before its first child)
  MarkerKind kind = MarkerKind::kArabic;
  std::string marker;       // as printed: "II.", "1.", "a)", "-", "Điều 3."
  std::string label;        // without punctuation: "II", "1", "a", "-", "Điều 3"
  int depth = 0;            // 0 = top of the outline
  int parent = -1;          // index into DocumentStructure::outline
  int part = 0;             // 0: the document itself; k: its attachment k (DocumentStructure::attachments[k - 1])
};

// A plan, regulation or list that a decision issues with it, printed after the decision's
// signature under its own title ("Ban hành kèm theo Quyết định này Kế hoạch …" / "KẾ HOẠCH" /
// "(Ban hành kèm theo Quyết định số …)"): a part with its own body, outline and tail.
struct Attachment {
  size_t title = 0;       // its first title paragraph
  size_t body_begin = 0;  // after the title lines
  size_t body_end = 0;    // one past its last body paragraph (before its own closing and signature)
  size_t end = 0;         // one past its last paragraph
};

// Thread-safety: a plain value.
struct DocumentStructure {
  std::vector<ParagraphRole> roles;  // one per Document::paragraphs entry
  std::vector<OutlineItem> outline;  // in document order
  size_t body_begin = 0;             // first body paragraph
  size_t body_end = 0;               // one past the last body paragraph
  size_t tail_end = 0;               // one past the document's own signature and copies-to list
  std::vector<Attachment> attachments;  // after tail_end, in order
};

DocumentStructure AnalyzeStructure(const Document& doc);

}  // namespace vanban

#endif  // VANBAN_STRUCTURE_H_
