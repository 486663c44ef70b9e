// The generation pipeline: spec -> research -> code tool loop (or decompose) -> evaluate ->
// refine, each stage with its own model, switch and metrics. Everything is written to the
// store as it happens and reported through progress events. Without a usable code model the
// request gets the offline answer instead.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/budget.h"
#include "agent/cancel_token.h"
#include "agent/code_tool_loop.h"
#include "agent/decompose_stage.h"
#include "agent/evaluator.h"
#include "agent/offline_answer.h"
#include "agent/progress_event.h"
#include "agent/refine_stage.h"
#include "agent/research_stage.h"
#include "agent/spec.h"
#include "agent/stage_metrics.h"
#include "agent/stage_model.h"

namespace partsmith::store {
class Store;
}
namespace partsmith::worker {
class KernelClient;
}

namespace partsmith::agent {

class PromptLibrary;

struct PipelineSettings {
  bool specEnabled = true;
  bool researchEnabled = true;
  bool evaluateEnabled = true;
  bool reviewEnabled = true;  // evaluation's code-review track
  bool visualEnabled = true;  // evaluation's visual track and the loop's render_views
  int fewShotCount = 4;       // 0–12
  bool embeddingsEnabled = true;  // research re-ranks by embeddings when the embedding model offers them
  BudgetLimits budget;
  CodeLoopSettings code;
  RefineSettings refine;
  DecomposeSettings decompose;
  int renderWidth = 768;   // evaluation renders
  int renderHeight = 576;

  nlohmann::json toJson() const;
};

// One model per stage; decompose plans with the spec model, verification uses the review model
// (else the code model).
struct PipelineModels {
  StageModel spec, code, review, vision;
  StageModel embedding;  // research's embeddings (OpenAI-compatible /v1/embeddings); may be unset
};

struct GenerationRequest {
  std::string request;
  std::string origin = "chat";  // chat, workbench, experiment, cli
  std::optional<int64_t> conversationId;
  std::optional<int64_t> requestMessageId;
  // A follow-up: starts from this generation's final code (read from the store) and edits it.
  std::optional<int64_t> parentGenerationId;
  // A follow-up without a stored parent: the current code (e.g. edited by hand in the app).
  std::string currentCode;
  std::vector<std::string> earlierRequests;  // the conversation so far, oldest first
  // Pictures the person attached (a sketch, a photo of the part to match): shown to the spec
  // and code models when they accept images.
  std::vector<llm::ImageData> referenceImages;
};

struct GenerationResult {
  int64_t generationId = 0;
  // succeeded, failed, cancelled, budget_exhausted, offline
  std::string status;
  std::string code;
  bool codeRuns = false;
  nlohmann::json run;  // the kernel reply of `code`
  std::string summary;
  std::string error;
  Spec spec;
  bool specFromModel = false;
  std::vector<FewShotExample> examples;
  std::optional<Evaluation> evaluation;
  std::vector<Verification> verifications;
  int refineRounds = 0;
  bool decomposed = false;
  int steps = 0;
  std::vector<StageMetrics> stages;
  double wallMs = 0, llmMs = 0, kernelMs = 0;
  double costUsd = 0;
  std::optional<OfflineAnswer> offline;

  double overheadMs() const {
    const double o = wallMs - llmMs - kernelMs;
    return o > 0 ? o : 0;
  }
  const StageMetrics* stage(const std::string& name) const;
  nlohmann::json toJson() const;
};

class Pipeline {
 public:
  // `store` may be null (nothing recorded: benchmarks); `kernel` runs the scripts.
  Pipeline(store::Store* store, std::shared_ptr<worker::KernelClient> kernel, PipelineModels models,
           PipelineSettings settings, PromptLibrary& prompts);
  ~Pipeline();

  // Default: AssertionsEvaluator. The three-track evaluation plugs in here.
  void setEvaluatorFactory(EvaluatorFactory factory) { m_evaluatorFactory = std::move(factory); }
  void setProgressSink(ProgressSink sink) { m_progress = std::move(sink); }
  // Why no model is usable (shown in the offline answer); set by whoever resolved the models.
  void setOfflineReason(std::string reason) { m_offlineReason = std::move(reason); }

  // Runs on the calling thread until done, cancelled or out of budget.
  GenerationResult run(const GenerationRequest& request);
  // From any thread: ends the current model stream and kernel job within moments.
  void cancel() { m_cancel->cancel(); }

  const PipelineSettings& settings() const { return m_settings; }

 private:
  store::Store* m_store;
  std::shared_ptr<worker::KernelClient> m_kernel;
  PipelineModels m_models;
  PipelineSettings m_settings;
  PromptLibrary& m_prompts;
  EvaluatorFactory m_evaluatorFactory;
  ProgressSink m_progress;
  std::string m_offlineReason;
  std::shared_ptr<CancelToken> m_cancel;
};

}  // namespace partsmith::agent
