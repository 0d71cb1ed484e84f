// The `vanban` command. This is the only place that turns results into exit codes:
// 0 every input processed, 1 some input failed (each failure reported, the rest still processed),
// 2 usage error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "vanban/pipeline.h"
#include "vanban/record.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitUsage = 2;

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string format = "json";
  std::string output;
  int jobs = 0;
  bool layout = false;
  bool quiet = false;
  std::string pdf_password;
};

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

std::string Render(const std::vector<vanban::Document>& docs, const ExtractArgs& args) {
  vanban::RecordOptions options;
  options.include_layout = args.layout;
  std::ostringstream out;
  if (args.format == "jsonl") {
    for (const auto& doc : docs) out << vanban::DocumentToJson(doc, options).dump() << '\n';
  } else if (args.format == "text") {
    for (const auto& doc : docs) {
      if (docs.size() > 1) out << "==> " << doc.source.path << " <==\n";
      out << doc.text << (doc.text.empty() ? "" : "\n");
    }
  } else if (docs.size() == 1) {
    out << vanban::DocumentToJson(docs.front(), options).dump(2) << '\n';
  } else {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& doc : docs) all.push_back(vanban::DocumentToJson(doc, options));
    out << all.dump(2) << '\n';
  }
  return out.str();
}

int RunExtract(const ExtractArgs& args) {
  vanban::PipelineOptions options;
  options.jobs = args.jobs;
  options.ingest.pdf_password = args.pdf_password;
  const bool show_progress = !args.quiet && args.inputs.size() > 1 && ::isatty(STDERR_FILENO);
  const auto progress = [&](size_t done, size_t total, const std::string& path) {
    if (show_progress) std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, total, path.c_str());
  };
  const std::vector<vanban::Document> docs = vanban::ExtractAll(args.inputs, options, progress);
  if (show_progress) std::fprintf(stderr, "\r\033[K");

  int failed = 0;
  for (const auto& doc : docs) {
    if (!doc.ok()) ++failed;
    for (const auto& e : doc.errors) {
      std::cerr << "vanban: " << e.path << (e.page > 0 ? ":page " + std::to_string(e.page) : "") << ": " << e.reason
                << '\n';
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

}  // namespace

int main(int argc, char** argv) {
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
  return kExitUsage;
}
