// Running the project's programs from tests: the renderer that makes test PDFs, the vanban CLI, qpdf.
#ifndef VANBAN_TESTS_TOOLS_H_
#define VANBAN_TESTS_TOOLS_H_

#include <string>

#include "../unit/test_files.h"

namespace vanban::testing {

// Renders UTF-8 text (one paragraph a line) into an A4 PDF in Liberation Serif.
inline bool RenderPdf(const std::string& text_path, const std::string& pdf_path) {
  return RunCommand(ShellQuote(VANBAN_RENDER_TOOL) + " " + ShellQuote(text_path) + " --pdf " + ShellQuote(pdf_path) +
             " >/dev/null").exit_code == 0;
}

inline std::string VanbanCli() { return VANBAN_CLI; }

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_TOOLS_H_
