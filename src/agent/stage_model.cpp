#include "agent/stage_model.h"

#include <chrono>

namespace partsmith::agent {

std::string LlmTurn::errorText() const {
  if (cancelled) return "cancelled";
  if (message.error) return message.error->userMessage();
  if (!message.finishReason) return "the model's reply ended without a finish";
  return {};
}

LlmTurn callModel(const StageModel& model, llm::ChatRequest request, CancelToken& cancel, StageMetrics& metrics,
                  const ProgressSink& progress, const std::string& stage) {
  LlmTurn turn;
  if (request.model.empty()) request.model = model.model;
  if (request.maxTokens <= 0) request.maxTokens = model.maxTokens;
  if (!request.temperature && model.temperature) request.temperature = model.temperature;
  const auto start = std::chrono::steady_clock::now();
  ++metrics.calls;
  metrics.ran = true;
  if (metrics.model.empty()) metrics.model = model.model;
  if (metrics.provider.empty()) metrics.provider = model.providerId;
  if (cancel.cancelled()) {
    turn.cancelled = true;
    return turn;
  }
  try {
    llm::EventCallback onEvent;
    if (progress) {
      onEvent = [&progress, stage](const llm::StreamEvent& e) {
        if (e.type == llm::EventType::TextDelta) {
          progress(ProgressEvent{"delta", stage, e.text, nlohmann::json::object(), 0});
        } else if (e.type == llm::EventType::Retry) {
          progress(ProgressEvent{"warning", stage, e.retryMessage(), nlohmann::json::object(), 0});
        }
      };
    }
    auto handle = model.provider->startStream(request, onEvent);
    llm::StreamOutcome outcome;
    {
      CancelHook hook(cancel, [handle] { handle->cancel(); });
      outcome = handle->wait();
    }
    turn.message = std::move(outcome.message);
    turn.costUsd = outcome.costUsd;
  } catch (const llm::LlmException& e) {
    turn.message.error = e.error();
  }
  turn.cancelled = cancel.cancelled() ||
                   (turn.message.error && turn.message.error->kind == llm::ErrorKind::Cancelled);
  turn.elapsedMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  metrics.llmMs += turn.elapsedMs;
  const llm::Usage& u = turn.message.usage;
  metrics.inputTokens += u.inputTokens;
  metrics.cacheReadTokens += u.cacheReadTokens;
  metrics.cacheWriteTokens += u.cacheWriteTokens;
  metrics.outputTokens += u.outputTokens;
  if (turn.costUsd)
    metrics.costUsd += *turn.costUsd;
  else if (u.reported && u.promptTokens() + u.outputTokens > 0)
    metrics.costKnown = false;
  return turn;
}

}  // namespace partsmith::agent
