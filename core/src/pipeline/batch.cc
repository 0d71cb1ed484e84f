// Batches: files processed in parallel, results handed on in input order as soon as they can be,
// with a bounded number of them in memory.
#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "vanban/pipeline.h"

namespace vanban {

Status Engine::ProcessBatch(const std::vector<std::string>& paths, const PipelineOptions& options,
                            const ResultSink& sink, const ProgressFn& progress) const {
  const size_t n = paths.size();
  if (n == 0) return Status::Ok();
  size_t jobs = options.jobs > 0 ? static_cast<size_t>(options.jobs) : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min(jobs, n);
  // Results finished ahead of a slow earlier file wait for it; beyond this many, workers wait too.
  const size_t window = 2 * jobs;

  std::mutex mutex;
  std::condition_variable can_start;
  size_t next = 0;         // next file to start
  size_t emitted = 0;      // next result to hand to the sink
  size_t finished = 0;
  bool emitting = false;   // one thread at a time calls the sink, in order
  Status stopped;          // the sink's failure, which stops the batch
  std::map<size_t, ProcessedDocument> ready;

  PipelineOptions per_file = options;
  std::mutex page_mutex;
  if (options.on_ocr_page) {
    per_file.on_ocr_page = [&] {
      std::lock_guard<std::mutex> lock(page_mutex);
      options.on_ocr_page();
    };
  }

  const auto worker = [&] {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      can_start.wait(lock, [&] { return !stopped.ok() || next >= n || next < emitted + window; });
      if (!stopped.ok() || next >= n) return;
      const size_t i = next++;
      lock.unlock();
      ProcessedDocument result = Process(paths[i], per_file);
      lock.lock();
      ready.emplace(i, std::move(result));
      ++finished;
      if (progress) progress(finished, n, paths[i]);
      while (!emitting && stopped.ok() && !ready.empty() && ready.begin()->first == emitted) {
        emitting = true;
        ProcessedDocument out = std::move(ready.begin()->second);
        ready.erase(ready.begin());
        lock.unlock();
        Status status = sink ? sink(emitted, std::move(out)) : Status::Ok();
        lock.lock();
        emitting = false;
        ++emitted;
        if (!status.ok()) stopped = std::move(status);
        can_start.notify_all();
      }
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  return stopped;
}

}  // namespace vanban
