#include "workbench/run_settings.h"

#include <stdexcept>

namespace partsmith::workbench {

using nlohmann::json;

json RunSettings::toJson() const {
  json m = json::object();
  for (const auto& [stage, model] : models) m[stage] = model;
  return {{"models", m},          {"spec", spec},         {"research", research},
          {"review", review},     {"visual", visual},     {"decompose", decompose},
          {"refine", refine},     {"few_shot", fewShot},  {"max_steps", maxSteps},
          {"max_cost_usd", maxCostUsd}, {"max_minutes", maxMinutes},
          {"approval_threshold", approvalThreshold}, {"curate", curate}};
}

RunSettings RunSettings::fromJson(const json& j) {
  RunSettings s;
  if (j.is_null()) return s;
  if (!j.is_object()) throw std::runtime_error("run settings must be a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    const json& v = it.value();
    try {
      if (k == "models") {
        for (auto m = v.begin(); m != v.end(); ++m) {
          if (m.key() != "spec" && m.key() != "code" && m.key() != "review" && m.key() != "vision")
            throw std::runtime_error("unknown stage '" + m.key() + "' (stages: spec, code, review, vision)");
          if (!m.value().get<std::string>().empty()) s.models[m.key()] = m.value().get<std::string>();
        }
      } else if (k == "spec") s.spec = v.get<bool>();
      else if (k == "research") s.research = v.get<bool>();
      else if (k == "review") s.review = v.get<bool>();
      else if (k == "visual") s.visual = v.get<bool>();
      else if (k == "decompose") s.decompose = v.get<bool>();
      else if (k == "refine") s.refine = v.get<bool>();
      else if (k == "few_shot") s.fewShot = v.get<int>();
      else if (k == "max_steps") s.maxSteps = v.get<int>();
      else if (k == "max_cost_usd") s.maxCostUsd = v.get<double>();
      else if (k == "max_minutes") s.maxMinutes = v.get<double>();
      else if (k == "approval_threshold") s.approvalThreshold = v.get<double>();
      else if (k == "curate") s.curate = v.get<bool>();
      else throw std::runtime_error("unknown setting");
    } catch (const json::exception&) {
      throw std::runtime_error("run setting '" + k + "' has the wrong type: " + v.dump());
    } catch (const std::runtime_error& e) {
      throw std::runtime_error("run setting '" + k + "': " + e.what());
    }
  }
  if (s.fewShot < 0 || s.fewShot > 12) throw std::runtime_error("run setting 'few_shot' must be 0–12");
  if (s.maxSteps < 1) throw std::runtime_error("run setting 'max_steps' must be at least 1");
  if (s.approvalThreshold < 0 || s.approvalThreshold > 10)
    throw std::runtime_error("run setting 'approval_threshold' must be 0–10");
  return s;
}

agent::PipelineSettings RunSettings::pipelineSettings() const {
  agent::PipelineSettings p;
  p.specEnabled = spec;
  p.researchEnabled = research;
  p.reviewEnabled = review;
  p.visualEnabled = visual;
  p.code.renderViews = visual;
  p.decompose.enabled = decompose;
  p.refine.enabled = refine;
  p.fewShotCount = fewShot;
  p.budget.maxSteps = maxSteps;
  p.budget.maxCostUsd = maxCostUsd;
  p.budget.maxSeconds = maxMinutes * 60;
  return p;
}

json mergeSettings(const json& base, const json& patch) {
  json out = base.is_object() ? base : json::object();
  out.merge_patch(patch);
  return out;
}

}  // namespace partsmith::workbench
