// Rule packs: folders of TOML rule files, each rule an RE2 pattern with named groups, a kind (the
// extractor that uses it) and examples that double as tests. Users extend the extractors by dropping
// a folder of rule files, without recompiling. docs/rules.md is the file-format reference.
//
// Loading is strict: every problem (TOML syntax, unknown key, wrong type, duplicate id, undefined
// {{NAME}}, a pattern RE2 rejects, ...) is an InvalidArgument Status whose message starts with
// "FILE:LINE: ", so a rule author can jump straight to it.
#ifndef VANBAN_RULES_H_
#define VANBAN_RULES_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vanban/status.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace vanban {

// One entry of a rule's `examples` (must contain a match) or `counter_examples` (must not).
struct RuleExample {
  std::string text;
  // For an example written as a table: the named groups its first match must capture, with the exact
  // text expected, in file order: {{"date", "15/5/2024"}}. Always empty for counter-examples.
  std::vector<std::pair<std::string, std::string>> groups;
  int line = 0;  // line of the example in its file
};

// One rule as loaded. Plain data; the compiled pattern is owned by the RuleSet.
struct Rule {
  std::string id;              // unique across all loaded files: "date.numeric"
  std::string kind;            // which extractor uses it: "date"
  std::string pattern;         // after {{NAME}} expansion: what RE2 compiled
  std::string source_pattern;  // as written in the file
  std::string description;
  std::string file;         // the file it came from, as named when loading
  int line = 0;             // line of its [[rule]] header
  double confidence = 1.0;  // 0..1
  bool case_insensitive = false;
  std::vector<RuleExample> examples;  // at least one
  std::vector<RuleExample> counter_examples;
  // group_names[i] names capturing group i + 1; "" for an unnamed group "(...)".
  std::vector<std::string> group_names;
  size_t index = 0;  // load order: RuleSet::rules()[index] is this rule
};

// One match of one rule. Offsets are UTF-8 byte offsets into the searched text; the match does not
// own the text, so keep the text alive to read GroupText().
struct RuleMatch {
  static constexpr size_t kAbsent = static_cast<size_t>(-1);

  const Rule* rule = nullptr;  // points into the RuleSet, which must outlive the match
  size_t begin = 0;
  size_t end = 0;
  // groups[i] is the [begin, end) span of capturing group i + 1, or {kAbsent, kAbsent} when the group
  // did not take part in the match (an optional group, the other side of an alternation).
  std::vector<std::pair<size_t, size_t>> groups;

  // Span of the named group, or nullopt when the rule has no such group or it did not take part.
  // When the pattern uses the name twice (two branches of an alternation), the one that took part.
  std::optional<std::pair<size_t, size_t>> Group(std::string_view name) const;
  // Text of the named group within `text` (the text FindAll searched); "" when absent.
  std::string_view GroupText(std::string_view text, std::string_view name) const;
  // The whole match within `text`.
  std::string_view Text(std::string_view text) const { return text.substr(begin, end - begin); }
};

// Owns every rule of the loaded packs, compiled once, grouped by kind with one RE2::Set per kind as a
// prefilter (a kind of a single rule needs none). Immutable after loading; safe to share between threads
// (FindAll and CheckExamples are const and keep their state on the stack; RE2 and RE2::Set are thread-safe
// for matching).
class RuleSet {
 public:
  // Loads every *.toml file of each folder: files sorted by name (byte order), folders in the order
  // given, so definitions of earlier files are usable in later ones. Names starting with "." and
  // subfolders are skipped. A folder that does not exist is NotFound; an empty one is fine.
  static StatusOr<std::shared_ptr<const RuleSet>> LoadFolders(const std::vector<std::string>& folders);

  // One file's content, named `file_name` in messages and in Rule::file. For tests and tools.
  static StatusOr<std::shared_ptr<const RuleSet>> LoadString(std::string_view toml,
                                                             std::string_view file_name);

  // A set without rules.
  static std::shared_ptr<const RuleSet> Empty();

  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;
  ~RuleSet();

  // All matches of all rules of `kind` in `text`, non-overlapping, in text order. Overlaps are
  // resolved by earliest start, then longest match, then rule load order; a rule that lost an overlap
  // is searched again after the winner, so it can still match further on. Empty matches are never
  // reported. Only rules the kind's RE2::Set says fire are run; when nothing fires this costs one
  // pass of the set's DFA and allocates nothing per rule. An unknown kind gives no matches.
  // Offsets are bytes in `text`; pass the paragraph (or page) text the spans must refer to.
  std::vector<RuleMatch> FindAll(std::string_view kind, std::string_view text) const;

  // All non-overlapping, non-empty matches of one rule of this set, leftmost first. For tools and
  // parameterized tests; extractors use FindAll(kind, ...).
  std::vector<RuleMatch> FindAll(const Rule& rule, std::string_view text) const;

  // The rule with this id, or nullptr.
  const Rule* FindRule(std::string_view id) const;

  size_t size() const { return rules_.size(); }
  size_t CountKind(std::string_view kind) const;
  std::vector<std::string> Kinds() const;                           // sorted
  const std::vector<std::string>& files() const { return files_; }  // loaded files, in load order
  // Every rule with its examples, in load order: data for parameterized tests and `vanban rules check`.
  const std::vector<Rule>& rules() const { return rules_; }

  // Runs every example and counter-example; one message per failure, in load order:
  //   FILE:LINE: rule 'id': example "..." did not match
  //   FILE:LINE: rule 'id': counter-example "..." matched "..."
  //   FILE:LINE: rule 'id': example "...": group 'date' is "x", expected "y"
  // LINE is the example's line. Empty when every example holds.
  std::vector<std::string> CheckExamples() const;
  // The same for one rule of this set.
  std::vector<std::string> CheckRule(const Rule& rule) const;

 private:
  struct KindIndex;
  struct Loader;

  RuleSet();
  const KindIndex* FindKind(std::string_view kind) const;
  const re2::RE2& Regexp(const Rule& rule) const { return *regexps_[rule.index]; }

  std::vector<Rule> rules_;                               // load order
  std::vector<std::unique_ptr<const re2::RE2>> regexps_;  // regexps_[i] compiles rules_[i].pattern
  std::vector<KindIndex> kinds_;                          // sorted by kind name
  std::vector<std::string> files_;
};

}  // namespace vanban

#endif  // VANBAN_RULES_H_
