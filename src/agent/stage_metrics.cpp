#include "agent/stage_metrics.h"

namespace partsmith::agent {

void StageMetrics::add(const StageMetrics& o) {
  ran = ran || o.ran;
  calls += o.calls;
  steps += o.steps;
  inputTokens += o.inputTokens;
  cacheReadTokens += o.cacheReadTokens;
  cacheWriteTokens += o.cacheWriteTokens;
  outputTokens += o.outputTokens;
  costUsd += o.costUsd;
  costKnown = costKnown && o.costKnown;
  llmMs += o.llmMs;
  kernelMs += o.kernelMs;
  wallMs += o.wallMs;
}

nlohmann::json StageMetrics::toJson() const {
  return {{"stage", stage},
          {"model", model},
          {"provider", provider},
          {"enabled", enabled},
          {"ran", ran},
          {"calls", calls},
          {"steps", steps},
          {"input_tokens", inputTokens},
          {"cache_read_tokens", cacheReadTokens},
          {"cache_write_tokens", cacheWriteTokens},
          {"output_tokens", outputTokens},
          {"cost_usd", costUsd},
          {"cost_known", costKnown},
          {"llm_ms", llmMs},
          {"kernel_ms", kernelMs},
          {"wall_ms", wallMs},
          {"overhead_ms", overheadMs()}};
}

}  // namespace partsmith::agent
