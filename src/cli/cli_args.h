// A small command-line reader shared by the partsmith-cli commands: flags with values,
// repeated flags and positional arguments, with usage errors as exceptions (exit status 2).
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace partsmith::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CliArgs {
 public:
  // `valueFlags` take a value (--export PATH); `switches` do not (--json).
  CliArgs(const std::vector<std::string>& args, const std::vector<std::string>& valueFlags,
          const std::vector<std::string>& switches);

  const std::vector<std::string>& positional() const { return m_positional; }
  bool has(const std::string& flag) const;
  std::string value(const std::string& flag, const std::string& fallback = {}) const;  // last occurrence
  std::vector<std::string> values(const std::string& flag) const;                      // every occurrence

 private:
  std::vector<std::string> m_positional;
  std::map<std::string, std::vector<std::string>> m_values;
};

std::string readTextFile(const std::string& path);  // throws UsageError when unreadable

}  // namespace partsmith::cli
