// Errors from LLM servers and the transport, classified so callers can decide what to do
// (retry, tell the user to fix a key, shrink the request) and phrased for a person.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace partsmith::llm {

enum class ErrorKind {
  Authentication,     // key missing or rejected
  Permission,         // key valid, not allowed (region, model access)
  InsufficientQuota,  // no credits / billing: never retried
  RateLimited,
  Overloaded,
  Server,             // 5xx
  Timeout,            // connect, idle or total timeout, 408, 504
  Network,            // connection failed or dropped
  InvalidRequest,     // 400 and friends: our request was wrong
  NotFound,           // unknown model or endpoint
  RequestTooLarge,    // 413: shrink images or history
  ContextTooLong,     // prompt exceeds the context window
  Truncated,          // the stream ended without its terminator
  Protocol,           // the server sent something we cannot read
  Cancelled,
  Unknown
};

std::string errorKindName(ErrorKind kind);

struct LlmError {
  ErrorKind kind = ErrorKind::Unknown;
  std::string provider;  // display name, "Anthropic"
  std::string type;      // provider's error.type / code, "overloaded_error"
  std::string message;   // provider's message
  int httpStatus = 0;    // 0 when no HTTP status applies
  bool retryable = false;
  std::string requestId;
  std::optional<double> retryAfterSeconds;  // from retry-after-ms / retry-after

  // One sentence a person understands: "Anthropic is overloaded", "the API key was rejected".
  std::string userMessage() const;
  nlohmann::json toJson() const;
};

class LlmException : public std::runtime_error {
 public:
  explicit LlmException(LlmError error);
  const LlmError& error() const { return m_error; }

 private:
  LlmError m_error;
};

// Classifies a provider error type/code (from a body or an in-stream error event) together with
// the HTTP status. The status wins where it is decisive; types refine 429 and 400.
ErrorKind classifyError(int httpStatus, const std::string& type, const std::string& message);
bool isRetryableKind(ErrorKind kind);

}  // namespace partsmith::llm
