// Where the bundled data (prompts, examples, curriculum, price table) is found at run time.
// Header-only: each module that reads such data is compiled with PARTSMITH_SOURCE_DIR (the
// source tree) and PARTSMITH_DATA_DIR (the configured <prefix>/share/partsmith).
#pragma once
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace partsmith::base {

// The executable's own directory ("" when it cannot be told).
inline std::filesystem::path executableDir() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : self.parent_path();
}

// The first existing of, in order: $PARTSMITH_DATA_DIR/<installed>; <exe>/../share/partsmith/
// <installed> (an install under any prefix, also one moved after `cmake --install --prefix`);
// <source tree>/<inSource> (a build tree); <configured data dir>/<installed>. When none exists,
// the configured location, so an error names where the file was expected once installed.
inline std::string findDataPath(const std::string& installed, const std::string& inSource) {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("PARTSMITH_DATA_DIR"); env && *env) candidates.push_back(fs::path(env) / installed);
  if (const fs::path dir = executableDir(); !dir.empty())
    candidates.push_back(dir.parent_path() / "share" / "partsmith" / installed);
#ifdef PARTSMITH_SOURCE_DIR
  candidates.push_back(fs::path(PARTSMITH_SOURCE_DIR) / inSource);
#endif
#ifdef PARTSMITH_DATA_DIR
  const fs::path configured = fs::path(PARTSMITH_DATA_DIR) / installed;
#else
  const fs::path configured = fs::path("share/partsmith") / installed;
#endif
  candidates.push_back(configured);
  std::error_code error;
  for (const fs::path& candidate : candidates)
    if (fs::exists(candidate, error)) return candidate.lexically_normal().string();
  return configured.string();
}

}  // namespace partsmith::base
