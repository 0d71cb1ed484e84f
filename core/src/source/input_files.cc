// Folders given as inputs, walked into the files they hold.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <utility>

#include "vanban/internal/files.h"
#include "vanban/source.h"

namespace vanban {
namespace {

struct FolderWalk {
  std::set<std::pair<dev_t, ino_t>> entered;  // folders by identity: a link back up is entered once
  std::vector<std::string> files;
  std::vector<std::string>* problems;

  void Walk(const std::string& folder, const struct stat& st) {
    if (!entered.insert({st.st_dev, st.st_ino}).second) return;
    DIR* dir = ::opendir(folder.c_str());
    if (dir == nullptr) {
      if (problems != nullptr) problems->push_back(folder + ": cannot read folder: " + internal::ErrnoText(errno));
      return;
    }
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(dir)) {
      // Hidden entries are editors' and version control's (.git, .~lock.x.docx#), not documents.
      if (entry->d_name[0] != '.') names.emplace_back(entry->d_name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const std::string path = folder + (folder.ends_with('/') ? "" : "/") + name;
      struct stat target {};
      if (::stat(path.c_str(), &target) != 0) {
        files.push_back(path);  // a dangling link: its error record says so
        continue;
      }
      if (S_ISDIR(target.st_mode)) {
        Walk(path, target);
      } else if (S_ISREG(target.st_mode)) {
        files.push_back(path);
      }
    }
  }
};

}  // namespace

std::vector<std::string> ExpandInputs(const std::vector<std::string>& arguments, std::vector<std::string>* problems) {
  std::vector<std::string> out;
  for (const std::string& argument : arguments) {
    struct stat st {};
    if (argument == "-" || ::stat(argument.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      out.push_back(argument);
      continue;
    }
    FolderWalk walk;
    walk.problems = problems;
    walk.Walk(argument, st);
    std::sort(walk.files.begin(), walk.files.end());
    if (walk.files.empty() && problems != nullptr) problems->push_back(argument + ": folder holds no files");
    out.insert(out.end(), walk.files.begin(), walk.files.end());
  }
  return out;
}

}  // namespace vanban
