#include "llm/openai_stream_parser.h"

#include <algorithm>
#include <string_view>

namespace partsmith::llm {

using nlohmann::json;

namespace {

int64_t intField(const json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<int64_t>() : 0;
}

std::string stringField(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

OpenAiStreamParser::OpenAiStreamParser(ServerProfile profile) : m_profile(std::move(profile)) {}

void OpenAiStreamParser::onEvent(const SseEvent& event, std::vector<StreamEvent>& out) {
  if (m_ended) return;
  // llama-server before PR #16109 reported failures in a non-standard "error:" field.
  for (const auto& [field, value] : event.extraFields) {
    if (field != "error") continue;
    json j = json::parse(value, nullptr, false);
    emitError(j.is_discarded() ? json{{"message", value}} : j, out);
    return;
  }
  if (!event.hasData) return;
  std::string_view data(event.data);
  while (!data.empty() && (data.back() == ' ' || data.back() == '\n')) data.remove_suffix(1);
  if (data.empty()) return;
  if (data.substr(0, 6) == "[DONE]") {
    complete(out);
    return;
  }
  json chunk = json::parse(data, nullptr, false);
  if (chunk.is_discarded()) {
    StreamEvent e;
    e.type = EventType::Error;
    e.error.kind = ErrorKind::Protocol;
    e.error.provider = m_profile.displayName;
    e.error.message = "unreadable JSON chunk in the stream";
    out.push_back(std::move(e));
    m_ended = true;
    return;
  }
  if (event.event == "error") return emitError(chunk, out);
  handleChunk(chunk, out);
}

void OpenAiStreamParser::handleChunk(const json& chunk, std::vector<StreamEvent>& out) {
  if (!chunk.is_object()) return;
  if (chunk.contains("error") && !chunk["error"].is_null()) return emitError(chunk["error"], out);
  if (stringField(chunk, "object") == "error") return emitError(chunk, out);

  auto choices = chunk.find("choices");
  // The usage chunk and Azure's prompt_filter_results chunk have empty choices.
  if (choices != chunk.end() && choices->is_array()) {
    for (const json& choice : *choices) {
      if (!choice.is_object() || choice.value("index", 0) != 0) continue;
      static const json kNoDelta = json::object();
      auto found = choice.find("delta");
      const json& delta = found != choice.end() && found->is_object() ? *found : kNoDelta;
      for (const std::string& field : m_profile.reasoningFields) {
        const std::string piece = stringField(delta, field.c_str());
        if (piece.empty()) continue;
        StreamEvent e;
        e.type = EventType::ReasoningDelta;
        e.text = piece;
        out.push_back(std::move(e));
        break;
      }
      for (const char* field : {"content", "refusal"}) {
        const std::string piece = stringField(delta, field);
        if (piece.empty()) continue;
        StreamEvent e;
        e.type = EventType::TextDelta;
        e.text = piece;
        out.push_back(std::move(e));
      }
      auto calls = delta.find("tool_calls");
      if (calls != delta.end() && calls->is_array())
        for (const json& call : *calls) handleToolCall(call, out);
      const std::string reason = stringField(choice, "finish_reason");
      if (!reason.empty()) {
        m_finishReason = reason;
        m_sawFinish = true;
        closeSlots(out);
      }
    }
  }
  auto usage = chunk.find("usage");
  if (usage != chunk.end() && usage->is_object()) applyUsage(*usage, out);
}

void OpenAiStreamParser::handleToolCall(const json& call, std::vector<StreamEvent>& out) {
  if (!call.is_object()) return;
  const int index = call.contains("index") && call["index"].is_number_integer() ? call["index"].get<int>() : -1;
  const std::string id = stringField(call, "id");
  const json fn = call.contains("function") && call["function"].is_object() ? call["function"] : json::object();
  const std::string name = stringField(fn, "name");
  std::string args;
  if (fn.contains("arguments")) {
    const json& a = fn["arguments"];
    args = a.is_string() ? a.get<std::string>() : a.is_null() ? std::string() : a.dump();
  }

  int slot = -1;
  if (!id.empty()) {  // a known id identifies its call whatever the index says
    for (size_t i = 0; i < m_slots.size(); ++i)
      if (m_slots[i].id == id) slot = static_cast<int>(i);
  }
  if (slot < 0 && index >= 0) {
    auto it = m_slotForIndex.find(index);
    // A new id at a used index opens a new call (Ollama gives every parallel call index 0).
    if (it != m_slotForIndex.end() && (id.empty() || m_slots[it->second].id.empty()))
      slot = it->second;
  }
  if (slot < 0 && index < 0 && id.empty() && !m_slots.empty()) slot = static_cast<int>(m_slots.size()) - 1;
  if (slot >= 0 && m_slots[slot].closed) slot = -1;

  if (slot < 0) {
    slot = static_cast<int>(m_slots.size());
    Slot s;
    s.id = id.empty() ? "call_partsmith_" + std::to_string(slot) : id;
    s.name = name;
    m_slots.push_back(s);
    if (index >= 0) m_slotForIndex[index] = slot;
    StreamEvent e;
    e.type = EventType::ToolCallStart;
    e.index = slot;
    e.id = s.id;
    e.name = s.name;
    out.push_back(std::move(e));
  } else if (m_slots[slot].name.empty() && !name.empty()) {
    m_slots[slot].name = name;  // never overwrite a stored name with "" (LM Studio)
  }
  if (!args.empty()) {
    m_slots[slot].arguments += args;
    StreamEvent e;
    e.type = EventType::ToolCallArgsDelta;
    e.index = slot;
    e.text = args;
    out.push_back(std::move(e));
  }
}

void OpenAiStreamParser::closeSlots(std::vector<StreamEvent>& out) {
  for (size_t i = 0; i < m_slots.size(); ++i) {
    Slot& s = m_slots[i];
    if (s.closed) continue;
    s.closed = true;
    StreamEvent e;
    e.type = EventType::ToolCallEnd;
    e.index = static_cast<int>(i);
    e.id = s.id;
    e.name = s.name;
    e.text = s.arguments;
    e.argumentsValid = parseToolArguments(s.arguments, e.arguments);
    out.push_back(std::move(e));
  }
}

void OpenAiStreamParser::applyUsage(const json& u, std::vector<StreamEvent>& out) {
  const int64_t prompt = intField(u, "prompt_tokens");
  const json details = u.value("prompt_tokens_details", json::object());
  const int64_t cached = intField(details, "cached_tokens");
  const int64_t written = intField(details, "cache_write_tokens");
  // OpenAI counts cached tokens inside prompt_tokens; ours are disjoint.
  m_usage.inputTokens = std::max<int64_t>(0, prompt - cached - written);
  m_usage.cacheReadTokens = cached;
  m_usage.cacheWriteTokens = written;
  m_usage.cacheWrite5m = written;
  m_usage.outputTokens = intField(u, "completion_tokens");
  m_usage.reasoningTokens = intField(u.value("completion_tokens_details", json::object()), "reasoning_tokens");
  if (u.contains("cost") && u["cost"].is_number()) m_usage.providerCostUsd = u["cost"].get<double>();
  m_usage.reported = true;
  StreamEvent e;
  e.type = EventType::Usage;
  e.usage = m_usage;
  out.push_back(std::move(e));
}

void OpenAiStreamParser::emitError(const json& err, std::vector<StreamEvent>& out) {
  StreamEvent e;
  e.type = EventType::Error;
  e.error.provider = m_profile.displayName;
  if (err.is_string()) {
    e.error.message = err.get<std::string>();
  } else if (err.is_object()) {
    const json inner = err.contains("error") && err["error"].is_object() ? err["error"] : err;
    e.error.message = stringField(inner, "message");
    e.error.type = stringField(inner, "type");
    if (inner.contains("code")) {
      const json& code = inner["code"];
      if (code.is_string()) {
        if (e.error.type.empty() || e.error.type == "error") e.error.type = code.get<std::string>();
        else if (code.get<std::string>() == "insufficient_quota") e.error.type = "insufficient_quota";
      } else if (code.is_number_integer()) {
        e.error.httpStatus = code.get<int>();
      }
    }
  }
  e.error.kind = classifyError(e.error.httpStatus, e.error.type, e.error.message);
  if (e.error.kind == ErrorKind::Unknown) e.error.kind = ErrorKind::Server;
  e.error.retryable = isRetryableKind(e.error.kind);
  out.push_back(std::move(e));
  m_ended = true;
}

void OpenAiStreamParser::complete(std::vector<StreamEvent>& out) {
  closeSlots(out);
  StreamEvent e;
  e.type = EventType::Finish;
  e.rawFinishReason = m_finishReason;
  e.finishReason = m_finishReason.empty() ? FinishReason::Unknown : finishReasonFromOpenAi(m_finishReason);
  // Ollama forces "tool_calls" once a call was sent; other servers say "stop" with calls.
  if (!m_slots.empty() && e.finishReason == FinishReason::EndTurn) e.finishReason = FinishReason::ToolUse;
  out.push_back(std::move(e));
  m_ended = true;
}

void OpenAiStreamParser::finish(std::vector<StreamEvent>& out) {
  if (m_ended) return;
  if (m_sawFinish) {
    // The choice said it was finished; only the [DONE] line (and maybe usage) is missing.
    complete(out);
    return;
  }
  StreamEvent e;
  e.type = EventType::Error;
  e.error.kind = ErrorKind::Truncated;
  e.error.provider = m_profile.displayName;
  e.error.message = "the stream ended without a finish_reason or [DONE]";
  e.error.retryable = true;
  out.push_back(std::move(e));
  m_ended = true;
}

}  // namespace partsmith::llm
