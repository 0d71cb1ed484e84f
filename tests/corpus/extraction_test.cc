// The extractors on the gold corpus (thresholds), every built-in rule example as a test, rule packs
// dropped into folders, plugins listed by the CLI, and extractor behaviour on bad inputs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <cstdlib>

#include "../unit/test_engine.h"
#include "../unit/test_files.h"
#include "scorer.h"
#include "tools.h"
#include "vanban/pipeline.h"
#include "vanban/rules.h"
#include "vanban/record.h"
#include "vanban/text.h"

namespace vanban {
namespace {

using testing::RunCommand;
using testing::ShellQuote;
using testing::SourceDir;
using testing::TempFiles;
using testing::VanbanCli;

using testing::TestEngine;

ProcessedDocument ProcessText(const std::string& text, Origin origin = Origin::kPlainText) {
  Document doc;
  doc.source.path = "<memory>";
  EXPECT_TRUE(IngestText(text, doc).ok());
  for (Page& page : doc.pages) page.origin = origin;  // kOcr: as if OCR had read the text
  return TestEngine().Extract(Normalize(std::move(doc)));
}

// ---- gold corpus -------------------------------------------------------------------------

TEST(GoldSet, FieldScoresMeetThresholds) {
  const auto all = score::ScoreGold(SourceDir(), score::GoldFiles(SourceDir(), false), TestEngine());
  ASSERT_TRUE(all.ok()) << all.status().message();
  std::printf("[ GOLD     ] all %zu gold documents\n%s", score::GoldFiles(SourceDir(), false).size(),
              all->Table().c_str());
  const auto f1 = [&](const score::Report& r, const char* field) { return r.Find(field)->F1(); };
  // A floor for every scored field, a little under what the extractors reach today (the table this
  // test prints; docs/benchmarks.md): an extractor that stops finding a field fails here, not only
  // in goldens.
  const std::map<std::string, double> floors = {
      {"header.number", 0.9},  {"header.date", 0.9},        {"header.type", 0.9},       {"header.issuer", 0.95},
      {"header.place", 0.9},   {"header.draft", 0.95},      {"header.signer", 0.9},     {"references", 0.95},
      {"references.type", 0.95}, {"references.date", 0.97}, {"references.issuer", 0.93}, {"references.role", 0.95},
      {"laws", 0.97},          {"dates", 0.97},             {"deadlines", 0.97},        {"tasks.top", 0.97}};
  for (const score::FieldScore& field : all->fields) {
    const auto floor = floors.find(field.field);
    if (floor == floors.end()) {
      ADD_FAILURE() << "no floor for scored field " << field.field;
      continue;
    }
    EXPECT_GE(field.F1(), floor->second) << field.field;
  }
  EXPECT_EQ(all->fields.size(), floors.size());

  const auto seeds = score::ScoreGold(SourceDir(), score::GoldFiles(SourceDir(), true), TestEngine());
  ASSERT_TRUE(seeds.ok());
  std::printf("[ GOLD     ] the five seeds\n%s", seeds->Table().c_str());
  for (const char* field : {"header.number", "header.date", "header.type", "header.issuer"}) {
    EXPECT_EQ(f1(*seeds, field), 1.0) << field;
    for (const std::string& miss : seeds->Find(field)->misses) ADD_FAILURE() << field << ": " << miss;
  }
}

// ---- development set of real documents ------------------------------------------------------

// The real documents of corpus/devset (web copies as markdown and text, committed in
// corpus/devset/text) against gold written by reading them: the header fields must survive the
// layouts real copies have. Floors a little under today's scores (docs/benchmarks.md); the scans
// of the set are scored by `vanban-score --devset ../shared/devset`, outside the suite.
TEST(DevSet, RealTextHeadersMeetThresholds) {
  score::DevsetOptions options;
  options.gold_dir = SourceDir() + "/corpus/devset/gold";
  options.document_dirs = {SourceDir() + "/corpus/devset/text"};
  const auto scores = score::ScoreDevset(options, TestEngine());
  ASSERT_TRUE(scores.ok()) << scores.status().message();
  std::printf("[ DEVSET   ] real texts\n%s", scores->all.Table().c_str());
  int documents = 0;
  for (const auto& [form, n] : scores->documents) documents += n;
  EXPECT_GE(documents, 46);
  EXPECT_EQ(scores->failed, 0);
  const std::map<std::string, double> floors = {
      {"header.number", 0.95}, {"header.date", 0.95},  {"header.type", 0.95},   {"header.issuer", 0.88},
      {"header.place", 0.95},  {"header.subject", 0.8}, {"header.signer", 0.92}, {"header.draft", 0.95},
      // Deadlines measured 0.867; tasks.top 0.751, under the goal (0.85): floors that catch a slide back.
      {"deadlines", 0.83},     {"tasks.top", 0.72},
      // Rows of the task tables of three plans (pipe rows and cell-per-line web copies), measured
      // 0.946, with their lead unit 0.984 and time cell 1.000.
      {"table_tasks", 0.9},    {"table_tasks.responsible", 0.9}, {"table_tasks.deadline", 0.9}};
  for (const auto& [field, floor] : floors) EXPECT_GE(scores->all.Find(field)->F1(), floor) << field;
  // A number given is the printed one: never another.
  EXPECT_EQ(scores->all.Find("header.number.invented")->fp, 0);
}

// ---- task tables -----------------------------------------------------------------------------

// A plan whose tasks are a table: a header row, a row that names the sub-columns of the units and
// of the levels a time is given for, group rows, and a row under a lead unit merged over two rows.
std::string PlanWithATaskTable(bool with_second_task = true) {
  std::string text =
      "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 45/KH-UBND\nTuyên Quang, ngày 10 tháng 01 năm 2024\n"
      "KẾ HOẠCH\nThực hiện chuyển đổi số năm 2024\n\n"
      "I. MỤC ĐÍCH, YÊU CẦU\n\nBảo đảm tiến độ.\n\n"
      "II. NHIỆM VỤ\n\n"
      "| STT | Nội dung công việc | Đơn vị thực hiện |  | Thời gian hoàn thành |  | Ghi chú |\n"
      "| --- | --- | --- | --- | --- | --- | --- |\n"
      "|  |  | Chủ trì | Phối hợp | Cấp huyện | Cấp tỉnh |  |\n"
      "| I | Hoàn thiện thể chế |  |  |  |  |  |\n"
      "| 1 | Rà soát quy chế quản lý dữ liệu. Cập nhật hằng năm | Sở Tư pháp | Các sở, ngành | Tháng 3/2024 | Tháng 4/2024 | ngày 01/02/2024 |\n";
  if (with_second_task) {
    text += "| 2 | Ban hành danh mục dữ liệu mở | Sở Khoa học và Công nghệ | Văn phòng UBND tỉnh |  | Quý II/2024 |  |\n";
  }
  text +=
      "| II | Đào tạo |  |  |  |  |  |\n"
      "| 1 | Tập huấn kỹ năng số cho cán bộ | Sở Nội vụ | UBND các huyện | Thường xuyên |  |  |\n\n"
      "III. TỔ CHỨC THỰC HIỆN\n\nCác đơn vị triển khai thực hiện./.\n";
  return text;
}

std::vector<const Task*> TableTasks(const Extraction& x) {
  std::vector<const Task*> rows;
  for (const Task& t : x.tasks) {
    if (t.source == "table") rows.push_back(&t);
  }
  return rows;
}

TEST(TableTasks, RowsOfAPlanTableAreTasksWithTheirUnitsAndTimes) {
  const ProcessedDocument r = ProcessText(PlanWithATaskTable());
  ASSERT_EQ(r.document.tables.size(), 1u);
  const std::vector<const Task*> rows = TableTasks(r.extraction);
  ASSERT_EQ(rows.size(), 3u);  // not the header rows, not the group rows
  const Task& first = *rows[0];
  EXPECT_EQ(first.path, "T1/I/1");
  EXPECT_EQ(first.heading, "Rà soát quy chế quản lý dữ liệu");
  EXPECT_EQ(first.responsible, std::vector<std::string>{"Sở Tư pháp"});
  EXPECT_EQ(first.coordinating, std::vector<std::string>{"Các sở, ngành"});
  // The time of the last level given; the date in the notes column is not the deadline.
  EXPECT_EQ(first.deadline_text.value_or(""), "Tháng 4/2024");
  EXPECT_EQ(first.deadline.value_or(""), "2024-04");
  EXPECT_EQ(rows[1]->path, "T1/I/2");
  EXPECT_EQ(rows[1]->deadline.value_or(""), "2024-Q2");
  EXPECT_EQ(rows[2]->path, "T1/II/1");
  EXPECT_EQ(rows[2]->deadline_text.value_or(""), "Thường xuyên");
  EXPECT_FALSE(rows[2]->deadline.has_value());
  EXPECT_EQ(rows[2]->actions, std::vector<std::string>{"tập huấn"});
  // Rows are tasks of their own, not top-level outline items; the outline keeps its parts.
  for (const Task& t : r.extraction.tasks) {
    if (t.source == "outline") EXPECT_EQ(t.heading.find("Rà soát"), std::string::npos) << t.heading;
  }
}

TEST(TableTasks, ARowTakenOutOfThePlanIsATaskLess) {
  // Mutation: the plan without its second row has that task no more, and the others unchanged.
  const ProcessedDocument whole = ProcessText(PlanWithATaskTable(true));
  const std::vector<const Task*> full = TableTasks(whole.extraction);
  const ProcessedDocument cut = ProcessText(PlanWithATaskTable(false));
  const std::vector<const Task*> rows = TableTasks(cut.extraction);
  ASSERT_EQ(full.size(), 3u);
  ASSERT_EQ(rows.size(), 2u);
  for (const Task* t : rows) EXPECT_NE(t->heading, "Ban hành danh mục dữ liệu mở");
  EXPECT_EQ(rows[0]->heading, full[0]->heading);
  EXPECT_EQ(rows[1]->heading, full[2]->heading);
}

TEST(TableTasks, TablesOfTargetsOrSignaturesAreNotTaskTables) {
  const ProcessedDocument r = ProcessText(
      "KẾ HOẠCH\nThực hiện năm 2024\n\n"
      "| TT | Chỉ tiêu | Đơn vị | Cơ quan chủ trì theo dõi |\n"
      "| 1 | Tỷ lệ thu gom chất thải | % | Sở Tài nguyên và Môi trường |\n\n"
      "| Nơi nhận: - Như trên; | KT. CHỦ TỊCH PHÓ CHỦ TỊCH |\n");
  EXPECT_EQ(r.document.tables.size(), 2u);
  EXPECT_TRUE(TableTasks(r.extraction).empty());
}

TEST(TableTasks, MonthsOfTimeCellsAndSchedulesAreDated) {
  const ProcessedDocument r = ProcessText(
      "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\nSố: 235/KH-UBND\nThanh Hóa, ngày 10 tháng 01 năm 2024\n"
      "KẾ HOẠCH\nQuan trắc môi trường năm 2024\n\n"
      "1. Quan trắc định kỳ từ tháng 3 đến tháng 10 năm 2026, lấy mẫu tháng 4 và tháng 8 năm 2026.\n\n"
      "| STT | Tên đề án | Thời gian trình |\n"
      "| 1 | Đề án kiểm kê đất đai | Tháng 3 |\n"
      "| 2 | Đề án bảo tồn | Quý III Năm 2026 |\n");
  std::map<std::string, std::string> found;  // text -> "kind date end"
  for (const Deadline& d : r.extraction.deadlines) found[d.text] = d.kind + " " + d.date.value_or("-") + " " + d.end.value_or("-");
  EXPECT_EQ(found["từ tháng 3 đến tháng 10 năm 2026"], "range 2026-03 2026-10");
  EXPECT_EQ(found["tháng 4 và tháng 8 năm 2026"], "month 2026-04 2026-08");
  // A month without its year is in the document's year; "Năm" in capitals still gives the year.
  EXPECT_EQ(found["Tháng 3"], "month 2024-03 -");
  EXPECT_EQ(found["Quý III Năm 2026"], "quarter 2026-Q3 -");
  const std::vector<const Task*> rows = TableTasks(r.extraction);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]->deadline.value_or(""), "2024-03");
  EXPECT_EQ(rows[1]->deadline.value_or(""), "2026-Q3");
}

