#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "vanban/rules.h"

namespace vanban {
namespace {

// A small but realistic pack: definitions used out of file order and nested, two kinds, a table
// example with group values, counter-examples.
constexpr std::string_view kDates = R"toml(
# Dates as printed in administrative documents.
[definitions]
DATE_NUMERIC = '{{DAY}}/{{MONTH}}/{{YEAR}}'
DAY = '(?:0?[1-9]|[12][0-9]|3[01])'
MONTH = '(?:0?[1-9]|1[0-2])'
YEAR = '(?:19|20)\d{2}'

[[rule]]
id = "date.numeric"
kind = "date"
pattern = '(?P<date>(?P<day>{{DAY}})/(?P<month>{{MONTH}})/(?P<year>{{YEAR}}))'
confidence = 0.9
description = "16/3/2020"
examples = [
  "ngày 13/3/2020 của",
  { text = "trước ngày 15/5/2024.", date = "15/5/2024", year = "2024" },
]
counter_examples = ["ngày 32/13/2020", "số 72/KH-UBND"]

[[rule]]
id = "date.words"
kind = "date"
pattern = 'ngày (?P<day>{{DAY}}) tháng (?P<month>{{MONTH}}) năm (?P<year>{{YEAR}})'
case_insensitive = true
examples = [{ text = "Hải Phòng, Ngày 16 tháng 3 năm 2020", day = "16", month = "3" }]

[[rule]]
id = "ref.number"
kind = "reference"
pattern = '(?P<number>\d+)/(?P<type>KH|QĐ|CV)-(?P<issuer>\p{Lu}+)(?:/(?P<extra>\p{Lu}+))?'
examples = ["Kế hoạch số 72/KH-UBND ngày"]
)toml";

// 1-based line of the first occurrence of `needle` in `text`.
int LineOf(std::string_view text, std::string_view needle) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

std::shared_ptr<const RuleSet> MustLoad(std::string_view toml, std::string_view name = "t.toml") {
  StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::LoadString(toml, name);
  EXPECT_TRUE(set.ok()) << set.status().ToString();
  return set.ok() ? *set : nullptr;
}

// Loads `toml` as t.toml and expects InvalidArgument, the message starting with "t.toml:LINE: " and
// holding every word.
void ExpectLoadError(std::string_view toml, int line, std::initializer_list<std::string_view> words) {
  StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::LoadString(toml, "t.toml");
  ASSERT_FALSE(set.ok()) << toml;
  EXPECT_EQ(set.status().code(), StatusCode::kInvalidArgument);
  const std::string& message = set.status().message();
  const std::string prefix = "t.toml:" + std::to_string(line) + ": ";
  EXPECT_EQ(message.rfind(prefix, 0), 0u) << "message: " << message << "\nexpected prefix: " << prefix;
  for (std::string_view word : words) {
    EXPECT_NE(message.find(word), std::string::npos) << "message: " << message << "\nlacks: " << word;
  }
}

// A rule with the given extra lines after id/kind/pattern (lines 1-4).
std::string OneRule(std::string_view pattern, std::string_view extra = "examples = [\"abc\"]\n") {
  return "[[rule]]\nid = \"r\"\nkind = \"k\"\npattern = '" + std::string(pattern) + "'\n" +
         std::string(extra);
}

// Owns a fresh directory under the test temp dir and removes it at the end.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::path(::testing::TempDir()) /
            ("vanban-rules-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path() const { return path_.string(); }
  std::string Write(const std::string& name, std::string_view content) const {
    const std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// --- Loading a valid file -----------------------------------------------------------------------

TEST(RuleSet, LoadsValidFile) {
  auto set = MustLoad(kDates, "dates.toml");
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->size(), 3u);
  EXPECT_EQ(set->Kinds(), (std::vector<std::string>{"date", "reference"}));
  EXPECT_EQ(set->CountKind("date"), 2u);
  EXPECT_EQ(set->CountKind("reference"), 1u);
  EXPECT_EQ(set->CountKind("task"), 0u);
  EXPECT_EQ(set->files(), (std::vector<std::string>{"dates.toml"}));

  const Rule& numeric = set->rules()[0];
  EXPECT_EQ(numeric.id, "date.numeric");
  EXPECT_EQ(numeric.kind, "date");
  EXPECT_EQ(numeric.file, "dates.toml");
  EXPECT_EQ(numeric.line, LineOf(kDates, "[[rule]]"));
  EXPECT_EQ(numeric.index, 0u);
  EXPECT_DOUBLE_EQ(numeric.confidence, 0.9);
  EXPECT_FALSE(numeric.case_insensitive);
  EXPECT_EQ(numeric.description, "16/3/2020");
  EXPECT_EQ(numeric.group_names, (std::vector<std::string>{"date", "day", "month", "year"}));
  ASSERT_EQ(numeric.examples.size(), 2u);
  EXPECT_EQ(numeric.examples[0].text, "ngày 13/3/2020 của");
  EXPECT_EQ(numeric.examples[0].line, LineOf(kDates, "\"ngày 13/3/2020 của\""));
  EXPECT_EQ(numeric.examples[1].groups,
            (std::vector<std::pair<std::string, std::string>>{{"date", "15/5/2024"}, {"year", "2024"}}));
  ASSERT_EQ(numeric.counter_examples.size(), 2u);
  EXPECT_EQ(numeric.counter_examples[1].text, "số 72/KH-UBND");

  const Rule& words = set->rules()[1];
  EXPECT_TRUE(words.case_insensitive);
  EXPECT_DOUBLE_EQ(words.confidence, 1.0);  // the default
  EXPECT_EQ(set->FindRule("ref.number"), &set->rules()[2]);
  EXPECT_EQ(set->FindRule("nope"), nullptr);
  EXPECT_TRUE(set->CheckExamples().empty());
}

TEST(RuleSet, LoadsEmptyFile) {
  auto set = MustLoad("# nothing yet\n");
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->size(), 0u);
  EXPECT_TRUE(set->FindAll("date", "ngày 13/3/2020").empty());
}

// --- FindAll ------------------------------------------------------------------------------------

TEST(RuleSet, FindAllReportsGroupSpans) {
  auto set = MustLoad(kDates);
  ASSERT_NE(set, nullptr);
  const std::string text =
      "Căn cứ Kế hoạch số 72/KH-UBND ngày 13/3/2020; Hải Phòng, ngày 16 tháng 3 năm 2020.";
  const std::vector<RuleMatch> dates = set->FindAll("date", text);
  ASSERT_EQ(dates.size(), 2u);

  EXPECT_EQ(dates[0].rule->id, "date.numeric");
  EXPECT_EQ(dates[0].Text(text), "13/3/2020");
  EXPECT_EQ(dates[0].begin, text.find("13/3/2020"));
  EXPECT_EQ(dates[0].end, dates[0].begin + 9);
  const auto year = dates[0].Group("year");
  ASSERT_TRUE(year.has_value());
  EXPECT_EQ(year->first, text.find("2020"));
  EXPECT_EQ(year->second, year->first + 4);
  EXPECT_EQ(dates[0].GroupText(text, "day"), "13");
  EXPECT_EQ(dates[0].GroupText(text, "month"), "3");
  EXPECT_FALSE(dates[0].Group("nope").has_value());
  EXPECT_EQ(dates[0].GroupText(text, "nope"), "");

  EXPECT_EQ(dates[1].rule->id, "date.words");
  EXPECT_EQ(dates[1].Text(text), "ngày 16 tháng 3 năm 2020");
  EXPECT_EQ(dates[1].GroupText(text, "day"), "16");

  const std::vector<RuleMatch> refs = set->FindAll("reference", text);
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].GroupText(text, "issuer"), "UBND");
  // An optional group that did not take part is absent, not empty.
  EXPECT_FALSE(refs[0].Group("extra").has_value());
  ASSERT_EQ(refs[0].groups.size(), 4u);
  EXPECT_EQ(refs[0].groups[3].first, RuleMatch::kAbsent);

  EXPECT_TRUE(set->FindAll("task", text).empty());  // unknown kind
  EXPECT_TRUE(set->FindAll("date", "").empty());    // empty text
  EXPECT_TRUE(set->FindAll("date", "không có ngày").empty());
}

