// What the `vanban` commands share: exit codes, the engine set-up, OCR options, error lines and the
// progress line.
#ifndef VANBAN_CLI_COMMON_H_
#define VANBAN_CLI_COMMON_H_

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "vanban/document.h"
#include "vanban/ocr_service.h"
#include "vanban/pipeline.h"

namespace vanban::cli {

// 0 every input processed; 1 some input failed (each failure reported, the rest still processed);
// 2 usage error (bad option, bad rule file, output that cannot be written).
constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitUsage = 2;

// A command: its CLI11 subcommand and what runs when it was chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command AddExtractCommand(CLI::App& app);
Command AddOcrCommand(CLI::App& app);
Command AddPluginsCommand(CLI::App& app);
Command AddRulesCommand(CLI::App& app);

// Where the engine's data and rules come from: --data-dir and --rules.
struct EngineArgs {
  std::string data_dir;
  std::vector<std::string> rule_folders;
  void AddTo(CLI::App* cmd);
  // The engine, or null after printing why it could not be made.
  std::unique_ptr<Engine> Create(bool extractors, int ocr_workers, bool quiet) const;
};

// OCR options shared by `extract` and `ocr`.
struct OcrArgs {
  std::string mode = "auto";
  std::string language = "vie";
  int page_timeout_ms = 0;
  int dpi = 300;
  bool no_correct = false;
  bool binarize = false;
  bool despeckle = false;
  bool no_reread = false;
  std::string skip_steps;  // preprocessing steps switched off, comma-separated

  void AddTo(CLI::App* cmd);
  OcrSettings Settings() const;
};

// -j/--jobs: 0 or 1..kMaxJobs, with a message that says so.
constexpr int kMaxJobs = 256;
CLI::Validator JobsValidator();

// "vanban: PATH:page N: reason" on standard error.
void PrintError(const DocumentError& error);
void PrintErrors(const ProcessedDocument& document);

// A progress line on standard error, redrawn in place, when standard error is a terminal and not
// quiet: files done of total, files/s, an estimate of the time left, OCR pages read, and the file
// just finished.
class ProgressLine {
 public:
  ProgressLine(size_t total, bool quiet);
  ~ProgressLine();
  void FileDone(size_t done, const std::string& path);
  void OcrPageDone();
  // Clears the line so that an error line can be printed; the next update redraws it.
  void Clear();
  bool shown() const { return enabled_; }

 private:
  void Draw();
  bool enabled_;
  size_t total_, done_ = 0, pages_ = 0;
  std::string last_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace vanban::cli

#endif  // VANBAN_CLI_COMMON_H_
