// Every input a fuzzer once failed on (tests/fuzz/regressions/<target>/), replayed through the
// function that fuzzer runs: each must now pass its checks (a failed check traps the process).
#include <gtest/gtest.h>

#include <filesystem>

#include "../fuzz/fuzz_targets.h"
#include "test_files.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;

using Target = void (*)(const uint8_t*, size_t);

size_t Replay(const std::string& target, Target run) {
  const fs::path folder = fs::path(testing::SourceDir()) / "tests/fuzz/regressions" / target;
  size_t replayed = 0;
  if (!fs::is_directory(folder)) return 0;
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string bytes = testing::ReadFile(e.path().string());
    SCOPED_TRACE(e.path().string());
    run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++replayed;
  }
  return replayed;
}

TEST(FuzzRegression, EveryKeptInputPassesItsTarget) {
  const size_t replayed = Replay("text_source", &fuzz::FuzzTextSource) + Replay("pdf_source", &fuzz::FuzzPdfSource) +
                          Replay("image_source", &fuzz::FuzzImageSource) +
                          Replay("rule_loader", &fuzz::FuzzRuleLoader) +
                          Replay("record_reader", &fuzz::FuzzRecordReader);
  EXPECT_GE(replayed, 1u);
}

TEST(FuzzRegression, OverlappingParagraphsAreRefused) {
  const std::string bytes =
      testing::ReadFile(testing::SourceDir() + "/tests/fuzz/regressions/record_reader/paragraphs-out-of-order.json");
  const StatusOr<DocumentRecord> read = ReadRecord(bytes);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().message(), "record field 'paragraphs[16].span' starts before the paragraph above it ends");
}

}  // namespace
}  // namespace vanban
