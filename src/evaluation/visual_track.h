// The visual track: a VLM sees multi-angle renders of the part and answers each checklist item
// yes/no/uncertain. When it names views that would settle an item (more_views), one zoom round
// follows: those views are rendered at twice the resolution and the model answers again.
#pragma once
#include <string>
#include <vector>

#include "agent/evaluator.h"

namespace partsmith::evaluation {

struct VisualSettings {
  std::vector<std::string> views{"iso", "front", "top", "right"};  // rendered up front
  int zoomFactor = 2;        // the zoom round's resolution relative to the first renders
  int maxZoomViews = 3;      // views per zoom round
  int maxZoomWidth = 1600;
  int maxZoomHeight = 1200;
};

class VisualTrack {
 public:
  VisualTrack(agent::StageModel model, int renderWidth, int renderHeight, VisualSettings settings = {})
      : m_model(std::move(model)), m_width(renderWidth), m_height(renderHeight), m_settings(std::move(settings)) {}

  const VisualSettings& settings() const { return m_settings; }
  // No score when there is no vision model or no renders; details say why.
  agent::TrackResult run(const agent::EvaluationInput& input, agent::StageContext& ctx, bool* cancelled) const;

 private:
  agent::StageModel m_model;
  int m_width, m_height;
  VisualSettings m_settings;
};

}  // namespace partsmith::evaluation
