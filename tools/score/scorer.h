// Scores extraction against gold annotations (corpus/gold/*.json, defined in corpus/README.md):
// precision, recall and F1 per field. Used by the vanban-score tool and the gold threshold test.
#ifndef VANBAN_TOOLS_SCORE_SCORER_H_
#define VANBAN_TOOLS_SCORE_SCORER_H_

#include <map>
#include <string>
#include <vector>

#include "vanban/pipeline.h"
#include "vanban/status.h"

namespace vanban::score {

struct FieldScore {
  std::string field;
  int tp = 0, fp = 0, fn = 0;
  std::vector<std::string> misses;  // "document: expected X, got Y" for inspection
  bool count_only = false;          // a count of bad outcomes (invented numbers), not a precision/recall
  // With nothing expected and nothing found the field is perfect.
  double Precision() const { return tp + fp == 0 ? 1.0 : double(tp) / (tp + fp); }
  double Recall() const { return tp + fn == 0 ? 1.0 : double(tp) / (tp + fn); }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

struct Report {
  std::vector<FieldScore> fields;
  const FieldScore* Find(const std::string& field) const;
  FieldScore* Field(const std::string& field);
  void Add(const Report& other);  // sums the counts of the fields both have
  std::string Table() const;      // one line per field: tp fp fn precision recall F1
};

// The fields scored on the corpus gold (corpus/gold) and on the development set (corpus/devset/gold).
Report CorpusReport();
Report DevsetReport();

// Runs `engine` over the document each gold file names (relative to `root`) and scores it.
StatusOr<Report> ScoreGold(const std::string& root, const std::vector<std::string>& gold_files, const Engine& engine);

struct DevsetOptions {
  std::string gold_dir;                     // corpus/devset/gold
  std::vector<std::string> document_dirs;   // searched in order for each gold file's document
  std::string filter;                       // only documents whose name contains it
  PipelineOptions pipeline;
};

// Scores per form ("markdown", "pdf_esigned", ...; see corpus/devset/README.md) and over all.
struct DevsetScores {
  std::map<std::string, Report> by_form;
  std::map<std::string, int> documents;  // per form
  Report all;
  int skipped = 0;  // gold files whose document is in none of the folders
  int failed = 0;   // documents the pipeline could not read (scored as empty)
};

StatusOr<DevsetScores> ScoreDevset(const DevsetOptions& options, const Engine& engine);

// corpus/gold/*.json under `root`, sorted; with `seeds_only`, only those whose document is a seed.
std::vector<std::string> GoldFiles(const std::string& root, bool seeds_only);

}  // namespace vanban::score

#endif  // VANBAN_TOOLS_SCORE_SCORER_H_
