#include "llm/anthropic_provider.h"

#include "llm/anthropic_request.h"
#include "llm/anthropic_stream_parser.h"

namespace partsmith::llm {

using nlohmann::json;

namespace {

std::string snippet(const std::string& body) {
  std::string s = body.substr(0, 300);
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

LlmError parseAnthropicError(const std::string& provider, long status, const std::string& body) {
  LlmError e;
  e.provider = provider;
  e.httpStatus = static_cast<int>(status);
  json j = json::parse(body, nullptr, false);
  if (!j.is_discarded() && j.is_object()) {
    const json err = j.contains("error") && j["error"].is_object() ? j["error"] : j;
    e.type = err.value("type", std::string());
    e.message = err.value("message", std::string());
    e.requestId = j.value("request_id", std::string());
  } else if (!body.empty()) {
    e.message = snippet(body);
  } else {
    e.message = "HTTP " + std::to_string(status);
  }
  e.kind = classifyError(static_cast<int>(status), e.type, e.message);
  e.retryable = e.kind != ErrorKind::InsufficientQuota && (isRetryableStatus(status) || isRetryableKind(e.kind));
  return e;
}

std::string AnthropicProvider::apiUrl(const std::string& path) const {
  std::string base = config().effectiveBaseUrl();
  if (base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0) base.resize(base.size() - 3);
  return base + "/v1" + path;
}

void AnthropicProvider::addAuthHeaders(HttpRequest& request) const {
  if (!apiKey().empty()) request.headers.emplace_back("x-api-key", apiKey());
  request.headers.emplace_back("anthropic-version", kApiVersion);
}

HttpRequest AnthropicProvider::buildStreamRequest(const ChatRequest& request) const {
  if (apiKey().empty()) {
    LlmError e;
    e.kind = ErrorKind::Authentication;
    e.provider = displayName();
    e.message = "set " + config().effectiveKeyEnv() + " or store the key in the system keyring";
    throw LlmException(e);
  }
  ChatRequest r = request;
  if (r.model.empty()) r.model = config().defaultModel;
  HttpRequest http = baseRequest("POST", apiUrl("/messages"));
  http.headers.emplace_back("content-type", "application/json");
  http.headers.emplace_back("accept", "text/event-stream");
  http.body = buildAnthropicBody(r, true).dump();
  return http;
}

std::unique_ptr<StreamParser> AnthropicProvider::makeParser() const {
  return std::make_unique<AnthropicStreamParser>(displayName());
}

LlmError AnthropicProvider::parseHttpError(long status, const HttpHeaders&, const std::string& body) const {
  return parseAnthropicError(displayName(), status, body);
}

std::optional<double> AnthropicProvider::cost(const std::string& model, const Usage& usage) const {
  if (usage.providerCostUsd) return usage.providerCostUsd;
  if (!prices()) return std::nullopt;
  return prices()->cost("anthropic", model, usage);
}

std::vector<ModelInfo> AnthropicProvider::listModels() {
  std::vector<ModelInfo> models;
  std::string after;
  for (int page = 0; page < 50; ++page) {
    std::string url = apiUrl("/models?limit=1000");
    if (!after.empty()) url += "&after_id=" + after;
    json j = performJson(baseRequest("GET", url));
    if (!j.contains("data") || !j["data"].is_array()) {
      LlmError e;
      e.kind = ErrorKind::Protocol;
      e.provider = displayName();
      e.message = "the model list has no \"data\" array";
      throw LlmException(e);
    }
    for (const json& m : j["data"]) {
      ModelInfo info;
      info.id = m.value("id", std::string());
      info.displayName = m.value("display_name", info.id);
      info.createdAt = m.value("created_at", std::string());
      info.ownedBy = "anthropic";
      if (!info.id.empty()) models.push_back(info);
    }
    if (!j.value("has_more", false)) break;
    after = j.value("last_id", std::string());
    if (after.empty()) break;
  }
  return models;
}

EmbeddingResult AnthropicProvider::embed(const EmbeddingRequest&) {
  LlmError e;
  e.kind = ErrorKind::InvalidRequest;
  e.provider = displayName();
  e.message = "Anthropic has no embeddings endpoint; assign an OpenAI-compatible provider (OpenAI, Ollama, "
              "llama.cpp, NIM) to the embedding stage";
  throw LlmException(e);
}

}  // namespace partsmith::llm
