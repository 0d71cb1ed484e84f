// Tests of the external plugin loader and of the "contacts" plugin, loaded from the shared libraries
// the build puts in VANBAN_PLUGIN_DIR (and a copy built for ABI 999 in VANBAN_BADABI_PLUGIN_DIR).
#include "vanban/plugin_loader.h"
#include "vanban/rules.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include "test_files.h"
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "vanban/document.h"
#include "vanban/extraction.h"
#include "vanban/extractor.h"
#include "vanban/structure.h"

#ifndef VANBAN_PLUGIN_DIR
#error "VANBAN_PLUGIN_DIR must name the folder holding libvanban_contacts.so"
#endif
#ifndef VANBAN_BADABI_PLUGIN_DIR
#error "VANBAN_BADABI_PLUGIN_DIR must name the folder holding the contacts plugin built for ABI 999"
#endif

namespace vanban {
namespace {

namespace fs = std::filesystem;

const char kPluginDir[] = VANBAN_PLUGIN_DIR;
const char kBadAbiPluginDir[] = VANBAN_BADABI_PLUGIN_DIR;

using ScratchDir = ::vanban::testing::TempFiles;

// A document as the normalizer would leave it: `paragraphs` joined by '\n', the i-th on pages[i].
Document MakeDocument(const std::vector<std::string>& paragraphs, const std::vector<int>& pages) {
  Document doc;
  doc.source.path = "test.txt";
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i > 0) doc.text += '\n';
    const size_t begin = doc.text.size();
    doc.text += paragraphs[i];
    doc.paragraphs.push_back(Paragraph{Span{begin, doc.text.size()}, pages[i]});
  }
  return doc;
}

Document MakeDocument(const std::string& text) { return MakeDocument({text}, {1}); }

// Runs an extractor through the Extractor interface. External plugins see only the text, so an empty
// structure will do.
Status RunExtractor(const Extractor& extractor, const Document& doc, Extraction& out) {
  const DocumentStructure structure;
  const Extraction earlier;
  return extractor.Extract(ExtractionInput{doc, structure, *RuleSet::Empty(), earlier}, out);
}

// The shared section external plugins write into.
std::vector<Finding>& Findings(Extraction& out) { return out.sections[std::string(kPluginFindingsSection)]; }

// The contacts plugin, loaded from the build's plugin folder.
class Contacts {
 public:
  Contacts() {
    messages_ = LoadExternalPlugins(kPluginDir, registry_);
  }
  const std::vector<std::string>& messages() const { return messages_; }
  const ExtractorRegistry& registry() const { return registry_; }

  std::vector<Finding> Find(const std::string& text) const {
    Extraction out;
    if (registry_.extractors().size() != 1) {
      ADD_FAILURE() << "contacts plugin not loaded from " << kPluginDir;
      return {};
    }
    const Status status = RunExtractor(*registry_.extractors()[0], MakeDocument(text), out);
    EXPECT_TRUE(status.ok()) << status.ToString();
    EXPECT_TRUE(out.errors.empty());
    return Findings(out);
  }

 private:
  ExtractorRegistry registry_;
  std::vector<std::string> messages_;
};

std::string Joined(const std::vector<std::string>& messages) {
  std::string all;
  for (const std::string& m : messages) all += m + "\n";
  return all;
}

// --- Loading -------------------------------------------------------------------------------------

TEST(PluginLoader, LoadsContactsPlugin) {
  Contacts contacts;
  EXPECT_TRUE(contacts.messages().empty()) << Joined(contacts.messages());
  ASSERT_EQ(contacts.registry().extractors().size(), 1u);
  const Extractor& extractor = *contacts.registry().extractors()[0];
  EXPECT_EQ(extractor.Name(), "contacts");
  EXPECT_EQ(extractor.Version(), "1.0.0");
  EXPECT_FALSE(extractor.Description().empty());
  EXPECT_EQ(extractor.Origin(), (fs::path(kPluginDir) / "libvanban_contacts.so").string());
  EXPECT_EQ(contacts.registry().RuleCount(extractor), 0u);
  EXPECT_EQ(extractor.Info().sections, std::vector<std::string>{"findings"});
}

TEST(PluginLoader, AppendsAfterExtractorsAlreadyRegistered) {
  ExtractorRegistry registry;
  ASSERT_TRUE(LoadExternalPlugins(kPluginDir, registry).empty());
  ScratchDir dir;
  // The same plugin again, under another file name: its name is taken.
  fs::create_symlink(fs::path(kPluginDir) / "libvanban_contacts.so", dir.Path("libcopy.so"));
  const std::vector<std::string> messages = LoadExternalPlugins(dir.Dir(), registry);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], dir.Path("libcopy.so") + ": an extractor named \"contacts\" is already loaded; not loaded");
  EXPECT_EQ(registry.extractors().size(), 1u);
}

