// One stage's model assignment and the call that streams a turn from it: cancellation through
// the pipeline's token, streamed text as progress, and usage, cost and time added to the
// stage's metrics.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "agent/cancel_token.h"
#include "agent/progress_event.h"
#include "agent/stage_metrics.h"
#include "llm/llm_provider.h"
#include "llm/message_assembler.h"

namespace partsmith::agent {

struct StageModel {
  std::shared_ptr<llm::LlmProvider> provider;  // null: the stage has no model
  std::string model;
  std::string providerId;
  bool vision = true;   // accepts images (render_views, the visual track)
  int maxTokens = 8192;
  std::optional<double> temperature;

  bool usable() const { return provider != nullptr && !model.empty(); }
  std::string label() const { return providerId.empty() ? model : providerId + "/" + model; }
};

struct LlmTurn {
  llm::AssembledMessage message;
  double elapsedMs = 0;
  std::optional<double> costUsd;
  bool cancelled = false;

  bool ok() const { return message.finished() && !cancelled; }
  // The failure in a person's words ("Anthropic is overloaded"), empty when ok.
  std::string errorText() const;
};

// Sees a turn while it streams, so it can be recorded before it completes: onPartial gets the
// message so far on the calling thread (never the transport's), at once when a tool call
// starts or ends and otherwise at most every `interval` while text arrives — not per token.
struct StreamWatcher {
  std::function<void(const llm::AssembledMessage& partial)> onPartial;
  std::chrono::milliseconds interval{500};
};

// Streams one turn. Never throws for model or transport failures (they come back in the
// turn); an invalid request (LlmException before any I/O) is turned into an error turn too.
LlmTurn callModel(const StageModel& model, llm::ChatRequest request, CancelToken& cancel, StageMetrics& metrics,
                  const ProgressSink& progress = {}, const std::string& stage = {},
                  const StreamWatcher* watcher = nullptr);

}  // namespace partsmith::agent
