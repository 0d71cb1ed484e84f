#include <gtest/gtest.h>

#include "vanban/normalize.h"
#include "vanban/source.h"

namespace vanban {
namespace {

// A Document from plain text, as the text source builds it.
Document FromText(std::string_view text) {
  Document doc;
  EXPECT_TRUE(IngestText(text, doc).ok());
  return Normalize(std::move(doc));
}

TEST(Normalize, JoinsHardWrappedLinesOfDoubleSpacedText) {
  const Document doc = FromText(
      "1. Tăng cường phối hợp thực hiện tốt công tác bình đẳng giới, vì sự tiến \n\n"
      "bộ của phụ nữ và phòng ngừa, ứng phó với bạo lực trên cơ sở giới. \n\n"
      "- Triển khai các chủ trương, đường lối của Đảng, chính sách, pháp luật của \n\n"
      "Nhà nước về công tác bình đẳng giới, vì sự tiến bộ của phụ nữ; tham mưu xây \n\n"
      "dựng và thực hiện các chính sách đặc thù. \n\n"
      "+ Báo cáo 6 tháng trước ngày 15/5/2024. \n\n");
  EXPECT_EQ(doc.text,
            "1. Tăng cường phối hợp thực hiện tốt công tác bình đẳng giới, vì sự tiến bộ của phụ nữ và phòng ngừa, "
            "ứng phó với bạo lực trên cơ sở giới.\n"
            "- Triển khai các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về công tác bình "
            "đẳng giới, vì sự tiến bộ của phụ nữ; tham mưu xây dựng và thực hiện các chính sách đặc thù.\n"
            "+ Báo cáo 6 tháng trước ngày 15/5/2024.");
  ASSERT_EQ(doc.paragraphs.size(), 3u);
  EXPECT_EQ(doc.SpanText(doc.paragraphs[2].span), "+ Báo cáo 6 tháng trước ngày 15/5/2024.");
}

TEST(Normalize, BlankLinesSeparateParagraphsInSingleSpacedText) {
  const Document doc = FromText("Kính gửi:\n\n- Các Trường;\n- Phòng Giáo dục.\n\nCăn cứ Kế hoạch số 72/KH-UBND,\nSở hướng dẫn.");
  EXPECT_EQ(doc.text, "Kính gửi:\n- Các Trường;\n- Phòng Giáo dục.\nCăn cứ Kế hoạch số 72/KH-UBND, Sở hướng dẫn.");
}

TEST(Normalize, CapitalHeadingsAndSignatureLinesStayApart) {
  const Document doc = FromText("KẾ HOẠCH\nThực hiện công tác bình đẳng giới\nnăm 2024\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHuỳnh Văn Tài");
  EXPECT_EQ(doc.text,
            "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2024\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
            "Huỳnh Văn Tài");
}

TEST(Normalize, CollapsesWhitespaceAndDropsInvisibleCharacters) {
  const Document doc = FromText("Đặc\u00A0biệt  ,\tchú\u200B trọng \u00ADđến");
  EXPECT_EQ(doc.text, "Đặc biệt , chú trọng đến");
}

TEST(Normalize, ComposesToNfcButKeepsPrintedText) {
  const std::string nfd = "Ho\xCC\x80" "a Phong";
  Document doc;
  ASSERT_TRUE(IngestText(nfd, doc).ok());
  doc = Normalize(std::move(doc));
  EXPECT_EQ(doc.text, "Hòa Phong");
  EXPECT_EQ(doc.pages[0].PrintedText(), nfd);
}

TEST(Normalize, SpansMapBackToPrintedText) {
  const std::string printed = "  Căn cứ Kế hoạch số 72/KH-UBND \nngày 13/3/2020\fcủa   Ủy ban nhân dân";
  const Document doc = FromText(printed);
  EXPECT_EQ(doc.text, "Căn cứ Kế hoạch số 72/KH-UBND ngày 13/3/2020 của Ủy ban nhân dân");
  ASSERT_EQ(doc.pages.size(), 2u);
  const size_t number = doc.text.find("72/KH-UBND");
  const PrintedLocation at = doc.text_map.Locate(number);
  EXPECT_EQ(at.page, 1);
  EXPECT_EQ(doc.pages[0].PrintedText().substr(at.offset, 10), "72/KH-UBND");
  const size_t commission = doc.text.find("Ủy ban");
  const PrintedLocation at2 = doc.text_map.Locate(commission);
  EXPECT_EQ(at2.page, 2);
  EXPECT_EQ(doc.pages[1].PrintedText().substr(at2.offset, std::string("Ủy ban").size()), "Ủy ban");
}

TEST(Normalize, StripsMarkdownMarksFromConvertedText) {
  const Document doc = FromText(
      "#### **I. Các nhiệm vụ chủ yếu**\n\n1. **Đẩy mạnh tuyên truyền:**\n\n"
      "Gửi trước **ngày 01 tháng 6 năm 2020** qua [hang@haiphong.edu.vn](mailto:hang@haiphong.edu.vn).\n\n*MT*");
  EXPECT_EQ(doc.text,
            "I. Các nhiệm vụ chủ yếu\n1. Đẩy mạnh tuyên truyền:\nGửi trước ngày 01 tháng 6 năm 2020 qua "
            "hang@haiphong.edu.vn.\nMT");
  // The printed page keeps the marks.
  EXPECT_NE(doc.pages[0].PrintedText().find("**ngày 01"), std::string::npos);
}

TEST(Normalize, LeavesAsterisksInPlainTextWithoutMarkdown) {
  const Document doc = FromText("Ghi chú * quan trọng\nTổng số: 5 * 3");
  EXPECT_EQ(doc.text, "Ghi chú * quan trọng Tổng số: 5 * 3");
}

TEST(Normalize, EmptyAndBlankInputsGiveEmptyText) {
  EXPECT_EQ(FromText("   \n\n \t\n").text, "");
  EXPECT_TRUE(FromText("   \n\n \t\n").paragraphs.empty());
}

}  // namespace
}  // namespace vanban

