// Helpers shared by the script tests.
#pragma once
#include <string>

#include "script/script_engine.h"

namespace partsmith::test {

// One engine for the whole test program, as in a worker process.
inline script::ScriptEngine& sharedEngine() {
  static script::ScriptEngine engine;
  return engine;
}

inline script::RunResult runScript(const std::string& source, const std::map<std::string, script::ParamValue>& overrides = {},
                                   int timeoutMs = 20000, int stopAtMs = 0) {
  return sharedEngine().run(source, overrides, timeoutMs, stopAtMs);
}

// The first error, or an empty one.
inline script::ScriptError firstError(const script::RunResult& r) {
  return r.errors.empty() ? script::ScriptError{} : r.errors.front();
}

}  // namespace partsmith::test
