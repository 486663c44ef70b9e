// Shared by the model tracks: a track result that did not run, a judgement turned into a
// scored track, and the "last round asked to fix" paragraph of their prompts.
#pragma once
#include <string>

#include "agent/evaluator.h"

namespace partsmith::evaluation {

struct JudgeCall;
class CompositeScore;

// No score, weight 0, details {"ran": false, "reason": reason}.
agent::TrackResult notRun(const std::string& track, const agent::StageModel& model, const std::string& reason);

// Score, passed, checklist (answers tagged with the track) and critique from the judgement; or
// no score and the failure in details["reason"].
void fillTrack(agent::TrackResult& track, const JudgeCall& call, const std::string& trackName,
               const CompositeScore& composite);

// Empty on the first evaluation; else the previous round's critique as a prompt paragraph.
std::string previousCritique(const agent::EvaluationInput& input, agent::StageContext& ctx);

// The answers stored in a track's details.
std::vector<agent::ChecklistAnswer> trackAnswers(const agent::TrackResult& track);

}  // namespace partsmith::evaluation
