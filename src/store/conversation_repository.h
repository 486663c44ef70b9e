// Conversations and their messages. Messages form a tree: a retry or an edit adds a sibling
// under the same parent instead of overwriting, and each conversation remembers the leaf
// it shows (its path to the root is the active branch).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace partsmith::store {

class Database;

struct Conversation {
  int64_t id = 0;
  std::string uuid;
  std::string title;
  int64_t createdMs = 0;
  int64_t updatedMs = 0;
  bool archived = false;
  std::optional<int64_t> currentLeafId;
  std::optional<int64_t> remixedFromExampleId;
};

struct ConversationSummary {
  Conversation conversation;
  int64_t messageCount = 0;
  std::string preview;  // the start of the current leaf message
};

struct Message {
  int64_t id = 0;
  std::string uuid;
  int64_t conversationId = 0;
  std::optional<int64_t> parentId;
  std::string role;  // user, assistant, system, tool
  std::string content;
  std::optional<int64_t> generationId;
  std::string metadata = "{}";  // JSON object
  int64_t createdMs = 0;
};

struct NewMessage {
  std::string role;
  std::string content;
  // The message this one answers or follows. Unset: the conversation's current leaf.
  std::optional<int64_t> parentId;
  // Set to start a new root (the first message, or an edit of the first message).
  bool asRoot = false;
  std::optional<int64_t> generationId;
  std::string metadata = "{}";
};

struct ConversationView {
  Conversation conversation;
  std::vector<Message> messages;     // every message of every branch, oldest first
  std::vector<int64_t> activePath;   // root → current leaf

  const Message* find(int64_t messageId) const;
  std::vector<int64_t> siblingsOf(int64_t messageId) const;  // same parent, oldest first, itself included
  std::vector<const Message*> activeMessages() const;
};

struct HistoryHit {
  int64_t conversationId = 0;
  std::string conversationTitle;
  std::optional<int64_t> messageId;  // unset when the title matched
  std::string snippet;               // matched words in [brackets]
  bool archived = false;
  int64_t timeMs = 0;                // the message's time, or the conversation's last update
};

class ConversationRepository {
 public:
  explicit ConversationRepository(Database& db) : m_db(db) {}

  Conversation create(const std::string& title, std::optional<int64_t> remixedFromExampleId = std::nullopt);
  Conversation get(int64_t id);
  std::optional<Conversation> findByUuid(const std::string& uuid);
  void rename(int64_t id, const std::string& title);
  void setArchived(int64_t id, bool archived);
  void remove(int64_t id);  // with its messages and generations

  // Adds a message and makes it the current leaf, in one transaction.
  Message appendMessage(int64_t conversationId, const NewMessage& message);
  // An edit: a new sibling of `messageId` (same parent and role) with new content; it becomes
  // the current leaf. The original and its replies stay reachable as another branch.
  Message editMessage(int64_t messageId, const std::string& content);
  // Shows the branch through `messageId`: the leaf becomes its newest descendant leaf.
  void selectBranch(int64_t messageId);
  // Deletes a message and everything below it; the leaf moves to its parent if it was inside.
  void removeBranch(int64_t messageId);
  void attachGeneration(int64_t messageId, int64_t generationId);
  Message message(int64_t messageId);

  std::vector<ConversationSummary> listRecent(int limit = 50, int offset = 0, bool includeArchived = false);
  ConversationView open(int64_t id);
  std::vector<Message> activeBranch(int64_t id);  // root → leaf, only the shown branch
  // Conversations whose title holds every word (best match first), then messages holding
  // every word, newest first; at most `limit` hits in all.
  std::vector<HistoryHit> search(const std::string& text, int limit = 50, bool includeArchived = true);
  int64_t count(bool includeArchived = true);

 private:
  Database& m_db;
};

}  // namespace partsmith::store
