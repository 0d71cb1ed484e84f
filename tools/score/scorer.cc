#include "scorer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "vanban/grammar.h"
#include "vanban/pipeline.h"
#include "vanban/text.h"

namespace vanban::score {
namespace {

using Json = nlohmann::json;

// Strings compare in matching form, white space collapsed, surrounding punctuation dropped.
std::string Key(const std::string& s) {
  std::string m = MatchForm(s);
  std::string out;
  bool space = false;
  for (char c : m) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  while (!out.empty() && std::string_view(".,;:").find(out.back()) != std::string_view::npos) out.pop_back();
  return out;
}

std::string Str(const Json& j) { return j.is_string() ? j.get<std::string>() : std::string(); }

// Each expected item matched at most once; multisets of keys.
void ScoreMultiset(FieldScore& f, const std::string& doc, std::vector<std::string> expected,
                   std::vector<std::string> found) {
  std::map<std::string, int> want;
  for (const auto& e : expected) ++want[e];
  for (const auto& g : found) {
    auto it = want.find(g);
    if (it != want.end() && it->second > 0) {
      ++f.tp;
      --it->second;
    } else {
      ++f.fp;
      f.misses.push_back(doc + ": unexpected " + g);
    }
  }
  for (const auto& [k, n] : want) {
    f.fn += n;
    for (int i = 0; i < n; ++i) f.misses.push_back(doc + ": missed " + k);
  }
}

// A single value: both null is nothing; equal is a hit; otherwise a false positive and/or a miss.
void ScoreValue(FieldScore& f, const std::string& doc, const std::optional<std::string>& expected,
                const std::optional<std::string>& found) {
  if (!expected && !found) return;
  if (expected && found && *expected == *found) {
    ++f.tp;
    return;
  }
  if (found) ++f.fp;
  if (expected) ++f.fn;
  f.misses.push_back(doc + ": expected " + expected.value_or("null") + ", got " + found.value_or("null"));
}

std::optional<std::string> OptKey(const Json& j) {
  if (!j.is_string()) return std::nullopt;
  return Key(j.get<std::string>());
}
std::optional<std::string> OptKey(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return Key(*s);
}

// The first words of a heading identify a task: printed headings run on differently in long items.
std::string HeadingKey(const std::string& heading) {
  const std::string k = Key(heading);
  size_t pos = 0;
  for (int words = 0; words < 8 && pos != std::string::npos; ++words) pos = k.find(' ', pos + 1);
  return k.substr(0, pos);
}

}  // namespace

const FieldScore* Report::Find(const std::string& field) const {
  for (const FieldScore& f : fields) {
    if (f.field == field) return &f;
  }
  return nullptr;
}

std::string Report::Table() const {
  std::ostringstream out;
  char line[160];
  std::snprintf(line, sizeof line, "%-20s %5s %5s %5s %9s %7s %6s\n", "field", "tp", "fp", "fn", "precision", "recall",
                "F1");
  out << line;
  for (const FieldScore& f : fields) {
    std::snprintf(line, sizeof line, "%-20s %5d %5d %5d %9.3f %7.3f %6.3f\n", f.field.c_str(), f.tp, f.fp, f.fn,
                  f.Precision(), f.Recall(), f.F1());
    out << line;
  }
  return out.str();
}

std::vector<std::string> GoldFiles(const std::string& root, bool seeds_only) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(root) / "corpus" / "gold")) {
    if (entry.path().extension() != ".json") continue;
    if (seeds_only) {
      std::ifstream in(entry.path());
      const Json gold = Json::parse(in, nullptr, false);
      if (gold.is_discarded() || Str(gold["document"]).find("corpus/seeds/") != 0) continue;
    }
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

StatusOr<Report> ScoreGold(const std::string& root, const std::vector<std::string>& gold_files, const Engine& engine) {
  static const char* const kFields[] = {
      "header.number", "header.date",  "header.type",  "header.issuer",    "header.place",
      "header.draft",  "header.signer", "references",  "references.type",  "references.date",
      "references.issuer", "references.role", "laws",  "dates",            "deadlines",
      "tasks.top"};
  Report report;
  std::map<std::string, FieldScore*> by_name;
  for (const char* name : kFields) report.fields.push_back({name});
  for (FieldScore& f : report.fields) by_name[f.field] = &f;
  const PipelineOptions options;
  for (const std::string& gold_path : gold_files) {
    std::ifstream in(gold_path);
    const Json gold = Json::parse(in, nullptr, false);
    if (gold.is_discarded()) return Status::Corrupt(gold_path + ": not valid JSON");
    const std::string doc_path = (std::filesystem::path(root) / Str(gold["document"])).string();
    const ProcessedDocument result = engine.Process(doc_path, options);
    if (!result.ok()) return Status::Internal(doc_path + ": extraction failed");
    const Extraction& x = result.extraction;
    const std::string name = std::filesystem::path(gold_path).stem().string();
    const Json& gh = gold["header"];
    const Header& h = x.header;
    ScoreValue(*by_name["header.number"], name, OptKey(gh["number"]), OptKey(h.number));
    ScoreValue(*by_name["header.date"], name, OptKey(gh["date"]), OptKey(h.date));
    ScoreValue(*by_name["header.type"], name, OptKey(gh["type"]), Key(h.type));
    ScoreValue(*by_name["header.issuer"], name, OptKey(gh["issuer"]), OptKey(h.issuer));
    ScoreValue(*by_name["header.place"], name, OptKey(gh["place"]), OptKey(h.place));
    ScoreValue(*by_name["header.draft"], name, gh["draft"].is_boolean() ? gh["draft"].dump() : "false",
               h.draft ? "true" : "false");
    ScoreValue(*by_name["header.signer"], name, OptKey(gh["signer"]["name"]), OptKey(h.signer.name));

    // References match by number key; their attributes are scored on the matched pairs.
    std::vector<std::string> expected, found;
    std::multimap<std::string, const Json*> gold_by_key;
    for (const Json& r : gold["references"]) {
      const std::string key = NumberKey(CanonicalNumber(Str(r["number"])));
      expected.push_back(key);
      gold_by_key.emplace(key, &r);
    }
    for (const Reference& r : x.references) found.push_back(r.number_key);
    ScoreMultiset(*by_name["references"], name, expected, found);
    for (const Reference& r : x.references) {
      auto it = gold_by_key.find(r.number_key);
      if (it == gold_by_key.end()) continue;
      const Json& g = *it->second;
      const std::string where = name + " " + r.number;
      ScoreValue(*by_name["references.type"], where, OptKey(g["type"]), Key(r.type));
      ScoreValue(*by_name["references.date"], where, OptKey(g["date"]), OptKey(r.date));
      ScoreValue(*by_name["references.issuer"], where, OptKey(g["issuer"]), OptKey(r.issuer));
      ScoreValue(*by_name["references.role"], where, OptKey(g["role"]), Key(r.role));
      gold_by_key.erase(it);
    }

    expected.clear();
    found.clear();
    for (const Json& l : gold["laws"]) expected.push_back(Key(Str(l["name"])));
    for (const LawMention& l : x.laws) found.push_back(Key(l.name));
    ScoreMultiset(*by_name["laws"], name, expected, found);

    expected.clear();
    found.clear();
    for (const Json& d : gold["dates"]) expected.push_back(Str(d["value"]));
    for (const DateMention& d : x.dates) found.push_back(d.value);
    ScoreMultiset(*by_name["dates"], name, expected, found);

    expected.clear();
    found.clear();
    for (const Json& d : gold["deadlines"]) expected.push_back(Str(d["kind"]) + " " + (d["date"].is_string() ? Str(d["date"]) : "null"));
    for (const Deadline& d : x.deadlines) found.push_back(d.kind + " " + d.date.value_or("null"));
    ScoreMultiset(*by_name["deadlines"], name, expected, found);

    expected.clear();
    found.clear();
    for (const Json& t : gold["tasks"]) expected.push_back(HeadingKey(Str(t["heading"])));
    for (const Task& t : x.tasks) {
      if (t.level == 1) found.push_back(HeadingKey(t.heading));
    }
    ScoreMultiset(*by_name["tasks.top"], name, expected, found);
  }
  return report;
}

}  // namespace vanban::score
