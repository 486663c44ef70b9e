// The example library: the few-shot corpus the pipeline retrieves from and the source of
// training data. Seed examples come from resources/examples (their `// @prompt` headers),
// curated ones from rated chat generations, workbench ones from batch runs. FTS5 indexes
// title, prompt, tags, techniques and code.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace partsmith::store {

class Database;

struct LibraryExample {
  int64_t id = 0;
  std::string uuid;
  std::string title;
  std::string prompt;
  std::string code;
  std::string category;
  int complexity = 0;  // 0 = unknown, else 1–10
  std::vector<std::string> techniques;
  std::vector<std::string> tags;
  nlohmann::json expectations = nlohmann::json::array();  // the @expect lines, parsed
  std::string source = "curated";   // seed, curated, workbench, imported
  std::string status = "candidate";  // candidate, approved, rejected
  std::optional<std::string> sourcePath;
  std::optional<int64_t> sourceGenerationId;
  std::optional<double> score;
  std::optional<std::string> reviewNote;
  std::optional<std::string> embeddingModel;
  std::vector<float> embedding;
  int64_t createdMs = 0;
  int64_t updatedMs = 0;
  std::optional<int64_t> reviewedMs;
};

struct LibraryFilter {
  std::optional<std::string> status = std::string("approved");  // unset: any
  std::optional<std::string> category;
  std::optional<std::string> source;
  int limit = 100;
  int offset = 0;
};

struct LibraryHit {
  LibraryExample example;
  double rank = 0;      // bm25, lower is better
  std::string snippet;  // from the prompt, matched words in [brackets]
};

struct ImportReport {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<std::string> errors;  // "file.js: why", one per file that was skipped
};

class LibraryRepository {
 public:
  explicit LibraryRepository(Database& db) : m_db(db) {}

  int64_t add(const LibraryExample& example);
  void update(const LibraryExample& example);  // by id: text, lists, category, score, status
  LibraryExample get(int64_t id);
  std::vector<LibraryExample> list(const LibraryFilter& filter = {});
  std::vector<LibraryHit> search(const std::string& text, const LibraryFilter& filter = {});
  void setStatus(int64_t id, const std::string& status, const std::string& note = {});
  void setEmbedding(int64_t id, const std::string& model, const std::vector<float>& vector);
  void remove(int64_t id);
  int64_t count(const std::optional<std::string>& status = std::nullopt);

  // Reads every *.js with a `// @prompt` header in `dir` (one transaction). A file seen before
  // (same source and path) is updated when its content changed. Seeds are approved; other
  // imports too, since their headers carry expectations that tests check.
  ImportReport importDirectory(const std::string& dir, const std::string& source = "imported");

 private:
  Database& m_db;
};

// "mounting_bracket.js" → "Mounting bracket"
std::string titleFromFileName(const std::string& fileName);

}  // namespace partsmith::store
