#include "llm/stream_replay.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "llm/anthropic_stream_parser.h"
#include "llm/openai_stream_parser.h"
#include "llm/sse_decoder.h"

namespace partsmith::llm {

using nlohmann::json;

json ReplayResult::toJson() const {
  json list = json::array();
  for (const StreamEvent& e : events) list.push_back(e.toJson());
  return {{"events", list}, {"message", message.toJson()}, {"sse_events", sseEvents}};
}

ReplayResult replaySse(const std::string& body, const std::string& format, const std::string& profile,
                       size_t chunkSize) {
  std::unique_ptr<StreamParser> parser;
  if (format == "anthropic")
    parser = std::make_unique<AnthropicStreamParser>();
  else if (format == "openai")
    parser = std::make_unique<OpenAiStreamParser>(serverProfile(profile));
  else
    throw std::invalid_argument("unknown stream format '" + format + "' (use anthropic or openai)");

  ReplayResult result;
  std::vector<StreamEvent> pending;
  SseDecoder decoder([&](const SseEvent& e) { parser->onEvent(e, pending); });
  MessageAssembler assembler;
  auto drain = [&] {
    for (StreamEvent& e : pending) {
      assembler.add(e);
      result.events.push_back(std::move(e));
    }
    pending.clear();
  };
  const size_t step = chunkSize == 0 ? std::max<size_t>(body.size(), 1) : chunkSize;
  for (size_t pos = 0; pos < body.size() && !parser->ended(); pos += step) {
    decoder.feed(body.data() + pos, std::min(step, body.size() - pos));
    drain();
  }
  decoder.finish();
  parser->finish(pending);
  drain();
  result.message = assembler.message();
  result.sseEvents = decoder.eventCount();
  return result;
}

}  // namespace partsmith::llm
