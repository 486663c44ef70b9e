// Providers against the scripted HTTP peer: the real transport, real sockets, real bytes.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "llm/anthropic_provider.h"
#include "llm/openai_provider.h"
#include "llm_test_server.h"
#include "llm_test_support.h"

using namespace partsmith::llm;
using namespace partsmith::llm::testing;
using partsmith::test::LlmTestServer;
using partsmith::test::ScriptedResponse;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

struct EventLog {
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<StreamEvent> events;

  EventCallback callback() {
    return [this](const StreamEvent& e) {
      std::lock_guard<std::mutex> lock(mutex);
      events.push_back(e);
      cv.notify_all();
    };
  }
  bool waitFor(EventType type, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex);
    return cv.wait_for(lock, timeout, [&] {
      for (const auto& e : events)
        if (e.type == type) return true;
      return false;
    });
  }
  std::vector<StreamEvent> ofType(EventType type) {
    std::lock_guard<std::mutex> lock(mutex);
    std::vector<StreamEvent> out;
    for (const auto& e : events)
      if (e.type == type) out.push_back(e);
    return out;
  }
};

ChatRequest simpleRequest(const std::string& model) {
  ChatRequest r;
  r.model = model;
  r.system = "You write CAD scripts.";
  r.messages = {Message::user("A 20 mm cube with a 5 mm hole.")};
  r.maxTokens = 1024;
  return r;
}

json anthropicError(const std::string& type, const std::string& message) {
  return {{"type", "error"}, {"error", {{"type", type}, {"message", message}}}, {"request_id", "req_err"}};
}

json openAiError(const std::string& type, const std::string& code, const std::string& message) {
  return {{"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", code}}}};
}

double msBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// message_start, then `deltas` text deltas: a long, slow reply.
std::string longAnthropicReply(int deltas) {
  std::string body = LlmTestServer::anthropicSse(
      {{{"type", "message_start"},
        {"message", {{"id", "msg_slow"}, {"type", "message"}, {"role", "assistant"}, {"content", json::array()},
                     {"model", "claude-sonnet-4-5"}, {"usage", {{"input_tokens", 10}, {"output_tokens", 1}}}}}},
       {{"type", "content_block_start"}, {"index", 0}, {"content_block", {{"type", "text"}, {"text", ""}}}}});
  for (int i = 0; i < deltas; ++i)
    body += LlmTestServer::anthropicSse(
        {{{"type", "content_block_delta"}, {"index", 0}, {"delta", {{"type", "text_delta"}, {"text", "word "}}}}});
  return body;
}

}  // namespace

TEST_CASE("Anthropic stream through the test server: headers, body, events, usage and cost", "[llm][provider]") {
  LlmTestServer server;
  server.enqueue("/v1/messages", ScriptedResponse::sseRandomChunks(readFixture("anthropic_thinking_tool.sse"), 17, 42)
                                     .header("request-id", "req_011CTest"));
  ProviderConfig c = ProviderConfig::anthropic();
  c.baseUrl = server.baseUrl();
  auto prices = std::make_shared<PriceTable>(PriceTable::loadDefault());
  auto provider = std::make_shared<AnthropicProvider>(c, "sk-ant-api03-testkey-0123456789", nullptr, prices);
  EventLog log;
  StreamOutcome out = provider->stream(simpleRequest("claude-sonnet-4-5-20250929"), log.callback());

  REQUIRE(out.ok());
  CHECK(out.attempts == 1);
  CHECK(out.requestId == "req_011CTest");
  CHECK(out.message.toolCallsRunnable());
  CHECK(out.message.toolCalls[0].arguments == json{{"sketch_id", "sk_01"}, {"depth_mm", 12.5}});
  CHECK(out.message.text() == "I'll extrude it.");
  REQUIRE(out.costUsd.has_value());
  // 2 input at $3, 12145 one-hour cache writes at 2x, 7276 cache reads at 0.1x, 89 output at $15.
  CHECK(*out.costUsd == Approx((2 * 3.0 + 12145 * 6.0 + 7276 * 0.3 + 89 * 15.0) / 1e6));
  CHECK(log.ofType(EventType::Finish).size() == 1);
  CHECK(log.ofType(EventType::ToolCallEnd).size() == 1);

  // The echo of this turn keeps the thinking block and its signature.
  Message echo = out.message.toMessage();
  REQUIRE(echo.content.size() == 3);
  CHECK(echo.content[0].kind == ContentBlock::Kind::Thinking);
  CHECK(echo.content[0].signature.rfind("EqQBCgIYAh", 0) == 0);

  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].path == "/v1/messages");
  CHECK(requests[0].header("x-api-key") == "sk-ant-api03-testkey-0123456789");
  CHECK(requests[0].header("anthropic-version") == "2023-06-01");
  CHECK(requests[0].header("content-type") == "application/json");
  json body = requests[0].json();
  CHECK(body["model"] == "claude-sonnet-4-5-20250929");
  CHECK(body["stream"] == true);
  CHECK(body["system"][0]["cache_control"]["type"] == "ephemeral");
}

