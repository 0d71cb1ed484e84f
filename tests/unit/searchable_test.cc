// The searchable outputs (vanban/searchable.h): hOCR and ALTO against golden files, and PDFs whose
// text layer poppler's pdftotext reads back, word by word and where the words are.
#include "vanban/searchable.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "../corpus/golden.h"
#include "test_files.h"
#include "vanban/image.h"

namespace vanban {
namespace {

using testing::ExpectMatchesGolden;
using testing::ReadFile;
using testing::RunCommand;
using testing::ShellQuote;
using testing::TempFiles;

Word MakeWord(const std::string& text, double x0, double y0, double x1, double y1, float confidence = 0.9f) {
  Word w;
  w.text = text;
  w.box = {x0, y0, x1, y1};
  w.confidence = confidence;
  return w;
}

Line MakeLine(std::vector<Word> words) {
  Line line;
  line.page = 1;
  line.origin = Origin::kOcr;
  line.words = std::move(words);
  line.SetFromWords();
  return line;
}

// One OCR page of 1000 x 1400 px: the number line and the place-and-date line of a header in two
// blocks, and a body line with characters XML must escape.
Document HeaderPage() {
  Document doc;
  doc.source.path = "scan.png";
  doc.source.media_type = "image/png";
  Page page;
  page.number = 1;
  page.origin = Origin::kOcr;
  page.width = 1000;
  page.height = 1400;
  Block left;
  left.lines.push_back(MakeLine({MakeWord("Số:", 100, 200, 160, 230), MakeWord("12/QĐ-UBND", 175, 200, 380, 230)}));
  left.SetBoxFromLines();
  Block right;
  right.lines.push_back(MakeLine({MakeWord("Hà", 560, 200, 600, 230), MakeWord("Nội,", 612, 200, 670, 232),
                                  MakeWord("ngày", 682, 200, 760, 236), MakeWord("05", 772, 200, 806, 230, 0.62f)}));
  right.SetBoxFromLines();
  Block body;
  body.lines.push_back(MakeLine({MakeWord("Điều", 100, 400, 180, 436), MakeWord("1.", 192, 400, 220, 430),
                                 MakeWord("\"A&B\"", 232, 400, 330, 430), MakeWord("<Tổ>", 342, 400, 420, 436)}));
  body.SetBoxFromLines();
  page.blocks = {left, right, body};
  doc.pages.push_back(page);
  return doc;
}

// The page image of HeaderPage: white, 1 bit, 100 dpi (so one pixel is 0.72 pt).
class WhitePages : public PageImages {
 public:
  explicit WhitePages(int count, int width = 1000, int height = 1400) : count_(count), width_(width), height_(height) {}
  int page_count() const override { return count_; }
  StatusOr<PixPtr> Image(int number, int, std::string*) override {
    if (number < 1 || number > count_) return Status::InvalidArgument("no such page");
    PixPtr pix(pixCreate(width_, height_, 1));
    pixSetResolution(pix.get(), 100, 100);
    return pix;
  }

 private:
  int count_, width_, height_;
};

struct ReadWord {
  std::string text;
  double x0, y0, x1, y1;
};

// pdftotext -bbox: every word of page 1 with its box, in points, origin top left of the page as shown.
std::vector<ReadWord> WordsInPdf(const std::string& path) {
  const auto r = RunCommand("pdftotext -bbox -f 1 -l 1 " + ShellQuote(path) + " -");
  EXPECT_EQ(r.exit_code, 0);
  std::vector<ReadWord> words;
  static const std::regex kWord(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), kWord); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    words.push_back({m[5].str(), std::stod(m[1].str()), std::stod(m[2].str()), std::stod(m[3].str()), std::stod(m[4].str())});
  }
  return words;
}

std::string Unescaped(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
  }
  return s;
}

TEST(Searchable, HocrAndAltoCarryTheDocumentsWordsAndBoxes) {
  const Document doc = HeaderPage();
  StatusOr<std::string> hocr = HocrOf(doc);
  ASSERT_TRUE(hocr.ok()) << hocr.status().message();
  ExpectMatchesGolden("searchable/header_page.hocr", *hocr);
  StatusOr<std::string> alto = AltoOf(doc);
  ASSERT_TRUE(alto.ok()) << alto.status().message();
  ExpectMatchesGolden("searchable/header_page.alto.xml", *alto);
  // Well-formed XML, whatever the golden files say.
  TempFiles files;
  EXPECT_EQ(RunCommand("xmllint --noout " + ShellQuote(files.Write("h.hocr", *hocr)) + " " +
                       ShellQuote(files.Write("a.xml", *alto))).exit_code, 0);
}

