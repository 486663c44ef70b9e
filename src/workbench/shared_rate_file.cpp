#include "workbench/shared_rate_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace partsmith::workbench {

namespace {

const char kMagic[] = "partsmith-rate-gate";
const size_t kMaxFileBytes = 4096;

std::string hostName() {
  char buf[256] = {0};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "host";
  return buf;
}

std::string sanitized(std::string s) {
  for (char& c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) c = '_';
  return s;
}

// Holds flock() on the lock file for one read-compare-write; a filesystem without locks (some
// cluster filesystems mounted without them) leaves `locked` false and the rename still keeps
// the file whole.
struct FileLock {
  int fd = -1;
  bool locked = false;
  int error = 0;
  explicit FileLock(const std::string& path) {
    fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      error = errno;
      return;
    }
    int rc;
    do rc = ::flock(fd, LOCK_EX);
    while (rc != 0 && errno == EINTR);
    locked = rc == 0;
    if (!locked) error = errno;
  }
  ~FileLock() {
    if (fd >= 0) ::close(fd);  // releases the lock
  }
};

}  // namespace

SharedRateFile::SharedRateFile(std::string path, Warn warn) : m_path(std::move(path)), m_warn(std::move(warn)) {
  if (!m_warn) m_warn = [](const std::string& m) { std::fprintf(stderr, "warning: %s\n", m.c_str()); };
}

int64_t SharedRateFile::nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void SharedRateFile::warnOnce(const std::string& message) {
  if (message == m_lastWarning) return;
  m_lastWarning = message;
  m_warn(message);
}

std::optional<std::string> SharedRateFile::readText(int* error) {
  *error = 0;
  const int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) *error = errno;
    return std::nullopt;
  }
  std::string text;
  char buf[1024];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = errno;
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > kMaxFileBytes) break;  // not ours: no need to read it all
  }
  ::close(fd);
  return text;
}

std::optional<int64_t> SharedRateFile::parse(const std::string& text) {
  const char* key = "open_at_ms=";
  const size_t at = text.compare(0, sizeof kMagic - 1, kMagic) == 0 ? text.find(key) : std::string::npos;
  long long value = -1;
  if (at != std::string::npos) {
    const char* start = text.c_str() + at + std::strlen(key);
    char* end = nullptr;
    errno = 0;
    value = std::strtoll(start, &end, 10);
    if (end == start || errno != 0 || (*end != ' ' && *end != '\n' && *end != '\0')) value = -1;
  }
  if (value < 0) {
    warnOnce("ignoring the rate file " + m_path +
             ": it holds no pause deadline (expected a line like 'partsmith-rate-gate 1 open_at_ms=…' written by "
             "`workbench run --rate-file`)");
    return std::nullopt;
  }
  const int64_t ahead = value - nowMs();
  if (ahead > kMaxAheadMs) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.0f minutes", ahead / 60000.0);
    warnOnce("ignoring the rate file " + m_path + ": its pause ends in " + buf +
             ", further ahead than a provider asks to wait (the clock of the node that wrote it may be off, or the "
             "file is stale); the next pause replaces it");
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> SharedRateFile::read() {
  std::lock_guard<std::mutex> lock(m_mutex);
  int error = 0;
  const std::optional<std::string> text = readText(&error);
  if (error != 0)
    warnOnce("cannot read the rate file " + m_path + ": " + std::strerror(error) +
             " (shards do not share rate-limit pauses until it is readable)");
  if (!text) return std::nullopt;
  if (text->empty()) return std::nullopt;  // created by hand or by `touch`: no pause yet
  return parse(*text);
}

bool SharedRateFile::extend(int64_t openAtMs) {
  std::lock_guard<std::mutex> lock(m_mutex);
  FileLock fileLock(m_path + ".lock");
  if (!fileLock.locked && !m_lockWarned) {
    m_lockWarned = true;
    m_warn("the rate file " + m_path + " cannot be locked (" + std::strerror(fileLock.error) +
           "): pauses are still shared, but two shards pausing at the same moment may keep the earlier deadline");
  }
  int error = 0;
  const std::optional<std::string> text = readText(&error);
  if (text && !text->empty()) {
    if (text->compare(0, sizeof kMagic - 1, kMagic) != 0 && text->size() > 256) {
      // Someone pointed --rate-file at a file of their own: do not replace it.
      warnOnce("not writing the rate file " + m_path +
               ": it exists and is not a Partsmith rate file; choose a new path for --rate-file");
      return false;
    }
    if (const auto current = parse(*text); current && *current >= openAtMs) return true;  // a later pause holds
  }

  static const std::string host = sanitized(hostName());
  const std::string temp =
      m_path + ".tmp-" + host + "-" + std::to_string(::getpid()) + "-" + std::to_string(++m_tempCounter);
  char line[256];
  std::snprintf(line, sizeof line, "%s 1 open_at_ms=%lld by=%s:%d written_at_ms=%lld\n", kMagic,
                static_cast<long long>(openAtMs), host.c_str(), static_cast<int>(::getpid()),
                static_cast<long long>(nowMs()));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0;
  int why = ok ? 0 : errno;
  if (ok) {
    const size_t len = std::strlen(line);
    ok = ::write(fd, line, len) == static_cast<ssize_t>(len);
    if (!ok) why = errno;
    if (::close(fd) != 0 && ok) {
      ok = false;
      why = errno;
    }
  }
  if (ok && ::rename(temp.c_str(), m_path.c_str()) != 0) {
    ok = false;
    why = errno;
  }
  if (!ok) {
    ::unlink(temp.c_str());
    warnOnce("cannot write the rate file " + m_path + ": " + std::strerror(why) +
             " (this pause holds for this process only; is the folder on a filesystem every shard can write?)");
  }
  return ok;
}

}  // namespace partsmith::workbench
