#include "agent/stage_model.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace partsmith::agent {

namespace {

// The turn as it streams in, shared by the transport's event thread (writes) and the calling
// thread (reads and hands it to the watcher).
struct PartialState {
  std::mutex mutex;
  std::condition_variable changed;
  llm::MessageAssembler assembler;
  uint64_t version = 0;
  bool urgent = false;  // a tool call started or ended: record it now
  bool ended = false;
};

// Waits for the stream to end, handing the partial turn to the watcher as it grows.
void watchStream(llm::StreamHandle& handle, PartialState& state, const StreamWatcher& watcher) {
  using Clock = std::chrono::steady_clock;
  uint64_t recorded = 0;
  Clock::time_point last = Clock::now();
  const auto interval = std::max(watcher.interval, std::chrono::milliseconds(10));
  std::unique_lock<std::mutex> lock(state.mutex);
  for (;;) {
    state.changed.wait_for(lock, interval, [&] { return state.ended || state.urgent; });
    if (state.ended || handle.done()) return;
    if (state.version == recorded || (!state.urgent && Clock::now() - last < interval)) continue;
    const llm::AssembledMessage snapshot = state.assembler.message();
    recorded = state.version;
    state.urgent = false;
    lock.unlock();
    watcher.onPartial(snapshot);
    last = Clock::now();
    lock.lock();
  }
}

}  // namespace

std::string LlmTurn::errorText() const {
  if (cancelled) return "cancelled";
  if (message.error) return message.error->userMessage();
  if (!message.finishReason) return "the model's reply ended without a finish";
  return {};
}

LlmTurn callModel(const StageModel& model, llm::ChatRequest request, CancelToken& cancel, StageMetrics& metrics,
                  const ProgressSink& progress, const std::string& stage, const StreamWatcher* watcher) {
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
    const bool watched = watcher && watcher->onPartial;
    auto partial = watched ? std::make_shared<PartialState>() : nullptr;
    llm::EventCallback onEvent;
    if (progress || watched) {
      onEvent = [&progress, stage, partial](const llm::StreamEvent& e) {
        if (progress && e.type == llm::EventType::TextDelta) {
          progress(ProgressEvent{"delta", stage, e.text, nlohmann::json::object(), 0});
        } else if (progress && e.type == llm::EventType::Retry) {
          progress(ProgressEvent{"warning", stage, e.retryMessage(), nlohmann::json::object(), 0});
        }
        if (!partial) return;
        {
          std::lock_guard<std::mutex> lock(partial->mutex);
          if (e.type == llm::EventType::Retry) {
            partial->assembler.reset();  // the next attempt starts the turn over
          } else if (e.type != llm::EventType::Usage) {
            partial->assembler.add(e);
          }
          ++partial->version;
          const bool ended = e.type == llm::EventType::Finish || e.type == llm::EventType::Error;
          partial->ended = partial->ended || ended;
          if (e.type == llm::EventType::ToolCallStart || e.type == llm::EventType::ToolCallEnd ||
              e.type == llm::EventType::Retry)
            partial->urgent = true;
          else if (!ended)
            return;
        }
        partial->changed.notify_one();
      };
    }
    auto handle = model.provider->startStream(request, onEvent);
    llm::StreamOutcome outcome;
    {
      CancelHook hook(cancel, [handle] { handle->cancel(); });
      if (watched) watchStream(*handle, *partial, *watcher);
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