TEST(Searchable, TextLayerPagesAreGivenInPixelsAtTheOcrResolution) {
  Document doc = HeaderPage();
  doc.pages[0].origin = Origin::kTextLayer;
  doc.pages[0].width = 720;  // points: 10 x 14 inches
  doc.pages[0].height = 1008;
  SearchableOptions options;
  options.dpi = 200;
  const std::string alto = AltoOf(doc, options).value();
  EXPECT_NE(alto.find(R"(<Page WIDTH="2000" HEIGHT="2800")"), std::string::npos);
  // "Số:" at (100, 200) points is at (278, 556) pixels at 200 dpi.
  EXPECT_NE(alto.find(R"(HPOS="278" VPOS="556" WIDTH="167" HEIGHT="83" WC="0.90" CONTENT="Số:")"), std::string::npos)
      << alto;
}

// The PDF of an image page: the image once (1 bit: CCITT G4), and the document's words where
// their boxes are: pdftotext gives each word back, in reading order, within a point of its box.
TEST(Searchable, PdfOfAnImagePutsEachWordOverItsBox) {
  const Document doc = HeaderPage();
  WhitePages images(1);
  StatusOr<std::string> pdf = SearchablePdfOf(doc, "", &images);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  TempFiles files;
  const std::string path = files.Write("page.pdf", *pdf);
  const auto list = RunCommand("pdfimages -list " + ShellQuote(path));
  EXPECT_NE(list.out.find("ccitt"), std::string::npos) << list.out;
  const std::vector<ReadWord> words = WordsInPdf(path);
  std::vector<Word> expected;
  std::string lines;
  for (const Block& b : doc.pages[0].blocks) {
    for (const Line& l : b.lines) {
      expected.insert(expected.end(), l.words.begin(), l.words.end());
      lines += l.text + "\n";
    }
  }
  ASSERT_EQ(words.size(), expected.size());
  for (const Word& e : expected) {
    const auto found = std::find_if(words.begin(), words.end(), [&](const ReadWord& w) { return Unescaped(w.text) == e.text; });
    ASSERT_NE(found, words.end()) << e.text;
    EXPECT_NEAR(found->x0, e.box.x0 * 0.72, 1.0) << e.text;
    // The layer's glyphs stand on the line's baseline and are as high as its middle word.
    EXPECT_GT(found->y1, e.box.y0 * 0.72) << e.text;
    EXPECT_LT(found->y0, e.box.y1 * 0.72) << e.text;
  }
  // In the content stream (pdftotext -raw) the words come in the document's reading order (the
  // two header columns stand on one baseline, which pdftotext joins into one line).
  std::string raw = RunCommand("pdftotext -raw " + ShellQuote(path) + " -").out;
  std::replace(raw.begin(), raw.end(), '\n', ' ');
  std::replace(lines.begin(), lines.end(), '\n', ' ');
  EXPECT_EQ(raw, lines + "\f");
  // The same document makes the same bytes.
  EXPECT_EQ(SearchablePdfOf(doc, "", &images).value(), *pdf);
}

