// The Engine: its data directory and rule checks at set-up, and batches streamed in input order.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "test_engine.h"
#include "test_files.h"
#include "vanban/pipeline.h"
#include "vanban/rules.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;
using testing::TempFiles;
using testing::TestDataDir;
using testing::TestEngineOptions;

std::string CreateError(const EngineOptions& options) {
  StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(options);
  EXPECT_FALSE(engine.ok());
  return engine.ok() ? std::string() : engine.status().message();
}

TEST(Engine, WrongDataDirectoryIsAnError) {
  EngineOptions options = TestEngineOptions();
  options.data_dir = "/nonexistent/vanban-data";
  EXPECT_EQ(CreateError(options), "data directory /nonexistent/vanban-data is not a folder");
  // A folder that exists but holds no rule packs: the first missing pack is named, with its path.
  TempFiles files;
  options.data_dir = files.Dir();
  const std::string message = CreateError(options);
  EXPECT_EQ(message.rfind("built-in rule pack 'header' is missing: " + files.Dir() + "/plugins/header/rules", 0), 0u)
      << message;
}

TEST(Engine, MissingBuiltinPackIsNamed) {
  TempFiles files;
  fs::copy(TestDataDir(), files.Path("data"), fs::copy_options::recursive);
  fs::remove_all(files.Path("data/plugins/dates"));
  EngineOptions options = TestEngineOptions();
  options.data_dir = files.Path("data");
  EXPECT_NE(CreateError(options).find("built-in rule pack 'dates' is missing"), std::string::npos);
}

TEST(Engine, DataDirectoryFromTheEnvironment) {
  TempFiles files;
  ::setenv("VANBAN_DATA_DIR", files.Path("nowhere").c_str(), 1);
  const StatusOr<std::string> found = FindDataDir(true);
  ::unsetenv("VANBAN_DATA_DIR");
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.status().message().find("VANBAN_DATA_DIR=" + files.Path("nowhere") + " is not a folder"),
            std::string::npos);
  ::setenv("VANBAN_DATA_DIR", TestDataDir().c_str(), 1);
  const StatusOr<std::string> env = FindDataDir(true);
  ::unsetenv("VANBAN_DATA_DIR");
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(*env, TestDataDir());
}

TEST(Engine, TextOnlyNeedsNoRulePacks) {
  TempFiles files;  // a data directory without plugins/ or models/
  EngineOptions options = TestEngineOptions();
  options.data_dir = files.Dir();
  options.extractors = false;
  StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(options);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  EXPECT_FALSE((*engine)->has_extractors());
  const std::string path = files.Write("a.txt", "Kính gửi: các đơn vị.\n");
  const ProcessedDocument d = (*engine)->Process(path, PipelineOptions{});
  EXPECT_TRUE(d.ok());
  EXPECT_FALSE(d.extracted);
  EXPECT_EQ(d.document.text, "Kính gửi: các đơn vị.");
}

TEST(Engine, RuleOfAKindNoExtractorReadsStopsSetUpWithFileAndLine) {
  TempFiles files;
  fs::create_directories(files.Path("pack"));
  const std::string file = files.Write("pack/typo.toml",
                                       "# a typo in the kind\n[[rule]]\nid = \"my.date\"\nkind = \"dates\"\n"
                                       "pattern = '(?P<d>\\d+)/(?P<m>\\d+)'\nexamples = [\"1/2\"]\n");
  EngineOptions options = TestEngineOptions();
  options.rule_folders = {files.Path("pack")};
  const std::string message = CreateError(options);
  EXPECT_EQ(message.rfind(file + ":2: rule 'my.date' has kind 'dates', which no extractor reads (did you mean 'date'?)", 0),
            0u)
      << message;
}

TEST(Engine, RuleWithoutTheGroupsItsExtractorReadsStopsSetUp) {
  TempFiles files;
  fs::create_directories(files.Path("pack"));
  const std::string file =
      files.Write("pack/year.toml", "[[rule]]\nid = \"my.year\"\nkind = \"date\"\npattern = 'năm (?P<y>\\d{4})'\n"
                                    "examples = [\"năm 2020\"]\n");
  EngineOptions options = TestEngineOptions();
  options.rule_folders = {files.Path("pack")};
  const std::string message = CreateError(options);
  EXPECT_EQ(message.rfind(file + ":1: rule 'my.year' of kind 'date' has no named group among 'm', 'q'", 0), 0u)
      << message;
}

TEST(Engine, BatchHandsResultsOnInInputOrder) {
  TempFiles files;
  std::vector<std::string> paths;
  for (int i = 0; i < 40; ++i) {
    // Some files are much longer, so that later files finish first on other workers.
    std::string text = "Văn bản số " + std::to_string(i) + ".\n";
    if (i % 7 == 0) {
      for (int k = 0; k < 3000; ++k) text += "Thực hiện Kế hoạch số 72/KH-UBND ngày 13/3/2020.\n";
    }
    paths.push_back(files.Write("f" + std::to_string(i) + ".txt", text));
  }
  PipelineOptions options;
  options.jobs = 4;
  std::vector<size_t> order;
  size_t progress_calls = 0;
  const Status status = testing::TestEngine().ProcessBatch(
      paths, options,
      [&](size_t index, ProcessedDocument&& d) {
        EXPECT_EQ(d.document.source.path, paths[index]);
        order.push_back(index);
        return Status::Ok();
      },
      [&](size_t done, size_t total, const std::string&) {
        EXPECT_EQ(total, paths.size());
        EXPECT_EQ(done, ++progress_calls);
      });
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(order.size(), paths.size());
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i);
  EXPECT_EQ(progress_calls, paths.size());
}

TEST(Engine, SinkFailureStopsTheBatch) {
  TempFiles files;
  std::vector<std::string> paths;
  for (int i = 0; i < 50; ++i) paths.push_back(files.Write("f" + std::to_string(i) + ".txt", "Một dòng.\n"));
  PipelineOptions options;
  options.jobs = 2;
  std::atomic<size_t> handed{0};
  const Status status = testing::TestEngine().ProcessBatch(paths, options, [&](size_t, ProcessedDocument&&) {
    return ++handed == 3 ? Status::IoError("disk full") : Status::Ok();
  });
  EXPECT_EQ(status.message(), "disk full");
  EXPECT_EQ(handed.load(), 3u);  // nothing is handed on after the failure
}

}  // namespace
}  // namespace vanban
