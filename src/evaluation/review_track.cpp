#include "evaluation/review_track.h"

#include <chrono>

#include "evaluation/composite_score.h"
#include "evaluation/judge_call.h"
#include "evaluation/track_outcome.h"

namespace partsmith::evaluation {

using nlohmann::json;

namespace {

std::string assertionLines(const agent::TrackResult& assertions) {
  std::string out;
  const json list = assertions.details.value("assertions", json::array());
  for (const auto& a : list) {
    const json passed = a.value("passed", json());
    const std::string verdict = passed.is_boolean() ? (passed.get<bool>() ? "passed" : "FAILED") : "undecided";
    out += "- " + a.value("description", std::string()) + ": " + verdict;
    const std::string message = a.value("message", std::string());
    if (!message.empty()) out += " (" + message + ")";
    out += "\n";
  }
  if (!assertions.details.value("valid", true)) out += "- the solid is not valid\n";
  if (!assertions.details.value("closed", true)) out += "- the solid is not closed\n";
  return out.empty() ? "(none)\n" : out;
}

}  // namespace

agent::TrackResult ReviewTrack::run(const agent::EvaluationInput& input, const agent::TrackResult& assertions,
                                    agent::StageContext& ctx, bool* cancelled) const {
  const auto start = std::chrono::steady_clock::now();
  agent::TrackResult track = notRun("code_review", m_model, "");
  if (!m_model.usable()) {
    track.details["reason"] = "no review model is set up";
    return track;
  }
  track.metrics.ran = true;
  track.metrics.enabled = true;
  const std::vector<std::string> checklist = input.spec ? input.spec->checklist : std::vector<std::string>{};
  const json& run = input.run;
  const std::string task = ctx.prompts.fill(
      ctx.prompts.section("evaluation.md", "review_task"),
      {{"request", input.request},
       {"spec", input.spec ? input.spec->toMarkdown() : std::string("(no spec)\n")},
       {"code", input.code},
       {"parameters", run.value("parameters", json::array()).dump(1)},
       {"facts", run.value("facts", json::object()).dump(1)},
       {"assertions", assertionLines(assertions)},
       {"previous", previousCritique(input, ctx)}});
  llm::ChatRequest chat;
  chat.model = m_model.model;
  chat.system = ctx.prompts.file("system/review.md");
  chat.maxTokens = std::min(m_model.maxTokens, 4096);
  chat.temperature = m_model.temperature;
  chat.messages.push_back(llm::Message::user(task));
  ctx.recorder.message("review", "user", task);
  ctx.publish("info", "review", "code review by " + m_model.label());

  JudgeCall call = askJudge(m_model, chat, checklist, false, "review", ctx, track.metrics);
  if (cancelled) *cancelled = call.cancelled;
  fillTrack(track, call, "code_review", CompositeScore());
  track.metrics.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (track.score)
    ctx.publish("score", "evaluate", "code review: " + agent::formatScore(*track.score),
             {{"track", "code_review"}, {"score", *track.score}});
  else
    ctx.publish("warning", "evaluate", "code review did not score: " + track.details.value("reason", std::string()));
  return track;
}

}  // namespace partsmith::evaluation
