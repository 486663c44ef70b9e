// Runs an experiment: each variant as one run over the experiment's prompt set (its settings =
// the base settings with the variant's patch; nothing is curated into the library, so variants
// run later see the same few-shot corpus as the first). Resumable and shardable like any run:
// the run of a variant is named after the experiment and the variant.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "workbench/batch_runner.h"

namespace partsmith::workbench {

struct ExperimentRunOptions {
  int parallel = 1;
  int shardIndex = 0, shardCount = 1;
  std::optional<double> budgetUsd;  // for the whole experiment
  std::function<void(const std::string& variant, const BatchProgress&)> onProgress;
};

struct ExperimentRunReport {
  std::vector<std::pair<std::string, BatchReport>> variants;
  std::string stopReason;  // empty: every variant finished
};

class ExperimentRunner {
 public:
  explicit ExperimentRunner(BatchEnvironment environment) : m_batch(std::move(environment)) {}
  ExperimentRunReport run(int64_t experimentId, const ExperimentRunOptions& options);
  void cancel() {
    m_cancelled = true;
    m_batch.cancel();
  }

 private:
  BatchRunner m_batch;
  std::atomic<bool> m_cancelled{false};
};

// The run name of a variant (`experiment uuid/variant label`).
std::string variantRunName(const std::string& experimentUuid, const std::string& label);

}  // namespace partsmith::workbench
