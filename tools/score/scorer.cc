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
// A member of a gold object that may be absent (operator[] on a const object must not be asked for one).
std::string Str(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() ? Str(*it) : std::string();
}

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

// Deadlines match by kind and dates; a recurring limit by its day in the cycle.
std::string DeadlineKey(const Json& d) {
  const std::string date = Str(d, "date"), recur_at = Str(d, "recur_at");
  std::string key = Str(d, "kind") + " " + (date.empty() ? "null" : date);
  if (!recur_at.empty()) key += " every " + recur_at;
  return key;
}
std::string DeadlineKey(const Deadline& d) {
  std::string key = d.kind + " " + d.date.value_or("null");
  if (d.recur_at) key += " every " + *d.recur_at;
  return key;
}

void ScoreDocument(Json gold, const std::string& name, const Extraction& x, Report& report) {
  auto field = [&](const char* n) -> FieldScore& { return *report.Field(n); };
  auto incomplete = [&](const char* part) {
    const Json& list = gold["incomplete"];
    return list.is_array() && std::find(list.begin(), list.end(), part) != list.end();
  };
  Json& gh = gold["header"];  // non-const: absent keys read as null
  const Header& h = x.header;
  ScoreValue(field("header.number"), name, OptKey(gh["number"]), OptKey(h.number));
  // A number given where the printed one is handwritten or unreadable and it is not the right one is
  // invented: worse for an archive than none.
  FieldScore* invented = report.Field("header.number.invented");
  if (invented && h.number && OptKey(gh["number"]) != OptKey(h.number)) {
    ++invented->fp;
    invented->misses.push_back(name + ": gave " + *h.number + " for " + Str(gh["number"]) +
                              (gh["number_handwritten"] == true ? " (handwritten)" : ""));
  }
  ScoreValue(field("header.date"), name, OptKey(gh["date"]), OptKey(h.date));
  ScoreValue(field("header.type"), name, OptKey(gh["type"]), Key(h.type));
  ScoreValue(field("header.issuer"), name, OptKey(gh["issuer"]), OptKey(h.issuer));
  ScoreValue(field("header.place"), name, OptKey(gh["place"]), OptKey(h.place));
  if (report.Field("header.subject")) ScoreValue(field("header.subject"), name, OptKey(gh["subject"]), OptKey(h.subject));
  ScoreValue(field("header.draft"), name, gh["draft"].is_boolean() ? gh["draft"].dump() : "false",
             h.draft ? "true" : "false");
  ScoreValue(field("header.signer"), name, OptKey(gh["signer"]["name"]), OptKey(h.signer.name));

  std::vector<std::string> expected, found;
  if (report.Field("references")) {
    // References match by number key; their attributes are scored on the matched pairs.
    std::multimap<std::string, const Json*> gold_by_key;
    for (const Json& r : gold["references"]) {
      const std::string key = NumberKey(CanonicalNumber(Str(r["number"])));
      expected.push_back(key);
      gold_by_key.emplace(key, &r);
    }
    for (const Reference& r : x.references) found.push_back(r.number_key);
    ScoreMultiset(field("references"), name, expected, found);
    for (const Reference& r : x.references) {
      auto it = gold_by_key.find(r.number_key);
      if (it == gold_by_key.end()) continue;
      const Json& g = *it->second;
      const std::string where = name + " " + r.number;
      ScoreValue(field("references.type"), where, OptKey(g["type"]), Key(r.type));
      ScoreValue(field("references.date"), where, OptKey(g["date"]), OptKey(r.date));
      ScoreValue(field("references.issuer"), where, OptKey(g["issuer"]), OptKey(r.issuer));
      ScoreValue(field("references.role"), where, OptKey(g["role"]), Key(r.role));
      gold_by_key.erase(it);
    }

    expected.clear();
    found.clear();
    for (const Json& l : gold["laws"]) expected.push_back(Key(Str(l["name"])));
    for (const LawMention& l : x.laws) found.push_back(Key(l.name));
    ScoreMultiset(field("laws"), name, expected, found);

    expected.clear();
    found.clear();
    for (const Json& d : gold["dates"]) expected.push_back(Str(d["value"]));
    for (const DateMention& d : x.dates) found.push_back(d.value);
    ScoreMultiset(field("dates"), name, expected, found);
  }

  if (!incomplete("deadlines")) {
    expected.clear();
    found.clear();
    for (const Json& d : gold["deadlines"]) expected.push_back(DeadlineKey(d));
    for (const Deadline& d : x.deadlines) found.push_back(DeadlineKey(d));
    ScoreMultiset(field("deadlines"), name, expected, found);
  }

  if (!incomplete("tasks")) {
    expected.clear();
    found.clear();
    for (const Json& t : gold["tasks"]) expected.push_back(HeadingKey(Str(t, "heading")));
    for (const Task& t : x.tasks) {
      if (t.level == 1 && t.source == "outline") found.push_back(HeadingKey(t.heading));
    }
    ScoreMultiset(field("tasks.top"), name, expected, found);
  }

  // Rows of task tables match by the first words of their content; their lead unit and time cell
  // are scored on the matched pairs.
  if (report.Field("table_tasks") && !incomplete("table_tasks")) {
    expected.clear();
    found.clear();
    std::multimap<std::string, const Json*> gold_by_key;
    for (const Json& t : gold["table_tasks"]) {
      expected.push_back(HeadingKey(Str(t, "content")));
      gold_by_key.emplace(expected.back(), &t);
    }
    for (const Task& t : x.tasks) {
      if (t.source == "table") found.push_back(HeadingKey(t.heading));
    }
    ScoreMultiset(field("table_tasks"), name, expected, found);
    for (const Task& t : x.tasks) {
      if (t.source != "table") continue;
      auto it = gold_by_key.find(HeadingKey(t.heading));
      if (it == gold_by_key.end()) continue;
      const Json& g = *it->second;
      const std::string where = name + " " + t.path;
      const auto gold_key = [&](const char* key) {
        const std::string v = Str(g, key);  // absent or null: none expected
        return v.empty() ? std::nullopt : std::optional<std::string>(Key(v));
      };
      ScoreValue(field("table_tasks.responsible"), where, gold_key("responsible"),
                 t.responsible.empty() ? std::nullopt : std::optional<std::string>(Key(t.responsible.front())));
      ScoreValue(field("table_tasks.deadline"), where, gold_key("deadline"), OptKey(t.deadline_text));
      gold_by_key.erase(it);
    }
  }
}

