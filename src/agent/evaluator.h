// The evaluation stage's interface. The pipeline hands a finished attempt (request, spec,
// code, the kernel's run reply, renders) to an Evaluator and gets back per-track scores,
// per-checklist answers, a composite 0–10 score and a critique the refine stage feeds back into
// the tool loop. The three-track implementation (assertions, code review, visual) lives in
// src/evaluation/; AssertionsEvaluator (assertions_evaluator.h) is the model-free stand-in.
//
// Contract for implementations:
// - Build-gated: a run that did not build (run["ok"] false or no parts) scores 0 and says so in
//   the critique; no LLM is called for it.
// - Every LLM call goes through callModel(model, request, ctx, metrics, stage) (stage_context.h:
//   cancellation, progress, cost charged to the budget), and is recorded as it happens
//   through `ctx.recorder` (stage "review" or "visual": message steps with the turn's usage);
//   progress goes through `ctx.emit`. The returned TrackResult::metrics carry the track's
//   tokens, cost and times; the pipeline adds them to its stage metrics and stores the scores.
// - Cancellation: when ctx.cancel is set, return what is known so far (cancelled = true).
// - Never throws for model or kernel failures: a track that cannot run gets no score and
//   explains why in its details.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/kernel_runner.h"
#include "agent/spec.h"
#include "agent/stage_context.h"
#include "agent/stage_metrics.h"
#include "agent/stage_model.h"

namespace partsmith::agent {

struct ChecklistAnswer {
  std::string item;    // the spec's checklist question
  std::string answer;  // yes, no, uncertain
  std::string track;   // which track answered it (visual, code_review)
  std::string note;    // why, in a sentence
  nlohmann::json toJson() const;
};

struct TrackResult {
  std::string track;             // assertions, code_review, visual
  std::optional<double> score;   // 0–10; unset when the track did not run
  double weight = 1;             // the weight used in the composite
  std::optional<bool> passed;
  std::string model;             // empty for the assertions track
  nlohmann::json details = nlohmann::json::object();
  StageMetrics metrics;
  nlohmann::json toJson() const;
};

struct Evaluation {
  bool built = false;  // the part built; false forces composite 0
  std::vector<TrackResult> tracks;
  std::vector<ChecklistAnswer> checklist;
  double composite = 0;                 // 0–10
  std::vector<std::string> critique;    // concrete problems with suggested fixes, one per item
  bool cancelled = false;

  // A checklist item answered "no".
  bool checklistFailed() const;
  // Good enough to stop refining: built, composite >= threshold, no failed checklist item.
  bool passes(double threshold) const { return built && composite >= threshold && !checklistFailed(); }
  const TrackResult* track(const std::string& name) const;
  nlohmann::json toJson() const;
};

// Renders more views of the same code on demand (the visual track's zoom follow-ups).
// Views are the kernel's standard names: iso, iso2, front, back, left, right, top, bottom.
using RenderMore = std::function<std::vector<RenderedView>(const std::vector<std::string>& views, int width, int height)>;

struct EvaluationInput {
  std::string request;    // the user's request (with the conversation's earlier requests for a follow-up)
  const Spec* spec = nullptr;
  std::string code;
  nlohmann::json run;     // the kernel's reply for `code` (facts included)
  std::vector<RenderedView> renders;  // multi-angle renders of `code`, may be empty
  RenderMore renderMore;  // may be empty (no display, visual track off)
  int round = 0;          // 0: first evaluation; n: after the n-th refine round
  std::vector<std::string> previousCritique;  // what the last round asked to fix
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  virtual std::string name() const = 0;
  // The views the evaluator wants rendered up front (empty: none, the pipeline skips renders).
  virtual std::vector<std::string> wantedViews() const { return {}; }
  virtual Evaluation evaluate(const EvaluationInput& input, StageContext& ctx) = 0;
};

// What a factory needs to build the evaluation for one generation.
struct EvaluatorConfig {
  StageModel review;          // the code-review track's model (cheap)
  StageModel vision;          // the visual track's model (a VLM)
  bool reviewEnabled = true;
  bool visualEnabled = true;
  int renderWidth = 768;
  int renderHeight = 576;
};

// "7.5"
std::string formatScore(double score);

using EvaluatorFactory = std::function<std::shared_ptr<Evaluator>(const EvaluatorConfig&)>;

}  // namespace partsmith::agent
