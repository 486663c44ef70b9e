#include "workbench/review_reviser.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "agent/budget.h"
#include "agent/cancel_token.h"
#include "agent/generation_recorder.h"
#include "agent/kernel_runner.h"
#include "agent/prompt_library.h"
#include "agent/spec.h"
#include "agent/stage_context.h"
#include "evaluation/three_track_evaluator.h"
#include "store/database.h"
#include "store/store.h"
#include "worker/client/kernel_client.h"
#include "workbench/review_queue.h"
#include "workbench/run_settings.h"

namespace partsmith::workbench {

using nlohmann::json;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

std::string trackTitle(const std::string& track) {
  if (track == "code_review") return "code review";
  if (track == "visual") return "visual check";
  return track;
}

// "line 3: cq.Workplane(...).bx is not a function"
std::string firstError(const json& errors) {
  if (!errors.is_array() || errors.empty()) return {};
  const json& e = errors[0];
  std::string text = e.value("message", std::string());
  const int line = e.value("line", 0);
  if (line > 0) text = "line " + std::to_string(line) + ": " + text;
  return text;
}

}  // namespace

std::vector<std::string> skippedTracks(const agent::Evaluation& ev) {
  std::vector<std::string> out;
  for (const auto& t : ev.tracks) {
    if (t.score) continue;
    std::string why = t.details.value("reason", std::string());
    out.push_back(trackTitle(t.track) + (why.empty() ? std::string(": did not run") : ": " + why));
  }
  return out;
}

ReviewReviser::ReviewReviser(store::Store& store, std::shared_ptr<worker::KernelClient> kernel,
                             agent::PromptLibrary& prompts, ReviseSettings settings)
    : m_store(store),
      m_kernel(std::move(kernel)),
      m_prompts(prompts),
      m_settings(std::move(settings)),
      m_cancel(std::make_shared<agent::CancelToken>()) {
  if (!m_kernel) m_kernel = std::make_shared<worker::KernelClient>();
  if (!m_settings.evaluator) m_settings.evaluator = evaluation::threeTrackEvaluatorFactory();
}

ReviewReviser::~ReviewReviser() = default;

void ReviewReviser::cancel() { m_cancel->cancel(); }

double ReviewReviser::thresholdFor(int64_t sourceGenerationId) const {
  if (m_settings.approvalThreshold) return *m_settings.approvalThreshold;
  // The run's own threshold: the rule the batch applied is the one applied again.
  store::Statement st(m_store.db(),
                      "SELECT r.settings FROM run_items i JOIN runs r ON r.id = i.run_id WHERE i.generation_id = ? "
                      "ORDER BY r.id DESC LIMIT 1");
  st.bind(1, sourceGenerationId);
  if (st.step()) {
    const json settings = json::parse(st.getText(0), nullptr, false);
    try {
      if (settings.is_object()) return RunSettings::fromJson(settings).approvalThreshold;
    } catch (const std::exception&) {
      // Settings an older version wrote: the default rule applies.
    }
  }
  return RunSettings{}.approvalThreshold;
}

