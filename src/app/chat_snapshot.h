// A conversation as the chat pane shows it after a start or a switch: its active branch with
// each reply's generation status, and the part to show (the code last shown in the app for it,
// else its newest generation's code that runs). Read on the store thread.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/conversation_repository.h"

namespace partsmith::store {
class Store;
}

namespace partsmith::app {

struct ChatSnapshot {
  bool found = false;
  store::Conversation conversation;
  std::vector<store::Message> messages;            // root → current leaf
  std::map<int64_t, std::string> generationStatus;  // generation id → status
  // User messages whose generation never got a reply (the app was killed): their generation.
  std::map<int64_t, int64_t> interrupted;          // user message id → generation id (0: none started)
  std::optional<int64_t> generationId;             // the generation whose part is shown
  std::string code;                                // the code to show; empty: keep what is shown

  // `conversationId` unset: the conversation used last (meta "app.last_conversation").
  static ChatSnapshot load(store::Store& store, std::optional<int64_t> conversationId = std::nullopt);
  // The meta keys the app keeps per conversation.
  static std::string codeKey(int64_t conversationId);
  static std::string generationKey(int64_t conversationId);
};

}  // namespace partsmith::app