TEST(TableTasks, CellsOfADataTableAreNotOutlineItemsButALayoutTableKeepsItsOutline) {
  // A web copy's table, one cell per line: its "- Cục …" cells are a cell's list, not bullets.
  const ProcessedDocument data = ProcessText(
      "**KẾ HOẠCH**\n\n**Thực hiện năm 2024**\n\n1. Tổ chức thực hiện các nhiệm vụ sau.\n\n"
      "|\nTT\n|\nNội dung\n|\nĐơn vị chủ trì\n|\n"
      "|\n1\n|\nXây dựng Luật Địa chất\n|\n- Cục Khoáng sản;\n- Cục Địa chất\n|\n"
      "|\n2\n|\nSửa đổi Nghị định\n|\n- Vụ Đất đai\n|\n\nNơi nhận:\n");
  int outline = 0;
  for (const Task& t : data.extraction.tasks) {
    if (t.source != "outline") continue;
    ++outline;
    EXPECT_EQ(t.heading.find("Cục"), std::string::npos) << t.heading;
  }
  EXPECT_EQ(outline, 1);
  ASSERT_EQ(TableTasks(data.extraction).size(), 2u);
  EXPECT_EQ(TableTasks(data.extraction)[0]->responsible, std::vector<std::string>{"- Cục Khoáng sản; - Cục Địa chất"});

  // A portal page that holds the whole document in one cell of its layout table.
  std::string page = "**Văn bản**\n\n|\nSố hiệu:\n|\n12/KH-UBND\n|\nLoại:\n|\n";
  for (int k = 1; k <= 10; ++k) page += std::to_string(k) + ". Triển khai nhiệm vụ số " + std::to_string(k) + ".\n";
  page += "|\n|\nNgày:\n|\n01/02/2024\n|\nTình trạng:\n|\n\n";
  const ProcessedDocument layout = ProcessText(page);
  int items = 0;
  for (const Task& t : layout.extraction.tasks) items += t.source == "outline" && t.level == 1;
  EXPECT_EQ(items, 10);
}

