// Golden files: compared exactly; VANBAN_UPDATE_GOLDEN=1 rewrites them instead (then review the diff).
#ifndef VANBAN_TESTS_GOLDEN_H_
#define VANBAN_TESTS_GOLDEN_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <algorithm>
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
  const std::string expected = ReadFile(path);
  if (expected == actual) return;
  // The first line that differs, with its number: a whole record in the failure says nothing.
  size_t line = 1, begin = 0;
  const size_t common = std::min(expected.size(), actual.size());
  for (size_t i = 0; i < common && expected[i] == actual[i]; ++i) {
    if (expected[i] == '\n') ++line, begin = i + 1;
  }
  const auto line_at = [&](const std::string& s) {
    if (begin >= s.size()) return std::string("(end of file)");
    return s.substr(begin, s.find('\n', begin) - begin);
  };
  ADD_FAILURE() << "differs from golden file " << path << " at line " << line << "\n  golden: " << line_at(expected)
                << "\n  actual: " << line_at(actual)
                << "\n(VANBAN_UPDATE_GOLDEN=1 rewrites it; review the diff)";
}

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_GOLDEN_H_
