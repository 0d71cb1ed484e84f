// Born-digital PDFs rendered at test time from the corpus, read back through the PDF source.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "../unit/test_engine.h"
#include "../unit/test_files.h"
#include "tools.h"
#include "vanban/legacy_encoding.h"
#include "vanban/metrics.h"
#include "vanban/pipeline.h"
#include "vanban/text.h"

namespace vanban {
namespace {

using testing::ReadFile;
using testing::RenderPdf;
using testing::RunCommand;
using testing::ShellQuote;
using testing::SourceDir;
using testing::TempFiles;

Document ExtractFile(const std::string& path, const std::string& password = "", OcrMode ocr = OcrMode::kAuto) {
  PipelineOptions options;
  options.source.pdf_password = password;
  options.ocr.mode = ocr;
  return testing::ExtractDocument(path, options);
}

std::vector<std::string> SeedPaths() {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(SourceDir() + "/corpus/seeds")) {
    if (entry.path().extension() == ".txt") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// The seed's normalized text rendered as a born-digital PDF, as the office that wrote it would print it.
std::string RenderSeed(const TempFiles& files, const std::string& seed_path, const Document& seed) {
  const std::string name = std::filesystem::path(seed_path).stem().string();
  const std::string text_path = files.Write(name + ".txt", seed.text + "\n");
  const std::string pdf_path = files.Path(name + ".pdf");
  EXPECT_TRUE(RenderPdf(text_path, pdf_path)) << "rendering " << text_path;
  return pdf_path;
}

class SeedPdf : public ::testing::TestWithParam<std::string> {};

TEST_P(SeedPdf, TextLayerGivesBackTheSeedText) {
  TempFiles files;
  const Document seed = ExtractFile(GetParam());
  ASSERT_TRUE(seed.ok());
  const std::string pdf = RenderSeed(files, GetParam(), seed);
  const Document doc = ExtractFile(pdf);
  ASSERT_TRUE(doc.ok()) << doc.errors[0].reason;
  EXPECT_EQ(doc.source.media_type, "application/pdf");
  for (const Page& page : doc.pages) {
    EXPECT_EQ(page.origin, Origin::kTextLayer);
    EXPECT_FALSE(page.needs_ocr) << "page " << page.number;
  }
  const double cer = CharacterErrorRate(seed.text, doc.text);
  std::printf("[ CER      ] %s: %zu pages, %.4f%% character error rate against the seed text\n",
              std::filesystem::path(GetParam()).filename().c_str(), doc.pages.size(), cer * 100);
  EXPECT_EQ(cer, 0.0);
}

INSTANTIATE_TEST_SUITE_P(Corpus, SeedPdf, ::testing::ValuesIn(SeedPaths()),
                         [](const auto& info) { return "Seed" + std::filesystem::path(info.param).stem().string().substr(0, 3); });

TEST(PdfSource, WordBoxesLieOnThePage) {
  TempFiles files;
  const std::string pdf = RenderSeed(files, SeedPaths()[0], ExtractFile(SeedPaths()[0]));
  const Document doc = ExtractFile(pdf);
  ASSERT_FALSE(doc.pages.empty());
  const Page& page = doc.pages[0];
  EXPECT_NEAR(page.width, 595.28, 0.5);  // A4 in points
  EXPECT_NEAR(page.height, 841.89, 0.5);
  size_t words = 0;
  for (const Block& block : page.blocks) {
    for (const Line& line : block.lines) {
      ASSERT_TRUE(line.box.has_value());
      for (const Word& w : line.words) {
        ++words;
        EXPECT_GE(w.box.x0, 3 * 28.0);  // the 3 cm left margin
        EXPECT_LE(w.box.x1, page.width);
        EXPECT_LT(w.box.y0, w.box.y1);
      }
    }
  }
  EXPECT_GT(words, 100u);
}

TEST(PdfSource, DecodesTcvn3FontMojibake) {
  // A text layer made with a TCVN3 font: the PDF holds each legacy byte as a Latin-1 character.
  // The phrase avoids ư (TCVN3 0xAD, which pango renders as an invisible soft hyphen) and capital
  // toned letters (VN1-only control positions that ABC fonts never had).
  TempFiles files;
  const std::string phrase =
      "Căn cứ Kế hoạch số 72/KH-UBND của ủy ban nhân dân thành phố, Sở chỉ đạo thực hiện công tác bình đẳng giới.";
  const std::string mojibake = testing::BytesAsLatin1Utf8(EncodeLegacyBytes(phrase, LegacyEncoding::kTcvn3).value());
  const std::string pdf = files.Path("tcvn3.pdf");
  ASSERT_TRUE(RenderPdf(files.Write("tcvn3.txt", mojibake + "\n"), pdf));
  const Document doc = ExtractFile(pdf);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.pages[0].note, "text layer decoded from tcvn3 font encoding");
  EXPECT_EQ(doc.text, phrase);
}

// A scanner's OCR layer that lost the tone marks is not trusted: the page goes to OCR. Curly quotes,
// dashes and bullets (non-ASCII, but no Vietnamese letters) in many words must not hide that.
TEST(PdfSource, TextLayerWithoutToneMarksIsMarkedForOcr) {
  TempFiles files;
  const std::string marked =
      "Căn cứ Kế hoạch số 72/KH-UBND ngày 13/3/2020 của Ủy ban nhân dân thành phố về thực hiện công tác bình "
      "đẳng giới năm 2020, Sở Giáo dục và Đào tạo hướng dẫn các cơ sở giáo dục thực hiện như sau: đẩy mạnh các "
      "hoạt động tuyên truyền, phổ biến, giáo dục chính sách, pháp luật về bình đẳng giới; báo cáo sơ kết 6 "
      "tháng trước ngày 01 tháng 6 năm 2020 về Sở Giáo dục và Đào tạo để tổng hợp.";
  const std::string stripped = FoldDiacritics(marked);
  ASSERT_NE(stripped, marked);
  const std::string punctuated = "“" + stripped + "” – • “Ke hoach” – “bao cao” – • “So” – “UBND” • – “Phong”.";
  int k = 0;
  for (const std::string& text : {marked, stripped, punctuated}) {
    const std::string pdf = files.Path("layer-" + std::to_string(++k) + ".pdf");
    ASSERT_TRUE(RenderPdf(files.Write("layer-" + std::to_string(k) + ".txt", text + "\n"), pdf));
    const Document doc = ExtractFile(pdf, "", OcrMode::kSkip);
    ASSERT_EQ(doc.pages.size(), 1u);
    EXPECT_EQ(doc.pages[0].needs_ocr, text != marked) << text;
  }
}

// A scanner's OCR that kept some marks but broke most syllables (a Sở Y tế decision of 2017, as its
// layer reads) is not trusted either; printed Vietnamese with an English passage is.
TEST(PdfSource, ScannerOcrLayerWithSomeMarksIsMarkedForOcr) {
  TempFiles files;
  const std::string scanner =
      "UBND TINH KIEN GIANG SO Y TE S:3I/QD-SYT CQNG HOA XA HO! CHU NGHIA VT NAM Dc lp - Tr do - Hnh phñc "
      "Kiên Giang,ngày 4C) tháng 10 nám 2017 QUYET DNH Ye vic thãnh lip Hi ding Sang kiên cli p co' sO' näm 2017 "
      "GIAM D6 SO Y A TNH MEN GIANG Can cir Quyt djnh st 1675/QD-UBND ngày 09 tháng 8 närn 2017 cüaan Uyb nhân "
      "dan tinh Kiên Giang ye viêc quy dinh chtrc nãng, nhim vi, quyên htn và co câu to chirc cüa S& Y têtinh "
      "Kiên Giang; Can cir Huâng dn 1236/HD-UBND ngày 12/11/2014 cfia Uy ban nhân dan tinh Kiên Giang.";
  const std::string bilingual =
      "Thông báo tuyển sinh chương trình đào tạo thạc sĩ năm 2024 của Trường Đại học Bách khoa. Admission notice "
      "for the master's programmes of the University of Technology in 2024: applicants submit their documents "
      "online before the deadline. Hồ sơ dự tuyển nộp trực tuyến trước ngày 30 tháng 6 năm 2024 tại cổng thông "
      "tin của Trường; thí sinh theo dõi kết quả xét tuyển trên trang web của Phòng Đào tạo sau đại học.";
  int k = 0;
  for (const std::string& text : {scanner, bilingual}) {
    const std::string pdf = files.Path("layer-" + std::to_string(++k) + ".pdf");
    ASSERT_TRUE(RenderPdf(files.Write("layer-" + std::to_string(k) + ".txt", text + "\n"), pdf));
    const Document doc = ExtractFile(pdf, "", OcrMode::kSkip);
    ASSERT_EQ(doc.pages.size(), 1u);
    EXPECT_EQ(doc.pages[0].needs_ocr, text == scanner) << doc.pages[0].note;
    if (text == scanner) {
      EXPECT_EQ(doc.pages[0].note.rfind("text layer reads as a scanner's OCR (", 0), 0u) << doc.pages[0].note;
    }
  }
}

TEST(PdfSource, PageWithoutTextLayerIsMarkedForOcr) {
  TempFiles files;
  const std::string text_pdf = files.Path("text.pdf"), blank_pdf = files.Path("blank.pdf");
  ASSERT_TRUE(RenderPdf(files.Write("text.txt", "Trang có chữ: Kế hoạch số 120/KH-UBND.\n"), text_pdf));
  ASSERT_TRUE(RenderPdf(files.Write("blank.txt", ""), blank_pdf));
  const std::string mixed = files.Path("mixed.pdf");
  ASSERT_EQ(RunCommand("qpdf --empty --pages " + ShellQuote(text_pdf) + " " + ShellQuote(blank_pdf) + " " +
                ShellQuote(text_pdf) + " -- " + ShellQuote(mixed)).exit_code, 0);
  // Without OCR the page stays marked for it.
  const Document doc = ExtractFile(mixed, "", OcrMode::kSkip);
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_FALSE(doc.pages[0].needs_ocr);
  EXPECT_TRUE(doc.pages[1].needs_ocr);
  EXPECT_EQ(doc.pages[1].note, "no text layer");
  EXPECT_FALSE(doc.pages[2].needs_ocr);
  ASSERT_EQ(doc.paragraphs.size(), 2u);
  EXPECT_EQ(doc.paragraphs[1].page, 3);
  // With OCR (the default) the blank page is recognized as blank, which is not an error.
  const Document ocr = ExtractFile(mixed);
  EXPECT_TRUE(ocr.ok());
  EXPECT_EQ(ocr.pages[1].origin, Origin::kOcr);
  EXPECT_NE(ocr.pages[1].note.find("blank"), std::string::npos) << ocr.pages[1].note;
}

// ---- bad PDFs ------------------------------------------------------------------------------

TEST(BadPdf, TruncatedFileIsReported) {
  TempFiles files;
  const std::string pdf = RenderSeed(files, SeedPaths()[4], ExtractFile(SeedPaths()[4]));
  const std::string bytes = ReadFile(pdf);
  const Document doc = ExtractFile(files.Write("truncated.pdf", bytes.substr(0, bytes.size() * 6 / 10)));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.errors[0].code, "corrupt");
  EXPECT_NE(doc.errors[0].reason.find("truncated"), std::string::npos) << doc.errors[0].reason;
}

TEST(BadPdf, CorruptFileIsReported) {
  TempFiles files;
  std::string junk = "%PDF-1.7\n";
  for (int i = 0; i < 5000; ++i) junk.push_back(static_cast<char>((i * 131) % 251));
  junk += "\n%%EOF\n";
  const Document doc = ExtractFile(files.Write("corrupt.pdf", junk));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.errors[0].code, "corrupt");
  EXPECT_TRUE(doc.text.empty());
}