TEST(RuleSet, FindAllMatchesCaseInsensitiveVietnamese) {
  auto set = MustLoad(kDates);
  ASSERT_NE(set, nullptr);
  const std::string text = "HẢI PHÒNG, NGÀY 16 THÁNG 3 NĂM 2020";
  const std::vector<RuleMatch> dates = set->FindAll("date", text);
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].rule->id, "date.words");
  EXPECT_EQ(dates[0].GroupText(text, "year"), "2020");
}

TEST(RuleSet, FindAllResolvesOverlaps) {
  // "long" and "short" both start at "15/5"; "tail" starts later inside "long"; "same" equals
  // "exact" in span and is loaded after it.
  constexpr std::string_view kToml = R"toml(
[[rule]]
id = "short"
kind = "d"
pattern = '(?P<dm>\d+/\d+)'
examples = ["15/5"]
[[rule]]
id = "long"
kind = "d"
pattern = '\d+/\d+/\d{4}'
examples = ["15/5/2024"]
[[rule]]
id = "tail"
kind = "d"
pattern = '\d{4} đến'
examples = ["2024 đến"]
[[rule]]
id = "exact"
kind = "d"
pattern = 'ngày \d+'
examples = ["ngày 1"]
[[rule]]
id = "same"
kind = "d"
pattern = 'ngày \d+'
examples = ["ngày 1"]
)toml";
  auto set = MustLoad(kToml);
  ASSERT_NE(set, nullptr);
  const std::string text = "từ 15/5/2024 đến ngày 10 và 3/4";
  const std::vector<RuleMatch> matches = set->FindAll("d", text);
  std::vector<std::string> got;
  for (const RuleMatch& m : matches) got.push_back(m.rule->id + "=" + std::string(m.Text(text)));
  // Earliest start wins; among equal starts the longest; among equal spans the first loaded. "tail"
  // overlaps "long" and loses, "short" is searched again after "long" and still finds "3/4".
  EXPECT_EQ(got, (std::vector<std::string>{"long=15/5/2024", "exact=ngày 10", "short=3/4"}));
  for (size_t i = 1; i < matches.size(); ++i) EXPECT_LE(matches[i - 1].end, matches[i].begin);

  // A rule searched alone ignores the others.
  const std::vector<RuleMatch> tail = set->FindAll(*set->FindRule("tail"), text);
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_EQ(tail[0].Text(text), "2024 đến");
}

