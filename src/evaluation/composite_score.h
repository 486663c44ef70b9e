// The composite 0–10 score of an evaluation: a weighted mean of the tracks that ran, with
// weights that follow how much each track could tell. Build-gated: a part that does not build
// scores 0 whatever the tracks say.
//
// - Base weights: assertions 0.4, code review 0.3, visual 0.3.
// - The assertions track counts half when no assertion could be decided (it then only vouches
//   for a valid, closed solid).
// - A model track's weight is scaled by its certainty: 0.5 + 0.5 × the share of its checklist
//   answers that are yes or no, so a VLM that cannot see the features counts half.
// - A track without a score (disabled, no model, failed) gets weight 0: its share is
//   redistributed over the others by the normalization.
#pragma once
#include <optional>
#include <vector>

#include "agent/evaluator.h"

namespace partsmith::evaluation {

struct CompositeWeights {
  double assertions = 0.4;
  double codeReview = 0.3;
  double visual = 0.3;
  double undecidedAssertions = 0.5;  // factor when no assertion was decided
  double uncertainItem = 0.25;       // an uncertain item's weight inside a track's item score
};

class CompositeScore {
 public:
  explicit CompositeScore(CompositeWeights weights = {}) : m_weights(weights) {}

  // A model track's score from its own 0–10 and its checklist answers: the mean of the two,
  // where the answers score yes 10, no 0, uncertain 5 at a reduced weight. Only the model's
  // score when there are no answers.
  double modelTrackScore(double modelScore, const std::vector<agent::ChecklistAnswer>& answers) const;
  // yes/no answers / all answers; 1 when there are none.
  static double certainty(const std::vector<agent::ChecklistAnswer>& answers);

  // Sets every track's weight and the evaluation's composite.
  void apply(agent::Evaluation& evaluation) const;

  const CompositeWeights& weights() const { return m_weights; }

 private:
  double baseWeight(const agent::TrackResult& track) const;

  CompositeWeights m_weights;
};

}  // namespace partsmith::evaluation
