// The rate gate's pause shared between processes: shards of one run (`--shard i/n`), perhaps on
// other cluster nodes, that draw on the same provider quota. The pause deadline is a wall-clock
// time (ms since the epoch, so it means the same on every node whose clock is in step) in a
// small text file on a filesystem they all see. Writers replace the file through a temporary
// file and rename(), under flock() on a lock file next to it where the filesystem supports
// that, so readers never see half a file and a later deadline is never overwritten by an
// earlier one. A file that cannot be read as a deadline, or whose deadline is further ahead
// than any provider asks for, is ignored with a warning.
#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace partsmith::workbench {

class SharedRateFile {
 public:
  using Warn = std::function<void(const std::string&)>;

  // Deadlines further ahead than this are not trusted (a node whose clock is off, a stray file).
  static constexpr int64_t kMaxAheadMs = 15 * 60 * 1000;

  // `warn` gets each distinct problem once (default: stderr).
  explicit SharedRateFile(std::string path, Warn warn = {});

  // The deadline in the file; nullopt when there is no file or it holds no usable deadline.
  std::optional<int64_t> read();
  // Moves the deadline to `openAtMs` unless the file holds a later one. False (with a warning)
  // when the file could not be written; the pause then holds in this process only.
  bool extend(int64_t openAtMs);

  const std::string& path() const { return m_path; }
  static int64_t nowMs();

 private:
  // The text of the file as it is, nullopt when there is none.
  std::optional<std::string> readText(int* error);
  std::optional<int64_t> parse(const std::string& text);
  void warnOnce(const std::string& message);

  std::string m_path;
  Warn m_warn;
  std::mutex m_mutex;
  std::string m_lastWarning;
  bool m_lockWarned = false;
  int m_tempCounter = 0;
};

}  // namespace partsmith::workbench
