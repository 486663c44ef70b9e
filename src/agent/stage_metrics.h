// Per-stage measurements: model, calls, tokens, cost and where the time went (LLM, kernel, the
// agent's own work), so experiments can tell which stages earn their keep.
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace partsmith::agent {

struct StageMetrics {
  std::string stage;
  std::string model;
  std::string provider;
  bool enabled = true;
  bool ran = false;
  int calls = 0;  // LLM calls
  int steps = 0;  // tool-loop turns (code stages)
  int64_t inputTokens = 0;
  int64_t cacheReadTokens = 0;
  int64_t cacheWriteTokens = 0;
  int64_t outputTokens = 0;
  double costUsd = 0;
  bool costKnown = true;  // false once a call had no price
  double llmMs = 0;
  double kernelMs = 0;
  double wallMs = 0;

  double overheadMs() const {
    const double o = wallMs - llmMs - kernelMs;
    return o > 0 ? o : 0;
  }
  void add(const StageMetrics& other);
  nlohmann::json toJson() const;
};

}  // namespace partsmith::agent
