// `vanban extract`: files and folders to vanban.document/1 records, streamed in input order.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "vanban/output_file.h"
#include "vanban/record.h"
#include "vanban/source.h"

namespace vanban::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string format = "json";
  std::string output = "-";
  int jobs = 0;
  bool layout = false;
  bool quiet = false;
  bool text_only = false;
  std::string pdf_password;
  EngineArgs engine;
  OcrArgs ocr;
};

// Lays the records out as the format asks while they arrive: a JSON array is opened before the
// first and closed after the last, so nothing waits for the whole batch.
class RecordStream {
 public:
  RecordStream(const ExtractArgs& args, bool several, OutputFile& out) : args_(args), several_(several), out_(out) {}

  Status Add(const ProcessedDocument& d) {
    const bool first = count_++ == 0;
    if (args_.format == "text") {
      std::string block;
      if (several_) block += "==> " + d.document.source.path + " <==\n";
      block += d.document.text;
      if (!d.document.text.empty()) block += "\n";
      return out_.Write(block);
    }
    RecordOptions options;
    options.include_layout = args_.layout;
    options.indent = args_.format == "jsonl" ? -1 : 2;
    const std::string record = WriteRecord(d.document, d.extracted ? &d.extraction : nullptr, options);
    if (args_.format == "jsonl" || !several_) return out_.Write(record + "\n");
    // An element of the array: the record indented one level, as a whole array would print it.
    std::string element = first ? "[\n  " : ",\n  ";
    for (char c : record) {
      element.push_back(c);
      if (c == '\n') element += "  ";
    }
    return out_.Write(element);
  }

  Status Finish() {
    if (args_.format != "json" || !several_) return Status::Ok();
    return out_.Write(count_ == 0 ? "[]\n" : "\n]\n");
  }

 private:
  const ExtractArgs& args_;
  const bool several_;
  OutputFile& out_;
  size_t count_ = 0;
};

int RunExtract(const ExtractArgs& args) {
  std::vector<std::string> problems;
  const std::vector<std::string> inputs = ExpandInputs(args.inputs, &problems);
  for (const std::string& p : problems) std::cerr << "vanban: " << p << '\n';
  // A folder gives an array even when it holds one file, so the output's shape does not depend on
  // what the folder happens to hold.
  bool any_folder = false;
  for (const std::string& a : args.inputs) {
    std::error_code ec;
    any_folder = any_folder || std::filesystem::is_directory(a, ec);
  }

  const bool extract = !args.text_only && args.format != "text";
  std::unique_ptr<Engine> engine = args.engine.Create(extract, args.jobs, args.quiet);
  if (!engine) return kExitUsage;
  StatusOr<std::unique_ptr<OutputFile>> out = OutputFile::Open(args.output);
  if (!out.ok()) {
    std::cerr << "vanban: " << out.status().message() << '\n';
    return kExitUsage;
  }

  PipelineOptions options;
  options.jobs = args.jobs;
  options.extract = extract;
  options.source.pdf_password = args.pdf_password;
  options.ocr = args.ocr.Settings();
  ProgressLine progress(inputs.size(), args.quiet);
  options.on_ocr_page = [&] { progress.OcrPageDone(); };

  RecordStream stream(args, inputs.size() > 1 || any_folder, **out);
  size_t failed = 0;
  const auto sink = [&](size_t, ProcessedDocument&& d) -> Status {
    if (!d.ok()) {
      ++failed;
      progress.Clear();
      PrintErrors(d);  // as it happens, not at the end of the batch
    }
    return stream.Add(d);
  };
  Status status = engine->ProcessBatch(inputs, options, sink,
                                       [&](size_t done, size_t, const std::string& path) { progress.FileDone(done, path); });
  progress.Clear();
  if (status.ok()) status = stream.Finish();
  if (status.ok()) status = (*out)->Commit();
  if (!status.ok()) {
    std::cerr << "vanban: " << status.message() << '\n';
    return kExitSomeFailed;
  }
  if (failed > 0 && !args.quiet) std::cerr << "vanban: " << failed << " of " << inputs.size() << " input(s) had errors\n";
  return failed > 0 || !problems.empty() ? kExitSomeFailed : kExitOk;
}

}  // namespace

Command AddExtractCommand(CLI::App& app) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand(
      "extract", "Read documents (text, PDF, scans) and write their vanban.document/1 records.");
  cmd->add_option("files", args->inputs,
                  "Input files and folders (walked recursively, in path order); '-' is standard input. The kind of "
                  "a file is detected from its content")
      ->required();
  cmd->add_option("--format,-f", args->format, "Output: one JSON record (an array for several inputs), JSON Lines, "
                                               "or the rebuilt text")
      ->check(CLI::IsMember({"json", "jsonl", "text"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output,
                  "Write here instead of standard output (a regular file is replaced atomically when done)");
  cmd->add_option("-j,--jobs", args->jobs, "Files processed in parallel, and OCR workers (0: one per core)")
      ->check(JobsValidator())
      ->capture_default_str();
  cmd->add_flag("--layout", args->layout, "Include every line and word with its box in the records");
  cmd->add_option("--pdf-password", args->pdf_password, "Password for encrypted PDFs");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress or summary on standard error");
  cmd->add_flag("--text-only", args->text_only, "Only the text: no header, references, dates, tasks");
  cmd->add_option("--ocr", args->ocr.mode,
                  "Which pages go through OCR: pages without a usable text layer and images (auto), every page "
                  "(force), none (skip)")
      ->check(CLI::IsMember({"auto", "force", "skip"}))
      ->capture_default_str();
  args->engine.AddTo(cmd);
  args->ocr.AddTo(cmd);
  return {cmd, [args] { return RunExtract(*args); }};
}

}  // namespace vanban::cli
