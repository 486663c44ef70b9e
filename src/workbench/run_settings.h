// What a batch run (or one experiment variant) fixes: the model per stage, the pipeline
// switches, the few-shot count, per-generation budgets and the approval threshold. Stored as
// JSON on the run, so a resumed run or another shard uses exactly the same settings; an
// experiment variant is a JSON merge patch over its experiment's base settings.
#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "agent/pipeline.h"

namespace partsmith::workbench {

struct RunSettings {
  // stage (spec, code, review, vision) -> model id or PROVIDER/MODEL; unset: the LLM settings
  std::map<std::string, std::string> models;
  bool spec = true, research = true, review = true, visual = true, decompose = true, refine = true;
  int fewShot = 4;
  int maxSteps = 20;
  double maxCostUsd = 1.0;  // per generation
  double maxMinutes = 8;    // per generation
  double approvalThreshold = 8;
  bool curate = true;  // approved results go into the library (experiments measure without feeding it)

  nlohmann::json toJson() const;
  // Unknown keys are an error naming the key (a typo must not silently run the default).
  static RunSettings fromJson(const nlohmann::json& j);
  agent::PipelineSettings pipelineSettings() const;
};

// `base` with `patch` applied (RFC 7386 merge patch).
nlohmann::json mergeSettings(const nlohmann::json& base, const nlohmann::json& patch);

}  // namespace partsmith::workbench
