#include "llm/stream_event.h"

#include <cmath>
#include <sstream>

namespace partsmith::llm {

std::string eventTypeName(EventType type) {
  switch (type) {
    case EventType::TextDelta: return "text_delta";
    case EventType::ReasoningDelta: return "reasoning_delta";
    case EventType::ReasoningSignature: return "reasoning_signature";
    case EventType::RedactedReasoning: return "redacted_reasoning";
    case EventType::ToolCallStart: return "tool_call_start";
    case EventType::ToolCallArgsDelta: return "tool_call_args_delta";
    case EventType::ToolCallEnd: return "tool_call_end";
    case EventType::Usage: return "usage";
    case EventType::Retry: return "retry";
    case EventType::Finish: return "finish";
    case EventType::Error: return "error";
  }
  return "unknown";
}

nlohmann::json StreamEvent::toJson() const {
  nlohmann::json j = {{"type", eventTypeName(type)}};
  switch (type) {
    case EventType::TextDelta:
    case EventType::ReasoningDelta:
    case EventType::ReasoningSignature:
    case EventType::RedactedReasoning:
      j["text"] = text;
      break;
    case EventType::ToolCallStart:
      j["index"] = index;
      j["id"] = id;
      j["name"] = name;
      break;
    case EventType::ToolCallArgsDelta:
      j["index"] = index;
      j["text"] = text;
      break;
    case EventType::ToolCallEnd:
      j["index"] = index;
      j["id"] = id;
      j["name"] = name;
      j["arguments"] = arguments;
      j["arguments_valid"] = argumentsValid;
      j["raw_arguments"] = text;
      break;
    case EventType::Usage: j["usage"] = usage.toJson(); break;
    case EventType::Retry:
      j["attempt"] = retry.attempt;
      j["max_attempts"] = retry.maxAttempts;
      j["delay_ms"] = retry.delayMs;
      j["error"] = error.toJson();
      j["message"] = retryMessage();
      break;
    case EventType::Finish:
      j["reason"] = finishReasonName(finishReason);
      j["raw_reason"] = rawFinishReason;
      break;
    case EventType::Error: j["error"] = error.toJson(); break;
  }
  return j;
}

std::string StreamEvent::retryMessage() const {
  LlmError brief = error;
  brief.message.clear();  // the provider's text is too long for a status line
  std::ostringstream s;
  const double seconds = retry.delayMs / 1000.0;
  s << brief.userMessage() << "; retrying in ";
  if (seconds < 10)
    s << std::round(seconds * 10) / 10;
  else
    s << std::lround(seconds);
  s << " s (" << retry.attempt << "/" << retry.maxAttempts << ")";
  return s.str();
}

}  // namespace partsmith::llm
