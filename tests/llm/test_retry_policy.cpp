#include <catch2/catch.hpp>

#include <ctime>

#include "llm/retry_policy.h"
#include "llm/stream_event.h"

using namespace partsmith::llm;

namespace {
HttpHeaders headers(std::vector<std::pair<std::string, std::string>> entries) { return HttpHeaders{std::move(entries)}; }
}  // namespace

TEST_CASE("retry-after headers: milliseconds, seconds and HTTP dates", "[llm][retry]") {
  CHECK(*parseRetryAfter(headers({{"retry-after-ms", "250"}, {"retry-after", "9"}})) == Approx(0.25));
  CHECK(*parseRetryAfter(headers({{"retry-after", "3"}})) == Approx(3));
  CHECK(*parseRetryAfter(headers({{"retry-after", "1.5"}})) == Approx(1.5));
  char date[64];
  std::time_t in10 = std::time(nullptr) + 10;
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&in10));
  CHECK(*parseRetryAfter(headers({{"retry-after", date}})) == Approx(10).margin(1.5));
  CHECK_FALSE(parseRetryAfter(headers({{"retry-after", "soon"}})).has_value());
  CHECK_FALSE(parseRetryAfter(headers({})).has_value());
  CHECK(*shouldRetryHeader(headers({{"x-should-retry", "false"}})) == false);
  CHECK_FALSE(shouldRetryHeader(headers({})).has_value());
  CHECK(isRetryableStatus(408));
  CHECK(isRetryableStatus(409));
  CHECK(isRetryableStatus(529));
  CHECK_FALSE(isRetryableStatus(400));
  CHECK_FALSE(isRetryableStatus(402));
}

TEST_CASE("backoff doubles from 0.5 s up to 8 s with up to 25 % jitter", "[llm][retry]") {
  RetryPolicy p;
  LlmError e;
  e.kind = ErrorKind::Server;
  p.random = [] { return 0.0; };
  CHECK(p.delaySeconds(1, e) == Approx(0.5));
  CHECK(p.delaySeconds(2, e) == Approx(1.0));
  CHECK(p.delaySeconds(4, e) == Approx(4.0));
  CHECK(p.delaySeconds(6, e) == Approx(8.0));
  p.random = [] { return 0.999; };
  CHECK(p.delaySeconds(1, e) == Approx(0.5 * 0.75).epsilon(0.01));
  p.random = [] { return 0.0; };
  e.kind = ErrorKind::Overloaded;
  CHECK(p.delaySeconds(1, e) == Approx(1.0));
  CHECK(p.delaySeconds(6, e) == Approx(16.0));
  // A sane retry-after wins; an absurd one falls back to backoff.
  e.retryAfterSeconds = 30;
  CHECK(p.delaySeconds(1, e) == Approx(30));
  e.retryAfterSeconds = 600;
  CHECK(p.delaySeconds(1, e) == Approx(1.0));
  p.random = {};
  e.retryAfterSeconds.reset();
  e.kind = ErrorKind::Server;
  for (int i = 0; i < 50; ++i) {
    const double d = p.delaySeconds(3, e);
    CHECK(d > 1.5 - 1e-9);
    CHECK(d <= 2.0);
  }
}

TEST_CASE("errors read as sentences a person understands", "[llm][retry]") {
  StreamEvent e;
  e.type = EventType::Retry;
  e.error.kind = ErrorKind::Overloaded;
  e.error.provider = "Anthropic";
  e.error.message = "Overloaded";
  e.retry = {2, 3, 4000};
  CHECK(e.retryMessage() == "Anthropic is overloaded; retrying in 4 s (2/3)");
  e.retry = {3, 3, 12400};
  CHECK(e.retryMessage() == "Anthropic is overloaded; retrying in 12 s (3/3)");
  LlmError key;
  key.kind = ErrorKind::Authentication;
  key.provider = "OpenAI";
  key.httpStatus = 401;
  CHECK(key.userMessage() == "the API key was rejected by OpenAI; check the key in the settings or environment");
  key.httpStatus = 0;  // no request was made: the key is missing
  key.message = "set OPENAI_API_KEY or store the key in the system keyring";
  CHECK(key.userMessage() == "no API key is set for OpenAI (set OPENAI_API_KEY or store the key in the system keyring)");
  CHECK(classifyError(429, "insufficient_quota", "") == ErrorKind::InsufficientQuota);
  CHECK(classifyError(429, "overloaded_error", "") == ErrorKind::Overloaded);
  CHECK(classifyError(400, "exceed_context_size_error", "") == ErrorKind::ContextTooLong);
  CHECK(classifyError(413, "request_too_large", "") == ErrorKind::RequestTooLarge);
  CHECK(classifyError(504, "", "") == ErrorKind::Timeout);
}