TEST(Tasks, AnArticleWhoseWordsAreOnTheNextLineHasItsHeading) {
  const ProcessedDocument r = ProcessText(
      "QUYẾT ĐỊNH\nVề việc ban hành Chương trình hành động\n\nQUYẾT ĐỊNH:\n\nĐiều 1.\n\n"
      "Ban hành kèm theo Quyết định này Chương trình hành động.\n\nĐiều 2.\n\nGiám đốc Sở Lao động chịu trách nhiệm thi hành.\n");
  std::vector<std::string> headings;
  for (const Task& t : r.extraction.tasks) headings.push_back(t.heading);
  EXPECT_EQ(headings, (std::vector<std::string>{"Ban hành kèm theo Quyết định này Chương trình hành động",
                                                "Giám đốc Sở Lao động chịu trách nhiệm thi hành"}));
}

// ---- rule packs --------------------------------------------------------------------------

class BuiltinRule : public ::testing::TestWithParam<std::string> {};

// The parameterized suite below runs over the rules the engine loaded; this test makes sure that is
// every built-in pack, each with rules of every kind its extractor reads.
TEST(BuiltinRules, EveryPackIsLoadedWithRulesOfEveryKindItsExtractorReads) {
  const ExtractorRegistry& registry = TestEngine().extractors();
  ASSERT_GE(registry.RulePacks().size(), 5u);
  for (const std::string& pack : registry.RulePacks()) {
    const std::string folder = "/plugins/" + pack + "/rules/";
    EXPECT_TRUE(std::any_of(TestEngine().rule_files().begin(), TestEngine().rule_files().end(),
                            [&](const std::string& f) { return f.find(folder) != std::string::npos; }))
        << "no rule file of pack " << pack;
  }
  for (const auto& e : registry.extractors()) {
    for (const RuleKindUse& use : e->Info().rule_kinds) {
      EXPECT_GT(registry.rules().CountKind(use.kind), 0u) << e->Info().name << " reads kind " << use.kind;
    }
  }
}

