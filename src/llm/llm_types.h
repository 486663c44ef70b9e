// The provider-neutral request vocabulary: messages with text, images, reasoning, tool calls and
// tool results, tool definitions, and the request options every provider understands.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace partsmith::llm {

enum class Role { User, Assistant };

// An image as base64 data (PNG/JPEG/GIF/WebP) or, where the server allows it, an http(s) URL.
struct ImageData {
  std::string mediaType;  // "image/png"
  std::string base64;
  std::string url;  // used when base64 is empty
};

struct ContentBlock {
  enum class Kind { Text, Image, Thinking, RedactedThinking, ToolUse, ToolResult };
  Kind kind = Kind::Text;
  std::string text;       // Text; Thinking text; RedactedThinking's opaque data
  std::string signature;  // Thinking: must be echoed back unchanged
  ImageData image;        // Image
  // ToolUse: the call; ToolResult: the id it answers.
  std::string toolId;
  std::string toolName;
  nlohmann::json input = nlohmann::json::object();  // ToolUse: parsed arguments
  std::string rawArguments;  // ToolUse: the arguments string exactly as streamed (OpenAI echo)
  std::vector<ContentBlock> resultContent;  // ToolResult: Text and Image blocks
  bool isError = false;                     // ToolResult: the tool failed

  static ContentBlock makeText(std::string text);
  static ContentBlock makeImage(std::string mediaType, std::string base64);
  static ContentBlock makeImageUrl(std::string url);
  static ContentBlock makeToolUse(std::string id, std::string name, nlohmann::json input);
  static ContentBlock makeToolResult(std::string toolId, std::vector<ContentBlock> content,
                                     bool isError = false);
};

struct Message {
  Role role = Role::User;
  std::vector<ContentBlock> content;

  static Message user(std::string text);
  static Message assistant(std::string text);
};

struct ToolDefinition {
  std::string name;
  std::string description;
  nlohmann::json inputSchema = {{"type", "object"}, {"properties", nlohmann::json::object()}};
};

struct ToolChoice {
  enum class Mode { Auto, Required, None, Tool };
  Mode mode = Mode::Auto;
  std::string toolName;  // Mode::Tool
  bool disableParallel = false;
};

struct ThinkingConfig {
  bool enabled = false;
  bool adaptive = false;     // Anthropic {"type":"adaptive"}
  int budgetTokens = 0;      // Anthropic {"type":"enabled","budget_tokens":N}
  std::string effort;        // OpenAI-style reasoning_effort ("low", "medium", "high")
};

struct ChatRequest {
  std::string model;
  std::string system;
  std::vector<Message> messages;
  std::vector<ToolDefinition> tools;
  ToolChoice toolChoice;
  int maxTokens = 4096;
  std::optional<double> temperature;
  std::vector<std::string> stopSequences;
  ThinkingConfig thinking;
  bool promptCaching = true;  // Anthropic cache_control breakpoints
  // Provider-specific fields merged into the top level of the request body last.
  nlohmann::json extraBody = nlohmann::json::object();
};

// Normalized token usage. Every count is disjoint: total prompt = input + cacheWrite + cacheRead.
struct Usage {
  int64_t inputTokens = 0;       // uncached prompt tokens
  int64_t cacheWriteTokens = 0;  // all cache writes (= cacheWrite5m + cacheWrite1h when known)
  int64_t cacheWrite5m = 0;
  int64_t cacheWrite1h = 0;
  int64_t cacheReadTokens = 0;
  int64_t outputTokens = 0;     // includes reasoning tokens
  int64_t reasoningTokens = 0;  // part of outputTokens, when the server reports it
  std::optional<double> providerCostUsd;  // cost reported by the server (OpenRouter)
  bool reported = false;                  // the server sent usage at all

  int64_t promptTokens() const { return inputTokens + cacheWriteTokens + cacheReadTokens; }
  nlohmann::json toJson() const;
};

enum class FinishReason {
  EndTurn,
  MaxTokens,
  ToolUse,
  StopSequence,
  ContentFilter,
  PauseTurn,
  ContextWindowExceeded,
  Error,
  Unknown
};

std::string finishReasonName(FinishReason reason);
FinishReason finishReasonFromAnthropic(const std::string& stopReason);
FinishReason finishReasonFromOpenAi(const std::string& finishReason);

}  // namespace partsmith::llm