// A one-line PDF encrypted by qpdf with AES-256; an empty user password opens it without asking.
std::string EncryptedPdf(const TempFiles& files, const std::string& text, const std::string& user_password) {
  const std::string plain = files.Path("plain.pdf"), locked = files.Path("locked.pdf");
  EXPECT_TRUE(RenderPdf(files.Write("plain.txt", text + "\n"), plain));
  EXPECT_EQ(RunCommand("qpdf --encrypt " + ShellQuote(user_password) + " owner 256 -- " + ShellQuote(plain) + " " +
                       ShellQuote(locked)).exit_code, 0);
  return locked;
}

TEST(BadPdf, EncryptedWithUnknownPasswordFailsClearly) {
  TempFiles files;
  const std::string locked = EncryptedPdf(files, "Văn bản mật: số 12/KH-UBND.", "secret");
  const Document doc = ExtractFile(locked);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.errors[0].code, "permission_denied");
  EXPECT_NE(doc.errors[0].reason.find("password"), std::string::npos);
  EXPECT_FALSE(ExtractFile(locked, "wrong").ok());
  const Document opened = ExtractFile(locked, "secret");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened.text, "Văn bản mật: số 12/KH-UBND.");
}

TEST(BadPdf, EncryptedWithEmptyUserPasswordOpens) {
  TempFiles files;
  const Document doc = ExtractFile(EncryptedPdf(files, "Chỉ có mật khẩu chủ sở hữu.", ""));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.text, "Chỉ có mật khẩu chủ sở hữu.");
}

}  // namespace
}  // namespace vanban
