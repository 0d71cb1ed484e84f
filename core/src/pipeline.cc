#include "vanban/pipeline.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace vanban {

Document ExtractDocument(const std::string& path, const PipelineOptions& options) {
  // Library code below reports through Status; this guard keeps an unexpected exception (for
  // example std::bad_alloc on a huge page) from escaping and losing the other files' results.
  try {
    return Normalize(Ingest(path, options.ingest), options.normalize);
  } catch (const std::exception& e) {
    Document doc;
    doc.source.path = path;
    doc.errors.push_back({path, 0, "internal", std::string("unexpected failure: ") + e.what()});
    return doc;
  }
}

Extraction RunExtractors(const Document& doc, const DocumentStructure& structure, const ExtractorRegistry& registry) {
  Extraction out;
  for (const auto& extractor : registry.extractors()) {
    Status status;
    try {
      status = extractor->Extract(doc, structure, out);
    } catch (const std::exception& e) {
      status = Status::Internal(std::string("unexpected failure: ") + e.what());
    }
    if (!status.ok()) {
      out.errors.push_back({doc.source.path, 0, std::string(StatusCodeName(status.code())),
                            "extractor " + std::string(extractor->Name()) + ": " + status.message()});
    }
  }
  return out;
}

ProcessedDocument ProcessDocument(const std::string& path, const PipelineOptions& options) {
  ProcessedDocument result;
  result.document = ExtractDocument(path, options);
  try {
    if (options.extractors != nullptr) {
      result.structure = AnalyzeStructure(result.document);
      result.extraction = RunExtractors(result.document, result.structure, *options.extractors);
    }
  } catch (const std::exception& e) {
    result.extraction.errors.push_back({path, 0, "internal", std::string("unexpected failure: ") + e.what()});
  }
  return result;
}

std::vector<ProcessedDocument> ExtractAll(const std::vector<std::string>& paths, const PipelineOptions& options,
                                          const ProgressFn& progress) {
  std::vector<ProcessedDocument> results(paths.size());
  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::min<int>(jobs, static_cast<int>(std::max<size_t>(1, paths.size())));
  std::atomic<size_t> next{0};
  std::mutex progress_mutex;
  size_t done = 0;
  const auto worker = [&] {
    for (size_t i = next++; i < paths.size(); i = next++) {
      results[i] = ProcessDocument(paths[i], options);
      if (progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        progress(++done, paths.size(), paths[i]);
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  return results;
}

}  // namespace vanban
