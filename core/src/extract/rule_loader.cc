// Rule packs, part 1 of 3: strict TOML loading (toml++), {{NAME}} expansion, RE2 compilation and
// the per-kind RE2::Set prefilters (rule_match.cc matches, rule_examples.cc checks the examples).
//
// toml++ may throw (its default build, and the Debian shared library, use exceptions) and the
// standard library may throw bad_alloc; both are caught here and turned into a Status, so nothing
// escapes the module.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <new>
#include <span>
#include <unordered_map>

#include "rule_set_internal.h"
#include "vanban/internal/edit_distance.h"
#include "vanban/grammar.h"
#include "vanban/internal/files.h"
#include "vanban/rules.h"

namespace vanban {

namespace {

namespace fs = std::filesystem;
using internal::DidYouMean;
using internal::kRuleMaxMem;
using internal::kSetMaxMem;
using internal::MakeOptions;
using internal::Quoted;

int LineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }
int LineOf(const toml::key& key) { return static_cast<int>(key.source().begin.line); }

Status ErrorAt(std::string_view file, int line, std::string_view message) {
  std::string text(file);
  text += ':';
  text += std::to_string(line);
  text += ": ";
  text += message;
  return Status::InvalidArgument(std::move(text));
}

std::string_view TypeName(toml::node_type type) {
  switch (type) {
    case toml::node_type::none:
      return "nothing";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
  }
  return "an unknown type";
}

// "'confidence' must be a number, not a string"
std::string WrongType(std::string_view key, std::string_view expected, const toml::node& node) {
  std::string text = "'";
  text += key;
  text += "' must be ";
  text += expected;
  text += ", not ";
  text += TypeName(node.type());
  return text;
}

bool IsIdentStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

// Definition names: what may stand between {{ and }}.
bool IsIdentifier(std::string_view s) {
  if (s.empty() || !IsIdentStart(s[0])) return false;
  return std::all_of(s.begin(), s.end(), IsIdentChar);
}

// Rule ids and kinds: used on command lines and in reports, so no spaces or punctuation beyond . _ -
bool IsRuleName(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return IsIdentChar(c) || c == '.' || c == '-'; });
}

// Byte offset of the first combining diacritic (U+0300..U+036F), or npos. vanban matches NFC text,
// where Vietnamese letters are precomposed; a pattern saved in NFD (decomposed, as some editors
// and macOS file names do) would silently never match, and its NFD examples would still pass.
size_t FindCombiningMark(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const auto next = static_cast<unsigned char>(s[i + 1]);
    if ((lead == 0xCC && next >= 0x80 && next <= 0xBF) || (lead == 0xCD && next >= 0x80 && next <= 0xAF)) {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string CombiningMarkMessage(std::string_view what, std::string_view text, size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  const auto next = static_cast<unsigned char>(text[at + 1]);
  const unsigned code = ((lead & 0x1Fu) << 6) | (next & 0x3Fu);
  char hex[8];
  std::snprintf(hex, sizeof hex, "%04X", code);
  return std::string(what) + " holds the combining mark U+" + hex +
         " (decomposed, NFD text): save the file precomposed (NFC); to match the mark itself write \\x{" +
         hex + "}";
}

constexpr std::string_view kTopLevelKeys[] = {"definitions", "rule"};
constexpr std::string_view kRuleKeys[] = {
    "id", "kind", "pattern", "confidence", "case_insensitive", "description", "examples", "counter_examples"};

std::string Join(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view word : words) {
    if (!out.empty()) out += ", ";
    out += word;
  }
  return out;
}

// A table's entries in file order (toml++ iterates tables in key order), so that the first problem
// reported is the first one in the file.
struct Entry {
  const toml::key* key;
  const toml::node* node;
};
std::vector<Entry> EntriesInFileOrder(const toml::table& table) {
  std::vector<Entry> entries;
  entries.reserve(table.size());
  for (auto&& [key, node] : table) entries.push_back({&key, &node});
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    const toml::source_position pa = a.key->source().begin, pb = b.key->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  return entries;
}

// Resolves a {{NAME}} to its expanded value, or explains why it cannot.
using Resolver = std::function<Status(std::string_view name, std::string_view* value)>;

// Replaces every {{NAME}} in `raw` (spaces allowed inside the braces) by its value. A "{{" that is
// not followed by a name is left alone, so RE2 syntax such as \{{2} still works.
Status ExpandReferences(std::string_view raw, const Resolver& resolve, std::string* out) {
  out->clear();
  size_t i = 0;
  while (true) {
    const size_t open = raw.find("{{", i);
    if (open == std::string_view::npos) {
      out->append(raw.substr(i));
      return Status::Ok();
    }
    size_t p = open + 2;
    while (p < raw.size() && raw[p] == ' ') ++p;
    if (p >= raw.size() || !IsIdentStart(raw[p])) {
      out->append(raw.substr(i, open + 1 - i));
      i = open + 1;
      continue;
    }
    const size_t name_begin = p;
    while (p < raw.size() && IsIdentChar(raw[p])) ++p;
    const std::string_view name = raw.substr(name_begin, p - name_begin);
    while (p < raw.size() && raw[p] == ' ') ++p;
    if (raw.substr(p, 2) != "}}") {
      return Status::InvalidArgument("'{{" + std::string(name) + "' is not closed by '}}'");
    }
    std::string_view value;
    VANBAN_RETURN_IF_ERROR(resolve(name, &value));
    out->append(raw.substr(i, open - i));
    out->append(value);
    i = p + 2;
  }
}

}  // namespace

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;