namespace vanban {
namespace {

TEST(Normalize, LineBreakAfterHyphenOrSlashInsideANumberJoinsWithoutSpace) {
  Document doc;
  ASSERT_TRUE(IngestText("Thông tri số 22-TT/\nTU ngày 12/4/2018, giai đoạn 2021-\n2025 của Lao động -\nThương binh", doc).ok());
  EXPECT_EQ(Normalize(std::move(doc)).text, "Thông tri số 22-TT/TU ngày 12/4/2018, giai đoạn 2021-2025 của Lao động - Thương binh");
}

}  // namespace
}  // namespace vanban

namespace vanban {
namespace {

TEST(Normalize, FootnotesAtAPageBreakFollowTheParagraphTheyInterrupt) {
  // Double-spaced extraction: the page break shows as a line without the usual blank line before it.
  Document doc;
  ASSERT_TRUE(IngestText(
                  "- Luật Bình đẳng giới và các văn bản hướng dẫn thực hiện Luật1. Thực hiện nghiêm các quy định, \n\n"
                  "đặc biệt là\n\n    \n\n"
                  "1 Nghị định 70/2008/NĐ-CP ngày 04/6/2008 của Chính phủ quy định chi tiết. \n\n"
                  "2 Văn bản số 628/UBND-THVX ngày 24/02/2024 của Ủy ban nhân dân tỉnh. \n"
                  " thanh niên, học sinh, sinh viên. \n\n"
                  "3. Tiếp tục triển khai thu thập chỉ tiêu thống kê. \n\n",
                  doc)
                  .ok());
  doc = Normalize(std::move(doc));
  EXPECT_EQ(doc.text,
            "- Luật Bình đẳng giới và các văn bản hướng dẫn thực hiện Luật1. Thực hiện nghiêm các quy định, đặc biệt "
            "là thanh niên, học sinh, sinh viên.\n"
            "1 Nghị định 70/2008/NĐ-CP ngày 04/6/2008 của Chính phủ quy định chi tiết.\n"
            "2 Văn bản số 628/UBND-THVX ngày 24/02/2024 của Ủy ban nhân dân tỉnh.\n"
            "3. Tiếp tục triển khai thu thập chỉ tiêu thống kê.");
  ASSERT_EQ(doc.paragraphs.size(), 4u);
  EXPECT_FALSE(doc.paragraphs[0].footnote);
  EXPECT_TRUE(doc.paragraphs[1].footnote);
  EXPECT_TRUE(doc.paragraphs[2].footnote);
  EXPECT_FALSE(doc.paragraphs[3].footnote);
}

TEST(Normalize, NumberedLinesOutOfSequenceAreNotFootnotes) {
  Document doc;
  ASSERT_TRUE(IngestText("Năm nay có nhiều kết quả.\n5 Ủy ban đã họp.\nKết thúc.", doc).ok());
  doc = Normalize(std::move(doc));
  ASSERT_FALSE(doc.paragraphs.empty());
  for (const Paragraph& p : doc.paragraphs) EXPECT_FALSE(p.footnote);
}


// ---- tables ----------------------------------------------------------------------------------

std::vector<std::vector<std::string>> CellTexts(const Document& doc, const Table& table) {
  std::vector<std::vector<std::string>> rows;
  for (const TableRow& row : table.rows) {
    std::vector<std::string>& cells = rows.emplace_back();
    for (const Span& cell : row.cells) cells.emplace_back(doc.SpanText(cell));
  }
  return rows;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(NormalizeTables, PipeRowsAreATableWithTheirEmptyCellsAndWithoutTheRuleRow) {
  const Document doc = FromText(
      "PHỤ LỤC\n"
      "| STT |  | Tên văn bản | Đơn vị chủ trì |\n"
      "| --- | --- | --- | --- |\n"
      "|  | Theo NQ 01 |  |  |\n"
      "| 1 | 37 | Luật Địa chất | Cục Khoáng sản |\n"
      "Ghi chú: theo tiến độ.");
  ASSERT_EQ(doc.tables.size(), 1u);
  const Table& t = doc.tables[0];
  EXPECT_EQ(CellTexts(doc, t), (Rows{{"STT", "", "Tên văn bản", "Đơn vị chủ trì"},
                                     {"", "Theo NQ 01", "", ""},
                                     {"1", "37", "Luật Địa chất", "Cục Khoáng sản"}}));
  EXPECT_EQ(t.first_paragraph, 1u);
  EXPECT_EQ(t.end_paragraph, 5u);  // the paragraph after the table is not in it
  EXPECT_EQ(t.Columns(), 4u);
}

TEST(NormalizeTables, MarkdownStrippingKeepsTheEmptyCellsThatOpenARow) {
  // Bold runs make the text markdown, whose edge bars are dropped from the text.
  const Document doc = FromText(
      "**KẾ HOẠCH**\n\n**Thực hiện năm 2024**\n\n"
      "| STT | Nội dung | Thời gian |\n"
      "|  |  | Quý IV/2024 |\n"
      "| 2 | Tập huấn | |\n");
  ASSERT_EQ(doc.tables.size(), 1u);
  const Rows rows = CellTexts(doc, doc.tables[0]);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"", "", "Quý IV/2024"}));
  EXPECT_EQ(rows[2][1], "Tập huấn");
}

