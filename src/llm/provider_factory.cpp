#include "llm/provider_factory.h"

#include <spdlog/spdlog.h>

#include "llm/anthropic_provider.h"
#include "llm/openai_provider.h"
#include "llm/redaction.h"

namespace partsmith::llm {

using nlohmann::json;

std::shared_ptr<ProviderBase> createProvider(const ProviderConfig& config, const SecretStore& secrets,
                                             std::shared_ptr<HttpTransport> transport,
                                             std::shared_ptr<const PriceTable> prices) {
  std::string key = secrets.apiKey(config).value_or(std::string());
  if (config.kind == "anthropic")
    return std::make_shared<AnthropicProvider>(config, std::move(key), std::move(transport), std::move(prices));
  return std::make_shared<OpenAiProvider>(config, std::move(key), std::move(transport), std::move(prices));
}

std::shared_ptr<const PriceTable> loadPrices(const LlmSettings& settings) {
  try {
    auto table = std::make_shared<PriceTable>(PriceTable::loadDefault());
    table->applyOverrides(settings.priceOverrides);
    return table;
  } catch (const std::exception& e) {
    logger()->warn("model prices unavailable, costs will show as unknown: {}", e.what());
    return nullptr;
  }
}

std::optional<std::vector<ModelInfo>> detectOllama(HttpTransport& transport, const std::string& baseUrl,
                                                   int timeoutMs) {
  HttpRequest request;
  request.method = "GET";
  std::string base = baseUrl;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0) base.resize(base.size() - 3);
  request.url = base + "/api/tags";
  request.connectTimeoutMs = timeoutMs;
  request.totalTimeoutMs = timeoutMs * 3;
  request.idleTimeoutMs = timeoutMs * 3;
  HttpResponse response = transport.perform(request);
  if (response.result.status != TransferResult::Status::Completed || response.status != 200) return std::nullopt;
  json j = json::parse(response.body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("models") || !j["models"].is_array()) return std::nullopt;
  std::vector<ModelInfo> models;
  for (const json& m : j["models"]) {
    ModelInfo info;
    info.id = m.value("name", m.value("model", std::string()));
    info.displayName = info.id;
    info.createdAt = m.value("modified_at", std::string());
    info.ownedBy = "ollama";
    if (!info.id.empty()) models.push_back(info);
  }
  return models;
}

}  // namespace partsmith::llm
