// Writes a generation to the store as it happens: every model message, tool call and tool
// result the moment it exists, with its model, tokens, cost and duration — so a crash loses
// nothing already shown. A failing write (full disk, locked file) is reported once through
// the warning callback and does not stop the generation.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "agent/stage_model.h"
#include "store/generation_repository.h"

namespace partsmith::agent {

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
  // step per call.
  void assistantTurn(const std::string& stage, const std::string& model, const LlmTurn& turn);
  void toolResult(const std::string& stage, const std::string& callId, const std::string& toolName,
                  const std::string& content, bool isError, const std::optional<std::string>& code = std::nullopt);
  void usage(const std::string& stage, const std::string& model, const LlmTurn& turn, const std::string& provider = {});
  void stage(const std::string& stage, const std::string& model, bool enabled, const std::string& provider = {});
  void spec(const nlohmann::json& spec);
  void score(const store::TrackScore& score);
  void finish(const store::GenerationOutcome& outcome);

  static store::TokenUsage tokenUsage(const LlmTurn& turn);

 private:
  template <class F>
  void guarded(const char* what, F&& f);

  store::GenerationRepository* m_repo;
  int64_t m_id;
  Warn m_warn;
  bool m_warned = false;
};

}  // namespace partsmith::agent
