// What the pipeline reports while it works: the GUI's timeline and the CLI's stderr read these.
// Events may arrive on an LLM transport thread (kind "delta"); a sink must be thread-safe.
#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace partsmith::agent {

struct ProgressEvent {
  // stage_start, stage_end, delta (streamed model text), tool_call, tool_result, run, score,
  // info, warning, error, done
  std::string kind;
  std::string stage;    // spec, research, code, evaluate, refine, verify, decompose, offline
  std::string message;  // one line a person reads
  nlohmann::json data = nlohmann::json::object();
  double elapsedMs = 0;  // since the generation started

  nlohmann::json toJson() const {
    return {{"kind", kind}, {"stage", stage}, {"message", message}, {"data", data}, {"elapsed_ms", elapsedMs}};
  }
};

using ProgressSink = std::function<void(const ProgressEvent&)>;

}  // namespace partsmith::agent
