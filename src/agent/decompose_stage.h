// Decompose: for complex requests (spec complexity >= threshold, default 7) a planner splits the
// part into independent components; each is generated in its own tool loop (its own script,
// so fixing one cannot break another), and a final loop assembles them into one script.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/code_tool_loop.h"
#include "agent/spec.h"
#include "agent/stage_context.h"
#include "agent/stage_model.h"

namespace partsmith::agent {

struct DecomposeSettings {
  bool enabled = true;
  int minComplexity = 7;
  int maxComponents = 5;
};

struct ComponentPlan {
  std::string name;
  std::string description;
};

struct DecomposeResult {
  bool planned = false;  // the planner gave a usable plan
  std::vector<ComponentPlan> components;
  std::string assembly;  // how the components fit together
  std::vector<CodeLoopResult> componentResults;
  CodeLoopResult final;  // the assembly loop
  std::string error;
  nlohmann::json planJson() const;
};

class DecomposeStage {
 public:
  DecomposeStage(StageModel planner, CodeToolLoop& loop, DecomposeSettings settings)
      : m_planner(std::move(planner)), m_loop(loop), m_settings(settings) {}

  const DecomposeSettings& settings() const { return m_settings; }
  bool wanted(const Spec& spec) const { return m_settings.enabled && spec.complexity >= m_settings.minComplexity; }

  // `fewShot` is the research stage's formatted examples (may be empty).
  DecomposeResult run(const std::string& request, const Spec& spec, const std::string& fewShot, StageContext& ctx,
                      StageMetrics& plannerMetrics, StageMetrics& codeMetrics);

 private:
  StageModel m_planner;
  CodeToolLoop& m_loop;
  DecomposeSettings m_settings;
};

}  // namespace partsmith::agent
