// What the user thought of a generation: explicit ratings (thumbs, stars, comment), the
// implicit signal (kept and built on = accepted; retried or discarded = rejected), and
// exports — an export is a positive signal too (it makes a curation candidate). Exports of a
// part no generation made (the example, an opened file, hand-written code) are kept as well,
// named by the script as exported, so "what did I export" lists everything.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace partsmith::store {

class Database;

struct Rating {
  int64_t generationId = 0;
  std::optional<int> thumbs;  // -1 or +1
  std::optional<int> stars;   // 1–5
  std::optional<std::string> comment;
  std::optional<bool> accepted;
  std::optional<std::string> signalReason;
  int64_t createdMs = 0;
  int64_t updatedMs = 0;
};

struct ExportRecord {
  int64_t id = 0;
  int64_t generationId = 0;  // 0: no generation made the part
  std::string format;  // stl, step, 3mf, brep, js, png
  std::string path;
  nlohmann::json parameters;  // the slider values the part was exported with
  int64_t createdMs = 0;
  std::optional<int64_t> conversationId;  // the conversation it was shown in
  std::optional<std::string> code;        // the script as exported (absent in rows from before schema 7)
  std::optional<std::string> codeHash;    // contentHash(code): equal exports share it
  std::string source;                     // without a generation: the script's file, or "example:<name>"
};

// An export to record: a generation's part, or a part without one (then `code` is required).
struct NewExport {
  std::optional<int64_t> generationId;
  std::optional<int64_t> conversationId;  // unset with a generation: the generation's
  std::string format;
  std::string path;
  nlohmann::json parameters = nullptr;
  std::optional<std::string> code;
  std::string source;
};

class FeedbackRepository {
 public:
  explicit FeedbackRepository(Database& db) : m_db(db) {}

  void setThumbs(int64_t generationId, int thumbs);  // -1, +1, or 0 to clear
  void setStars(int64_t generationId, int stars);    // 1–5, or 0 to clear
  void setComment(int64_t generationId, const std::string& comment);  // empty clears
  void recordSignal(int64_t generationId, bool accepted, const std::string& reason);
  std::optional<Rating> rating(int64_t generationId);

  int64_t recordExport(int64_t generationId, const std::string& format, const std::string& path,
                       const nlohmann::json& parameters = nullptr);
  int64_t recordExport(const NewExport& e);
  std::vector<ExportRecord> exportsOf(int64_t generationId);
  // Newest first; with `conversationId`, that conversation's only.
  std::vector<ExportRecord> recentExports(int limit = 100, std::optional<int64_t> conversationId = std::nullopt);

 private:
  void upsert(int64_t generationId, const std::string& column, const std::optional<std::string>& text,
              std::optional<int64_t> number, const std::string& operation);
  Database& m_db;
};

}  // namespace partsmith::store
