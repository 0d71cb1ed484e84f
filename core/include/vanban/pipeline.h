// The pipeline: file -> source -> OCR of the pages that need it -> normalization -> structure ->
// extractors, for one file or a batch of files in parallel, behind one Engine.
//
// An Engine owns everything a run needs and nothing is process-wide: the data directory (rule
// packs and OCR models), the source drivers, the extractors with their rules and external plugins,
// and the OCR worker pool. Create it once; it is thread-safe and serves any number of documents.
#ifndef VANBAN_PIPELINE_H_
#define VANBAN_PIPELINE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "vanban/document.h"
#include "vanban/extraction.h"
#include "vanban/extractor.h"
#include "vanban/normalize.h"
#include "vanban/ocr_service.h"
#include "vanban/source.h"
#include "vanban/status.h"
#include "vanban/structure.h"

namespace vanban {

struct EngineOptions {
  // Holds plugins/<name>/rules and models/. Empty: $VANBAN_DATA_DIR, else ../share/vanban next to
  // the running executable (where `cmake --install` puts it). Never the source tree.
  std::string data_dir;
  // Load the rule packs and extractors. Off for text-only work (`--text-only`, `-f text`), which
  // then needs no rule packs.
  bool extractors = true;
  // Folders of rule files loaded after the built-in packs, in order; $VANBAN_RULES_PATH's folders
  // come between the two when `use_environment` is set.
  std::vector<std::string> rule_folders;
  // External plugins: a ':'-separated folder list; empty: $VANBAN_PLUGIN_PATH when
  // `use_environment` is set.
  std::string plugin_path;
  // Read VANBAN_DATA_DIR, VANBAN_RULES_PATH and VANBAN_PLUGIN_PATH.
  bool use_environment = true;
  // OCR worker threads; 0: one per core.
  int ocr_workers = 0;
};

// How one run treats its files.
struct PipelineOptions {
  SourceOptions source;
  OcrSettings ocr;
  NormalizeOptions normalize;
  // Structure analysis and the extractors (when the Engine has them).
  bool extract = true;
  // Documents processed at once in a batch; <= 0: the number of cores.
  int jobs = 1;
  // Called after each recognized page of any document (serialized), e.g. for a progress bar.
  std::function<void()> on_ocr_page;
};

// A document through every stage: its text, its structure, and what the extractors found. Without
// extraction the structure is not analyzed and stays empty, and `extracted` is false.
struct ProcessedDocument {
  Document document;
  DocumentStructure structure;
  Extraction extraction;
  bool extracted = false;
  bool ok() const { return document.errors.empty() && extraction.errors.empty(); }
};

// Receives each result of a batch, in input order, as soon as it and every earlier one are done:
// (index in the input list, the result). From the batch's threads, one call at a time. A sink
// that returns a non-OK Status stops the batch (no further file is started) and ProcessBatch
// returns that Status.
using ResultSink = std::function<Status(size_t index, ProcessedDocument&& result)>;

// Called after each finished file with (files done, total, path); from worker threads, serialized.
using ProgressFn = std::function<void(size_t done, size_t total, const std::string& path)>;

class Engine {
 public:
  // Fails with a message naming the cause: a data directory that cannot be found or lacks a
  // built-in rule pack, a bad rule file (FILE:LINE), a rule no extractor reads or one missing a
  // group its extractor needs. External plugins that are refused are not fatal: see
  // plugin_messages().
  static StatusOr<std::unique_ptr<Engine>> Create(const EngineOptions& options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // One file ("-": standard input) through every stage. Never throws; failures are in the
  // document's and the extraction's errors.
  ProcessedDocument Process(const std::string& path, const PipelineOptions& options) const;
  // The same for bytes in memory, named `path` in the record.
  ProcessedDocument ProcessBytes(std::string bytes, const std::string& path, const PipelineOptions& options) const;
  // Structure and extractors over a document already read and normalized (a record read back).
  ProcessedDocument Extract(Document document) const;

  // All files, options.jobs at a time, each result handed to `sink` in input order as soon as it
  // and every earlier one are done. At most about 2 x jobs results are held at once, whatever the
  // number of files: workers wait rather than run far ahead of a slow file. One failing file never
  // affects another's result.
  Status ProcessBatch(const std::vector<std::string>& paths, const PipelineOptions& options, const ResultSink& sink,
                      const ProgressFn& progress = nullptr) const;

  const std::string& data_dir() const { return data_dir_; }
  const SourceRegistry& sources() const { return sources_; }
  // Empty (no extractors, no rules) when created with extractors off.
  const ExtractorRegistry& extractors() const { return extractors_; }
  bool has_extractors() const { return has_extractors_; }
  OcrService& ocr() const { return *ocr_; }
  // Rule files loaded, in load order.
  const std::vector<std::string>& rule_files() const;
  // One message per external plugin refused or plugin folder unreadable.
  const std::vector<std::string>& plugin_messages() const { return plugin_messages_; }

 private:
  Engine() = default;
  std::string data_dir_;
  SourceRegistry sources_;
  ExtractorRegistry extractors_;
  bool has_extractors_ = false;
  std::vector<std::string> plugin_messages_;
  std::unique_ptr<OcrService> ocr_;
};

// The data directory EngineOptions would use with `data_dir` empty: $VANBAN_DATA_DIR (when
// `use_environment`), else ../share/vanban beside the running executable. NotFound, saying where
// it looked, when neither holds plugins/ or models/.
StatusOr<std::string> FindDataDir(bool use_environment = true);

}  // namespace vanban

#endif  // VANBAN_PIPELINE_H_
