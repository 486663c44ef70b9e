#include "store/feedback_repository.h"

#include <algorithm>
#include <cctype>

#include "store/database.h"
#include "store/store_error.h"
#include "store/store_util.h"

namespace partsmith::store {

namespace {

void requireGeneration(Database& db, int64_t generationId, const std::string& operation) {
  Statement st(db, "SELECT 1 FROM generations WHERE id = ?");
  st.bind(1, generationId);
  if (!st.step())
    throw StoreError(StoreError::Kind::NotFound, operation,
                     "generation " + std::to_string(generationId) + " does not exist");
}

}  // namespace

void FeedbackRepository::upsert(int64_t generationId, const std::string& column,
                                const std::optional<std::string>& text, std::optional<int64_t> number,
                                const std::string& operation) {
  Transaction tx(m_db, operation);
  requireGeneration(m_db, generationId, operation);
  const int64_t now = nowMs();
  // `column` is one of our own literals, never user input.
  Statement st(m_db, "INSERT INTO ratings (generation_id, " + column + ", created_at, updated_at) VALUES (?1, ?2, ?3, ?3) "
                     "ON CONFLICT (generation_id) DO UPDATE SET " + column + " = ?2, updated_at = ?3");
  st.bind(1, generationId);
  if (text) st.bind(2, *text);
  else st.bind(2, number);
  st.bind(3, now).run();
  tx.commit();
}

void FeedbackRepository::setThumbs(int64_t generationId, int thumbs) {
  if (thumbs != -1 && thumbs != 0 && thumbs != 1)
    throw StoreError(StoreError::Kind::Invalid, "save the rating", "thumbs must be -1 (down), +1 (up) or 0 (clear)");
  upsert(generationId, "thumbs", std::nullopt, thumbs ? std::optional<int64_t>(thumbs) : std::nullopt,
         "save the rating");
}

void FeedbackRepository::setStars(int64_t generationId, int stars) {
  if (stars < 0 || stars > 5)
    throw StoreError(StoreError::Kind::Invalid, "save the rating",
                     "a rating has 1 to 5 stars, not " + std::to_string(stars), "use 0 to clear the stars");
  upsert(generationId, "stars", std::nullopt, stars ? std::optional<int64_t>(stars) : std::nullopt, "save the rating");
}

void FeedbackRepository::setComment(int64_t generationId, const std::string& comment) {
  bool blank = std::all_of(comment.begin(), comment.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) upsert(generationId, "comment", std::nullopt, std::nullopt, "save the comment");
  else upsert(generationId, "comment", redactSecrets(comment), std::nullopt, "save the comment");
}

void FeedbackRepository::recordSignal(int64_t generationId, bool accepted, const std::string& reason) {
  Transaction tx(m_db, "record the feedback signal");
  upsert(generationId, "accepted", std::nullopt, accepted ? 1 : 0, "record the feedback signal");
  Statement st(m_db, "UPDATE ratings SET signal_reason = ? WHERE generation_id = ?");
  st.bindAll(redactSecrets(reason), generationId).run();
  tx.commit();
}

std::optional<Rating> FeedbackRepository::rating(int64_t generationId) {
  Statement st(m_db,
               "SELECT thumbs, stars, comment, accepted, signal_reason, created_at, updated_at FROM ratings "
               "WHERE generation_id = ?");
  st.bind(1, generationId);
  if (!st.step()) return std::nullopt;
  Rating r;
  r.generationId = generationId;
  if (auto v = st.getOptInt(0)) r.thumbs = static_cast<int>(*v);
  if (auto v = st.getOptInt(1)) r.stars = static_cast<int>(*v);
  r.comment = st.getOptText(2);
  if (auto v = st.getOptInt(3)) r.accepted = *v != 0;
  r.signalReason = st.getOptText(4);
  r.createdMs = st.getInt(5);
  r.updatedMs = st.getInt(6);
  return r;
}

int64_t FeedbackRepository::recordExport(int64_t generationId, const std::string& format, const std::string& path,
                                         const nlohmann::json& parameters) {
  NewExport e;
  e.generationId = generationId;
  e.format = format;
  e.path = path;
  e.parameters = parameters;
  return recordExport(e);
}

int64_t FeedbackRepository::recordExport(const NewExport& e) {
  const std::string operation = "record the export";
  static const char* const formats[] = {"stl", "step", "3mf", "brep", "js", "png"};
  if (std::none_of(std::begin(formats), std::end(formats), [&](const char* f) { return e.format == f; }))
    throw StoreError(StoreError::Kind::Invalid, operation, "unknown export format '" + e.format + "'",
                     "use stl, step, 3mf, brep, js or png");
  if (e.path.empty()) throw StoreError(StoreError::Kind::Invalid, operation, "the exported file's path is empty");
  if (!e.generationId && (!e.code || e.code->empty()))
    throw StoreError(StoreError::Kind::Invalid, operation, "an export without a generation needs the script it exported",
                     "pass the code that was exported, so the export can be told apart and opened again");
  Transaction tx(m_db, operation);
  std::optional<int64_t> conversation = e.conversationId;
  if (e.generationId) {
    requireGeneration(m_db, *e.generationId, operation);
    if (!conversation) {
      Statement g(m_db, "SELECT conversation_id FROM generations WHERE id = ?");
      g.bind(1, *e.generationId);
      if (g.step()) conversation = g.getOptInt(0);
    }
  }
  if (conversation) {
    Statement c(m_db, "SELECT 1 FROM conversations WHERE id = ?");
    c.bind(1, *conversation);
    if (!c.step())
      throw StoreError(StoreError::Kind::NotFound, operation,
                       "conversation " + std::to_string(*conversation) + " does not exist",
                       "it may have been deleted meanwhile");
  }
  std::optional<std::string> params;
  if (!e.parameters.is_null()) params = e.parameters.dump();
  std::optional<std::string> hash;
  if (e.code) hash = contentHash(*e.code);
  Statement st(m_db,
               "INSERT INTO exports (generation_id, conversation_id, format, path, parameters, code, code_hash, source, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bindAll(e.generationId, conversation, e.format, e.path, params, e.code, hash, e.source, nowMs()).run();
  const int64_t id = m_db.lastInsertId();
  tx.commit();
  return id;
}

namespace {

const char* const kExportColumns =
    "SELECT id, generation_id, format, path, parameters, created_at, conversation_id, code, code_hash, source "
    "FROM exports ";

ExportRecord readExport(const Statement& st) {
  ExportRecord e;
  e.id = st.getInt(0);
  e.generationId = st.getOptInt(1).value_or(0);
  e.format = st.getText(2);
  e.path = st.getText(3);
  if (auto p = st.getOptText(4)) e.parameters = nlohmann::json::parse(*p, nullptr, false);
  e.createdMs = st.getInt(5);
  e.conversationId = st.getOptInt(6);
  e.code = st.getOptText(7);
  e.codeHash = st.getOptText(8);
  e.source = st.getText(9);
  return e;
}

}  // namespace

std::vector<ExportRecord> FeedbackRepository::exportsOf(int64_t generationId) {
  Statement st(m_db, std::string(kExportColumns) + "WHERE generation_id = ? ORDER BY id");
  st.bind(1, generationId);
  std::vector<ExportRecord> out;
  while (st.step()) out.push_back(readExport(st));
  return out;
}

std::vector<ExportRecord> FeedbackRepository::recentExports(int limit, std::optional<int64_t> conversationId) {
  Statement st(m_db, std::string(kExportColumns) + (conversationId ? "WHERE conversation_id = ?1 " : "WHERE ?1 IS NULL ") +
                         "ORDER BY created_at DESC, id DESC LIMIT ?2");
  st.bind(1, conversationId);
  st.bind(2, static_cast<int64_t>(limit > 0 ? limit : 100));
  std::vector<ExportRecord> out;
  while (st.step()) out.push_back(readExport(st));
  return out;
}

}  // namespace partsmith::store
