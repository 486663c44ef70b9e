// A file that could not be read back: which one and why.
#pragma once
#include <stdexcept>
#include <string>

namespace partsmith::io {

class ImportError : public std::runtime_error {
 public:
  ImportError(std::string path, std::string reason);

  const std::string& path() const { return m_path; }
  const std::string& reason() const { return m_reason; }

 private:
  std::string m_path;
  std::string m_reason;
};

}  // namespace partsmith::io
