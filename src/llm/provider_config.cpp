#include "llm/provider_config.h"

#include <cctype>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "llm/server_profile.h"

namespace partsmith::llm {

using nlohmann::json;

std::string ProviderConfig::effectiveBaseUrl() const {
  std::string url = baseUrl;
  if (url.empty()) url = kind == "anthropic" ? "https://api.anthropic.com" : serverProfile(profile).defaultBaseUrl;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string ProviderConfig::effectiveKeyEnv() const {
  if (!keyEnv.empty()) return keyEnv;
  return kind == "anthropic" ? "ANTHROPIC_API_KEY" : serverProfile(profile).keyEnvironmentVariable;
}

std::string ProviderConfig::displayName() const {
  return kind == "anthropic" ? std::string("Anthropic") : serverProfile(profile).displayName;
}

bool ProviderConfig::isLocal() const { return kind != "anthropic" && serverProfile(profile).isLocal; }

json ProviderConfig::toJson() const {
  json j = {{"id", id}, {"kind", kind}};
  if (kind != "anthropic") j["profile"] = profile;
  if (!baseUrl.empty()) j["base_url"] = baseUrl;
  if (!keyEnv.empty()) j["key_env"] = keyEnv;
  if (!defaultModel.empty()) j["default_model"] = defaultModel;
  j["timeouts_ms"] = {{"connect", connectTimeoutMs}, {"idle", idleTimeoutMs}, {"total", totalTimeoutMs}};
  j["max_retries"] = maxRetries;
  if (!proxy.empty()) j["proxy"] = proxy;
  if (!extraHeaders.empty()) {
    json h = json::object();
    for (const auto& [k, v] : extraHeaders) h[k] = v;
    j["headers"] = h;
  }
  return j;
}

ProviderConfig ProviderConfig::fromJson(const json& j) {
  if (!j.is_object()) throw std::runtime_error("a provider entry must be an object");
  ProviderConfig c;
  c.id = j.value("id", std::string());
  c.kind = j.value("kind", std::string("openai"));
  if (c.kind == "openai-compatible") c.kind = "openai";
  if (c.id.empty()) throw std::runtime_error("a provider entry has no \"id\"");
  if (c.kind != "anthropic" && c.kind != "openai")
    throw std::runtime_error("provider '" + c.id + "': kind must be \"anthropic\" or \"openai\", not \"" + c.kind + "\"");
  for (const char* forbidden : {"api_key", "key", "apiKey", "token"})
    if (j.contains(forbidden))
      throw std::runtime_error("provider '" + c.id + "': API keys are never read from settings.json; put it in the "
                               "system keyring or the environment variable named by \"key_env\"");
  c.profile = j.value("profile", c.kind == "openai" ? std::string("openai") : std::string());
  c.baseUrl = j.value("base_url", std::string());
  c.keyEnv = j.value("key_env", std::string());
  c.defaultModel = j.value("default_model", std::string());
  if (j.contains("timeouts_ms") && j["timeouts_ms"].is_object()) {
    const json& t = j["timeouts_ms"];
    c.connectTimeoutMs = t.value("connect", c.connectTimeoutMs);
    c.idleTimeoutMs = t.value("idle", c.idleTimeoutMs);
    c.totalTimeoutMs = t.value("total", c.totalTimeoutMs);
  }
  c.maxRetries = j.value("max_retries", c.maxRetries);
  c.proxy = j.value("proxy", std::string());
  if (j.contains("headers") && j["headers"].is_object())
    for (auto it = j["headers"].begin(); it != j["headers"].end(); ++it) {
      std::string lower = it.key();
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (lower == "authorization" || lower == "x-api-key" || lower == "api-key")
        throw std::runtime_error("provider '" + c.id + "': the header \"" + it.key() +
                                 "\" carries a key; keys are never stored in settings.json");
      c.extraHeaders.emplace_back(it.key(), it.value().get<std::string>());
    }
  return c;
}

ProviderConfig ProviderConfig::anthropic() {
  ProviderConfig c;
  c.id = "anthropic";
  c.kind = "anthropic";
  return c;
}

ProviderConfig ProviderConfig::openAiCompatible(const std::string& profile, const std::string& id) {
  ProviderConfig c;
  c.id = id.empty() ? serverProfile(profile).name : id;
  c.kind = "openai";
  c.profile = serverProfile(profile).name;
  return c;
}

}  // namespace partsmith::llm
