#include "llm/openai_provider.h"

#include <algorithm>
#include <cstring>

#include "llm/openai_request.h"
#include "llm/openai_stream_parser.h"

namespace partsmith::llm {

using nlohmann::json;

namespace {

LlmError protocolError(const std::string& provider, const std::string& message) {
  LlmError e;
  e.kind = ErrorKind::Protocol;
  e.provider = provider;
  e.message = message;
  return e;
}

std::vector<float> decodeBase64Floats(const std::string& text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    const size_t v = alphabet.find(c);
    if (v == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  std::vector<float> out(bytes.size() / 4);
  for (size_t i = 0; i < out.size(); ++i) {  // little-endian float32
    uint32_t u = static_cast<uint8_t>(bytes[4 * i]) | static_cast<uint8_t>(bytes[4 * i + 1]) << 8 |
                 static_cast<uint8_t>(bytes[4 * i + 2]) << 16 | static_cast<uint32_t>(static_cast<uint8_t>(bytes[4 * i + 3])) << 24;
    std::memcpy(&out[i], &u, 4);
  }
  return out;
}

std::vector<float> vectorFrom(const json& v) {
  if (v.is_string()) return decodeBase64Floats(v.get<std::string>());
  std::vector<float> out;
  if (!v.is_array()) return out;
  out.reserve(v.size());
  for (const json& x : v) out.push_back(x.get<float>());
  return out;
}

}  // namespace

LlmError parseOpenAiError(const std::string& provider, long status, const std::string& body) {
  LlmError e;
  e.provider = provider;
  e.httpStatus = static_cast<int>(status);
  json j = json::parse(body, nullptr, false);
  if (!j.is_discarded() && j.is_object()) {
    json err = j;
    if (j.contains("error")) err = j["error"];
    if (err.is_string()) {
      e.message = err.get<std::string>();
    } else if (err.is_object()) {
      e.message = err.value("message", std::string());
      e.type = err.contains("type") && err["type"].is_string() ? err["type"].get<std::string>() : std::string();
      if (err.contains("code") && err["code"].is_string()) {
        const std::string code = err["code"].get<std::string>();
        // OpenAI's quota error has type "insufficient_quota" or code "insufficient_quota".
        if (code == "insufficient_quota" || e.type.empty() || e.type == "error") e.type = code;
      }
    }
  } else if (!body.empty()) {
    e.message = body.substr(0, 300);
  }
  if (e.message.empty()) e.message = "HTTP " + std::to_string(status);
  e.kind = classifyError(static_cast<int>(status), e.type, e.message);
  e.retryable = e.kind != ErrorKind::InsufficientQuota && isRetryableStatus(status);
  return e;
}

EmbeddingResult parseEmbeddingResponse(const json& body) {
  EmbeddingResult r;
  r.model = body.value("model", std::string());
  if (body.contains("data") && body["data"].is_array()) {
    std::vector<std::pair<int, std::vector<float>>> rows;
    int position = 0;
    for (const json& item : body["data"]) {
      const int index = item.value("index", position);
      rows.emplace_back(index, vectorFrom(item.value("embedding", json())));
      ++position;
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& row : rows) r.vectors.push_back(std::move(row.second));
    if (body.contains("usage") && body["usage"].is_object()) r.promptTokens = body["usage"].value("prompt_tokens", 0);
  } else if (body.contains("embeddings") && body["embeddings"].is_array()) {
    for (const json& v : body["embeddings"]) r.vectors.push_back(vectorFrom(v));
    r.promptTokens = body.value("prompt_eval_count", 0);
  } else {
    throw LlmException(protocolError("", "the embeddings answer has neither \"data\" nor \"embeddings\""));
  }
  return r;
}

OpenAiProvider::OpenAiProvider(ProviderConfig config, std::string apiKey, std::shared_ptr<HttpTransport> transport,
                               std::shared_ptr<const PriceTable> prices)
    : ProviderBase(config, std::move(apiKey), std::move(transport), std::move(prices)),
      m_profile(serverProfile(config.profile.empty() ? "openai" : config.profile)) {}

std::string OpenAiProvider::apiUrl(const std::string& path) const {
  std::string base = config().effectiveBaseUrl();
  if (!(base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0)) base += "/v1";
  return base + path;
}

void OpenAiProvider::addAuthHeaders(HttpRequest& request) const {
  if (!apiKey().empty()) request.headers.emplace_back("Authorization", "Bearer " + apiKey());
}

HttpRequest OpenAiProvider::buildStreamRequest(const ChatRequest& request) const {
  if (m_profile.requiresKey && apiKey().empty()) {
    LlmError e;
    e.kind = ErrorKind::Authentication;
    e.provider = displayName();
    e.message = "set " + config().effectiveKeyEnv() + " or store the key in the system keyring";
    throw LlmException(e);
  }
  ChatRequest r = request;
  if (r.model.empty()) r.model = config().defaultModel;
  HttpRequest http = baseRequest("POST", apiUrl("/chat/completions"));
  http.headers.emplace_back("Content-Type", "application/json");
  http.headers.emplace_back("Accept", "text/event-stream");
  http.body = buildOpenAiBody(r, m_profile, true).dump();
  return http;
}

std::unique_ptr<StreamParser> OpenAiProvider::makeParser() const {
  return std::make_unique<OpenAiStreamParser>(m_profile);
}

LlmError OpenAiProvider::parseHttpError(long status, const HttpHeaders&, const std::string& body) const {
  return parseOpenAiError(displayName(), status, body);
}

std::optional<double> OpenAiProvider::cost(const std::string& model, const Usage& usage) const {
  if (usage.providerCostUsd) return usage.providerCostUsd;  // OpenRouter: as reported
  if (m_profile.isLocal) return 0.0;
  if (!prices()) return std::nullopt;
  return prices()->cost("openai", model, usage);
}

std::vector<ModelInfo> OpenAiProvider::listModels() {
  json j = performJson(baseRequest("GET", apiUrl("/models")));
  if (!j.contains("data") || !j["data"].is_array())
    throw LlmException(protocolError(displayName(), "the model list has no \"data\" array"));
  std::vector<ModelInfo> models;
  for (const json& m : j["data"]) {
    ModelInfo info;
    info.id = m.value("id", std::string());
    info.displayName = m.contains("name") && m["name"].is_string() ? m["name"].get<std::string>() : info.id;
    if (m.contains("created") && m["created"].is_number()) info.createdAt = std::to_string(m["created"].get<int64_t>());
    info.ownedBy = m.contains("owned_by") && m["owned_by"].is_string() ? m["owned_by"].get<std::string>() : "";
    if (!info.id.empty()) models.push_back(info);
  }
  std::sort(models.begin(), models.end(), [](const ModelInfo& a, const ModelInfo& b) { return a.id < b.id; });
  return models;
}

EmbeddingResult OpenAiProvider::embed(const EmbeddingRequest& request) {
  if (request.inputs.empty()) return {};
  for (const std::string& input : request.inputs)
    if (input.empty()) {
      LlmError e;
      e.kind = ErrorKind::InvalidRequest;
      e.provider = displayName();
      e.message = "an embedding input is empty";
      throw LlmException(e);
    }
  json body = {{"model", request.model.empty() ? config().defaultModel : request.model},
               {"input", request.inputs},
               {"encoding_format", "float"}};
  if (request.dimensions) body["dimensions"] = *request.dimensions;
  if (!request.inputType.empty()) body["input_type"] = request.inputType;
  HttpRequest http = baseRequest("POST", apiUrl("/embeddings"));
  http.headers.emplace_back("Content-Type", "application/json");
  http.body = body.dump();
  EmbeddingResult result;
  try {
    result = parseEmbeddingResponse(performJson(http));
  } catch (const LlmException& e) {
    // Ollama before its OpenAI embeddings support: fall back to the native /api/embed.
    if (m_profile.name != "ollama" || e.error().kind != ErrorKind::NotFound) throw;
    std::string base = config().effectiveBaseUrl();
    if (base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0) base.resize(base.size() - 3);
    HttpRequest native = baseRequest("POST", base + "/api/embed");
    native.headers.emplace_back("Content-Type", "application/json");
    json nativeBody = {{"model", body["model"]}, {"input", request.inputs}};
    if (request.dimensions) nativeBody["dimensions"] = *request.dimensions;
    native.body = nativeBody.dump();
    result = parseEmbeddingResponse(performJson(native));
  }
  Usage usage;
  usage.inputTokens = result.promptTokens;
  usage.reported = true;
  result.costUsd = cost(body["model"].get<std::string>(), usage);
  if (result.vectors.size() != request.inputs.size())
    throw LlmException(protocolError(displayName(), "asked for " + std::to_string(request.inputs.size()) +
                                                        " embeddings, received " + std::to_string(result.vectors.size())));
  return result;
}

}  // namespace partsmith::llm
