// The numbers of the seed's comparison table, computed from the store over the items of one or
// more runs (an experiment variant, a merged sharded run): average eval (composite), code-review
// and visual scores of the successful generations, success and auto-approval rates over the
// finished items, cost per generation, average agent steps and duration. Plus one row per
// prompt for the drill-down.
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

struct PromptOutcome {
  int64_t promptId = 0;
  std::string category;
  std::string prompt;
  std::string status;  // run item: pending, running, succeeded, failed
  bool approved = false;
  std::optional<double> score, codeScore, visualScore;
  double costUsd = 0;
  int steps = 0;
  double durationSeconds = 0;
  std::string error;
};

struct RunAggregates {
  int items = 0, finished = 0, succeeded = 0, failed = 0, approved = 0;
  std::optional<double> avgScore, avgCodeScore, avgVisualScore;
  double successRate = 0, approvalRate = 0;  // of the finished items, 0–1
  double totalCostUsd = 0, costPerGeneration = 0;
  double avgSteps = 0, avgDurationSeconds = 0;
  nlohmann::json toJson() const;
};

std::vector<PromptOutcome> promptOutcomes(store::Store& store, const std::vector<int64_t>& runIds);
RunAggregates aggregate(const std::vector<PromptOutcome>& outcomes);

}  // namespace partsmith::workbench
