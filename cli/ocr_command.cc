// `vanban ocr`: a scanned PDF or image made searchable (PDF with a text layer, hOCR, ALTO).
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "vanban/internal/files.h"
#include "vanban/output_file.h"
#include "vanban/page_images.h"
#include "vanban/source.h"

namespace vanban::cli {
namespace {

namespace fs = std::filesystem;

struct OcrCommandArgs {
  std::string input;
  std::string pdf, hocr, alto;
  std::string pdf_password;
  OcrArgs ocr;
};

// A private folder for Tesseract's renderers, which name their files themselves; removed when done.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern = (fs::temp_directory_path() / "vanban-ocr-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

int RunOcr(const OcrCommandArgs& args) {
  struct Target {
    const std::string* path;
    const char* made;  // the renderer's file in the scratch folder
    std::unique_ptr<OutputFile> file;
  };
  std::vector<Target> targets;
  OcrOutputKinds kinds;
  if (!args.pdf.empty()) targets.push_back({&args.pdf, "vanban.pdf", nullptr}), kinds.pdf = true;
  if (!args.hocr.empty()) targets.push_back({&args.hocr, "vanban.hocr", nullptr}), kinds.hocr = true;
  if (!args.alto.empty()) targets.push_back({&args.alto, "vanban.xml", nullptr}), kinds.alto = true;
  if (targets.empty()) {
    std::cerr << "vanban ocr: nothing to write: give -o OUT.pdf, --hocr OUT.hocr or --alto OUT.xml\n";
    return kExitUsage;
  }
  // Every output is opened before the long work starts, so a bad path fails at once.
  for (Target& t : targets) {
    StatusOr<std::unique_ptr<OutputFile>> file = OutputFile::Open(*t.path);
    if (!file.ok()) {
      std::cerr << "vanban: " << file.status().message() << '\n';
      return kExitUsage;
    }
    t.file = std::move(file).value();
  }
  SourceRegistry sources;
  RegisterBuiltinSources(sources);
  SourceOptions source_options;
  source_options.pdf_password = args.pdf_password;
  OpenedInput input = OpenInput(args.input, source_options, sources);
  if (!input.document.errors.empty() || input.file == nullptr) {
    for (const DocumentError& e : input.document.errors) PrintError(e);
    return kExitSomeFailed;
  }
  PageImages* images = input.file->page_images();
  if (images == nullptr) {
    std::cerr << "vanban: " << args.input << ": " << input.document.source.media_type
              << " has no page images to recognize (vanban ocr reads scanned PDFs and images)\n";
    return kExitSomeFailed;
  }
  ScratchFolder scratch;
  if (scratch.path().empty()) {
    std::cerr << "vanban: cannot make a temporary folder: " << internal::ErrnoText(errno) << '\n';
    return kExitSomeFailed;
  }
  if (Status s = WriteOcrOutputs(*images, args.ocr.Settings(), kinds, scratch.path()); !s.ok()) {
    std::cerr << "vanban: " << args.input << ": " << s.message() << '\n';
    return kExitSomeFailed;
  }
  for (Target& t : targets) {
    StatusOr<std::string> bytes = internal::ReadFileBytes(scratch.path() + "/" + t.made);
    Status s = bytes.ok() ? t.file->Write(*bytes) : bytes.status();
    if (s.ok()) s = t.file->Commit();
    if (!s.ok()) {
      std::cerr << "vanban: " << s.message() << '\n';
      return kExitSomeFailed;
    }
  }
  return kExitOk;
}

}  // namespace

Command AddOcrCommand(CLI::App& app) {
  auto args = std::make_shared<OcrCommandArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ocr", "Make a scanned PDF or image searchable: a PDF with an invisible text layer, and hOCR or ALTO XML.");
  cmd->add_option("input", args->input, "Scanned PDF, PNG, JPEG or TIFF")->required();
  cmd->add_option("-o,--output", args->pdf, "Searchable PDF to write");
  cmd->add_option("--hocr", args->hocr, "hOCR file to write");
  cmd->add_option("--alto", args->alto, "ALTO XML file to write");
  cmd->add_option("--pdf-password", args->pdf_password, "Password for an encrypted PDF");
  args->ocr.AddTo(cmd);
  return {cmd, [args] { return RunOcr(*args); }};
}

}  // namespace vanban::cli
