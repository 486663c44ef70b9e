#include "llm/anthropic_request.h"

#include "llm/llm_error.h"

namespace partsmith::llm {

using nlohmann::json;

namespace {

const json kEphemeral = {{"type", "ephemeral"}};

LlmException invalid(const std::string& message) {
  LlmError e;
  e.kind = ErrorKind::InvalidRequest;
  e.provider = "Anthropic";
  e.message = message;
  return LlmException(e);
}

json imageJson(const ImageData& image) {
  if (!image.base64.empty())
    return {{"type", "image"},
            {"source", {{"type", "base64"}, {"media_type", image.mediaType}, {"data", image.base64}}}};
  if (image.url.empty()) throw invalid("an image block has neither data nor a URL");
  return {{"type", "image"}, {"source", {{"type", "url"}, {"url", image.url}}}};
}

json blockJson(const ContentBlock& b) {
  switch (b.kind) {
    case ContentBlock::Kind::Text: return {{"type", "text"}, {"text", b.text}};
    case ContentBlock::Kind::Image: return imageJson(b.image);
    case ContentBlock::Kind::Thinking:
      return {{"type", "thinking"}, {"thinking", b.text}, {"signature", b.signature}};
    case ContentBlock::Kind::RedactedThinking: return {{"type", "redacted_thinking"}, {"data", b.text}};
    case ContentBlock::Kind::ToolUse:
      return {{"type", "tool_use"}, {"id", b.toolId}, {"name", b.toolName},
              {"input", b.input.is_object() ? b.input : json::object()}};
    case ContentBlock::Kind::ToolResult: {
      json content = json::array();
      for (const ContentBlock& part : b.resultContent) {
        if (part.kind == ContentBlock::Kind::Text) {
          if (!part.text.empty()) content.push_back({{"type", "text"}, {"text", part.text}});
        } else if (part.kind == ContentBlock::Kind::Image) {
          content.push_back(imageJson(part.image));
        } else {
          throw invalid("a tool result may hold only text and images");
        }
      }
      json j = {{"type", "tool_result"}, {"tool_use_id", b.toolId}, {"content", content}};
      if (b.isError) j["is_error"] = true;
      return j;
    }
  }
  return json::object();
}

bool cacheable(const json& block) {
  const std::string type = block.value("type", std::string());
  return type != "thinking" && type != "redacted_thinking";
}

}  // namespace

json buildAnthropicBody(const ChatRequest& r, bool stream) {
  if (r.model.empty()) throw invalid("no model was chosen");
  if (r.maxTokens <= 0) throw invalid("max_tokens must be positive");
  json body = {{"model", r.model}, {"max_tokens", r.maxTokens}};
  if (stream) body["stream"] = true;

  if (!r.system.empty()) {
    json block = {{"type", "text"}, {"text", r.system}};
    if (r.promptCaching) block["cache_control"] = kEphemeral;
    body["system"] = json::array({block});
  }

  if (!r.tools.empty()) {
    json tools = json::array();
    for (const ToolDefinition& t : r.tools) {
      json schema = t.inputSchema.is_object() ? t.inputSchema : json::object();
      if (!schema.contains("type")) schema["type"] = "object";
      tools.push_back({{"name", t.name}, {"description", t.description}, {"input_schema", schema}});
    }
    // Tools come first in the cache prefix; one breakpoint on the last covers all of them.
    if (r.promptCaching) tools.back()["cache_control"] = kEphemeral;
    body["tools"] = tools;

    json choice;
    switch (r.toolChoice.mode) {
      case ToolChoice::Mode::Auto: choice = {{"type", "auto"}}; break;
      case ToolChoice::Mode::Required: choice = {{"type", "any"}}; break;
      case ToolChoice::Mode::None: choice = {{"type", "none"}}; break;
      case ToolChoice::Mode::Tool: choice = {{"type", "tool"}, {"name", r.toolChoice.toolName}}; break;
    }
    if (r.thinking.enabled && (r.toolChoice.mode == ToolChoice::Mode::Required ||
                               r.toolChoice.mode == ToolChoice::Mode::Tool))
      throw invalid("with extended thinking the tool choice must be 'auto' or 'none'");
    if (r.toolChoice.disableParallel && r.toolChoice.mode != ToolChoice::Mode::None)
      choice["disable_parallel_tool_use"] = true;
    body["tool_choice"] = choice;
  }

  json messages = json::array();
  for (const Message& m : r.messages) {
    const std::string role = m.role == Role::User ? "user" : "assistant";
    json content = json::array();
    // Tool results must open their user message, with nothing before them.
    for (int pass = 0; pass < 2; ++pass) {
      for (const ContentBlock& b : m.content) {
        const bool isResult = b.kind == ContentBlock::Kind::ToolResult;
        if ((pass == 0) != isResult) continue;
        if (b.kind == ContentBlock::Kind::Text && b.text.empty()) continue;  // refused by the API
        content.push_back(blockJson(b));
      }
    }
    if (content.empty()) continue;
    if (!messages.empty() && messages.back()["role"] == role) {
      for (auto& block : content) messages.back()["content"].push_back(block);
    } else {
      messages.push_back({{"role", role}, {"content", content}});
    }
  }
  if (messages.empty()) throw invalid("the conversation has no messages");
  if (messages.front()["role"] != "user") throw invalid("the conversation must start with a user message");
  if (r.promptCaching) {
    // The breakpoint on the newest turn makes the next request read everything before it.
    json& last = messages.back()["content"];
    for (auto it = last.rbegin(); it != last.rend(); ++it) {
      if (!cacheable(*it)) continue;
      (*it)["cache_control"] = kEphemeral;
      break;
    }
  }
  body["messages"] = messages;

  if (r.thinking.enabled) {
    if (r.thinking.adaptive) {
      body["thinking"] = {{"type", "adaptive"}};
    } else {
      if (r.thinking.budgetTokens < 1024 || r.thinking.budgetTokens >= r.maxTokens)
        throw invalid("the thinking budget must be at least 1024 tokens and below max_tokens");
      body["thinking"] = {{"type", "enabled"}, {"budget_tokens", r.thinking.budgetTokens}};
    }
  } else if (r.temperature) {
    body["temperature"] = *r.temperature;  // thinking refuses a temperature
  }
  if (!r.stopSequences.empty()) body["stop_sequences"] = r.stopSequences;
  if (r.extraBody.is_object())
    for (auto it = r.extraBody.begin(); it != r.extraBody.end(); ++it) body[it.key()] = it.value();
  return body;
}

}  // namespace partsmith::llm