// A PDF keeps its pages: an invisible layer already there (a scanner's OCR) is replaced by the
// document's words, so the page is not found under two readings; visible text stays.
TEST(Searchable, PdfOverAPdfReplacesTheOldInvisibleLayerAndKeepsVisibleText) {
  TempFiles files;
  Document first = HeaderPage();
  WhitePages images(1);
  const std::string scanned = SearchablePdfOf(first, "", &images).value();
  Document second = HeaderPage();
  second.source.media_type = "application/pdf";
  second.pages[0].blocks = {second.pages[0].blocks[2]};
  second.pages[0].blocks[0].lines[0].SetText("Điều 2. Chủ tịch UBND");
  const std::string again = SearchablePdfOf(second, scanned, nullptr).value();
  const auto text = RunCommand("pdftotext " + ShellQuote(files.Write("again.pdf", again)) + " -");
  EXPECT_EQ(text.out.find("12/QĐ-UBND"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Điều 2. Chủ tịch UBND"), std::string::npos) << text.out;

  // A born-digital page (visible text drawn with a real font) given an OCR page's words keeps its text.
  const std::string text_file = files.Write("doc.txt", "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n");
  const std::string born = files.Path("born.pdf");
  ASSERT_EQ(RunCommand(ShellQuote(VANBAN_RENDER_TOOL) + " " + ShellQuote(text_file) + " --pdf " + ShellQuote(born) +
                       " >/dev/null").exit_code, 0);
  const auto size = RunCommand("pdfinfo " + ShellQuote(born) + " | grep 'Page size'");
  double w = 0, h = 0;
  ASSERT_EQ(std::sscanf(size.out.c_str(), "Page size: %lf x %lf", &w, &h), 2) << size.out;
  second.pages[0].width = w * 300 / 72;
  second.pages[0].height = h * 300 / 72;
  const std::string over = SearchablePdfOf(second, ReadFile(born), nullptr).value();
  const auto both = RunCommand("pdftotext " + ShellQuote(files.Write("over.pdf", over)) + " -");
  EXPECT_NE(both.out.find("Về việc thành lập Tổ công tác"), std::string::npos) << both.out;
  EXPECT_NE(both.out.find("Chủ tịch UBND"), std::string::npos) << both.out;
}

// A page turned by /Rotate: OCR read it as shown, and the words must land where they are shown.
TEST(Searchable, PdfWordsFollowAPageTurnedByRotate) {
  TempFiles files;
  Document blank = HeaderPage();
  blank.pages[0].origin = Origin::kPlainText;  // no layer: the image alone
  WhitePages images(1);
  const std::string upright = files.Write("upright.pdf", SearchablePdfOf(blank, "", &images).value());
  for (const int turn : {90, 180, 270}) {
    const std::string turned = files.Path("turned-" + std::to_string(turn) + ".pdf");
    ASSERT_EQ(RunCommand("qpdf --rotate=+" + std::to_string(turn) + " " + ShellQuote(upright) + " " + ShellQuote(turned))
                  .exit_code, 0);
    Document doc = HeaderPage();
    doc.source.media_type = "application/pdf";
    if (turn != 180) std::swap(doc.pages[0].width, doc.pages[0].height);
    const std::string out = files.Write("out.pdf", SearchablePdfOf(doc, ReadFile(turned), nullptr).value());
    const std::vector<ReadWord> words = WordsInPdf(out);
    ASSERT_FALSE(words.empty()) << turn;
    // The first word, "Số:", at (100, 200) px of the page as shown, 0.72 pt per px.
    EXPECT_EQ(words[0].text, "Số:") << turn;
    EXPECT_NEAR(words[0].x0, 72.0, 1.0) << turn;
    EXPECT_GT(words[0].y1, 144.0) << turn;
    EXPECT_LT(words[0].y0, 166.0) << turn;
  }
}

// Post-correction changes a line's text; its words follow, keeping their boxes, or are made
// again across the line when the correction split or joined words.
TEST(Searchable, CorrectedLineTextReachesItsWords) {
  Line line = MakeLine({MakeWord("QUYÉT", 100, 10, 300, 50), MakeWord("ĐINH", 320, 10, 500, 50)});
  line.SetText("QUYẾT ĐỊNH");
  ASSERT_EQ(line.words.size(), 2u);
  EXPECT_EQ(line.words[0].text, "QUYẾT");
  EXPECT_EQ(line.words[1].text, "ĐỊNH");
  EXPECT_EQ(line.words[1].box.x0, 320);
  line.SetText("QUYẾT ĐỊNH SỐ");
  ASSERT_EQ(line.words.size(), 3u);
  EXPECT_EQ(line.words[2].text, "SỐ");
  EXPECT_NEAR(line.words[0].box.x0, 100, 1e-9);
  EXPECT_LT(line.words[2].box.x1, 500.01);
  EXPECT_GT(line.words[2].box.x0, line.words[1].box.x1);
}

}  // namespace
}  // namespace vanban
