#include "llm/retry_policy.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <random>

namespace partsmith::llm {

double RetryPolicy::delaySeconds(int retry, const LlmError& error) const {
  if (error.retryAfterSeconds && *error.retryAfterSeconds > 0 && *error.retryAfterSeconds <= maxRetryAfterSeconds)
    return *error.retryAfterSeconds;
  double rand = 0;
  if (random) {
    rand = random();
  } else {
    thread_local std::mt19937 gen{std::random_device{}()};
    rand = std::uniform_real_distribution<double>(0.0, 1.0)(gen);
  }
  double base = std::min(initialDelaySeconds * std::pow(2.0, retry - 1), maxDelaySeconds);
  if (error.kind == ErrorKind::Overloaded) base = std::min(base * overloadedMultiplier, maxDelaySeconds * overloadedMultiplier);
  return base * (1.0 - 0.25 * rand);
}

std::optional<double> parseRetryAfter(const HttpHeaders& headers) {
  const std::string ms = headers.get("retry-after-ms");
  if (!ms.empty()) {
    char* end = nullptr;
    const double v = std::strtod(ms.c_str(), &end);
    if (end != ms.c_str()) return v / 1000.0;
  }
  const std::string s = headers.get("retry-after");
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() && *end == '\0') return v;
  // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT"
  std::tm tm{};
  const char* parsed = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
  if (!parsed) return std::nullopt;
  const std::time_t when = timegm(&tm);
  return std::difftime(when, std::time(nullptr));
}

std::optional<bool> shouldRetryHeader(const HttpHeaders& headers) {
  const std::string v = headers.get("x-should-retry");
  if (v == "true") return true;
  if (v == "false") return false;
  return std::nullopt;
}

bool isRetryableStatus(long status) {
  return status == 408 || status == 409 || status == 429 || status >= 500;
}

}  // namespace partsmith::llm
