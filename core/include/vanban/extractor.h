// Extractors, link steps and their registry: the open extraction model.
//
// Every extractor declares what it is (ExtractorInfo): its name and version, the record sections it
// writes, the rule kinds it reads with the named groups it needs, the extractors whose sections it
// reads (they run first), and its built-in rule pack. The registry refuses what does not fit (a
// duplicate name, a section two extractors write, a dependency that does not exist or a cycle, a
// rule kind no extractor reads, a rule without a group its extractor needs), orders the extractors
// by their dependencies, and runs them: each writes only its own sections. Results that join two
// extractors' sections (the task a deadline belongs to) are made by a declared Linker afterwards,
// never by one extractor editing another's output.
//
// Extractors are stateless and const: one instance serves every thread, per-document state lives on
// the stack. Built-ins are registered explicitly (vanban/builtin_extractors.h), never by static
// initializers a linker may drop.
#ifndef VANBAN_EXTRACTOR_H_
#define VANBAN_EXTRACTOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"
#include "vanban/extraction.h"
#include "vanban/status.h"

namespace vanban {

struct DocumentStructure;
class RuleSet;
struct Rule;

// A rule kind an extractor reads.
struct RuleKindUse {
  std::string kind;  // "date"
  // Named groups every rule of the kind must define: each entry one group name, or alternatives
  // joined by '|' ("m|q": at least one of them).
  std::vector<std::string> required_groups;
};

struct ExtractorInfo {
  std::string name;         // short, unique: "dates"
  std::string version;      // "1.0.0"
  std::string description;  // one line
  std::string origin = "builtin";  // or the path of the shared library it came from
  std::vector<std::string> sections;  // record sections it writes (vanban/extraction.h)
  std::vector<RuleKindUse> rule_kinds;
  std::vector<std::string> after;  // extractors whose sections it reads
  // Its built-in rule pack, <data dir>/plugins/<rule_pack>/rules; empty for none. A missing pack is
  // an error when the rules are loaded (vanban/pipeline.h).
  std::string rule_pack;
};

// What an extractor reads.
struct ExtractionInput {
  const Document& document;
  const DocumentStructure& structure;
  const RuleSet& rules;
  const Extraction& earlier;  // the sections of the extractors that ran before it
};

class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual const ExtractorInfo& Info() const = 0;
  std::string_view Name() const { return Info().name; }
  std::string_view Version() const { return Info().version; }
  std::string_view Description() const { return Info().description; }
  const std::string& Origin() const { return Info().origin; }

  // A check of one rule of a kind it reads, beyond the required groups (the deadlines extractor
  // reads a deadline's kind from its rule's id). The message says what is wrong, without the
  // file:line, which the registry adds.
  virtual Status CheckRule(const Rule& /*rule*/) const { return Status::Ok(); }

  // Writes its sections into `out`, a fresh Extraction of which only the declared sections are
  // kept. Must not throw; a failure is returned and recorded, and the other extractors still run.
  virtual Status Extract(const ExtractionInput& input, Extraction& out) const = 0;
};

struct LinkerInfo {
  std::string name;         // "deadline_task"
  std::string description;  // one line
  std::vector<std::string> after;   // extractors whose sections it links
  std::vector<std::string> fields;  // what it sets, "section.field": "deadlines.task"
};

// Links the sections of several extractors once they have all run. Stateless and const.
class Linker {
 public:
  virtual ~Linker() = default;
  virtual const LinkerInfo& Info() const = 0;
  // Sets the declared fields of `result`, and nothing else.
  virtual void Link(const Document& doc, Extraction& result) const = 0;
};

// Owns the extractors, the link steps and the rule set they share. Filled at start-up (Add,
// AddLinker, then Prepare), then read-only and thread-safe.
class ExtractorRegistry {
 public:
  ExtractorRegistry();
  ~ExtractorRegistry();
  ExtractorRegistry(const ExtractorRegistry&) = delete;
  ExtractorRegistry& operator=(const ExtractorRegistry&) = delete;

  // InvalidArgument for an empty or taken name, or a section another extractor already writes
  // (external plugins all share "findings").
  Status Add(std::unique_ptr<Extractor> extractor);
  // InvalidArgument for an empty or taken name.
  Status AddLinker(std::unique_ptr<Linker> linker);

  // Orders the extractors by their `after` (each after the ones it names, otherwise in the order
  // added), checks the link steps' `after`, then checks `rules` against what the extractors read
  // and keeps them: every rule kind must be read by an extractor, and every rule must define its
  // extractor's required groups and pass its CheckRule. InvalidArgument for an `after` naming no
  // extractor, a cycle, or a rule that does not fit, whose message starts with its "FILE:LINE: ".
  Status Prepare(std::shared_ptr<const RuleSet> rules);

  // In run order once prepared (before: in the order added).
  const std::vector<std::unique_ptr<Extractor>>& extractors() const { return extractors_; }
  const std::vector<std::unique_ptr<Linker>>& linkers() const { return linkers_; }
  const Extractor* Find(std::string_view name) const;
  const RuleSet& rules() const { return *rules_; }
  std::shared_ptr<const RuleSet> shared_rules() const { return rules_; }
  // The rules of the kinds `extractor` reads.
  size_t RuleCount(const Extractor& extractor) const;
  // The built-in rule packs of the extractors, in run order.
  std::vector<std::string> RulePacks() const;

  // Every extractor, in run order, then every link step. An extractor that fails (or writes a
  // section it did not declare) adds an error naming it, and the others still run.
  Extraction Run(const Document& doc, const DocumentStructure& structure) const;

 private:
  std::vector<std::unique_ptr<Extractor>> extractors_;
  std::vector<std::unique_ptr<Linker>> linkers_;
  std::shared_ptr<const RuleSet> rules_;
};

// registry.Run(doc, structure).
Extraction RunExtractors(const Document& doc, const DocumentStructure& structure, const ExtractorRegistry& registry);

}  // namespace vanban

#endif  // VANBAN_EXTRACTOR_H_