// The document's first e-signature stamp against the gold's `signature` (absent: none expected).
void ScoreSignature(Json gold, const std::string& name, const Document& doc, Report& report) {
  Json& gs = gold["signature"];  // non-const: an absent key or a null signature reads as null
  const SignatureStamp* stamp = doc.signatures.empty() ? nullptr : &doc.signatures.front();
  const auto found = [&](const std::string SignatureStamp::*field) -> std::optional<std::string> {
    if (stamp == nullptr || (stamp->*field).empty()) return std::nullopt;
    return Key(stamp->*field);
  };
  ScoreValue(*report.Field("signature.signed_by"), name, OptKey(gs["signed_by"]), found(&SignatureStamp::signed_by));
  ScoreValue(*report.Field("signature.signed_at"), name, OptKey(gs["signed_at"]), found(&SignatureStamp::signed_at));
}

Status ReadGold(const std::string& gold_path, Json& gold) {
  std::ifstream in(gold_path);
  gold = Json::parse(in, nullptr, false);
  if (gold.is_discarded() || !gold.is_object()) return Status::Corrupt(gold_path + ": not valid JSON");
  return Status::Ok();
}

}  // namespace

FieldScore* Report::Field(const std::string& field) {
  for (FieldScore& f : fields) {
    if (f.field == field) return &f;
  }
  return nullptr;
}

const FieldScore* Report::Find(const std::string& field) const {
  return const_cast<Report*>(this)->Field(field);
}

void Report::Add(const Report& other) {
  for (const FieldScore& o : other.fields) {
    FieldScore* f = Field(o.field);
    if (!f) continue;
    f->tp += o.tp;
    f->fp += o.fp;
    f->fn += o.fn;
    f->misses.insert(f->misses.end(), o.misses.begin(), o.misses.end());
  }
}