TEST(NormalizeTables, WebCopyCellLinesAreRowsAndCells) {
  // A web page's table copied one cell per line: bars between cells, two bars between rows, and
  // the closing bar before a blank line.
  const Document doc = FromText(
      "**PHỤ LỤC**\n\n"
      "|\n**TT**\n|\n**Nội dung/nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n**Thời gian thực hiện**\n|\n"
      "|\n1\n|\nTổ chức điều chỉnh, bổ sung\nquy hoạch hạ tầng viễn thông\n|\n"
      "Ban Quản lý các khu công nghệ cao\n|\nQuý III Năm 2026\n|\n"
      "|\n2\n|\nkhảo sát, đánh giá thực trạng\n|\nSở Công Thương\n|\nThường xuyên\n|\n\n"
      "Nơi nhận:");
  ASSERT_EQ(doc.tables.size(), 1u);
  EXPECT_EQ(CellTexts(doc, doc.tables[0]),
            (Rows{{"TT", "Nội dung/nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"},
                  {"1", "Tổ chức điều chỉnh, bổ sung quy hoạch hạ tầng viễn thông", "Ban Quản lý các khu công nghệ cao",
                   "Quý III Năm 2026"},
                  // A cell that opens in lower case is still a cell of its own.
                  {"2", "khảo sát, đánh giá thực trạng", "Sở Công Thương", "Thường xuyên"}}));
  EXPECT_EQ(doc.SpanText(doc.paragraphs.back().span), "Nơi nhận:");
  EXPECT_EQ(doc.tables[0].end_paragraph, doc.paragraphs.size() - 1);
}

