// Documents built for tests of the stages after normalization.
#ifndef VANBAN_TESTS_TEST_DOCUMENTS_H_
#define VANBAN_TESTS_TEST_DOCUMENTS_H_

#include <string_view>

#include "vanban/document.h"

namespace vanban::testing {

// One paragraph per non-empty line, as normalization gives a well-laid-out document, so that the
// stages after it are tested apart from the paragraph builder (normalize_test.cc tests that).
inline Document DocumentOfLines(std::string_view text) {
  Document doc;
  for (size_t start = 0; start < text.size();) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    if (line.empty()) continue;
    if (!doc.text.empty()) doc.text.push_back('\n');
    doc.paragraphs.push_back({{doc.text.size(), doc.text.size() + line.size()}, 1, false});
    doc.text += line;
  }
  return doc;
}

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_TEST_DOCUMENTS_H_
