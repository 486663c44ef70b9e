#include "llm/secret_store.h"

#include <cstdlib>

#include "llm/redaction.h"

namespace partsmith::llm {

std::optional<std::string> EnvironmentSecretStore::apiKey(const ProviderConfig& provider) const {
  const std::string var = provider.effectiveKeyEnv();
  if (var.empty()) return std::nullopt;
  const char* value = std::getenv(var.c_str());
  if (!value || !*value) return std::nullopt;
  std::string key(value);
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' ')) key.pop_back();
  registerSecret(key);
  return key;
}

std::optional<std::string> ChainedSecretStore::apiKey(const ProviderConfig& provider) const {
  for (const auto& store : m_stores)
    if (auto key = store->apiKey(provider)) return key;
  return std::nullopt;
}

std::string ChainedSecretStore::name() const {
  std::string s;
  for (const auto& store : m_stores) s += (s.empty() ? "" : " + ") + store->name();
  return s;
}

}  // namespace partsmith::llm
