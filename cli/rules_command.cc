// `vanban rules check`: every rule file loaded strictly and checked against the extractors that
// read it, every example and counter-example run.
#include <cstdio>
#include <iostream>
#include <memory>

#include "common.h"
#include "vanban/rules.h"

namespace vanban::cli {
namespace {

int RunRulesCheck(const EngineArgs& args) {
  std::unique_ptr<Engine> engine = args.Create(true, 1, true);
  if (!engine) return kExitSomeFailed;  // the message said which file and line
  const RuleSet& rules = engine->extractors().rules();
  const std::vector<std::string> failures = rules.CheckExamples();
  for (const std::string& f : failures) std::cerr << f << '\n';
  size_t examples = 0;
  for (const auto& rule : rules.rules()) examples += rule.examples.size() + rule.counter_examples.size();
  std::printf("%zu rules in %zu files, %zu examples and counter-examples, %zu failures\n", rules.size(),
              rules.files().size(), examples, failures.size());
  return failures.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace

Command AddRulesCommand(CLI::App& app) {
  auto args = std::make_shared<EngineArgs>();
  CLI::App* rules = app.add_subcommand("rules", "Work with rule files.");
  rules->require_subcommand(1);
  CLI::App* check = rules->add_subcommand(
      "check", "Load every rule file strictly, check it against the extractors, and run every example.");
  args->AddTo(check);
  return {check, [args] { return RunRulesCheck(*args); }};
}

}  // namespace vanban::cli
