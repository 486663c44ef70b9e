// The one error type of the io module: which file could not be written (or read) and why.
#pragma once
#include <stdexcept>
#include <string>

namespace partsmith::io {

class ExportError : public std::runtime_error {
 public:
  // `path` may be empty while no file is involved yet (e.g. meshing a part for 3MF);
  // `reason` is in the user's terms: "directory does not exist", "disk full".
  ExportError(std::string path, std::string reason);

  const std::string& path() const { return m_path; }
  const std::string& reason() const { return m_reason; }

 private:
  std::string m_path;
  std::string m_reason;
};

// A short reason for a failed system call's errno ("disk full", "permission denied").
std::string reasonFromErrno(int errorNumber);

}  // namespace partsmith::io
