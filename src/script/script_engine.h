// Runs one Partsmith script: parameters (with overrides), evaluation in a sandboxed
// QJSEngine with the cq API, the parts show() collected, errors in the user's terms.
// One ScriptEngine per worker process, reused across runs; each run gets a fresh JS engine
// (about a millisecond, and no state leaks from one run to the next).
#pragma once
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kernel/part.h"
#include "script/parameter.h"
#include "script/script_error.h"

class QCoreApplication;
class QJSEngine;

namespace partsmith::kernel {
class OpCache;
}

namespace partsmith::script {

struct RunResult {
  bool ok = false;
  std::vector<Parameter> parameters;
  kernel::PartList parts;
  std::vector<ScriptError> errors;
  std::vector<std::string> log;
  double scriptMs = 0, kernelMs = 0;
  // How long the run waited for its JS engine: 0 when one was built ahead and ready
  // (ScriptEngine::prepareNext), else the time to build it or to finish building it.
  double engineWaitMs = 0;
  std::vector<std::string> notes;  // e.g. ignored cq.exporters.export requests
  // Kernel operations answered from the previous run's results / computed (kernel/op_cache.h).
  long long opCacheHits = 0, opCacheMisses = 0;
};

class ScriptEngine {
 public:
  ScriptEngine();
  ~ScriptEngine();
  ScriptEngine(const ScriptEngine&) = delete;
  ScriptEngine& operator=(const ScriptEngine&) = delete;

  // `timeoutMs` is the limit errors name; `stopAtMs` (0: the timeout) stops the script earlier,
  // so a caller that must answer within the timeout (the worker) has time to report it.
  RunResult run(const std::string& source, const std::map<std::string, ParamValue>& overrides = {},
                int timeoutMs = 20000, int stopAtMs = 0);
  // Thread-safe: stops the running script (reported as a timeout-kind error).
  void interrupt();

  // For a worker process: from now on every run's JS engine (with the always-needed prelude)
  // is built ahead on a helper thread: the first one now, each next one while the run before
  // it executes, so engine start and prelude compile are off the latency path even when runs
  // follow back to back. The last run's engine is freed here (call it while idle, e.g. right
  // after a reply) instead of inside run(). Only from the thread that calls run().
  void prepareNext();

  // Whether runs reuse unchanged kernel results of the previous run (on by default; off when
  // the environment sets PARTSMITH_OP_CACHE=0). Turning it off drops what is kept.
  void setOpCacheEnabled(bool enabled);
  bool opCacheEnabled() const { return m_opCacheEnabled; }
  size_t opCacheEntries() const;

  // The name scripts are evaluated under (it appears in JS stack traces).
  static const char* scriptFileName();

 private:
  std::unique_ptr<QCoreApplication> m_app;  // only when the process has none (QJSEngine needs one)
  std::mutex m_mutex;
  QJSEngine* m_current = nullptr;  // guarded by m_mutex
  std::atomic<bool> m_interruptRequested{false};
  struct Session;
  class Preparer;
  static std::unique_ptr<Session> newSession(std::string& error);
  std::unique_ptr<Preparer> m_preparer;  // set once prepareNext() is used
  std::unique_ptr<Session> m_spent;      // the last run's, freed by prepareNext()
  std::unique_ptr<kernel::OpCache> m_opCache;
  bool m_opCacheEnabled = true;
  bool m_opCacheForcedOff = false;
};

}  // namespace partsmith::script
