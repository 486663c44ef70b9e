#include "llm/anthropic_stream_parser.h"

namespace partsmith::llm {

using nlohmann::json;

namespace {

int64_t intField(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<int64_t>() : 0;
}

StreamEvent protocolError(const std::string& provider, const std::string& message) {
  StreamEvent e;
  e.type = EventType::Error;
  e.error.kind = ErrorKind::Protocol;
  e.error.provider = provider;
  e.error.message = message;
  return e;
}

}  // namespace

bool parseToolArguments(const std::string& raw, json& parsed) {
  size_t first = raw.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    parsed = json::object();
    return true;
  }
  parsed = json::parse(raw, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    parsed = nullptr;
    return false;
  }
  return true;
}

AnthropicStreamParser::AnthropicStreamParser(std::string providerName)
    : m_provider(std::move(providerName)) {}

void AnthropicStreamParser::onEvent(const SseEvent& event, std::vector<StreamEvent>& out) {
  if (m_ended || !event.hasData || event.data.empty()) return;
  json j = json::parse(event.data, nullptr, false);
  if (j.is_discarded()) {
    // A ping is harmless whatever its body; anything else must be readable.
    if (event.event == "ping") return;
    out.push_back(protocolError(m_provider, "unreadable JSON in '" + event.event + "' event"));
    m_ended = true;
    return;
  }
  // The SDK dispatches on the SSE event name; a compatible server that omits it still sends
  // the JSON "type".
  std::string type = event.event;
  if (type.empty() || type == "message") type = j.value("type", std::string());
  handle(type, j, out);
}

void AnthropicStreamParser::applyUsage(const json& u) {
  if (!u.is_object()) return;
  // Counts are cumulative: overwrite whatever is present, never add.
  if (u.contains("input_tokens") && u["input_tokens"].is_number())
    m_usage.inputTokens = u["input_tokens"].get<int64_t>();
  if (u.contains("output_tokens") && u["output_tokens"].is_number())
    m_usage.outputTokens = u["output_tokens"].get<int64_t>();
  if (u.contains("cache_read_input_tokens") && u["cache_read_input_tokens"].is_number())
    m_usage.cacheReadTokens = u["cache_read_input_tokens"].get<int64_t>();
  if (u.contains("cache_creation_input_tokens") && u["cache_creation_input_tokens"].is_number()) {
    m_usage.cacheWriteTokens = u["cache_creation_input_tokens"].get<int64_t>();
    // Without a breakdown (message_delta repeats only the total) keep the one already known
    // when it still adds up; otherwise count everything as 5-minute writes.
    if (m_usage.cacheWrite5m + m_usage.cacheWrite1h != m_usage.cacheWriteTokens) {
      m_usage.cacheWrite5m = m_usage.cacheWriteTokens;
      m_usage.cacheWrite1h = 0;
    }
  }
  auto cc = u.find("cache_creation");
  if (cc != u.end() && cc->is_object()) {
    m_usage.cacheWrite5m = intField(*cc, "ephemeral_5m_input_tokens");
    m_usage.cacheWrite1h = intField(*cc, "ephemeral_1h_input_tokens");
    if (m_usage.cacheWrite5m + m_usage.cacheWrite1h > m_usage.cacheWriteTokens)
      m_usage.cacheWriteTokens = m_usage.cacheWrite5m + m_usage.cacheWrite1h;
  }
  auto details = u.find("output_tokens_details");
  if (details != u.end() && details->is_object())
    m_usage.reasoningTokens = intField(*details, "thinking_tokens") + intField(*details, "reasoning_tokens");
  m_usage.reported = true;
}

void AnthropicStreamParser::emitError(const json& j, std::vector<StreamEvent>& out) {
  StreamEvent e;
  e.type = EventType::Error;
  e.error.provider = m_provider;
  const json err = j.contains("error") && j["error"].is_object() ? j["error"] : j;
  e.error.type = err.value("type", std::string());
  e.error.message = err.value("message", std::string());
  e.error.requestId = j.value("request_id", std::string());
  // An error after a 200 carries no status; classify on the type alone.
  e.error.kind = classifyError(0, e.error.type, e.error.message);
  e.error.retryable = isRetryableKind(e.error.kind);
  out.push_back(std::move(e));
  m_ended = true;
}

