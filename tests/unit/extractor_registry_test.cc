// The extractor registry: what it refuses, how it orders extractors, and that each writes only its
// own sections.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "vanban/extractor.h"
#include "vanban/rules.h"
#include "vanban/structure.h"

namespace vanban {
namespace {

// An extractor that declares what a test says and appends its name to an open section it may or may
// not declare.
class Fake final : public Extractor {
 public:
  explicit Fake(ExtractorInfo info, std::string writes = "") : info_(std::move(info)), writes_(std::move(writes)) {
    if (writes_.empty() && !info_.sections.empty()) writes_ = info_.sections[0];
  }
  const ExtractorInfo& Info() const override { return info_; }
  Status Extract(const ExtractionInput& in, Extraction& out) const override {
    // What ran before it, as it sees it: the names in the "order" sections of earlier extractors.
    std::string seen;
    for (const auto& [name, findings] : in.earlier.sections) {
      for (const Finding& f : findings) seen += f.value + ",";
    }
    if (!writes_.empty()) out.sections[writes_].push_back({"", "ran", info_.name, seen, 1.0, 1, {}});
    return fail_ ? Status::Corrupt("fake failure") : Status::Ok();
  }
  bool fail_ = false;

 private:
  ExtractorInfo info_;
  std::string writes_;
};

std::unique_ptr<Fake> Make(std::string name, std::vector<std::string> after = {}, std::vector<std::string> sections = {}) {
  ExtractorInfo info;
  info.name = name;
  info.version = "1";
  info.sections = sections.empty() ? std::vector<std::string>{"s_" + name} : sections;
  info.after = std::move(after);
  return std::make_unique<Fake>(std::move(info));
}

std::vector<std::string> Order(const ExtractorRegistry& r) {
  std::vector<std::string> names;
  for (const auto& e : r.extractors()) names.emplace_back(e->Name());
  return names;
}

TEST(ExtractorRegistry, RefusesDuplicateNamesAndSections) {
  ExtractorRegistry r;
  ASSERT_TRUE(r.Add(Make("a")).ok());
  const Status same_name = r.Add(Make("a"));
  EXPECT_EQ(same_name.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(same_name.message().find("already registered"), std::string::npos) << same_name.message();
  const Status same_section = r.Add(Make("b", {}, {"s_a"}));
  EXPECT_NE(same_section.message().find("section 's_a', which extractor 'a' already writes"), std::string::npos)
      << same_section.message();
  EXPECT_FALSE(r.Add(Make("")).ok());
  // The external plugins all write "findings".
  EXPECT_TRUE(r.Add(Make("p1", {}, {"findings"})).ok());
  EXPECT_TRUE(r.Add(Make("p2", {}, {"findings"})).ok());
}

TEST(ExtractorRegistry, OrdersByDeclaredDependencies) {
  ExtractorRegistry r;
  ASSERT_TRUE(r.Add(Make("deadlines", {"dates"})).ok());
  ASSERT_TRUE(r.Add(Make("tasks")).ok());
  ASSERT_TRUE(r.Add(Make("dates", {"header"})).ok());
  ASSERT_TRUE(r.Add(Make("header")).ok());
  ASSERT_TRUE(r.Prepare(nullptr).ok());
  EXPECT_EQ(Order(r), (std::vector<std::string>{"tasks", "header", "dates", "deadlines"}));
  // Each sees the sections of what ran before it (listed here in section-name order).
  const Document doc;
  const Extraction x = r.Run(doc, DocumentStructure{});
  EXPECT_EQ(x.Section("s_deadlines")->front().text, "dates,header,tasks,");
  EXPECT_EQ(x.Section("s_dates")->front().text, "header,tasks,");
  EXPECT_TRUE(x.errors.empty());
}

TEST(ExtractorRegistry, RefusesUnknownDependenciesAndCycles) {
  ExtractorRegistry unknown;
  ASSERT_TRUE(unknown.Add(Make("dates", {"header"})).ok());
  const Status s = unknown.Prepare(nullptr);
  EXPECT_NE(s.message().find("runs after 'header', which is not registered"), std::string::npos) << s.message();

  ExtractorRegistry cycle;
  ASSERT_TRUE(cycle.Add(Make("a", {"b"})).ok());
  ASSERT_TRUE(cycle.Add(Make("b", {"a"})).ok());
  ASSERT_TRUE(cycle.Add(Make("c")).ok());
  const Status c = cycle.Prepare(nullptr);
  EXPECT_NE(c.message().find("cycle"), std::string::npos) << c.message();
  EXPECT_NE(c.message().find("'a', 'b'"), std::string::npos) << c.message();
}

TEST(ExtractorRegistry, AnExtractorWritesOnlyItsOwnSections) {
  ExtractorRegistry r;
  ExtractorInfo info;
  info.name = "sneaky";
  info.sections = {"mine"};
  ASSERT_TRUE(r.Add(std::make_unique<Fake>(info, "yours")).ok());
  ASSERT_TRUE(r.Prepare(nullptr).ok());
  const Document doc;
  const Extraction x = r.Run(doc, DocumentStructure{});
  EXPECT_EQ(x.Section("yours"), nullptr);
  ASSERT_NE(x.Section("mine"), nullptr);  // declared: always there, here empty
  EXPECT_TRUE(x.Section("mine")->empty());
  ASSERT_EQ(x.errors.size(), 1u);
  EXPECT_NE(x.errors[0].reason.find("extractor sneaky: wrote section 'yours'"), std::string::npos) << x.errors[0].reason;
}

TEST(ExtractorRegistry, AFailingExtractorIsRecordedAndTheOthersRun) {
  ExtractorRegistry r;
  auto bad = Make("bad");
  bad->fail_ = true;
  ASSERT_TRUE(r.Add(std::move(bad)).ok());
  ASSERT_TRUE(r.Add(Make("good")).ok());
  ASSERT_TRUE(r.Prepare(nullptr).ok());
  Document doc;
  doc.source.path = "x.txt";
  const Extraction x = r.Run(doc, DocumentStructure{});
  ASSERT_EQ(x.errors.size(), 1u);
  EXPECT_EQ(x.errors[0].code, "corrupt");
  EXPECT_EQ(x.errors[0].reason, "extractor bad: fake failure");
  EXPECT_TRUE(x.Section("s_bad")->empty());  // what a failed extractor wrote is dropped
  EXPECT_EQ(x.Section("s_good")->size(), 1u);
}

constexpr char kDateRules[] = R"(
[[rule]]
id = "d.ok"
kind = "date"
pattern = '(?P<d>\d+)/(?P<m>\d+)'
examples = ["1/2"]

[[rule]]
id = "d.quarter"
kind = "date"
pattern = 'quý (?P<q>[1-4])'
examples = ["quý 2"]
)";

ExtractorRegistry& WithDateReader(ExtractorRegistry& r) {
  ExtractorInfo info;
  info.name = "dates";
  info.sections = {"dates"};
  info.rule_kinds = {{"date", {"m|q"}}, {"date.extra", {"d"}}};
  EXPECT_TRUE(r.Add(std::make_unique<Fake>(info)).ok());
  return r;
}

TEST(ExtractorRegistry, AcceptsRulesWithTheGroupsTheirReaderNeeds) {
  ExtractorRegistry r;
  auto rules = RuleSet::LoadString(kDateRules, "dates.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  ASSERT_TRUE(WithDateReader(r).Prepare(*rules).ok());
  EXPECT_EQ(r.RuleCount(*r.extractors()[0]), 2u);
}

TEST(ExtractorRegistry, RefusesARuleKindNoExtractorReadsWithFileAndLine) {
  ExtractorRegistry r;
  auto rules = RuleSet::LoadString("[[rule]]\nid = \"typo\"\nkind = \"dates\"\npattern = 'x(?P<m>1)'\nexamples = [\"x1\"]\n",
                                   "my/typo.toml");
  ASSERT_TRUE(rules.ok());
  const Status s = WithDateReader(r).Prepare(*rules);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message().rfind("my/typo.toml:1: rule 'typo' has kind 'dates', which no extractor reads", 0), 0u)
      << s.message();
  EXPECT_NE(s.message().find("did you mean 'date'?"), std::string::npos) << s.message();
}

TEST(ExtractorRegistry, RefusesARuleWithoutARequiredGroupWithFileAndLine) {
  ExtractorRegistry r;
  auto rules = RuleSet::LoadString(
      "\n[[rule]]\nid = \"no.month\"\nkind = \"date\"\npattern = 'năm (?P<y>\\d{4})'\nexamples = [\"năm 2020\"]\n",
      "my/dates.toml");
  ASSERT_TRUE(rules.ok());
  const Status s = WithDateReader(r).Prepare(*rules);
  EXPECT_EQ(s.message().rfind("my/dates.toml:2: rule 'no.month' of kind 'date' has no named group among 'm', 'q'", 0),
            0u)
      << s.message();
}

}  // namespace
}  // namespace vanban
