// What the review and visual models answer: a 0–10 score, one yes/no/uncertain answer per spec
// checklist item, critique lines and (visual only) the extra views wanted. parseJudgement()
// validates a reply and says, per problem, what to correct, so one repair request can fix it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "agent/evaluator.h"

namespace partsmith::evaluation {

struct Judgement {
  double score = 0;                                // the model's own 0–10
  std::vector<agent::ChecklistAnswer> checklist;   // in the spec's order; track left empty
  std::vector<std::string> critique;
  std::vector<std::string> moreViews;              // valid standard view names only
  std::vector<std::string> ignoredViews;           // names asked for that do not exist
};

// `checklist` is the spec's; the reply must answer each item (matched by position when the
// counts agree, else by the item's text). `allowMoreViews`: read "more_views".
// Returns nullopt and fills `problems` (one sentence each, naming the field) when invalid.
std::optional<Judgement> parseJudgement(const std::string& reply, const std::vector<std::string>& checklist,
                                        bool allowMoreViews, std::vector<std::string>& problems);

// The kernel's standard camera views (render/standard_views.h), which a VLM may ask for.
const std::vector<std::string>& standardViewNames();
bool isStandardView(const std::string& name);

}  // namespace partsmith::evaluation
