// What the user thought of a generation: explicit ratings (thumbs, stars, comment), the
// implicit signal (kept and built on = accepted; retried or discarded = rejected), and
// exports — an export is a positive signal too (it makes a curation candidate).
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
  int64_t generationId = 0;
  std::string format;  // stl, step, 3mf, brep, js, png
  std::string path;
  nlohmann::json parameters;  // the slider values the part was exported with
  int64_t createdMs = 0;
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
  std::vector<ExportRecord> exportsOf(int64_t generationId);

 private:
  void upsert(int64_t generationId, const std::string& column, const std::optional<std::string>& text,
              std::optional<int64_t> number, const std::string& operation);
  Database& m_db;
};

}  // namespace partsmith::store
