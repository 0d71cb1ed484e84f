// The extractor registry: declarations checked, extractors ordered by their dependencies, each run
// into its own sections, link steps after them.
#include <algorithm>
#include <exception>
#include <map>
#include <new>
#include <set>

#include "vanban/extractor.h"
#include "vanban/internal/edit_distance.h"
#include "vanban/rules.h"

namespace vanban {
namespace {

bool Contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "'" : ", '") + item + "'";
  return out;
}

// Moves section `name` of `from` into `to`. Typed list sections and open sections are appended (the
// shared "findings" section has several writers); the header replaces.
void MoveSection(std::string_view name, Extraction& from, Extraction& to) {
  const auto append = [](auto& source, auto& target) {
    target.insert(target.end(), std::make_move_iterator(source.begin()), std::make_move_iterator(source.end()));
    source.clear();
  };
  if (name == kHeaderSection) {
    to.header = std::move(from.header);
  } else if (name == kReferencesSection) {
    append(from.references, to.references);
  } else if (name == kLawsSection) {
    append(from.laws, to.laws);
  } else if (name == kDatesSection) {
    append(from.dates, to.dates);
  } else if (name == kDeadlinesSection) {
    append(from.deadlines, to.deadlines);
  } else if (name == kTasksSection) {
    append(from.tasks, to.tasks);
  } else if (auto it = from.sections.find(name); it != from.sections.end()) {
    append(it->second, to.sections[std::string(name)]);
  }
}

DocumentError ExtractorError(const Document& doc, std::string_view extractor, const Status& status) {
  return {doc.source.path, 0, std::string(StatusCodeName(status.code())),
          "extractor " + std::string(extractor) + ": " + status.message()};
}

}  // namespace

ExtractorRegistry::ExtractorRegistry() : rules_(RuleSet::Empty()) {}
ExtractorRegistry::~ExtractorRegistry() = default;

const Extractor* ExtractorRegistry::Find(std::string_view name) const {
  for (const auto& e : extractors_) {
    if (e->Name() == name) return e.get();
  }
  return nullptr;
}

Status ExtractorRegistry::Add(std::unique_ptr<Extractor> extractor) {
  if (extractor == nullptr) return Status::InvalidArgument("no extractor given");
  const ExtractorInfo& info = extractor->Info();
  if (info.name.empty()) return Status::InvalidArgument("an extractor from " + info.origin + " has no name");
  if (const Extractor* taken = Find(info.name)) {
    return Status::InvalidArgument("an extractor named '" + info.name + "' is already registered (from " +
                                   taken->Origin() + ")");
  }
  for (const std::string& section : info.sections) {
    if (section.empty()) return Status::InvalidArgument("extractor '" + info.name + "' declares an empty section name");
    if (section == kPluginFindingsSection) continue;  // shared by the external plugins
    for (const auto& other : extractors_) {
      if (Contains(other->Info().sections, section)) {
        return Status::InvalidArgument("extractor '" + info.name + "' writes section '" + section +
                                       "', which extractor '" + other->Info().name + "' already writes");
      }
    }
  }
  extractors_.push_back(std::move(extractor));
  return Status::Ok();
}

Status ExtractorRegistry::AddLinker(std::unique_ptr<Linker> linker) {
  if (linker == nullptr) return Status::InvalidArgument("no link step given");
  const LinkerInfo& info = linker->Info();
  if (info.name.empty()) return Status::InvalidArgument("a link step has no name");
  for (const auto& l : linkers_) {
    if (l->Info().name == info.name) {
      return Status::InvalidArgument("a link step named '" + info.name + "' is already registered");
    }
  }
  linkers_.push_back(std::move(linker));
  return Status::Ok();
}

