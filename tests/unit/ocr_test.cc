// OCR engine, preprocessing and image decoding. Pages are rendered at test time from Vietnamese text
// with tools/vanban-render-document, so the ground truth is exact. Run with OMP_THREAD_LIMIT=1 in
// the environment (Debian's Tesseract is several times slower otherwise).
#include "vanban/metrics.h"
#include "vanban/ocr.h"
#include "vanban/page_images.h"
#include "vanban/source.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "test_files.h"

#ifndef VANBAN_RENDER_TOOL
#error "VANBAN_RENDER_TOOL must name the vanban-render-document program (tests/CMakeLists.txt)"
#endif

namespace vanban {
namespace {

using testing::ReadFile;
using testing::RunCommand;
using testing::ShellQuote;
using testing::TempFiles;

// One A4 page of an official letter: headings in capitals, numbers, every kind of diacritic.
constexpr std::string_view kPageText =
    "ỦY BAN NHÂN DÂN TỈNH\n"
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO\n"
    "Số: 1234/SGDĐT-VP\n"
    "V/v triển khai công tác bình đẳng giới năm 2024\n"
    "\n"
    "Kính gửi: Hiệu trưởng các trường học trực thuộc.\n"
    "\n"
    "Phòng Giáo dục và Đào tạo nhận được Công văn số 97/LĐTBXH-BDG ngày 02/4/2024 của Phòng Lao "
    "động - Thương binh và Xã hội huyện về việc triển khai thực hiện công tác bình đẳng giới năm "
    "2024, Sở hướng dẫn các đơn vị triển khai như sau:\n"
    "1. Tăng cường phối hợp thực hiện tốt công tác bình đẳng giới, vì sự tiến bộ của phụ nữ và "
    "phòng ngừa, ứng phó với bạo lực trên cơ sở giới.\n"
    "- Triển khai các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về công "
    "tác bình đẳng giới; tham mưu xây dựng và thực hiện các chính sách đặc thù nhằm tăng cường sự "
    "tham gia và thụ hưởng của phụ nữ trên các lĩnh vực.\n"
    "- Phối hợp với các tổ chức, cá nhân có liên quan để bảo vệ, hỗ trợ phụ nữ và trẻ em gái bị "
    "bạo lực, xâm hại; xác minh, nắm tình hình và kiến nghị xử lý các vụ việc xảy ra tại đơn vị.\n"
    "2. Các đơn vị báo cáo kết quả thực hiện về Sở trước ngày 15 tháng 12 năm 2024 để tổng hợp, "
    "báo cáo Ủy ban nhân dân tỉnh.\n"
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các đơn vị phản ánh kịp thời "
    "về Văn phòng Sở để được hướng dẫn giải quyết.\n";

constexpr double kMaxCleanCer = 0.02;

// Runs a shell command quietly; true when it succeeds.
bool Run(const std::string& command) { return RunCommand(command + " >/dev/null 2>&1").exit_code == 0; }

struct RenderedPage {
  std::string png;           // bytes of page 1, 300 dpi
  std::string ground_truth;  // the renderer's text of page 1
  std::string pdf;           // the same text as a born-digital PDF
};

// Renders kPageText once for the whole test program.
const RenderedPage& Rendered() {
  static const RenderedPage page = [] {
    RenderedPage p;
    TempFiles files;
    const std::string text = files.Write("page.txt", std::string(kPageText));
    const std::string command = ShellQuote(VANBAN_RENDER_TOOL) + " " + ShellQuote(text) + " --png-dir " +
                                ShellQuote(files.Path("png")) + " --dpi 300 --pdf " + ShellQuote(files.Path("page.pdf"));
    EXPECT_TRUE(Run(command)) << command;
    p.png = ReadFile(files.Path("png/page-0001.png"));
    p.ground_truth = ReadFile(files.Path("png/page-0001.gt.txt"));
    p.pdf = ReadFile(files.Path("page.pdf"));
    return p;
  }();
  return page;
}

PixPtr DecodeOne(std::string_view bytes) {
  auto pages = DecodeImages(bytes);
  EXPECT_TRUE(pages.ok()) << pages.status().ToString();
  if (!pages.ok() || pages->size() != 1) return nullptr;
  return std::move((*pages)[0].image);
}

struct Timed {
  StatusOr<OcrEngine::Result> result;
  double seconds;
};

Timed RecognizeWith(const OcrOptions& options, const Pix* image) {
  auto engine = OcrEngine::Create(options);
  if (!engine.ok()) return {engine.status(), 0};
  const auto start = std::chrono::steady_clock::now();
  StatusOr<OcrEngine::Result> result = (*engine)->Recognize(image, 1);
  return {std::move(result), std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}

std::string BytesOf(l_uint8* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

std::string PngBytes(Pix* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMemPng(&data, &size, pix, 0.0f), 0);
  return BytesOf(data, size);
}

std::string JpegBytes(Pix* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMemJpeg(&data, &size, pix, 85, 0), 0);
  return BytesOf(data, size);
}

// A white 8 bpp page with a black bar, so it is not blank.
PixPtr GreyPage(int w, int h) {
  PixPtr pix(pixCreate(w, h, 8));
  pixSetAll(pix.get());
  pixRasterop(pix.get(), w / 4, h / 4, w / 2, std::max(1, h / 20), PIX_CLR, nullptr, 0, 0);
  return pix;
}

// The recognized clean page, shared by the tests that only read it.
const Timed& CleanPageResult() {
  static const Timed timed = [] {
    PixPtr image = DecodeOne(Rendered().png);
    if (!image) return Timed{Status::Internal("no rendered page"), 0};
    return RecognizeWith(OcrOptions{}, image.get());
  }();
  return timed;
}

TEST(OcrEngine, CleanPageHasLowCharacterErrorRate) {
  const Timed& timed = CleanPageResult();
  ASSERT_TRUE(timed.result.ok()) << timed.result.status().ToString();
  const OcrEngine::Result& r = *timed.result;
  const double cer = CharacterErrorRate(Rendered().ground_truth, r.page.PrintedText());
  std::printf("[ clean 300 dpi page ] CER %.4f, mean confidence %.3f, %d low-confidence words, %.2f s\n", cer,
              r.mean_confidence, r.low_confidence_words, timed.seconds);
  EXPECT_LE(cer, kMaxCleanCer) << r.page.PrintedText();
  EXPECT_EQ(r.page.number, 1);
  EXPECT_EQ(r.page.origin, Origin::kOcr);
  EXPECT_EQ(r.page.width, 2480);
  EXPECT_EQ(r.page.height, 3508);
  EXPECT_NE(r.page.PrintedText().find("ĐÀO TẠO"), std::string::npos);
  EXPECT_GE(r.page.blocks.size(), 2u);
}

TEST(OcrEngine, LinesAreTheirWordsJoinedBySpaces) {
  const Timed& timed = CleanPageResult();
  ASSERT_TRUE(timed.result.ok());
  // A clean page of four sentences: a reading without blocks would pass the loop below unseen.
  ASSERT_FALSE(timed.result->page.blocks.empty());
  size_t lines = 0;
  for (const Block& block : timed.result->page.blocks) lines += block.lines.size();
  EXPECT_GE(lines, 4u);
  for (const Block& block : timed.result->page.blocks) {
    ASSERT_FALSE(block.lines.empty());
    for (const Line& line : block.lines) {
      ASSERT_FALSE(line.words.empty());
      std::string joined;
      for (const Word& w : line.words) joined += (joined.empty() ? "" : " ") + w.text;
      EXPECT_EQ(line.text, joined);
      EXPECT_EQ(line.page, 1);
      EXPECT_EQ(line.origin, Origin::kOcr);
      UErrorCode error = U_ZERO_ERROR;
      const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
      EXPECT_TRUE(nfc->isNormalized(icu::UnicodeString::fromUTF8(line.text), error)) << line.text;
    }
  }
}

TEST(OcrEngine, WordBoxesLieInsideThePageAndConfidencesInRange) {
  const Timed& timed = CleanPageResult();
  ASSERT_TRUE(timed.result.ok());
  const OcrEngine::Result& r = *timed.result;
  int words = 0, low = 0;
  auto inside = [&](const BoundingBox& b) {
    return b.x0 >= 0 && b.y0 >= 0 && b.x0 < b.x1 && b.y0 < b.y1 && b.x1 <= r.page.width && b.y1 <= r.page.height;
  };
  for (const Block& block : r.page.blocks) {
    ASSERT_TRUE(block.box.has_value());
    EXPECT_TRUE(inside(*block.box));
    for (const Line& line : block.lines) {
      ASSERT_TRUE(line.box.has_value());
      EXPECT_TRUE(inside(*line.box));
      EXPECT_GE(line.confidence, 0.0f);
      EXPECT_LE(line.confidence, 1.0f);
      for (const Word& w : line.words) {
        ++words;
        EXPECT_TRUE(inside(w.box)) << w.text;
        EXPECT_GE(w.box.x0, line.box->x0 - 1) << w.text;
        EXPECT_LE(w.box.x1, line.box->x1 + 1) << w.text;
        EXPECT_GE(w.confidence, 0.0f) << w.text;
        EXPECT_LE(w.confidence, 1.0f) << w.text;
        if (w.confidence < 0.6f) ++low;
      }
    }
  }
  EXPECT_GT(words, 200);
  EXPECT_EQ(r.low_confidence_words, low);
  EXPECT_GT(r.mean_confidence, 0.8f);
  EXPECT_LE(r.mean_confidence, 1.0f);
}

// Pages tilted 2-3° lose text without deskewing; smaller skews are left to Tesseract on purpose.
TEST(OcrEngine, DeskewRecoversPageRotatedThreeDegrees) {
  PixPtr image = DecodeOne(Rendered().png);
  ASSERT_TRUE(image);
  const float radians = 3.0f * 3.14159265f / 180.0f;
  PixPtr rotated(pixRotate(image.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  ASSERT_TRUE(rotated);

  OcrOptions with_deskew;
  const Timed on = RecognizeWith(with_deskew, rotated.get());
  OcrOptions without_deskew;
  without_deskew.preprocess.deskew = false;
  const Timed off = RecognizeWith(without_deskew, rotated.get());
  ASSERT_TRUE(on.result.ok()) << on.result.status().ToString();
  ASSERT_TRUE(off.result.ok()) << off.result.status().ToString();
  const double cer_on = CharacterErrorRate(Rendered().ground_truth, on.result->page.PrintedText());
  const double cer_off = CharacterErrorRate(Rendered().ground_truth, off.result->page.PrintedText());
  std::printf("[ page rotated 3° ] CER %.4f with deskew (%.2f s, notes: %s), %.4f without (%.2f s)\n", cer_on,
              on.seconds, on.result->page.note.c_str(), cer_off, off.seconds);
  EXPECT_LE(cer_on, kMaxCleanCer);
  EXPECT_LT(cer_on, cer_off);
  EXPECT_NE(on.result->page.note.find("deskewed"), std::string::npos) << on.result->page.note;
}

TEST(OcrEngine, BlankPageHasNoWordsAndNoError) {
  PixPtr blank(pixCreate(2480, 3508, 8));
  pixSetAll(blank.get());
  const Timed timed = RecognizeWith(OcrOptions{}, blank.get());
  ASSERT_TRUE(timed.result.ok()) << timed.result.status().ToString();
  EXPECT_TRUE(timed.result->page.blocks.empty());
  EXPECT_EQ(timed.result->mean_confidence, 0.0f);
  EXPECT_EQ(timed.result->low_confidence_words, 0);
  EXPECT_NE(timed.result->page.note.find("blank page"), std::string::npos) << timed.result->page.note;
  std::printf("[ blank page ] %.2f s\n", timed.seconds);
}

TEST(OcrEngine, OnePixelImageIsBlank) {
  PixPtr dot(pixCreate(1, 1, 32));  // one black pixel
  PixPtr image = DecodeOne(PngBytes(dot.get()));
  ASSERT_TRUE(image);
  const Timed timed = RecognizeWith(OcrOptions{}, image.get());
  ASSERT_TRUE(timed.result.ok()) << timed.result.status().ToString();
  EXPECT_TRUE(timed.result->page.blocks.empty());
  EXPECT_NE(timed.result->page.note.find("blank page"), std::string::npos);
  EXPECT_EQ(timed.result->page.width, 1);
}

TEST(OcrEngine, PageTimeoutGivesResourceExhausted) {
  PixPtr image = DecodeOne(Rendered().png);
  ASSERT_TRUE(image);
  OcrOptions options;
  options.page_timeout_ms = 1;
  const Timed timed = RecognizeWith(options, image.get());
  ASSERT_FALSE(timed.result.ok());
  EXPECT_EQ(timed.result.status().code(), StatusCode::kResourceExhausted) << timed.result.status().ToString();
  std::printf("[ 1 ms timeout ] gave up after %.2f s\n", timed.seconds);
}

TEST(OcrEngine, EngineIsReusedAcrossPages) {
  auto engine = OcrEngine::Create(OcrOptions{});
  ASSERT_TRUE(engine.ok());
  PixPtr blank(pixCreate(600, 800, 8));
  pixSetAll(blank.get());
  PixPtr dot(pixCreate(3, 3, 8));
  for (int number : {1, 2, 3}) {
    auto result = (*engine)->Recognize(number == 2 ? dot.get() : blank.get(), number);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->page.number, number);
  }
  EXPECT_EQ((*engine)->Recognize(nullptr, 4).status().code(), StatusCode::kInvalidArgument);
}

TEST(OcrEngine, OneEnginePerThreadOnASharedImage) {
  PixPtr image = DecodeOne(Rendered().png);
  ASSERT_TRUE(image);
  const Timed& reference = CleanPageResult();
  ASSERT_TRUE(reference.result.ok());
  const Pix* shared = image.get();  // read by both threads, never changed
  std::string texts[2];
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([shared, &texts, t] {
      auto engine = OcrEngine::Create(OcrOptions{});
      if (!engine.ok()) return;
      auto result = (*engine)->Recognize(shared, 1);
      if (result.ok()) texts[t] = result->page.PrintedText();
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(texts[0], reference.result->page.PrintedText());
  EXPECT_EQ(texts[1], reference.result->page.PrintedText());
}

TEST(OcrEngine, MissingLanguageDataIsNotFound) {
  TempFiles files;
  OcrOptions options;
  options.tessdata_dir = files.Path("");
  auto engine = OcrEngine::Create(options);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), StatusCode::kNotFound);
  EXPECT_NE(engine.status().message().find("vie.traineddata"), std::string::npos) << engine.status().message();

  OcrOptions no_language;
  no_language.language = "";
  EXPECT_EQ(OcrEngine::Create(no_language).status().code(), StatusCode::kInvalidArgument);
}

// Page `index` (0-based) of `pdf` through the page images of the PDF opened by its source driver.
StatusOr<PixPtr> RenderPdfPage(std::string_view pdf, int index, int dpi, const ImageLimits& limits = {}) {
  SourceRegistry sources;
  RegisterBuiltinSources(sources);
  SourceOptions options;
  options.image_limits = limits;
  OpenedInput input = OpenBytes(std::string(pdf), "test.pdf", options, sources);
  if (!input.document.errors.empty()) {
    const DocumentError& e = input.document.errors.front();
    return Status(e.code == "corrupt" ? StatusCode::kCorrupt : StatusCode::kInternal, e.reason);
  }
  return input.file->page_images()->Image(index + 1, dpi, nullptr);
}

TEST(RenderPdfPage, RendersAtTheRequestedResolutionAndReadsBack) {
  const std::string& pdf = Rendered().pdf;
  ASSERT_FALSE(pdf.empty());
  auto small = RenderPdfPage(pdf, 0, 72);
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  EXPECT_EQ(pixGetWidth(small->get()), 595);
  EXPECT_EQ(pixGetHeight(small->get()), 842);
  EXPECT_EQ(pixGetXRes(small->get()), 72);

  auto page = RenderPdfPage(pdf, 0, 300);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(pixGetDepth(page->get()), 32);
  EXPECT_NEAR(pixGetWidth(page->get()), 2480, 1);
  const Timed timed = RecognizeWith(OcrOptions{}, page->get());
  ASSERT_TRUE(timed.result.ok()) << timed.result.status().ToString();
  const double cer = CharacterErrorRate(Rendered().ground_truth, timed.result->page.PrintedText());
  std::printf("[ PDF page rendered at 300 dpi ] CER %.4f, %.2f s\n", cer, timed.seconds);
  EXPECT_LE(cer, kMaxCleanCer);
}

TEST(RenderPdfPage, RefusesBadInput) {
  const std::string& pdf = Rendered().pdf;
  EXPECT_EQ(RenderPdfPage(pdf, 1, 150).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(RenderPdfPage(pdf, -1, 150).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(RenderPdfPage(pdf, 0, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(RenderPdfPage("%PDF-1.4 this is not a PDF", 0, 150).status().code(), StatusCode::kCorrupt);
  ImageLimits limits;
  limits.max_pixels = 1'000'000;
  EXPECT_EQ(RenderPdfPage(pdf, 0, 300, limits).status().code(), StatusCode::kResourceExhausted);
}

TEST(DecodeImages, Png) {
  auto pages = DecodeImages(Rendered().png);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 1u);
  const ImagePage& page = (*pages)[0];
  EXPECT_EQ(page.number, 1);
  EXPECT_TRUE(page.error.empty());
  ASSERT_TRUE(page.image);
  EXPECT_EQ(pixGetWidth(page.image.get()), 2480);
  EXPECT_EQ(pixGetHeight(page.image.get()), 3508);
}

TEST(DecodeImages, Jpeg) {
  PixPtr grey = GreyPage(640, 480);
  auto pages = DecodeImages(JpegBytes(grey.get()));
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ(pixGetWidth((*pages)[0].image.get()), 640);
  EXPECT_EQ(pixGetHeight((*pages)[0].image.get()), 480);
  EXPECT_TRUE((*pages)[0].note.empty());
}

std::string MultipageTiff(const std::vector<Pix*>& pages) {
  PIXA* pixa = pixaCreate(static_cast<int>(pages.size()));
  for (Pix* p : pages) pixaAddPix(pixa, p, L_COPY);
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixaWriteMemMultipageTiff(&data, &size, pixa), 0);
  pixaDestroy(&pixa);
  return BytesOf(data, size);
}

TEST(DecodeImages, EveryPageOfAMultipageTiff) {
  PixPtr a = GreyPage(300, 200), b = GreyPage(310, 210), c = GreyPage(320, 220);
  auto pages = DecodeImages(MultipageTiff({a.get(), b.get(), c.get()}));
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const ImagePage& page = (*pages)[i];
    EXPECT_EQ(page.number, i + 1);
    EXPECT_TRUE(page.error.empty()) << page.error;
    ASSERT_TRUE(page.image);
    EXPECT_EQ(pixGetWidth(page.image.get()), 300 + 10 * i);
    EXPECT_EQ(pixGetHeight(page.image.get()), 200 + 10 * i);
  }
}

uint32_t Le32(const std::string& s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}
uint32_t Le16(const std::string& s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8;
}

// Overwrites the compressed strips of page `page` (0-based) of a little-endian TIFF with garbage.
// Returns false if the TIFF is not laid out as expected.
bool CorruptTiffPage(std::string& tiff, int page) {
  if (tiff.compare(0, 4, std::string("II*\0", 4)) != 0) return false;
  size_t ifd = Le32(tiff, 4);
  for (int i = 0; i < page; ++i) ifd = Le32(tiff, ifd + 2 + 12 * Le16(tiff, ifd));
  const uint32_t entries = Le16(tiff, ifd);
  std::vector<uint32_t> offsets, counts;
  for (uint32_t e = 0; e < entries; ++e) {
    const size_t entry = ifd + 2 + 12 * e;
    const uint32_t tag = Le16(tiff, entry), type = Le16(tiff, entry + 2), n = Le32(tiff, entry + 4);
    if (tag != 273 && tag != 279) continue;
    const size_t width = type == 3 ? 2 : 4;
    const size_t values = n * width <= 4 ? entry + 8 : Le32(tiff, entry + 8);
    for (uint32_t k = 0; k < n; ++k) {
      const uint32_t v = width == 2 ? Le16(tiff, values + 2 * k) : Le32(tiff, values + 4 * k);
      (tag == 273 ? offsets : counts).push_back(v);
    }
  }
  if (offsets.empty() || offsets.size() != counts.size()) return false;
  for (size_t k = 0; k < offsets.size(); ++k) {
    for (uint32_t j = 0; j < counts[k]; ++j) tiff[offsets[k] + j] = static_cast<char>(0xA5 ^ (j * 37));
  }
  return true;
}

TEST(DecodeImages, CorruptTiffPageGetsAnErrorAndTheOthersLoad) {
  PixPtr a = GreyPage(300, 200), b = GreyPage(310, 210), c = GreyPage(320, 220);
  std::string tiff = MultipageTiff({a.get(), b.get(), c.get()});
  ASSERT_TRUE(CorruptTiffPage(tiff, 1));
  auto pages = DecodeImages(tiff);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 3u);
  EXPECT_TRUE((*pages)[0].image && (*pages)[0].error.empty());
  EXPECT_FALSE((*pages)[1].image);
  EXPECT_FALSE((*pages)[1].error.empty());
  EXPECT_EQ((*pages)[1].number, 2);
  EXPECT_TRUE((*pages)[2].image && (*pages)[2].error.empty());
  EXPECT_EQ(pixGetWidth((*pages)[2].image.get()), 320);
}

TEST(DecodeImages, DamagedFilesGiveClearErrors) {
  const std::string jpeg = JpegBytes(GreyPage(640, 480).get());
  auto truncated = DecodeImages(std::string_view(jpeg).substr(0, jpeg.size() / 2));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(truncated.status().message().find("JPEG"), std::string::npos) << truncated.status().message();

  const std::string png = PngBytes(GreyPage(640, 480).get());
  auto cut_png = DecodeImages(std::string_view(png).substr(0, png.size() / 2));
  ASSERT_FALSE(cut_png.ok());
  EXPECT_EQ(cut_png.status().code(), StatusCode::kCorrupt);

  std::string bad_crc = png;  // damage inside the pixel data: libpng notices the checksum
  const size_t idat = bad_crc.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  bad_crc[idat + 10] = static_cast<char>(bad_crc[idat + 10] ^ 0x55);
  auto damaged_png = DecodeImages(bad_crc);
  ASSERT_FALSE(damaged_png.ok());
  EXPECT_EQ(damaged_png.status().code(), StatusCode::kCorrupt);

  auto tiff_head = DecodeImages(std::string("II*\0\x08\0\0\0", 8));
  EXPECT_EQ(tiff_head.status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(DecodeImages("").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(DecodeImages("plain text, not an image").status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(DecodeImages("GIF89a").status().code(), StatusCode::kUnsupported);
}

uint32_t Crc32(std::string_view bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (char c : bytes) {
    crc ^= static_cast<unsigned char>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string Be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string PngChunk(std::string_view type, std::string_view data) {
  const std::string body = std::string(type) + std::string(data);
  return Be32(static_cast<uint32_t>(data.size())) + body + Be32(Crc32(body));
}

// A PNG whose header claims width x height; its pixel data is missing.
std::string PngHeaderOnly(uint32_t width, uint32_t height) {
  const std::string ihdr = Be32(width) + Be32(height) + std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit grey
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", ihdr) + PngChunk("IEND", "");
}

// A JPEG of 16x16 pixels whose frame header is patched to claim width x height.
std::string JpegClaiming(int width, int height) {
  std::string jpeg = JpegBytes(GreyPage(16, 16).get());
  for (size_t i = 2; i + 9 < jpeg.size(); ++i) {
    if (static_cast<unsigned char>(jpeg[i]) == 0xFF && (static_cast<unsigned char>(jpeg[i + 1]) & 0xFE) == 0xC0) {
      jpeg[i + 5] = static_cast<char>(height >> 8);
      jpeg[i + 6] = static_cast<char>(height);
      jpeg[i + 7] = static_cast<char>(width >> 8);
      jpeg[i + 8] = static_cast<char>(width);
      return jpeg;
    }
  }
  ADD_FAILURE() << "no SOF marker";
  return jpeg;
}

// Largest single image buffer Leptonica allocated while the probe was installed.
std::atomic<size_t> largest_pix_allocation{0};
void* CountingAlloc(size_t size) {
  size_t seen = largest_pix_allocation.load();
  while (size > seen && !largest_pix_allocation.compare_exchange_weak(seen, size)) {
  }
  return std::malloc(size);
}

TEST(DecodeImages, HugeImageIsRefusedWithoutAllocatingIt) {
  largest_pix_allocation = 0;
  setPixMemoryManager(&CountingAlloc, &std::free);
  auto png = DecodeImages(PngHeaderOnly(30000, 30000));
  auto jpeg = DecodeImages(JpegClaiming(30000, 30000));
  setPixMemoryManager(&std::malloc, &std::free);

  ASSERT_FALSE(png.ok());
  EXPECT_EQ(png.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(png.status().message().find("30000x30000"), std::string::npos) << png.status().message();
  ASSERT_FALSE(jpeg.ok());
  EXPECT_EQ(jpeg.status().code(), StatusCode::kResourceExhausted);
  EXPECT_LT(largest_pix_allocation.load(), size_t{1} << 20);
}

TEST(DecodeImages, HugeTiffPageGetsAnError) {
  PixPtr small = GreyPage(300, 200), large = GreyPage(400, 300);
  ImageLimits limits;
  limits.max_pixels = 100'000;
  auto pages = DecodeImages(MultipageTiff({small.get(), large.get()}), limits);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_TRUE((*pages)[0].image);
  EXPECT_FALSE((*pages)[1].image);
  EXPECT_NE((*pages)[1].error.find("exceeds"), std::string::npos) << (*pages)[1].error;
}

TEST(DecodeImages, LargeImagesAreDownscaled) {
  ImageLimits limits;
  limits.downscale_above = 1'000'000;
  PixPtr big = GreyPage(2000, 1500);  // 3 Mpx
  pixSetResolution(big.get(), 300, 300);

  auto png = DecodeImages(PngBytes(big.get()), limits);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  Pix* scaled = (*png)[0].image.get();
  EXPECT_LE(int64_t{pixGetWidth(scaled)} * pixGetHeight(scaled), 1'000'000);
  EXPECT_GE(int64_t{pixGetWidth(scaled)} * pixGetHeight(scaled), 900'000);
  EXPECT_NEAR(pixGetXRes(scaled), 300 * 0.577, 2);  // the resolution follows the scale
  EXPECT_NE((*png)[0].note.find("downscaled from 2000x1500"), std::string::npos) << (*png)[0].note;

  // JPEG scales while decoding, by a power of two.
  auto jpeg = DecodeImages(JpegBytes(big.get()), limits);
  ASSERT_TRUE(jpeg.ok()) << jpeg.status().ToString();
  EXPECT_EQ(pixGetWidth((*jpeg)[0].image.get()), 1000);
  EXPECT_EQ(pixGetHeight((*jpeg)[0].image.get()), 750);
  EXPECT_EQ(pixGetXRes((*jpeg)[0].image.get()), 150);  // half the pixels per inch
  EXPECT_EQ(pixGetYRes((*jpeg)[0].image.get()), 150);
  EXPECT_NE((*jpeg)[0].note.find("to 1000x750"), std::string::npos) << (*jpeg)[0].note;
}

PreprocessOptions NoSteps() {
  PreprocessOptions o;
  o.normalize_background = o.remove_color_marks = o.deskew = o.binarize = o.despeckle = o.denoise = false;
  return o;
}

l_uint32 GreyAt(Pix* pix, int x, int y) {
  l_uint32 v = 0;
  pixGetPixel(pix, x, y, &v);
  return v;
}

TEST(PreprocessPage, GivesGreyOrBinaryImagesOfTheSameSize) {
  PixPtr colour(pixCreate(300, 200, 32));
  pixSetAll(colour.get());
  std::string notes;
  auto grey = PreprocessPage(colour.get(), PreprocessOptions{}, &notes);
  ASSERT_TRUE(grey.ok()) << grey.status().ToString();
  EXPECT_EQ(pixGetDepth(grey->get()), 8);
  EXPECT_EQ(pixGetWidth(grey->get()), 300);
  EXPECT_EQ(pixGetHeight(grey->get()), 200);

  PreprocessOptions binarize;
  binarize.binarize = true;
  binarize.despeckle = true;
  auto binary = PreprocessPage(GreyPage(300, 200).get(), binarize, nullptr);
  ASSERT_TRUE(binary.ok()) << binary.status().ToString();
  EXPECT_EQ(pixGetDepth(binary->get()), 1);

  PixPtr one_bit(pixCreate(300, 200, 1));
  auto still_binary = PreprocessPage(one_bit.get(), PreprocessOptions{}, nullptr);
  ASSERT_TRUE(still_binary.ok());
  EXPECT_EQ(pixGetDepth(still_binary->get()), 1);

  EXPECT_EQ(PreprocessPage(nullptr, PreprocessOptions{}, nullptr).status().code(), StatusCode::kInvalidArgument);
}

TEST(PreprocessPage, RemovesColourMarksAndKeepsBlackText) {
  PixPtr page(pixCreate(400, 300, 32));
  pixSetAll(page.get());
  PixPtr seal(pixCreate(150, 150, 32));
  pixSetAllArbitrary(seal.get(), 0xd0202000);  // seal red
  pixRasterop(page.get(), 200, 100, 150, 150, PIX_SRC, seal.get(), 0, 0);
  pixRasterop(page.get(), 50, 50, 100, 20, PIX_CLR, nullptr, 0, 0);  // black "text"
  PreprocessOptions options = NoSteps();
  options.remove_color_marks = true;
  std::string notes;
  auto clean = PreprocessPage(page.get(), options, &notes);
  ASSERT_TRUE(clean.ok());
  EXPECT_GE(GreyAt(clean->get(), 275, 175), 250u);  // the seal is paper now
  EXPECT_LE(GreyAt(clean->get(), 100, 60), 10u);    // the text is still black
  EXPECT_NE(notes.find("colour marks removed"), std::string::npos) << notes;

  auto kept = PreprocessPage(page.get(), NoSteps(), nullptr);
  ASSERT_TRUE(kept.ok());
  EXPECT_LT(GreyAt(kept->get(), 275, 175), 150u);  // without the step the seal reads as ink
}

TEST(PreprocessPage, DeskewFillsUncoveredCornersWithPaperGrey) {
  PixPtr image = DecodeOne(Rendered().png);
  ASSERT_TRUE(image);
  PixPtr grey(pixConvertRGBToLuminance(image.get()));
  PixPtr rotated(pixRotate(grey.get(), 3.0f * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  pixMultConstantGray(rotated.get(), 0.7f);  // grey paper, level 178, corners included
  PreprocessOptions options = NoSteps();
  options.deskew = true;
  std::string notes;
  auto straight = PreprocessPage(rotated.get(), options, &notes);
  ASSERT_TRUE(straight.ok());
  EXPECT_NE(notes.find("deskewed"), std::string::npos) << notes;
  for (auto [x, y] : {std::pair{0, 0}, std::pair{2479, 0}, std::pair{0, 3507}, std::pair{2479, 3507}}) {
    EXPECT_NEAR(static_cast<int>(GreyAt(straight->get(), x, y)), 178, 3) << x << "," << y;
  }
}

TEST(PreprocessPage, DespeckleRemovesIsolatedSpecksOnly) {
  PixPtr page(pixCreate(600, 400, 8));
  pixSetAll(page.get());
  pixSetResolution(page.get(), 300, 300);
  pixRasterop(page.get(), 100, 100, 30, 40, PIX_CLR, nullptr, 0, 0);  // a letter
  pixRasterop(page.get(), 110, 144, 2, 2, PIX_CLR, nullptr, 0, 0);    // its dot (ạ), 4 px below
  pixRasterop(page.get(), 400, 300, 2, 2, PIX_CLR, nullptr, 0, 0);    // a speck in the margin
  PreprocessOptions options = NoSteps();
  options.despeckle = true;
  std::string notes;
  auto clean = PreprocessPage(page.get(), options, &notes);
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(GreyAt(clean->get(), 400, 300), 255u);
  EXPECT_EQ(GreyAt(clean->get(), 110, 144), 0u);
  EXPECT_EQ(GreyAt(clean->get(), 115, 120), 0u);
  EXPECT_NE(notes.find("removed 1 specks"), std::string::npos) << notes;
}

// Salt and pepper (2 % of the pixels black or white at random): the page's noise is measured and a
// median filter takes it away, which Tesseract alone reads through badly. Grain is found too;
// the clean page is left as it is.
TEST(PreprocessPage, NoiseIsMeasuredAndFilteredAndCleanPagesAreLeftAlone) {
  PixPtr image = DecodeOne(Rendered().png);
  ASSERT_TRUE(image);
  PixPtr clean(pixConvertRGBToLuminance(image.get()));
  ASSERT_TRUE(clean);
  pixCopyResolution(clean.get(), image.get());
  PreprocessOptions options = NoSteps();
  options.denoise = true;
  std::string notes;
  ASSERT_TRUE(PreprocessPage(clean.get(), options, &notes).ok());
  EXPECT_EQ(notes, "");

  PixPtr salted(pixCopy(nullptr, clean.get()));
  uint64_t state = 2026;
  for (int y = 0; y < pixGetHeight(salted.get()); ++y) {
    for (int x = 0; x < pixGetWidth(salted.get()); ++x) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const unsigned r = static_cast<unsigned>(state >> 33) % 1000;
      if (r < 20) pixSetPixel(salted.get(), x, y, r < 10 ? 0 : 255);
    }
  }
  notes.clear();
  ASSERT_TRUE(PreprocessPage(salted.get(), options, &notes).ok());
  EXPECT_NE(notes.find("median filter x1 (salt and pepper"), std::string::npos) << notes;
  OcrOptions with;
  OcrOptions without;
  without.preprocess.denoise = false;
  const Timed filtered = RecognizeWith(with, salted.get()), raw = RecognizeWith(without, salted.get());
  ASSERT_TRUE(filtered.result.ok() && raw.result.ok());
  const double cer_filtered = CharacterErrorRate(Rendered().ground_truth, filtered.result->page.PrintedText());
  const double cer_raw = CharacterErrorRate(Rendered().ground_truth, raw.result->page.PrintedText());
  std::printf("[ salt and pepper 2%% ] CER %.4f filtered, %.4f without the filter\n", cer_filtered, cer_raw);
  EXPECT_LE(cer_filtered, 2 * kMaxCleanCer);
  EXPECT_LT(cer_filtered, 0.5 * cer_raw);

  std::srand(7);  // Leptonica's noise draws from rand()
  PixPtr grainy(pixAddGaussianNoise(clean.get(), 40.0f));
  ASSERT_TRUE(grainy);
  notes.clear();
  ASSERT_TRUE(PreprocessPage(grainy.get(), options, &notes).ok());
  EXPECT_NE(notes.find("median filter x"), std::string::npos) << notes;

}

TEST(PreprocessPage, NormalizesGreyUnevenPaperToWhite) {
  PixPtr image = DecodeOne(Rendered().png);
  ASSERT_TRUE(image);
  PixPtr grey(pixConvertRGBToLuminance(image.get()));
  const int w = pixGetWidth(grey.get()), h = pixGetHeight(grey.get());
  for (int y = 0; y < h; y += 1) {  // light falls off from left (80%) to right (60%)
    for (int x = 0; x < w; ++x) {
      const double f = 0.8 - 0.2 * x / w;
      pixSetPixel(grey.get(), x, y, static_cast<l_uint32>(GreyAt(grey.get(), x, y) * f));
    }
  }
  PreprocessOptions options = NoSteps();
  options.normalize_background = true;
  std::string notes;
  auto clean = PreprocessPage(grey.get(), options, &notes);
  ASSERT_TRUE(clean.ok());
  EXPECT_GE(GreyAt(clean->get(), 100, 100), 250u);
  EXPECT_GE(GreyAt(clean->get(), w - 100, h - 100), 250u);
  // The note gives the paper's spread in grey levels (the light falls from 80% to 60% of white).
  int levels = -1;
  ASSERT_EQ(std::sscanf(notes.c_str(), "background flattened (paper varies by %d levels)", &levels), 1) << notes;
  EXPECT_GE(levels, 40) << notes;
  EXPECT_LE(levels, 80) << notes;
}

}  // namespace
}  // namespace vanban
