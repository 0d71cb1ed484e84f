// vanban-score: precision, recall and F1 per field of the extractors against the gold annotations.
//   vanban-score [ROOT] [--seeds] [--filter NAME-PART] [--misses FIELD]
//   vanban-score [ROOT] --devset [DEVSET_DIR] [--filter NAME-PART] [--misses FIELD] [--ocr auto|skip]
// The second form scores corpus/devset/gold per form: documents from corpus/devset/text, then DEVSET_DIR.
#include <cstdio>
#include <cstring>
#include <string>

#include "scorer.h"
#include "vanban/pipeline.h"

namespace {

void PrintMisses(const vanban::score::Report& report, const std::string& field) {
  if (const auto* f = report.Find(field)) {
    for (const std::string& m : f->misses) std::printf("  %s\n", m.c_str());
  }
}

int ScoreDevsetMain(const std::string& root, const std::string& devset_dir, const std::string& filter,
                    const std::string& misses, const std::string& ocr_mode, const vanban::Engine& engine) {
  vanban::score::DevsetOptions options;
  options.gold_dir = root + "/corpus/devset/gold";
  options.document_dirs = {root + "/corpus/devset/text"};
  if (!devset_dir.empty()) options.document_dirs.push_back(devset_dir);
  options.filter = filter;
  if (ocr_mode == "skip") {
    options.pipeline.ocr.mode = vanban::OcrMode::kSkip;
  } else if (ocr_mode != "auto") {
    std::fprintf(stderr, "vanban-score: --ocr must be auto or skip\n");
    return 2;
  }
  auto scores = vanban::score::ScoreDevset(options, engine);
  if (!scores.ok()) {
    std::fprintf(stderr, "vanban-score: %s\n", scores.status().message().c_str());
    return 1;
  }
  for (const auto& [form, report] : scores->by_form) {
    std::printf("== %s (%d documents)\n%s", form.c_str(), scores->documents.at(form), report.Table().c_str());
  }
  int total = 0;
  for (const auto& [form, n] : scores->documents) total += n;
  std::printf("== all (%d documents; %d gold files without their document; %d unreadable)\n%s", total,
              scores->skipped, scores->failed, scores->all.Table().c_str());
  PrintMisses(scores->all, misses);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string root = VANBAN_SOURCE_DIR, misses, filter;
  bool seeds_only = false, devset = false;
  std::string devset_dir, ocr_mode = "auto";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--seeds") == 0) {
      seeds_only = true;
    } else if (std::strcmp(argv[i], "--filter") == 0 && i + 1 < argc) {
      filter = argv[++i];
    } else if (std::strcmp(argv[i], "--misses") == 0 && i + 1 < argc) {
      misses = argv[++i];
    } else if (std::strcmp(argv[i], "--devset") == 0) {
      devset = true;
      if (i + 1 < argc && argv[i + 1][0] != '-') devset_dir = argv[++i];
    } else if (std::strcmp(argv[i], "--ocr") == 0 && i + 1 < argc) {
      ocr_mode = argv[++i];
    } else if (std::strcmp(argv[i], "--help") == 0) {
      std::printf(
          "usage: vanban-score [ROOT] [--seeds] [--filter NAME-PART] [--misses FIELD]\n"
          "       vanban-score [ROOT] --devset [DEVSET_DIR] [--filter NAME-PART] [--misses FIELD] [--ocr auto|skip]\n");
      return 0;
    } else {
      root = argv[i];
    }
  }
  auto engine = vanban::Engine::Create();
  if (!engine.ok()) {
    std::fprintf(stderr, "vanban-score: %s\n", engine.status().message().c_str());
    return 2;
  }
  if (devset) return ScoreDevsetMain(root, devset_dir, filter, misses, ocr_mode, **engine);
  auto files = vanban::score::GoldFiles(root, seeds_only);
  std::erase_if(files, [&](const std::string& f) { return f.find(filter) == std::string::npos; });
  auto report = vanban::score::ScoreGold(root, files, **engine);
  if (!report.ok()) {
    std::fprintf(stderr, "vanban-score: %s\n", report.status().message().c_str());
    return 1;
  }
  std::printf("%zu gold documents%s\n%s", files.size(), seeds_only ? " (seeds)" : "", report->Table().c_str());
  PrintMisses(*report, misses);
  return 0;
}
