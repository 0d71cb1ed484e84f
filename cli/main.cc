// The `vanban` command: the commands (one file each), and the one place where results become exit
// codes and where nothing escapes to the user but a message.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "common.h"

namespace {

using vanban::cli::kExitUsage;

// Tesseract's OpenMP runtime reads OMP_THREAD_LIMIT when the library loads, before main(): left at
// its default a page takes several times longer. When it is not set, set it and start again.
void LimitOpenMpThreads(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::execv("/proc/self/exe", argv);  // returns only on failure: then go on, slower
}

int Run(int argc, char** argv) {
  CLI::App app{
      "vanban: Vietnamese administrative documents (công văn, kế hoạch, quyết định ...) to structured, searchable, "
      "checkable data."};
  app.set_version_flag("--version", std::string("vanban ") + VANBAN_VERSION);
  app.require_subcommand(1);
  const std::vector<vanban::cli::Command> commands = {
      vanban::cli::AddExtractCommand(app), vanban::cli::AddOcrCommand(app), vanban::cli::AddPluginsCommand(app),
      vanban::cli::AddRulesCommand(app)};

  // CLI11 would call an unknown command "an extra argument" or say a subcommand is required.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string name = argv[1];
    std::string known;
    bool found = false;
    for (const CLI::App* sub : app.get_subcommands({})) {
      known += (known.empty() ? "" : ", ") + sub->get_name();
      found = found || sub->get_name() == name;
    }
    if (!found) {
      std::cerr << "vanban: unknown command '" << name << "' (commands: " << known << "; see vanban --help)\n";
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  for (const vanban::cli::Command& c : commands) {
    if (c.app->parsed()) return c.run();
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  LimitOpenMpThreads(argv);
  // The library reports through Status; this is the last guard, so that a bug shows as a message
  // and exit code 2, never as an abort or an uncaught exception.
  try {
    return Run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "vanban: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "vanban: internal error: " << e.what() << '\n';
  } catch (...) {
    std::cerr << "vanban: internal error\n";
  }
  return kExitUsage;
}
