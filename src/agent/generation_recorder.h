// Writes a generation to the store as it happens: every model message, tool call and tool
// result the moment it exists, with its model, tokens, cost and duration — so a crash loses
// nothing already shown. A model turn is written while it streams (partial steps, rewritten as
// the turn grows at the watcher's cadence) and completed in place when it ends. A failing write (full disk, locked file) is reported once through
// the warning callback and does not stop the generation.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/stage_model.h"
#include "store/generation_repository.h"

namespace partsmith::agent {

struct Evaluation;

class GenerationRecorder {
 public:
  using Warn = std::function<void(const std::string&)>;
  GenerationRecorder(store::GenerationRepository* repository, int64_t generationId, Warn warn = {})
      : m_repo(repository), m_id(generationId), m_warn(std::move(warn)) {}

  int64_t id() const { return m_id; }
  bool active() const { return m_repo != nullptr && m_id > 0; }

  // A text message: the prompt sent (role user/system) or the reply received (assistant, with
  // the turn's usage).
  void message(const std::string& stage, const std::string& role, const std::string& content,
               const std::string& model = {}, const LlmTurn* turn = nullptr);
  // An assistant turn that called tools: its text (if any, with the usage) and one tool_call
  // step per call. Completes the turn's partial steps when it was recorded while streaming.
  void assistantTurn(const std::string& stage, const std::string& model, const LlmTurn& turn);
  // The turn so far, while it streams: its text as one partial message step and each tool
  // call (arguments so far) as a partial tool_call step, rewritten on every call.
  void partialTurn(const std::string& stage, const std::string& model, const llm::AssembledMessage& partial);
  // A watcher for callModel() that records the streaming turn of `stage` (none when inactive).
  StreamWatcher watcher(const std::string& stage, const std::string& model);
  void toolResult(const std::string& stage, const std::string& callId, const std::string& toolName,
                  const std::string& content, bool isError, const std::optional<std::string>& code = std::nullopt);
  void usage(const std::string& stage, const std::string& model, const LlmTurn& turn, const std::string& provider = {});
  void usage(const std::string& stage, const std::string& model, const store::TokenUsage& usage,
             const std::string& provider = {});
  void stage(const std::string& stage, const std::string& model, bool enabled, const std::string& provider = {});
  void spec(const nlohmann::json& spec);
  void score(const store::TrackScore& score);
  // An evaluation round: each track's score (with `round` in its details) and the whole
  // evaluation as a system message of the evaluate stage.
  void evaluation(const Evaluation& evaluation, int round);
  void finish(const store::GenerationOutcome& outcome);
  void timing(double llmMs, double kernelMs, double overheadMs);

  static store::TokenUsage tokenUsage(const LlmTurn& turn);
  // Runs `writes` (calls of this recorder) as one transaction, so they cost one disk sync.
  void batch(const std::function<void()>& writes);
  // How often a streaming turn's text is rewritten (tool calls are written at once).
  void setStreamInterval(std::chrono::milliseconds interval) { m_interval = interval; }

 private:
  template <class F>
  void guarded(const char* what, F&& f);

  // The rows of the turn being streamed (0: none yet).
  struct Streaming {
    std::string stage;
    int64_t messageStep = 0;
    std::vector<int64_t> callSteps;
  };
  static store::GenerationStep turnStep(const std::string& stage, const std::string& model, const std::string& text);
  static store::GenerationStep callStep(const std::string& stage, const std::string& model, const llm::ToolCall& call);
  void writePartial(const std::string& stage, const std::string& model, const llm::AssembledMessage& partial,
                    Streaming& streaming);
  // Writes `message` (and `calls`) into the streaming rows when there are any, else appends.
  void writeTurn(store::GenerationStep message, const std::vector<store::GenerationStep>& calls);

  store::GenerationRepository* m_repo;
  int64_t m_id;
  Streaming m_streaming;
  Warn m_warn;
  bool m_warned = false;
  std::chrono::milliseconds m_interval{500};
};

}  // namespace partsmith::agent
