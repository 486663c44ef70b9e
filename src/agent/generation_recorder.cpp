#include "agent/generation_recorder.h"

#include "agent/evaluator.h"

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

store::GenerationStep GenerationRecorder::turnStep(const std::string& stage, const std::string& model,
                                                  const std::string& text) {
  store::GenerationStep s;
  s.stage = stage;
  s.kind = "message";
  s.role = "assistant";
  s.content = text;
  if (!model.empty()) s.modelId = model;
  return s;
}

store::GenerationStep GenerationRecorder::callStep(const std::string& stage, const std::string& model,
                                                  const llm::ToolCall& call) {
  store::GenerationStep c;
  c.stage = stage;
  c.kind = "tool_call";
  c.role = "assistant";
  c.toolName = call.name;
  c.toolCallId = call.id;
  c.content = call.complete && call.argumentsValid ? call.arguments.dump() : call.rawArguments;
  c.isError = call.complete && !call.argumentsValid;
  if (!model.empty()) c.modelId = model;
  return c;
}

void GenerationRecorder::writeTurn(store::GenerationStep message, const std::vector<store::GenerationStep>& calls) {
  Streaming st = m_streaming;
  m_streaming = Streaming{};
  const bool streamed = st.messageStep > 0 && st.stage == message.stage;
  m_repo->atomically("record the model's turn", [&] {
    if (!streamed) {
      m_repo->appendStep(m_id, message);
      for (const auto& c : calls) m_repo->appendStep(m_id, c);
      return;
    }
    m_repo->updatePartialStep(m_id, st.messageStep, message);
    for (size_t i = 0; i < calls.size(); ++i) {
      if (i < st.callSteps.size())
        m_repo->updatePartialStep(m_id, st.callSteps[i], calls[i]);
      else
        m_repo->appendStep(m_id, calls[i]);
    }
    for (size_t i = calls.size(); i < st.callSteps.size(); ++i) m_repo->discardPartialStep(m_id, st.callSteps[i]);
  });
}

void GenerationRecorder::batch(const std::function<void()>& writes) {
  if (!active()) {
    writes();
    return;
  }
  bool ran = false;
  guarded("a group of records", [&] {
    m_repo->atomically("record the generation's progress", [&] {
      ran = true;
      writes();
    });
  });
  if (!ran) writes();  // the transaction could not even start: write one by one (each guarded)
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
    if (turn && role == "assistant")
      writeTurn(s, {});
    else
      m_repo->appendStep(m_id, s);
  });
}

void GenerationRecorder::assistantTurn(const std::string& stage, const std::string& model, const LlmTurn& turn) {
  guarded("the model's turn", [&] {
    store::GenerationStep s = turnStep(stage, model, turn.message.text());
    if (!turn.ok()) {
      s.isError = true;
      if (s.content.empty()) s.content = turn.errorText();
    }
    s.usage = tokenUsage(turn);
    std::vector<store::GenerationStep> calls;
    for (const auto& call : turn.message.toolCalls) {
      store::GenerationStep c = callStep(stage, model, call);
      c.content = call.argumentsValid ? call.arguments.dump() : call.rawArguments;
      c.isError = !call.argumentsValid;
      calls.push_back(std::move(c));
    }
    writeTurn(s, calls);
  });
}

void GenerationRecorder::partialTurn(const std::string& stage, const std::string& model,
                                     const llm::AssembledMessage& partial) {
  guarded("the streaming turn", [&] {
    // The new row ids count only once their transaction committed.
    Streaming next = m_streaming;
    m_repo->atomically("record the streaming turn", [&] { writePartial(stage, model, partial, next); });
    m_streaming = next;
  });
}

void GenerationRecorder::writePartial(const std::string& stage, const std::string& model,
                                      const llm::AssembledMessage& partial, Streaming& st) {
  {
    if (st.messageStep > 0 && st.stage != stage) st = Streaming{};  // an unrecorded earlier turn stays partial
    store::GenerationStep s = turnStep(stage, model, partial.text());
    s.partial = true;
    if (st.messageStep == 0) {
      st.stage = stage;
      st.messageStep = m_repo->appendPartialStep(m_id, s);
    } else {
      m_repo->updatePartialStep(m_id, st.messageStep, s);
    }
    const auto& calls = partial.toolCalls;
    for (size_t i = 0; i < calls.size(); ++i) {
      store::GenerationStep c = callStep(stage, model, calls[i]);
      c.partial = true;
      if (i < st.callSteps.size())
        m_repo->updatePartialStep(m_id, st.callSteps[i], c);
      else
        st.callSteps.push_back(m_repo->appendPartialStep(m_id, c));
    }
    while (st.callSteps.size() > calls.size()) {  // a retried stream started over
      m_repo->discardPartialStep(m_id, st.callSteps.back());
      st.callSteps.pop_back();
    }
  }
}

StreamWatcher GenerationRecorder::watcher(const std::string& stage, const std::string& model) {
  StreamWatcher w;
  w.interval = m_interval;
  if (active()) w.onPartial = [this, stage, model](const llm::AssembledMessage& m) { partialTurn(stage, model, m); };
  return w;
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

void GenerationRecorder::usage(const std::string& stage, const std::string& model, const store::TokenUsage& usage,
                               const std::string& provider) {
  guarded("token usage", [&] { m_repo->addUsage(m_id, stage, model, usage, provider); });
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

void GenerationRecorder::evaluation(const Evaluation& evaluation, int round) {
  for (const auto& t : evaluation.tracks) {
    store::TrackScore s;
    s.track = t.track;
    s.score = t.score;
    s.weight = t.weight;
    s.passed = t.passed;
    if (!t.model.empty()) s.modelId = t.model;
    s.details = t.details;
    s.details["round"] = round;
    score(s);
  }
  message("evaluate", "system", evaluation.toJson().dump(1));
}

void GenerationRecorder::timing(double llmMs, double kernelMs, double overheadMs) {
  guarded("the time split", [&] { m_repo->setTiming(m_id, {llmMs, kernelMs, overheadMs}); });
}

void GenerationRecorder::finish(const store::GenerationOutcome& outcome) {
  guarded("the outcome", [&] { m_repo->finish(m_id, outcome); });
}

}  // namespace partsmith::agent