// The heap-based resolution in FindAll against the plain definition: from the end of the last
// match, every rule's next match is found and the best (earliest start, longest, first loaded) taken.
TEST(RuleSet, FindAllAgreesWithPlainResolution) {
  const std::vector<std::string> pieces = {"a",   "b",     "c",           "ab",     "a+",
                                           "b?c", "[ab]c", "(?P<g>a|bc)", "c{1,3}", "(?:ba)+"};
  uint32_t seed = 12345;
  auto next = [&seed](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  for (int round = 0; round < 200; ++round) {
    std::string toml;
    const uint32_t rule_count = 1 + next(5);
    for (uint32_t r = 0; r < rule_count; ++r) {
      std::string pattern;
      for (uint32_t k = 0, n = 1 + next(3); k < n; ++k) pattern += pieces[next(pieces.size())];
      if (pattern.find("(?P<g>") != pattern.rfind("(?P<g>")) continue;  // one group name per rule
      toml += "[[rule]]\nid = \"r" + std::to_string(r) + "\"\nkind = \"k\"\npattern = '" + pattern +
              "'\nexamples = [\"x\"]\n";
    }
    auto set = MustLoad(toml);
    ASSERT_NE(set, nullptr);
    std::string text;
    for (uint32_t i = 0, n = next(40); i < n; ++i) text += "abcx"[next(4)];

    std::vector<std::string> expected;
    size_t pos = 0;
    while (true) {
      const RuleMatch* best = nullptr;
      std::vector<RuleMatch> candidates;
      for (const Rule& rule : set->rules()) {
        // No pattern here looks at context, so searching the rest of the text is searching from pos.
        std::vector<RuleMatch> found = set->FindAll(rule, std::string_view(text).substr(pos));
        if (!found.empty()) candidates.push_back(found[0]);
      }
      for (const RuleMatch& c : candidates) {
        if (best == nullptr || c.begin < best->begin ||
            (c.begin == best->begin &&
             (c.end > best->end || (c.end == best->end && c.rule->index < best->rule->index)))) {
          best = &c;
        }
      }
      if (best == nullptr) break;
      expected.push_back(best->rule->id + "@" + std::to_string(pos + best->begin) + "-" +
                         std::to_string(pos + best->end));
      pos += best->end;
    }
    std::vector<std::string> got;
    for (const RuleMatch& m : set->FindAll("k", text)) {
      got.push_back(m.rule->id + "@" + std::to_string(m.begin) + "-" + std::to_string(m.end));
    }
    ASSERT_EQ(got, expected) << "text: " << text << "\n" << toml;
  }
}

TEST(RuleSet, FindAllFindsEveryMatchOfARule) {
  auto set = MustLoad(kDates);
  ASSERT_NE(set, nullptr);
  const std::string text = "từ 15/11/2024 đến 15/12/2024, rồi 1/1/2025";
  const std::vector<RuleMatch> dates = set->FindAll("date", text);
  ASSERT_EQ(dates.size(), 3u);
  EXPECT_EQ(dates[0].GroupText(text, "date"), "15/11/2024");
  EXPECT_EQ(dates[1].GroupText(text, "date"), "15/12/2024");
  EXPECT_EQ(dates[2].GroupText(text, "date"), "1/1/2025");
}

TEST(RuleSet, ExpandsNestedDefinitions) {
  constexpr std::string_view kToml = R"toml(
[definitions]
C = '{{ B }}c'
B = '{{A}}b'
A = 'a'
[[rule]]
id = "r"
kind = "k"
pattern = '{{C}}+\{{2}'
examples = ["abcc{{"]
)toml";
  auto set = MustLoad(kToml);
  ASSERT_NE(set, nullptr);
  const Rule& rule = set->rules()[0];
  EXPECT_EQ(rule.source_pattern, "{{C}}+\\{{2}");
  // A "{{" not followed by a name is RE2's, not a reference.
  EXPECT_EQ(rule.pattern, "abc+\\{{2}");
  EXPECT_TRUE(set->CheckExamples().empty());
}