std::string Report::Table() const {
  std::ostringstream out;
  char line[160];
  std::snprintf(line, sizeof line, "%-22s %5s %5s %5s %9s %7s %6s\n", "field", "tp", "fp", "fn", "precision", "recall",
                "F1");
  out << line;
  for (const FieldScore& f : fields) {
    if (f.count_only) {
      std::snprintf(line, sizeof line, "%-22s %5d (count)\n", f.field.c_str(), f.fp);
      out << line;
      continue;
    }
    std::snprintf(line, sizeof line, "%-22s %5d %5d %5d %9.3f %7.3f %6.3f\n", f.field.c_str(), f.tp, f.fp, f.fn,
                  f.Precision(), f.Recall(), f.F1());
    out << line;
  }
  return out.str();
}

Report CorpusReport() {
  Report report;
  for (const char* name : {"header.number", "header.date", "header.type", "header.issuer", "header.place",
                           "header.draft", "header.signer", "references", "references.type", "references.date",
                           "references.issuer", "references.role", "laws", "dates", "deadlines", "tasks.top"}) {
    report.fields.push_back({name});
  }
  return report;
}

Report DevsetReport() {
  Report report;
  for (const char* name : {"header.number", "header.number.invented", "header.date", "header.type", "header.issuer",
                           "header.place", "header.subject", "header.draft", "header.signer", "signature.signed_by",
                           "signature.signed_at", "deadlines", "tasks.top", "table_tasks", "table_tasks.responsible",
                           "table_tasks.deadline"}) {
    report.fields.push_back({name});
  }
  report.Field("header.number.invented")->count_only = true;
  return report;
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
  Report report = CorpusReport();
  const PipelineOptions options;
  for (const std::string& gold_path : gold_files) {
    Json gold;
    VANBAN_RETURN_IF_ERROR(ReadGold(gold_path, gold));
    const std::string doc_path = (std::filesystem::path(root) / Str(gold["document"])).string();
    const ProcessedDocument result = engine.Process(doc_path, options);
    if (!result.ok()) return Status::Internal(doc_path + ": extraction failed");
    ScoreDocument(gold, std::filesystem::path(gold_path).stem().string(), result.extraction, report);
  }
  return report;
}

StatusOr<DevsetScores> ScoreDevset(const DevsetOptions& options, const Engine& engine) {
  DevsetScores scores;
  scores.all = DevsetReport();
  std::vector<std::filesystem::path> gold_files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(options.gold_dir, ec)) {
    if (entry.path().extension() == ".json") gold_files.push_back(entry.path());
  }
  if (ec) return Status::NotFound(options.gold_dir + ": " + ec.message());
  std::sort(gold_files.begin(), gold_files.end());
  for (const auto& gold_path : gold_files) {
    Json gold;
    VANBAN_RETURN_IF_ERROR(ReadGold(gold_path.string(), gold));
    const std::string document = Str(gold["document"]);
    const std::string form = gold["form"].is_string() ? Str(gold["form"]) : "unknown";
    if (!options.filter.empty() && document.find(options.filter) == std::string::npos) continue;
    // The committed copy when there is one, else the devset folder itself.
    std::filesystem::path doc_path;
    for (const std::string& dir : options.document_dirs) {
      if (std::filesystem::is_regular_file(std::filesystem::path(dir) / document, ec)) {
        doc_path = std::filesystem::path(dir) / document;
        break;
      }
    }
    if (doc_path.empty()) {
      ++scores.skipped;
      continue;
    }
    const ProcessedDocument result = engine.Process(doc_path.string(), options.pipeline);
    auto [it, inserted] = scores.by_form.try_emplace(form, DevsetReport());
    ++scores.documents[form];
    if (!result.ok()) {
      // A document the pipeline cannot read scores as an empty extraction: every expected field a miss.
      ++scores.failed;
    }
    Report one = DevsetReport();
    ScoreDocument(gold, document, result.extraction, one);
    ScoreSignature(gold, document, result.document, one);
    it->second.Add(one);
    scores.all.Add(one);
  }
  return scores;
}

}  // namespace vanban::score
