// What the Anthropic and OpenAI-compatible providers share: the retrying, cancellable stream
// driver (StreamCall), blocking JSON requests with retries, and transport error mapping.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "llm/http_transport.h"
#include "llm/llm_provider.h"
#include "llm/price_table.h"
#include "llm/provider_config.h"
#include "llm/retry_policy.h"
#include "llm/stream_parser.h"

namespace partsmith::llm {

class ProviderBase : public LlmProvider, public std::enable_shared_from_this<ProviderBase> {
 public:
  ProviderBase(ProviderConfig config, std::string apiKey, std::shared_ptr<HttpTransport> transport,
               std::shared_ptr<const PriceTable> prices);

  std::string id() const override { return m_config.id; }
  std::string displayName() const override { return m_config.displayName(); }
  std::shared_ptr<StreamHandle> startStream(const ChatRequest& request, EventCallback onEvent) override;

  const ProviderConfig& config() const { return m_config; }
  RetryPolicy& retryPolicy() { return m_retry; }
  const RetryPolicy& retryPolicy() const { return m_retry; }
  HttpTransport& transport() const { return *m_transport; }

  // The wire format, implemented per dialect.
  virtual HttpRequest buildStreamRequest(const ChatRequest& request) const = 0;
  virtual std::unique_ptr<StreamParser> makeParser() const = 0;
  virtual LlmError parseHttpError(long status, const HttpHeaders& headers, const std::string& body) const = 0;
  virtual std::optional<double> cost(const std::string& model, const Usage& usage) const = 0;

  // Maps a failed transfer to an error a person understands.
  LlmError transportError(const TransferResult& result) const;
  std::string requestIdFrom(const HttpHeaders& headers) const;

 protected:
  HttpRequest baseRequest(const std::string& method, const std::string& url) const;
  virtual void addAuthHeaders(HttpRequest& request) const = 0;
  // Blocking request with the same retry rules as streams; returns the parsed JSON body of a
  // 2xx answer, throws LlmException otherwise.
  nlohmann::json performJson(HttpRequest request) const;
  const std::string& apiKey() const { return m_apiKey; }
  const PriceTable* prices() const { return m_prices.get(); }

 private:
  ProviderConfig m_config;
  std::string m_apiKey;
  std::shared_ptr<HttpTransport> m_transport;
  std::shared_ptr<const PriceTable> m_prices;
  RetryPolicy m_retry;
};

}  // namespace partsmith::llm
