// Where vanban finds its data: rule packs (plugins/*/rules) and models (models/).
#ifndef VANBAN_PATHS_H_
#define VANBAN_PATHS_H_

#include <string>

namespace vanban {

// $VANBAN_DATA_DIR when set, else the source tree vanban was built from.
std::string DataDir();

// DataDir()/models.
std::string ModelsDir();

}  // namespace vanban

#endif  // VANBAN_PATHS_H_