// Builds a RuleSet file by file. Definitions and ids are global across files; a definition is usable
// in its own file (in any order within it) and in every later file.
struct RuleSet::Loader {
  struct Definition {
    std::string value;  // expanded
    std::string file;   // empty for the grammar's
    int line = 0;
  };

  static std::map<std::string, Definition, std::less<>> GrammarDefinitionsForRules() {
    std::map<std::string, Definition, std::less<>> defs;
    for (auto& [name, pattern] : GrammarDefinitions()) defs.emplace(name, Definition{std::move(pattern), "", 0});
    return defs;
  }

  // The grammar's own definitions (vanban/grammar.h) first: every file may use them.
  std::map<std::string, Definition, std::less<>> definitions = GrammarDefinitionsForRules();
  std::unordered_map<std::string, size_t> ids;  // rule id -> index in set->rules_
  std::unique_ptr<RuleSet> set{new RuleSet()};

  Status LoadFile(std::string_view content, const std::string& file);
  Status LoadDefinitions(const toml::node& node, const std::string& file);
  Status LoadRule(const toml::table& table, const std::string& file);
  Status LoadExamples(const toml::node& node, std::string_view key, bool counter, const Rule& rule,
                      std::vector<RuleExample>* out) const;
  StatusOr<std::shared_ptr<const RuleSet>> Finish();

  // Resolver for rule patterns and the definitions of earlier files.
  Status ResolveGlobal(std::string_view name, std::string_view* value) const {
    const auto it = definitions.find(name);
    if (it == definitions.end()) {
      return Status::InvalidArgument("undefined name {{" + std::string(name) +
                                     "}} (define it under [definitions] in this file or an earlier one)");
    }
    *value = it->second.value;
    return Status::Ok();
  }
};

