#include "workbench/experiment_plan.h"

#include <algorithm>
#include <stdexcept>

#include "store/database.h"
#include "store/store.h"
#include "workbench/batch_runner.h"
#include "workbench/run_settings.h"

namespace partsmith::workbench {

using nlohmann::json;

namespace {

const std::vector<std::string> kSwitches = {"spec", "research", "visual", "decompose", "review", "refine"};
const std::vector<std::string> kStages = {"spec", "code", "review", "vision"};

std::string experimentUuid(const std::string& name) { return namedRunUuid("experiment\n" + name); }

}  // namespace

ExperimentPlan fewShotSweep(const std::string& name, const std::vector<int>& counts) {
  ExperimentPlan p;
  p.name = name;
  p.description = "Few-shot sweep: quality against the number of library examples in the context";
  p.varies = "few_shot";
  for (int n : counts) {
    if (n < 0 || n > 12) throw std::runtime_error("a few-shot count must be 0–12, not " + std::to_string(n));
    p.variants.push_back({std::to_string(n) + (n == 1 ? " example" : " examples"), {{"few_shot", n}}});
  }
  return p;
}

ExperimentPlan modelComparison(const std::string& name, const std::string& stage, const std::vector<std::string>& models) {
  if (std::find(kStages.begin(), kStages.end(), stage) == kStages.end())
    throw std::runtime_error("unknown stage '" + stage + "' (stages: spec, code, review, vision)");
  if (models.size() < 2) throw std::runtime_error("a model comparison needs at least two models");
  ExperimentPlan p;
  p.name = name;
  p.description = "The " + stage + " model swapped; every other stage unchanged";
  p.varies = "stage_model";
  for (const auto& m : models) p.variants.push_back({m, {{"models", {{stage, m}}}}});
  return p;
}

ExperimentPlan switchAblation(const std::string& name, const std::vector<std::string>& switches) {
  ExperimentPlan p;
  p.name = name;
  p.description = "Pipeline stages switched off one at a time";
  p.varies = "switch";
  p.variants.push_back({"baseline", json::object()});
  for (const auto& s : switches) {
    if (std::find(kSwitches.begin(), kSwitches.end(), s) == kSwitches.end())
      throw std::runtime_error("unknown switch '" + s + "' (switches: spec, research, visual, decompose, review, refine)");
    p.variants.push_back({s + " off", {{s, false}}});
  }
  if (p.variants.size() < 2) throw std::runtime_error("name at least one switch to turn off");
  return p;
}

std::optional<int64_t> findExperiment(store::Store& store, const std::string& nameOrId) {
  store::Statement st(store.db(), "SELECT id FROM experiments WHERE uuid = ? OR CAST(id AS TEXT) = ? ORDER BY id LIMIT 1");
  st.bindAll(experimentUuid(nameOrId), nameOrId);
  if (st.step()) return st.getInt(0);
  return std::nullopt;
}

int64_t createExperiment(store::Store& store, const ExperimentPlan& plan) {
  if (plan.name.empty()) throw std::runtime_error("an experiment needs a name");
  if (plan.variants.empty()) throw std::runtime_error("an experiment needs at least one variant");
  for (const auto& v : plan.variants) RunSettings::fromJson(mergeSettings(plan.baseSettings, v.settings));
  if (auto existing = findExperiment(store, plan.name)) {
    store::Experiment e = store.workbench().experiment(*existing);
    bool same = e.variants.size() == plan.variants.size();
    for (size_t i = 0; same && i < e.variants.size(); ++i)
      same = e.variants[i].label == plan.variants[i].label && e.variants[i].settings == plan.variants[i].settings;
    if (!same)
      throw std::runtime_error("an experiment named '" + plan.name + "' already exists with other variants");
    return *existing;
  }
  store::Experiment e;
  e.uuid = experimentUuid(plan.name);
  e.name = plan.name;
  e.description = plan.description;
  e.varies = plan.varies;
  e.baseSettings = plan.baseSettings;
  for (const auto& v : plan.variants) e.variants.push_back({0, v.label, v.settings, 0});
  e.promptIds = plan.promptIds;
  if (e.promptIds.empty()) {
    for (const auto& p : store.workbench().prompts(plan.category)) {
      if (plan.limit > 0 && static_cast<int>(e.promptIds.size()) >= plan.limit) break;
      e.promptIds.push_back(p.id);
    }
  }
  if (e.promptIds.empty())
    throw std::runtime_error(plan.category ? "there are no workbench prompts in category '" + *plan.category + "'"
                                           : std::string("there are no workbench prompts to experiment on"));
  return store.workbench().createExperiment(e);
}

}  // namespace partsmith::workbench
