// Scratch folders and quick store options for the store tests.
#pragma once
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "store/store.h"
#include "test_paths.h"

namespace partsmith::test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "partsmith-store-XXXXXX").string();
    m_path = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path() const { return m_path; }
  std::string file(const std::string& name) const { return (std::filesystem::path(m_path) / name).string(); }

 private:
  std::string m_path;
};

// No seeding and no automatic backup: most tests want an empty database, quickly.
inline store::StoreOptions bareOptions() {
  store::StoreOptions options;
  options.seedLibrary = false;
  options.autoBackup = false;
  return options;
}

}  // namespace partsmith::test
