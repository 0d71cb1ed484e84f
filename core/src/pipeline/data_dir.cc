// Where an Engine finds its data: never the source tree, so an installed vanban works alone.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "vanban/pipeline.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;

bool HoldsData(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "plugins", ec) || fs::is_directory(dir / "models", ec);
}

}  // namespace

StatusOr<std::string> FindDataDir(bool use_environment) {
  if (use_environment) {
    if (const char* env = std::getenv("VANBAN_DATA_DIR"); env != nullptr && *env != '\0') {
      std::error_code ec;
      if (!fs::is_directory(env, ec)) {
        return Status::NotFound("VANBAN_DATA_DIR=" + std::string(env) + " is not a folder" +
                                (ec ? " (" + ec.message() + ")" : ""));
      }
      return std::string(env);
    }
  }
  // The executable's own path, not argv[0]: it holds wherever vanban was started from.
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return Status::NotFound("cannot find the running executable (" + ec.message() + "); set VANBAN_DATA_DIR");
  const fs::path candidate = (exe.parent_path() / ".." / "share" / "vanban").lexically_normal();
  if (!HoldsData(candidate)) {
    return Status::NotFound("no data directory: " + candidate.string() + " (beside " + exe.string() +
                            ") holds no plugins/ or models/; set VANBAN_DATA_DIR to the folder that does");
  }
  return candidate.string();
}

}  // namespace vanban
