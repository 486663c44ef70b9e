#include "evaluation/track_outcome.h"

#include "evaluation/composite_score.h"
#include "evaluation/judge_call.h"

namespace partsmith::evaluation {

using nlohmann::json;

agent::TrackResult notRun(const std::string& track, const agent::StageModel& model, const std::string& reason) {
  agent::TrackResult t;
  t.track = track;
  t.weight = 0;
  t.model = model.usable() ? model.model : std::string();
  t.metrics.stage = track == "code_review" ? "review" : track;
  t.metrics.model = t.model;
  t.metrics.provider = model.providerId;
  t.metrics.enabled = false;
  t.details = {{"ran", false}};
  if (!reason.empty()) t.details["reason"] = reason;
  return t;
}

void fillTrack(agent::TrackResult& track, const JudgeCall& call, const std::string& trackName,
               const CompositeScore& composite) {
  track.details["ran"] = true;
  track.details["repaired"] = call.repaired;
  if (!call.judgement) {
    track.details["reason"] = call.cancelled ? "cancelled" : call.error;
    if (!call.problems.empty()) track.details["problems"] = call.problems;
    return;
  }
  const Judgement& j = *call.judgement;
  json answers = json::array();
  bool anyNo = false;
  std::vector<agent::ChecklistAnswer> tagged;
  for (auto a : j.checklist) {
    a.track = trackName;
    anyNo = anyNo || a.answer == "no";
    answers.push_back(a.toJson());
    tagged.push_back(a);
  }
  track.score = composite.modelTrackScore(j.score, tagged);
  track.passed = !anyNo && *track.score >= 7;
  track.details["model_score"] = j.score;
  track.details["checklist"] = answers;
  track.details["certainty"] = CompositeScore::certainty(tagged);
  track.details["critique"] = j.critique;
}

std::string previousCritique(const agent::EvaluationInput& input, agent::StageContext& ctx) {
  if (input.round == 0 || input.previousCritique.empty()) return {};
  std::string list;
  for (size_t i = 0; i < input.previousCritique.size(); ++i)
    list += std::to_string(i + 1) + ". " + input.previousCritique[i] + "\n";
  return ctx.prompts.fill(ctx.prompts.section("evaluation.md", "previous_critique"), {{"critique", list}});
}

std::vector<agent::ChecklistAnswer> trackAnswers(const agent::TrackResult& track) {
  std::vector<agent::ChecklistAnswer> out;
  if (!track.details.contains("checklist") || !track.details["checklist"].is_array()) return out;
  for (const auto& a : track.details["checklist"]) {
    agent::ChecklistAnswer x;
    x.item = a.value("item", std::string());
    x.answer = a.value("answer", std::string());
    x.track = a.value("track", track.track);
    x.note = a.value("note", std::string());
    out.push_back(x);
  }
  return out;
}

}  // namespace partsmith::evaluation
