// One question to a judging model (review or visual) with the reply validated and, when it is
// invalid, one repair request naming the problems. The conversation grows in `chat`, so a
// follow-up (the visual track's zoomed views) continues it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "agent/stage_context.h"
#include "agent/stage_metrics.h"
#include "agent/stage_model.h"
#include "evaluation/judgement.h"
#include "llm/llm_types.h"

namespace partsmith::evaluation {

struct JudgeCall {
  std::optional<Judgement> judgement;
  std::string error;  // why there is no judgement
  std::vector<std::string> problems;  // of the last invalid reply
  bool repaired = false;
  bool cancelled = false;
};

// `chat`'s last message is the question (already recorded by the caller). Every reply and the
// repair request are recorded under `stage` as they happen.
JudgeCall askJudge(const agent::StageModel& model, llm::ChatRequest& chat, const std::vector<std::string>& checklist,
                   bool allowMoreViews, const std::string& stage, agent::StageContext& ctx, agent::StageMetrics& metrics);

}  // namespace partsmith::evaluation
