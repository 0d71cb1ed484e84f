// Output files: a regular file is replaced atomically; a symbolic link keeps pointing at the file it
// names, which is replaced; a FIFO and a device are written in place; a folder is an error. The kind
// of the target never changes.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "test_files.h"
#include "vanban/output_file.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempFiles;

// Files in `dir` other than `keep`: leftover temporary files.
std::vector<std::string> Others(const std::string& dir, const std::vector<std::string>& keep) {
  std::vector<std::string> others;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (std::find(keep.begin(), keep.end(), name) == keep.end()) others.push_back(name);
  }
  return others;
}

TEST(OutputFile, NewFileAppearsOnlyWhenCommitted) {
  TempFiles files;
  const std::string path = files.Path("out.json");
  auto out = OutputFile::Open(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE((*out)->Write("{}\n").ok());
  EXPECT_FALSE(fs::exists(path));  // a reader never sees half a file
  ASSERT_TRUE((*out)->Commit().ok());
  EXPECT_EQ(ReadFile(path), "{}\n");
  EXPECT_TRUE(Others(files.Dir(), {"out.json"}).empty());
}

TEST(OutputFile, RegularFileIsReplacedWithItsPermissions) {
  TempFiles files;
  const std::string path = files.Write("out.json", "old");
  ::chmod(path.c_str(), 0640);
  ASSERT_TRUE(WriteOutputFile(path, "new").ok());
  EXPECT_EQ(ReadFile(path), "new");
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
}

TEST(OutputFile, UncommittedWriteLeavesTheOldFile) {
  TempFiles files;
  const std::string path = files.Write("out.json", "old");
  {
    auto out = OutputFile::Open(path);
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write("half").ok());
  }
  EXPECT_EQ(ReadFile(path), "old");
  EXPECT_TRUE(Others(files.Dir(), {"out.json"}).empty());  // the temporary file is gone
}

TEST(OutputFile, SymbolicLinkKeepsPointingAtItsReplacedTarget) {
  TempFiles files;
  const std::string target = files.Write("real.json", "old");
  const std::string link = files.Path("link.json");
  fs::create_symlink("real.json", link);  // relative, as users make them
  ASSERT_TRUE(WriteOutputFile(link, "new").ok());
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), "real.json");
  EXPECT_EQ(ReadFile(target), "new");
  // A link to a file not there yet creates that file.
  const std::string dangling = files.Path("dangling.json");
  fs::create_symlink(files.Path("later.json"), dangling);
  ASSERT_TRUE(WriteOutputFile(dangling, "made").ok());
  EXPECT_TRUE(fs::is_symlink(dangling));
  EXPECT_EQ(ReadFile(files.Path("later.json")), "made");
}

TEST(OutputFile, FifoIsWrittenInPlaceForItsReader) {
  TempFiles files;
  const std::string fifo = files.Path("pipe");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = ReadFile(fifo); });
  ASSERT_TRUE(WriteOutputFile(fifo, "through the pipe").ok());
  reader.join();
  EXPECT_EQ(received, "through the pipe");
  EXPECT_TRUE(fs::is_fifo(fifo));  // never replaced by a regular file
}

TEST(OutputFile, CharacterDeviceIsWrittenInPlace) {
  if (::geteuid() != 0) GTEST_SKIP() << "making a device node (mknod) needs root";
  TempFiles files;
  const std::string device = files.Path("null");
  ASSERT_EQ(::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)), 0) << "mknod of /dev/null's numbers";
  ASSERT_TRUE(WriteOutputFile(device, "discarded").ok());
  struct stat st {};
  ASSERT_EQ(::stat(device.c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(major(st.st_rdev), 1u);
  EXPECT_EQ(minor(st.st_rdev), 3u);
  EXPECT_TRUE(Others(files.Dir(), {"null"}).empty());
}

TEST(OutputFile, FolderAndMissingFolderAreErrorsThatSayWhy) {
  TempFiles files;
  const auto folder = OutputFile::Open(files.Dir());
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.status().message().find("it is a directory"), std::string::npos) << folder.status().message();
  EXPECT_TRUE(fs::is_directory(files.Dir()));
  const auto missing = OutputFile::Open("/nonexistent/dir/out.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            "cannot write /nonexistent/dir/out.json: the folder /nonexistent/dir does not exist");
  const std::string file = files.Write("plain", "x");
  const auto under_file = OutputFile::Open(file + "/out.json");
  ASSERT_FALSE(under_file.ok());
  EXPECT_NE(under_file.status().message().find("is not a folder"), std::string::npos) << under_file.status().message();
}

TEST(OutputFile, LinkLoopIsAnError) {
  TempFiles files;
  fs::create_symlink("b", files.Path("a"));
  fs::create_symlink("a", files.Path("b"));
  const auto out = OutputFile::Open(files.Path("a"));
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("too many levels of symbolic links"), std::string::npos);
}

}  // namespace
}  // namespace vanban
