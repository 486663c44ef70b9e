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
#include "agent/stage_model.h"
#include "llm/llm_types.h"

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

// The first user message of a stage: the task text, followed by the person's reference images
// when the model accepts images. A model that cannot see them is told they exist, and the
// person is told through a warning, rather than the pictures silently vanishing.
inline llm::Message taskMessage(const std::string& task, const std::vector<llm::ImageData>& images,
                                const StageModel& model, const std::string& stage, const StageContext& ctx) {
  llm::Message message = llm::Message::user(task);
  if (images.empty()) return message;
  if (!model.vision) {
    message.content.front().text +=
        "\n\n(The person attached " + std::to_string(images.size()) +
        " reference image(s), but this model cannot see images; ask about anything the request leaves open.)";
    ctx.publish("warning", stage,
                "the " + stage + " model (" + model.model + ") cannot see images: the reference image was not sent");
    return message;
  }
  message.content.push_back(llm::ContentBlock::makeText(images.size() == 1 ? "Reference image from the person:"
                                                                           : "Reference images from the person:"));
  for (const auto& image : images)
    message.content.push_back(image.base64.empty() ? llm::ContentBlock::makeImageUrl(image.url)
                                                   : llm::ContentBlock::makeImage(image.mediaType, image.base64));
  return message;
}

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
