// The comparison of an experiment's variants: the seed's table (one column per variant:
// average eval, code and visual scores, success and auto-approval rates, cost per generation,
// average agent steps and duration, and the context size) and the per-prompt drill-down, as
// Markdown or CSV.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workbench/run_aggregates.h"

namespace partsmith::store {
class Store;
}

namespace partsmith::workbench {

// How much the models were given to read, from the usage the pipeline records for every model
// call (cached prompt tokens included: they fill the context as much as uncached ones). Over
// the finished generations that recorded usage; unset when none did (a provider that reports
// no usage, or nothing finished).
struct ContextSize {
  int generations = 0;
  std::optional<double> inputTokensPerGeneration;  // every stage's calls, summed per generation
  // The code model's prompt per call (code and decompose stages): what few-shot examples grow,
  // without the number of repair turns mixed in as in the per-generation sum.
  std::optional<double> tokensPerCodeCall;
};

struct VariantComparison {
  std::string label;
  nlohmann::json settings;  // the variant's patch
  RunAggregates totals;
  ContextSize context;
  std::vector<PromptOutcome> prompts;

  // The value the variant sets when its patch sets exactly one setting to a number (few_shot 3,
  // max_steps 10): the x of a line chart. Model names and switches have none.
  std::optional<double> numericValue() const;
};

struct ExperimentComparison {
  int64_t experimentId = 0;
  std::string name, description, varies;
  std::vector<VariantComparison> variants;

  // True when every variant sets a number (and at least two differ): quality can be plotted
  // against that value, in ascending order, instead of as bars per variant.
  bool numericSweep() const;
  // The name of the setting a numeric sweep varies ("few_shot"); empty otherwise.
  std::string numericSetting() const;

  std::string toMarkdown() const;
  // Two sections in one file would not load as a table: `drillDown` false gives one row per
  // variant, true one row per prompt and variant.
  std::string toCsv(bool drillDown = false) const;
  nlohmann::json toJson() const;
};

ExperimentComparison compareExperiment(store::Store& store, int64_t experimentId);

}  // namespace partsmith::workbench
