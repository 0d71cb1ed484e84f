// The "tasks" extractor: the body outline items that assign work, with their heading, text, leading
// verbs, responsible units and deadline, linked parent to children. Items in parts that describe
// rather than assign (purpose, requirements, results) are not tasks; container headings (Chương,
// Mục, Roman parts) give the path but are not tasks themselves.

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "../common/plugin_util.h"
#include "../common/builtin_extractor.h"
#include "table_tasks.h"
#include "vanban/rules.h"
#include "vanban/structure.h"
#include "vanban/text.h"

namespace vanban::plugins {
namespace {

constexpr std::string_view kName = "tasks";

bool IsContainer(MarkerKind kind) {
  return kind == MarkerKind::kPart || kind == MarkerKind::kChapter || kind == MarkerKind::kSection ||
         kind == MarkerKind::kRoman;
}

class TasksExtractor : public BuiltinExtractor {
 public:
  TasksExtractor()
      : BuiltinExtractor({.name = std::string(kName),
                          .description = "tasks from the body outline: heading, text, actions, responsible units",
                          .sections = {std::string(kTasksSection)},
                          .rule_kinds = {{"task.action", {"verb"}},
                                         {"task.non_task_part", {}},
                                         {"task.unit_heading", {"unit"}},
                                         {"task.table_number", {}},
                                         {"task.table_content", {}},
                                         {"task.table_lead", {}},
                                         {"task.table_partner", {}},
                                         {"task.table_time", {}}},
                          .rule_pack = "tasks"}) {}

  Status Extract(const ExtractionInput& in, Extraction& out) const override {
    const Document& doc = in.document;
    const DocumentStructure& st = in.structure;
    const RuleSet& rules = in.rules;
    const std::vector<OutlineItem>& outline = st.outline;
    std::vector<int> task_of_item(outline.size(), -1);
    std::vector<bool> excluded(outline.size(), false);
    std::vector<std::string> unit_of_item(outline.size());
    const std::vector<int> bullet_position = BulletPositions(outline);
    for (size_t i = 0; i < outline.size(); ++i) {
      const OutlineItem& item = outline[i];
      const std::string_view t = ParagraphText(doc, item.paragraph);
      const int parent = item.parent;
      if (parent >= 0) {
        excluded[i] = excluded[static_cast<size_t>(parent)];
        unit_of_item[i] = unit_of_item[static_cast<size_t>(parent)];
      }
      if (IsContainer(item.kind)) {
        if (!rules.FindAll("task.non_task_part", t).empty()) excluded[i] = true;
        continue;
      }
      if (excluded[i]) continue;
      for (const RuleMatch& m : rules.FindAll("task.unit_heading", t)) unit_of_item[i] = Trim(Group(m, t, "unit"), " ");

      Task task;
      task.id = "t" + std::to_string(out.tasks.size() + 1);
      task.label = item.marker;
      task.path = Path(outline, bullet_position, i);
      int containers = 0;
      for (int a = parent; a >= 0; a = outline[static_cast<size_t>(a)].parent) {
        if (IsContainer(outline[static_cast<size_t>(a)].kind)) ++containers;
      }
      task.level = item.depth - containers + 1;
      task.heading = FirstSentence(t, item.marker);
      // "Điều 2." or "1.4." alone on its line, its words in the next paragraph.
      if (task.heading.empty() && item.paragraph + 1 < item.end_paragraph) {
        task.heading = FirstSentence(ParagraphText(doc, item.paragraph + 1), "");
      }
      std::string text;
      size_t end = doc.paragraphs[item.paragraph].span.end;
      for (size_t p = item.paragraph; p < item.end_paragraph; ++p) {
        if (st.roles[p] == ParagraphRole::kFootnote) continue;
        if (!text.empty()) text += " ";
        text += ParagraphText(doc, p);
        end = doc.paragraphs[p].span.end;
      }
      task.text = std::move(text);
      task.span = {doc.paragraphs[item.paragraph].span.begin, end};
      task.page = doc.paragraphs[item.paragraph].page;
      task.actions = Actions(rules, task.heading);
      if (!unit_of_item[i].empty()) task.responsible.push_back(unit_of_item[i]);
      // The nearest enclosing task is the parent.
      for (int a = parent; a >= 0; a = outline[static_cast<size_t>(a)].parent) {
        if (task_of_item[static_cast<size_t>(a)] >= 0) {
          Task& p = out.tasks[static_cast<size_t>(task_of_item[static_cast<size_t>(a)])];
          task.parent = p.id;
          p.children.push_back(task.id);
          break;
        }
      }
      task_of_item[i] = static_cast<int>(out.tasks.size());
      out.tasks.push_back(std::move(task));
    }
    const size_t outline_tasks = out.tasks.size();
    AddTableTasks(doc, st, rules, out);
    for (size_t t = outline_tasks; t < out.tasks.size(); ++t) out.tasks[t].actions = Actions(rules, out.tasks[t].heading);
    return Status::Ok();
  }

