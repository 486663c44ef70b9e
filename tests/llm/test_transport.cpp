// The libcurl transport on its own: proxies, header handling, shutdown.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "llm/http_transport.h"
#include "llm/openai_provider.h"
#include "llm_test_server.h"
#include "llm_test_support.h"

using namespace partsmith::llm;
using namespace partsmith::llm::testing;
using partsmith::test::LlmTestServer;
using partsmith::test::ScriptedResponse;

namespace {

struct EnvVar {
  std::string name;
  EnvVar(std::string n, const std::string& value) : name(std::move(n)) { ::setenv(name.c_str(), value.c_str(), 1); }
  ~EnvVar() { ::unsetenv(name.c_str()); }
};

ChatRequest hello() {
  ChatRequest r;
  r.model = "gpt-4.1";
  r.messages = {Message::user("hello")};
  return r;
}

}  // namespace

TEST_CASE("an explicit proxy and the environment's proxy are used; loopback never is", "[llm][transport]") {
  LlmTestServer proxy;
  const std::string target = "http://llm.example.invalid/v1/chat/completions";
  proxy.enqueue(target, ScriptedResponse::sse(readFixture("openai_text_usage.sse")));
  ProviderConfig c = ProviderConfig::openAiCompatible("openai");
  c.baseUrl = "http://llm.example.invalid/v1";
  c.proxy = proxy.baseUrl();
  OpenAiProvider viaSettings(c, "sk-proj-proxytest-000000", nullptr, nullptr);
  CHECK(std::make_shared<OpenAiProvider>(viaSettings)->stream(hello()).ok());
  REQUIRE(proxy.requestCount() == 1);
  CHECK(proxy.requests()[0].path == target);  // absolute-form request line: it went through the proxy

  // The same through http_proxy, as a desktop session sets it.
  EnvVar env("http_proxy", proxy.baseUrl());
  proxy.enqueue(target, ScriptedResponse::sse(readFixture("openai_text_usage.sse")));
  c.proxy.clear();
  CHECK(std::make_shared<OpenAiProvider>(c, "sk-proj-proxytest-000000", nullptr, nullptr)->stream(hello()).ok());
  CHECK(proxy.requestCount() == 2);

  // A local server is reached directly even with a proxy configured.
  LlmTestServer local;
  local.enqueue("/v1/chat/completions", ScriptedResponse::sse(readFixture("openai_text_usage.sse")));
  auto direct = makeTestProvider<OpenAiProvider>(local.baseUrl(), "openai", "ollama", "");
  CHECK(direct->stream(hello()).ok());
  CHECK(local.requestCount() == 1);
  CHECK(proxy.requestCount() == 2);
}

TEST_CASE("perform() collects status, lower-cased headers and body", "[llm][transport]") {
  LlmTestServer server;
  server.enqueue("/v1/models", ScriptedResponse::json(429, {{"error", {{"message", "slow"}}}}).header("Retry-After", "7").header("X-Request-Id", "req_abc"));
  HttpTransport transport;
  HttpRequest r;
  r.method = "GET";
  r.url = server.baseUrl() + "/v1/models";
  HttpResponse resp = transport.perform(r);
  CHECK(resp.result.status == TransferResult::Status::Completed);
  CHECK(resp.status == 429);
  CHECK(resp.headers.get("retry-after") == "7");
  CHECK(resp.headers.get("x-request-id") == "req_abc");
  CHECK(nlohmann::json::parse(resp.body)["error"]["message"] == "slow");
}

TEST_CASE("destroying a transport cancels what is still running", "[llm][transport]") {
  LlmTestServer server;
  auto slow = ScriptedResponse::sse(std::string(200, 'x'), 10, std::chrono::milliseconds(200));
  server.enqueue("/slow", slow);
  struct Handler : HttpHandler {
    TransferResult result;
    bool completed = false;
    bool onData(const char*, size_t) override { return true; }
    void onComplete(const TransferResult& r) override {
      result = r;
      completed = true;
    }
  };
  auto handler = std::make_shared<Handler>();
  {
    HttpTransport transport;
    HttpRequest r;
    r.method = "GET";
    r.url = server.baseUrl() + "/slow";
    transport.start(r, handler);
    server.waitForRequests(1, std::chrono::seconds(2));
  }
  CHECK(handler->completed);
  CHECK(handler->result.status == TransferResult::Status::Cancelled);
}

TEST_CASE("the total timeout ends a reply that keeps trickling", "[llm][transport]") {
  LlmTestServer server;
  std::string body;
  for (int i = 0; i < 100; ++i) body += "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n";
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(body, 60, std::chrono::milliseconds(40)));
  ProviderConfig c = ProviderConfig::openAiCompatible("vllm");
  c.baseUrl = server.baseUrl();
  c.totalTimeoutMs = 500;
  c.idleTimeoutMs = 200;  // never reached: bytes keep coming every 40 ms
  auto provider = std::make_shared<OpenAiProvider>(c, "", nullptr, nullptr);
  const auto t0 = std::chrono::steady_clock::now();
  StreamOutcome out = provider->stream(hello());
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(out.message.error.has_value());
  CHECK(out.message.error->kind == ErrorKind::Timeout);
  CHECK(out.attempts == 1);  // text had been shown: not re-sent
  CHECK_FALSE(out.message.text().empty());
  CHECK(ms >= 480);
  CHECK(ms < 1200);
}
