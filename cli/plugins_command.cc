// `vanban plugins`: the extractors, link steps, source drivers and rule files in use.
#include <cstdio>
#include <memory>
#include <string>

#include "common.h"
#include "vanban/rules.h"

namespace vanban::cli {
namespace {

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ",") + i;
  return out.empty() ? "-" : out;
}

int RunPlugins(const EngineArgs& args) {
  std::unique_ptr<Engine> engine = args.Create(true, 1, false);
  if (!engine) return kExitUsage;
  const ExtractorRegistry& registry = engine->extractors();
  std::printf("extractors, in run order:\n");
  std::printf("  %-12s %-8s %6s  %-22s %-14s %-10s %s\n", "name", "version", "rules", "sections", "after", "origin",
              "description");
  for (const auto& e : registry.extractors()) {
    const ExtractorInfo& info = e->Info();
    std::printf("  %-12s %-8s %6zu  %-22s %-14s %-10s %s\n", info.name.c_str(), info.version.c_str(),
                registry.RuleCount(*e), Joined(info.sections).c_str(), Joined(info.after).c_str(), info.origin.c_str(),
                info.description.c_str());
  }
  std::printf("\nlink steps:\n");
  for (const auto& l : registry.linkers()) {
    const LinkerInfo& info = l->Info();
    std::printf("  %-12s sets %s after %s: %s\n", info.name.c_str(), Joined(info.fields).c_str(),
                Joined(info.after).c_str(), info.description.c_str());
  }
  std::printf("\nsources, in the order they identify files:\n");
  for (const auto& s : engine->sources().drivers()) {
    std::printf("  %-12s %s\n", std::string(s->Name()).c_str(), std::string(s->Description()).c_str());
  }
  std::printf("\n%zu rules from %zu files (data directory %s):\n", registry.rules().size(), engine->rule_files().size(),
              engine->data_dir().c_str());
  for (const std::string& f : engine->rule_files()) std::printf("  %s\n", f.c_str());
  return kExitOk;
}

}  // namespace

Command AddPluginsCommand(CLI::App& app) {
  auto args = std::make_shared<EngineArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plugins", "List the extractors (built-in and from VANBAN_PLUGIN_PATH), link steps, sources and rule files.");
  args->AddTo(cmd);
  return {cmd, [args] { return RunPlugins(*args); }};
}

}  // namespace vanban::cli
