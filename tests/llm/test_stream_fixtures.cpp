// Every recorded stream shape, decoded whole, split at every byte offset, byte by byte, and
// with CRLF and CR line endings: the assembled result must never depend on the chunking.
#include <catch2/catch.hpp>

#include "llm/anthropic_stream_parser.h"
#include "llm/openai_stream_parser.h"
#include "llm/stream_replay.h"
#include "llm_test_support.h"

using namespace partsmith::llm;
using namespace partsmith::llm::testing;
using nlohmann::json;

namespace {

void checkAgainstExpectation(const std::string& name, const json& exp, const ReplayResult& r) {
  INFO("fixture " << name);
  const AssembledMessage& m = r.message;
  CHECK(m.text() == exp["text"].get<std::string>());
  CHECK(m.reasoning() == exp["reasoning"].get<std::string>());
  if (exp["finish_reason"].is_null())
    CHECK_FALSE(m.finishReason.has_value());
  else
    CHECK((m.finishReason && finishReasonName(*m.finishReason) == exp["finish_reason"].get<std::string>()));
  if (exp["error_kind"].is_null()) {
    CHECK_FALSE(m.error.has_value());
  } else {
    REQUIRE(m.error.has_value());
    CHECK(errorKindName(m.error->kind) == exp["error_kind"].get<std::string>());
    if (exp.contains("error_type")) CHECK(m.error->type == exp["error_type"].get<std::string>());
    if (exp.contains("error_message")) CHECK(m.error->message == exp["error_message"].get<std::string>());
  }
  CHECK(m.toolCallsRunnable() == exp["runnable"].get<bool>());
  const json& calls = exp["tool_calls"];
  REQUIRE(m.toolCalls.size() == calls.size());
  for (size_t i = 0; i < calls.size(); ++i) {
    const ToolCall& c = m.toolCalls[i];
    CHECK(c.id == calls[i]["id"].get<std::string>());
    CHECK(c.name == calls[i]["name"].get<std::string>());
    if (calls[i].contains("arguments")) {
      CHECK(c.complete);
      CHECK(c.argumentsValid);
      CHECK(c.arguments == calls[i]["arguments"]);
    }
    if (calls[i].contains("complete")) CHECK(c.complete == calls[i]["complete"].get<bool>());
    if (calls[i].contains("valid")) CHECK(c.argumentsValid == calls[i]["valid"].get<bool>());
  }
  if (exp.contains("usage")) {
    const json u = m.usage.toJson();
    CHECK(m.usage.reported);
    for (auto it = exp["usage"].begin(); it != exp["usage"].end(); ++it) {
      INFO("usage field " << it.key());
      CHECK(u[it.key()] == it.value());
    }
  }
  if (exp.contains("usage_reported")) CHECK(m.usage.reported == exp["usage_reported"].get<bool>());
  int signatures = 0, redacted = 0;
  for (const ContentBlock& b : m.blocks) {
    if (b.kind == ContentBlock::Kind::Thinking && !b.signature.empty()) ++signatures;
    if (b.kind == ContentBlock::Kind::RedactedThinking) ++redacted;
  }
  if (exp.contains("signatures")) CHECK(signatures == exp["signatures"].get<int>());
  if (exp.contains("redacted")) CHECK(redacted == exp["redacted"].get<int>());
  // A stream ends with exactly one Finish or Error event, and nothing after it.
  REQUIRE_FALSE(r.events.empty());
  const EventType last = r.events.back().type;
  CHECK((last == EventType::Finish || last == EventType::Error));
  int terminal = 0;
  for (const StreamEvent& e : r.events) terminal += e.type == EventType::Finish || e.type == EventType::Error;
  CHECK(terminal == 1);
}

// What must not depend on chunking: the events and the assembled message. Built by hand
// (not through JSON) because it runs for every byte offset of every fixture.
std::string signature(const ReplayResult& r) {
  std::string s;
  s.reserve(4096);
  for (const StreamEvent& e : r.events) {
    s += std::to_string(static_cast<int>(e.type));
    s += '|';
    s += std::to_string(e.index);
    s += '|';
    s += e.id;
    s += '|';
    s += e.name;
    s += '|';
    s += e.text;
    s += '|';
    s += std::to_string(static_cast<int>(e.finishReason));
    s += std::to_string(static_cast<int>(e.error.kind));
    s += e.error.message;
    if (e.type == EventType::Usage) s += std::to_string(e.usage.inputTokens) + "/" + std::to_string(e.usage.outputTokens);
    if (e.type == EventType::ToolCallEnd) s += e.arguments.dump() + (e.argumentsValid ? "+" : "-");
    s += '\n';
  }
  const AssembledMessage& m = r.message;
  s += m.text() + "|" + m.reasoning() + "|" + (m.toolCallsRunnable() ? "run" : "norun") + "|" + std::to_string(m.blocks.size());
  for (const ToolCall& c : m.toolCalls) s += "|" + c.id + c.name + c.rawArguments + (c.complete ? "c" : "o");
  return s;
}

}  // namespace

TEST_CASE("every recorded stream shape decodes to its expected message", "[llm][replay]") {
  const json all = expectations();
  REQUIRE(all.size() >= 20);
  for (auto it = all.begin(); it != all.end(); ++it) {
    const std::string body = readFixture(it.key());
    const json& exp = it.value();
    ReplayResult r = replaySse(body, exp["format"], exp.value("profile", std::string("generic")));
    checkAgainstExpectation(it.key(), exp, r);
  }
}

TEST_CASE("recorded streams decode identically under any chunking and line ending", "[llm][replay]") {
  const json all = expectations();
  size_t replays = 0;
  for (auto it = all.begin(); it != all.end(); ++it) {
    const json& exp = it.value();
    const std::string format = exp["format"];
    const std::string profile = exp.value("profile", std::string("generic"));
    const std::string reference = signature(replaySse(readFixture(it.key()), format, profile));
    for (const std::string ending : {"\n", "\r\n", "\r"}) {
      const std::string body = withLineEndings(readFixture(it.key()), ending);
      INFO("fixture " << it.key() << " ending length " << ending.size());
      // Every split point of the body into two slices (LF and CRLF; lone CR, rare in the
      // wild, is covered byte by byte below and at every split in the decoder's own test).
      for (size_t cut = 0; ending != "\r" && cut <= body.size(); ++cut) {
        std::vector<StreamEvent> pending;
        ReplayResult r;
        std::unique_ptr<StreamParser> parser;
        if (format == "anthropic")
          parser = std::make_unique<AnthropicStreamParser>();
        else
          parser = std::make_unique<OpenAiStreamParser>(serverProfile(profile));
        MessageAssembler assembler;
        SseDecoder decoder([&](const SseEvent& e) { parser->onEvent(e, pending); });
        decoder.feed(body.data(), cut);
        decoder.feed(body.data() + cut, body.size() - cut);
        decoder.finish();
        parser->finish(pending);
        for (auto& e : pending) assembler.add(e);
        r.events = pending;
        r.message = assembler.message();
        r.sseEvents = decoder.eventCount();
        ++replays;
        if (signature(r) != reference) {
          INFO("split at byte " << cut);
          REQUIRE(signature(r) == reference);
        }
      }
      // Byte by byte and in 7-byte slices, compared on everything the JSON output shows.
      json whole = replaySse(body, format, profile).toJson();
      json bytewise = replaySse(body, format, profile, 1).toJson();
      whole.erase("sse_events");
      bytewise.erase("sse_events");
      CHECK(bytewise == whole);
      CHECK(signature(replaySse(body, format, profile, 7)) == reference);
    }
  }
  CHECK(replays > 40000);
}
