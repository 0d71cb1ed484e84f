// The `vanban` command. This is the only place that turns results into exit codes:
// 0 every input processed, 1 some input failed (each failure reported, the rest still processed),
// 2 usage error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "vanban/builtin_plugins.h"
#include "vanban/pipeline.h"
#include "vanban/record.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitUsage = 2;

std::vector<std::string> Split(const std::string& list) {
  std::vector<std::string> parts;
  std::stringstream in(list);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

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

  void AddTo(CLI::App* cmd) {
    cmd->add_option("--lang", language, "Tesseract language(s)")->capture_default_str();
    cmd->add_option("--page-timeout", page_timeout_ms, "Milliseconds before a page's OCR gives up (0: no limit)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_option("--dpi", dpi, "Resolution PDF pages are rendered at for OCR")->check(CLI::Range(72, 1200))->capture_default_str();
    cmd->add_flag("--no-correct", no_correct, "No Vietnamese post-correction of OCR text");
    cmd->add_flag("--binarize", binarize, "Binarize pages (Sauvola) before OCR");
    cmd->add_flag("--despeckle", despeckle, "Remove isolated specks before OCR");
    cmd->add_flag("--no-reread", no_reread,
                  "Do not read poorly recognized pages (noisy copies) a second time with noise removal");
    // One string split here: a multi-value option would take the file arguments after it.
    cmd->add_option("--no-preprocess", skip_steps,
                    "Preprocessing steps to switch off, comma-separated: background, color, deskew")
        ->check([](const std::string& value) -> std::string {
          for (const std::string& step : Split(value)) {
            if (step != "background" && step != "color" && step != "deskew") {
              return "unknown preprocessing step '" + step + "'";
            }
          }
          return {};
        });
  }

  vanban::OcrSettings Settings(int jobs) const {
    vanban::OcrSettings s;
    s.mode = mode == "force" ? vanban::OcrMode::kForce : mode == "skip" ? vanban::OcrMode::kSkip : vanban::OcrMode::kAuto;
    s.engine.language = language;
    s.engine.page_timeout_ms = page_timeout_ms;
    s.dpi = dpi;
    s.jobs = jobs;
    s.correct = !no_correct;
    s.engine.reread_noisy_pages = !no_reread;
    vanban::PreprocessOptions& p = s.engine.preprocess;
    p.binarize = binarize;
    p.despeckle = despeckle;
    for (const std::string& step : Split(skip_steps)) {
      if (step == "background") p.normalize_background = false;
      if (step == "color") p.remove_color_marks = false;
      if (step == "deskew") p.deskew = false;
    }
    return s;
  }
};

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string format = "json";
  std::string output;
  int jobs = 0;
  bool layout = false;
  bool quiet = false;
  bool text_only = false;
  std::string pdf_password;
  std::vector<std::string> rule_folders;
  OcrArgs ocr;
};

// Rules, built-in extractors and external plugins; a bad rule file is a usage-level error.
std::unique_ptr<vanban::ExtractorSetup> SetUp(const std::vector<std::string>& rule_folders, bool quiet) {
  auto setup = vanban::SetUpExtractors(rule_folders);
  if (!setup.ok()) {
    std::cerr << "vanban: " << setup.status().message() << '\n';
    return nullptr;
  }
  if (!quiet) {
    for (const std::string& message : (*setup)->plugin_messages) std::cerr << "vanban: " << message << '\n';
  }
  return std::move(setup).value();
}

// Writes to a temporary file beside `path` and renames it, so a reader never sees half a file.
bool WriteFileAtomically(const std::string& path, const std::string& content, std::string& error) {
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      error = "cannot write " + tmp;
      std::filesystem::remove(tmp);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    error = "cannot rename " + tmp + " to " + path + ": " + ec.message();
    std::filesystem::remove(tmp);
    return false;
  }
  return true;
}

std::string Render(const std::vector<vanban::ProcessedDocument>& docs, const ExtractArgs& args) {
  vanban::RecordOptions options;
  options.include_layout = args.layout;
  const auto record = [&](const vanban::ProcessedDocument& d) {
    return vanban::DocumentToJson(d.document, options, args.text_only ? nullptr : &d.extraction);
  };
  // Text is valid UTF-8 by construction; should a stray byte ever slip through, it is written as
  // U+FFFD instead of ending the whole run with an exception.
  const auto dump = [](const nlohmann::ordered_json& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  };
  std::ostringstream out;
  if (args.format == "jsonl") {
    for (const auto& d : docs) out << dump(record(d), -1) << '\n';
  } else if (args.format == "text") {
    for (const auto& d : docs) {
      if (docs.size() > 1) out << "==> " << d.document.source.path << " <==\n";
      out << d.document.text << (d.document.text.empty() ? "" : "\n");
    }
  } else if (docs.size() == 1) {
    out << dump(record(docs.front()), 2) << '\n';
  } else {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& d : docs) all.push_back(record(d));
    out << dump(all, 2) << '\n';
  }
  return out.str();
}