TEST_CASE("OpenAI-compatible streams through the test server for each server profile", "[llm][provider]") {
  LlmTestServer server;
  struct Case {
    std::string profile, fixture;
    size_t calls;
  };
  for (const Case& k : {Case{"ollama", "ollama_tool_calls.sse", 2}, Case{"llamacpp", "llamacpp_reasoning_tools.sse", 1},
                        Case{"openai", "openai_tool_calls.sse", 2}, Case{"lmstudio", "lmstudio_tools.sse", 1}}) {
    INFO("profile " << k.profile);
    server.enqueue("/v1/chat/completions", ScriptedResponse::sseRandomChunks(readFixture(k.fixture), 40, 7));
    auto provider = makeTestProvider<OpenAiProvider>(server.baseUrl(), "openai", k.profile,
                                                     k.profile == "openai" ? "sk-proj-abcdefghijklmnop" : "");
    StreamOutcome out = provider->stream(simpleRequest("model-x"));
    REQUIRE(out.ok());
    CHECK(out.message.toolCalls.size() == k.calls);
    CHECK(out.message.toolCallsRunnable());
    const auto request = server.requests().back();
    CHECK(request.path == "/v1/chat/completions");
    if (k.profile == "openai") {
      CHECK(request.header("authorization") == "Bearer sk-proj-abcdefghijklmnop");
      CHECK(request.json()["max_completion_tokens"] == 1024);
    } else {
      CHECK(request.header("authorization").empty());  // local servers get no key
      CHECK(request.json()["max_tokens"] == 1024);
    }
    if (k.profile == "ollama" || k.profile == "llamacpp") CHECK(*out.costUsd == 0.0);  // local: free
  }
}

TEST_CASE("a missing key fails before any request with a clear message", "[llm][provider]") {
  LlmTestServer server;
  auto provider = makeTestProvider<AnthropicProvider>(server.baseUrl(), "anthropic", "", "");
  try {
    provider->startStream(simpleRequest("claude-haiku-4-5"), {});
    FAIL("expected an authentication error");
  } catch (const LlmException& e) {
    CHECK(e.error().kind == ErrorKind::Authentication);
    CHECK(std::string(e.what()).find("ANTHROPIC_API_KEY") != std::string::npos);
  }
  CHECK(server.requestCount() == 0);
}

