// Throughput of the extraction pipeline on one core over the corpus text repeated to >= 50 MB:
//   BM_ExtractorsOnly   structure analysis + all extractors over documents already normalized
//   BM_FullPipeline     decode + normalize + structure + all extractors, from bytes in memory
//   BM_OneLargeDocument all corpus texts concatenated into one document of N MB (linearity: compare
//                       the time per MB at 5 and 50 MB)
// Run: build/tests/bench/vanban_extract_bench  (prints MB/s as bytes_per_second, and peak RSS)
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "vanban/pipeline.h"
#include "vanban/source.h"

namespace vanban {
namespace {

std::vector<std::string> CorpusTexts() {
  std::vector<std::string> texts;
  for (const char* dir : {"corpus/seeds", "corpus/docs", "corpus/heldout"}) {
    const std::filesystem::path folder = std::filesystem::path(VANBAN_SOURCE_DIR) / dir;
    if (!std::filesystem::is_directory(folder)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(folder)) {
      if (e.path().extension() == ".txt") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      texts.push_back(s.str());
    }
  }
  return texts;
}

// The built-in extractors over the data directory staged in the build tree.
const ExtractorRegistry& Registry() {
  static const Engine* engine = [] {
    EngineOptions options;
    options.data_dir = VANBAN_BENCH_DATA_DIR;
    options.use_environment = false;
    return Engine::Create(options).value().release();
  }();
  return engine->extractors();
}

Document Normalized(const std::string& bytes) {
  Document doc;
  (void)IngestText(bytes, doc);
  return Normalize(std::move(doc));
}

void ReportPeakMemory(benchmark::State& state) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Megabytes each benchmark processes per iteration: 50, or $VANBAN_BENCH_MB (for profiling runs).
const size_t kTarget = [] {
  const char* mb = std::getenv("VANBAN_BENCH_MB");
  return static_cast<size_t>(mb != nullptr ? std::atoi(mb) : 50) << 20;
}();

void BM_ExtractorsOnly(benchmark::State& state) {
  std::vector<Document> docs;
  size_t corpus_bytes = 0;
  for (const std::string& t : CorpusTexts()) {
    docs.push_back(Normalized(t));
    corpus_bytes += docs.back().text.size();
  }
  const size_t rounds = (kTarget + corpus_bytes - 1) / corpus_bytes;
  size_t findings = 0;
  for (auto _ : state) {
    for (size_t r = 0; r < rounds; ++r) {
      for (const Document& doc : docs) {
        const DocumentStructure st = AnalyzeStructure(doc);
        const Extraction x = RunExtractors(doc, st, Registry());
        findings += x.references.size() + x.dates.size() + x.deadlines.size() + x.tasks.size();
      }
    }
  }
  benchmark::DoNotOptimize(findings);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * rounds * corpus_bytes));
  state.counters["MB_per_iteration"] = static_cast<double>(rounds * corpus_bytes) / (1 << 20);
  ReportPeakMemory(state);
}
BENCHMARK(BM_ExtractorsOnly)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_FullPipeline(benchmark::State& state) {
  const std::vector<std::string> texts = CorpusTexts();
  size_t corpus_bytes = 0;
  for (const std::string& t : texts) corpus_bytes += t.size();
  const size_t rounds = (kTarget + corpus_bytes - 1) / corpus_bytes;
  size_t findings = 0;
  for (auto _ : state) {
    for (size_t r = 0; r < rounds; ++r) {
      for (const std::string& t : texts) {
        const Document doc = Normalized(t);
        const DocumentStructure st = AnalyzeStructure(doc);
        findings += RunExtractors(doc, st, Registry()).references.size();
      }
    }
  }
  benchmark::DoNotOptimize(findings);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * rounds * corpus_bytes));
  state.counters["MB_per_iteration"] = static_cast<double>(rounds * corpus_bytes) / (1 << 20);
  ReportPeakMemory(state);
}
BENCHMARK(BM_FullPipeline)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_OneLargeDocument(benchmark::State& state) {
  const size_t target = static_cast<size_t>(state.range(0)) << 20;
  std::string big;
  while (big.size() < target) {
    for (const std::string& t : CorpusTexts()) big += t + "\n\n";
  }
  const Document doc = Normalized(big);
  size_t findings = 0;
  for (auto _ : state) {
    const DocumentStructure st = AnalyzeStructure(doc);
    findings += RunExtractors(doc, st, Registry()).references.size();
  }
  benchmark::DoNotOptimize(findings);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.text.size()));
  ReportPeakMemory(state);
}
BENCHMARK(BM_OneLargeDocument)->Arg(5)->Arg(50)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace vanban

BENCHMARK_MAIN();