int RunExtract(const ExtractArgs& args) {
  std::unique_ptr<vanban::ExtractorSetup> setup;
  if (!args.text_only && args.format != "text") {
    setup = SetUp(args.rule_folders, args.quiet);
    if (!setup) return kExitUsage;
  }
  vanban::PipelineOptions options;
  options.extractors = setup ? &setup->registry : nullptr;
  options.jobs = args.jobs;
  options.ingest.pdf_password = args.pdf_password;
  options.ingest.ocr = args.ocr.Settings(args.jobs);
  const bool show_progress = !args.quiet && ::isatty(STDERR_FILENO);
  std::atomic<size_t> files_done{0}, pages_done{0};
  const auto show = [&](const std::string& what) {
    if (show_progress) {
      std::fprintf(stderr, "\r\033[K[%zu/%zu files, %zu OCR pages] %s", files_done.load(), args.inputs.size(),
                   pages_done.load(), what.c_str());
    }
  };
  options.ingest.ocr.on_page = [&] {
    ++pages_done;
    show("");
  };
  const auto progress = [&](size_t done, size_t, const std::string& path) {
    files_done = done;
    show(path);
  };
  const std::vector<vanban::ProcessedDocument> docs = vanban::ExtractAll(args.inputs, options, progress);
  if (show_progress) std::fprintf(stderr, "\r\033[K");

  int failed = 0;
  for (const auto& d : docs) {
    if (!d.ok()) ++failed;
    for (const auto* errors : {&d.document.errors, &d.extraction.errors}) {
      for (const auto& e : *errors) {
        std::cerr << "vanban: " << e.path << (e.page > 0 ? ":page " + std::to_string(e.page) : "") << ": "
                  << e.reason << '\n';
      }
    }
  }
  const std::string rendered = Render(docs, args);
  if (args.output.empty() || args.output == "-") {
    std::cout << rendered << std::flush;
  } else if (std::string error; !WriteFileAtomically(args.output, rendered, error)) {
    std::cerr << "vanban: " << error << '\n';
    return kExitSomeFailed;
  }
  if (failed > 0 && !args.quiet) {
    std::cerr << "vanban: " << failed << " of " << docs.size() << " input(s) had errors\n";
  }
  return failed > 0 ? kExitSomeFailed : kExitOk;
}

int RunPlugins(const std::vector<std::string>& rule_folders) {
  std::unique_ptr<vanban::ExtractorSetup> setup = SetUp(rule_folders, false);
  if (!setup) return kExitUsage;
  std::printf("%-12s %-8s %6s  %-10s %s\n", "name", "version", "rules", "origin", "description");
  for (const auto& e : setup->registry.extractors()) {
    std::printf("%-12s %-8s %6zu  %-10s %s\n", std::string(e->Name()).c_str(), std::string(e->Version()).c_str(),
                e->RuleCount(), e->Origin().c_str(), std::string(e->Description()).c_str());
  }
  std::printf("\n%zu rules from %zu files:\n", setup->rules->size(), setup->rules->files().size());
  for (const std::string& f : setup->rules->files()) std::printf("  %s\n", f.c_str());
  return kExitOk;
}

int RunRulesCheck(const std::vector<std::string>& rule_folders) {
  std::unique_ptr<vanban::ExtractorSetup> setup = SetUp(rule_folders, true);
  if (!setup) return kExitSomeFailed;
  const std::vector<std::string> failures = setup->rules->CheckExamples();
  for (const std::string& f : failures) std::cerr << f << '\n';
  size_t examples = 0;
  for (const auto& rule : setup->rules->rules()) examples += rule.examples.size() + rule.counter_examples.size();
  std::printf("%zu rules, %zu examples and counter-examples, %zu failures\n", setup->rules->size(), examples,
              failures.size());
  return failures.empty() ? kExitOk : kExitSomeFailed;
}

