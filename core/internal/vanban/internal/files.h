// Reading files and lists of paths, the same way for every stage (inputs, rule files, models).
#ifndef VANBAN_INTERNAL_FILES_H_
#define VANBAN_INTERNAL_FILES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/status.h"

namespace vanban::internal {

// The whole content of `path`: a regular file, or a FIFO or pipe (read to its end). NotFound when
// it does not exist, InvalidArgument for a folder, Unsupported for a device or socket,
// PermissionDenied when it cannot be opened for that reason, ResourceExhausted past `max_bytes`,
// IoError otherwise; each message says why in words ("cannot open: Permission denied").
StatusOr<std::string> ReadFileBytes(const std::string& path, uint64_t max_bytes = uint64_t{2} << 30);

// The entries of a ':'-separated list (VANBAN_RULES_PATH, VANBAN_PLUGIN_PATH), empty ones dropped.
std::vector<std::string> SplitPathList(std::string_view list);

// strerror(err) as a std::string, thread-safe.
std::string ErrnoText(int err);

}  // namespace vanban::internal

#endif  // VANBAN_INTERNAL_FILES_H_
