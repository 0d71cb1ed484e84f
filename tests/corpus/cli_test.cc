// The vanban command as users run it: formats, output files, exit codes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

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
// The same with standard error in `out`, for the messages.
testing::CommandResult VanbanMessages(const std::string& args) {
  return RunCommand(ShellQuote(VanbanCli()) + " " + args + " 2>&1");
}

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

TEST(Cli, MessagesNameTheRealCause) {
  const auto unknown = VanbanMessages("check a.txt b.txt");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.out, "vanban: unknown command 'check' (commands: extract, ocr, plugins, rules; see vanban --help)\n");
  const auto jobs = VanbanMessages("extract -j -1 " + ShellQuote(Seed(0)));
  EXPECT_EQ(jobs.exit_code, 2);
  EXPECT_NE(jobs.out.find("must be 0 (one per core) or a whole number from 1 to 256, not '-1'"), std::string::npos)
      << jobs.out;
  EXPECT_LT(jobs.out.size(), 300u);  // no 300-digit bound
  const auto nowhere = VanbanMessages("extract -o /nonexistent/dir/out.json " + ShellQuote(Seed(0)));
  EXPECT_EQ(nowhere.exit_code, 2);
  EXPECT_EQ(nowhere.out, "vanban: cannot write /nonexistent/dir/out.json: the folder /nonexistent/dir does not exist\n");
}

// ---- -o: the target's kind never changes ----------------------------------------------------

TEST(CliOutput, ThroughASymbolicLinkTheNamedFileIsReplaced) {
  TempFiles files;
  const std::string target = files.Write("records.json", "old");
  const std::string link = files.Path("latest.json");
  std::filesystem::create_symlink(target, link);
  ASSERT_EQ(Vanban("extract -q -o " + ShellQuote(link) + " " + ShellQuote(Seed(0))).exit_code, 0);
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_EQ(std::filesystem::read_symlink(link), target);
  EXPECT_EQ(nlohmann::json::parse(ReadFile(target))["source"]["path"], Seed(0));
}

TEST(CliOutput, AFifoIsWrittenForItsReader) {
  TempFiles files;
  const std::string fifo = files.Path("records.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = ReadFile(fifo); });
  const auto r = Vanban("extract -q -f jsonl -o " + ShellQuote(fifo) + " " + ShellQuote(Seed(0)) + " " +
                        ShellQuote(Seed(1)));
  reader.join();
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(std::count(received.begin(), received.end(), '\n'), 2);
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
}

TEST(CliOutput, ADirectoryIsAnError) {
  TempFiles files;
  const auto r = VanbanMessages("extract -o " + ShellQuote(files.Dir()) + " " + ShellQuote(Seed(0)));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "vanban: cannot write " + files.Dir() + ": it is a directory\n");
  EXPECT_TRUE(std::filesystem::is_directory(files.Dir()));
}

