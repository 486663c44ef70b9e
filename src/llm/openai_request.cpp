#include "llm/openai_request.h"

#include "llm/llm_error.h"

namespace partsmith::llm {

using nlohmann::json;

namespace {

LlmException invalid(const ServerProfile& profile, const std::string& message) {
  LlmError e;
  e.kind = ErrorKind::InvalidRequest;
  e.provider = profile.displayName;
  e.message = message;
  return LlmException(e);
}

json imagePart(const ImageData& image, const ServerProfile& profile) {
  std::string url;
  if (!image.base64.empty()) {
    url = "data:" + (image.mediaType.empty() ? std::string("image/png") : image.mediaType) + ";base64," + image.base64;
  } else if (!image.url.empty()) {
    if (!profile.imageUrlHttpOk && image.url.rfind("data:", 0) != 0)
      throw invalid(profile, profile.displayName + " accepts images only as base64 data, not as a URL (" + image.url + ")");
    url = image.url;
  } else {
    throw invalid(profile, "an image block has neither data nor a URL");
  }
  return {{"type", "image_url"}, {"image_url", {{"url", url}}}};
}

// Text-only content goes as a plain string: some compatible servers read nothing else.
json userContent(const std::vector<json>& parts) {
  bool textOnly = true;
  for (const json& p : parts) textOnly = textOnly && p["type"] == "text";
  if (!textOnly) return parts;
  std::string text;
  for (const json& p : parts) {
    if (!text.empty()) text += "\n\n";
    text += p["text"].get<std::string>();
  }
  return text;
}

}  // namespace

json buildOpenAiBody(const ChatRequest& r, const ServerProfile& profile, bool stream) {
  if (r.model.empty()) throw invalid(profile, "no model was chosen");
  json body = {{"model", r.model}};
  if (stream) {
    body["stream"] = true;
    if (profile.supportsIncludeUsage) body["stream_options"] = {{"include_usage", true}};
  }
  if (r.maxTokens > 0)
    body[profile.lengthField == LengthField::MaxCompletionTokens ? "max_completion_tokens" : "max_tokens"] = r.maxTokens;

  json messages = json::array();
  if (!r.system.empty()) messages.push_back({{"role", "system"}, {"content", r.system}});
  for (const Message& m : r.messages) {
    if (m.role == Role::Assistant) {
      std::string text;
      json calls = json::array();
      for (const ContentBlock& b : m.content) {
        if (b.kind == ContentBlock::Kind::Text) text += b.text;
        if (b.kind == ContentBlock::Kind::ToolUse)
          calls.push_back({{"id", b.toolId},
                           {"type", "function"},
                           {"function", {{"name", b.toolName},
                                         {"arguments", b.rawArguments.empty() ? b.input.dump() : b.rawArguments}}}});
        // Thinking blocks have no place in this dialect; the server keeps no signature.
      }
      json msg = {{"role", "assistant"}, {"content", text.empty() ? json(nullptr) : json(text)}};
      if (!calls.empty()) msg["tool_calls"] = calls;
      if (text.empty() && calls.empty()) continue;
      messages.push_back(msg);
      continue;
    }
    std::vector<json> followUp;  // images returned by tools, sent as a user message
    std::vector<json> parts;
    for (const ContentBlock& b : m.content) {
      if (b.kind == ContentBlock::Kind::ToolResult) {
        std::string text;
        std::vector<json> images;
        for (const ContentBlock& part : b.resultContent) {
          if (part.kind == ContentBlock::Kind::Text) {
            if (!text.empty()) text += "\n";
            text += part.text;
          } else if (part.kind == ContentBlock::Kind::Image) {
            images.push_back(imagePart(part.image, profile));
          }
        }
        if (b.isError) text = "Error: " + text;
        if (!images.empty()) {
          text += (text.empty() ? "" : "\n") + std::string("(") + std::to_string(images.size()) +
                  " image(s) follow in the next user message)";
          followUp.push_back({{"type", "text"}, {"text", "Images returned by tool call " + b.toolId + ":"}});
          followUp.insert(followUp.end(), images.begin(), images.end());
        }
        messages.push_back({{"role", "tool"}, {"tool_call_id", b.toolId}, {"content", text}});
      } else if (b.kind == ContentBlock::Kind::Text) {
        if (!b.text.empty()) parts.push_back({{"type", "text"}, {"text", b.text}});
      } else if (b.kind == ContentBlock::Kind::Image) {
        parts.push_back(imagePart(b.image, profile));
      }
    }
    followUp.insert(followUp.end(), parts.begin(), parts.end());
    if (!followUp.empty()) messages.push_back({{"role", "user"}, {"content", userContent(followUp)}});
  }
  if (messages.empty()) throw invalid(profile, "the conversation has no messages");
  body["messages"] = messages;

  if (!r.tools.empty()) {
    json tools = json::array();
    for (const ToolDefinition& t : r.tools)
      tools.push_back({{"type", "function"},
                       {"function", {{"name", t.name}, {"description", t.description}, {"parameters", t.inputSchema}}}});
    body["tools"] = tools;
    switch (r.toolChoice.mode) {
      case ToolChoice::Mode::Auto: body["tool_choice"] = "auto"; break;
      case ToolChoice::Mode::Required: body["tool_choice"] = "required"; break;
      case ToolChoice::Mode::None: body["tool_choice"] = "none"; break;
      case ToolChoice::Mode::Tool:
        body["tool_choice"] = {{"type", "function"}, {"function", {{"name", r.toolChoice.toolName}}}};
        break;
    }
    if (r.toolChoice.disableParallel) body["parallel_tool_calls"] = false;
  }
  if (r.temperature) body["temperature"] = *r.temperature;
  if (!r.stopSequences.empty()) body["stop"] = r.stopSequences;
  if (r.thinking.enabled && !r.thinking.effort.empty()) body["reasoning_effort"] = r.thinking.effort;
  if (r.extraBody.is_object())
    for (auto it = r.extraBody.begin(); it != r.extraBody.end(); ++it) body[it.key()] = it.value();
  return body;
}

}  // namespace partsmith::llm
