// Turns one provider's SSE events into normalized StreamEvents. One parser per attempt.
#pragma once
#include <vector>

#include "llm/sse_decoder.h"
#include "llm/stream_event.h"

namespace partsmith::llm {

class StreamParser {
 public:
  virtual ~StreamParser() = default;
  virtual void onEvent(const SseEvent& event, std::vector<StreamEvent>& out) = 0;
  // The body ended. Without the provider's terminator the stream is truncated: an Error
  // (kind Truncated) is emitted and tool calls that were open never get a ToolCallEnd.
  virtual void finish(std::vector<StreamEvent>& out) = 0;
  // True once Finish or Error was emitted: the rest of the body can be ignored.
  virtual bool ended() const = 0;
};

// Parses accumulated tool arguments: "" means no arguments ({}); anything else must be a JSON
// object. Returns false (and sets `parsed` to null) when the text is not valid.
bool parseToolArguments(const std::string& raw, nlohmann::json& parsed);

}  // namespace partsmith::llm