RevisionResult ReviewReviser::revise(int64_t exampleId, const std::string& code, const agent::ProgressSink& progress) {
  const auto started = Clock::now();
  agent::CancelToken& cancel = *m_cancel;
  RevisionResult result;
  result.exampleId = exampleId;
  ReviewQueue queue(m_store);
  const ReviewItem item = queue.get(exampleId);  // throws when it is not (or no longer) queued
  result.previousScore = item.score;
  result.threshold = thresholdFor(item.sourceGenerationId);
  if (code.find_first_not_of(" \t\r\n") == std::string::npos) {
    result.error = "the edited code is empty";
    return result;
  }

  // 1. Does it build? Nothing is written before it does.
  agent::KernelRunner kernel(m_kernel);
  if (progress) progress({"stage_start", "run", "running the edited script", json::object(), msSince(started)});
  agent::KernelRun run = kernel.run(code, cancel);
  if (cancel.cancelled()) {
    result.cancelled = true;
    result.error = "cancelled; the queued result is unchanged";
    return result;
  }
  const json parts = run.reply.value("parts", json::array());
  if (!run.ok() || parts.empty() || !run.reply.contains("facts")) {
    result.scriptErrors = run.reply.value("errors", json::array());
    const std::string first = firstError(result.scriptErrors);
    if (!run.ok())
      result.error = "the edited script does not run" + (first.empty() ? std::string() : ": " + first);
    else
      result.error = "the edited script ran but made no part: end it with show(part) or result = part";
    result.error += "; the queued result is unchanged";
    return result;
  }

  // 2. The revision's record: a workbench generation whose parent is the batch's.
  agent::Spec spec = item.spec.is_object() ? agent::Spec::fromJson(item.spec) : agent::Spec::fallback(item.prompt);
  const agent::StageModel& review = m_settings.models.review;
  const agent::StageModel& vision = m_settings.models.vision;
  store::NewGeneration ng;
  ng.origin = "workbench";
  ng.request = item.prompt;
  if (item.sourceGenerationId > 0) ng.parentGenerationId = item.sourceGenerationId;
  ng.settings = ReviewQueue::revisionMarker(exampleId);
  ng.settings["review_revision"]["previous_generation_id"] = item.generationId;
  ng.settings["review"] = m_settings.reviewEnabled;
  ng.settings["visual"] = m_settings.visualEnabled;
  ng.settings["approval_threshold"] = result.threshold;
  if (review.usable()) ng.stageModels["review"] = review.model;
  if (vision.usable()) ng.stageModels["vision"] = vision.model;
  auto& generations = m_store.generations();
  result.generationId = generations.create(ng);
  agent::GenerationRecorder recorder(&generations, result.generationId);
  agent::BudgetTracker budget;
  agent::StageContext ctx{m_prompts, cancel, recorder, budget, progress, started};
  recorder.batch([&] {
    recorder.spec(item.spec.is_object() ? item.spec : spec.toJson());
    recorder.message("code", "user",
                     "The reviewer edited the code of review item " + std::to_string(exampleId) +
                         " (generation " + std::to_string(item.generationId) + ") by hand.");
    recorder.toolResult("code", "review-edit", "run_code", run.reply.dump(), false, code);
  });

  // 3. The evaluation a batch result gets.
  agent::EvaluatorConfig config;
  config.review = review;
  config.vision = vision;
  config.reviewEnabled = m_settings.reviewEnabled;
  config.visualEnabled = m_settings.visualEnabled;
  config.renderWidth = m_settings.renderWidth;
  config.renderHeight = m_settings.renderHeight;
  std::shared_ptr<agent::Evaluator> evaluator = m_settings.evaluator(config);
  agent::EvaluationInput in;
  in.request = item.prompt;
  in.spec = &spec;
  in.code = code;
  in.run = run.reply;
  double kernelMs = run.elapsedMs;
  std::vector<std::string> views;
  if (m_settings.visualEnabled) views = evaluator->wantedViews();
  if (!m_settings.renderDir.empty() && std::find(views.begin(), views.end(), "iso") == views.end())
    views.insert(views.begin(), "iso");
  std::vector<agent::RenderedView> rendered;
  if (!views.empty()) {
    agent::KernelRun r = kernel.render(code, views, m_settings.renderWidth, m_settings.renderHeight, cancel);
    kernelMs += r.elapsedMs;
    rendered = r.views;
    if (m_settings.visualEnabled) {
      in.renders = rendered;
      in.renderMore = [&kernel, &cancel, &kernelMs, code](const std::vector<std::string>& more, int w, int h) {
        agent::KernelRun again = kernel.render(code, more, w, h, cancel);
        kernelMs += again.elapsedMs;
        return again.views;
      };
    }
  }
  ctx.publish("stage_start", "evaluate", "scoring the edit", {{"evaluator", evaluator->name()}});
  agent::Evaluation ev = evaluator->evaluate(in, ctx);
  agent::StageMetrics evalM;
  evalM.stage = "evaluate";
  evalM.model = review.usable() ? review.model : std::string();
  evalM.provider = review.providerId;
  evalM.ran = true;
  for (const auto& t : ev.tracks) evalM.add(t.metrics);
  result.costUsd = evalM.costUsd;

  // The render the reviewer sees, kept beside the database's other files.
  if (!m_settings.renderDir.empty()) {
    for (const auto& v : rendered) {
      if (v.view != "iso" || v.path.empty()) continue;
      std::error_code ec;
      fs::create_directories(m_settings.renderDir, ec);
      const fs::path target = fs::path(m_settings.renderDir) /
                              ("review-" + std::to_string(exampleId) + "-g" + std::to_string(result.generationId) + ".png");
      fs::copy_file(v.path, target, fs::copy_options::overwrite_existing, ec);
      if (!ec) result.renderPath = target.string();
      break;
    }
  }

  const bool cancelled = ev.cancelled || cancel.cancelled();
  store::GenerationOutcome outcome;
  outcome.status = cancelled ? "cancelled" : "succeeded";
  outcome.finalCode = code;
  outcome.parameters = run.reply.value("parameters", json::array());
  outcome.facts = run.reply["facts"];
  if (!cancelled) outcome.compositeScore = ev.composite;
  else outcome.error = "the review edit's scoring was cancelled";
  outcome.steps = 0;
  outcome.durationMs = static_cast<int64_t>(msSince(started));
  recorder.batch([&] {
    recorder.evaluation(ev, 0);
    recorder.stage("evaluate", evalM.model, true, evalM.provider);
    recorder.timing(evalM.llmMs, kernelMs, std::max(0.0, msSince(started) - evalM.llmMs - kernelMs));
    recorder.finish(outcome);
  });
  if (!result.renderPath.empty()) m_store.feedback().recordExport(result.generationId, "png", result.renderPath);
  result.skippedTracks = skippedTracks(ev);
  if (cancelled) {
    result.cancelled = true;
    result.error = "cancelled while scoring; the queued result is unchanged";
    result.evaluation = std::move(ev);
    return result;
  }

  // 4. The approval rule again, and the edit onto the queued example.
  agent::GenerationResult scored;
  scored.generationId = result.generationId;
  scored.status = "succeeded";
  scored.code = code;
  scored.codeRuns = true;
  scored.run = run.reply;
  scored.evaluation = ev;
  result.decision = decideApproval(scored, result.threshold);
  const std::string note = result.decision.approved ? "meets the approval rule after the review edit: " + result.decision.reason
                                                    : "after the review edit: " + result.decision.reason;
  queue.revise(exampleId, result.generationId, code, ev.composite, note);
  result.evaluation = std::move(ev);
  result.stored = true;
  if (progress)
    progress({"score", "evaluate", "the edit scores " + agent::formatScore(result.evaluation->composite),
              json::object(), msSince(started)});
  return result;
}

}  // namespace partsmith::workbench
