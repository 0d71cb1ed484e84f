#include "vanban/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <random>

#include "vanban/internal/files.h"

namespace vanban {
namespace {

using internal::ErrnoText;

std::string Parent(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string Base(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// `path` with every symbolic link along its last component followed; `st` gets the final file's
// status, `exists` whether it exists. A link whose target is missing names the file to create.
Status FollowLinks(const std::string& path, std::string* target, struct stat* st, bool* exists) {
  std::string current = path;
  for (int hops = 0; hops < 40; ++hops) {
    if (::lstat(current.c_str(), st) != 0) {
      // ENOTDIR: a part of the path is a file; the folder check names it.
      if (errno != ENOENT && errno != ENOTDIR) return Status::IoError("cannot write " + path + ": " + ErrnoText(errno));
      *target = current;
      *exists = false;
      return Status::Ok();
    }
    if (!S_ISLNK(st->st_mode)) {
      *target = current;
      *exists = true;
      return Status::Ok();
    }
    char buf[PATH_MAX];
    const ssize_t n = ::readlink(current.c_str(), buf, sizeof buf - 1);
    if (n < 0) return Status::IoError("cannot write " + path + ": cannot read the link " + current + ": " + ErrnoText(errno));
    const std::string link(buf, static_cast<size_t>(n));
    current = link.starts_with('/') ? link : Parent(current) + "/" + link;
  }
  return Status::InvalidArgument("cannot write " + path + ": too many levels of symbolic links");
}

}  // namespace

OutputFile::OutputFile(std::string path, std::string target, std::string temporary, int fd, bool owns_fd)
    : path_(std::move(path)), target_(std::move(target)), temporary_(std::move(temporary)), fd_(fd), owns_fd_(owns_fd) {}

OutputFile::~OutputFile() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
  if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

Status OutputFile::Fail(const std::string& what, int err) const {
  return Status::IoError("cannot write " + path_ + ": " + what + (err != 0 ? ": " + ErrnoText(err) : ""));
}

StatusOr<std::unique_ptr<OutputFile>> OutputFile::Open(const std::string& path) {
  if (path.empty()) return Status::InvalidArgument("no output path given");
  if (path == "-") return std::unique_ptr<OutputFile>(new OutputFile(path, path, "", STDOUT_FILENO, false));
  std::string target;
  struct stat st {};
  bool exists = false;
  VANBAN_RETURN_IF_ERROR(FollowLinks(path, &target, &st, &exists));
  if (exists && S_ISDIR(st.st_mode)) return Status::InvalidArgument("cannot write " + path + ": it is a directory");
  if (exists && S_ISSOCK(st.st_mode)) return Status::Unsupported("cannot write " + path + ": it is a socket");
  if (exists && !S_ISREG(st.st_mode)) {
    // A FIFO, a device, a terminal: written as it is, never replaced.
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return Status::IoError("cannot write " + path + ": " + ErrnoText(errno));
    return std::unique_ptr<OutputFile>(new OutputFile(path, target, "", fd, true));
  }
  const std::string folder = Parent(target);
  struct stat folder_st {};
  if (::stat(folder.c_str(), &folder_st) != 0) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound("cannot write " + path + ": the folder " + folder + " does not exist");
    return Status::IoError("cannot write " + path + ": the folder " + folder + ": " + ErrnoText(err));
  }
  if (!S_ISDIR(folder_st.st_mode)) {
    return Status::InvalidArgument("cannot write " + path + ": " + folder + " is not a folder");
  }
  // The temporary file is made with the default permissions (0666 less the umask) or, replacing a
  // file, with that file's.
  static std::atomic<unsigned> counter{0};
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string temporary = folder + "/." + Base(target) + ".vanban-" + std::to_string(::getpid()) + "-" +
                                  std::to_string(counter++) + "-" + std::to_string(random() % 100000);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return Status::IoError("cannot write " + path + ": cannot create a file in " + folder + ": " + ErrnoText(errno));
    }
    if (exists) (void)::fchmod(fd, st.st_mode & 07777);
    return std::unique_ptr<OutputFile>(new OutputFile(path, target, temporary, fd, true));
  }
  return Status::IoError("cannot write " + path + ": no free temporary name in " + folder);
}

Status OutputFile::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail("write failed", errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status OutputFile::Commit() {
  if (committed_) return Status::Ok();
  committed_ = true;
  if (temporary_.empty()) return Status::Ok();
  const auto remove = [&] { ::unlink(temporary_.c_str()); };
  if (::fsync(fd_) != 0) {
    const int err = errno;
    remove();
    return Fail("flushing to disk failed", err);
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    const int err = errno;
    remove();
    return Fail("closing failed", err);
  }
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    const int err = errno;
    remove();
    return Fail("cannot move the new file into place", err);
  }
  return Status::Ok();
}

Status WriteOutputFile(const std::string& path, std::string_view bytes) {
  VANBAN_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> out, OutputFile::Open(path));
  VANBAN_RETURN_IF_ERROR(out->Write(bytes));
  return out->Commit();
}

}  // namespace vanban
