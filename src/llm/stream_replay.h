// Decodes a recorded raw SSE body offline, exactly as a live stream would be decoded, into the
// normalized events and the assembled message (partsmith-cli llm replay; tests).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/message_assembler.h"
#include "llm/stream_event.h"

namespace partsmith::llm {

struct ReplayResult {
  std::vector<StreamEvent> events;
  AssembledMessage message;
  size_t sseEvents = 0;
  nlohmann::json toJson() const;  // {"events":[...], "message":{...}, "sse_events":N}
};

// `format`: "anthropic" or "openai"; `profile`: a server profile name for "openai".
// `chunkSize` > 0 feeds the body in slices of that size (0: all at once).
// Throws std::invalid_argument for an unknown format.
ReplayResult replaySse(const std::string& body, const std::string& format, const std::string& profile = "generic",
                       size_t chunkSize = 0);

}  // namespace partsmith::llm
