// The extraction pipeline: ingest -> normalize, for one file or a batch of files in parallel.
#ifndef VANBAN_PIPELINE_H_
#define VANBAN_PIPELINE_H_

#include <functional>
#include <string>
#include <vector>

#include "vanban/document.h"
#include "vanban/extraction.h"
#include "vanban/extractor.h"
#include "vanban/normalize.h"
#include "vanban/source.h"
#include "vanban/structure.h"

namespace vanban {

struct PipelineOptions {
  IngestOptions ingest;
  NormalizeOptions normalize;
  int jobs = 1;  // worker threads for a batch; <= 0 means the number of cores
  // Extractors to run after normalization; none when null (text only).
  const ExtractorRegistry* extractors = nullptr;
};

// A document through every stage: its text, its structure, and what the extractors found. Without
// extractors (PipelineOptions::extractors null) the structure is not analyzed and stays empty.
struct ProcessedDocument {
  Document document;
  DocumentStructure structure;
  Extraction extraction;
  bool ok() const { return document.errors.empty() && extraction.errors.empty(); }
};

// A file read and normalized (no structure, no extractors). Never throws; failures are in the
// returned Document's errors.
Document ExtractDocument(const std::string& path, const PipelineOptions& options);

// Every extractor of `registry` over one document, in registration order. An extractor that fails
// adds an error and the others still run.
Extraction RunExtractors(const Document& doc, const DocumentStructure& structure, const ExtractorRegistry& registry);

// One file through every stage. Never throws.
ProcessedDocument ProcessDocument(const std::string& path, const PipelineOptions& options);

// Called after each finished file with (files done, total, path); from worker threads, serialized.
using ProgressFn = std::function<void(size_t done, size_t total, const std::string& path)>;

// All files, `options.jobs` at a time. Results are in input order, whatever the scheduling; one
// failing file never affects another's result.
std::vector<ProcessedDocument> ExtractAll(const std::vector<std::string>& paths, const PipelineOptions& options,
                                 const ProgressFn& progress = nullptr);

}  // namespace vanban

#endif  // VANBAN_PIPELINE_H_
