// Golden files: compared exactly; VANBAN_UPDATE_GOLDEN=1 rewrites them instead (then review the diff).
#ifndef VANBAN_TESTS_GOLDEN_H_
#define VANBAN_TESTS_GOLDEN_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "../unit/test_files.h"

namespace vanban::testing {

inline void ExpectMatchesGolden(const std::string& relative_path, const std::string& actual) {
  const std::string path = SourceDir() + "/tests/golden/" + relative_path;
  if (const char* update = std::getenv("VANBAN_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "golden file rewritten: " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << path << " (run with VANBAN_UPDATE_GOLDEN=1 to create it)";
  EXPECT_EQ(ReadFile(path), actual) << "differs from golden file " << path;
}

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_GOLDEN_H_