// A text-layer page of lines made of words at the given x positions (one word per entry, 6 units
// a character), each line 12 units high at its y.
struct PlacedWord {
  std::string text;
  double x;
};
using PlacedLines = std::vector<std::pair<double, std::vector<PlacedWord>>>;
Document LaidOutPage(const PlacedLines& lines, int number = 2) {
  Document doc;
  Page& page = doc.pages.emplace_back();
  page.number = number;
  page.origin = Origin::kTextLayer;
  page.width = 600;
  page.height = 800;
  Block& block = page.blocks.emplace_back();
  for (const auto& [y, words] : lines) {
    Line& line = block.lines.emplace_back();
    line.page = number;
    line.origin = Origin::kTextLayer;
    for (const PlacedWord& w : words) {
      const double width = 6.0 * static_cast<double>(w.text.size());
      line.words.push_back({w.text, {w.x, y, w.x + width, y + 12}, 1.0f, {}});
    }
    line.SetFromWords();
  }
  return Normalize(std::move(doc));
}

TEST(NormalizeTables, ColumnsOfWordBoxesAreATable) {
  // kh-46's schedule: a header row with labels centred over their columns, a number set between
  // the two lines of its row's time cell, and a content cell of two lines.
  const PlacedLines schedule = {
      {100, {{"IV.", 80}, {"Kế", 100}, {"hoạch", 116}}},
      {140, {{"TT", 120}, {"Thời", 160}, {"gian", 190}, {"Nội", 370}, {"dung", 394}}},
      {180, {{"1", 126}, {"Ngày", 146}, {"24/05/2023", 176}, {"Khoa", 246}, {"thông", 276}, {"báo", 310}}},
      {220, {{"Từ", 147}, {"01/06/2023", 165}, {"Sinh", 246}, {"viên", 276}, {"nộp", 304}}},
      {226, {{"2", 126}}},
      // The last cell ends without a period: the paragraph after the table is still its own.
      {233, {{"đến", 147}, {"16/06/2023", 169}, {"đề", 246}, {"cương", 262}}},
      {300, {{"Nơi", 80}, {"nhận:", 100}, {"thực", 140}, {"hiện", 170}, {"theo", 200}, {"kế", 230}, {"hoạch", 246},
             {"của", 282}, {"khoa", 302}, {"đã", 332}, {"ban", 346}, {"hành", 366}, {"năm", 392}}},
  };
  const Document doc = LaidOutPage(schedule);
  ASSERT_EQ(doc.tables.size(), 1u);
  EXPECT_EQ(CellTexts(doc, doc.tables[0]),
            (Rows{{"TT", "Thời gian", "Nội dung"},
                  {"1", "Ngày 24/05/2023", "Khoa thông báo"},
                  {"2", "Từ 01/06/2023 đến 16/06/2023", "Sinh viên nộp đề cương"}}));
  // The heading above and the paragraph below, whose words cross the columns, are not in it.
  EXPECT_EQ(doc.SpanText(doc.paragraphs.front().span), "IV. Kế hoạch");
  EXPECT_TRUE(doc.SpanText(doc.paragraphs.back().span).starts_with("Nơi nhận:"));
  // Cells keep their way back to print.
  const Span cell = doc.tables[0].rows[2].cells[1];
  EXPECT_EQ(doc.text_map.Locate(cell.begin).page, 2);
  // In the top third of page 1 the same columns are the header's (issuer | motto), not a table.
  EXPECT_TRUE(LaidOutPage(schedule, 1).tables.empty());
}