TEST_CASE("429 with retry-after-ms is retried after the server's delay", "[llm][provider][retry]") {
  LlmTestServer server;
  server.enqueue("/v1/messages", ScriptedResponse::json(429, anthropicError("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"))
                                     .header("retry-after-ms", "250")
                                     .header("retry-after", "1"));
  server.enqueue("/v1/messages", ScriptedResponse::sse(readFixture("anthropic_text.sse"), 64));
  auto provider = makeTestProvider<AnthropicProvider>(server.baseUrl(), "anthropic");
  EventLog log;
  StreamOutcome out = provider->stream(simpleRequest("claude-haiku-4-5"), log.callback());
  REQUIRE(out.ok());
  CHECK(out.attempts == 2);
  auto retries = log.ofType(EventType::Retry);
  REQUIRE(retries.size() == 1);
  CHECK(retries[0].retry.delayMs == 250);
  CHECK(retries[0].error.kind == ErrorKind::RateLimited);
  CHECK(retries[0].retryMessage() == "Anthropic is rate limiting requests; retrying in 0.3 s (2/3)");
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  const double gap = msBetween(requests[0].receivedAt, requests[1].receivedAt);
  INFO("gap between attempts " << gap << " ms");
  CHECK(gap >= 240);
  CHECK(gap < 600);
}

TEST_CASE("529 and 5xx are retried with backoff; exhausted retries report the last error", "[llm][provider][retry]") {
  LlmTestServer server;
  server.enqueue("/v1/messages", ScriptedResponse::json(529, anthropicError("overloaded_error", "Overloaded")));
  server.enqueue("/v1/messages", ScriptedResponse::json(500, anthropicError("api_error", "Internal server error")));
  server.enqueue("/v1/messages", ScriptedResponse::sse(readFixture("anthropic_text.sse")));
  auto provider = makeTestProvider<AnthropicProvider>(server.baseUrl(), "anthropic");
  provider->retryPolicy().random = [] { return 0.0; };
  EventLog log;
  StreamOutcome out = provider->stream(simpleRequest("claude-haiku-4-5"), log.callback());
  REQUIRE(out.ok());
  CHECK(out.attempts == 3);
  auto retries = log.ofType(EventType::Retry);
  REQUIRE(retries.size() == 2);
  CHECK(retries[0].error.kind == ErrorKind::Overloaded);
  CHECK(retries[0].retry.delayMs == 40);  // overloaded: twice the 20 ms first step
  CHECK(retries[0].retryMessage().rfind("Anthropic is overloaded; retrying in", 0) == 0);
  CHECK(retries[1].error.kind == ErrorKind::Server);
  CHECK(retries[1].retry.delayMs == 40);  // second retry: 20 ms * 2
  CHECK(retries[1].retry.attempt == 3);

  for (int i = 0; i < 3; ++i) server.enqueue("/v1/messages", ScriptedResponse::json(503, anthropicError("api_error", "busy")));
  StreamOutcome failed = provider->stream(simpleRequest("claude-haiku-4-5"));
  CHECK_FALSE(failed.ok());
  REQUIRE(failed.message.error.has_value());
  CHECK(failed.message.error->kind == ErrorKind::Overloaded);
  CHECK(failed.message.error->httpStatus == 503);
  CHECK(failed.message.error->requestId == "req_err");
  CHECK(failed.attempts == 3);
  CHECK(server.requestCount() == 6);
}

