#include "vanban/internal/files.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace vanban::internal {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

std::string ErrnoText(int err) {
  char buf[256];
  // The GNU strerror_r returns its message, which may or may not be `buf`.
  return ::strerror_r(err, buf, sizeof buf);
}

StatusOr<std::string> ReadFileBytes(const std::string& path, uint64_t max_bytes) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) return Status::NotFound("no such file");
    if (err == EACCES) return Status::PermissionDenied("cannot reach the file: " + ErrnoText(err));
    return Status::IoError("cannot read the file's status: " + ErrnoText(err));
  }
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument("is a directory, not a file");
  if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
    return Status::Unsupported(S_ISSOCK(st.st_mode) ? "is a socket, not a file" : "is a device, not a file");
  }
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    const int err = errno;
    if (err == EACCES || err == EPERM) return Status::PermissionDenied("cannot open: " + ErrnoText(err));
    return Status::IoError("cannot open: " + ErrnoText(err));
  }
  std::string bytes;
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) <= max_bytes) {
    bytes.reserve(static_cast<size_t>(st.st_size));
  }
  char buf[1 << 16];
  for (;;) {
    const size_t n = std::fread(buf, 1, sizeof buf, file.get());
    bytes.append(buf, n);
    if (bytes.size() > max_bytes) {
      return Status::ResourceExhausted("file is larger than the limit of " + std::to_string(max_bytes) + " bytes");
    }
    if (n < sizeof buf) break;
  }
  if (std::ferror(file.get())) return Status::IoError("read failed: " + ErrnoText(errno));
  return bytes;
}

std::vector<std::string> SplitPathList(std::string_view list) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= list.size()) {
    size_t colon = list.find(':', start);
    if (colon == std::string_view::npos) colon = list.size();
    if (colon > start) parts.emplace_back(list.substr(start, colon - start));
    start = colon + 1;
  }
  return parts;
}

}  // namespace vanban::internal
