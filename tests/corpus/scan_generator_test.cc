// vanban-degrade-scan, the generator of the OCR tests' and benchmark's scans: a seed must give the
// same bytes every time, and the worn level must draw what the hard level draws (the benchmark
// compares the two as the same copy worn more or less).
#include <gtest/gtest.h>

#include <string>

#include "../unit/test_files.h"
#include "tools.h"

namespace vanban {
namespace {

using testing::ReadFile;
using testing::RunCommand;
using testing::ShellQuote;
using testing::TempFiles;

struct Scan {
  std::string bytes;
  std::string printed;  // the tool's line: "IN -> OUT level=L angle=DEG seed=N"
};

Scan Degrade(const TempFiles& files, const std::string& page, const std::string& out, const std::string& options) {
  const std::string path = files.Path(out);
  const auto r = RunCommand(ShellQuote(VANBAN_DEGRADE_TOOL) + " " + ShellQuote(page) + " " + ShellQuote(path) + " " +
                            options);
  EXPECT_EQ(r.exit_code, 0) << options;
  return {ReadFile(path), r.out};
}

std::string AngleOf(const std::string& printed) {
  const size_t at = printed.find("angle=");
  return at == std::string::npos ? std::string() : printed.substr(at, printed.find(' ', at) - at);
}

TEST(ScanGenerator, SameSeedSameBytesAndWornDrawsWhatHardDraws) {
  TempFiles files;
  const std::string text = files.Write("page.txt",
                                       "ỦY BAN NHÂN DÂN TỈNH\nSố: 12/KH-UBND\nKế hoạch thực hiện công tác năm 2024 "
                                       "trên địa bàn huyện, báo cáo trước ngày 15 tháng 12 năm 2024.\n");
  ASSERT_EQ(RunCommand(ShellQuote(VANBAN_RENDER_TOOL) + " " + ShellQuote(text) + " --png-dir " +
                       ShellQuote(files.Path("png")) + " --dpi 300 >/dev/null").exit_code, 0);
  const std::string page = files.Path("png/page-0001.png");
  struct Case {
    std::string level, extra, out;
  };
  for (const Case& c : {Case{"clean", "", ".png"}, Case{"office", "", ".jpg"}, Case{"office", " --ink --color", ".jpg"},
                        Case{"hard", "", ".png"}, Case{"worn", "", ".png"}, Case{"photo", "", ".jpg"}}) {
    const std::string options = "--level " + c.level + c.extra + " --seed ";
    const Scan first = Degrade(files, page, "a" + c.out, options + "7");
    const Scan again = Degrade(files, page, "b" + c.out, options + "7");
    ASSERT_FALSE(first.bytes.empty()) << options;
    EXPECT_TRUE(first.bytes == again.bytes) << options << ": not the same bytes twice";
    if (c.level != "clean") {  // clean is the page as is, whatever the seed
      const Scan other = Degrade(files, page, "c" + c.out, options + "8");
      EXPECT_FALSE(first.bytes == other.bytes) << options << ": the seed changed nothing";
    }
  }
  // Worn is the hard copy worn further: the same rotation, and a different image.
  const Scan hard = Degrade(files, page, "hard.png", "--level hard --seed 7");
  const Scan worn = Degrade(files, page, "worn.png", "--level worn --seed 7");
  EXPECT_FALSE(AngleOf(hard.printed).empty()) << hard.printed;
  EXPECT_EQ(AngleOf(hard.printed), AngleOf(worn.printed));
  EXPECT_FALSE(hard.bytes == worn.bytes);
}

}  // namespace
}  // namespace vanban