Status RuleSet::Loader::LoadFile(std::string_view content, const std::string& file) {
  toml::table root;
#if TOML_EXCEPTIONS
  try {
    root = toml::parse(content, std::string_view(file));
  } catch (const toml::parse_error& e) {
    const toml::source_position at = e.source().begin;
    return ErrorAt(file, static_cast<int>(at.line),
                   "TOML: " + std::string(e.description()) + " (column " + std::to_string(at.column) + ")");
  }
#else
  toml::parse_result parsed = toml::parse(content, std::string_view(file));
  if (!parsed) {
    const toml::source_position at = parsed.error().source().begin;
    return ErrorAt(
        file, static_cast<int>(at.line),
        "TOML: " + std::string(parsed.error().description()) + " (column " + std::to_string(at.column) + ")");
  }
  root = std::move(parsed).table();
#endif
  set->files_.push_back(file);

  const toml::node* rules = nullptr;
  int rules_line = 0;
  for (const Entry& entry : EntriesInFileOrder(root)) {
    const std::string_view key = entry.key->str();
    if (key == "definitions") {
      VANBAN_RETURN_IF_ERROR(LoadDefinitions(*entry.node, file));
    } else if (key == "rule") {
      rules = entry.node;
      rules_line = LineOf(*entry.key);
    } else {
      return ErrorAt(file, LineOf(*entry.key),
                     "unknown top-level key '" + std::string(key) + "'" + DidYouMean(key, kTopLevelKeys) +
                         " (allowed: " + Join(kTopLevelKeys) + ")");
    }
  }
  // Definitions first, wherever [definitions] stands in the file, so every rule of the file sees them.
  if (rules == nullptr) return Status::Ok();
  const toml::array* array = rules->as_array();
  if (array == nullptr || (!array->empty() && !array->is_array_of_tables())) {
    return ErrorAt(file, rules_line, "'rule' must be an array of tables, written [[rule]]");
  }
  for (const toml::node& element : *array) {
    VANBAN_RETURN_IF_ERROR(LoadRule(*element.as_table(), file));
  }
  return Status::Ok();
}

Status RuleSet::Loader::LoadDefinitions(const toml::node& node, const std::string& file) {
  const toml::table* table = node.as_table();
  if (table == nullptr) return ErrorAt(file, LineOf(node), WrongType("definitions", "a table", node));

  struct Local {
    std::string raw;
    int line = 0;
    enum { kTodo, kExpanding, kDone } state = kTodo;
    std::string value;
  };
  std::map<std::string, Local, std::less<>> local;
  std::vector<std::string> order;
  for (const Entry& entry : EntriesInFileOrder(*table)) {
    const std::string name(entry.key->str());
    const int line = LineOf(*entry.key);
    if (!IsIdentifier(name)) {
      return ErrorAt(file, line,
                     "definition name '" + name +
                         "' is not valid: use letters, digits and _, not starting with a digit");
    }
    const auto earlier = definitions.find(name);
    if (earlier != definitions.end()) {
      return ErrorAt(file, line,
                     "definition '" + name + "' is already defined " +
                         (earlier->second.file.empty() ? std::string("by vanban's grammar (docs/rules.md)")
                                                       : "at " + earlier->second.file + ":" +
                                                             std::to_string(earlier->second.line)));
    }
    const toml::value<std::string>* value = entry.node->as_string();
    if (value == nullptr) {
      return ErrorAt(file, line, "definition '" + name + "': " + WrongType(name, "a string", *entry.node));
    }
    const std::string& raw = value->get();
    if (const size_t at = FindCombiningMark(raw); at != std::string::npos) {
      return ErrorAt(file, line, CombiningMarkMessage("definition '" + name + "'", raw, at));
    }
    local[name] = Local{raw, line};
    order.push_back(name);
  }

  // Definitions of one file may use each other in any order (toml++ does not keep the file order of
  // a table anyway), so they are expanded depth first, with cycle detection.
  std::function<Status(const std::string&)> expand = [&](const std::string& name) -> Status {
    Local& def = local.find(name)->second;
    if (def.state == Local::kDone) return Status::Ok();
    def.state = Local::kExpanding;
    Status nested;  // an error inside a definition this one uses: already carries its FILE:LINE
    const Resolver resolve = [&](std::string_view ref, std::string_view* out) -> Status {
      const auto it = local.find(ref);
      if (it == local.end()) return ResolveGlobal(ref, out);
      if (it->second.state == Local::kExpanding) {
        return Status::InvalidArgument("{{" + std::string(ref) + "}} is circular: it refers back to itself");
      }
      nested = expand(it->first);
      if (!nested.ok()) return nested;
      *out = it->second.value;
      return Status::Ok();
    };
    std::string value;
    const Status status = ExpandReferences(def.raw, resolve, &value);
    if (!status.ok()) {
      if (!nested.ok()) return nested;
      return ErrorAt(file, def.line, "definition '" + name + "': " + status.message());
    }
    def.value = std::move(value);
    def.state = Local::kDone;
    return Status::Ok();
  };
  for (const std::string& name : order) VANBAN_RETURN_IF_ERROR(expand(name));
  for (const std::string& name : order) {
    Local& def = local.find(name)->second;
    definitions.emplace(name, Definition{std::move(def.value), file, def.line});
  }
  return Status::Ok();
}

