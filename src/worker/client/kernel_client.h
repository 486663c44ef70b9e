// The caller's side of the partsmith-kernel worker: keeps one warm worker process, sends it
// JSON-lines jobs, enforces a wall-clock deadline per job, and kills and replaces the worker
// when it hangs, crashes or is cancelled. No OCCT and no Qt, so the app, the CLI and tests
// share it.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace partsmith::worker {

struct KernelClientOptions {
  std::string kernelExecutable;  // empty: findKernelExecutable()
  int memoryLimitMb = 4096;      // address-space limit of the worker (setrlimit RLIMIT_AS)
  int defaultTimeoutMs = 20000;  // per job, when the job does not say
  // The script of a job must end within its timeout: the worker interrupts it at
  // interruptPercent of the timeout (so its error can still arrive) and is killed at the
  // timeout itself. Meshing, exports and renders after the script get killGraceMs more.
  int interruptPercent = 85;
  int killGraceMs = 3000;
  std::string tempDir;  // worker payload directory; empty: a fresh directory under $TMPDIR
};

// Finds partsmith-kernel: $PARTSMITH_KERNEL, next to the running executable, the build-tree
// sibling ../worker/partsmith-kernel, then $PATH. Empty when not found.
std::string findKernelExecutable();

class KernelClient {
 public:
  explicit KernelClient(KernelClientOptions options = {});
  ~KernelClient();
  KernelClient(const KernelClient&) = delete;
  KernelClient& operator=(const KernelClient&) = delete;

  // Sends `job` (an object with "op"; an "id" is added) and waits for the reply. Never throws
  // for worker failures: a hang, crash or cancellation comes back as
  // {"ok": false, "errors": [{"kind": "timeout"|"crash"|"cancelled", "message", "hint"}]} and
  // the worker is replaced before the next job. Jobs are serialised (one at a time).
  nlohmann::json request(nlohmann::json job);

  // Kills the running job's worker from any thread; request() returns "cancelled" promptly.
  void cancel();
  // Starts the worker now so the first job pays no start-up cost.
  void warmUp();
  // Process id of the current worker, 0 when none runs (for tests and diagnostics).
  int workerPid() const;
  // How many workers were started so far (1 + replacements).
  int workersStarted() const { return m_started.load(); }
  const std::string& tempDir() const { return m_tempDir; }

 private:
  struct Process;
  bool ensureRunning(std::string& error);
  void stopWorker(bool kill);
  nlohmann::json failure(const std::string& kind, const std::string& message, const std::string& hint) const;

  KernelClientOptions m_options;
  std::string m_tempDir;
  bool m_ownsTempDir = false;
  std::mutex m_jobMutex;
  mutable std::mutex m_processMutex;
  std::unique_ptr<Process> m_process;
  std::atomic<bool> m_cancelled{false};
  std::atomic<int> m_started{0};
  long long m_nextId = 1;
};

}  // namespace partsmith::worker
