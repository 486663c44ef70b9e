// Accumulates normalized stream events into the assistant message: ordered content blocks
// (so thinking blocks can be echoed back exactly), tool calls with parsed arguments, usage,
// finish reason and error.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/llm_error.h"
#include "llm/llm_types.h"
#include "llm/stream_event.h"

namespace partsmith::llm {

struct ToolCall {
  std::string id;
  std::string name;
  nlohmann::json arguments;   // parsed; null when invalid
  std::string rawArguments;   // exactly as streamed
  bool argumentsValid = false;
  bool complete = false;      // ToolCallEnd was seen
};

struct AssembledMessage {
  std::vector<ContentBlock> blocks;  // in stream order
  std::vector<ToolCall> toolCalls;
  Usage usage;
  std::optional<FinishReason> finishReason;
  std::string rawFinishReason;
  std::optional<LlmError> error;

  std::string text() const;       // all text blocks joined
  std::string reasoning() const;  // all thinking text joined
  bool finished() const { return finishReason.has_value() && !error; }
  // Tool calls may run only when the stream finished cleanly for tool use, and each call's
  // arguments are complete, valid JSON. Truncated, failed or length-cut turns run nothing.
  bool toolCallsRunnable() const;
  // The assistant message to send back next turn (thinking + signatures unchanged).
  Message toMessage() const;
  nlohmann::json toJson() const;
};

class MessageAssembler {
 public:
  void add(const StreamEvent& event);
  void reset() {
    m_message = AssembledMessage{};
    m_openBlock = -1;
    m_callByIndex.clear();
  }
  const AssembledMessage& message() const { return m_message; }
  AssembledMessage& message() { return m_message; }

 private:
  ContentBlock& openBlock(ContentBlock::Kind kind);

  AssembledMessage m_message;
  int m_openBlock = -1;  // index in blocks of the block text/reasoning deltas extend
  std::map<int, size_t> m_callByIndex;  // event index -> toolCalls position
};

}  // namespace partsmith::llm