Status RuleSet::Loader::LoadRule(const toml::table& table, const std::string& file) {
  Rule rule;
  rule.file = file;
  rule.line = LineOf(table);
  rule.index = set->rules_.size();

  // Label the messages with the id as early as possible, even before the other keys are checked.
  std::string label = "rule: ";
  if (const toml::node* id = table.get("id"); id != nullptr && id->is_string()) {
    label = "rule '" + id->as_string()->get() + "': ";
  }
  auto error = [&](int line, const std::string& message) { return ErrorAt(file, line, label + message); };

  const toml::node* examples = nullptr;
  const toml::node* counter_examples = nullptr;
  int examples_line = 0;
  int id_line = 0;
  int pattern_line = 0;
  int confidence_line = 0;
  bool has_id = false, has_kind = false, has_pattern = false;
  for (const Entry& entry : EntriesInFileOrder(table)) {
    const std::string_view key = entry.key->str();
    const toml::node& node = *entry.node;
    const int line = LineOf(*entry.key);
    if (key == "id" || key == "kind" || key == "pattern" || key == "description") {
      const toml::value<std::string>* value = node.as_string();
      if (value == nullptr) return error(line, WrongType(key, "a string", node));
      if (key == "id") {
        rule.id = value->get();
        has_id = true;
        id_line = line;
        if (!IsRuleName(rule.id)) {
          return error(line, "id " + Quoted(rule.id) + " is not valid: use letters, digits and . _ -");
        }
      } else if (key == "kind") {
        rule.kind = value->get();
        has_kind = true;
        if (!IsRuleName(rule.kind)) {
          return error(line, "kind " + Quoted(rule.kind) + " is not valid: use letters, digits and . _ -");
        }
      } else if (key == "pattern") {
        rule.source_pattern = value->get();
        has_pattern = true;
        pattern_line = line;
      } else {
        rule.description = value->get();
      }
    } else if (key == "confidence") {
      if (const auto* f = node.as_floating_point()) {
        rule.confidence = f->get();
      } else if (const auto* i = node.as_integer()) {
        rule.confidence = static_cast<double>(i->get());
      } else {
        return error(line, WrongType(key, "a number", node));
      }
      confidence_line = line;
    } else if (key == "case_insensitive") {
      const toml::value<bool>* value = node.as_boolean();
      if (value == nullptr) return error(line, WrongType(key, "a boolean (true or false)", node));
      rule.case_insensitive = value->get();
    } else if (key == "examples") {
      examples = &node;
      examples_line = line;
    } else if (key == "counter_examples") {
      counter_examples = &node;
    } else {
      return error(line, "unknown key '" + std::string(key) + "'" + DidYouMean(key, kRuleKeys) +
                             " (allowed: " + Join(kRuleKeys) + ")");
    }
  }

  if (!has_id) return error(rule.line, "missing required key 'id'");
  if (!has_kind) return error(rule.line, "missing required key 'kind'");
  if (!has_pattern) return error(rule.line, "missing required key 'pattern'");
  if (rule.source_pattern.empty()) return error(pattern_line, "'pattern' is empty");
  if (const auto it = ids.find(rule.id); it != ids.end()) {
    const Rule& first = set->rules_[it->second];
    return error(id_line, "duplicate id, first defined at " + first.file + ":" + std::to_string(first.line));
  }
  if (!(rule.confidence >= 0.0 && rule.confidence <= 1.0)) {  // also refuses NaN
    std::ostringstream value;
    value << rule.confidence;
    return error(confidence_line, "confidence " + value.str() + " is outside 0..1");
  }

  // Pattern: expand, then compile once.
  const Resolver resolve = [this](std::string_view name, std::string_view* value) {
    return ResolveGlobal(name, value);
  };
  if (const Status s = ExpandReferences(rule.source_pattern, resolve, &rule.pattern); !s.ok()) {
    return error(pattern_line, s.message());
  }
  if (const size_t at = FindCombiningMark(rule.pattern); at != std::string::npos) {
    return error(pattern_line, CombiningMarkMessage("pattern", rule.pattern, at));
  }
  auto re = std::make_unique<const RE2>(rule.pattern, MakeOptions(rule.case_insensitive, kRuleMaxMem));
  if (!re->ok()) return error(pattern_line, "RE2: " + re->error());
  rule.group_names.assign(static_cast<size_t>(re->NumberOfCapturingGroups()), std::string());
  for (const auto& [number, name] : re->CapturingGroupNames()) {
    if (name == "text") {
      return error(pattern_line, "group name 'text' is reserved (it is the text of a table example)");
    }
    rule.group_names[static_cast<size_t>(number - 1)] = name;
  }
  if (RE2::PartialMatch("", *re)) {
    return error(pattern_line, "pattern matches the empty string; a rule must match some text");
  }

  if (examples == nullptr) {
    return error(rule.line, "missing required key 'examples' (every rule needs at least one example)");
  }
  VANBAN_RETURN_IF_ERROR(LoadExamples(*examples, "examples", false, rule, &rule.examples));
  if (rule.examples.empty()) {
    return error(examples_line, "'examples' is empty (every rule needs at least one example)");
  }
  if (counter_examples != nullptr) {
    VANBAN_RETURN_IF_ERROR(
        LoadExamples(*counter_examples, "counter_examples", true, rule, &rule.counter_examples));
  }

  ids.emplace(rule.id, rule.index);
  set->rules_.push_back(std::move(rule));
  set->regexps_.push_back(std::move(re));
  return Status::Ok();
}