// --- Strict loading -----------------------------------------------------------------------------

TEST(RuleSet, RejectsTomlSyntaxError) {
  ExpectLoadError("[[rule]]\nid = \"r\"\nkind = \n", 3, {"TOML"});
  ExpectLoadError("[definitions]\nA = 'x\n", 2, {"TOML"});
}

TEST(RuleSet, RejectsUnknownTopLevelKey) {
  ExpectLoadError("[definitions]\nA = 'a'\n[[rules]]\nid = \"r\"\n", 3, {"unknown top-level key 'rules'"});
}

TEST(RuleSet, RejectsUnknownKey) {
  ExpectLoadError(OneRule("a", "examples = [\"a\"]\npatern = 'b'\n"), 6,
                  {"rule 'r'", "unknown key 'patern' (did you mean 'pattern'?)"});
  // Dotted keys make tables: still an unknown key.
  ExpectLoadError(OneRule("a", "examples = [\"a\"]\nmeta.author = 'x'\n"), 6, {"unknown key 'meta'"});
}

TEST(RuleSet, RejectsUnknownExampleKey) {
  const std::string toml =
      OneRule("(?P<date>\\d+)", "examples = [\n  \"1\",\n  { text = \"2\", dat = \"2\" },\n]\n");
  ExpectLoadError(toml, 7,
                  {"rule 'r'", "example", "unknown key 'dat'", "did you mean 'date'?", "text, date"});
  ExpectLoadError(OneRule("(?P<date>\\d+)", "examples = [{ date = \"2\" }]\n"), 5,
                  {"missing required key 'text'"});
}