TEST_P(BuiltinRule, ExamplesMatchAndCounterExamplesDoNot) {
  const RuleSet& rules = TestEngine().extractors().rules();
  const Rule* rule = rules.FindRule(GetParam());
  ASSERT_NE(rule, nullptr);
  for (const std::string& failure : rules.CheckRule(*rule)) ADD_FAILURE() << failure;
}

std::vector<std::string> BuiltinRuleIds() {
  std::vector<std::string> ids;
  for (const Rule& r : TestEngine().extractors().rules().rules()) ids.push_back(r.id);
  return ids;
}

INSTANTIATE_TEST_SUITE_P(Packs, BuiltinRule, ::testing::ValuesIn(BuiltinRuleIds()), [](const auto& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = 'X';
  }
  return name;
});

constexpr char kContractPack[] = R"(
[[rule]]
id = "custom.contract"
kind = "reference"
pattern = '(?P<type>Hợp đồng)\s+số\s+(?P<number>HĐ\d{4}-\d{3})'
examples = [{ text = "theo Hợp đồng số HĐ2024-017 đã ký", number = "HĐ2024-017" }]
)";

TEST(RulePack, DroppedIntoAFolderIsUsedWithoutRecompiling) {
  TempFiles files;
  std::filesystem::create_directories(files.Path("pack"));
  files.Write("pack/contracts.toml", kContractPack);
  const std::string doc = files.Write("doc.txt", "Căn cứ Hợp đồng số HĐ2024-017 ngày 02/01/2024 của Sở Tài chính, đề nghị thanh toán.\n");
  for (const std::string& how : {"--rules " + ShellQuote(files.Path("pack")) + " ",
                                 std::string()}) {
    const std::string env = how.empty() ? "VANBAN_RULES_PATH=" + ShellQuote(files.Path("pack")) + " " : "";
    const auto r = RunCommand(env + ShellQuote(VanbanCli()) + " extract -q " + how + ShellQuote(doc));
    ASSERT_EQ(r.exit_code, 0) << how;
    const auto record = nlohmann::json::parse(r.out);
    ASSERT_EQ(record["references"].size(), 1u) << r.out;
    EXPECT_EQ(record["references"][0]["number"], "HĐ2024-017");
    EXPECT_EQ(record["references"][0]["date"], "2024-01-02");
    EXPECT_EQ(record["references"][0]["role"], "basis");
  }
}

