// What every stage gets from the pipeline: the prompts, the cancellation token, the recorder
// that writes to the store as things happen, and the progress sink.
#pragma once
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "agent/budget.h"
#include "agent/cancel_token.h"
#include "agent/generation_recorder.h"
#include "agent/progress_event.h"
#include "agent/prompt_library.h"

namespace partsmith::agent {

struct StageContext {
  PromptLibrary& prompts;
  CancelToken& cancel;
  GenerationRecorder& recorder;
  BudgetTracker& budget;
  ProgressSink progress;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  double elapsedMs() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  }
  // Not "emit": Qt defines that as a macro, and the app includes this header.
  void publish(const std::string& kind, const std::string& stage, const std::string& message,
               nlohmann::json data = nlohmann::json::object()) const {
    if (progress) progress(ProgressEvent{kind, stage, message, std::move(data), elapsedMs()});
  }
};

// callModel() within a stage: the pipeline's cancellation and progress, and the call's cost
// charged to the generation's budget. Stages (and evaluators) call models through this.
inline LlmTurn callModel(const StageModel& model, llm::ChatRequest request, StageContext& ctx, StageMetrics& metrics,
                         const std::string& stage) {
  const StreamWatcher watcher = ctx.recorder.watcher(stage, model.model);
  LlmTurn turn = callModel(model, std::move(request), ctx.cancel, metrics, ctx.progress, stage, &watcher);
  if (turn.costUsd) ctx.budget.addCost(*turn.costUsd);
  return turn;
}

}  // namespace partsmith::agent