TEST(PluginLoader, RefusesPluginBuiltForAnotherAbi) {
  ExtractorRegistry registry;
  const std::vector<std::string> messages = LoadExternalPlugins(kBadAbiPluginDir, registry);
  EXPECT_TRUE(registry.extractors().empty());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("plugin ABI 999"), std::string::npos) << messages[0];
  EXPECT_EQ(messages[0], (fs::path(kBadAbiPluginDir) / "libvanban_contacts_badabi.so").string() +
                             ": built for plugin ABI 999, this vanban needs 1; not loaded");
}

TEST(PluginLoader, LoadsGoodPluginsNextToRefusedOnes) {
  ExtractorRegistry registry;
  const std::vector<std::string> messages =
      LoadExternalPlugins(std::string(kBadAbiPluginDir) + ":" + kPluginDir, registry);
  ASSERT_EQ(registry.extractors().size(), 1u);
  EXPECT_EQ(registry.extractors()[0]->Name(), "contacts");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("plugin ABI 999"), std::string::npos) << messages[0];
}

TEST(PluginLoader, RefusesFileThatIsNotASharedLibrary) {
  ScratchDir dir;
  const std::string garbage = dir.Write("x.so", "this is not an ELF file\x01\x02\x03\xff");
  ExtractorRegistry registry;
  const std::vector<std::string> messages = LoadExternalPlugins(dir.Dir(), registry);
  EXPECT_TRUE(registry.extractors().empty());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].rfind(garbage + ": cannot open (", 0), 0u) << messages[0];
  EXPECT_TRUE(messages[0].ends_with("); not loaded")) << messages[0];
}

TEST(PluginLoader, RefusesLibraryWithoutEntryPoints) {
  // The C library is a real shared library that is certainly not a vanban plugin.
  Dl_info info{};
  ASSERT_NE(dladdr(reinterpret_cast<void*>(&std::fopen), &info), 0);
  ASSERT_NE(info.dli_fname, nullptr);
  ScratchDir dir;
  fs::create_symlink(info.dli_fname, dir.Path("libc-link.so"));
  ExtractorRegistry registry;
  const std::vector<std::string> messages = LoadExternalPlugins(dir.Dir(), registry);
  EXPECT_TRUE(registry.extractors().empty());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].rfind(dir.Path("libc-link.so") + ": not a vanban plugin: no vanban_plugin_abi_version", 0), 0u)
      << messages[0];
}

TEST(PluginLoader, TakesCandidatesInNameOrderAndIgnoresOtherFiles) {
  ScratchDir dir;
  dir.Write("z.so", "garbage");
  dir.Write("a.so", "garbage");
  dir.Write("README.txt", "not a candidate");
  dir.Write("libfoo.so.1", "not a candidate either");
  dir.Write(".so", "no name");
  fs::create_directory(dir.Path("sub.so"));
  ExtractorRegistry registry;
  const std::vector<std::string> messages = LoadExternalPlugins(dir.Dir(), registry);
  EXPECT_TRUE(registry.extractors().empty());
  ASSERT_EQ(messages.size(), 2u) << Joined(messages);
  EXPECT_EQ(messages[0].rfind(dir.Path("a.so") + ":", 0), 0u) << messages[0];
  EXPECT_EQ(messages[1].rfind(dir.Path("z.so") + ":", 0), 0u) << messages[1];
}

TEST(PluginLoader, EmptyOrMissingSearchPathLoadsNothing) {
  ScratchDir empty;
  for (const std::string& path :
       {std::string(), std::string(":"), std::string(":::"), std::string("/nonexistent/vanban/plugins"),
        empty.Dir(), empty.Dir() + "/missing:" + empty.Dir()}) {
    SCOPED_TRACE("search path \"" + path + "\"");
    ExtractorRegistry registry;
    const std::vector<std::string> messages = LoadExternalPlugins(path, registry);
    EXPECT_TRUE(messages.empty()) << Joined(messages);
    EXPECT_TRUE(registry.extractors().empty());
  }
}

TEST(PluginLoader, ReportsSearchPathEntryThatIsNotAFolder) {
  ScratchDir dir;
  const std::string file = dir.Write("plugins", "a file");
  ExtractorRegistry registry;
  const std::vector<std::string> messages = LoadExternalPlugins(file, registry);
  EXPECT_TRUE(registry.extractors().empty());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], file + ": on the plugin path but not a folder");
}

