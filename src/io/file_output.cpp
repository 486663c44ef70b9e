#include "io/file_output.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

#include "io/export_error.h"

namespace partsmith::io {
namespace {

constexpr size_t kBufferSize = 1 << 16;

}  // namespace

FileOutput::FileOutput(std::string path) : m_path(std::move(path)) {
  m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (m_fd < 0)
    throw ExportError(m_path, reasonFromErrno(errno));
  m_buffer.reserve(kBufferSize);
}

FileOutput::~FileOutput() {
  if (m_fd >= 0)
    ::close(m_fd);
}

void FileOutput::write(const void* data, size_t size) {
  const char* bytes = static_cast<const char*>(data);
  if (m_buffer.size() + size > kBufferSize)
    flushBuffer();
  if (size >= kBufferSize) {  // large blocks go straight through
    m_buffer.assign(bytes, bytes + size);
    flushBuffer();
    return;
  }
  m_buffer.insert(m_buffer.end(), bytes, bytes + size);
}

void FileOutput::flushBuffer() {
  size_t written = 0;
  while (written < m_buffer.size()) {
    const ssize_t n = ::write(m_fd, m_buffer.data() + written, m_buffer.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      throw ExportError(m_path, reasonFromErrno(n < 0 ? errno : ENOSPC));
    written += static_cast<size_t>(n);
  }
  m_buffer.clear();
}

void FileOutput::close() {
  if (m_fd < 0)
    return;
  flushBuffer();
  const int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0)
    throw ExportError(m_path, reasonFromErrno(errno));
}

}  // namespace partsmith::io
