// The normalized events every provider stream is translated into. A stream always ends with
// exactly one Finish or one Error event.
#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "llm/llm_error.h"
#include "llm/llm_types.h"

namespace partsmith::llm {

enum class EventType {
  TextDelta,           // text
  ReasoningDelta,      // text
  ReasoningSignature,  // text = signature (Anthropic thinking block)
  RedactedReasoning,   // text = opaque data (Anthropic redacted_thinking), echoed back as is
  ToolCallStart,       // index (slot), id, name
  ToolCallArgsDelta,   // index, text = a piece of the JSON arguments
  ToolCallEnd,         // index, id, name, arguments (parsed), argumentsValid, text = raw JSON
  Usage,               // usage: the running total so far (replace, never add)
  Retry,               // error that caused it, retry: attempt / maxAttempts / delayMs
  Finish,              // finishReason, rawFinishReason
  Error                // error
};

std::string eventTypeName(EventType type);

struct RetryInfo {
  int attempt = 0;      // the attempt about to start, 2 = first retry
  int maxAttempts = 0;
  int delayMs = 0;
};

struct StreamEvent {
  EventType type = EventType::TextDelta;
  std::string text;
  int index = 0;
  std::string id;
  std::string name;
  nlohmann::json arguments;
  bool argumentsValid = true;
  Usage usage;
  FinishReason finishReason = FinishReason::Unknown;
  std::string rawFinishReason;
  LlmError error;
  RetryInfo retry;

  nlohmann::json toJson() const;
  // "Anthropic is overloaded; retrying in 4 s (2/3)"
  std::string retryMessage() const;
};

using EventCallback = std::function<void(const StreamEvent&)>;

}  // namespace partsmith::llm
