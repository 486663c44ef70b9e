// A reviewer's fix of a queued workbench result: the edited code is run in the kernel worker
// and scored by the same evaluation as a batch (assertions on the kernel's facts, and the code
// review and visual tracks when their models are set up), recorded as a revision generation,
// and the approval rule is applied to it again. A revision that builds is put on the queued
// example (ReviewQueue::revise), which stays in the queue for the reviewer to approve or
// reject; one that does not build changes nothing and reports the script's errors at their
// lines.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/evaluator.h"
#include "agent/pipeline.h"
#include "agent/progress_event.h"
#include "workbench/approval.h"

namespace partsmith::store {
class Store;
}
namespace partsmith::worker {
class KernelClient;
}
namespace partsmith::agent {
class CancelToken;
class PromptLibrary;
}  // namespace partsmith::agent

namespace partsmith::workbench {

struct ReviseSettings {
  agent::PipelineModels models;  // the review and vision stages score the edit; others are unused
  bool reviewEnabled = true;     // the pipeline switches, as for a generation
  bool visualEnabled = true;
  int renderWidth = 768;
  int renderHeight = 576;
  // Default: the threshold of the run that produced the item, else RunSettings' default.
  std::optional<double> approvalThreshold;
  agent::EvaluatorFactory evaluator;  // default: the three tracks
  // Where the revision's iso render is kept (recorded as a png export of the revision, so the
  // review queue shows it). Empty: no render is kept.
  std::string renderDir;
};

struct RevisionResult {
  int64_t exampleId = 0;
  bool stored = false;     // the queued example now carries the edit
  bool cancelled = false;
  std::string error;       // why nothing was stored, in the reviewer's terms
  // The kernel's errors when the edit does not build: {kind, message, line, column, source, hint}.
  nlohmann::json scriptErrors = nlohmann::json::array();
  int64_t generationId = 0;  // the revision's record
  std::optional<double> previousScore;
  std::optional<agent::Evaluation> evaluation;
  double threshold = 8;
  ApprovalDecision decision;  // the approval rule applied to the edit
  // Tracks that gave no score, with why: "code review: no review model is set up".
  std::vector<std::string> skippedTracks;
  double costUsd = 0;
  std::string renderPath;  // the kept render, when one was made
};

class ReviewReviser {
 public:
  // Everything is used on the calling thread; `store` is this thread's connection.
  ReviewReviser(store::Store& store, std::shared_ptr<worker::KernelClient> kernel, agent::PromptLibrary& prompts,
                ReviseSettings settings);
  ~ReviewReviser();

  // Runs, scores and stores the edit of queued example `exampleId`. Throws a StoreError when
  // the example is not in the queue or the store cannot be written; script errors and model
  // failures come back in the result.
  RevisionResult revise(int64_t exampleId, const std::string& code, const agent::ProgressSink& progress = {});
  // From any thread: ends the kernel job or model call that runs; nothing is put on the queued
  // example. The reviser stays cancelled (one reviser per edit).
  void cancel();

 private:
  double thresholdFor(int64_t sourceGenerationId) const;

  store::Store& m_store;
  std::shared_ptr<worker::KernelClient> m_kernel;
  agent::PromptLibrary& m_prompts;
  ReviseSettings m_settings;
  std::shared_ptr<agent::CancelToken> m_cancel;
};

// "code review: no review model is set up" for every track of `evaluation` without a score.
std::vector<std::string> skippedTracks(const agent::Evaluation& evaluation);

}  // namespace partsmith::workbench
