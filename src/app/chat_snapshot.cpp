#include "app/chat_snapshot.h"

#include <set>

#include "store/store.h"

namespace partsmith::app {

std::string ChatSnapshot::codeKey(int64_t id) { return "app.conversation." + std::to_string(id) + ".code"; }
std::string ChatSnapshot::generationKey(int64_t id) { return "app.conversation." + std::to_string(id) + ".generation"; }

ChatSnapshot ChatSnapshot::load(store::Store& store, std::optional<int64_t> conversationId) {
  ChatSnapshot s;
  const bool remembered = !conversationId;
  if (!conversationId) {
    const auto last = store.meta("app.last_conversation");
    if (!last) return s;
    try {
      conversationId = std::stoll(*last);
    } catch (const std::exception&) {
      return s;
    }
  }
  try {
    s.conversation = store.conversations().get(*conversationId);
  } catch (const std::exception&) {
    return s;  // deleted meanwhile: start with a new conversation
  }
  if (s.conversation.archived && remembered) return s;  // archived since: start afresh
  s.found = true;
  s.messages = store.conversations().activeBranch(*conversationId);

  const std::vector<store::Generation> generations = store.generations().listForConversation(*conversationId);
  std::map<int64_t, int64_t> generationOfRequest;
  const store::Generation* newestRunning = nullptr;
  for (const auto& g : generations) {
    s.generationStatus[g.id] = g.status;
    if (g.requestMessageId) generationOfRequest[*g.requestMessageId] = g.id;
    if (g.status == "succeeded" && g.finalCode && (!newestRunning || g.createdMs >= newestRunning->createdMs))
      newestRunning = &g;
  }
  std::set<int64_t> answered;
  for (const auto& m : s.messages)
    if (m.role == "assistant" && m.parentId) answered.insert(*m.parentId);
  for (const auto& m : s.messages)
    if (m.role == "user" && !answered.count(m.id)) {
      auto it = generationOfRequest.find(m.id);
      s.interrupted[m.id] = it == generationOfRequest.end() ? 0 : it->second;
    }

  if (auto code = store.meta(codeKey(*conversationId)); code && !code->empty()) {
    s.code = *code;
    if (auto g = store.meta(generationKey(*conversationId))) {
      try {
        s.generationId = std::stoll(*g);
      } catch (const std::exception&) {
      }
    }
  } else if (newestRunning) {
    s.code = *newestRunning->finalCode;
    s.generationId = newestRunning->id;
  }
  return s;
}

}  // namespace partsmith::app
