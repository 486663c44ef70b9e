#include "store/conversation_repository.h"

#include <algorithm>
#include <unordered_map>

#include "store/database.h"
#include "store/store_error.h"
#include "store/store_util.h"

namespace partsmith::store {

namespace {

const char* kConversationColumns =
    "id, uuid, title, created_at, updated_at, archived, current_leaf_id, remixed_from_example_id";
const char* kMessageColumns = "id, uuid, conversation_id, parent_id, role, content, generation_id, metadata, created_at";

Conversation readConversation(const Statement& st, int col = 0) {
  Conversation c;
  c.id = st.getInt(col);
  c.uuid = st.getText(col + 1);
  c.title = st.getText(col + 2);
  c.createdMs = st.getInt(col + 3);
  c.updatedMs = st.getInt(col + 4);
  c.archived = st.getInt(col + 5) != 0;
  c.currentLeafId = st.getOptInt(col + 6);
  c.remixedFromExampleId = st.getOptInt(col + 7);
  return c;
}

Message readMessage(const Statement& st) {
  Message m;
  m.id = st.getInt(0);
  m.uuid = st.getText(1);
  m.conversationId = st.getInt(2);
  m.parentId = st.getOptInt(3);
  m.role = st.getText(4);
  m.content = st.getText(5);
  m.generationId = st.getOptInt(6);
  m.metadata = st.getText(7);
  m.createdMs = st.getInt(8);
  return m;
}

void checkRole(const std::string& role) {
  if (role != "user" && role != "assistant" && role != "system" && role != "tool")
    throw StoreError(StoreError::Kind::Invalid, "save the message",
                     "unknown message role '" + role + "'", "use user, assistant, system or tool");
}

StoreError notFound(const std::string& operation, const std::string& what) {
  return StoreError(StoreError::Kind::NotFound, operation, what + " does not exist");
}

}  // namespace

const Message* ConversationView::find(int64_t messageId) const {
  for (const auto& m : messages)
    if (m.id == messageId) return &m;
  return nullptr;
}

std::vector<int64_t> ConversationView::siblingsOf(int64_t messageId) const {
  const Message* self = find(messageId);
  std::vector<int64_t> ids;
  if (!self) return ids;
  for (const auto& m : messages)
    if (m.parentId == self->parentId) ids.push_back(m.id);
  return ids;
}

std::vector<const Message*> ConversationView::activeMessages() const {
  std::vector<const Message*> out;
  for (int64_t id : activePath)
    if (const Message* m = find(id)) out.push_back(m);
  return out;
}

Conversation ConversationRepository::create(const std::string& title, std::optional<int64_t> remixedFromExampleId) {
  Transaction tx(m_db, "create the conversation");
  const int64_t now = nowMs();
  Statement st(m_db,
               "INSERT INTO conversations (uuid, title, created_at, updated_at, remixed_from_example_id) "
               "VALUES (?, ?, ?, ?, ?)");
  const std::string uuid = newUuid();
  st.bindAll(uuid, redactSecrets(title), now, now, remixedFromExampleId).run();
  Conversation c;
  c.id = m_db.lastInsertId();
  c.uuid = uuid;
  c.title = redactSecrets(title);
  c.createdMs = c.updatedMs = now;
  c.remixedFromExampleId = remixedFromExampleId;
  tx.commit();
  return c;
}

Conversation ConversationRepository::get(int64_t id) {
  Statement st(m_db, std::string("SELECT ") + kConversationColumns + " FROM conversations WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) throw notFound("open the conversation", "conversation " + std::to_string(id));
  return readConversation(st);
}

std::optional<Conversation> ConversationRepository::findByUuid(const std::string& uuid) {
  Statement st(m_db, std::string("SELECT ") + kConversationColumns + " FROM conversations WHERE uuid = ?");
  st.bind(1, uuid);
  if (!st.step()) return std::nullopt;
  return readConversation(st);
}

void ConversationRepository::rename(int64_t id, const std::string& title) {
  Transaction tx(m_db, "rename the conversation");
  Statement st(m_db, "UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?");
  st.bindAll(redactSecrets(title), nowMs(), id).run();
  if (m_db.changes() == 0) throw notFound("rename the conversation", "conversation " + std::to_string(id));
  tx.commit();
}

void ConversationRepository::setArchived(int64_t id, bool archived) {
  Transaction tx(m_db, archived ? "archive the conversation" : "restore the conversation from the archive");
  Statement st(m_db, "UPDATE conversations SET archived = ? WHERE id = ?");
  st.bindAll(archived, id).run();
  if (m_db.changes() == 0) throw notFound(m_db.operation(), "conversation " + std::to_string(id));
  tx.commit();
}

void ConversationRepository::remove(int64_t id) {
  Transaction tx(m_db, "delete the conversation");
  // The leaf pointer would otherwise be re-pointed (SET NULL) row by row during the cascade.
  Statement clear(m_db, "UPDATE conversations SET current_leaf_id = NULL WHERE id = ?");
  clear.bind(1, id).run();
  Statement st(m_db, "DELETE FROM conversations WHERE id = ?");
  st.bind(1, id).run();
  if (m_db.changes() == 0) throw notFound("delete the conversation", "conversation " + std::to_string(id));
  tx.commit();
}

Message ConversationRepository::appendMessage(int64_t conversationId, const NewMessage& in) {
  checkRole(in.role);
  Transaction tx(m_db, "save the message");
  Conversation conversation = get(conversationId);
  std::optional<int64_t> parent = in.asRoot ? std::nullopt : (in.parentId ? in.parentId : conversation.currentLeafId);
  if (parent) {
    Statement check(m_db, "SELECT conversation_id FROM messages WHERE id = ?");
    check.bind(1, *parent);
    if (!check.step()) throw notFound("save the message", "the parent message " + std::to_string(*parent));
    if (check.getInt(0) != conversationId)
      throw StoreError(StoreError::Kind::Invalid, "save the message",
                       "the parent message " + std::to_string(*parent) + " belongs to another conversation");
  }
  Message m;
  m.uuid = newUuid();
  m.conversationId = conversationId;
  m.parentId = parent;
  m.role = in.role;
  m.content = redactSecrets(in.content);
  m.generationId = in.generationId;
  m.metadata = in.metadata.empty() ? "{}" : redactSecrets(in.metadata);
  m.createdMs = nowMs();
  Statement insert(m_db,
                   "INSERT INTO messages (uuid, conversation_id, parent_id, role, content, generation_id, metadata, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bindAll(m.uuid, conversationId, m.parentId, m.role, m.content, m.generationId, m.metadata, m.createdMs).run();
  m.id = m_db.lastInsertId();
  Statement leaf(m_db, "UPDATE conversations SET current_leaf_id = ?, updated_at = ? WHERE id = ?");
  leaf.bindAll(m.id, m.createdMs, conversationId).run();
  tx.commit();
  return m;
}

Message ConversationRepository::message(int64_t messageId) {
  Statement st(m_db, std::string("SELECT ") + kMessageColumns + " FROM messages WHERE id = ?");
  st.bind(1, messageId);
  if (!st.step()) throw notFound("read the message", "message " + std::to_string(messageId));
  return readMessage(st);
}

Message ConversationRepository::editMessage(int64_t messageId, const std::string& content) {
  Transaction tx(m_db, "save the edited message");
  Message original = message(messageId);
  NewMessage edit;
  edit.role = original.role;
  edit.content = content;
  edit.parentId = original.parentId;
  edit.asRoot = !original.parentId;
  Message result = appendMessage(original.conversationId, edit);
  tx.commit();
  return result;
}

void ConversationRepository::selectBranch(int64_t messageId) {
  Transaction tx(m_db, "switch to the branch");
  Message start = message(messageId);
  // Follow the newest child down to a leaf.
  int64_t leaf = start.id;
  Statement child(m_db, "SELECT id FROM messages WHERE parent_id = ? ORDER BY id DESC LIMIT 1");
  for (;;) {
    child.reset();
    child.bind(1, leaf);
    if (!child.step()) break;
    leaf = child.getInt(0);
  }
  Statement st(m_db, "UPDATE conversations SET current_leaf_id = ?, updated_at = ? WHERE id = ?");
  st.bindAll(leaf, nowMs(), start.conversationId).run();
  tx.commit();
}

void ConversationRepository::removeBranch(int64_t messageId) {
  Transaction tx(m_db, "delete the branch");
  Message target = message(messageId);
  Conversation conversation = get(target.conversationId);
  bool leafInside = false;
  if (conversation.currentLeafId) {
    Statement inside(m_db,
                     "WITH RECURSIVE up(id, parent_id) AS ("
                     "  SELECT id, parent_id FROM messages WHERE id = ?"
                     "  UNION ALL SELECT m.id, m.parent_id FROM messages m JOIN up ON m.id = up.parent_id)"
                     " SELECT 1 FROM up WHERE id = ?");
    inside.bindAll(*conversation.currentLeafId, messageId);
    leafInside = inside.step();
  }
  Statement del(m_db, "DELETE FROM messages WHERE id = ?");
  del.bind(1, messageId).run();
  if (leafInside) {
    Statement leaf(m_db, "UPDATE conversations SET current_leaf_id = ?, updated_at = ? WHERE id = ?");
    leaf.bindAll(target.parentId, nowMs(), target.conversationId).run();
  }
  tx.commit();
}

void ConversationRepository::attachGeneration(int64_t messageId, int64_t generationId) {
  Transaction tx(m_db, "link the message to its generation");
  Statement st(m_db, "UPDATE messages SET generation_id = ? WHERE id = ?");
  st.bindAll(generationId, messageId).run();
  if (m_db.changes() == 0) throw notFound(m_db.operation(), "message " + std::to_string(messageId));
  tx.commit();
}

std::vector<ConversationSummary> ConversationRepository::listRecent(int limit, int offset, bool includeArchived) {
  std::string sql = std::string("SELECT c.id, c.uuid, c.title, c.created_at, c.updated_at, c.archived, ") +
                    "c.current_leaf_id, c.remixed_from_example_id, "
                    "(SELECT count(*) FROM messages WHERE conversation_id = c.id), substr(l.content, 1, 160) "
                    "FROM conversations c LEFT JOIN messages l ON l.id = c.current_leaf_id " +
                    (includeArchived ? "" : "WHERE c.archived = 0 ") +
                    "ORDER BY c.updated_at DESC, c.id DESC LIMIT ? OFFSET ?";
  Statement st(m_db, sql);
  st.bindAll(limit, offset);
  std::vector<ConversationSummary> out;
  while (st.step()) {
    ConversationSummary s;
    s.conversation = readConversation(st);
    s.messageCount = st.getInt(8);
    s.preview = st.getText(9);
    out.push_back(std::move(s));
  }
  return out;
}

ConversationView ConversationRepository::open(int64_t id) {
  ConversationView view;
  view.conversation = get(id);
  Statement st(m_db, std::string("SELECT ") + kMessageColumns + " FROM messages WHERE conversation_id = ? ORDER BY id");
  st.bind(1, id);
  while (st.step()) view.messages.push_back(readMessage(st));
  std::unordered_map<int64_t, const Message*> byId;
  for (const auto& m : view.messages) byId[m.id] = &m;
  for (auto cursor = view.conversation.currentLeafId; cursor;) {
    auto it = byId.find(*cursor);
    if (it == byId.end()) break;
    view.activePath.push_back(*cursor);
    cursor = it->second->parentId;
  }
  std::reverse(view.activePath.begin(), view.activePath.end());
  return view;
}

std::vector<Message> ConversationRepository::activeBranch(int64_t id) {
  Statement st(m_db,
               "WITH RECURSIVE path(id, depth) AS ("
               "  SELECT current_leaf_id, 0 FROM conversations WHERE id = ? AND current_leaf_id IS NOT NULL"
               "  UNION ALL SELECT m.parent_id, path.depth + 1 FROM messages m JOIN path ON m.id = path.id"
               "  WHERE m.parent_id IS NOT NULL)"
               " SELECT m.id, m.uuid, m.conversation_id, m.parent_id, m.role, m.content, m.generation_id, m.metadata,"
               " m.created_at FROM path JOIN messages m ON m.id = path.id ORDER BY path.depth DESC");
  st.bind(1, id);
  std::vector<Message> out;
  while (st.step()) out.push_back(readMessage(st));
  return out;
}

std::vector<HistoryHit> ConversationRepository::search(const std::string& text, int limit, bool includeArchived) {
  std::vector<HistoryHit> hits;
  const std::string query = ftsQuery(text, true);
  if (query.empty()) return hits;
  const std::string archivedFilter = includeArchived ? "" : " AND c.archived = 0";
  {
    Statement st(m_db,
                 "SELECT c.id, c.title, c.archived, snippet(conversations_fts, 0, '[', ']', '…', 12), "
                 "c.updated_at FROM conversations_fts JOIN conversations c ON c.id = conversations_fts.rowid "
                 "WHERE conversations_fts MATCH ?" + archivedFilter + " ORDER BY bm25(conversations_fts) LIMIT ?");
    st.bindAll(query, limit);
    while (st.step()) {
      HistoryHit hit;
      hit.conversationId = st.getInt(0);
      hit.conversationTitle = st.getText(1);
      hit.archived = st.getInt(2) != 0;
      hit.snippet = st.getText(3);
      hit.timeMs = st.getInt(4);
      hits.push_back(std::move(hit));
    }
  }
  {
    Statement st(m_db,
                 // Newest first: FTS5 walks its index backwards by rowid and stops at the
                 // limit, instead of scoring every match of a common word.
                 "SELECT c.id, c.title, c.archived, m.id, snippet(messages_fts, 0, '[', ']', '…', 12), "
                 "m.created_at FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid "
                 "JOIN conversations c ON c.id = m.conversation_id "
                 "WHERE messages_fts MATCH ?" + archivedFilter + " ORDER BY messages_fts.rowid DESC LIMIT ?");
    st.bindAll(query, limit);
    while (st.step()) {
      HistoryHit hit;
      hit.conversationId = st.getInt(0);
      hit.conversationTitle = st.getText(1);
      hit.archived = st.getInt(2) != 0;
      hit.messageId = st.getInt(3);
      hit.snippet = st.getText(4);
      hit.timeMs = st.getInt(5);
      hits.push_back(std::move(hit));
    }
  }
  if (static_cast<int>(hits.size()) > limit) hits.resize(static_cast<size_t>(limit));
  return hits;
}

int64_t ConversationRepository::count(bool includeArchived) {
  return m_db.queryInt(includeArchived ? "SELECT count(*) FROM conversations"
                                       : "SELECT count(*) FROM conversations WHERE archived = 0");
}

}  // namespace partsmith::store