TEST(RulePack, BrokenPatternStopsWithFileAndLine) {
  TempFiles files;
  std::filesystem::create_directories(files.Path("bad"));
  const std::string file = files.Write("bad/broken.toml",
                                       "[[rule]]\nid = \"x.broken\"\nkind = \"reference\"\npattern = '(?P<n>\\d+'\n"
                                       "examples = [\"12\"]\n");
  const auto r = RunCommand(ShellQuote(VanbanCli()) + " extract --rules " + ShellQuote(files.Path("bad")) + " " +
                            ShellQuote(SourceDir() + "/corpus/seeds/000_52fa74754233632c.txt") + " 2>&1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find(file + ":4: rule 'x.broken'"), std::string::npos) << r.out;  // the pattern's line
  EXPECT_NE(r.out.find("missing )"), std::string::npos) << r.out;  // RE2's own message
}

TEST(RulePack, RulesCheckCommandRunsEveryExample) {
  const auto ok = RunCommand(ShellQuote(VanbanCli()) + " rules check");
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_NE(ok.out.find(", 0 failures"), std::string::npos) << ok.out;
  TempFiles files;
  std::filesystem::create_directories(files.Path("pack"));
  files.Write("pack/wrong.toml",
              "[[rule]]\nid = \"x.wrong\"\nkind = \"date\"\npattern = 'ngày (?P<d>\\d+)/(?P<m>\\d+)'\n"
              "examples = [{ text = \"ngày 5/3\", d = \"6\" }]\n");
  const auto bad = RunCommand(ShellQuote(VanbanCli()) + " rules check --rules " + ShellQuote(files.Path("pack")) + " 2>&1");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("wrong.toml:"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("group 'd'"), std::string::npos) << bad.out;
}

// ---- plugins through the CLI ----------------------------------------------------------------

TEST(PluginsCommand, ListsBuiltinsAndExternalPlugins) {
  const auto r = RunCommand("VANBAN_PLUGIN_PATH=" + ShellQuote(VANBAN_PLUGIN_DIR) + " " + ShellQuote(VanbanCli()) +
                            " plugins");
  ASSERT_EQ(r.exit_code, 0);
  for (const char* name : {"header", "references", "dates", "deadlines", "tasks", "contacts"}) {
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
  }
  EXPECT_NE(r.out.find("libvanban_contacts.so"), std::string::npos) << r.out;
}

TEST(PluginsCommand, WrongAbiIsRefusedWithAMessage) {
  const auto r = RunCommand("VANBAN_PLUGIN_PATH=" + ShellQuote(VANBAN_BADABI_PLUGIN_DIR) + " " +
                            ShellQuote(VanbanCli()) + " plugins 2>&1");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("plugin ABI 999"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("contacts "), std::string::npos) << r.out;
}

TEST(PluginsCommand, ExternalFindingsReachTheRecord) {
  TempFiles files;
  const std::string doc = files.Write("c.txt", "Liên hệ: phongbaovetreemtq@gmail.com, điện thoại 0912 345 678.\n");
  const auto r = RunCommand("VANBAN_PLUGIN_PATH=" + ShellQuote(VANBAN_PLUGIN_DIR) + " " + ShellQuote(VanbanCli()) +
                            " extract -q " + ShellQuote(doc));
  ASSERT_EQ(r.exit_code, 0);
  const auto record = nlohmann::json::parse(r.out);
  ASSERT_EQ(record["findings"].size(), 2u) << r.out;
  EXPECT_EQ(record["findings"][0]["value"], "phongbaovetreemtq@gmail.com");
  EXPECT_EQ(record["findings"][1]["value"], "0912345678");
}

// An alias used in curly quotes, after a dash or before a comma stands for the document; inside a
// longer word ("QĐ22a", "xQĐ22") it does not.
TEST(References, AliasUsesNextToPunctuationAreResolved) {
  const ProcessedDocument r = ProcessText(
      "Căn cứ Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ (sau đây gọi tắt là QĐ22);\n"
      "\n"
      "1. Rà soát các đối tượng theo “QĐ22” và báo cáo kết quả.\n"
      "2. Tổng hợp danh sách–QĐ22, gửi Sở trước ngày 15/5/2024.\n"
      "3. Không áp dụng mẫu QĐ22a và xQĐ22.\n");
  size_t alias_uses = 0;
  for (const Reference& ref : r.extraction.references) {
    if (ref.text == "QĐ22") {
      ++alias_uses;
      EXPECT_EQ(ref.number, "22/2013/QĐ-TTg");
    }
  }
  EXPECT_EQ(alias_uses, 2u);
}

// "của" followed by more text than any body's name before a stop: no issuer, rather than a name
// cut at a byte limit (which could split a letter).
TEST(References, OverlongIssuerIsNotCut) {
  std::string tail;
  while (tail.size() < 200) tail += "Ủy ban nhân dân xã Hòa Phú huyện Đông Hòa ";
  const ProcessedDocument r = ProcessText("Thực hiện Công văn số 12/UBND ngày 01/02/2024 của " + tail + "\n");
  ASSERT_EQ(r.extraction.references.size(), 1u);
  EXPECT_FALSE(r.extraction.references[0].issuer.has_value()) << *r.extraction.references[0].issuer;

  const ProcessedDocument named = ProcessText("Thực hiện Công văn số 12/UBND ngày 01/02/2024 của Ủy ban nhân dân tỉnh, "
                                              "Phòng báo cáo như sau.\n");
  ASSERT_EQ(named.extraction.references.size(), 1u);
  EXPECT_EQ(named.extraction.references[0].issuer.value_or(""), "Ủy ban nhân dân tỉnh");
}

// ---- bad inputs for the extractors ------------------------------------------------------------

TEST(ExtractBadInput, EmptyDocument) {
  const ProcessedDocument r = ProcessText("");
  EXPECT_TRUE(r.extraction.errors.empty());
  EXPECT_EQ(r.extraction.header.type, "other");
  EXPECT_TRUE(r.extraction.references.empty());
  EXPECT_TRUE(r.extraction.tasks.empty());
}

TEST(ExtractBadInput, TenMegabyteSingleLine) {
  std::string line;
  const std::string unit = "Thực hiện Kế hoạch số 72/KH-UBND ngày 13/3/2020 của UBND tỉnh, báo cáo trước ngày 15/5/2024; ";
  while (line.size() < (10u << 20)) line += unit;
  const ProcessedDocument r = ProcessText(line);
  EXPECT_TRUE(r.extraction.errors.empty());
  const size_t units = line.size() / unit.size();
  EXPECT_EQ(r.extraction.references.size(), units);
  EXPECT_EQ(r.extraction.deadlines.size(), units);
  EXPECT_EQ(r.document.paragraphs.size(), 1u);
}

// OCR garbage from ink and specks: characters sharing lead bytes with the "–" and "•" that list
// entries are trimmed of ("„" U+201E, "‚" U+201A, "†" U+2020) at the ends of entries and lines.
// Every extracted string stays valid UTF-8, so the record can be written.
TEST(ExtractBadInput, OcrGarbageAtListEntryEnds) {
  const std::string text =
      "Nơi nhận:                                  TM. ỦY BAN NHÂN DÂN\n"
      "„li.                                       CHỦ TỊCH\n"
      "- Sở Y tế„\n"
      "- †UBND các xã‚\n"
      "- Lưu: VT.„\n"
      "1. „Tuyên truyền†, báo cáo trước ngày 15/5/2024„\n";
  const ProcessedDocument r = ProcessText(text);
  EXPECT_TRUE(r.extraction.errors.empty());
  // Invalid UTF-8 would come out as U+FFFD (the text holds none), not as an exception.
  const std::string json = testing::RecordOf(r, -1);
  EXPECT_EQ(json.find("\xEF\xBF\xBD"), std::string::npos) << json;
}

// A header the OCR made only noise of (specks read as letters, the rule line as punctuation):
// no number, date or issuer is made up from it; the title under it still gives the type.
TEST(ExtractBadInput, HeaderOfOnlyNoise) {
  const std::string text = 
      "SỐ c Ủ ;,. _ ~ Chị.9\n"
      ":. ' -— ,, l1 | ; .\n"
      "Số . :/ .. ., ngày , tháng\n"
      "QUYẾT ĐỊNH\n"
      "Về việc thành lập Tổ công tác\n"
      "Điều 1. Thành lập Tổ công tác gồm các ông, bà có tên sau.\n";
  const ProcessedDocument r = ProcessText(text, Origin::kOcr);
  EXPECT_TRUE(r.extraction.errors.empty());
  EXPECT_FALSE(r.extraction.header.number.has_value()) << *r.extraction.header.number;
  EXPECT_FALSE(r.extraction.header.date.has_value());
  EXPECT_EQ(r.extraction.header.type, "quyet_dinh");
  EXPECT_EQ(r.extraction.header.subject.value_or(""), "thành lập Tổ công tác");
  // Typed text is not passed over that way: its short lines are structure, not specks.
  EXPECT_TRUE(ProcessText(text).extraction.errors.empty());
}

// A pipe table 200 columns wide (a spreadsheet pasted whole) and one whose rows are merged and
// ragged (cells missing, a row running on to the next line, a row of more cells than the header):
// read without errors, and the deadline in a cell is still found.
TEST(ExtractBadInput, TablesTwoHundredColumnsWideAndRagged) {
  std::string wide = "KẾ HOẠCH\nThực hiện năm 2024\n\n|";
  for (int c = 1; c <= 200; ++c) wide += " Cột " + std::to_string(c) + " |";
  wide += "\n|";
  for (int c = 1; c <= 200; ++c) wide += "---|";
  for (int row = 1; row <= 20; ++row) {
    wide += "\n|";
    for (int c = 1; c <= 200; ++c) wide += c == 150 && row == 7 ? " Hoàn thành trước ngày 15/5/2024 |" : " x |";
  }
  wide += "\n";
  const ProcessedDocument w = ProcessText(wide);
  EXPECT_TRUE(w.extraction.errors.empty());
  EXPECT_TRUE(w.document.errors.empty());
  bool found = false;
  for (const Deadline& d : w.extraction.deadlines) found = found || d.date == "2024-05-15";
  EXPECT_TRUE(found);

  const ProcessedDocument ragged = ProcessText(
      "KẾ HOẠCH\nThực hiện năm 2024\n\n"
      "| STT | Nội dung | Đơn vị chủ trì | Thời gian thực hiện |\n"
      "|---|---|---|---|\n"
      "| 1 | Tuyên truyền | Phòng Văn hóa |\n"
      "| 2 | Tập huấn cán bộ\n"
      "cơ sở | Phòng Nội vụ | Trước ngày 30/6/2024 | thừa | thừa nữa |\n"
      "|| | |\n"
      "| 3 |\n");
  EXPECT_TRUE(ragged.extraction.errors.empty());
  found = false;
  for (const Deadline& d : ragged.extraction.deadlines) found = found || d.date == "2024-06-30";
  EXPECT_TRUE(found);
}

TEST(ExtractBadInput, TextWithoutAnyStructure) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += (i % 13 == 0 ? "\n" : "") + std::string("lorem ipsum dolor sit amet ");
  const ProcessedDocument r = ProcessText(text);
  EXPECT_TRUE(r.extraction.errors.empty());
  EXPECT_TRUE(r.extraction.tasks.empty());
  EXPECT_TRUE(r.extraction.references.empty());
  EXPECT_FALSE(r.extraction.header.number.has_value());
  EXPECT_EQ(r.extraction.header.type, "other");
}

TEST(ExtractBadInput, OutlineMarkersOnlyAndDeepNesting) {
  std::string text = "KẾ HOẠCH\nKiểm thử\nII. NỘI DUNG\n";
  for (int i = 1; i <= 300; ++i) text += std::to_string(i % 99 + 1) + ". Việc " + std::to_string(i) + "\n- a\n+ b\na) c\n";
  const ProcessedDocument r = ProcessText(text);
  EXPECT_TRUE(r.extraction.errors.empty());
  EXPECT_EQ(r.extraction.header.type, "ke_hoach");
  size_t top = 0;
  for (const Task& t : r.extraction.tasks) top += t.level == 1;
  EXPECT_EQ(top, 300u);
}

}  // namespace
}  // namespace vanban
