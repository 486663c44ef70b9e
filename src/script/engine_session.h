// A QJSEngine with the cq prelude loaded and the ScriptHost behind it: the JavaScript side of
// one run. ScriptEngine prepares the next one on its script thread while the caller is still
// busy with the previous run's results, so a warm run does not wait for engine start-up and
// the prelude's parse (about 4 ms); each run still gets an engine no script has touched.
#pragma once
#include <memory>
#include <set>
#include <string>

#include <QJSEngine>
#include <QJSValue>
#include <QString>

#include "script/native_bridge.h"
#include "script/script_host.h"

namespace partsmith::script {

class EngineSession {
 public:
  EngineSession();
  ~EngineSession();
  EngineSession(const EngineSession&) = delete;
  EngineSession& operator=(const EngineSession&) = delete;

  QJSEngine& engine() { return m_engine; }
  ScriptHost& host() { return m_host; }

  // Loads the prelude modules `code` needs that are not loaded yet; returns an error text, or
  // "" when the engine is ready.
  std::string loadModulesFor(const std::string& code);

 private:
  QJSEngine m_engine;
  ScriptHost m_host{m_engine};
  NativeBridge m_bridge;
  QJSValue m_nativeObject, m_api;
  std::set<QString> m_loaded;
};

}  // namespace partsmith::script