void AnthropicStreamParser::handle(const std::string& type, const json& j,
                                   std::vector<StreamEvent>& out) {
  if (type == "ping") return;
  if (type == "error") return emitError(j, out);
  if (type == "message_start") {
    if (j.contains("message") && j["message"].is_object() && j["message"].contains("usage")) {
      applyUsage(j["message"]["usage"]);
      StreamEvent e;
      e.type = EventType::Usage;
      e.usage = m_usage;
      out.push_back(e);
    }
    return;
  }
  if (type == "content_block_start") {
    const int index = j.value("index", 0);
    const json block = j.value("content_block", json::object());
    Block& b = m_blocks[index];
    b = Block{};
    b.type = block.value("type", std::string());
    if (b.type == "tool_use" || b.type == "server_tool_use") {
      b.id = block.value("id", std::string());
      b.name = block.value("name", std::string());
      b.startInput = block.value("input", json::object());
      if (b.type == "tool_use") {
        StreamEvent e;
        e.type = EventType::ToolCallStart;
        e.index = index;
        e.id = b.id;
        e.name = b.name;
        out.push_back(e);
      }
    } else if (b.type == "redacted_thinking") {
      StreamEvent e;
      e.type = EventType::RedactedReasoning;
      e.index = index;
      e.text = block.value("data", std::string());
      out.push_back(e);
    } else if (b.type == "text" || b.type == "thinking") {
      // Compatible servers may put initial text in the start block; the real API sends "".
      const std::string initial = block.value(b.type == "text" ? "text" : "thinking", std::string());
      if (!initial.empty()) {
        StreamEvent e;
        e.type = b.type == "text" ? EventType::TextDelta : EventType::ReasoningDelta;
        e.index = index;
        e.text = initial;
        out.push_back(e);
      }
    }
    return;
  }
  if (type == "content_block_delta") {
    const int index = j.value("index", 0);
    const json delta = j.value("delta", json::object());
    const std::string dtype = delta.value("type", std::string());
    Block& b = m_blocks[index];
    StreamEvent e;
    e.index = index;
    if (dtype == "text_delta") {
      e.type = EventType::TextDelta;
      e.text = delta.value("text", std::string());
    } else if (dtype == "thinking_delta") {
      e.type = EventType::ReasoningDelta;
      e.text = delta.value("thinking", std::string());
    } else if (dtype == "signature_delta") {
      e.type = EventType::ReasoningSignature;
      e.text = delta.value("signature", std::string());
    } else if (dtype == "input_json_delta") {
      b.sawDelta = true;
      e.type = EventType::ToolCallArgsDelta;
      e.text = delta.value("partial_json", std::string());
      b.json += e.text;
      if (b.type != "tool_use") return;  // server tools are not ours to run
    } else {
      return;  // citations_delta and future delta types
    }
    if (e.text.empty()) return;
    out.push_back(std::move(e));
    return;
  }
  if (type == "content_block_stop") {
    const int index = j.value("index", 0);
    auto it = m_blocks.find(index);
    if (it == m_blocks.end() || it->second.stopped) return;
    Block& b = it->second;
    b.stopped = true;
    if (b.type != "tool_use") return;
    StreamEvent e;
    e.type = EventType::ToolCallEnd;
    e.index = index;
    e.id = b.id;
    e.name = b.name;
    if (b.sawDelta) {
      e.text = b.json;
      e.argumentsValid = parseToolArguments(b.json, e.arguments);
    } else {
      // No deltas: the start block's input is the whole input.
      e.arguments = b.startInput.is_object() ? b.startInput : json::object();
      e.text = e.arguments.dump();
    }
    out.push_back(std::move(e));
    return;
  }
  if (type == "message_delta") {
    if (j.contains("delta") && j["delta"].is_object()) {
      const json& d = j["delta"];
      if (d.contains("stop_reason") && d["stop_reason"].is_string())
        m_stopReason = d["stop_reason"].get<std::string>();
    }
    if (j.contains("usage")) {
      applyUsage(j["usage"]);
      StreamEvent e;
      e.type = EventType::Usage;
      e.usage = m_usage;
      out.push_back(e);
    }
    return;
  }
  if (type == "message_stop") {
    StreamEvent e;
    e.type = EventType::Finish;
    e.rawFinishReason = m_stopReason;
    e.finishReason = finishReasonFromAnthropic(m_stopReason);
    out.push_back(e);
    m_ended = true;
    return;
  }
  // Unknown event types are ignored, as Anthropic's versioning policy requires.
}

void AnthropicStreamParser::finish(std::vector<StreamEvent>& out) {
  if (m_ended) return;
  StreamEvent e;
  e.type = EventType::Error;
  e.error.kind = ErrorKind::Truncated;
  e.error.provider = m_provider;
  e.error.message = "the stream ended without message_stop";
  e.error.retryable = true;
  out.push_back(std::move(e));
  m_ended = true;
}

}  // namespace partsmith::llm
