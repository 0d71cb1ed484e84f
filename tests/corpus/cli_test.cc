// The vanban command as users run it: formats, output files, exit codes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../unit/test_files.h"
#include "tools.h"

namespace vanban {
namespace {

using testing::ReadFile;
using testing::RunCommand;
using testing::ShellQuote;
using testing::SourceDir;
using testing::TempFiles;
using testing::VanbanCli;

std::string Seed(int i) {
  static const char* kNames[] = {"000_52fa74754233632c.txt", "001_9b523df372c715d2.txt"};
  return SourceDir() + "/corpus/seeds/" + kNames[i];
}

testing::CommandResult Vanban(const std::string& args) { return RunCommand(ShellQuote(VanbanCli()) + " " + args + " 2>/dev/null"); }

TEST(Cli, ExtractOneFileGivesOneJsonRecord) {
  const auto r = Vanban("extract " + ShellQuote(Seed(0)));
  ASSERT_EQ(r.exit_code, 0);
  const auto record = nlohmann::json::parse(r.out);
  ASSERT_TRUE(record.is_object());
  EXPECT_EQ(record["schema"], "vanban.document/1");
  EXPECT_EQ(record["source"]["path"], Seed(0));
  EXPECT_EQ(record["source"]["media_type"], "text/plain");
  EXPECT_EQ(record["source"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(record["pages"][0]["number"], 1);
  EXPECT_EQ(record["pages"][0]["origin"], "plain_text");
  EXPECT_TRUE(record["errors"].empty());
  EXPECT_NE(record["text"].get<std::string>().find("1. Tăng cuờng phối hợp"), std::string::npos);
}

TEST(Cli, SeveralFilesGiveArrayOrLines) {
  const std::string inputs = ShellQuote(Seed(0)) + " " + ShellQuote(Seed(1));
  const auto json = Vanban("extract --format json " + inputs);
  ASSERT_EQ(json.exit_code, 0);
  const auto array = nlohmann::json::parse(json.out);
  ASSERT_TRUE(array.is_array());
  ASSERT_EQ(array.size(), 2u);
  EXPECT_EQ(array[1]["source"]["path"], Seed(1));

  const auto jsonl = Vanban("extract --format jsonl -j 2 " + inputs);
  ASSERT_EQ(jsonl.exit_code, 0);
  std::vector<nlohmann::json> records;
  size_t start = 0;
  for (size_t nl; (nl = jsonl.out.find('\n', start)) != std::string::npos; start = nl + 1) {
    records.push_back(nlohmann::json::parse(jsonl.out.substr(start, nl - start)));
  }
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0], array[0]);
  EXPECT_EQ(records[1], array[1]);
}

TEST(Cli, FailedInputGivesExitOneAndKeepsOtherResults) {
  TempFiles files;
  const std::string missing = files.Path("missing.pdf");
  const auto r = Vanban("extract -f jsonl " + ShellQuote(Seed(0)) + " " + ShellQuote(missing) + " " +
                        ShellQuote(files.Write("empty.txt", "")));
  EXPECT_EQ(r.exit_code, 1);
  const size_t first = r.out.find('\n'), second = r.out.find('\n', first + 1);
  const auto good = nlohmann::json::parse(r.out.substr(0, first));
  const auto bad = nlohmann::json::parse(r.out.substr(first + 1, second - first - 1));
  EXPECT_TRUE(good["errors"].empty());
  EXPECT_FALSE(good["text"].get<std::string>().empty());
  ASSERT_EQ(bad["errors"].size(), 1u);
  EXPECT_EQ(bad["errors"][0]["path"], missing);
  EXPECT_EQ(bad["errors"][0]["code"], "not_found");
}

TEST(Cli, OutputFileAndTextFormat) {
  TempFiles files;
  const std::string out = files.Path("out.txt");
  const auto r = Vanban("extract -f text -o " + ShellQuote(out) + " " + ShellQuote(Seed(0)));
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(ReadFile(out).substr(0, std::string("Kính gửi:").size()), "Kính gửi:");
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(Vanban("").exit_code, 2);
  EXPECT_EQ(Vanban("extract").exit_code, 2);
  EXPECT_EQ(Vanban("frobnicate x").exit_code, 2);
  EXPECT_EQ(Vanban("extract --format xml " + ShellQuote(Seed(0))).exit_code, 2);
  const auto help = Vanban("extract --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--format"), std::string::npos);
}

}  // namespace
}  // namespace vanban