// --- Running a loaded plugin -----------------------------------------------------------------------

TEST(PluginLoader, ExtractsContactsWithSpansAndPages) {
  Contacts contacts;
  ASSERT_EQ(contacts.registry().extractors().size(), 1u);
  const Document doc = MakeDocument(
      {"SỞ GIÁO DỤC VÀ ĐÀO TẠO. Điện thoại: (024) 3825 3536; Fax: 024.3825.3537.",
       "Email: VanThu@HaNoi.edu.vn. Đầu mối: bà Nguyễn Thị Hoà, ĐT 0912.345.678 hoặc +84 987 654 321.",
       "Hỗ trợ kỹ thuật: hotro-cntt@sgd.hanoi.gov.vn, 84-358-123-456."},
      {1, 1, 2});
  Extraction out;
  const Status status = RunExtractor(*contacts.registry().extractors()[0], doc, out);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_TRUE(out.errors.empty());

  struct Expected {
    std::string kind, value, printed;
    int page;
  };
  const std::vector<Expected> expected = {
      {"phone", "02438253536", "(024) 3825 3536", 1},
      {"phone", "02438253537", "024.3825.3537", 1},
      {"email", "vanthu@hanoi.edu.vn", "VanThu@HaNoi.edu.vn", 1},
      {"phone", "0912345678", "0912.345.678", 1},
      {"phone", "0987654321", "+84 987 654 321", 1},
      {"email", "hotro-cntt@sgd.hanoi.gov.vn", "hotro-cntt@sgd.hanoi.gov.vn", 2},
      {"phone", "0358123456", "84-358-123-456", 2},
  };
  ASSERT_EQ(Findings(out).size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].printed);
    const Finding& f = Findings(out)[i];
    EXPECT_EQ(f.plugin, "contacts");
    EXPECT_EQ(f.kind, expected[i].kind);
    EXPECT_EQ(f.value, expected[i].value);
    EXPECT_EQ(doc.SpanText(f.span), expected[i].printed);
    EXPECT_EQ(f.page, expected[i].page);
    EXPECT_GT(f.confidence, 0.5);
    EXPECT_LE(f.confidence, 1.0);
  }
  // Exact offsets of the first finding, to pin the span convention (half-open byte range).
  const size_t begin = doc.text.find("(024)");
  EXPECT_EQ(Findings(out)[0].span, (Span{begin, begin + std::string("(024) 3825 3536").size()}));
}

