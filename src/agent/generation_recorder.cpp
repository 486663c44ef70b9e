#include "agent/generation_recorder.h"

#include <exception>

namespace partsmith::agent {

using nlohmann::json;

store::TokenUsage GenerationRecorder::tokenUsage(const LlmTurn& turn) {
  store::TokenUsage u;
  const auto& usage = turn.message.usage;
  u.input = usage.inputTokens;
  u.cacheRead = usage.cacheReadTokens;
  u.cacheWrite = usage.cacheWriteTokens;
  u.output = usage.outputTokens;
  u.costUsd = turn.costUsd.value_or(0);
  u.durationMs = static_cast<int64_t>(turn.elapsedMs);
  return u;
}

template <class F>
void GenerationRecorder::guarded(const char* what, F&& f) {
  if (!active()) return;
  try {
    f();
  } catch (const std::exception& e) {
    if (!m_warned && m_warn) m_warn(std::string("the history database could not record ") + what + ": " + e.what());
    m_warned = true;
  }
}

void GenerationRecorder::message(const std::string& stage, const std::string& role, const std::string& content,
                                 const std::string& model, const LlmTurn* turn) {
  guarded("a message", [&] {
    store::GenerationStep s;
    s.stage = stage;
    s.kind = "message";
    s.role = role;
    s.content = content;
    if (!model.empty()) s.modelId = model;
    if (turn) {
      s.usage = tokenUsage(*turn);
      s.isError = !turn->ok();
      if (!turn->ok() && s.content.empty()) s.content = turn->errorText();
    }
    m_repo->appendStep(m_id, s);
  });
}

void GenerationRecorder::assistantTurn(const std::string& stage, const std::string& model, const LlmTurn& turn) {
  guarded("the model's turn", [&] {
    store::GenerationStep s;
    s.stage = stage;
    s.kind = "message";
    s.role = "assistant";
    s.content = turn.message.text();
    if (!turn.ok()) {
      s.isError = true;
      if (s.content.empty()) s.content = turn.errorText();
    }
    s.modelId = model;
    s.usage = tokenUsage(turn);
    m_repo->appendStep(m_id, s);
    for (const auto& call : turn.message.toolCalls) {
      store::GenerationStep c;
      c.stage = stage;
      c.kind = "tool_call";
      c.role = "assistant";
      c.toolName = call.name;
      c.toolCallId = call.id;
      c.content = call.argumentsValid ? call.arguments.dump() : call.rawArguments;
      c.isError = !call.argumentsValid;
      c.modelId = model;
      m_repo->appendStep(m_id, c);
    }
  });
}

void GenerationRecorder::toolResult(const std::string& stage, const std::string& callId, const std::string& toolName,
                                    const std::string& content, bool isError, const std::optional<std::string>& code) {
  guarded("a tool result", [&] {
    store::GenerationStep s;
    s.stage = stage;
    s.kind = "tool_result";
    s.role = "tool";
    s.toolName = toolName;
    s.toolCallId = callId;
    s.content = content;
    s.isError = isError;
    s.code = code;
    m_repo->appendStep(m_id, s);
  });
}

void GenerationRecorder::usage(const std::string& stage, const std::string& model, const LlmTurn& turn,
                               const std::string& provider) {
  guarded("token usage", [&] { m_repo->addUsage(m_id, stage, model, tokenUsage(turn), provider); });
}

void GenerationRecorder::stage(const std::string& stage, const std::string& model, bool enabled,
                               const std::string& provider) {
  guarded("a stage", [&] { m_repo->setStage(m_id, stage, model, enabled, provider); });
}

void GenerationRecorder::spec(const json& spec) {
  guarded("the spec", [&] { m_repo->setSpec(m_id, spec); });
}

void GenerationRecorder::score(const store::TrackScore& score) {
  guarded("a score", [&] { m_repo->setScore(m_id, score); });
}

void GenerationRecorder::finish(const store::GenerationOutcome& outcome) {
  guarded("the outcome", [&] { m_repo->finish(m_id, outcome); });
}

}  // namespace partsmith::agent
