#include "common.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace vanban::cli {
namespace {

std::vector<std::string> Split(const std::string& list) {
  std::vector<std::string> parts;
  std::stringstream in(list);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

std::string Duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

void EngineArgs::AddTo(CLI::App* cmd) {
  cmd->add_option("--data-dir", data_dir,
                  "Folder holding plugins/ and models/ (default: $VANBAN_DATA_DIR, else ../share/vanban beside the "
                  "vanban executable)");
  cmd->add_option("--rules", rule_folders, "Another folder of rule files (repeatable; also $VANBAN_RULES_PATH)");
}

std::unique_ptr<Engine> EngineArgs::Create(bool extractors, int ocr_workers, bool quiet) const {
  EngineOptions options;
  options.data_dir = data_dir;
  options.rule_folders = rule_folders;
  options.extractors = extractors;
  options.ocr_workers = ocr_workers;
  StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(options);
  if (!engine.ok()) {
    std::cerr << "vanban: " << engine.status().message() << '\n';
    return nullptr;
  }
  if (!quiet) {
    for (const std::string& message : (*engine)->plugin_messages()) std::cerr << "vanban: " << message << '\n';
  }
  return std::move(engine).value();
}

void OcrArgs::AddTo(CLI::App* cmd) {
  cmd->add_option("--lang", language, "Tesseract language(s)")->capture_default_str();
  cmd->add_option("--page-timeout", page_timeout_ms, "Milliseconds before a page's OCR gives up (0: no limit)")
      ->check(CLI::Range(0, 24 * 3600 * 1000))
      ->capture_default_str();
  cmd->add_option("--dpi", dpi, "Resolution PDF pages are rendered at for OCR")
      ->check(CLI::Range(72, 1200))
      ->capture_default_str();
  cmd->add_flag("--no-correct", no_correct, "No Vietnamese post-correction of OCR text");
  cmd->add_flag("--binarize", binarize, "Binarize pages (Sauvola) before OCR");
  cmd->add_flag("--despeckle", despeckle, "Remove isolated specks before OCR");
  cmd->add_flag("--no-reread", no_reread,
                "Do not read poorly recognized pages (noisy copies) a second time with noise removal");
  // One string split here: a multi-value option would take the file arguments after it.
  cmd->add_option("--no-preprocess", skip_steps,
                  "Preprocessing steps to switch off, comma-separated: background, color, deskew, denoise")
      ->check([](const std::string& value) -> std::string {
        for (const std::string& step : Split(value)) {
          if (step != "background" && step != "color" && step != "deskew" && step != "denoise") {
            return "unknown preprocessing step '" + step + "' (steps: background, color, deskew, denoise)";
          }
        }
        return {};
      });
}

OcrSettings OcrArgs::Settings() const {
  OcrSettings s;
  s.mode = mode == "force" ? OcrMode::kForce : mode == "skip" ? OcrMode::kSkip : OcrMode::kAuto;
  s.engine.language = language;
  s.engine.page_timeout_ms = page_timeout_ms;
  s.dpi = dpi;
  s.correct = !no_correct;
  s.engine.reread_noisy_pages = !no_reread;
  PreprocessOptions& p = s.engine.preprocess;
  p.binarize = binarize;
  p.despeckle = despeckle;
  for (const std::string& step : Split(skip_steps)) {
    if (step == "background") p.normalize_background = false;
    if (step == "color") p.remove_color_marks = false;
    if (step == "deskew") p.deskew = false;
    if (step == "denoise") p.denoise = false;
  }
  return s;
}

CLI::Validator JobsValidator() {
  return CLI::Validator(
      [](const std::string& value) -> std::string {
        size_t used = 0;
        long jobs = -1;
        try {
          jobs = std::stol(value, &used);
        } catch (...) {
          used = 0;
        }
        if (used != value.size() || jobs < 0 || jobs > kMaxJobs) {
          return "must be 0 (one per core) or a whole number from 1 to " + std::to_string(kMaxJobs) + ", not '" +
                 value + "'";
        }
        return {};
      },
      "0.." + std::to_string(kMaxJobs));
}

void PrintError(const DocumentError& e) {
  std::cerr << "vanban: " << e.path << (e.page > 0 ? ":page " + std::to_string(e.page) : "") << ": " << e.reason
            << '\n';
}

void PrintErrors(const ProcessedDocument& d) {
  for (const auto* errors : {&d.document.errors, &d.extraction.errors}) {
    for (const DocumentError& e : *errors) PrintError(e);
  }
}

ProgressLine::ProgressLine(size_t total, bool quiet)
    : enabled_(!quiet && ::isatty(STDERR_FILENO)), total_(total), start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { Clear(); }

void ProgressLine::FileDone(size_t done, const std::string& path) {
  done_ = done;
  last_ = path;
  Draw();
}

void ProgressLine::OcrPageDone() {
  ++pages_;
  Draw();
}

void ProgressLine::Clear() {
  if (enabled_) std::fprintf(stderr, "\r\033[K");
}

void ProgressLine::Draw() {
  if (!enabled_) return;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string rate;
  if (done_ > 0 && seconds > 0.5) {
    const double per_second = static_cast<double>(done_) / seconds;
    char buf[64];
    std::snprintf(buf, sizeof buf, ", %.1f files/s, %s left", per_second,
                  Duration(static_cast<double>(total_ - done_) / per_second).c_str());
    rate = buf;
  }
  std::fprintf(stderr, "\r\033[K[%zu/%zu files%s%s] %s", done_, total_, rate.c_str(),
               pages_ > 0 ? (", " + std::to_string(pages_) + " OCR pages").c_str() : "", last_.c_str());
}

}  // namespace vanban::cli