TEST(PluginLoader, PluginIsSafeToRunFromManyThreads) {
  Contacts contacts;
  ASSERT_EQ(contacts.registry().extractors().size(), 1u);
  const Extractor& extractor = *contacts.registry().extractors()[0];
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "Liên hệ a" + std::to_string(i) + "@x.gov.vn hoặc 0912 345 " + std::to_string(100 + i) + ". ";
  }
  const Document doc = MakeDocument(text);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 20; ++round) {
        Extraction out;
        if (!RunExtractor(extractor, doc, out).ok() || Findings(out).size() != 400) ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

// --- The contacts plugin's matching --------------------------------------------------------------

TEST(ContactsPlugin, FindsEmailsAndPhones) {
  struct Case {
    std::string text;
    std::string kind;
    std::string value;
    std::string printed;  // the span's text
  };
  const std::vector<Case> cases = {
      {"ĐT: 0912 345 678.", "phone", "0912345678", "0912 345 678"},
      {"ĐT: 0912.345.678", "phone", "0912345678", "0912.345.678"},
      {"ĐT: 0912-345-678", "phone", "0912345678", "0912-345-678"},
      {"Di động:0912345678, liên hệ", "phone", "0912345678", "0912345678"},
      {"gọi 091 234 5678 ngay", "phone", "0912345678", "091 234 5678"},
      {"số 0358 123 456", "phone", "0358123456", "0358 123 456"},
      {"số 070 123 4567", "phone", "0701234567", "070 123 4567"},
      {"số 0567.890.123", "phone", "0567890123", "0567.890.123"},
      {"số 0812 345 678", "phone", "0812345678", "0812 345 678"},
      {"+84 912 345 678", "phone", "0912345678", "+84 912 345 678"},
      {"(+84912345678)", "phone", "0912345678", "+84912345678"},
      {"Tel. 84912345678", "phone", "0912345678", "84912345678"},
      {"(+84) 912 345 678", "phone", "0912345678", "(+84) 912 345 678"},
      {"+84 (0) 912 345 678", "phone", "0912345678", "+84 (0) 912 345 678"},
      {"+84 24 3825 3536", "phone", "02438253536", "+84 24 3825 3536"},
      {"+84-24-3825-3536", "phone", "02438253536", "+84-24-3825-3536"},
      {"Điện thoại: (024) 3825 3536", "phone", "02438253536", "(024) 3825 3536"},
      {"Điện thoại: (0225)3842123", "phone", "02253842123", "(0225)3842123"},
      {"Fax 024.3825.3536.", "phone", "02438253536", "024.3825.3536"},
      {"ĐT 0236 3822 123 (giờ hành chính)", "phone", "02363822123", "0236 3822 123"},
      {"ĐT\xC2\xA0" "0912\xC2\xA0" "345\xC2\xA0" "678", "phone", "0912345678", "0912\xC2\xA0" "345\xC2\xA0" "678"},
      {"ĐT 0912 345 678 năm 2021", "phone", "0912345678", "0912 345 678"},
      {"Email: VanThu.SGD@HaiPhong.gov.vn.", "email", "vanthu.sgd@haiphong.gov.vn", "VanThu.SGD@HaiPhong.gov.vn"},
      {"thư điện tử sgddt@hanoi.edu.vn;", "email", "sgddt@hanoi.edu.vn", "sgddt@hanoi.edu.vn"},
      {"<ubnd_quan1+hop@tphcm.gov.vn>", "email", "ubnd_quan1+hop@tphcm.gov.vn", "ubnd_quan1+hop@tphcm.gov.vn"},
      {"gửi về: phong-tchc@moet.edu.vn", "email", "phong-tchc@moet.edu.vn", "phong-tchc@moet.edu.vn"},
      {"0912345678@gmail.com", "email", "0912345678@gmail.com", "0912345678@gmail.com"},
  };
  Contacts contacts;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const std::vector<Finding> findings = contacts.Find(c.text);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].kind, c.kind);
    EXPECT_EQ(findings[0].value, c.value);
    EXPECT_EQ(c.text.substr(findings[0].span.begin, findings[0].span.size()), c.printed);
  }
}

TEST(ContactsPlugin, IgnoresNumbersThatAreNotPhonesAndTextThatIsNoAddress) {
  const std::vector<std::string> cases = {
      "Căn cứ Kế hoạch số 72/KH-UBND ngày 13/3/2020 của Ủy ban nhân dân thành phố",
      "giai đoạn 2021-2025",
      "ngày 05-06-2021 và 05.06.2021",
      "kinh phí 1.000.000.000 đồng",
      "Quyết định số 0912345678/QĐ-UBND",
      "mã số 0912345",                   // too short
      "mã số 09123456789",               // a mobile number has 10 digits
      "số cũ 01234567890",               // 11-digit mobile numbers ended in 2018
      "số 0912.345.678.90",              // goes on after the would-be number
      "mã ABC0912345678",                // glued to letters
      "gọi +1 212 555 0100",             // another country
      "0 9 1 2 3 4 5 6 7 8",
      "Tổng 84 học sinh, 912 giáo viên",
      "địa chỉ @gmail.com, abc@localhost, a@b.c, x@.vn, a..b@x.vn",
  };
  Contacts contacts;
  for (const std::string& text : cases) {
    SCOPED_TRACE(text);
    const std::vector<Finding> findings = contacts.Find(text);
    for (const Finding& f : findings) ADD_FAILURE() << f.kind << " " << f.value;
  }
}

TEST(ContactsPlugin, EmptyText) {
  Contacts contacts;
  EXPECT_TRUE(contacts.Find("").empty());
}

// --- The extractor's checks of what a plugin reports ---------------------------------------------

// Plugin tables compiled into the test: no shared library, so a null handle.
extern "C" {
static void EmitRaw(vanban_emit_fn emit, void* context, const char* kind, const char* value, size_t begin, size_t end,
                    double confidence) {
  const vanban_finding finding{kind, value, begin, end, confidence};
  emit(context, &finding);
}

static int FakeExtractBadSpans(const char* /*text*/, size_t length, vanban_emit_fn emit, void* context,
                               char* /*error*/, size_t /*error_size*/) {
  EmitRaw(emit, context, "word", "ok", 0, 3, 0.7);
  EmitRaw(emit, context, "word", "reversed", 5, 2, 1.0);
  EmitRaw(emit, context, "word", "too far", 0, length + 1, 1.0);
  EmitRaw(emit, context, nullptr, "no kind", 0, 1, 1.0);
  EmitRaw(emit, context, "word", "end of text", length, length, 2.0);
  return 0;
}

static int FakeExtractFails(const char* /*text*/, size_t /*length*/, vanban_emit_fn emit, void* context, char* error,
                            size_t error_size) {
  EmitRaw(emit, context, "word", "before failing", 0, 1, 1.0);
  std::snprintf(error, error_size, "model file missing");
  return 3;
}

static int FakeExtractFailsSilently(const char*, size_t, vanban_emit_fn, void*, char*, size_t) { return -1; }

static int FakeExtractAtOffsets(const char* text, size_t length, vanban_emit_fn emit, void* context, char*, size_t) {
  // One finding at the start of every word.
  for (size_t i = 0; i < length; ++i) {
    if (text[i] != ' ' && text[i] != '\n' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) {
      EmitRaw(emit, context, "word", "w", i, i + 1, 1.0);
    }
  }
  return 0;
}
}  // extern "C"

