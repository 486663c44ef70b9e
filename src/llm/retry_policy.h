// Retries as the official SDKs do them: obey x-should-retry; otherwise retry 408, 409, 429 and
// 5xx (incl. 529), connection failures and timeouts; wait retry-after-ms / retry-after when it is
// sane, else capped exponential backoff with jitter. Never on quota exhaustion (insufficient_quota,
// 402), and never once text or a tool call reached the caller.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "llm/http_transport.h"
#include "llm/llm_error.h"

namespace partsmith::llm {

struct RetryPolicy {
  int maxRetries = 2;               // the SDKs' default
  double initialDelaySeconds = 0.5;
  double maxDelaySeconds = 8.0;
  double maxRetryAfterSeconds = 60;  // Anthropic 60 s, OpenAI 120 s
  double overloadedMultiplier = 2;   // 529 / overloaded_error: back off longer
  std::function<double()> random;   // in [0, 1); default: a thread-local generator

  // Delay before retry number `retry` (1-based). Uses the error's retryAfterSeconds when
  // 0 < d <= maxRetryAfterSeconds, else min(initial * 2^(retry-1), max) * (1 - 0.25 * rand).
  double delaySeconds(int retry, const LlmError& error) const;
};

// Reads retry-after-ms (milliseconds) or retry-after (seconds, or an HTTP date).
std::optional<double> parseRetryAfter(const HttpHeaders& headers);
// x-should-retry: true / false; nullopt when absent.
std::optional<bool> shouldRetryHeader(const HttpHeaders& headers);
// Whether the SDK rule retries this HTTP status.
bool isRetryableStatus(long status);

}  // namespace partsmith::llm
