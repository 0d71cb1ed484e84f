// vanban-score: precision, recall and F1 per field of the extractors against the gold annotations.
//   vanban-score [ROOT] [--seeds] [--filter NAME-PART] [--misses FIELD]
#include <cstdio>
#include <cstring>
#include <string>

#include "scorer.h"
#include "vanban/pipeline.h"

int main(int argc, char** argv) {
  std::string root = VANBAN_SOURCE_DIR, misses, filter;
  bool seeds_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--seeds") == 0) {
      seeds_only = true;
    } else if (std::strcmp(argv[i], "--filter") == 0 && i + 1 < argc) {
      filter = argv[++i];
    } else if (std::strcmp(argv[i], "--misses") == 0 && i + 1 < argc) {
      misses = argv[++i];
    } else if (std::strcmp(argv[i], "--help") == 0) {
      std::printf("usage: vanban-score [ROOT] [--seeds] [--filter NAME-PART] [--misses FIELD]\n");
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
  auto files = vanban::score::GoldFiles(root, seeds_only);
  std::erase_if(files, [&](const std::string& f) { return f.find(filter) == std::string::npos; });
  auto report = vanban::score::ScoreGold(root, files, **engine);
  if (!report.ok()) {
    std::fprintf(stderr, "vanban-score: %s\n", report.status().message().c_str());
    return 1;
  }
  std::printf("%zu gold documents%s\n%s", files.size(), seeds_only ? " (seeds)" : "", report->Table().c_str());
  if (const auto* f = report->Find(misses)) {
    for (const std::string& m : f->misses) std::printf("  %s\n", m.c_str());
  }
  return 0;
}