ExternalExtractor FakeExtractor(decltype(vanban_plugin_v1::extract) extract) {
  const vanban_plugin_v1 table{VANBAN_PLUGIN_ABI_VERSION, "fake", "0.1", nullptr, extract};
  return ExternalExtractor(nullptr, table, "/test/libfake.so");
}

TEST(ExternalExtractor, ReportsWhatTheTableSays) {
  const ExternalExtractor extractor = FakeExtractor(&FakeExtractAtOffsets);
  EXPECT_EQ(extractor.Name(), "fake");
  EXPECT_EQ(extractor.Version(), "0.1");
  EXPECT_EQ(extractor.Description(), "");
  EXPECT_EQ(extractor.Origin(), "/test/libfake.so");
}

TEST(ExternalExtractor, DropsFindingsWithBadSpansAndRecordsOneError) {
  const ExternalExtractor extractor = FakeExtractor(&FakeExtractBadSpans);
  const Document doc = MakeDocument("abcdefgh");
  Extraction out;
  ASSERT_TRUE(RunExtractor(extractor, doc, out).ok());
  ASSERT_EQ(Findings(out).size(), 2u);
  EXPECT_EQ(Findings(out)[0].value, "ok");
  EXPECT_EQ(Findings(out)[0].span, (Span{0, 3}));
  EXPECT_DOUBLE_EQ(Findings(out)[0].confidence, 0.7);
  EXPECT_EQ(Findings(out)[1].value, "end of text");
  EXPECT_EQ(Findings(out)[1].span, (Span{8, 8}));
  EXPECT_DOUBLE_EQ(Findings(out)[1].confidence, 1.0);  // clamped
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].code, "internal");
  EXPECT_EQ(out.errors[0].path, "test.txt");
  EXPECT_NE(out.errors[0].reason.find("plugin fake"), std::string::npos) << out.errors[0].reason;
  EXPECT_NE(out.errors[0].reason.find("3 findings"), std::string::npos) << out.errors[0].reason;
}

TEST(ExternalExtractor, FailureBecomesStatusWithThePluginsMessage) {
  const Document doc = MakeDocument("abc");
  Extraction out;
  const Status status = RunExtractor(FakeExtractor(&FakeExtractFails), doc, out);
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(status.message(), "plugin fake: model file missing");
  EXPECT_TRUE(Findings(out).empty());  // a failed run's findings are not kept

  const Status silent = RunExtractor(FakeExtractor(&FakeExtractFailsSilently), doc, out);
  EXPECT_EQ(silent.code(), StatusCode::kInternal);
  EXPECT_EQ(silent.message(), "plugin fake: failed without a message (code -1)");
}

TEST(ExternalExtractor, PageIsThatOfTheParagraphHoldingTheBegin) {
  const ExternalExtractor extractor = FakeExtractor(&FakeExtractAtOffsets);
  const Document doc = MakeDocument({"một hai", "ba", "bốn năm"}, {1, 2, 4});
  Extraction out;
  ASSERT_TRUE(RunExtractor(extractor, doc, out).ok());
  std::vector<int> pages;
  for (const Finding& f : Findings(out)) pages.push_back(f.page);
  EXPECT_EQ(pages, (std::vector<int>{1, 1, 2, 4, 4}));
  for (const Finding& f : Findings(out)) EXPECT_EQ(f.plugin, "fake");

  Document no_paragraphs = doc;
  no_paragraphs.paragraphs.clear();
  Extraction out2;
  ASSERT_TRUE(RunExtractor(extractor, no_paragraphs, out2).ok());
  ASSERT_FALSE(Findings(out2).empty());
  EXPECT_EQ(Findings(out2)[0].page, 0);
}

}  // namespace
}  // namespace vanban