TEST(NormalizeTables, TwoColumnBlocksAndPlainParagraphsAreNoTable) {
  // A block of two columns (issuer | motto, copies-to | signer) is not a table.
  const Document doc = LaidOutPage({
      {100, {{"ỦY", 60}, {"BAN", 80}, {"NHÂN", 104}, {"DÂN", 134}, {"CỘNG", 300}, {"HÒA", 334}, {"XÃ", 358}}},
      {120, {{"TỈNH", 70}, {"A", 100}, {"Độc", 310}, {"lập", 334}}},
      {160, {{"Nơi", 60}, {"nhận:", 80}, {"KT.", 330}, {"CHỦ", 352}, {"TỊCH", 400}}},
      {180, {{"-", 60}, {"Lưu:", 70}, {"VT.", 100}, {"Nguyễn", 340}, {"Văn", 384}, {"A", 406}}},
  });
  EXPECT_TRUE(doc.tables.empty());
}

TEST(NormalizeTables, CompactRowsAndTrailingEmptyCellsKeepTheirColumns) {
  const Document compact = FromText("PHỤ LỤC\n|STT|Nội dung|Đơn vị|\n|1|Tuyên truyền|Sở X|\n");
  ASSERT_EQ(compact.tables.size(), 1u);
  EXPECT_EQ(CellTexts(compact, compact.tables[0]), (Rows{{"STT", "Nội dung", "Đơn vị"}, {"1", "Tuyên truyền", "Sở X"}}));

  // Markdown drops the bars at a row's end, and with them its empty last cells.
  const Document trailing = FromText("**KẾ HOẠCH**\n\n**Năm 2024**\n\n| 1 | A | Sở X | Quý I/2025 |\n| 2 | B | | |\n");
  ASSERT_EQ(trailing.tables.size(), 1u);
  EXPECT_EQ(CellTexts(trailing, trailing.tables[0])[1], (std::vector<std::string>{"2", "B", "", ""}));

}

TEST(NormalizeTables, TextWithoutTablesHasNone) {
  EXPECT_TRUE(FromText("Kính gửi: Các Trường\nSở hướng dẫn | thực hiện.").tables.empty());
  EXPECT_TRUE(FromText("").tables.empty());
}

TEST(Normalize, ABoldRunOverALineBreakIsOneParagraph) {
  // Web copies wrap lines inside a bold heading: "**2." / "Xác định khu vực ưu tiên**".
  const Document doc = FromText("**KẾ HOẠCH**\n\n**2.\nXác định khu vực ưu tiên**\n\n**5. Sở\nKhoa học và Công nghệ:** Chỉ đạo.\n");
  EXPECT_EQ(doc.text, "KẾ HOẠCH\n2. Xác định khu vực ưu tiên\n5. Sở Khoa học và Công nghệ: Chỉ đạo.");
}

}  // namespace
}  // namespace vanban
