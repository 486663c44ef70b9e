#include "llm/provider_base.h"

#include <thread>

#include <spdlog/spdlog.h>

#include "llm/redaction.h"

namespace partsmith::llm {

ProviderBase::ProviderBase(ProviderConfig config, std::string apiKey, std::shared_ptr<HttpTransport> transport,
                           std::shared_ptr<const PriceTable> prices)
    : m_config(std::move(config)),
      m_apiKey(std::move(apiKey)),
      m_transport(transport ? std::move(transport) : HttpTransport::shared()),
      m_prices(std::move(prices)) {
  registerSecret(m_apiKey);
  m_retry.maxRetries = m_config.maxRetries;
}

HttpRequest ProviderBase::baseRequest(const std::string& method, const std::string& url) const {
  HttpRequest r;
  r.method = method;
  r.url = url;
  r.connectTimeoutMs = m_config.connectTimeoutMs;
  r.idleTimeoutMs = m_config.idleTimeoutMs;
  r.totalTimeoutMs = m_config.totalTimeoutMs;
  r.proxy = m_config.proxy;
  for (const auto& h : m_config.extraHeaders) r.headers.push_back(h);
  addAuthHeaders(r);
  return r;
}

std::string ProviderBase::requestIdFrom(const HttpHeaders& headers) const {
  for (const char* name : {"request-id", "x-request-id", "x-generation-id"}) {
    std::string v = headers.get(name);
    if (!v.empty()) return v;
  }
  return {};
}

LlmError ProviderBase::transportError(const TransferResult& result) const {
  LlmError e;
  e.provider = displayName();
  e.message = result.message;
  switch (result.status) {
    case TransferResult::Status::Cancelled: e.kind = ErrorKind::Cancelled; break;
    case TransferResult::Status::ConnectFailed:
      e.kind = ErrorKind::Network;
      e.message = "could not connect to " + m_config.effectiveBaseUrl() + ": " + result.message;
      break;
    case TransferResult::Status::TimedOut:
    case TransferResult::Status::IdleTimeout: e.kind = ErrorKind::Timeout; break;
    case TransferResult::Status::Aborted: e.kind = ErrorKind::Protocol; break;
    case TransferResult::Status::NetworkError:
    case TransferResult::Status::Completed: e.kind = ErrorKind::Network; break;
  }
  e.retryable = isRetryableKind(e.kind);
  return e;
}

nlohmann::json ProviderBase::performJson(HttpRequest request) const {
  const int maxAttempts = m_retry.maxRetries + 1;
  for (int attempt = 1;; ++attempt) {
    HttpResponse response = m_transport->perform(request);
    LlmError error;
    if (response.result.status != TransferResult::Status::Completed) {
      error = transportError(response.result);
    } else if (response.status >= 200 && response.status < 300) {
      nlohmann::json j = nlohmann::json::parse(response.body, nullptr, false);
      if (!j.is_discarded()) return j;
      error.kind = ErrorKind::Protocol;
      error.provider = displayName();
      error.message = "the answer to " + request.url + " is not JSON";
    } else {
      error = parseHttpError(response.status, response.headers, response.body);
    }
    error.requestId = requestIdFrom(response.headers);
    if (!error.retryable || attempt >= maxAttempts) throw LlmException(error);
    const double delay = m_retry.delaySeconds(attempt, error);
    logger()->info("{}; retrying in {:.1f} s ({}/{})", error.userMessage(), delay, attempt + 1, maxAttempts);
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
  }
}

}  // namespace partsmith::llm