TEST_CASE("quota, billing and key errors are never retried", "[llm][provider][retry]") {
  LlmTestServer server;
  auto openai = makeTestProvider<OpenAiProvider>(server.baseUrl(), "openai", "openai");
  server.enqueue("/v1/chat/completions",
                 ScriptedResponse::json(429, openAiError("insufficient_quota", "insufficient_quota",
                                                         "You exceeded your current quota, please check your plan and billing details.")));
  StreamOutcome quota = openai->stream(simpleRequest("gpt-4.1"));
  REQUIRE(quota.message.error.has_value());
  CHECK(quota.message.error->kind == ErrorKind::InsufficientQuota);
  CHECK_FALSE(quota.message.error->retryable);
  CHECK(quota.message.error->userMessage().find("no remaining credit") != std::string::npos);
  CHECK(server.requestCount() == 1);

  auto openrouter = makeTestProvider<OpenAiProvider>(server.baseUrl(), "openai", "openrouter");
  server.enqueue("/v1/chat/completions",
                 ScriptedResponse::json(402, {{"error", {{"code", 402}, {"message", "Insufficient credits"}}}}));
  StreamOutcome credits = openrouter->stream(simpleRequest("anthropic/claude-sonnet-4.5"));
  CHECK(credits.message.error->kind == ErrorKind::InsufficientQuota);
  CHECK(server.requestCount() == 2);

  server.enqueue("/v1/chat/completions", ScriptedResponse::json(401, openAiError("invalid_request_error", "invalid_api_key",
                                                                                 "Incorrect API key provided: sk-proj-****cdef.")));
  StreamOutcome key = openai->stream(simpleRequest("gpt-4.1"));
  CHECK(key.message.error->kind == ErrorKind::Authentication);
  CHECK(key.message.error->userMessage().rfind("the API key was rejected by OpenAI", 0) == 0);
  CHECK(server.requestCount() == 3);

  // x-should-retry overrides the status rule both ways.
  server.enqueue("/v1/chat/completions", ScriptedResponse::json(500, openAiError("server_error", "", "boom")).header("x-should-retry", "false"));
  CHECK(openai->stream(simpleRequest("gpt-4.1")).attempts == 1);
  server.enqueue("/v1/chat/completions", ScriptedResponse::json(400, openAiError("invalid_request_error", "", "flaky")).header("x-should-retry", "true"));
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(readFixture("openai_text_usage.sse")));
  StreamOutcome forced = openai->stream(simpleRequest("gpt-4.1"));
  CHECK(forced.ok());
  CHECK(forced.attempts == 2);
}

TEST_CASE("an error inside a 200 stream is retried only before anything was emitted", "[llm][provider][retry]") {
  LlmTestServer server;
  auto provider = makeTestProvider<AnthropicProvider>(server.baseUrl(), "anthropic");
  // After text: the partial text stays, the error is reported, nothing is re-sent.
  server.enqueue("/v1/messages", ScriptedResponse::sse(readFixture("anthropic_error_midstream.sse"), 50));
  EventLog log;
  StreamOutcome out = provider->stream(simpleRequest("claude-sonnet-4-5"), log.callback());
  REQUIRE(out.message.error.has_value());
  CHECK(out.message.error->kind == ErrorKind::Overloaded);
  CHECK(out.message.text() == "Let me think about the fil");
  CHECK(out.attempts == 1);
  CHECK(log.ofType(EventType::Retry).empty());
  CHECK(log.events.back().type == EventType::Error);
  CHECK(server.requestCount() == 1);

  // Before any content: retried transparently.
  std::string early = LlmTestServer::anthropicSse(
      {{{"type", "message_start"}, {"message", {{"id", "m"}, {"usage", {{"input_tokens", 5}, {"output_tokens", 0}}}}}},
       {{"type", "error"}, {"error", {{"type", "overloaded_error"}, {"message", "Overloaded"}}}}});
  server.enqueue("/v1/messages", ScriptedResponse::sse(early));
  server.enqueue("/v1/messages", ScriptedResponse::sse(readFixture("anthropic_text.sse")));
  StreamOutcome retried = provider->stream(simpleRequest("claude-sonnet-4-5"));
  CHECK(retried.ok());
  CHECK(retried.attempts == 2);
  CHECK(retried.message.text().rfind("A bracket", 0) == 0);
}

