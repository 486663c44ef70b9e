// Throughput figures, printed, not asserted: run with  test_llm "[.llm-bench]"
#include <catch2/catch.hpp>

#include <chrono>
#include <iostream>

#include "llm/sse_decoder.h"
#include "llm/stream_replay.h"
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
