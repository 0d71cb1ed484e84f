// The Engines tests run documents through: built on the data directory staged in the build tree
// (never the source tree, never the environment's VANBAN_* variables), one per OCR pool size,
// created once for the whole test program.
#ifndef VANBAN_TESTS_TEST_ENGINE_H_
#define VANBAN_TESTS_TEST_ENGINE_H_

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "vanban/pipeline.h"
#include "vanban/record.h"

namespace vanban::testing {

inline std::string TestDataDir() { return VANBAN_TEST_DATA_DIR; }

inline EngineOptions TestEngineOptions(int ocr_workers = 2) {
  EngineOptions options;
  options.data_dir = TestDataDir();
  options.use_environment = false;
  options.ocr_workers = ocr_workers;
  return options;
}

// The engine with the built-in extractors and `ocr_workers` OCR workers. Aborts the test program
// when it cannot be made: every test that uses it would fail for the same reason.
inline const Engine& TestEngine(int ocr_workers = 2) {
  static std::mutex mutex;
  static std::map<int, std::unique_ptr<Engine>> engines;
  std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<Engine>& engine = engines[ocr_workers];
  if (!engine) {
    StatusOr<std::unique_ptr<Engine>> made = Engine::Create(TestEngineOptions(ocr_workers));
    if (!made.ok()) {
      std::fprintf(stderr, "test engine: %s\n", made.status().message().c_str());
      std::abort();
    }
    engine = std::move(made).value();
  }
  return *engine;
}

// A file read and normalized, without structure or extractors.
inline Document ExtractDocument(const std::string& path, PipelineOptions options = {}, int ocr_workers = 2) {
  options.extract = false;
  return TestEngine(ocr_workers).Process(path, options).document;
}

// A file through every stage.
inline ProcessedDocument ProcessDocument(const std::string& path, const PipelineOptions& options = {}) {
  return TestEngine().Process(path, options);
}

// A batch, collected in input order.
inline std::vector<ProcessedDocument> ExtractAll(const std::vector<std::string>& paths, const PipelineOptions& options) {
  std::vector<ProcessedDocument> results;
  const Status status = TestEngine().ProcessBatch(paths, options, [&](size_t, ProcessedDocument&& d) {
    results.push_back(std::move(d));
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return results;
}

// The record of a processed document, as `vanban extract` writes it.
inline std::string RecordOf(const ProcessedDocument& d, int indent = 2) {
  RecordOptions options;
  options.indent = indent;
  return WriteRecord(d.document, d.extracted ? &d.extraction : nullptr, options);
}

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_TEST_ENGINE_H_
