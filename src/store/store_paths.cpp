#include "store/store_paths.h"

#include <cstdlib>
#include <filesystem>

namespace partsmith::store {
namespace fs = std::filesystem;

std::string defaultDatabasePath() {
  if (const char* env = std::getenv("PARTSMITH_DB"); env && *env) return env;
  fs::path base;
  // The XDG spec says relative values are invalid and must be ignored.
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg && fs::path(xdg).is_absolute()) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = fs::path(home) / ".local" / "share";
  } else {
    base = fs::current_path();
  }
  return (base / "partsmith" / "partsmith.db").string();
}

std::string backupDirectoryFor(const std::string& databasePath) {
  fs::path db(databasePath);
  fs::path folder = db.has_parent_path() ? db.parent_path() : fs::current_path();
  return (folder / "backups").string();
}

}  // namespace partsmith::store
