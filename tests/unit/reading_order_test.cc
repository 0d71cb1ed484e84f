// ReadColumnsInOrder on pages built from word boxes, laid out as administrative documents print
// them (A4 at 300 dpi: 2480 px wide, text 40-50 px high, word spaces about 15 px).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "vanban/ocr.h"
#include "vanban/normalize.h"

namespace vanban {
namespace {

constexpr double kHeight = 45, kCharWidth = 22, kSpace = 15;

// A line of words starting at x: each word as wide as its letters, one space between words, or
// kColumnGap where the text has a '|'.
Line MakeLine(double x, double y, const std::string& text) {
  Line line;
  line.page = 1;
  line.origin = Origin::kOcr;
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    if (w == "|") {
      x += 400;
      continue;
    }
    Word word;
    word.text = w;
    word.box = {x, y, x + kCharWidth * static_cast<double>(w.size()), y + kHeight};
    x = word.box.x1 + kSpace;
    line.words.push_back(word);
  }
  for (const Word& w : line.words) {
    line.text += (line.text.empty() ? "" : " ") + w.text;
    line.box = line.box ? BoundingBox{line.box->x0, line.box->y0, w.box.x1, line.box->y1} : w.box;
  }
  return line;
}

Page MakePage(const std::vector<std::vector<Line>>& blocks) {
  Page page;
  page.number = 1;
  page.origin = Origin::kOcr;
  page.width = 2480;
  page.height = 3508;
  for (const auto& lines : blocks) {
    Block b;
    b.lines = lines;
    page.blocks.push_back(b);
  }
  return page;
}

std::vector<std::string> LineTexts(const Page& page) {
  std::vector<std::string> out;
  for (const Block& b : page.blocks) {
    for (const Line& l : b.lines) out.push_back(l.text);
  }
  return out;
}

TEST(ReadColumnsInOrder, HeaderIsReadIssuerFirstThenMotto) {
  Page page = MakePage({{
      MakeLine(300, 200, "UY BAN NHAN DAN | CONG HOA XA HOI CHU NGHIA VIET NAM"),
      MakeLine(380, 260, "HUYEN KIM BANG | Doc lap - Tu do - Hanh phuc"),
      MakeLine(300, 340, "So: 123/KH-UBND | Kim Bang, ngay 05 thang 3 nam 2024"),
      MakeLine(1000, 470, "KE HOACH"),
      MakeLine(300, 540, "Thuc hien cong van so 45 cua tinh ve viec trien khai nhiem vu nam 2024"),
  }});
  ReadColumnsInOrder(page);
  const std::vector<std::string> expected = {
      "UY BAN NHAN DAN", "HUYEN KIM BANG", "So: 123/KH-UBND",
      "CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc", "Kim Bang, ngay 05 thang 3 nam 2024",
      "KE HOACH", "Thuc hien cong van so 45 cua tinh ve viec trien khai nhiem vu nam 2024"};
  EXPECT_EQ(LineTexts(page), expected);
  ASSERT_GE(page.blocks.size(), 3u);
  EXPECT_EQ(page.blocks[0].lines.size(), 3u);  // the left column is a block of its own
  ASSERT_TRUE(page.blocks[0].box.has_value());
  ASSERT_TRUE(page.blocks[1].box.has_value());
  EXPECT_GT(page.blocks[1].box->x0, page.blocks[0].box->x1);
}

TEST(ReadColumnsInOrder, SignatureBlockFromSeparateLinesOnOneRow) {
  // Tesseract may return "Noi nhan:" and "TM. UY BAN NHAN DAN" as two lines of the same row.
  Page page = MakePage({{
      MakeLine(300, 1000, "Trung tam Y te huyen chu tri thuc hien ke hoach nay./."),
      MakeLine(300, 1100, "Noi nhan:"),
      MakeLine(1400, 1100, "TM. UY BAN NHAN DAN"),
      MakeLine(300, 1160, "- So Y te;"),
      MakeLine(1500, 1160, "CHU TICH"),
      MakeLine(300, 1220, "- Luu: VT."),
  }});
  ReadColumnsInOrder(page);
  const std::vector<std::string> expected = {"Trung tam Y te huyen chu tri thuc hien ke hoach nay./.", "Noi nhan:",
                                             "- So Y te;", "- Luu: VT.", "TM. UY BAN NHAN DAN", "CHU TICH"};
  EXPECT_EQ(LineTexts(page), expected);
}

TEST(ReadColumnsInOrder, BodyTextAndTablesKeepTheirOrder) {
  const std::vector<std::vector<Line>> blocks = {
      {MakeLine(300, 200, "1. Phong Giao duc va Dao tao huong dan cac truong trien khai"),
       MakeLine(300, 260, "thuc hien, bao cao ket qua truoc ngay 15/10/2024.")},
      {MakeLine(300, 400, "STT | Noi dung | Thoi han"), MakeLine(300, 460, "1 | Tuyen truyen | Thang 3")}};
  Page page = MakePage(blocks);
  const std::vector<std::string> before = LineTexts(page);
  ReadColumnsInOrder(page);
  EXPECT_EQ(LineTexts(page), before);
  EXPECT_EQ(page.blocks.size(), 2u);
}

TEST(LaidOutTextInReadingOrder, SplitsTypedTwoColumnHeader) {
  const std::string text =
      "UBND HUYỆN KIM BẢNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "                               Độc lập - Tự do - Hạnh phúc\n"
      "Số: 123/KH-UBND              Kim Bảng, ngày 05 tháng 3 năm 2024\n"
      "\n"
      "KẾ HOẠCH\n";
  EXPECT_EQ(LaidOutTextInReadingOrder(text),
            "UBND HUYỆN KIM BẢNG\nSố: 123/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nKim Bảng, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\n");
}

}  // namespace
}  // namespace vanban
