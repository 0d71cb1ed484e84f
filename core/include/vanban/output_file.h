// Output files that never break what they replace: records, reports and searchable PDFs.
//
// A regular file (or a name not yet taken) is written atomically: into a temporary file beside it,
// renamed over it by Commit, so a reader never sees half a file and an interrupted run leaves the
// old one. Through a symbolic link, the file the link names is replaced and the link kept. A FIFO,
// a device or a terminal is written in place, as it is; a folder or a socket is an error. Nothing
// that is not a regular file is ever replaced by one.
#ifndef VANBAN_OUTPUT_FILE_H_
#define VANBAN_OUTPUT_FILE_H_

#include <memory>
#include <string>
#include <string_view>

#include "vanban/status.h"

namespace vanban {

// Owns the open file descriptor and, for atomic writes, the temporary file until Commit. Not
// thread-safe.
class OutputFile {
 public:
  // "-" is standard output. Errors name the path and the cause: "the folder /x does not exist",
  // "is a directory", "Permission denied".
  static StatusOr<std::unique_ptr<OutputFile>> Open(const std::string& path);
  // Removes the temporary file of an uncommitted atomic write; the target stays as it was.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  Status Write(std::string_view bytes);
  // Writes what is left and, for an atomic write, moves the new file into place (keeping the old
  // file's permissions). Call once, after the last Write.
  Status Commit();

  const std::string& path() const { return path_; }
  // True when written in place (standard output, a FIFO, a device) rather than replaced.
  bool in_place() const { return temporary_.empty(); }

 private:
  OutputFile(std::string path, std::string target, std::string temporary, int fd, bool owns_fd);
  Status Fail(const std::string& what, int err) const;

  std::string path_;       // as given
  std::string target_;     // the file written: `path_` with symbolic links followed
  std::string temporary_;  // for atomic writes; empty when writing in place
  int fd_ = -1;
  bool owns_fd_ = true;
  bool committed_ = false;
};

// Open, Write, Commit in one call.
Status WriteOutputFile(const std::string& path, std::string_view bytes);

}  // namespace vanban

#endif  // VANBAN_OUTPUT_FILE_H_
