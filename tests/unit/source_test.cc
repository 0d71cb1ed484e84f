#include <sys/stat.h>
#include <unistd.h>

#include "test_engine.h"
#include "test_files.h"
#include "vanban/legacy_encoding.h"
#include "vanban/pipeline.h"
#include "vanban/source.h"

namespace vanban {
namespace {

using testing::ReadFile;
using testing::SourceDir;
using testing::TempFiles;
using testing::U32;

const char kPhrase[] =
    "Căn cứ Kế hoạch số 72/KH-UBND ngày 13/3/2020 của Ủy ban nhân dân thành phố về thực hiện công tác bình đẳng "
    "giới năm 2020, Sở Giáo dục và Đào tạo hướng dẫn các cơ sở giáo dục thực hiện như sau.";

Document ExtractFile(const std::string& path) { return testing::ExtractDocument(path); }

TEST(DetectMediaType, UsesContentNotName) {
  EXPECT_EQ(DetectMediaType("%PDF-1.7\n..."), kMediaPdf);
  EXPECT_EQ(DetectMediaType("\x89PNG\r\n\x1a\nxxxx"), kMediaPng);
  EXPECT_EQ(DetectMediaType("\xFF\xD8\xFF\xE0"), kMediaJpeg);
  EXPECT_EQ(DetectMediaType(std::string("II*\0", 4)), kMediaTiff);
  EXPECT_EQ(DetectMediaType(std::string("MM\0*", 4)), kMediaTiff);
  EXPECT_EQ(DetectMediaType("\xFF\xFEV\0"), kMediaText);
  EXPECT_EQ(DetectMediaType("Kính gửi: các đơn vị"), kMediaText);
  EXPECT_EQ(DetectMediaType(std::string("ab\0cd", 5)), kMediaBinary);
  EXPECT_EQ(DetectMediaType(""), kMediaEmpty);
}

TEST(TextSource, ReadsUtf8WithAndWithoutBom) {
  TempFiles files;
  for (const std::string& prefix : {std::string(), std::string("\xEF\xBB\xBF")}) {
    const Document doc = ExtractFile(files.Write("a.txt", prefix + kPhrase));
    EXPECT_TRUE(doc.ok());
    EXPECT_EQ(doc.source.encoding, "utf-8");
    EXPECT_EQ(doc.source.media_type, kMediaText);
    EXPECT_EQ(doc.text, kPhrase);
    EXPECT_EQ(doc.source.sha256.size(), 64u);
  }
}

TEST(TextSource, ReadsUtf16WithBom) {
  TempFiles files;
  // UTF-16LE of kPhrase, written by hand from its code points.
  const std::u32string cps = U32(kPhrase);
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (char32_t c : cps) {
    le.push_back(static_cast<char>(c & 0xFF));
    le.push_back(static_cast<char>(c >> 8));
    be.push_back(static_cast<char>(c >> 8));
    be.push_back(static_cast<char>(c & 0xFF));
  }
  const Document a = ExtractFile(files.Write("le.txt", le));
  const Document b = ExtractFile(files.Write("be.txt", be));
  EXPECT_EQ(a.source.encoding, "utf-16le");
  EXPECT_EQ(b.source.encoding, "utf-16be");
  EXPECT_EQ(a.text, kPhrase);
  EXPECT_EQ(b.text, kPhrase);
}

TEST(TextSource, DecodesLegacyEncodedFiles) {
  TempFiles files;
  for (LegacyEncoding e : {LegacyEncoding::kTcvn3, LegacyEncoding::kVni}) {
    const std::string bytes = EncodeLegacyBytes(kPhrase, e).value();
    const Document doc = ExtractFile(files.Write("legacy.txt", bytes));
    EXPECT_TRUE(doc.ok()) << LegacyEncodingName(e);
    EXPECT_EQ(doc.source.encoding, LegacyEncodingName(e));
    EXPECT_EQ(doc.text, kPhrase);
  }
}

TEST(TextSource, DecodesLegacyMojibakeSavedAsUtf8) {
  TempFiles files;
  const std::string bytes = EncodeLegacyBytes(kPhrase, LegacyEncoding::kTcvn3).value();
  const std::string utf8 = testing::BytesAsLatin1Utf8(bytes);
  const Document doc = ExtractFile(files.Write("mojibake.txt", utf8));
  EXPECT_TRUE(doc.ok());
  EXPECT_EQ(doc.source.encoding, "utf-8 (tcvn3 mojibake, decoded)");
  EXPECT_EQ(doc.text, kPhrase);
}

TEST(TextSource, FormFeedsSeparatePages) {
  TempFiles files;
  const Document doc = ExtractFile(files.Write("pages.txt", "Trang một.\fTrang hai.\f"));
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_EQ(doc.pages[1].PrintedText(), "Trang hai.");
  ASSERT_EQ(doc.paragraphs.size(), 2u);
  EXPECT_EQ(doc.paragraphs[1].page, 2);
}

// ---- bad input: every case gives an error record, never a crash --------------------------------

void ExpectError(const Document& doc, const std::string& code, const std::string& reason_part) {
  ASSERT_FALSE(doc.ok()) << doc.source.path;
  EXPECT_EQ(doc.errors[0].code, code);
  EXPECT_NE(doc.errors[0].reason.find(reason_part), std::string::npos) << doc.errors[0].reason;
  EXPECT_EQ(doc.errors[0].path, doc.source.path);
}

TEST(BadInput, EmptyFile) {
  TempFiles files;
  ExpectError(ExtractFile(files.Write("empty.txt", "")), "corrupt", "empty");
}

TEST(BadInput, MissingFile) {
  TempFiles files;
  ExpectError(ExtractFile(files.Path("nope.pdf")), "not_found", "no such file");
}

TEST(BadInput, Directory) {
  TempFiles files;
  ExpectError(ExtractFile(files.Path("")), "invalid_argument", "directory");
}

TEST(BadInput, FileThatFailsWhileReadIsAnIoError) {
  // /proc/self/mem is a regular file whose first page cannot be read: an I/O error even for root.
  ExpectError(ExtractFile("/proc/self/mem"), "io_error", "read failed");
}

TEST(BadInput, FileWithoutReadPermission) {
  if (::geteuid() == 0) GTEST_SKIP() << "runs as root, who reads files whatever their mode";
  TempFiles files;
  const std::string path = files.Write("secret.txt", kPhrase);
  ::chmod(path.c_str(), 0);
  ExpectError(ExtractFile(path), "permission_denied", "cannot open");
}

TEST(BadInput, BinaryJunkNamedTxt) {
  TempFiles files;
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  const Document doc = ExtractFile(files.Write("junk.txt", junk));
  ExpectError(doc, "unsupported", "binary");
  EXPECT_EQ(doc.source.media_type, kMediaBinary);
}

TEST(BadInput, InvalidUtf8) {
  TempFiles files;
  const Document doc = ExtractFile(files.Write("bad.txt", std::string("Dòng một\nDòng \xC3\x28 hai\n")));
  ExpectError(doc, "corrupt", "invalid UTF-8 at byte 18 (line 2, column 6)");
  EXPECT_NE(doc.text.find("Dòng \xEF\xBF\xBD( hai"), std::string::npos);  // the rest is still there
}

TEST(BadInput, TruncatedImageIsIdentifiedAndReported) {
  TempFiles files;
  const Document doc = ExtractFile(files.Write("scan.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
  EXPECT_EQ(doc.source.media_type, kMediaPng);
  ExpectError(doc, "corrupt", "");
}

TEST(Pipeline, OneBadFileDoesNotAffectTheOthers) {
  TempFiles files;
  const std::vector<std::string> paths = {files.Write("a.txt", kPhrase), files.Path("missing.txt"),
                                          files.Write("c.txt", ""), SourceDir() + "/corpus/seeds/000_52fa74754233632c.txt"};
  PipelineOptions options;
  options.jobs = 3;
  const std::vector<ProcessedDocument> docs = testing::ExtractAll(paths, options);
  ASSERT_EQ(docs.size(), 4u);
  for (size_t i = 0; i < docs.size(); ++i) EXPECT_EQ(docs[i].document.source.path, paths[i]);  // input order kept
  EXPECT_TRUE(docs[0].ok());
  EXPECT_FALSE(docs[1].ok());
  EXPECT_FALSE(docs[2].ok());
  EXPECT_TRUE(docs[3].ok());
  EXPECT_EQ(docs[3].document.text, ExtractFile(paths[3]).text);
}

}  // namespace
}  // namespace vanban
