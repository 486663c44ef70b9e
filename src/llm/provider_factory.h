// Creates providers from their configuration and finds a local Ollama.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "llm/http_transport.h"
#include "llm/llm_provider.h"
#include "llm/llm_settings.h"
#include "llm/price_table.h"
#include "llm/provider_base.h"
#include "llm/secret_store.h"

namespace partsmith::llm {

// The key comes from `secrets`; a provider that needs one and has none still gets created (its
// streams fail with a clear authentication error), so the settings UI can list it.
std::shared_ptr<ProviderBase> createProvider(const ProviderConfig& config, const SecretStore& secrets,
                                             std::shared_ptr<HttpTransport> transport = nullptr,
                                             std::shared_ptr<const PriceTable> prices = nullptr);

// The bundled price table with the settings' overrides applied; nullptr (and a logged
// warning) when the table cannot be read: costs are then unknown, never guessed.
std::shared_ptr<const PriceTable> loadPrices(const LlmSettings& settings);

// GET {baseUrl}/api/tags with a short timeout; the installed models when an Ollama answers.
std::optional<std::vector<ModelInfo>> detectOllama(HttpTransport& transport,
                                                   const std::string& baseUrl = "http://127.0.0.1:11434",
                                                   int timeoutMs = 400);

}  // namespace partsmith::llm
