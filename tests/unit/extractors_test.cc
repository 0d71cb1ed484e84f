// Each built-in extractor on its own, through the Extractor interface, with the sections it reads
// given by hand: what it writes, what it reads from earlier extractors, and that it writes nothing
// else. (The gold-set scores and goldens test them together.)
#include <gtest/gtest.h>

#include <string>

#include "test_documents.h"
#include "test_engine.h"
#include "vanban/rules.h"
#include "vanban/source.h"
#include "vanban/structure.h"

namespace vanban {
namespace {

using testing::TestEngine;

struct Input {
  Document doc;
  DocumentStructure st;
};

Input Prepare(std::string_view text) {
  Input in;
  in.doc = testing::DocumentOfLines(text);
  in.st = AnalyzeStructure(in.doc);
  return in;
}

// Runs the extractor `name` alone; `earlier` stands for the sections of those it runs after.
Extraction RunOne(std::string_view name, const Input& in, const Extraction& earlier = {}) {
  const Extractor* e = TestEngine().extractors().Find(name);
  EXPECT_NE(e, nullptr) << name;
  Extraction out;
  if (e == nullptr) return out;
  const Status s = e->Extract(ExtractionInput{in.doc, in.st, TestEngine().extractors().rules(), earlier}, out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  for (const std::string& section : out.FilledSections()) {
    EXPECT_NE(std::find(e->Info().sections.begin(), e->Info().sections.end(), section), e->Info().sections.end())
        << name << " wrote undeclared section " << section;
  }
  return out;
}

// One line per printed line, as a word processor's text export gives it.
constexpr char kDispatch[] =
    "UBND TỈNH TUYÊN QUANG\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 97 /SLĐTBXH-BĐG\n"
    "V/v triển khai công tác bình đẳng giới năm 2024\nTuyên Quang, ngày 15 tháng 3 năm 2024\n"
    "HỎA TỐC\nKính gửi:\n- UBND các huyện, thành phố;\n- Các sở, ngành.\n"
    "Thực hiện Kế hoạch số 72/KH-UBND ngày 13/3/2024 của Ủy ban nhân dân tỉnh về bình đẳng giới, Sở đề nghị:\n"
    "1. Tuyên truyền Luật Bình đẳng giới và các văn bản hướng dẫn; báo cáo trước ngày 15/5.\n"
    "2. Tổ chức tập huấn trong quý III năm 2024 theo Quyết định số 22/2013/QĐ-TTg.\n"
    "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Thị B\n";

TEST(HeaderExtractor, ReadsTheHeaderAndTheTail) {
  const Input in = Prepare(kDispatch);
  const Header h = RunOne("header", in).header;
  EXPECT_EQ(h.number.value_or(""), "97/SLĐTBXH-BĐG");
  EXPECT_EQ(h.number_printed.value_or(""), "97 /SLĐTBXH-BĐG");
  EXPECT_EQ(h.date.value_or(""), "2024-03-15");
  EXPECT_EQ(h.place.value_or(""), "Tuyên Quang");
  EXPECT_EQ(h.type, "cong_van");
  EXPECT_EQ(h.issuer.value_or(""), "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI");
  EXPECT_EQ(h.subject.value_or(""), "triển khai công tác bình đẳng giới năm 2024");
  EXPECT_EQ(h.recipients, (std::vector<std::string>{"UBND các huyện, thành phố", "Các sở, ngành"}));
  EXPECT_EQ(h.copies_to, (std::vector<std::string>{"Như trên", "Lưu: VT"}));
  EXPECT_EQ(h.signer.authority.value_or(""), "KT. GIÁM ĐỐC");
  EXPECT_EQ(h.signer.title.value_or(""), "PHÓ GIÁM ĐỐC");
  EXPECT_EQ(h.signer.name.value_or(""), "Trần Thị B");
  EXPECT_FALSE(h.draft);
}

TEST(HeaderExtractor, BlankNumberAndDayMakeADraft) {
  const Input in = Prepare("UBND HUYỆN A\nSố:      /UBND-VX\nV/v phòng dịch\nA, ngày    tháng 5 năm 2024\nKính gửi: Các xã\n");
  const Header h = RunOne("header", in).header;
  EXPECT_TRUE(h.draft);
  EXPECT_FALSE(h.number.has_value());
  EXPECT_EQ(h.number_printed.value_or(""), "/UBND-VX");
  EXPECT_FALSE(h.date.has_value());
  EXPECT_EQ(h.type, "cong_van");
}

// Headers as real copies lay them out (corpus/devset): each must give the same fields.
struct RealHeaderCase {
  const char* name;
  const char* text;
};

class RealHeaderLayout : public ::testing::TestWithParam<RealHeaderCase> {};

TEST_P(RealHeaderLayout, GivesNumberDatePlaceTypeAndIssuer) {
  const Input in = Prepare(GetParam().text);
  const Header h = RunOne("header", in).header;
  EXPECT_EQ(h.number.value_or(""), "18/2014/QĐ-UBND");
  EXPECT_EQ(h.date.value_or(""), "2014-03-05");
  EXPECT_EQ(h.place.value_or(""), "Đà Nẵng");
  EXPECT_EQ(h.type, "quyet_dinh");
  EXPECT_EQ(h.issuer.value_or(""), "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG");
  EXPECT_EQ(h.subject.value_or(""), "VỀ VIỆC BAN HÀNH QUY CHẾ QUẢN LÝ");
}

INSTANTIATE_TEST_SUITE_P(
    Copies, RealHeaderLayout,
    ::testing::Values(
        RealHeaderCase{"columns_on_one_line",
                       "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG --------     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
                       "Tự do - Hạnh phúc\nSố: 18/2014/QĐ-UBND          Đà Nẵng, ngày 05 tháng 03 năm 2014\n"
                       "QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ QUẢN LÝ\nỦY BAN NHÂN DÂN THÀNH PHỐ\nCăn cứ Luật Tổ chức "
                       "chính quyền địa phương;\n"},
        RealHeaderCase{"portal_text_before_and_one_paragraph",
                       "Trang chủ > Văn bản\nQuyết định 18/2014/QĐ-UBND quy chế quản lý\nỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ "
                       "NẴNG -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc Số: 18/2014/QĐ-UBND "
                       "Đà Nẵng, ngày 05 tháng 03 năm 2014 QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY CHẾ QUẢN LÝ CHỦ TỊCH ỦY BAN "
                       "NHÂN DÂN THÀNH PHỐ Căn cứ Luật Tổ chức chính quyền địa phương;\n"},
        RealHeaderCase{"markdown_table_cells",
                       "| ỦY BAN\nNHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\n-------- | CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - "
                       "Tự do - Hạnh phúc\n--------------- |\n|\nSố:\n18/2014/QĐ-UBND\n|\nĐà\nNẵng, ngày 05 tháng 03 năm "
                       "2014\n|\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ QUẢN LÝ\nCăn cứ Luật Tổ chức chính quyền địa "
                       "phương;\n"},
        RealHeaderCase{"rule_glued_to_the_number",
                       "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh "
                       "phúc\n---------------Số: 18/2014/QĐ-UBND\nĐà Nẵng, ngày 05 tháng 03 năm 2014\nQUYẾT ĐỊNH\n"
                       "VỀ VIỆC BAN HÀNH QUY CHẾ QUẢN LÝ\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"}),
    [](const ::testing::TestParamInfo<RealHeaderCase>& info) { return std::string(info.param.name); });

TEST(HeaderExtractor, TwoLevelIssuerKeepsTheLowerLevel) {
  const Header h = RunOne("header", Prepare("BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA "
                                           "VIỆT NAM Độc lập - Tự do - Hạnh phúc\nSố: 778/TCHQ-GSQL V/v xử lý vướng "
                                           "mắc Hà Nội, ngày 13 tháng 02 năm 2017\nKính gửi: Cục Hải quan các tỉnh\n"))
                       .header;
  EXPECT_EQ(h.issuer.value_or(""), "TỔNG CỤC HẢI QUAN");
  EXPECT_EQ(h.number.value_or(""), "778/TCHQ-GSQL");
  EXPECT_EQ(h.subject.value_or(""), "xử lý vướng mắc");
  EXPECT_EQ(h.date.value_or(""), "2017-02-13");
  EXPECT_EQ(h.type, "cong_van");
}

TEST(HeaderExtractor, SignerRunTogetherWithCopiesToAndAttachment) {
  // A web copy's tail: the name glued to the last Nơi nhận line, an attachment after it, portal text last.
  const Header h =
      RunOne("header", Prepare("BỘ TÀI CHÍNH\nSố: 19046/BTC-TCHQ\nHà Nội, ngày 29 tháng 12 năm 2014\n"
                               "Kính gửi: Các đơn vị\n1. Hướng dẫn thực hiện.\nNơi nhận:\n- Như trên;\n"
                               "- Lưu: VT, TCHQ (65). KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn QUY TRÌNH KÈM THEO\n"
                               "Phụ lục bảng số liệu\nTài khoản của Quý Khách đã đăng nhập quá nhiều lần\n"))
          .header;
  EXPECT_EQ(h.signer.name.value_or(""), "Đỗ Hoàng Anh Tuấn");
  EXPECT_EQ(h.signer.title.value_or(""), "THỨ TRƯỞNG");
  EXPECT_EQ(h.signer.authority.value_or(""), "KT. BỘ TRƯỞNG");
}

TEST(HeaderExtractor, PartyDocumentNumberAndName) {
  const Header h = RunOne("header", Prepare("BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 37-HD/BTGDVTW\n"
                                           "Hà Nội, ngày 19 tháng 11 năm 2025\nHƯỚNG DẪN\nVỀ VIỆC ĐỔI MỚI BẢN TIN\n"
                                           "I. MỤC ĐÍCH\n"))
                       .header;
  EXPECT_EQ(h.number.value_or(""), "37-HD/BTGDVTW");
  EXPECT_EQ(h.issuer.value_or(""), "BAN CHẤP HÀNH TRUNG ƯƠNG");
  EXPECT_EQ(h.type, "huong_dan");
}

TEST(ReferencesExtractor, CitationsWithTheirRoleDateAndIssuer) {
  const Input in = Prepare(kDispatch);
  const Extraction x = RunOne("references", in);
  ASSERT_EQ(x.references.size(), 2u);
  EXPECT_EQ(x.references[0].number, "72/KH-UBND");
  EXPECT_EQ(x.references[0].type, "ke_hoach");
  EXPECT_EQ(x.references[0].date.value_or(""), "2024-03-13");
  EXPECT_EQ(x.references[0].issuer.value_or(""), "Ủy ban nhân dân tỉnh");
  EXPECT_EQ(x.references[0].role, "basis");
  EXPECT_EQ(x.references[1].number, "22/2013/QĐ-TTg");
  EXPECT_EQ(x.references[1].number_key, "22/2013/QD-TTG");
  EXPECT_EQ(x.references[1].role, "mention");
  ASSERT_EQ(x.laws.size(), 1u);
  EXPECT_EQ(x.laws[0].name, "Luật Bình đẳng giới");
  // Every span shows the words it rests on.
  EXPECT_TRUE(in.doc.SpanText(x.references[0].span).starts_with("Kế hoạch số 72/KH-UBND ngày 13/3/2024"));
}

TEST(DatesExtractor, InfersTheYearFromTheHeaderItRunsAfter) {
  const Input in = Prepare("Báo cáo trước ngày 15/5. Các đơn vị họp trong tháng 6/2025.\n");
  Extraction earlier;
  earlier.header.date = "2024-03-15";
  const Extraction x = RunOne("dates", in, earlier);
  ASSERT_EQ(x.dates.size(), 2u);
  EXPECT_EQ(x.dates[0].value, "2024-05-15");
  EXPECT_TRUE(x.dates[0].year_inferred);
  EXPECT_EQ(x.dates[1].value, "2025-06");
  EXPECT_EQ(x.dates[1].precision, "month");
  earlier.header.date = "2023-01-02";
  EXPECT_EQ(RunOne("dates", in, earlier).dates[0].value, "2023-05-15");
}

TEST(DeadlinesExtractor, TakesTheDatesFoundBeforeIt) {
  const Input in = Prepare(kDispatch);
  Extraction earlier;
  earlier.header = RunOne("header", in).header;
  earlier.dates = RunOne("dates", in, earlier).dates;
  const Extraction x = RunOne("deadlines", in, earlier);
  ASSERT_EQ(x.deadlines.size(), 2u);
  EXPECT_EQ(x.deadlines[0].kind, "before");
  EXPECT_EQ(x.deadlines[0].date.value_or(""), "2024-05-15");
  EXPECT_EQ(x.deadlines[1].kind, "quarter");
  EXPECT_EQ(x.deadlines[1].date.value_or(""), "2024-Q3");
  // Linking deadlines to tasks is the link step's work, not this extractor's.
  EXPECT_FALSE(x.deadlines[0].task.has_value());
  // Without the dates it runs after, it finds the cues but no dates in them.
  const Extraction blind = RunOne("deadlines", in);
  ASSERT_EQ(blind.deadlines.size(), 2u);
  EXPECT_FALSE(blind.deadlines[0].date.has_value());
}

TEST(TasksExtractor, OutlineItemsWithActions) {
  const Input in = Prepare(kDispatch);
  const Extraction x = RunOne("tasks", in);
  ASSERT_EQ(x.tasks.size(), 2u);
  EXPECT_EQ(x.tasks[0].label, "1.");
  EXPECT_EQ(x.tasks[0].path, "1");
  EXPECT_EQ(x.tasks[0].level, 1);
  ASSERT_FALSE(x.tasks[0].actions.empty());
  EXPECT_EQ(x.tasks[0].actions[0], "tuyên truyền");
  EXPECT_EQ(x.tasks[1].actions, std::vector<std::string>{"tổ chức"});
  EXPECT_EQ(in.doc.SpanText(x.tasks[1].span).substr(0, 2), "2.");
  EXPECT_FALSE(x.tasks[0].deadline.has_value());  // set by the link step
}

TEST(MarksExtractor, MarksOfTheHeaderZoneOnly) {
  const Input in = Prepare(kDispatch);
  const Extraction x = RunOne("marks", in);
  const std::vector<Finding>* marks = x.Section("marks");
  ASSERT_NE(marks, nullptr);
  ASSERT_EQ(marks->size(), 1u);
  EXPECT_EQ((*marks)[0].kind, "urgency");
  EXPECT_EQ((*marks)[0].value, "hoa_toc");
  EXPECT_EQ(in.doc.SpanText((*marks)[0].span), "HỎA TỐC");
  const Input body = Prepare("KẾ HOẠCH\nPhòng chống dịch\n1. Triển khai.\nKHẨN\nĐộ mật: Tối mật\n");
  EXPECT_TRUE(RunOne("marks", body).Section("marks")->empty());  // after the body starts: not a mark
}

TEST(DeadlineTaskLinker, LinksEachDeadlineToTheTaskHoldingIt) {
  const Input in = Prepare(kDispatch);
  const Extraction all = TestEngine().extractors().Run(in.doc, in.st);
  ASSERT_EQ(all.tasks.size(), 2u);
  ASSERT_EQ(all.deadlines.size(), 2u);
  EXPECT_EQ(all.deadlines[0].task.value_or(""), all.tasks[0].id);
  EXPECT_EQ(all.deadlines[1].task.value_or(""), all.tasks[1].id);
  EXPECT_EQ(all.tasks[0].deadline.value_or(""), "2024-05-15");
  EXPECT_TRUE(all.errors.empty());
}

}  // namespace
}  // namespace vanban