int RunOcr(const std::string& input, const vanban::OcrOutputs& outputs, const OcrArgs& args) {
  if (outputs.pdf.empty() && outputs.hocr.empty() && outputs.alto.empty()) {
    std::cerr << "vanban ocr: nothing to write: give -o OUT.pdf, --hocr or --alto\n";
    return kExitUsage;
  }
  std::ifstream in(input, std::ios::binary);
  if (!in) {
    std::cerr << "vanban: " << input << ": cannot open\n";
    return kExitSomeFailed;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const vanban::Status status = vanban::WriteOcrOutputs(bytes.str(), args.Settings(1), outputs);
  if (!status.ok()) {
    std::cerr << "vanban: " << input << ": " << status.message() << '\n';
    return kExitSomeFailed;
  }
  return kExitOk;
}

// Tesseract's OpenMP runtime reads OMP_THREAD_LIMIT when the library loads, before main(): left at
// its default a page takes several times longer. When it is not set, set it and start again.
void LimitOpenMpThreads(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::execv("/proc/self/exe", argv);  // returns only on failure: then go on, slower
}

}  // namespace

int main(int argc, char** argv) {
  LimitOpenMpThreads(argv);
  CLI::App app{
      "vanban: Vietnamese administrative documents (công văn, kế hoạch, quyết định ...) to structured, searchable, "
      "checkable data."};
  app.set_version_flag("--version", std::string("vanban ") + VANBAN_VERSION);
  app.require_subcommand(1);

  ExtractArgs extract;
  CLI::App* extract_cmd = app.add_subcommand(
      "extract", "Extract the text of documents (text files, PDFs) as vanban.document/1 records.");
  extract_cmd->add_option("files", extract.inputs, "Input files; their kind is detected from content")->required();
  extract_cmd->add_option("--format,-f", extract.format, "Output format")
      ->check(CLI::IsMember({"json", "jsonl", "text"}))
      ->capture_default_str();
  extract_cmd->add_option("-o,--output", extract.output, "Write to this file instead of standard output");
  extract_cmd->add_option("-j,--jobs", extract.jobs, "Files processed in parallel (0: one per core)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  extract_cmd->add_flag("--layout", extract.layout, "Include every line and word with its box in the records");
  extract_cmd->add_option("--pdf-password", extract.pdf_password, "Password for encrypted PDFs");
  extract_cmd->add_flag("-q,--quiet", extract.quiet, "No progress or summary on standard error");
  extract_cmd->add_flag("--text-only", extract.text_only, "Only the text: no header, references, dates, tasks");
  extract_cmd->add_option("--rules", extract.rule_folders, "Another folder of rule files (repeatable)");
  extract_cmd->add_option("--ocr", extract.ocr.mode, "Which pages go through OCR: pages without a usable text layer and images (auto), every page (force), none (skip)")
      ->check(CLI::IsMember({"auto", "force", "skip"}))
      ->capture_default_str();
  extract.ocr.AddTo(extract_cmd);

  std::string ocr_input, ocr_pdf, ocr_hocr, ocr_alto;
  OcrArgs ocr_args;
  CLI::App* ocr_cmd = app.add_subcommand(
      "ocr", "Make a scanned PDF or image searchable: a PDF with an invisible text layer, and hOCR or ALTO XML.");
  ocr_cmd->add_option("input", ocr_input, "Scanned PDF, PNG, JPEG or TIFF")->required();
  ocr_cmd->add_option("-o,--output", ocr_pdf, "Searchable PDF to write (.pdf)");
  ocr_cmd->add_option("--hocr", ocr_hocr, "hOCR file to write (.hocr)");
  ocr_cmd->add_option("--alto", ocr_alto, "ALTO XML file to write (.xml)");
  ocr_args.AddTo(ocr_cmd);

  std::vector<std::string> plugin_rule_folders;
  CLI::App* plugins_cmd = app.add_subcommand(
      "plugins", "List the extractors (built-in and from VANBAN_PLUGIN_PATH) with versions and rule counts.");
  plugins_cmd->add_option("--rules", plugin_rule_folders, "Another folder of rule files (repeatable)");

  std::vector<std::string> check_rule_folders;
  CLI::App* rules_cmd = app.add_subcommand("rules", "Work with rule files.");
  CLI::App* check_cmd =
      rules_cmd->add_subcommand("check", "Load every rule file strictly and run every example and counter-example.");
  check_cmd->add_option("--rules", check_rule_folders, "Another folder of rule files (repeatable)");
  rules_cmd->require_subcommand(1);

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
  if (extract_cmd->parsed()) return RunExtract(extract);
  if (plugins_cmd->parsed()) return RunPlugins(plugin_rule_folders);
  if (check_cmd->parsed()) return RunRulesCheck(check_rule_folders);
  if (ocr_cmd->parsed()) return RunOcr(ocr_input, {ocr_pdf, ocr_hocr, ocr_alto}, ocr_args);
  return kExitUsage;
}