Status ExtractorRegistry::Prepare(std::shared_ptr<const RuleSet> rules) {
  // Order: repeatedly take the first extractor, in the order added, whose dependencies are all taken.
  for (const auto& e : extractors_) {
    for (const std::string& dependency : e->Info().after) {
      if (Find(dependency) == nullptr) {
        return Status::InvalidArgument("extractor '" + e->Info().name + "' runs after '" + dependency +
                                       "', which is not registered");
      }
    }
  }
  std::vector<std::unique_ptr<Extractor>> ordered;
  std::set<std::string, std::less<>> taken;
  while (!extractors_.empty()) {
    const auto ready = std::find_if(extractors_.begin(), extractors_.end(), [&](const auto& e) {
      return std::all_of(e->Info().after.begin(), e->Info().after.end(),
                         [&](const std::string& d) { return taken.count(d) > 0; });
    });
    if (ready == extractors_.end()) {
      std::vector<std::string> waiting;
      for (const auto& e : extractors_) waiting.push_back(e->Info().name);
      ordered.insert(ordered.end(), std::make_move_iterator(extractors_.begin()),
                     std::make_move_iterator(extractors_.end()));
      extractors_ = std::move(ordered);
      return Status::InvalidArgument("extractors " + Join(waiting) + " wait for each other in a cycle of 'after'");
    }
    taken.insert((*ready)->Info().name);
    ordered.push_back(std::move(*ready));
    extractors_.erase(ready);
  }
  extractors_ = std::move(ordered);
  for (const auto& l : linkers_) {
    for (const std::string& dependency : l->Info().after) {
      if (Find(dependency) == nullptr) {
        return Status::InvalidArgument("link step '" + l->Info().name + "' links '" + dependency +
                                       "', which is not a registered extractor");
      }
    }
  }

  // Rules: each kind must have a reader, each rule what its readers need.
  if (rules == nullptr) rules = RuleSet::Empty();
  std::map<std::string, std::vector<std::pair<const Extractor*, const RuleKindUse*>>, std::less<>> readers;
  for (const auto& e : extractors_) {
    for (const RuleKindUse& use : e->Info().rule_kinds) readers[use.kind].push_back({e.get(), &use});
  }
  std::vector<std::string_view> read_kinds;
  std::vector<std::string> read_kind_names;
  for (const auto& [kind, list] : readers) {
    read_kinds.push_back(kind);
    read_kind_names.push_back(kind);
  }
  for (const Rule& rule : rules->rules()) {
    const std::string where = rule.file + ":" + std::to_string(rule.line) + ": rule '" + rule.id + "'";
    const auto it = readers.find(rule.kind);
    if (it == readers.end()) {
      return Status::InvalidArgument(where + " has kind '" + rule.kind + "', which no extractor reads" +
                                     internal::DidYouMean(rule.kind, read_kinds) +
                                     (read_kind_names.empty() ? "" : "; kinds read: " + Join(read_kind_names)));
    }
    for (const auto& [extractor, use] : it->second) {
      for (const std::string& required : use->required_groups) {
        std::vector<std::string> alternatives;
        for (size_t start = 0;;) {
          const size_t bar = required.find('|', start);
          alternatives.push_back(required.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
          if (bar == std::string::npos) break;
          start = bar + 1;
        }
        const bool has = std::any_of(alternatives.begin(), alternatives.end(),
                                     [&](const std::string& g) { return Contains(rule.group_names, g); });
        if (!has) {
          return Status::InvalidArgument(
              where + " of kind '" + rule.kind + "' has no named group " +
              (alternatives.size() == 1 ? "'" + alternatives[0] + "'" : "among " + Join(alternatives)) +
              ", which extractor '" + extractor->Info().name + "' reads (write it as (?P<" + alternatives[0] +
              ">...))");
        }
      }
      if (Status s = extractor->CheckRule(rule); !s.ok()) {
        return Status::InvalidArgument(where + ": " + s.message());
      }
    }
  }
  rules_ = std::move(rules);
  return Status::Ok();
}

size_t ExtractorRegistry::RuleCount(const Extractor& extractor) const {
  size_t n = 0;
  for (const RuleKindUse& use : extractor.Info().rule_kinds) n += rules_->CountKind(use.kind);
  return n;
}

std::vector<std::string> ExtractorRegistry::RulePacks() const {
  std::vector<std::string> packs;
  for (const auto& e : extractors_) {
    if (!e->Info().rule_pack.empty() && !Contains(packs, e->Info().rule_pack)) packs.push_back(e->Info().rule_pack);
  }
  return packs;
}

Extraction ExtractorRegistry::Run(const Document& doc, const DocumentStructure& structure) const {
  Extraction result;
  for (const auto& e : extractors_) {
    for (const std::string& section : e->Info().sections) {
      if (!IsTypedSection(section)) result.sections[section];  // declared sections are always there
    }
  }
  for (const auto& e : extractors_) {
    const ExtractorInfo& info = e->Info();
    Extraction mine;
    Status status;
    try {
      status = e->Extract(ExtractionInput{doc, structure, *rules_, result}, mine);
    } catch (const std::bad_alloc&) {
      status = Status::ResourceExhausted("out of memory");
    } catch (const std::exception& ex) {
      status = Status::Internal(std::string("unexpected failure: ") + ex.what());
    } catch (...) {
      status = Status::Internal("unexpected failure");
    }
    result.errors.insert(result.errors.end(), mine.errors.begin(), mine.errors.end());
    if (!status.ok()) {
      result.errors.push_back(ExtractorError(doc, info.name, status));
      continue;  // what a failed extractor wrote is not trusted
    }
    for (const std::string& filled : mine.FilledSections()) {
      if (!Contains(info.sections, filled)) {
        result.errors.push_back(ExtractorError(
            doc, info.name, Status::Internal("wrote section '" + filled + "', which it does not declare; dropped")));
      }
    }
    for (const std::string& section : info.sections) MoveSection(section, mine, result);
  }
  for (const auto& l : linkers_) {
    try {
      l->Link(doc, result);
    } catch (const std::exception& ex) {
      result.errors.push_back(ExtractorError(doc, "link step " + l->Info().name,
                                             Status::Internal(std::string("unexpected failure: ") + ex.what())));
    }
  }
  return result;
}

Extraction RunExtractors(const Document& doc, const DocumentStructure& structure, const ExtractorRegistry& registry) {
  return registry.Run(doc, structure);
}

}  // namespace vanban
