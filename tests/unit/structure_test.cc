// Structure analysis on its own: paragraph roles of the header, body and tail, and the outline tree.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_documents.h"
#include "vanban/structure.h"

namespace vanban {
namespace {

struct Analyzed {
  Document doc;
  DocumentStructure st;
  // The role of the paragraph that starts with `start`.
  ParagraphRole RoleOf(std::string_view start) const {
    for (size_t p = 0; p < doc.paragraphs.size(); ++p) {
      if (doc.SpanText(doc.paragraphs[p].span).starts_with(start)) return st.roles[p];
    }
    ADD_FAILURE() << "no paragraph starts with " << start;
    return ParagraphRole::kBody;
  }
};

Analyzed Analyze(std::string_view text) {
  Analyzed a;
  a.doc = testing::DocumentOfLines(text);
  a.st = AnalyzeStructure(a.doc);
  EXPECT_EQ(a.st.roles.size(), a.doc.paragraphs.size());
  return a;
}

constexpr char kPlan[] =
    "UBND HUYỆN HÒA VANG\n\nUBND XÃ HÒA PHONG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 45/KH-UBND\n\nHòa Phong, ngày 12 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nThực hiện công tác bình đẳng giới năm 2024\n\n"
    "Căn cứ Kế hoạch số 72/KH-UBND ngày 01/3/2024 của UBND huyện Hòa Vang;\n\n"
    "UBND xã xây dựng Kế hoạch như sau:\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nNâng cao nhận thức.\n\n"
    "II. NHIỆM VỤ\n\n1. Tuyên truyền\n\na) Tổ chức hội nghị.\n\nb) Phát tờ rơi.\n\n- Ở các thôn;\n\n+ Thôn 1;\n\n"
    "2. Báo cáo kết quả trước ngày 15/12/2024.\n\n"
    "Trên đây là Kế hoạch của UBND xã.\n\n"
    "Nơi nhận:\n\n- UBND huyện;\n\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\n\nCHỦ TỊCH\n\nNguyễn Văn A\n";

TEST(Structure, HeaderRolesTopDown) {
  const Analyzed a = Analyze(kPlan);
  EXPECT_EQ(a.RoleOf("UBND HUYỆN"), ParagraphRole::kIssuer);
  EXPECT_EQ(a.RoleOf("UBND XÃ HÒA PHONG"), ParagraphRole::kIssuer);
  EXPECT_EQ(a.RoleOf("CỘNG HÒA"), ParagraphRole::kMotto);
  EXPECT_EQ(a.RoleOf("Độc lập"), ParagraphRole::kMotto);
  EXPECT_EQ(a.RoleOf("Số: 45"), ParagraphRole::kNumber);
  EXPECT_EQ(a.RoleOf("Hòa Phong, ngày"), ParagraphRole::kPlaceDate);
  EXPECT_EQ(a.RoleOf("KẾ HOẠCH"), ParagraphRole::kTypeTitle);
  // The line under the title is the subject, though it opens like a basis clause.
  EXPECT_EQ(a.RoleOf("Thực hiện công tác"), ParagraphRole::kSubject);
  EXPECT_EQ(a.RoleOf("Căn cứ Kế hoạch"), ParagraphRole::kBasis);
}

TEST(Structure, TailRolesBottomUp) {
  const Analyzed a = Analyze(kPlan);
  EXPECT_EQ(a.RoleOf("Trên đây"), ParagraphRole::kClosing);
  EXPECT_EQ(a.RoleOf("Nơi nhận"), ParagraphRole::kCopiesTo);
  EXPECT_EQ(a.RoleOf("- UBND huyện"), ParagraphRole::kCopiesTo);
  EXPECT_EQ(a.RoleOf("TM. ỦY BAN"), ParagraphRole::kSignature);
  EXPECT_EQ(a.RoleOf("CHỦ TỊCH"), ParagraphRole::kSignature);
  EXPECT_EQ(a.RoleOf("Nguyễn Văn A"), ParagraphRole::kSignature);
}

TEST(Structure, OutlineTreeNestsByMarkerRank) {
  const Analyzed a = Analyze(kPlan);
  std::vector<std::string> shape;
  for (const OutlineItem& item : a.st.outline) {
    shape.push_back(std::string(item.depth * 2, ' ') + item.label);
    if (item.parent >= 0) {
      EXPECT_EQ(item.depth, a.st.outline[static_cast<size_t>(item.parent)].depth + 1);
    }
  }
  const std::vector<std::string> expected = {"I", "  1", "II", "  1", "    a", "    b", "      -", "        +", "  2"};
  EXPECT_EQ(shape, expected);
  // Each item's own text runs to the next item.
  for (size_t i = 0; i + 1 < a.st.outline.size(); ++i) {
    EXPECT_EQ(a.st.outline[i].end_paragraph, a.st.outline[i + 1].paragraph);
  }
  EXPECT_LE(a.st.outline.back().end_paragraph, a.st.body_end);
  EXPECT_EQ(a.RoleOf("1. Tuyên truyền"), ParagraphRole::kOutlineItem);
}

TEST(Structure, NumberedSubitemsNestUnderTheirNumber) {
  // "1.2." under "1." is its child (the first sub-item "1.1." may be lost in a copy); "2." closes
  // both, and "2.1." nests under it.
  const Analyzed a = Analyze(
      "KẾ HOẠCH\n\nThực hiện năm 2024\n\nII. NHIỆM VỤ\n\n1. Tăng cường lãnh đạo.\n\n1.2. Nâng cao vai trò.\n\n"
      "1.3. Tiếp tục thực hiện.\n\n2. Nâng cao năng lực.\n\n2.1. Tăng cường kiểm tra.\n\nNơi nhận:\n\n- Lưu: VT.\n");
  std::vector<std::string> shape;
  for (const OutlineItem& item : a.st.outline) shape.push_back(std::string(item.depth * 2, ' ') + item.label);
  EXPECT_EQ(shape, (std::vector<std::string>{"II", "  1", "    1.2", "    1.3", "  2", "    2.1"}));
}

TEST(Structure, DispatchWithSubjectAndRecipients) {
  const Analyzed a = Analyze(
      "SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 571/SGDĐT-CTrTT\n\nV/v hướng dẫn thực hiện công tác bình đẳng giới\n\n"
      "Hải Phòng, ngày 16 tháng 3 năm 2020\n\nKính gửi:\n\n- Các Trường Trung học phổ thông;\n\n- Các Trung tâm.\n\n"
      "Sở Giáo dục và Đào tạo hướng dẫn như sau:\n\n1. Tuyên truyền.\n\nNơi nhận:\n\n- Như trên;\n\nGIÁM ĐỐC\n\nLê Văn B\n");
  EXPECT_EQ(a.RoleOf("V/v"), ParagraphRole::kSubject);
  EXPECT_EQ(a.RoleOf("Kính gửi"), ParagraphRole::kRecipients);
  EXPECT_EQ(a.RoleOf("- Các Trường"), ParagraphRole::kRecipients);
  EXPECT_EQ(a.RoleOf("- Các Trung tâm"), ParagraphRole::kRecipients);
  EXPECT_EQ(a.RoleOf("GIÁM ĐỐC"), ParagraphRole::kSignature);
}

// A decision that issues a plan: the plan after the signature is a part of its own, with its own
// outline; the decision's signer and copies-to stay the document's tail.
constexpr char kDecisionHead[] =
    "ỦY BAN NHÂN DÂN\n\nTỈNH KON TUM\n\nSố: 435/QĐ-UBND\n\nKon Tum, ngày 04 tháng 5 năm 2020\n\nQUYẾT ĐỊNH\n\n"
    "Ban hành Chương trình hành động\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Chương trình hành động.\n\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nNơi nhận:\n\n- Như Điều 2;\n\n- Lưu: VT.\n\n"
    "TM. ỦY BAN NHÂN DÂN\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nNguyễn Hữu Tháp\n\n";
constexpr char kAttachedBody[] =
    "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nNâng cao nhận thức.\n\nII. NHIỆM VỤ\n\n"
    "1. Tuyên truyền về quan hệ lao động.\n\n2. Kiểm tra việc thực hiện, hoàn thành trong Quý IV/2020.\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Lao động - Thương binh và Xã hội chủ trì.\n\n";

void ExpectAttachedPlan(const Analyzed& a) {
  ASSERT_EQ(a.st.attachments.size(), 1u);
  const Attachment& att = a.st.attachments[0];
  EXPECT_EQ(a.doc.SpanText(a.doc.paragraphs[att.body_begin].span), "I. MỤC ĐÍCH, YÊU CẦU");
  EXPECT_EQ(att.end, a.doc.paragraphs.size());
  EXPECT_EQ(a.RoleOf("Nơi nhận"), ParagraphRole::kCopiesTo);
  EXPECT_EQ(a.RoleOf("2. Kiểm tra"), ParagraphRole::kOutlineItem);
  // The decision's articles, then the plan's parts from a fresh outline: its I. is no child of Điều 2.
  std::vector<std::pair<std::string, int>> items;
  for (const OutlineItem& item : a.st.outline) {
    items.push_back({item.label, item.part});
    if (item.label == "I") {
      EXPECT_EQ(item.parent, -1);
    }
  }
  const std::vector<std::pair<std::string, int>> expected = {{"Điều 1", 0}, {"Điều 2", 0}, {"I", 1},  {"1", 1},
                                                             {"II", 1},     {"1", 1},     {"2", 1},  {"III", 1},
                                                             {"1", 1}};
  EXPECT_EQ(items, expected);
  EXPECT_LE(a.st.tail_end, att.title + 1);
}

TEST(Structure, AttachmentAfterTheSignatureIsAPartOfItsOwn) {
  ExpectAttachedPlan(Analyze(std::string(kDecisionHead) +
                             "CHƯƠNG TRÌNH HÀNH ĐỘNG\n\nTriển khai Kế hoạch số 119-KH/TU\n\n"
                             "(Ban hành kèm theo Quyết định số 435/QĐ-UBND ngày 04/5/2020)\n\n" + kAttachedBody));
  // A web copy runs the signer's name, the plan's title and its "kèm theo" line into one paragraph.
  std::string run_together = kDecisionHead;
  run_together.replace(run_together.find("Nguyễn Hữu Tháp\n\n"), std::string("Nguyễn Hữu Tháp\n\n").size(),
                       "Nguyễn Hữu Tháp CHƯƠNG TRÌNH HÀNH ĐỘNG TRIỂN KHAI KẾ HOẠCH SỐ 119-KH/TU (Ban hành kèm theo "
                       "Quyết định số 435/QĐ-UBND ngày 04/5/2020)\n\n");
  ExpectAttachedPlan(Analyze(run_together + kAttachedBody));
  // Without its "kèm theo" line or a first item under it, a capital line after the signature is no attachment.
  const Analyzed plain = Analyze(std::string(kDecisionHead) + "KẾ HOẠCH CÔNG TÁC NĂM 2021\n\nNội dung khác.\n\n");
  EXPECT_TRUE(plain.st.attachments.empty());
}

TEST(Structure, EmptyAndUnstructuredDocuments) {
  const Analyzed empty = Analyze("");
  EXPECT_TRUE(empty.st.outline.empty());
  const Analyzed prose = Analyze("một đoạn văn không có cấu trúc nào cả\n\nvà một đoạn nữa\n");
  EXPECT_TRUE(prose.st.outline.empty());
  for (ParagraphRole r : prose.st.roles) EXPECT_NE(r, ParagraphRole::kOutlineItem);
}

TEST(Structure, NormativeTextChaptersArticlesAndClauses) {
  const Analyzed a = Analyze(
      "NGHỊ ĐỊNH\n\nQuy định chi tiết\n\nChương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\n1. Nghị định này quy định.\n\n"
      "a) Điểm a.\n\nĐiều 2. Đối tượng áp dụng\n\nChương II\n\nĐiều 3. Hiệu lực\n");
  std::vector<std::string> labels;
  std::vector<int> depths;
  for (const OutlineItem& item : a.st.outline) {
    labels.push_back(item.label);
    depths.push_back(item.depth);
  }
  EXPECT_EQ(labels, (std::vector<std::string>{"Chương I", "Điều 1", "1", "a", "Điều 2", "Chương II", "Điều 3"}));
  EXPECT_EQ(depths, (std::vector<int>{0, 1, 2, 3, 1, 0, 1}));
}

}  // namespace
}  // namespace vanban
