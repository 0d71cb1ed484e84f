// Rule packs, part 2 of 3: matching. All rules of a kind are run only where their RE2::Set fires,
// and overlapping matches are resolved in one pass.
#include <algorithm>

#include "rule_set_internal.h"
#include "vanban/rules.h"

namespace vanban {

namespace internal {

bool NextMatch(const RE2& re, std::string_view text, size_t from, re2::StringPiece* subs, int nsubs) {
  while (from <= text.size()) {
    if (!re.Match(text, from, text.size(), RE2::UNANCHORED, subs, nsubs)) return false;
    if (!subs[0].empty()) return true;
    from = static_cast<size_t>(subs[0].data() - text.data()) + 1;
    while (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
  }
  return false;
}

RuleMatch MakeMatch(const Rule& rule, std::string_view text, const re2::StringPiece* subs, int nsubs) {
  RuleMatch match;
  match.rule = &rule;
  match.begin = static_cast<size_t>(subs[0].data() - text.data());
  match.end = match.begin + subs[0].size();
  match.groups.reserve(static_cast<size_t>(nsubs - 1));
  for (int g = 1; g < nsubs; ++g) {
    if (subs[g].data() == nullptr) {
      match.groups.emplace_back(RuleMatch::kAbsent, RuleMatch::kAbsent);
    } else {
      const auto b = static_cast<size_t>(subs[g].data() - text.data());
      match.groups.emplace_back(b, b + subs[g].size());
    }
  }
  return match;
}

}  // namespace internal

using internal::MakeMatch;
using internal::NextMatch;

// ---------------------------------------------------------------------------------------------
// RuleMatch

std::optional<std::pair<size_t, size_t>> RuleMatch::Group(std::string_view name) const {
  if (rule == nullptr || name.empty()) return std::nullopt;
  const std::vector<std::string>& names = rule->group_names;
  for (size_t i = 0; i < names.size() && i < groups.size(); ++i) {
    // A name may stand in several branches of an alternation; the one that took part counts.
    if (names[i] == name && groups[i].first != kAbsent) return groups[i];
  }
  return std::nullopt;
}

std::string_view RuleMatch::GroupText(std::string_view text, std::string_view name) const {
  const std::optional<std::pair<size_t, size_t>> span = Group(name);
  if (!span || span->second > text.size()) return {};
  return text.substr(span->first, span->second - span->first);
}

// ---------------------------------------------------------------------------------------------
// RuleSet internals

const RuleSet::KindIndex* RuleSet::FindKind(std::string_view kind) const {
  const auto it = std::lower_bound(kinds_.begin(), kinds_.end(), kind,
                                   [](const KindIndex& k, std::string_view name) { return k.name < name; });
  return it != kinds_.end() && it->name == kind ? &*it : nullptr;
}

std::vector<RuleMatch> RuleSet::FindAll(std::string_view kind, std::string_view text) const {
  const KindIndex* index = FindKind(kind);
  if (index == nullptr) return {};

  std::vector<int> fired;  // stays unallocated when nothing fires
  bool run_all = index->set == nullptr;
  if (!run_all) {
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    if (!index->set->Match(text, &fired, &info)) {
      if (info.kind == RE2::Set::kNoError) return {};
      run_all = true;  // the set's DFA gave up on this text: same answer from every rule, slower
    }
  }
  if (run_all) {
    fired.resize(index->rules.size());
    for (size_t i = 0; i < fired.size(); ++i) fired[i] = static_cast<int>(i);
  }
  std::sort(fired.begin(), fired.end());  // set index order is load order

  // One cursor per fired rule holds that rule's next candidate match at or after `pos`. The best
  // candidate (earliest start, then longest, then load order) is taken from a heap; a candidate that
  // overlaps what was already taken is searched again from the end of it. Each heap operation is
  // O(log r) and yields a match or retires a candidate, so resolution is O(m log r).
  struct Cursor {
    const Rule* rule;
    const RE2* re;
    size_t begin = 0, end = 0;
    int nsubs = 1;
    size_t subs_at = 0;  // first of its nsubs slots in `subs`
  };
  std::vector<Cursor> cursors;
  cursors.reserve(fired.size());
  size_t total_subs = 0;
  for (int set_index : fired) {
    const Rule& rule = rules_[index->rules[static_cast<size_t>(set_index)]];
    Cursor cursor{&rule, &Regexp(rule)};
    cursor.nsubs = 1 + static_cast<int>(rule.group_names.size());
    cursor.subs_at = total_subs;
    total_subs += static_cast<size_t>(cursor.nsubs);
    cursors.push_back(cursor);
  }
  std::vector<re2::StringPiece> subs(total_subs);
  auto advance = [&](Cursor& c, size_t from) {
    re2::StringPiece* s = &subs[c.subs_at];
    if (!NextMatch(*c.re, text, from, s, c.nsubs)) return false;
    c.begin = static_cast<size_t>(s[0].data() - text.data());
    c.end = c.begin + s[0].size();
    return true;
  };
  auto worse = [&](size_t a, size_t b) {  // heap order: true when a comes after b
    const Cursor& x = cursors[a];
    const Cursor& y = cursors[b];
    if (x.begin != y.begin) return x.begin > y.begin;
    if (x.end != y.end) return x.end < y.end;
    return x.rule->index > y.rule->index;
  };
  std::vector<size_t> heap;
  heap.reserve(cursors.size());
  for (size_t i = 0; i < cursors.size(); ++i) {
    if (advance(cursors[i], 0)) heap.push_back(i);
  }
  std::make_heap(heap.begin(), heap.end(), worse);

  std::vector<RuleMatch> matches;
  size_t pos = 0;
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), worse);
    const size_t top = heap.back();
    heap.pop_back();
    Cursor& c = cursors[top];
    if (c.begin >= pos) {
      matches.push_back(MakeMatch(*c.rule, text, &subs[c.subs_at], c.nsubs));
      pos = c.end;
    }
    if (advance(c, pos)) {
      heap.push_back(top);
      std::push_heap(heap.begin(), heap.end(), worse);
    }
  }
  return matches;
}

std::vector<RuleMatch> RuleSet::FindAll(const Rule& rule, std::string_view text) const {
  std::vector<RuleMatch> matches;
  if (rule.index >= rules_.size() || &rules_[rule.index] != &rule) return matches;
  const int nsubs = 1 + static_cast<int>(rule.group_names.size());
  std::vector<re2::StringPiece> subs(static_cast<size_t>(nsubs));
  size_t pos = 0;
  while (NextMatch(Regexp(rule), text, pos, subs.data(), nsubs)) {
    matches.push_back(MakeMatch(rule, text, subs.data(), nsubs));
    pos = matches.back().end;
  }
  return matches;
}

const Rule* RuleSet::FindRule(std::string_view id) const {
  for (const Rule& rule : rules_) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

size_t RuleSet::CountKind(std::string_view kind) const {
  const KindIndex* index = FindKind(kind);
  return index == nullptr ? 0 : index->rules.size();
}

std::vector<std::string> RuleSet::Kinds() const {
  std::vector<std::string> kinds;
  kinds.reserve(kinds_.size());
  for (const KindIndex& index : kinds_) kinds.push_back(index.name);
  return kinds;
}

}  // namespace vanban
