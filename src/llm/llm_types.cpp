#include "llm/llm_types.h"

namespace partsmith::llm {

ContentBlock ContentBlock::makeText(std::string text) {
  ContentBlock b;
  b.kind = Kind::Text;
  b.text = std::move(text);
  return b;
}

ContentBlock ContentBlock::makeImage(std::string mediaType, std::string base64) {
  ContentBlock b;
  b.kind = Kind::Image;
  b.image.mediaType = std::move(mediaType);
  b.image.base64 = std::move(base64);
  return b;
}

ContentBlock ContentBlock::makeImageUrl(std::string url) {
  ContentBlock b;
  b.kind = Kind::Image;
  b.image.url = std::move(url);
  return b;
}

ContentBlock ContentBlock::makeToolUse(std::string id, std::string name, nlohmann::json input) {
  ContentBlock b;
  b.kind = Kind::ToolUse;
  b.toolId = std::move(id);
  b.toolName = std::move(name);
  b.input = std::move(input);
  return b;
}

ContentBlock ContentBlock::makeToolResult(std::string toolId, std::vector<ContentBlock> content,
                                          bool isError) {
  ContentBlock b;
  b.kind = Kind::ToolResult;
  b.toolId = std::move(toolId);
  b.resultContent = std::move(content);
  b.isError = isError;
  return b;
}

Message Message::user(std::string text) {
  return Message{Role::User, {ContentBlock::makeText(std::move(text))}};
}

Message Message::assistant(std::string text) {
  return Message{Role::Assistant, {ContentBlock::makeText(std::move(text))}};
}

nlohmann::json Usage::toJson() const {
  nlohmann::json j = {{"input_tokens", inputTokens},
                      {"cache_write_tokens", cacheWriteTokens},
                      {"cache_write_5m_tokens", cacheWrite5m},
                      {"cache_write_1h_tokens", cacheWrite1h},
                      {"cache_read_tokens", cacheReadTokens},
                      {"output_tokens", outputTokens},
                      {"reasoning_tokens", reasoningTokens},
                      {"reported", reported}};
  if (providerCostUsd) j["provider_cost_usd"] = *providerCostUsd;
  return j;
}

std::string finishReasonName(FinishReason reason) {
  switch (reason) {
    case FinishReason::EndTurn: return "end_turn";
    case FinishReason::MaxTokens: return "max_tokens";
    case FinishReason::ToolUse: return "tool_use";
    case FinishReason::StopSequence: return "stop_sequence";
    case FinishReason::ContentFilter: return "content_filter";
    case FinishReason::PauseTurn: return "pause_turn";
    case FinishReason::ContextWindowExceeded: return "context_window_exceeded";
    case FinishReason::Error: return "error";
    case FinishReason::Unknown: break;
  }
  return "unknown";
}

FinishReason finishReasonFromAnthropic(const std::string& s) {
  if (s == "end_turn") return FinishReason::EndTurn;
  if (s == "max_tokens") return FinishReason::MaxTokens;
  if (s == "tool_use") return FinishReason::ToolUse;
  if (s == "stop_sequence") return FinishReason::StopSequence;
  if (s == "refusal") return FinishReason::ContentFilter;
  if (s == "pause_turn") return FinishReason::PauseTurn;
  if (s == "model_context_window_exceeded") return FinishReason::ContextWindowExceeded;
  return FinishReason::Unknown;
}

FinishReason finishReasonFromOpenAi(const std::string& s) {
  if (s == "stop" || s == "eos") return FinishReason::EndTurn;
  if (s == "length") return FinishReason::MaxTokens;
  if (s == "tool_calls" || s == "function_call") return FinishReason::ToolUse;
  if (s == "content_filter") return FinishReason::ContentFilter;
  if (s == "error") return FinishReason::Error;
  return FinishReason::Unknown;
}

}  // namespace partsmith::llm
