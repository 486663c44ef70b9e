// How to reach one provider: dialect, server profile, base URL, where its key comes from,
// timeouts, retries and proxy. Stored in settings.json (never with a key in it).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace partsmith::llm {

struct ProviderConfig {
  std::string id;       // unique name chosen by the user: "anthropic", "work-openai", "ollama"
  std::string kind;     // dialect: "anthropic" or "openai"
  std::string profile;  // openai dialect: openai, openrouter, ollama, llamacpp, vllm, lmstudio, nim, generic
  std::string baseUrl;  // empty: the profile's default
  std::string keyEnv;   // environment variable holding the key; empty: the profile's default
  std::string defaultModel;
  int connectTimeoutMs = 10000;
  int idleTimeoutMs = 120000;
  int totalTimeoutMs = 600000;
  int maxRetries = 2;
  std::string proxy;  // empty: system proxy settings
  std::vector<std::pair<std::string, std::string>> extraHeaders;  // e.g. OpenRouter's HTTP-Referer

  std::string effectiveBaseUrl() const;  // without a trailing slash
  std::string effectiveKeyEnv() const;
  std::string displayName() const;
  bool isLocal() const;

  nlohmann::json toJson() const;
  // Throws std::runtime_error naming the field. A stored "api_key" is refused (keys belong
  // in the keyring or the environment).
  static ProviderConfig fromJson(const nlohmann::json& j);
  static ProviderConfig anthropic();
  static ProviderConfig openAiCompatible(const std::string& profile, const std::string& id = {});
};

}  // namespace partsmith::llm
