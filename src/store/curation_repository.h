// The curation queue of the chat side: generations the user rated up, starred 4 or more, or
// exported become candidates; a reviewer promotes one to the library (with an edited prompt
// and tags) or rejects it. Either decision takes it off the queue for good.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace partsmith::store {

class Database;

struct CurationCandidate {
  int64_t generationId = 0;
  std::optional<int64_t> conversationId;
  std::string request;
  std::string code;
  nlohmann::json spec;
  std::optional<int> thumbs;
  std::optional<int> stars;
  int exports = 0;
  std::optional<double> compositeScore;
  int64_t createdMs = 0;
  std::vector<std::string> reasons;  // "rated up", "4 stars", "exported 2×"
};

struct Promotion {
  std::string title;   // default: the start of the prompt
  std::string prompt;  // default: the request; distil it to what a user would type
  std::vector<std::string> tags;
  std::vector<std::string> techniques;  // default: the spec's techniques
  std::string category;                 // default: the spec's category
  int complexity = 0;                   // default: the spec's complexity
  std::string note;
};

class CurationRepository {
 public:
  explicit CurationRepository(Database& db) : m_db(db) {}

  std::vector<CurationCandidate> candidates(int limit = 100);
  int64_t promote(int64_t generationId, const Promotion& promotion);  // returns the library example id
  int64_t reject(int64_t generationId, const std::string& note = {});

 private:
  Database& m_db;
};

}  // namespace partsmith::store