TEST_CASE("truncated streams and dropped connections never yield runnable tool calls", "[llm][provider]") {
  LlmTestServer server;
  auto provider = makeTestProvider<OpenAiProvider>(server.baseUrl(), "openai", "openai");
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(readFixture("openai_truncated.sse"), 30));
  StreamOutcome cut = provider->stream(simpleRequest("gpt-4.1"));
  REQUIRE(cut.message.error.has_value());
  CHECK(cut.message.error->kind == ErrorKind::Truncated);
  CHECK_FALSE(cut.message.toolCallsRunnable());
  CHECK(cut.attempts == 1);  // a tool call had started: no silent re-run

  // The connection dies in the middle of the body.
  auto dropped = ScriptedResponse::sse(readFixture("openai_text_usage.sse").substr(0, 700), 100);
  dropped.dropConnection = true;
  server.enqueue("/v1/chat/completions", dropped);
  StreamOutcome broken = provider->stream(simpleRequest("gpt-4.1"));
  REQUIRE(broken.message.error.has_value());
  CHECK(broken.message.error->kind == ErrorKind::Network);
  CHECK(broken.message.error->message.find("connection broke") != std::string::npos);
  CHECK(broken.message.text() == "The bracket is ");

  // Cut before any content: retried.
  std::string onlyRole = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(onlyRole));
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(readFixture("openai_text_usage.sse")));
  StreamOutcome second = provider->stream(simpleRequest("gpt-4.1"));
  CHECK(second.ok());
  CHECK(second.attempts == 2);

  // A JSON body where a stream was expected.
  server.enqueue("/v1/chat/completions", ScriptedResponse::json(200, openAiError("not_found_error", "", "model 'x' not found")));
  StreamOutcome json200 = provider->stream(simpleRequest("x"));
  REQUIRE(json200.message.error.has_value());
  CHECK(json200.message.error->kind == ErrorKind::NotFound);

  // A captive portal's HTML page is not an event stream.
  ScriptedResponse portal;
  portal.contentType = "text/html";
  portal.chunks = {"<html><body>Please log in to the hotel Wi-Fi</body></html>"};
  server.enqueue("/v1/chat/completions", portal);
  StreamOutcome html = provider->stream(simpleRequest("gpt-4.1"));
  REQUIRE(html.message.error.has_value());
  CHECK(html.message.error->kind == ErrorKind::Protocol);
  CHECK(html.message.error->message.find("web page") != std::string::npos);
  CHECK(html.attempts == 1);
}

