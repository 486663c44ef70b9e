#include "llm/llm_error.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace partsmith::llm {

namespace {

bool contains(const std::string& haystack, const char* needle) {
  std::string lower(haystack.size(), '\0');
  std::transform(haystack.begin(), haystack.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find(needle) != std::string::npos;
}

}  // namespace

std::string errorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Authentication: return "authentication";
    case ErrorKind::Permission: return "permission";
    case ErrorKind::InsufficientQuota: return "insufficient_quota";
    case ErrorKind::RateLimited: return "rate_limited";
    case ErrorKind::Overloaded: return "overloaded";
    case ErrorKind::Server: return "server";
    case ErrorKind::Timeout: return "timeout";
    case ErrorKind::Network: return "network";
    case ErrorKind::InvalidRequest: return "invalid_request";
    case ErrorKind::NotFound: return "not_found";
    case ErrorKind::RequestTooLarge: return "request_too_large";
    case ErrorKind::ContextTooLong: return "context_too_long";
    case ErrorKind::Truncated: return "truncated";
    case ErrorKind::Protocol: return "protocol";
    case ErrorKind::Cancelled: return "cancelled";
    case ErrorKind::Unknown: break;
  }
  return "unknown";
}

ErrorKind classifyError(int status, const std::string& type, const std::string& message) {
  // Quota exhaustion arrives as 429 at OpenAI; it must never be mistaken for a rate limit.
  if (type == "insufficient_quota" || type == "billing_error" || status == 402)
    return ErrorKind::InsufficientQuota;
  if (type == "overloaded_error" || status == 529) return ErrorKind::Overloaded;
  if (type == "exceed_context_size_error" || type == "context_length_exceeded" ||
      contains(message, "context length") || contains(message, "context window") ||
      contains(message, "prompt is too long"))
    return ErrorKind::ContextTooLong;
  if (status == 401 || type == "authentication_error" || type == "invalid_api_key")
    return ErrorKind::Authentication;
  if (status == 403 || type == "permission_error") return ErrorKind::Permission;
  if (status == 404 || type == "not_found_error" || type == "model_not_found")
    return ErrorKind::NotFound;
  if (status == 413 || type == "request_too_large") return ErrorKind::RequestTooLarge;
  if (status == 429 || type == "rate_limit_error" || type == "rate_limit_exceeded")
    return ErrorKind::RateLimited;
  if (status == 408 || status == 504 || type == "timeout_error") return ErrorKind::Timeout;
  if (status == 503) return ErrorKind::Overloaded;
  if (status >= 500 || type == "api_error" || type == "server_error") return ErrorKind::Server;
  if (status == 400 || status == 409 || status == 422 || type == "invalid_request_error")
    return ErrorKind::InvalidRequest;
  return ErrorKind::Unknown;
}

bool isRetryableKind(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::RateLimited:
    case ErrorKind::Overloaded:
    case ErrorKind::Server:
    case ErrorKind::Timeout:
    case ErrorKind::Network:
    case ErrorKind::Truncated:
      return true;
    default:
      return false;
  }
}

std::string LlmError::userMessage() const {
  const std::string who = provider.empty() ? std::string("the model server") : provider;
  std::string s;
  switch (kind) {
    case ErrorKind::Authentication:
      s = httpStatus == 0 ? "no API key is set for " + who
                          : "the API key was rejected by " + who + "; check the key in the settings or environment";
      break;
    case ErrorKind::Permission: s = who + " refused the request: this key may not use it"; break;
    case ErrorKind::InsufficientQuota:
      s = who + " reports no remaining credit or quota; add credit or switch provider";
      break;
    case ErrorKind::RateLimited: s = who + " is rate limiting requests"; break;
    case ErrorKind::Overloaded: s = who + " is overloaded"; break;
    case ErrorKind::Server: s = who + " had an internal error"; break;
    case ErrorKind::Timeout: s = who + " did not answer in time"; break;
    case ErrorKind::Network: s = "could not reach " + who; break;
    case ErrorKind::InvalidRequest: s = who + " rejected the request as invalid"; break;
    case ErrorKind::NotFound: s = who + " does not know this model or endpoint"; break;
    case ErrorKind::RequestTooLarge:
      s = "the request is too large for " + who + "; send fewer or smaller images or a shorter history";
      break;
    case ErrorKind::ContextTooLong:
      s = "the conversation is longer than the model's context window";
      break;
    case ErrorKind::Truncated:
      s = "the reply from " + who + " was cut off before it ended";
      break;
    case ErrorKind::Protocol: s = who + " sent a reply that could not be read"; break;
    case ErrorKind::Cancelled: s = "the request was cancelled"; break;
    case ErrorKind::Unknown: s = who + " returned an error"; break;
  }
  if (!message.empty() && kind != ErrorKind::Cancelled) s += " (" + message + ")";
  return s;
}

nlohmann::json LlmError::toJson() const {
  nlohmann::json j = {{"kind", errorKindName(kind)}, {"type", type},         {"message", message},
                      {"http_status", httpStatus},   {"retryable", retryable}, {"request_id", requestId},
                      {"user_message", userMessage()}};
  if (retryAfterSeconds) j["retry_after_s"] = *retryAfterSeconds;
  return j;
}

LlmException::LlmException(LlmError error)
    : std::runtime_error(error.userMessage()), m_error(std::move(error)) {}

}  // namespace partsmith::llm