Status RuleSet::Loader::LoadExamples(const toml::node& node, std::string_view key, bool counter,
                                     const Rule& rule, std::vector<RuleExample>* out) const {
  const std::string label = "rule '" + rule.id + "': ";
  auto error = [&](int line, const std::string& message) {
    return ErrorAt(rule.file, line, label + message);
  };
  const toml::array* array = node.as_array();
  if (array == nullptr) return error(LineOf(node), WrongType(key, "an array", node));
  for (const toml::node& element : *array) {
    RuleExample example;
    example.line = LineOf(element);
    if (const toml::value<std::string>* text = element.as_string()) {
      example.text = text->get();
    } else if (const toml::table* table = element.as_table(); table != nullptr && !counter) {
      bool has_text = false;
      for (const Entry& entry : EntriesInFileOrder(*table)) {
        const std::string name(entry.key->str());
        const toml::value<std::string>* value = entry.node->as_string();
        if (name != "text" &&
            std::find(rule.group_names.begin(), rule.group_names.end(), name) == rule.group_names.end()) {
          std::vector<std::string_view> allowed = {"text"};
          for (const std::string& group : rule.group_names) {
            if (!group.empty() && std::find(allowed.begin(), allowed.end(), group) == allowed.end()) {
              allowed.push_back(group);
            }
          }
          return error(
              LineOf(*entry.key),
              "example: unknown key '" + name + "'" + DidYouMean(name, allowed) + " (allowed: " +
                  (allowed.size() == 1 ? "text; the pattern has no named groups"
                                       : Join(allowed) + ": the text and the pattern's named groups") +
                  ")");
        }
        if (value == nullptr) {
          return error(LineOf(*entry.key), "example: " + WrongType(name, "a string", *entry.node));
        }
        if (name == "text") {
          example.text = value->get();
          has_text = true;
        } else {
          example.groups.emplace_back(name, value->get());
        }
      }
      if (!has_text) return error(example.line, "example: missing required key 'text'");
    } else {
      return error(example.line, counter ? WrongType("counter_examples", "a list of strings", element)
                                         : WrongType("examples", "a list of strings or tables", element));
    }
    if (const size_t at = FindCombiningMark(example.text); at != std::string::npos) {
      return error(example.line,
                   CombiningMarkMessage(counter ? "counter-example" : "example", example.text, at));
    }
    out->push_back(std::move(example));
  }
  return Status::Ok();
}

