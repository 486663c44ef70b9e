// The comparison of an experiment's variants: the seed's table (one column per variant:
// average eval, code and visual scores, success and auto-approval rates, cost per generation,
// average agent steps and duration) and the per-prompt drill-down, as Markdown or CSV.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workbench/run_aggregates.h"

namespace partsmith::store {
class Store;
}

namespace partsmith::workbench {

struct VariantComparison {
  std::string label;
  nlohmann::json settings;  // the variant's patch
  RunAggregates totals;
  std::vector<PromptOutcome> prompts;
};

struct ExperimentComparison {
  int64_t experimentId = 0;
  std::string name, description, varies;
  std::vector<VariantComparison> variants;

  std::string toMarkdown() const;
  // Two sections in one file would not load as a table: `drillDown` false gives one row per
  // variant, true one row per prompt and variant.
  std::string toCsv(bool drillDown = false) const;
  nlohmann::json toJson() const;
};

ExperimentComparison compareExperiment(store::Store& store, int64_t experimentId);

}  // namespace partsmith::workbench
