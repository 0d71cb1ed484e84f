#include "vanban/paths.h"

#include <cstdlib>

namespace vanban {

std::string DataDir() {
  const char* env = std::getenv("VANBAN_DATA_DIR");
  return env != nullptr && *env != '\0' ? env : VANBAN_DATA_DIR;
}

std::string ModelsDir() { return DataDir() + "/models"; }

}  // namespace vanban
