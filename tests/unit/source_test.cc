#include <sys/stat.h>

#include <filesystem>
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

namespace vanban {
namespace {

using testing::TempFiles;

class NamedDriver final : public SourceDriver {
 public:
  explicit NamedDriver(std::string name, std::string magic) : name_(std::move(name)), magic_(std::move(magic)) {}
  std::string_view Name() const override { return name_; }
  std::string_view Description() const override { return "test"; }
  std::string_view Identify(std::string_view head) const override {
    return head.starts_with(magic_) ? std::string_view("application/x-test") : std::string_view();
  }
  StatusOr<std::unique_ptr<OpenedFile>> Open(std::shared_ptr<const std::string>, std::string_view,
                                             const SourceOptions&) const override {
    return Status::Unsupported("test driver");
  }

 private:
  std::string name_, magic_;
};

TEST(SourceRegistry, RefusesATakenNameAndIdentifiesInOrder) {
  SourceRegistry registry;
  RegisterBuiltinSources(registry);
  ASSERT_EQ(registry.drivers().size(), 3u);
  EXPECT_EQ(registry.drivers().back()->Name(), "text");  // the catch-all comes last
  const Status taken = registry.Add(std::make_unique<NamedDriver>("pdf", "X"));
  EXPECT_NE(taken.message().find("'pdf' is already registered"), std::string::npos) << taken.message();
  // A new driver added after the text driver never sees text; one added to a fresh registry first does.
  SourceRegistry custom;
  ASSERT_TRUE(custom.Add(std::make_unique<NamedDriver>("test", "VB1")).ok());
  RegisterBuiltinSources(custom);
  EXPECT_EQ(custom.Identify("VB1 content").driver->Name(), "test");
  EXPECT_EQ(custom.Identify("other content").driver->Name(), "text");
  EXPECT_EQ(custom.Identify("").media_type, kMediaEmpty);
  EXPECT_EQ(custom.Identify(std::string("a\0b", 3)).driver, nullptr);
}

TEST(ExpandInputs, FoldersAreWalkedInPathOrderWithoutLoops) {
  TempFiles files;
  namespace fs = std::filesystem;
  fs::create_directories(files.Path("in/b/deep"));
  fs::create_directories(files.Path("in/a"));
  fs::create_directories(files.Path("in/.git"));
  files.Write("in/b/deep/3.txt", "x");
  files.Write("in/a/2.txt", "x");
  files.Write("in/1.txt", "x");
  files.Write("in/.hidden.txt", "x");
  files.Write("in/.git/config", "x");
  fs::create_directory_symlink("..", files.Path("in/b/up"));  // a loop back to in/
  fs::create_symlink("1.txt", files.Path("in/link.txt"));
  std::vector<std::string> problems;
  const std::vector<std::string> got =
      ExpandInputs({files.Path("solo.txt"), files.Path("in"), "-"}, &problems);
  const std::vector<std::string> expected = {files.Path("solo.txt"), files.Path("in/1.txt"), files.Path("in/a/2.txt"),
                                             files.Path("in/b/deep/3.txt"), files.Path("in/link.txt"), "-"};
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(problems.empty());
  fs::create_directories(files.Path("empty"));
  ExpandInputs({files.Path("empty")}, &problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], files.Path("empty") + ": folder holds no files");
}

TEST(OpenBytes, PdfWithDataAfterItsEndIsReadWithAWarning) {
  // The smallest PDF poppler reads, then a megabyte of other bytes (a copy tool's padding).
  const std::string pdf =
      "%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
      "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
  SourceRegistry registry;
  RegisterBuiltinSources(registry);
  const OpenedInput clean = OpenBytes(pdf, "a.pdf", {}, registry);
  ASSERT_TRUE(clean.document.errors.empty()) << clean.document.errors[0].reason;
  EXPECT_TRUE(clean.document.warnings.empty());
  std::string padded = pdf;
  for (int i = 0; i < (1 << 20); ++i) padded.push_back(static_cast<char>('A' + i % 26));
  const OpenedInput input = OpenBytes(padded, "b.pdf", {}, registry);
  EXPECT_TRUE(input.document.errors.empty()) << input.document.errors[0].reason;  // not "truncated"
  ASSERT_EQ(input.document.warnings.size(), 1u);
  EXPECT_EQ(input.document.warnings[0], "1048576 bytes of other data follow the PDF's end marker (%EOF); they were ignored");
  const OpenedInput cut = OpenBytes(pdf.substr(0, pdf.size() - 7), "c.pdf", {}, registry);
  ASSERT_FALSE(cut.document.errors.empty());
  EXPECT_NE(cut.document.errors[0].reason.find("no %EOF marker"), std::string::npos) << cut.document.errors[0].reason;
  EXPECT_EQ(cut.document.errors[0].reason.find("%%"), std::string::npos);
}

}  // namespace
}  // namespace vanban
