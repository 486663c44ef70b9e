#include "evaluation/three_track_evaluator.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "agent/assertions_evaluator.h"
#include "evaluation/review_track.h"
#include "evaluation/track_outcome.h"

namespace partsmith::evaluation {

using nlohmann::json;

namespace {

std::string lowered(const std::string& s) {
  std::string out = s;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void addCritique(agent::Evaluation& ev, const std::string& prefix, const json& lines) {
  if (!lines.is_array()) return;
  for (const auto& l : lines) {
    if (!l.is_string()) continue;
    const std::string text = prefix + l.get<std::string>();
    const bool seen = std::any_of(ev.critique.begin(), ev.critique.end(),
                                  [&](const std::string& c) { return lowered(c) == lowered(text); });
    if (!seen) ev.critique.push_back(text);
  }
}

}  // namespace

ThreeTrackEvaluator::ThreeTrackEvaluator(agent::EvaluatorConfig config, CompositeWeights weights, VisualSettings visual)
    : m_config(std::move(config)), m_composite(weights), m_visual(std::move(visual)) {}

bool ThreeTrackEvaluator::visualRuns() const {
  return m_config.visualEnabled && m_config.vision.usable() && m_config.vision.vision;
}

std::vector<std::string> ThreeTrackEvaluator::wantedViews() const {
  return visualRuns() ? m_visual.views : std::vector<std::string>{};
}

agent::Evaluation ThreeTrackEvaluator::evaluate(const agent::EvaluationInput& input, agent::StageContext& ctx) {
  // The assertions track decides the build gate too: one place for both.
  agent::Evaluation ev = agent::AssertionsEvaluator().evaluate(input, ctx);
  const std::string gate = "the part does not build";
  if (!ev.built) {
    ev.tracks.push_back(notRun("code_review", m_config.review, gate));
    ev.tracks.push_back(notRun("visual", m_config.vision, gate));
    m_composite.apply(ev);
    return ev;
  }
  const agent::TrackResult assertions = ev.tracks.front();

  bool cancelled = ctx.cancel.cancelled();
  if (cancelled)
    ev.tracks.push_back(notRun("code_review", m_config.review, "cancelled"));
  else if (!m_config.reviewEnabled)
    ev.tracks.push_back(notRun("code_review", m_config.review, "the code review is switched off"));
  else
    ev.tracks.push_back(ReviewTrack(m_config.review).run(input, assertions, ctx, &cancelled));

  cancelled = cancelled || ctx.cancel.cancelled();
  if (cancelled)
    ev.tracks.push_back(notRun("visual", m_config.vision, "cancelled"));
  else if (!m_config.visualEnabled)
    ev.tracks.push_back(notRun("visual", m_config.vision, "the visual check is switched off"));
  else
    ev.tracks.push_back(VisualTrack(m_config.vision, m_config.renderWidth, m_config.renderHeight, m_visual)
                            .run(input, ctx, &cancelled));
  ev.cancelled = cancelled || ctx.cancel.cancelled();

  for (const auto& t : ev.tracks) {
    if (t.track == "assertions" || !t.score) continue;
    for (const auto& a : trackAnswers(t)) ev.checklist.push_back(a);
    addCritique(ev, t.track == "visual" ? "Visual check: " : "Code review: ", t.details.value("critique", json::array()));
  }
  m_composite.apply(ev);
  return ev;
}

agent::EvaluatorFactory threeTrackEvaluatorFactory() {
  return [](const agent::EvaluatorConfig& config) { return std::make_shared<ThreeTrackEvaluator>(config); };
}

}  // namespace partsmith::evaluation
