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

std::vector<Document> ExtractAll(const std::vector<std::string>& paths, const PipelineOptions& options,
                                 const ProgressFn& progress) {
  std::vector<Document> results(paths.size());
  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::min<int>(jobs, static_cast<int>(std::max<size_t>(1, paths.size())));
  std::atomic<size_t> next{0};
  std::mutex progress_mutex;
  size_t done = 0;
  const auto worker = [&] {
    for (size_t i = next++; i < paths.size(); i = next++) {
      results[i] = ExtractDocument(paths[i], options);
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
