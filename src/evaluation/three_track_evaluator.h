// The evaluation stage: the assertions track (agent::AssertionsEvaluator, which also holds the
// build gate), the code-review track and the visual track, combined into the composite score
// (composite_score.h) with one critique list for the refine stage.
#pragma once
#include "agent/evaluator.h"
#include "evaluation/composite_score.h"
#include "evaluation/visual_track.h"

namespace partsmith::evaluation {

class ThreeTrackEvaluator : public agent::Evaluator {
 public:
  explicit ThreeTrackEvaluator(agent::EvaluatorConfig config, CompositeWeights weights = {},
                               VisualSettings visual = {});

  std::string name() const override { return "three_track"; }
  // The up-front renders, when the visual track can run.
  std::vector<std::string> wantedViews() const override;
  agent::Evaluation evaluate(const agent::EvaluationInput& input, agent::StageContext& ctx) override;

 private:
  bool visualRuns() const;

  agent::EvaluatorConfig m_config;
  CompositeScore m_composite;
  VisualSettings m_visual;
};

// For Pipeline::setEvaluatorFactory().
agent::EvaluatorFactory threeTrackEvaluatorFactory();

}  // namespace partsmith::evaluation
