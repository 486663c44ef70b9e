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

namespace partsmith::script {

struct RunResult {
  bool ok = false;
  std::vector<Parameter> parameters;
  kernel::PartList parts;
  std::vector<ScriptError> errors;
  std::vector<std::string> log;
  double scriptMs = 0, kernelMs = 0;
  std::vector<std::string> notes;  // e.g. ignored cq.exporters.export requests
};

class ScriptEngine {
 public:
  ScriptEngine();
  ~ScriptEngine();
  ScriptEngine(const ScriptEngine&) = delete;
  ScriptEngine& operator=(const ScriptEngine&) = delete;

  RunResult run(const std::string& source, const std::map<std::string, ParamValue>& overrides = {},
                int timeoutMs = 20000);
  // Thread-safe: stops the running script (reported as a timeout-kind error).
  void interrupt();

  // The name scripts are evaluated under (it appears in JS stack traces).
  static const char* scriptFileName();

 private:
  std::unique_ptr<QCoreApplication> m_app;  // only when the process has none (QJSEngine needs one)
  std::mutex m_mutex;
  QJSEngine* m_current = nullptr;  // guarded by m_mutex
  std::atomic<bool> m_interruptRequested{false};
};

}  // namespace partsmith::script
