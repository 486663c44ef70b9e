// The code-review track: a cheap model reads the request, the spec, the script, its parameters,
// the kernel's facts and the assertion results, and checks that every requested dimension and
// feature is in the code. Its JSON answer is validated, with one repair request.
#pragma once
#include "agent/evaluator.h"

namespace partsmith::evaluation {

class ReviewTrack {
 public:
  explicit ReviewTrack(agent::StageModel model) : m_model(std::move(model)) {}

  // `assertions` is the assertions track's result (its details go into the prompt). The result
  // has no score when the model is missing or failed; details say why.
  agent::TrackResult run(const agent::EvaluationInput& input, const agent::TrackResult& assertions,
                         agent::StageContext& ctx, bool* cancelled) const;

 private:
  agent::StageModel m_model;
};

}  // namespace partsmith::evaluation
