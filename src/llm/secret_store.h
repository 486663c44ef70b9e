// Where API keys come from. The llm core only knows this interface and the environment; the
// system keyring (qtkeychain) implementation lives in llm/keyring/, linked by the app only.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "llm/provider_config.h"

namespace partsmith::llm {

class SecretStore {
 public:
  virtual ~SecretStore() = default;
  virtual std::optional<std::string> apiKey(const ProviderConfig& provider) const = 0;
  virtual std::string name() const = 0;
};

// ANTHROPIC_API_KEY, OPENAI_API_KEY, OPENROUTER_API_KEY, NVIDIA_API_KEY, or the provider's
// "key_env".
class EnvironmentSecretStore : public SecretStore {
 public:
  std::optional<std::string> apiKey(const ProviderConfig& provider) const override;
  std::string name() const override { return "environment"; }
};

// Asks each store in turn; the first key found wins.
class ChainedSecretStore : public SecretStore {
 public:
  explicit ChainedSecretStore(std::vector<std::shared_ptr<SecretStore>> stores) : m_stores(std::move(stores)) {}
  std::optional<std::string> apiKey(const ProviderConfig& provider) const override;
  std::string name() const override;

 private:
  std::vector<std::shared_ptr<SecretStore>> m_stores;
};

}  // namespace partsmith::llm
