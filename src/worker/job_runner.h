// Executes one worker job (run a script, then optionally mesh, export and render its parts)
// and builds the JSON reply of the CLI contract. Lives inside partsmith-kernel.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace partsmith::script {
class ScriptEngine;
}
namespace partsmith::render {
class OffscreenRenderer;
}

namespace partsmith::worker {

class JobRunner {
 public:
  // `tempDir` receives mesh payloads; it must exist.
  explicit JobRunner(std::string tempDir);
  ~JobRunner();

  // Never throws: every failure becomes an entry of "errors" in the reply.
  nlohmann::json handle(const nlohmann::json& job);
  // Work that is best done between jobs, while the caller reads the reply: the last run's
  // script engine is freed and the next one built with its prelude.
  void idle();
  // Receives {"id", "phase": "script-done"} once a run's script has finished and meshing,
  // exports and renders start: the client's hard deadline covers only the script.
  void setProgressSink(std::function<void(const nlohmann::json&)> sink) { m_progress = std::move(sink); }

 private:
  nlohmann::json run(const nlohmann::json& job);
  nlohmann::json params(const nlohmann::json& job);
  render::OffscreenRenderer& renderer();

  std::string m_tempDir;
  std::unique_ptr<script::ScriptEngine> m_engine;
  std::unique_ptr<render::OffscreenRenderer> m_renderer;  // created on the first render
  long long m_jobCounter = 0;
  std::function<void(const nlohmann::json&)> m_progress;
};

}  // namespace partsmith::worker
