#include "store/curation_repository.h"

#include "store/generation_repository.h"

#include <algorithm>

#include "store/database.h"
#include "store/library_repository.h"
#include "store/store_error.h"
#include "store/store_util.h"

namespace partsmith::store {
using json = nlohmann::json;

namespace {

// Candidates: built, and a positive signal, and no explicit negative one.
const char* kCandidateSql = R"SQL(
SELECT g.id, g.conversation_id, g.request, g.final_code, g.spec, r.thumbs, r.stars,
       (SELECT count(*) FROM exports e WHERE e.generation_id = g.id) AS n_exports,
       g.composite_score, g.created_at
FROM generations g LEFT JOIN ratings r ON r.generation_id = g.id
WHERE g.status = 'succeeded' AND g.final_code IS NOT NULL AND g.final_code <> ''
  AND (r.thumbs = 1 OR r.stars >= 4 OR EXISTS (SELECT 1 FROM exports e WHERE e.generation_id = g.id))
  AND coalesce(r.thumbs, 0) >= 0 AND coalesce(r.stars, 3) >= 3
  AND NOT EXISTS (SELECT 1 FROM library_examples l WHERE l.source_generation_id = g.id)
ORDER BY (coalesce(r.thumbs, 0) = 1) + (coalesce(r.stars, 0) >= 4) + (n_exports > 0) DESC,
         coalesce(r.stars, 0) DESC, g.composite_score DESC, g.id DESC
LIMIT ?
)SQL";

struct Source {
  std::string request, code;
  json spec;
  std::optional<double> score;
};

Source loadSource(Database& db, int64_t generationId, const std::string& operation) {
  Statement st(db, "SELECT request, final_code, spec, composite_score, status FROM generations WHERE id = ?");
  st.bind(1, generationId);
  if (!st.step())
    throw StoreError(StoreError::Kind::NotFound, operation, "generation " + std::to_string(generationId) + " does not exist");
  Source s;
  s.request = st.getText(0);
  s.code = st.getText(1);
  if (auto spec = st.getOptText(2)) s.spec = json::parse(*spec, nullptr, false);
  s.score = st.getOptDouble(3);
  if (s.code.empty())
    throw StoreError(StoreError::Kind::Invalid, operation,
                     "generation " + std::to_string(generationId) + " has no final code (status " + st.getText(4) + ")");
  Statement done(db, "SELECT status FROM library_examples WHERE source_generation_id = ?");
  done.bind(1, generationId);
  if (done.step())
    throw StoreError(StoreError::Kind::Invalid, operation,
                     "generation " + std::to_string(generationId) + " was already reviewed (" + done.getText(0) + ")");
  return s;
}

std::vector<std::string> specList(const json& spec, const char* key) {
  std::vector<std::string> out;
  if (spec.is_object() && spec.contains(key) && spec[key].is_array())
    for (const auto& item : spec[key])
      if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

}  // namespace

std::vector<CurationCandidate> CurationRepository::candidates(int limit) {
  Statement st(m_db, kCandidateSql);
  st.bind(1, limit);
  std::vector<CurationCandidate> out;
  while (st.step()) {
    CurationCandidate c;
    c.generationId = st.getInt(0);
    c.conversationId = st.getOptInt(1);
    c.request = st.getText(2);
    c.code = st.getText(3);
    if (auto spec = st.getOptText(4)) c.spec = json::parse(*spec, nullptr, false);
    if (auto v = st.getOptInt(5)) c.thumbs = static_cast<int>(*v);
    if (auto v = st.getOptInt(6)) c.stars = static_cast<int>(*v);
    c.exports = static_cast<int>(st.getInt(7));
    c.compositeScore = st.getOptDouble(8);
    c.createdMs = st.getInt(9);
    if (c.thumbs == 1) c.reasons.push_back("rated up");
    if (c.stars && *c.stars >= 4) c.reasons.push_back(std::to_string(*c.stars) + " stars");
    if (c.exports > 0) c.reasons.push_back("exported " + std::to_string(c.exports) + "×");
    out.push_back(std::move(c));
  }
  return out;
}

int64_t CurationRepository::promote(int64_t generationId, const Promotion& p) {
  Transaction tx(m_db, "promote the generation to the library");
  Source s = loadSource(m_db, generationId, "promote the generation to the library");
  LibraryExample e;
  e.prompt = p.prompt.empty() ? promptOfRequest(s.request) : p.prompt;
  e.title = p.title.empty() ? e.prompt.substr(0, std::min<size_t>(60, e.prompt.size())) : p.title;
  e.code = s.code;
  e.category = !p.category.empty() ? p.category
               : s.spec.is_object() && s.spec.value("category", json()).is_string() ? s.spec["category"].get<std::string>()
                                                                                    : std::string();
  e.complexity = p.complexity ? p.complexity
                 : s.spec.is_object() && s.spec.value("complexity", json()).is_number_integer()
                     ? std::clamp(s.spec["complexity"].get<int>(), 0, 10)
                     : 0;
  e.techniques = !p.techniques.empty() ? p.techniques : specList(s.spec, "techniques");
  e.tags = p.tags;
  e.source = "curated";
  e.status = "approved";
  e.sourceGenerationId = generationId;
  e.score = s.score;
  if (!p.note.empty()) e.reviewNote = p.note;
  int64_t id = LibraryRepository(m_db).add(e);
  tx.commit();
  return id;
}

int64_t CurationRepository::reject(int64_t generationId, const std::string& note) {
  Transaction tx(m_db, "reject the curation candidate");
  Source s = loadSource(m_db, generationId, "reject the curation candidate");
  LibraryExample e;
  e.prompt = promptOfRequest(s.request);
  e.title = e.prompt.substr(0, std::min<size_t>(60, e.prompt.size()));
  e.code = s.code;
  e.source = "curated";
  e.status = "rejected";
  e.sourceGenerationId = generationId;
  e.score = s.score;
  if (!note.empty()) e.reviewNote = note;
  int64_t id = LibraryRepository(m_db).add(e);
  tx.commit();
  return id;
}

}  // namespace partsmith::store