TEST(RuleSet, RejectsMissingRequiredKeys) {
  ExpectLoadError("\n[[rule]]\nkind = \"k\"\npattern = 'a'\nexamples = [\"a\"]\n", 2,
                  {"missing required key 'id'"});
  ExpectLoadError("\n[[rule]]\nid = \"r\"\npattern = 'a'\nexamples = [\"a\"]\n", 2,
                  {"rule 'r'", "missing required key 'kind'"});
  ExpectLoadError("\n[[rule]]\nid = \"r\"\nkind = \"k\"\nexamples = [\"a\"]\n", 2,
                  {"rule 'r'", "missing required key 'pattern'"});
}

TEST(RuleSet, RejectsWrongValueTypes) {
  ExpectLoadError("[[rule]]\nid = 7\n", 2, {"'id' must be a string, not an integer"});
  ExpectLoadError(OneRule("a", "examples = [\"a\"]\nconfidence = \"high\"\n"), 6,
                  {"rule 'r'", "'confidence' must be a number, not a string"});
  ExpectLoadError(OneRule("a", "examples = [\"a\"]\ncase_insensitive = \"yes\"\n"), 6,
                  {"'case_insensitive' must be a boolean"});
  ExpectLoadError(OneRule("a", "examples = \"a\"\n"), 5, {"'examples' must be an array, not a string"});
  ExpectLoadError(OneRule("a", "examples = [\n  \"a\",\n  7,\n]\n"), 7,
                  {"'examples' must be a list of strings or tables"});
  ExpectLoadError(OneRule("(?P<d>a)", "examples = [{ text = \"a\", d = 1 }]\n"), 5, {"'d' must be a string"});
  ExpectLoadError(OneRule("a", "examples = [\"a\"]\ncounter_examples = [{ text = \"b\" }]\n"), 6,
                  {"'counter_examples' must be a list of strings, not a table"});
  ExpectLoadError("[definitions]\nDAY = 5\n", 2, {"definition 'DAY'", "must be a string, not an integer"});
  ExpectLoadError("definitions = 'x'\n", 1, {"'definitions' must be a table"});
  ExpectLoadError("[rule]\nid = \"r\"\n", 1, {"'rule' must be an array of tables, written [[rule]]"});
}

TEST(RuleSet, RejectsInvalidIdAndKind) {
  ExpectLoadError("[[rule]]\nid = \"date numeric\"\n", 2, {"id \"date numeric\" is not valid"});
  ExpectLoadError("[[rule]]\nid = \"r\"\nkind = \"\"\n", 3, {"rule 'r'", "kind \"\" is not valid"});
  ExpectLoadError(OneRule(""), 4, {"'pattern' is empty"});
}

TEST(RuleSet, RejectsDuplicateIdNamingTheFirst) {
  const std::string toml = "\n" + OneRule("a") + "\n" + OneRule("b", "examples = [\"b\"]\n");
  // The line of the second `id`, and the [[rule]] line of the first.
  ExpectLoadError(toml, 9, {"rule 'r'", "duplicate id", "first defined at t.toml:2"});
}

TEST(RuleSet, RejectsRedefinition) {
  // Within one file TOML itself refuses the second key.
  ExpectLoadError("[definitions]\nA = 'a'\nA = 'b'\n", 3, {"TOML"});
}

