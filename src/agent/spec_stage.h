// Spec: the spec model turns the request into the contract (spec.h) as JSON, validated
// against the schema; an invalid reply gets one repair attempt with the problems listed. When
// the stage is off or fails, the pipeline goes on with Spec::fallback().
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/spec.h"
#include "agent/stage_context.h"
#include "agent/stage_model.h"

namespace partsmith::agent {

struct SpecOutcome {
  Spec spec;
  bool fromModel = false;  // a valid spec came from the model
  bool repaired = false;   // it took the repair attempt
  bool cancelled = false;
  std::vector<std::string> problems;  // of the last invalid reply
  std::string error;                  // why there is no model spec
};

class SpecStage {
 public:
  explicit SpecStage(StageModel model) : m_model(std::move(model)) {}
  // `request` is the user's message; `context` adds earlier requests and the current code of
  // a follow-up (may be empty).
  SpecOutcome run(const std::string& request, const std::string& context, StageContext& ctx, StageMetrics& metrics,
                  const std::vector<llm::ImageData>& referenceImages = {});

 private:
  StageModel m_model;
};

}  // namespace partsmith::agent
