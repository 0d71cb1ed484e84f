// Golden outputs of the bundled corpus: rebuilt paragraphs of every seed, and whole records of two.
#include <gtest/gtest.h>

#include <filesystem>

#include "golden.h"
#include "../unit/test_engine.h"

namespace vanban {
namespace {

using testing::ExpectMatchesGolden;
using testing::SourceDir;

std::vector<std::string> SeedNames() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(SourceDir() + "/corpus/seeds")) {
    if (entry.path().extension() == ".txt") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class SeedGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(SeedGolden, ParagraphsMatchGolden) {
  const Document doc = testing::ExtractDocument(SourceDir() + "/corpus/seeds/" + GetParam(), PipelineOptions{});
  ASSERT_TRUE(doc.ok());
  ExpectMatchesGolden("paragraphs/" + GetParam(), doc.text + "\n");
}

TEST_P(SeedGolden, RecordMatchesGolden) {
  // The whole record, extraction included. Run from the source directory so the record's path is the
  // portable relative one.
  const std::filesystem::path previous = std::filesystem::current_path();
  std::filesystem::current_path(SourceDir());
  const ProcessedDocument result = testing::ProcessDocument("corpus/seeds/" + GetParam());
  std::filesystem::current_path(previous);
  const std::string name = std::filesystem::path(GetParam()).stem().string();
  ExpectMatchesGolden("records/" + name + ".json",
                      testing::RecordOf(result) + "\n");
}

INSTANTIATE_TEST_SUITE_P(Corpus, SeedGolden, ::testing::ValuesIn(SeedNames()),
                         [](const auto& info) { return "Seed" + info.param.substr(0, 3); });

}  // namespace
}  // namespace vanban