TEST(CliOutput, ACharacterDeviceStaysADevice) {
  if (::geteuid() != 0) GTEST_SKIP() << "making a device node (mknod) needs root";
  TempFiles files;
  const std::string device = files.Path("null");
  ASSERT_EQ(::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
  ASSERT_EQ(Vanban("extract -q -o " + ShellQuote(device) + " " + ShellQuote(Seed(0))).exit_code, 0);
  struct stat st {};
  ASSERT_EQ(::stat(device.c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(st.st_rdev, makedev(1, 3));
  // And /dev/null itself, as users write it.
  ASSERT_EQ(Vanban("extract -q -o /dev/null " + ShellQuote(Seed(0))).exit_code, 0);
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

// ---- streaming and folders ------------------------------------------------------------------

TEST(CliStreaming, RecordsAppearBeforeTheBatchEnds) {
  // The last input is a FIFO nobody writes to until the first records have been read: vanban must
  // hand them on while it still waits for the last file.
  TempFiles files;
  const std::string fifo = files.Path("last.txt");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string command = ShellQuote(VanbanCli()) + " extract -q -f jsonl -j 1 " + ShellQuote(Seed(0)) + " " +
                              ShellQuote(Seed(1)) + " " + ShellQuote(fifo);
  FILE* out = ::popen(command.c_str(), "r");
  ASSERT_NE(out, nullptr);
  std::vector<std::string> lines;
  std::string line;
  for (int c; lines.size() < 2 && (c = std::fgetc(out)) != EOF;) {
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line.push_back(static_cast<char>(c));
    }
  }
  ASSERT_EQ(lines.size(), 2u) << "the first records did not arrive before the last input was written";
  EXPECT_EQ(nlohmann::json::parse(lines[1])["source"]["path"], Seed(1));
  {
    std::ofstream writer(fifo);  // only now does the last input arrive
    writer << "Kính gửi: các đơn vị.\n";
  }
  std::string rest;
  for (int c; (c = std::fgetc(out)) != EOF;) rest.push_back(static_cast<char>(c));
  EXPECT_EQ(::pclose(out), 0);
  EXPECT_EQ(nlohmann::json::parse(rest)["text"], "Kính gửi: các đơn vị.");
}

TEST(CliStreaming, FoldersAreWalkedAndStandardInputIsRead) {
  TempFiles files;
  std::filesystem::create_directories(files.Path("box/2024"));
  files.Write("box/2024/b.txt", "Văn bản B.\n");
  files.Write("box/a.txt", "Văn bản A.\n");
  const auto r = Vanban("extract -q -f text " + ShellQuote(files.Path("box")));
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "==> " + files.Path("box/2024/b.txt") + " <==\nVăn bản B.\n==> " + files.Path("box/a.txt") +
                       " <==\nVăn bản A.\n");
  const auto array = nlohmann::json::parse(Vanban("extract -q --text-only " + ShellQuote(files.Path("box"))).out);
  EXPECT_TRUE(array.is_array());
  const auto piped = RunCommand("printf 'Kính gửi: Sở Y tế.\\n' | " + ShellQuote(VanbanCli()) + " extract -q -");
  ASSERT_EQ(piped.exit_code, 0);
  const auto record = nlohmann::json::parse(piped.out);
  EXPECT_EQ(record["source"]["path"], "-");
  EXPECT_EQ(record["text"], "Kính gửi: Sở Y tế.");
}

// ---- the data directory and rule checks ----------------------------------------------------

TEST(CliRules, WrongDataDirectoryFailsRulesCheckAndExtract) {
  TempFiles files;
  const std::string env = "VANBAN_DATA_DIR=" + ShellQuote(files.Dir()) + " ";
  const auto check = RunCommand(env + ShellQuote(VanbanCli()) + " rules check 2>&1");
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.out.find("built-in rule pack 'header' is missing: " + files.Dir() + "/plugins/header/rules"),
            std::string::npos)
      << check.out;
  const auto extract = RunCommand(env + ShellQuote(VanbanCli()) + " extract " + ShellQuote(Seed(0)) + " 2>&1");
  EXPECT_EQ(extract.exit_code, 2);
  EXPECT_EQ(extract.out.find("\"header\""), std::string::npos);  // no records without header fields
  // A name longer than the system allows: a message, not an abort (it was rc 134).
  const auto long_name = RunCommand("VANBAN_DATA_DIR=" + std::string(5000, 'a') + " " + ShellQuote(VanbanCli()) +
                                    " extract " + ShellQuote(Seed(0)) + " 2>&1");
  EXPECT_EQ(long_name.exit_code, 2);
  EXPECT_NE(long_name.out.find("is not a folder (File name too long)"), std::string::npos);
  const auto missing = RunCommand("VANBAN_DATA_DIR=/nonexistent " + ShellQuote(VanbanCli()) + " rules check 2>&1");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("VANBAN_DATA_DIR=/nonexistent is not a folder"), std::string::npos) << missing.out;
}

TEST(CliRules, UnknownKindAndMissingGroupFailRulesCheckWithFileAndLine) {
  TempFiles files;
  std::filesystem::create_directories(files.Path("kind"));
  const std::string typo = files.Write("kind/typo.toml", "[[rule]]\nid = \"x.typo\"\nkind = \"dates\"\n"
                                                         "pattern = '(?P<d>\\d+)/(?P<m>\\d+)'\nexamples = [\"1/2\"]\n");
  const auto kind = VanbanMessages("rules check --rules " + ShellQuote(files.Path("kind")));
  EXPECT_EQ(kind.exit_code, 1);
  EXPECT_NE(kind.out.find(typo + ":1: rule 'x.typo' has kind 'dates', which no extractor reads (did you mean 'date'?)"),
            std::string::npos)
      << kind.out;
  std::filesystem::create_directories(files.Path("group"));
  const std::string nogroup = files.Write("group/y.toml", "\n\n[[rule]]\nid = \"x.year\"\nkind = \"date\"\n"
                                                          "pattern = 'năm (?P<y>\\d{4})'\nexamples = [\"năm 2020\"]\n");
  const auto group = VanbanMessages("rules check --rules " + ShellQuote(files.Path("group")));
  EXPECT_EQ(group.exit_code, 1);
  EXPECT_NE(group.out.find(nogroup + ":3: rule 'x.year' of kind 'date' has no named group among 'm', 'q'"),
            std::string::npos)
      << group.out;
}

}  // namespace
}  // namespace vanban
