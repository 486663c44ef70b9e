// OpenAI Chat Completions streaming and the compatible servers' variants: tool_calls deltas
// keyed on index (with repairs for servers whose indexes lie), reasoning field names, usage
// chunks with empty choices, errors inside 200 streams, [DONE] or none (§2.2, §3).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "llm/server_profile.h"
#include "llm/stream_parser.h"

namespace partsmith::llm {

class OpenAiStreamParser : public StreamParser {
 public:
  explicit OpenAiStreamParser(ServerProfile profile);
  void onEvent(const SseEvent& event, std::vector<StreamEvent>& out) override;
  void finish(std::vector<StreamEvent>& out) override;
  bool ended() const override { return m_ended; }

 private:
  struct Slot {
    std::string id, name, arguments;
    bool closed = false;
  };
  void handleChunk(const nlohmann::json& chunk, std::vector<StreamEvent>& out);
  void handleToolCall(const nlohmann::json& call, std::vector<StreamEvent>& out);
  void applyUsage(const nlohmann::json& usage, std::vector<StreamEvent>& out);
  void closeSlots(std::vector<StreamEvent>& out);
  void emitError(const nlohmann::json& error, std::vector<StreamEvent>& out);
  void complete(std::vector<StreamEvent>& out);

  ServerProfile m_profile;
  std::vector<Slot> m_slots;
  std::map<int, int> m_slotForIndex;  // server index -> slot
  Usage m_usage;
  std::string m_finishReason;
  bool m_sawFinish = false;
  bool m_ended = false;
};

}  // namespace partsmith::llm
