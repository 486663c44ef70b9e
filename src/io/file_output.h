// A file written through POSIX calls with every error checked and turned into an
// ExportError with the errno reason ("disk full"). std::ofstream loses errno and, in
// libstdc++, can even throw std::bad_cast from a failing stream when OCCT imbues a locale.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace partsmith::io {

class FileOutput {
 public:
  explicit FileOutput(std::string path);  // creates or truncates, mode 0666 minus umask
  ~FileOutput();                          // closes without reporting; call close() first
  FileOutput(const FileOutput&) = delete;
  FileOutput& operator=(const FileOutput&) = delete;

  void write(const void* data, size_t size);
  void write(const std::string& text) { write(text.data(), text.size()); }
  void close();  // flushes the buffer and reports a late failure

 private:
  void flushBuffer();

  std::string m_path;
  int m_fd = -1;
  std::vector<char> m_buffer;
};

}  // namespace partsmith::io