 private:
  // "II/3/a": labels of the enclosing items and the item; bullets get their position among siblings
  // (`bullet_position`, counted in one forward pass).
  static std::string Path(const std::vector<OutlineItem>& outline, const std::vector<int>& bullet_position,
                          size_t i) {
    std::vector<std::string> parts;
    for (int a = static_cast<int>(i); a >= 0; a = outline[static_cast<size_t>(a)].parent) {
      const OutlineItem& item = outline[static_cast<size_t>(a)];
      if (item.kind == MarkerKind::kDash || item.kind == MarkerKind::kPlus) {
        parts.push_back((item.kind == MarkerKind::kDash ? "-" : "+") +
                        std::to_string(bullet_position[static_cast<size_t>(a)]));
      } else {
        parts.push_back(item.label);
      }
    }
    // An attachment's items: "PL/II/1" (the first attachment), "PL2/1" (the second).
    const int part = outline[i].part;
    std::string path = part == 0 ? "" : part == 1 ? "PL" : "PL" + std::to_string(part);
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) path += (path.empty() ? "" : "/") + *it;
    return path;
  }

  static std::vector<int> BulletPositions(const std::vector<OutlineItem>& outline) {
    std::vector<int> position(outline.size(), 0);
    std::map<std::pair<int, MarkerKind>, int> seen;  // (parent, kind) -> bullets so far
    for (size_t i = 0; i < outline.size(); ++i) position[i] = ++seen[{outline[i].parent, outline[i].kind}];
    return position;
  }

  static std::vector<std::string> Actions(const RuleSet& rules, std::string_view heading) {
    // Leading verbs: those in the first dozen words of the heading.
    size_t cut = 0;
    for (int words = 0; words < 12 && cut != std::string_view::npos; ++words) cut = heading.find(' ', cut + 1);
    const std::string_view lead = heading.substr(0, cut);
    std::vector<std::string> actions;
    for (const RuleMatch& m : rules.FindAll("task.action", lead)) {
      std::string verb = LowerCase(m.GroupText(lead, "verb"));
      if (std::find(actions.begin(), actions.end(), verb) == actions.end()) actions.push_back(std::move(verb));
    }
    return actions;
  }
};

// Links each deadline to the task whose own text holds it: a task table's row, else the outline item
// (a table inside an item is part of the item's text, and its rows are nearer). A task's deadline is
// its first one (the end of a range).
class DeadlineTaskLinker final : public Linker {
 public:
  const LinkerInfo& Info() const override {
    static const LinkerInfo info{"deadline_task", "the task each deadline belongs to, and each task's deadline",
                                 {"tasks", "deadlines"}, {"deadlines.task", "tasks.deadline"}};
    return info;
  }

  void Link(const Document& /*doc*/, Extraction& out) const override {
    // Rows and outline items are each in text order, and their own spans do not overlap: find the
    // one by binary search.
    std::vector<Task*> rows, items;
    for (Task& t : out.tasks) (t.source == "table" ? rows : items).push_back(&t);
    const auto holder = [](const std::vector<Task*>& tasks, const Deadline& d) -> Task* {
      auto it = std::upper_bound(tasks.begin(), tasks.end(), d.span.begin,
                                 [](size_t off, const Task* t) { return off < t->span.begin; });
      if (it == tasks.begin() || d.span.end > (*std::prev(it))->span.end) return nullptr;
      return *std::prev(it);
    };
    std::set<const Task*> timed;  // rows whose deadline came from their time cell
    for (Deadline& d : out.deadlines) {
      Task* t = holder(rows, d);
      // A row's deadline is the first one of its time cell; other cells may name dates too.
      const bool in_time_cell = t != nullptr && !d.text.empty() && t->deadline_text &&
                                t->deadline_text->find(d.text) != std::string::npos && !timed.contains(t);
      if (t == nullptr) t = holder(items, d);
      if (t == nullptr) continue;
      d.task = t->id;
      if (!t->deadline || in_time_cell) t->deadline = d.end ? d.end : d.date;
      if (in_time_cell) timed.insert(t);
    }
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeTasksExtractor() { return std::make_unique<TasksExtractor>(); }
std::unique_ptr<Linker> MakeDeadlineTaskLinker() { return std::make_unique<DeadlineTaskLinker>(); }

}  // namespace vanban::plugins
