// API keys in the system keyring through qtkeychain, stored under service "partsmith" with the
// provider id as the key name. Needs a QCoreApplication (the app has one); without it every
// lookup returns nothing, so a ChainedSecretStore falls through to the environment.
#pragma once
#include <optional>
#include <string>

#include "llm/secret_store.h"

namespace partsmith::llm {

class KeyringSecretStore : public SecretStore {
 public:
  explicit KeyringSecretStore(std::string service = "partsmith");

  std::optional<std::string> apiKey(const ProviderConfig& provider) const override;
  std::string name() const override { return "system keyring"; }

  // Blocking (runs a local event loop). Return an empty string on success, else the reason.
  std::string storeApiKey(const std::string& providerId, const std::string& key) const;
  std::string removeApiKey(const std::string& providerId) const;

 private:
  std::string m_service;
};

}  // namespace partsmith::llm