TEST(RuleSet, RejectsUndefinedName) {
  ExpectLoadError(
      OneRule("{{DAY}}/{{MONTH}}", "examples = [\"1/2\"]\n").insert(0, "[definitions]\nDAY = '\\d+'\n"), 6,
      {"rule 'r'", "undefined name {{MONTH}}"});
  ExpectLoadError("[definitions]\nA = '{{B}}x'\n", 2, {"definition 'A'", "undefined name {{B}}"});
  ExpectLoadError(OneRule("{{DAY"), 4, {"'{{DAY' is not closed by '}}'"});
  ExpectLoadError("[definitions]\nDAY-OF-MONTH = 'x'\n", 2, {"definition name 'DAY-OF-MONTH' is not valid"});
}

TEST(RuleSet, RejectsCircularDefinitions) {
  ExpectLoadError("[definitions]\nA = '{{B}}'\nB = '{{A}}'\n", 3, {"definition 'B'", "{{A}} is circular"});
  ExpectLoadError("[definitions]\nA = 'x{{A}}'\n", 2, {"definition 'A'", "{{A}} is circular"});
}

TEST(RuleSet, RejectsBadPatternWithRe2Message) {
  ExpectLoadError(
      "[[rule]]\nid = \"date.numeric\"\nkind = \"date\"\n\npattern = '(?P<date>(\\d+'\nexamples = [\"1\"]\n",
      5, {"rule 'date.numeric': RE2: missing ): (?P<date>(\\d+"});
  ExpectLoadError(OneRule("a{2,1}"), 4, {"RE2: invalid repetition size: {2,1}"});
  // The error shows the pattern after expansion, as RE2 saw it.
  ExpectLoadError(OneRule("[{{X}}]").insert(0, "[definitions]\nX = 'z-a'\n"), 6,
                  {"RE2: invalid character class range: z-a"});
}

TEST(RuleSet, RejectsPatternsThatCannotWork) {
  ExpectLoadError(OneRule("(?P<text>a)"), 4, {"group name 'text' is reserved"});
  ExpectLoadError(OneRule("\\d*"), 4, {"matches the empty string"});
  // "ngày" typed decomposed (NFD): never matches NFC text.
  ExpectLoadError(OneRule("nga\xCC\x80y"), 4, {"combining mark U+0300", "NFC"});
  ExpectLoadError(OneRule("a", "examples = [\"nga\xCC\x80y a\"]\n"), 5,
                  {"example holds the combining mark U+0300"});
}

TEST(RuleSet, RejectsConfidenceOutsideRange) {
  ExpectLoadError(OneRule("a", "examples = [\"a\"]\nconfidence = 1.5\n"), 6,
                  {"rule 'r'", "confidence 1.5 is outside 0..1"});
  ExpectLoadError(OneRule("a", "examples = [\"a\"]\nconfidence = -0.1\n"), 6,
                  {"confidence -0.1 is outside 0..1"});
  ExpectLoadError(OneRule("a", "examples = [\"a\"]\nconfidence = nan\n"), 6, {"outside 0..1"});
  auto set = MustLoad(OneRule("a", "examples = [\"a\"]\nconfidence = 0\n"));  // an integer 0 or 1 is fine
  ASSERT_NE(set, nullptr);
  EXPECT_DOUBLE_EQ(set->rules()[0].confidence, 0.0);
}

TEST(RuleSet, RejectsMissingOrEmptyExamples) {
  ExpectLoadError(OneRule("a", "examples = []\n"), 5,
                  {"rule 'r'", "'examples' is empty", "at least one example"});
  ExpectLoadError("\n" + OneRule("a", "description = 'x'\n"), 2, {"missing required key 'examples'"});
}

// --- CheckExamples ------------------------------------------------------------------------------

