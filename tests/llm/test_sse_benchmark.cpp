// Throughput figures, printed, not asserted: run with  test_llm "[.llm-bench]"
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>

#include "llm/sse_decoder.h"
#include "llm/stream_replay.h"
#include "llm_test_server.h"
#include "llm_test_support.h"

using namespace partsmith::llm;
using namespace partsmith::llm::testing;

TEST_CASE("SSE decoding and stream parsing throughput", "[.llm-bench]") {
  // A long reply: the recorded text deltas repeated to ~32 MB, as one body.
  const std::string fixture = readFixture("openai_text_usage.sse");
  const std::string head = fixture.substr(0, fixture.find("\n\n") + 2);
  const size_t deltaStart = head.size();
  const std::string delta = fixture.substr(deltaStart, fixture.find("\n\n", deltaStart) + 2 - deltaStart);
  std::string body = head;
  while (body.size() < 32u << 20) body += delta;
  body += fixture.substr(fixture.find("data: {", fixture.find("\"finish_reason\":\"stop\"") - 200));
  const double mb = body.size() / 1e6;

  for (size_t slice : {size_t(16384), size_t(1024), size_t(61)}) {
    size_t events = 0;
    SseDecoder decoder([&](const SseEvent&) { ++events; });
    const auto t0 = std::chrono::steady_clock::now();
    for (size_t pos = 0; pos < body.size(); pos += slice) decoder.feed(body.data() + pos, std::min(slice, body.size() - pos));
    decoder.finish();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "SSE decode, " << slice << "-byte slices: " << mb / s << " MB/s (" << events << " events, " << mb << " MB)\n";
  }
  for (const std::string& ending : {std::string("\n"), std::string("\r\n")}) {
    const std::string b = ending == "\n" ? body : withLineEndings(body, ending);
    const auto t0 = std::chrono::steady_clock::now();
    ReplayResult r = replaySse(b, "openai", "openai", 16384);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "decode + parse + assemble (" << (ending == "\n" ? "LF" : "CRLF") << "): " << b.size() / 1e6 / s << " MB/s, "
              << r.events.size() / s / 1e6 << " M events/s, text " << r.message.text().size() / 1e6 << " MB\n";
    CHECK(r.message.finished());
  }
}

TEST_CASE("cancellation latency and retry timings against the test server", "[.llm-bench]") {
  using partsmith::test::LlmTestServer;
  using partsmith::test::ScriptedResponse;
  using Clock = std::chrono::steady_clock;
  LlmTestServer server;
  ChatRequest request;
  request.model = "claude-sonnet-4-5";
  request.messages = {Message::user("a long answer please")};

  std::string slow = readFixture("anthropic_text.sse");
  slow = slow.substr(0, slow.find("event: content_block_stop"));
  for (int i = 0; i < 400; ++i)
    slow += "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"more \"}}\n\n";
  std::vector<double> latencies;
  for (int run = 0; run < 20; ++run) {
    server.enqueue("/v1/messages", ScriptedResponse::sse(slow, 120, std::chrono::milliseconds(20)));
    auto provider = makeTestProvider<AnthropicProvider>(server.baseUrl(), "anthropic");
    std::mutex m;
    std::condition_variable cv;
    int deltas = 0;
    auto handle = provider->startStream(request, [&](const StreamEvent& e) {
      if (e.type != EventType::TextDelta) return;
      std::lock_guard<std::mutex> lock(m);
      ++deltas;
      cv.notify_all();
    });
    {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return deltas >= 3; });
    }
    const auto t0 = Clock::now();
    handle->cancel();
    handle->wait();
    latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(latencies.begin(), latencies.end());
  std::cout << "cancel() -> stream finished, 20 runs: median " << latencies[10] << " ms, max " << latencies.back() << " ms\n";

  // Real SDK backoff (0.5 s, then 1 s, minus up to 25 % jitter) and a server-set retry-after-ms.
  for (int i = 0; i < 2; ++i)
    server.enqueue("/v1/messages", ScriptedResponse::json(503, {{"type", "error"}, {"error", {{"type", "api_error"}, {"message", "busy"}}}}));
  server.enqueue("/v1/messages", ScriptedResponse::json(429, {{"type", "error"}, {"error", {{"type", "rate_limit_error"}, {"message", "slow"}}}}).header("retry-after-ms", "300"));
  server.enqueue("/v1/messages", ScriptedResponse::sse(readFixture("anthropic_text.sse")));
  ProviderConfig c = ProviderConfig::anthropic();
  c.baseUrl = server.baseUrl();
  c.maxRetries = 3;
  auto provider = std::make_shared<AnthropicProvider>(c, "sk-ant-bench-000000000000", nullptr, nullptr);
  const size_t before = server.requestCount();
  StreamOutcome out = provider->stream(request);
  auto reqs = server.requests();
  std::cout << "retries: " << out.attempts << " attempts, ok=" << out.ok() << "; gaps between attempts:";
  for (size_t i = before + 1; i < reqs.size(); ++i)
    std::cout << " " << std::chrono::duration<double, std::milli>(reqs[i].receivedAt - reqs[i - 1].receivedAt).count() << " ms";
  std::cout << " (expected: 750-1000 and 1500-2000 ms for overloaded 503s, doubled SDK backoff with jitter; 300 ms from retry-after-ms)\n";
}