StatusOr<std::shared_ptr<const RuleSet>> RuleSet::Loader::Finish() {
  std::map<std::string, std::vector<size_t>> by_kind;
  for (const Rule& rule : set->rules_) by_kind[rule.kind].push_back(rule.index);
  for (auto& [kind, indices] : by_kind) {
    KindIndex index;
    index.name = kind;
    index.rules = std::move(indices);
    // A kind of one rule needs no set: the rule's own search is as cheap a test, and a set would
    // only add a second pass when it fires. For the others, a set that cannot be built (too big for
    // its memory budget) is no error: FindAll then runs every rule of the kind, which gives the same
    // matches, only slower.
    if (index.rules.size() > 1) {
      // The set is case-sensitive; a case-insensitive rule carries its flag inside its pattern.
      auto rule_set = std::make_unique<RE2::Set>(MakeOptions(false, kSetMaxMem), RE2::UNANCHORED);
      bool added = true;
      for (size_t rule_index : index.rules) {
        const Rule& rule = set->rules_[rule_index];
        std::string error;
        added =
            added && rule_set->Add(rule.case_insensitive ? "(?i)" + rule.pattern : rule.pattern, &error) >= 0;
      }
      if (added && rule_set->Compile()) index.set = std::move(rule_set);
    }
    set->kinds_.push_back(std::move(index));
  }
  std::shared_ptr<const RuleSet> result(set.release());
  return result;
}

// ---------------------------------------------------------------------------------------------
// RuleSet

std::shared_ptr<const RuleSet> RuleSet::Empty() {
  static const std::shared_ptr<const RuleSet> empty(new RuleSet());
  return empty;
}

StatusOr<std::shared_ptr<const RuleSet>> RuleSet::LoadString(std::string_view toml,
                                                             std::string_view file_name) {
  try {
    Loader loader;
    VANBAN_RETURN_IF_ERROR(loader.LoadFile(toml, std::string(file_name)));
    return loader.Finish();
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted(std::string(file_name) + ": out of memory loading rules");
  } catch (const std::exception& e) {
    return Status::Internal(std::string(file_name) + ": loading rules: " + e.what());
  }
}

StatusOr<std::shared_ptr<const RuleSet>> RuleSet::LoadFolders(const std::vector<std::string>& folders) {
  try {
    Loader loader;
    for (const std::string& folder : folders) {
      const fs::path dir(folder);
      std::error_code ec;
      const fs::file_status status = fs::status(dir, ec);
      if (status.type() == fs::file_type::not_found) {
        return Status::NotFound(folder + ": rule folder does not exist");
      }
      if (ec) return Status::IoError(folder + ": " + ec.message());
      if (!fs::is_directory(status)) return Status::InvalidArgument(folder + ": not a folder");

      std::vector<std::string> names;
      fs::directory_iterator it(dir, ec);
      if (ec) return Status::IoError(folder + ": " + ec.message());
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) return Status::IoError(folder + ": " + ec.message());
        const std::string name = it->path().filename().string();
        // Hidden files are editor and VCS leftovers (.#dates.toml), not rules.
        if (name.empty() || name[0] == '.' || it->path().extension() != ".toml") continue;
        std::error_code type_ec;
        if (!fs::is_regular_file(it->status(type_ec))) continue;  // follows symlinks
        names.push_back(name);
      }
      if (ec) return Status::IoError(folder + ": " + ec.message());
      std::sort(names.begin(), names.end());
      for (const std::string& name : names) {
        const std::string path = (dir / name).string();
        StatusOr<std::string> content = internal::ReadFileBytes(path);
        if (!content.ok()) return Status(content.status().code(), path + ": cannot read rule file: " + content.status().message());
        VANBAN_RETURN_IF_ERROR(loader.LoadFile(*content, path));
      }
    }
    return loader.Finish();
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory loading rules");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("loading rules: ") + e.what());
  }
}

}  // namespace vanban
