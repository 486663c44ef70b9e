// The model-free evaluator: the assertions track alone (the spec's dimensional assertions on
// the kernel's facts, plus the solid's validity), build-gated. Used when no review or vision
// model is set up, and in the pipeline tests; the three-track evaluation lives in
// src/evaluation/.
#pragma once
#include "agent/evaluator.h"

namespace partsmith::agent {

class AssertionsEvaluator : public Evaluator {
 public:
  std::string name() const override { return "assertions"; }
  Evaluation evaluate(const EvaluationInput& input, StageContext& ctx) override;
};

}  // namespace partsmith::agent
