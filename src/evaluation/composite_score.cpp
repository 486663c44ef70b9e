#include "evaluation/composite_score.h"

#include <algorithm>

#include "evaluation/track_outcome.h"

namespace partsmith::evaluation {

double CompositeScore::certainty(const std::vector<agent::ChecklistAnswer>& answers) {
  if (answers.empty()) return 1;
  double certain = 0;
  for (const auto& a : answers)
    if (a.answer == "yes" || a.answer == "no") ++certain;
  return certain / static_cast<double>(answers.size());
}

double CompositeScore::modelTrackScore(double modelScore, const std::vector<agent::ChecklistAnswer>& answers) const {
  modelScore = std::clamp(modelScore, 0.0, 10.0);
  double sum = 0, weight = 0;
  for (const auto& a : answers) {
    if (a.answer == "yes") {
      sum += 10;
      weight += 1;
    } else if (a.answer == "no") {
      weight += 1;
    } else {
      sum += 5 * m_weights.uncertainItem;
      weight += m_weights.uncertainItem;
    }
  }
  if (weight <= 0) return modelScore;
  return 0.5 * modelScore + 0.5 * (sum / weight);
}

double CompositeScore::baseWeight(const agent::TrackResult& track) const {
  if (track.track == "assertions")
    return m_weights.assertions * (track.details.value("decided", true) ? 1.0 : m_weights.undecidedAssertions);
  const std::vector<agent::ChecklistAnswer> answers = trackAnswers(track);
  const double base = track.track == "visual" ? m_weights.visual : m_weights.codeReview;
  return base * (0.5 + 0.5 * certainty(answers));
}

void CompositeScore::apply(agent::Evaluation& evaluation) const {
  double sum = 0, total = 0;
  for (auto& t : evaluation.tracks) {
    t.weight = t.score ? baseWeight(t) : 0.0;
    if (t.score) {
      sum += t.weight * std::clamp(*t.score, 0.0, 10.0);
      total += t.weight;
    }
  }
  // Report the normalized weights, so the record says what each track contributed.
  if (total > 0)
    for (auto& t : evaluation.tracks) t.weight /= total;
  evaluation.composite = evaluation.built && total > 0 ? sum / total : 0.0;
}

}  // namespace partsmith::evaluation
