// Records both ways on the whole corpus: every record read back and written again is byte-identical,
// and the document read back extracts to the same record (the checker and the catalog take records
// as well as files).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "../unit/test_engine.h"
#include "../unit/test_files.h"
#include "tools.h"
#include "vanban/record.h"

namespace vanban {
namespace {

using testing::SourceDir;
using testing::TempFiles;
using testing::TestEngine;

std::vector<std::string> CorpusTexts() {
  std::vector<std::string> paths;
  for (const char* dir : {"corpus/seeds", "corpus/docs", "corpus/heldout", "corpus/ocr"}) {
    for (const auto& e : std::filesystem::directory_iterator(SourceDir() + "/" + dir)) {
      if (e.path().extension() == ".txt") paths.push_back(e.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

void ExpectRoundTrip(const ProcessedDocument& d, bool layout) {
  RecordOptions options;
  options.include_layout = layout;
  const std::string written = WriteRecord(d.document, d.extracted ? &d.extraction : nullptr, options);
  StatusOr<DocumentRecord> read = ReadRecord(written);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->extraction.has_value(), d.extracted);
  EXPECT_EQ(WriteRecord(read->document, read->extraction ? &*read->extraction : nullptr, options), written)
      << d.document.source.path << (layout ? " (with layout)" : "");
}

class CorpusRecord : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusRecord, ReadBackAndWrittenAgainIsByteIdentical) {
  const ProcessedDocument d = TestEngine().Process(GetParam(), PipelineOptions{});
  ASSERT_TRUE(d.ok());
  ExpectRoundTrip(d, false);
  ExpectRoundTrip(d, true);
}

TEST_P(CorpusRecord, DocumentReadBackExtractsToTheSameRecord) {
  const ProcessedDocument d = TestEngine().Process(GetParam(), PipelineOptions{});
  const std::string written = WriteRecord(d.document, &d.extraction);
  StatusOr<DocumentRecord> read = ReadRecord(written);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  const ProcessedDocument again = TestEngine().Extract(std::move(read->document));
  EXPECT_EQ(WriteRecord(again.document, &again.extraction), written);
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusRecord, ::testing::ValuesIn(CorpusTexts()), [](const auto& info) {
  std::string name = std::filesystem::path(info.param).parent_path().filename().string() + "_" +
                     std::filesystem::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
});

TEST(CorpusRecordForms, PdfTextLayerAndOcrPagesRoundTrip) {
  // A born-digital PDF (word boxes, page sizes) and a page read by OCR (confidences, corrections,
  // notes): the fields a text file has not.
  TempFiles files;
  const std::string text = files.Write("doc.txt", testing::ReadFile(SourceDir() + "/corpus/seeds/001_9b523df372c715d2.txt"));
  ASSERT_TRUE(testing::RenderPdf(text, files.Path("doc.pdf")));
  const ProcessedDocument pdf = TestEngine().Process(files.Path("doc.pdf"), PipelineOptions{});
  ASSERT_TRUE(pdf.ok());
  ASSERT_EQ(pdf.document.pages.front().origin, Origin::kTextLayer);
  ExpectRoundTrip(pdf, true);
  PipelineOptions force;
  force.ocr.mode = OcrMode::kForce;
  const std::string one_page = files.Write("short.txt", "Kính gửi: Sở Giáo dục và Đào tạo.\nBáo cáo trước ngày 15/5/2024.\n");
  ASSERT_TRUE(testing::RenderPdf(one_page, files.Path("short.pdf")));
  const ProcessedDocument ocr = TestEngine().Process(files.Path("short.pdf"), force);
  ASSERT_TRUE(ocr.ok());
  ASSERT_EQ(ocr.document.pages.front().origin, Origin::kOcr);
  ASSERT_TRUE(ocr.document.pages.front().confidence.has_value());
  ExpectRoundTrip(ocr, true);
  ExpectRoundTrip(ocr, false);
}

}  // namespace
}  // namespace vanban
