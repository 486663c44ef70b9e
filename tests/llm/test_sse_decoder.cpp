#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "llm/sse_decoder.h"
#include "llm_test_support.h"

using partsmith::llm::SseDecoder;
using partsmith::llm::SseEvent;

namespace {

std::vector<SseEvent> decodeInSlices(const std::string& body, const std::vector<size_t>& cuts) {
  std::vector<SseEvent> events;
  SseDecoder decoder([&](const SseEvent& e) { events.push_back(e); });
  size_t last = 0;
  for (size_t cut : cuts) {
    decoder.feed(body.data() + last, cut - last);
    last = cut;
  }
  decoder.feed(body.data() + last, body.size() - last);
  decoder.finish();
  return events;
}

std::string flatten(const std::vector<SseEvent>& events) {
  std::string s;
  for (const auto& e : events) {
    s += "[" + e.event + "|" + e.data + "|" + e.id;
    for (const auto& [k, v] : e.extraFields) s += "|" + k + "=" + v;
    s += "]";
  }
  return s;
}

}  // namespace

TEST_CASE("SSE decoder reads fields, comments and multi-line data", "[llm][sse]") {
  const std::string body =
      ": OPENROUTER PROCESSING\n"
      "event: message_start\n"
      "data: {\"a\":1}\n"
      "\n"
      "data:no-space\n"
      "data:  two spaces keep one\n"
      "id: 7\n"
      "retry: 1000\n"
      "\n"
      "error: {\"code\":500}\n"
      "\n"
      "data\n"
      "\n";
  auto events = decodeInSlices(body, {});
  REQUIRE(events.size() == 4);
  CHECK(events[0].event == "message_start");
  CHECK(events[0].data == "{\"a\":1}");
  CHECK(events[1].event.empty());
  CHECK(events[1].data == "no-space\n two spaces keep one");
  CHECK(events[1].id == "7");
  REQUIRE(events[2].extraFields.size() == 1);
  CHECK(events[2].extraFields[0].first == "error");
  CHECK(events[2].extraFields[0].second == "{\"code\":500}");
  CHECK_FALSE(events[2].hasData);
  CHECK(events[3].hasData);  // "data" with no colon is a field with an empty value
  CHECK(events[3].data.empty());
}

TEST_CASE("SSE decoder gives the same events for LF, CRLF and lone CR at every split", "[llm][sse]") {
  const std::string lf = "event: a\ndata: x\ndata: y\n\n: c\ndata: é✓\n\nevent: b\ndata: [DONE]\n\n";
  const std::string expected = flatten(decodeInSlices(lf, {}));
  REQUIRE(expected == "[a|x\ny|][|é✓|][b|[DONE]|]");
  for (const std::string ending : {"\n", "\r\n", "\r"}) {
    const std::string body = partsmith::llm::testing::withLineEndings(lf, ending);
    for (size_t i = 0; i <= body.size(); ++i) {
      for (size_t j = i; j <= body.size(); j += 3) {
        INFO("ending size " << ending.size() << " cuts " << i << "," << j);
        REQUIRE(flatten(decodeInSlices(body, {i, j})) == expected);
      }
    }
  }
}

TEST_CASE("SSE decoder flushes an unterminated last event and strips a BOM", "[llm][sse]") {
  CHECK(flatten(decodeInSlices("\xEF\xBB\xBF" "data: 1\n\ndata: [DONE]", {})) == "[|1|][|[DONE]|]");
  CHECK(flatten(decodeInSlices("data: [DONE]\n", {})) == "[|[DONE]|]");
  CHECK(flatten(decodeInSlices("data: a\r", {8})) == "[|a|]");
  // A CR at the end of one slice and LF at the start of the next is one line break, not two.
  std::vector<SseEvent> events = decodeInSlices("data: a\r\ndata: b\r\n\r\n", {8});
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "a\nb");
}
