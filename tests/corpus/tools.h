// Running the project's programs from tests: the renderer that makes test PDFs, the vanban CLI, qpdf.
#ifndef VANBAN_TESTS_TOOLS_H_
#define VANBAN_TESTS_TOOLS_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace vanban::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // standard output only; standard error goes to the test log
};

inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 8192> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) result.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Renders UTF-8 text (one paragraph a line) into an A4 PDF in Liberation Serif.
inline bool RenderPdf(const std::string& text_path, const std::string& pdf_path) {
  return RunCommand(ShellQuote(VANBAN_RENDER_TOOL) + " " + ShellQuote(text_path) + " --pdf " + ShellQuote(pdf_path) +
             " >/dev/null").exit_code == 0;
}

inline std::string VanbanCli() { return VANBAN_CLI; }

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_TOOLS_H_
