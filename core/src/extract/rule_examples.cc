// Rule packs, part 3 of 3: every rule's examples and counter-examples run against its pattern.
#include "rule_set_internal.h"
#include "vanban/rules.h"

namespace vanban {

namespace internal {

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace internal

using internal::MakeMatch;
using internal::NextMatch;
using internal::Quoted;

std::vector<std::string> RuleSet::CheckRule(const Rule& rule) const {
  std::vector<std::string> failures;
  const std::string where = rule.file + ":";
  const std::string label = ": rule '" + rule.id + "': ";
  if (rule.index >= rules_.size() || &rules_[rule.index] != &rule) {
    failures.push_back(where + std::to_string(rule.line) + label + "not a rule of this rule set");
    return failures;
  }
  const RE2& re = Regexp(rule);
  const int nsubs = 1 + static_cast<int>(rule.group_names.size());
  std::vector<re2::StringPiece> subs(static_cast<size_t>(nsubs));
  for (const RuleExample& example : rule.examples) {
    const std::string prefix = where + std::to_string(example.line) + label;
    if (!NextMatch(re, example.text, 0, subs.data(), nsubs)) {
      failures.push_back(prefix + "example " + Quoted(example.text) + " did not match");
      continue;
    }
    const RuleMatch match = MakeMatch(rule, example.text, subs.data(), nsubs);
    for (const auto& [group, expected] : example.groups) {
      const std::optional<std::pair<size_t, size_t>> span = match.Group(group);
      if (!span) {
        failures.push_back(prefix + "example " + Quoted(example.text) + ": group '" + group +
                           "' did not take part, expected " + Quoted(expected));
      } else if (const std::string_view actual = match.GroupText(example.text, group); actual != expected) {
        failures.push_back(prefix + "example " + Quoted(example.text) + ": group '" + group + "' is " +
                           Quoted(actual) + ", expected " + Quoted(expected));
      }
    }
  }
  for (const RuleExample& counter : rule.counter_examples) {
    if (NextMatch(re, counter.text, 0, subs.data(), nsubs)) {
      failures.push_back(where + std::to_string(counter.line) + label + "counter-example " +
                         Quoted(counter.text) + " matched " + Quoted(std::string_view(subs[0])));
    }
  }
  return failures;
}

std::vector<std::string> RuleSet::CheckExamples() const {
  std::vector<std::string> failures;
  for (const Rule& rule : rules_) {
    std::vector<std::string> more = CheckRule(rule);
    failures.insert(failures.end(), std::make_move_iterator(more.begin()),
                    std::make_move_iterator(more.end()));
  }
  return failures;
}

}  // namespace vanban
