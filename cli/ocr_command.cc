// `vanban ocr`: a scanned PDF or image made searchable (PDF with a text layer, hOCR, ALTO), from the
// same reading `vanban extract` makes: post-corrected words in reading order.
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "vanban/internal/files.h"
#include "vanban/output_file.h"
#include "vanban/page_images.h"
#include "vanban/searchable.h"
#include "vanban/source.h"

namespace vanban::cli {
namespace {


struct OcrCommandArgs {
  std::string input;
  std::string pdf, hocr, alto;
  std::string pdf_password;
  int jobs = 0;
  bool quiet = false;
  EngineArgs engine;
  OcrArgs ocr;
};

// Tesseract's font without visible glyphs (libtesseract's pdf.ttf), from the language data folder
// in use. Empty when it cannot be found: the PDF then names the font without embedding it.
std::string GlyphlessFont(const OcrSettings& settings) {
  std::vector<std::string> folders;
  if (!settings.engine.tessdata_dir.empty()) folders.push_back(settings.engine.tessdata_dir);
  if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix != nullptr && *prefix != '\0') {
    folders.push_back(prefix);
    folders.push_back(std::string(prefix) + "/tessdata");
  }
  folders.push_back("/usr/share/tesseract-ocr/5/tessdata");
  for (const std::string& folder : folders) {
    StatusOr<std::string> font = internal::ReadFileBytes(folder + "/pdf.ttf", 1 << 20);
    if (font.ok()) return std::move(font).value();
  }
  return "";
}

StatusOr<std::string> ReadInput(const std::string& path) {
  if (path != "-") return internal::ReadFileBytes(path);
  std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (std::cin.bad()) return Status::IoError("cannot read standard input");
  return bytes;
}

int RunOcr(const OcrCommandArgs& args) {
  enum class Kind { kPdf, kHocr, kAlto };
  struct Target {
    Kind kind;
    const std::string* path;
    std::unique_ptr<OutputFile> file;
  };
  std::vector<Target> targets;
  if (!args.pdf.empty()) targets.push_back({Kind::kPdf, &args.pdf, nullptr});
  if (!args.hocr.empty()) targets.push_back({Kind::kHocr, &args.hocr, nullptr});
  if (!args.alto.empty()) targets.push_back({Kind::kAlto, &args.alto, nullptr});
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
  StatusOr<std::string> bytes = ReadInput(args.input);
  if (!bytes.ok()) {
    std::cerr << "vanban: " << args.input << ": " << bytes.status().message() << '\n';
    return kExitSomeFailed;
  }
  std::unique_ptr<Engine> engine = args.engine.Create(false, args.jobs, args.quiet);
  if (!engine) return kExitUsage;
  PipelineOptions options;
  options.source.pdf_password = args.pdf_password;
  options.ocr = args.ocr.Settings();
  options.extract = false;
  ProgressLine progress(1, args.quiet);
  options.on_ocr_page = [&] { progress.OcrPageDone(); };
  ProcessedDocument processed = engine->ProcessBytes(*bytes, args.input, options);
  progress.FileDone(1, args.input);
  progress.Clear();
  const Document& doc = processed.document;
  const std::string& media = doc.source.media_type;
  const bool pdf = media == "application/pdf";
  if ((!pdf && media.rfind("image/", 0) != 0) || doc.pages.empty()) {
    PrintErrors(processed);
    if (doc.errors.empty()) {
      std::cerr << "vanban: " << args.input << ": " << doc.source.media_type
                << " has no page images to recognize (vanban ocr reads scanned PDFs and images)\n";
    }
    return kExitSomeFailed;
  }
  PrintErrors(processed);
  if (!args.quiet) {
    for (const std::string& warning : doc.warnings) std::cerr << "vanban: " << args.input << ": " << warning << '\n';
  }
  SearchableOptions searchable;
  searchable.dpi = options.ocr.dpi;
  searchable.pdf_password = args.pdf_password;
  for (Target& t : targets) {
    StatusOr<std::string> made = t.kind == Kind::kHocr ? HocrOf(doc, searchable)
                                 : t.kind == Kind::kAlto ? AltoOf(doc, searchable)
                                                         : [&] {
      searchable.glyphless_font = GlyphlessFont(options.ocr);
      // A PDF keeps its own pages; only an image file's pages are decoded again, to be embedded.
      OpenedInput opened;
      if (!pdf) opened = OpenBytes(*bytes, args.input, options.source, engine->sources());
      PageImages* images = opened.file ? opened.file->page_images() : nullptr;
      return SearchablePdfOf(doc, *bytes, images, searchable);
    }();
    Status s = made.ok() ? t.file->Write(*made) : made.status();
    if (s.ok()) s = t.file->Commit();
    if (!s.ok()) {
      std::cerr << "vanban: " << args.input << ": " << *t.path << ": " << s.message() << '\n';
      return kExitSomeFailed;
    }
  }
  return doc.errors.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace

Command AddOcrCommand(CLI::App& app) {
  auto args = std::make_shared<OcrCommandArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ocr",
      "Make a scanned PDF or image searchable: a PDF with an invisible text layer, hOCR or ALTO XML. They carry "
      "the words `vanban extract` reads (post-corrected, in reading order); a PDF keeps its own pages and only "
      "the pages that needed OCR get a text layer (--ocr force: every page).");
  cmd->add_option("input", args->input, "Scanned PDF, PNG, JPEG or TIFF ('-': standard input)")->required();
  cmd->add_option("-o,--output", args->pdf, "Searchable PDF to write");
  cmd->add_option("--hocr", args->hocr, "hOCR file to write");
  cmd->add_option("--alto", args->alto, "ALTO XML file to write");
  cmd->add_option("--pdf-password", args->pdf_password, "Password for an encrypted PDF (the output is not encrypted)");
  cmd->add_option("-j,--jobs", args->jobs, "OCR worker threads (0: one per core)")->check(JobsValidator());
  cmd->add_flag("-q,--quiet", args->quiet, "No progress or warnings on standard error");
  args->engine.AddTo(cmd);
  args->ocr.AddTo(cmd);
  return {cmd, [args] { return RunOcr(*args); }};
}

}  // namespace vanban::cli