TEST(RuleSet, CheckExamplesReportsEachFailure) {
  constexpr std::string_view kToml = R"toml(
[[rule]]
id = "date.numeric"
kind = "date"
pattern = '(?P<date>\d{1,2}/\d{1,2}/\d{4})'
examples = [
  "ngày 13/3/2020 của",
  "ngày 13 tháng 3",
  { text = "trước ngày 15/5/2024.", date = "15/5/2025" },
]
counter_examples = ["số 72/KH-UBND", "ngày 32/13/2020"]
)toml";
  auto set = MustLoad(kToml, "dates.toml");
  ASSERT_NE(set, nullptr);
  const std::vector<std::string> failures = set->CheckExamples();
  const std::string l = "dates.toml:";
  EXPECT_EQ(
      failures,
      (std::vector<std::string>{
          l + std::to_string(LineOf(kToml, "\"ngày 13 tháng 3\"")) +
              ": rule 'date.numeric': example \"ngày 13 tháng 3\" did not match",
          l + std::to_string(LineOf(kToml, "{ text")) +
              ": rule 'date.numeric': example \"trước ngày 15/5/2024.\": group 'date' is \"15/5/2024\", "
              "expected \"15/5/2025\"",
          l + std::to_string(LineOf(kToml, "counter_examples")) +
              ": rule 'date.numeric': counter-example \"ngày 32/13/2020\" matched \"32/13/2020\"",
      }));
  EXPECT_EQ(set->CheckRule(set->rules()[0]), failures);
}

TEST(RuleSet, CheckExamplesReportsAbsentGroup) {
  auto set = MustLoad(OneRule("(?P<a>x)|(?P<b>y)", "examples = [{ text = \"y\", a = \"x\" }]\n"));
  ASSERT_NE(set, nullptr);
  const std::vector<std::string> failures = set->CheckExamples();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0], "t.toml:5: rule 'r': example \"y\": group 'a' did not take part, expected \"x\"");
}

TEST(RuleSet, CheckExamplesIsEmptyForCorrectFile) {
  auto set = MustLoad(kDates);
  ASSERT_NE(set, nullptr);
  EXPECT_TRUE(set->CheckExamples().empty());
  for (const Rule& rule : set->rules()) EXPECT_TRUE(set->CheckRule(rule).empty()) << rule.id;
}

// --- Folders ------------------------------------------------------------------------------------

TEST(RuleSet, LoadFoldersInOrderSharingDefinitions) {
  TempDir base;
  const std::string builtin = base.path() + "/builtin";
  const std::string user = base.path() + "/user";
  // Written out of name order; "10-" must load first because "20-" uses its definitions.
  base.Write("builtin/20-dates.toml",
             "[[rule]]\nid = \"date.numeric\"\nkind = \"date\"\n"
             "pattern = '{{DATE}}'\nexamples = [\"13/3/2020\"]\n");
  base.Write("builtin/10-common.toml", "[definitions]\nDAY = '\\d{1,2}'\nDATE = '{{DAY}}/{{DAY}}/\\d{4}'\n");
  base.Write("builtin/README.md", "not a rule file");
  base.Write("builtin/.#20-dates.toml", "broken = [");  // an editor's lock file: skipped
  base.Write("builtin/sub/deep.toml", "broken = [");    // subfolders are not searched
  base.Write("user/extra.toml",
             "[[rule]]\nid = \"date.dotted\"\nkind = \"date\"\n"
             "pattern = '{{DAY}}\\.{{DAY}}\\.\\d{4}'\nexamples = [\"13.3.2020\"]\n");
  StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::LoadFolders({builtin, user});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  const RuleSet& rules = **set;
  EXPECT_EQ(rules.files(), (std::vector<std::string>{builtin + "/10-common.toml", builtin + "/20-dates.toml",
                                                     user + "/extra.toml"}));
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules.rules()[0].id, "date.numeric");
  EXPECT_EQ(rules.rules()[0].file, builtin + "/20-dates.toml");
  EXPECT_EQ(rules.rules()[1].id, "date.dotted");
  EXPECT_EQ(rules.rules()[1].pattern, "\\d{1,2}\\.\\d{1,2}\\.\\d{4}");
  EXPECT_TRUE(rules.CheckExamples().empty());
  const std::string text = "ngày 13/3/2020 và 14.3.2020";
  const std::vector<RuleMatch> dates = rules.FindAll("date", text);
  ASSERT_EQ(dates.size(), 2u);
  EXPECT_EQ(dates[1].Text(text), "14.3.2020");

  // In the other order the user pack comes first and cannot see the built-in definitions.
  StatusOr<std::shared_ptr<const RuleSet>> reversed = RuleSet::LoadFolders({user, builtin});
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.status().message().rfind(
                user + "/extra.toml:4: rule 'date.dotted': undefined name {{DAY}}", 0),
            0u)
      << reversed.status().message();
}

