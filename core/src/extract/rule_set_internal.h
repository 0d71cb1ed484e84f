// What the three parts of the rule set share: RE2 options and budgets, the per-kind index, and
// the match helpers.
#ifndef VANBAN_CORE_SRC_EXTRACT_RULE_SET_INTERNAL_H_
#define VANBAN_CORE_SRC_EXTRACT_RULE_SET_INTERNAL_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/rules.h"

namespace vanban {

namespace internal {

// Per-rule regexps get RE2's default budget: plenty for the counted repetitions and word
// alternations that rules use. A pattern needing more is refused at load time with RE2's
// "pattern too large" error rather than slowing every search down.
inline constexpr int64_t kRuleMaxMem = int64_t{8} << 20;
// One set's DFA serves every rule of a kind over every paragraph; with too little memory it would
// keep flushing its state cache on long texts and finally bail out (FindAll then runs every rule).
inline constexpr int64_t kSetMaxMem = int64_t{64} << 20;

inline RE2::Options MakeOptions(bool case_insensitive, int64_t max_mem) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_never_capture(false);
  options.set_longest_match(false);
  options.set_log_errors(false);  // errors go into the Status, not to stderr
  options.set_case_sensitive(!case_insensitive);
  options.set_max_mem(max_mem);
  return options;
}

// The first non-empty match of `re` in `text` at or after `from`; subs[0] is the whole match.
// Empty matches cover no text, so they are stepped over one UTF-8 character at a time.
bool NextMatch(const RE2& re, std::string_view text, size_t from, re2::StringPiece* subs, int nsubs);

// The match `subs` (nsubs of them) of `rule` in `text`.
RuleMatch MakeMatch(const Rule& rule, std::string_view text, const re2::StringPiece* subs, int nsubs);

// The text in double quotes, with quotes, backslashes and line breaks escaped, for messages.
std::string Quoted(std::string_view text);

}  // namespace internal

struct RuleSet::KindIndex {
  std::string name;
  std::vector<size_t> rules;      // indices into rules_, in load order
  std::unique_ptr<RE2::Set> set;  // set index i is rules[i]; nullptr: run every rule
};

}  // namespace vanban

#endif  // VANBAN_CORE_SRC_EXTRACT_RULE_SET_INTERNAL_H_
