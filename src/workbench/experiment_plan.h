// Creating experiments: a fixed prompt set and variants that differ in exactly one thing — the
// model of one stage, the few-shot count, or one pipeline switch (spec, research, visual track,
// decomposition off). Experiments are named; the same name gives the same uuid on every
// machine, so shard databases of one experiment merge into one.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace partsmith::store {
class Store;
}

namespace partsmith::workbench {

struct ExperimentPlan {
  std::string name;
  std::string description;
  std::string varies;  // stage_model, few_shot, switch
  nlohmann::json baseSettings = nlohmann::json::object();  // RunSettings JSON shared by every variant
  struct Variant {
    std::string label;
    nlohmann::json settings;  // merge patch over the base
  };
  std::vector<Variant> variants;
  // The prompt set: explicit ids, else the category (all when unset), the first `limit`.
  std::vector<int64_t> promptIds;
  std::optional<std::string> category;
  int limit = 0;
};

// The built-in template: the few-shot count swept over 0, 1, 3, 6, 10.
ExperimentPlan fewShotSweep(const std::string& name, const std::vector<int>& counts = {0, 1, 3, 6, 10});
// One variant per model of `stage` (spec, code, review, vision).
ExperimentPlan modelComparison(const std::string& name, const std::string& stage, const std::vector<std::string>& models);
// A baseline with everything on, then one variant per switch turned off (spec, research,
// visual, decompose, review, refine).
ExperimentPlan switchAblation(const std::string& name, const std::vector<std::string>& switches);

// Creates the experiment, or returns the one of that name (same variants required).
int64_t createExperiment(store::Store& store, const ExperimentPlan& plan);
std::optional<int64_t> findExperiment(store::Store& store, const std::string& nameOrId);

}  // namespace partsmith::workbench