TEST(RuleSet, LoadFoldersNamesBothFilesOfADuplicate) {
  TempDir dir;
  const std::string rule = "[[rule]]\nid = \"dup\"\nkind = \"k\"\npattern = 'a'\nexamples = [\"a\"]\n";
  dir.Write("a.toml", rule);
  dir.Write("b.toml", "\n" + rule);
  StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::LoadFolders({dir.path()});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(set.status().message(),
            dir.path() + "/b.toml:3: rule 'dup': duplicate id, first defined at " + dir.path() + "/a.toml:1");
}

TEST(RuleSet, LoadFoldersRejectsRedefinitionAcrossFiles) {
  TempDir dir;
  dir.Write("a.toml", "[definitions]\nDAY = '\\d+'\n");
  dir.Write("b.toml", "[definitions]\nMONTH = '\\d+'\n\nDAY = '\\d{1,2}'\n");
  StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::LoadFolders({dir.path()});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(),
            dir.path() + "/b.toml:4: definition 'DAY' is already defined at " + dir.path() + "/a.toml:2");
}

TEST(RuleSet, LoadFoldersRejectsMissingFolder) {
  TempDir dir;
  const std::string missing = dir.path() + "/no-such-pack";
  StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::LoadFolders({dir.path(), missing});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(set.status().message(), missing + ": rule folder does not exist");

  const std::string file = dir.Write("file.toml", "");
  StatusOr<std::shared_ptr<const RuleSet>> not_folder = RuleSet::LoadFolders({file});
  ASSERT_FALSE(not_folder.ok());
  EXPECT_EQ(not_folder.status().code(), StatusCode::kInvalidArgument);
}

TEST(RuleSet, LoadFoldersAcceptsEmptyFolder) {
  TempDir dir;
  StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::LoadFolders({dir.path()});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ((*set)->size(), 0u);
  EXPECT_TRUE((*set)->files().empty());
  EXPECT_TRUE((*set)->Kinds().empty());
}

// --- Speed and threads --------------------------------------------------------------------------

// Paragraph-like text: one date and one reference per ~150 bytes, lots of near misses (numbers,
// slashes) in between.
// Two dates (13/3/2020, 15/5/2024) and one reference (72/KH-UBND) a unit; "3/4" is neither.
constexpr std::string_view kUnit =
    "Căn cứ Kế hoạch số 72/KH-UBND ngày 13/3/2020 của Ủy ban nhân dân thành phố, báo cáo 6 tháng "
    "trước ngày 15/5/2024 gồm 120 trang, tỷ lệ 3/4 đạt. ";

// Whole units, at least `bytes` of them, on one line.
std::string MakeText(size_t bytes) {
  std::string text;
  text.reserve(bytes + kUnit.size());
  while (text.size() < bytes) text += kUnit;
  return text;
}

// Speed and linearity are measured by tests/bench (never asserted in tests: machines are shared).
TEST(RuleSet, FindAllOnALargeSingleLineFindsEveryMatch) {
  auto set = MustLoad(kDates);
  ASSERT_NE(set, nullptr);
  const std::string text = MakeText(2 << 20);
  const size_t units = text.size() / kUnit.size();
  EXPECT_EQ(set->FindAll("date", text).size(), 2 * units);
  EXPECT_EQ(set->FindAll("reference", text).size(), units);
}

TEST(RuleSet, FindAllIsThreadSafe) {
  auto set = MustLoad(kDates);
  ASSERT_NE(set, nullptr);
  const std::string text = MakeText(64 << 10);
  const size_t expected = set->FindAll("date", text).size();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        if (set->FindAll("date", text).size() != expected) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace vanban