TEST_CASE("cancel() ends a slow stream within 200 ms", "[llm][provider][cancel]") {
  LlmTestServer server;
  // 400 deltas at 25 ms: a 10-second reply.
  server.enqueue("/v1/messages", ScriptedResponse::sse(longAnthropicReply(400), 80, std::chrono::milliseconds(25)));
  auto provider = makeTestProvider<AnthropicProvider>(server.baseUrl(), "anthropic");
  EventLog log;
  auto handle = provider->startStream(simpleRequest("claude-sonnet-4-5"), log.callback());
  REQUIRE(log.waitFor(EventType::TextDelta, std::chrono::seconds(5)));
  const auto t0 = Clock::now();
  handle->cancel();
  StreamOutcome out = handle->wait();
  const double latency = msBetween(t0, Clock::now());
  WARN("cancellation latency: " << latency << " ms");
  CHECK(latency < 200);
  REQUIRE(out.message.error.has_value());
  CHECK(out.message.error->kind == ErrorKind::Cancelled);
  CHECK(log.events.back().type == EventType::Error);
  CHECK(handle->done());
  // The server notices the client went away.
  for (int i = 0; i < 100 && server.abandonedResponses() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(server.abandonedResponses() >= 1);
}

TEST_CASE("cancel() during a retry wait ends at once", "[llm][provider][cancel]") {
  LlmTestServer server;
  server.enqueue("/v1/messages", ScriptedResponse::json(429, anthropicError("rate_limit_error", "slow down")).header("retry-after", "30"));
  auto provider = makeTestProvider<AnthropicProvider>(server.baseUrl(), "anthropic");
  provider->retryPolicy().maxRetryAfterSeconds = 60;
  EventLog log;
  auto handle = provider->startStream(simpleRequest("claude-sonnet-4-5"), log.callback());
  REQUIRE(log.waitFor(EventType::Retry, std::chrono::seconds(5)));
  CHECK(log.ofType(EventType::Retry)[0].retry.delayMs == 30000);
  const auto t0 = Clock::now();
  handle->cancel();
  StreamOutcome out = handle->wait();
  CHECK(msBetween(t0, Clock::now()) < 200);
  CHECK(out.message.error->kind == ErrorKind::Cancelled);
  CHECK(server.requestCount() == 1);
}

TEST_CASE("idle and connect failures become timeout and network errors", "[llm][provider]") {
  LlmTestServer server;
  auto silent = ScriptedResponse::sse(readFixture("anthropic_text.sse"));
  silent.firstByteDelay = std::chrono::milliseconds(3000);
  server.enqueue("/v1/messages", silent);
  ProviderConfig c = ProviderConfig::anthropic();
  c.baseUrl = server.baseUrl();
  c.idleTimeoutMs = 300;
  c.maxRetries = 0;
  auto provider = std::make_shared<AnthropicProvider>(c, "sk-ant-test-key-123456", nullptr, nullptr);
  const auto t0 = Clock::now();
  StreamOutcome idle = provider->stream(simpleRequest("claude-sonnet-4-5"));
  const double elapsed = msBetween(t0, Clock::now());
  REQUIRE(idle.message.error.has_value());
  CHECK(idle.message.error->kind == ErrorKind::Timeout);
  CHECK(idle.message.error->userMessage().find("did not answer in time") != std::string::npos);
  CHECK(elapsed >= 290);
  CHECK(elapsed < 1000);

  int closedPort = 0;
  {
    LlmTestServer gone;
    closedPort = gone.port();
  }
  c.baseUrl = "http://127.0.0.1:" + std::to_string(closedPort);
  auto unreachable = std::make_shared<AnthropicProvider>(c, "sk-ant-test-key-123456", nullptr, nullptr);
  StreamOutcome refused = unreachable->stream(simpleRequest("claude-sonnet-4-5"));
  REQUIRE(refused.message.error.has_value());
  CHECK(refused.message.error->kind == ErrorKind::Network);
  CHECK(refused.message.error->userMessage().find("could not reach Anthropic") == 0);
  CHECK(refused.message.error->message.find("could not connect to http://127.0.0.1:") != std::string::npos);
}

TEST_CASE("concurrent streams share one transport thread without blocking each other", "[llm][provider]") {
  LlmTestServer server;
  const int n = 4;
  for (int i = 0; i < n; ++i)
    server.enqueue("/v1/chat/completions", ScriptedResponse::sse(readFixture("openai_text_usage.sse"), 200, std::chrono::milliseconds(60)));
  auto provider = makeTestProvider<OpenAiProvider>(server.baseUrl(), "openai", "vllm");
  const auto t0 = Clock::now();
  std::vector<std::shared_ptr<StreamHandle>> handles;
  for (int i = 0; i < n; ++i) handles.push_back(provider->startStream(simpleRequest("Qwen/Qwen3-32B"), {}));
  for (auto& h : handles) CHECK(h->wait().ok());
  const double elapsed = msBetween(t0, Clock::now());
  // Each reply takes ~6 x 60 ms; in sequence they would take four times as long.
  INFO("4 parallel streams took " << elapsed << " ms");
  CHECK(elapsed < 2 * 6 * 60 + 300);
}

TEST_CASE("malformed tool arguments are reported, never run", "[llm][provider]") {
  LlmTestServer server;
  std::string body = LlmTestServer::openAiSse(
      {{{"choices", {{{"index", 0}, {"delta", {{"role", "assistant"}, {"tool_calls", {{{"index", 0}, {"id", "call_bad"}, {"type", "function"}, {"function", {{"name", "write_code"}, {"arguments", "{\"code\": \"box(1,"}}}}}}}}}}}},
       {{"choices", {{{"index", 0}, {"delta", {{"tool_calls", {{{"index", 0}, {"function", {{"arguments", " 2)\"]"}}}}}}}}}}}},
       {{"choices", {{{"index", 0}, {"delta", json::object()}, {"finish_reason", "tool_calls"}}}}}});
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(body, 9));
  auto provider = makeTestProvider<OpenAiProvider>(server.baseUrl(), "openai", "vllm", "");
  EventLog log;
  StreamOutcome out = provider->stream(simpleRequest("Qwen/Qwen3-32B"), log.callback());
  CHECK(out.ok());  // the turn itself finished
  REQUIRE(out.message.toolCalls.size() == 1);
  CHECK_FALSE(out.message.toolCalls[0].argumentsValid);
  CHECK(out.message.toolCalls[0].rawArguments == "{\"code\": \"box(1, 2)\"]");
  CHECK_FALSE(out.message.toolCallsRunnable());
  auto ends = log.ofType(EventType::ToolCallEnd);
  REQUIRE(ends.size() == 1);
  CHECK_FALSE(ends[0].argumentsValid);
}

