// Anthropic Messages streaming: message_start / content_block_* / message_delta / message_stop,
// ping and error events (see reference/llm-wire-formats.md §1.4).
#pragma once
#include <map>
#include <string>

#include "llm/stream_parser.h"

namespace partsmith::llm {

class AnthropicStreamParser : public StreamParser {
 public:
  explicit AnthropicStreamParser(std::string providerName = "Anthropic");
  void onEvent(const SseEvent& event, std::vector<StreamEvent>& out) override;
  void finish(std::vector<StreamEvent>& out) override;
  bool ended() const override { return m_ended; }

 private:
  struct Block {
    std::string type;
    std::string id, name;
    std::string json;  // concatenated input_json_delta pieces
    nlohmann::json startInput;
    bool sawDelta = false;
    bool stopped = false;
  };
  void handle(const std::string& type, const nlohmann::json& j, std::vector<StreamEvent>& out);
  void applyUsage(const nlohmann::json& usage);
  void emitError(const nlohmann::json& error, std::vector<StreamEvent>& out);

  std::string m_provider;
  std::map<int, Block> m_blocks;
  Usage m_usage;
  std::string m_stopReason;
  bool m_ended = false;
};

}  // namespace partsmith::llm