TEST_CASE("a streamed turn goes back to the server unchanged in the next request", "[llm][provider]") {
  LlmTestServer server;
  // Anthropic: thinking with its signature, text and tool_use come back byte for byte.
  server.enqueue("/v1/messages", ScriptedResponse::sse(readFixture("anthropic_thinking_tool.sse"), 33));
  server.enqueue("/v1/messages", ScriptedResponse::sse(readFixture("anthropic_text.sse")));
  auto anthropic = makeTestProvider<AnthropicProvider>(server.baseUrl(), "anthropic");
  ChatRequest r = simpleRequest("claude-sonnet-4-5");
  StreamOutcome first = anthropic->stream(r);
  REQUIRE(first.message.toolCallsRunnable());
  r.messages.push_back(first.message.toMessage());
  r.messages.push_back(Message{Role::User, {ContentBlock::makeToolResult(first.message.toolCalls[0].id,
                                                                         {ContentBlock::makeText("ok"), ContentBlock::makeImage("image/png", "UE5H")})}});
  CHECK(anthropic->stream(r).ok());
  json second = server.requests().at(1).json();
  const json& echoed = second["messages"][1]["content"];
  CHECK(echoed[0] == json{{"type", "thinking"},
                          {"thinking", "The boss must be 12.5 mm tall, so extrude sketch sk_01 by 12.5."},
                          {"signature", "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+jWZ6sCUwn04HfsMiE/rb3z0A=="}});
  CHECK(echoed[1] == json{{"type", "text"}, {"text", "I'll extrude it."}});
  CHECK(echoed[2] == json{{"type", "tool_use"}, {"id", "toolu_01T1x1fJ34qAmk2tNTrN7Up6"}, {"name", "extrude_sketch"},
                          {"input", {{"sketch_id", "sk_01"}, {"depth_mm", 12.5}}}});
  CHECK(second["messages"][2]["content"][0]["type"] == "tool_result");
  CHECK(second["messages"][2]["content"][0]["content"][1]["source"]["data"] == "UE5H");

  // OpenAI: the arguments string is echoed exactly as streamed.
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(readFixture("openai_tool_calls.sse"), 50));
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(readFixture("openai_text_usage.sse")));
  auto openai = makeTestProvider<OpenAiProvider>(server.baseUrl(), "openai", "openai");
  ChatRequest o = simpleRequest("o4-mini");
  StreamOutcome call = openai->stream(o);
  REQUIRE(call.message.toolCallsRunnable());
  o.messages.push_back(call.message.toMessage());
  std::vector<ContentBlock> results;
  for (const ToolCall& c : call.message.toolCalls) results.push_back(ContentBlock::makeToolResult(c.id, {ContentBlock::makeText("done")}));
  o.messages.push_back(Message{Role::User, results});
  CHECK(openai->stream(o).ok());
  json next = server.requests().back().json();
  const json& assistant = next["messages"][2];
  CHECK(assistant["tool_calls"][0]["function"]["arguments"] == "{\"view\": \"isometric\"}");
  CHECK(assistant["tool_calls"][1]["id"] == "call_Q8zz");
  CHECK(next["messages"][3] == json{{"role", "tool"}, {"tool_call_id", "call_JMW1aXc0"}, {"content", "done"}});
  CHECK(next["messages"][4]["tool_call_id"] == "call_Q8zz");
}
