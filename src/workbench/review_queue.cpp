#include "workbench/review_queue.h"

#include "store/database.h"
#include "store/store.h"
#include "store/store_error.h"

namespace partsmith::workbench {

using nlohmann::json;

namespace {

const char* kSelect =
    "SELECT l.id, coalesce(l.source_generation_id, 0), l.prompt, l.category, l.complexity, l.score, "
    "coalesce(l.review_note, ''), l.code, coalesce(g.spec, 'null'), l.created_at FROM library_examples l "
    "LEFT JOIN generations g ON g.id = l.source_generation_id "
    "WHERE l.source = 'workbench' AND l.status = 'candidate'";

// Revisions of a batch generation: review edits stored as generations whose parent it is. A
// library example has one source generation (curate() never adds a second), so the parent
// identifies the example, also after a shard merge renumbered the examples.
const char* kRevisions =
    "FROM generations WHERE parent_generation_id = ? AND origin = 'workbench' AND status = 'succeeded' "
    "AND json_extract(settings, '$.review_revision') IS NOT NULL";

ReviewItem read(store::Store& db, const store::Statement& st) {
  ReviewItem i;
  i.exampleId = st.getInt(0);
  i.sourceGenerationId = st.getInt(1);
  i.generationId = i.sourceGenerationId;
  i.prompt = st.getText(2);
  i.category = st.getText(3);
  i.complexity = static_cast<int>(st.getInt(4));
  i.score = st.getOptDouble(5);
  i.reason = st.getText(6);
  i.code = st.getText(7);
  i.spec = json::parse(st.getText(8), nullptr, false);
  if (i.spec.is_discarded()) i.spec = nullptr;
  i.createdMs = st.getInt(9);
  if (i.sourceGenerationId > 0) {
    store::Statement r(db.db(), std::string("SELECT count(*), max(id) ") + kRevisions);
    r.bind(1, i.sourceGenerationId);
    if (r.step() && r.getInt(0) > 0) {
      i.revisions = static_cast<int>(r.getInt(0));
      i.generationId = r.getInt(1);
    }
  }
  if (i.generationId > 0) {
    store::Statement s(db.db(), "SELECT track, score, passed FROM generation_scores WHERE generation_id = ? ORDER BY track");
    s.bind(1, i.generationId);
    while (s.step()) {
      json t = {{"track", s.getText(0)}, {"score", nullptr}, {"passed", nullptr}};
      if (auto v = s.getOptDouble(1)) t["score"] = *v;
      if (auto p = s.getOptInt(2)) t["passed"] = *p != 0;
      i.scores.push_back(t);
    }
  }
  return i;
}

}  // namespace

json ReviewItem::toJson(bool withCode) const {
  json j = {{"example_id", exampleId}, {"generation_id", generationId}, {"source_generation_id", sourceGenerationId},
            {"revisions", revisions},  {"prompt", prompt},
            {"category", category},    {"complexity", complexity},       {"score", score ? json(*score) : json(nullptr)},
            {"reason", reason},        {"scores", scores},               {"created_ms", createdMs}};
  if (withCode) {
    j["code"] = code;
    j["spec"] = spec;
  }
  return j;
}

std::vector<ReviewItem> ReviewQueue::list(const std::optional<std::string>& category, int limit) {
  std::string sql = std::string(kSelect) + (category ? " AND l.category = ?" : "") +
                    " ORDER BY l.complexity, l.category, l.id LIMIT " + std::to_string(limit > 0 ? limit : 100);
  store::Statement st(m_store.db(), sql);
  if (category) st.bind(1, *category);
  std::vector<ReviewItem> out;
  while (st.step()) out.push_back(read(m_store, st));
  return out;
}

int ReviewQueue::size() {
  return static_cast<int>(m_store.db().queryInt(
      "SELECT count(*) FROM library_examples WHERE source = 'workbench' AND status = 'candidate'"));
}

ReviewItem ReviewQueue::get(int64_t exampleId) {
  store::Statement st(m_store.db(), std::string(kSelect) + " AND l.id = ?");
  st.bind(1, exampleId);
  if (!st.step())
    throw store::StoreError(store::StoreError::Kind::NotFound, "open the review item",
                            "example " + std::to_string(exampleId) + " is not in the review queue",
                            "`workbench review` lists the queue");
  return read(m_store, st);
}

void ReviewQueue::approve(int64_t exampleId, const std::string& note) {
  const ReviewItem item = get(exampleId);
  m_store.library().setStatus(exampleId, "approved", note.empty() ? "approved in review (was: " + item.reason + ")" : note);
}

void ReviewQueue::reject(int64_t exampleId, const std::string& reason) {
  if (reason.empty())
    throw store::StoreError(store::StoreError::Kind::Invalid, "reject the review item", "a rejection needs a reason",
                            "say what is wrong, e.g. --reason \"the lid does not fit\"");
  get(exampleId);
  m_store.library().setStatus(exampleId, "rejected", reason);
}

json ReviewQueue::revisionMarker(int64_t exampleId) { return {{"review_revision", {{"example_id", exampleId}}}}; }

void ReviewQueue::revise(int64_t exampleId, int64_t revisionGenerationId, const std::string& code,
                         std::optional<double> score, const std::string& note) {
  const ReviewItem item = get(exampleId);
  if (code.empty())
    throw store::StoreError(store::StoreError::Kind::Invalid, "store the review edit", "the edited code is empty");
  {
    store::Statement st(m_store.db(), std::string("SELECT count(*) ") + kRevisions + " AND id = ?");
    st.bind(1, item.sourceGenerationId);
    st.bind(2, revisionGenerationId);
    st.step();
    if (item.sourceGenerationId <= 0 || st.getInt(0) == 0)
      throw store::StoreError(store::StoreError::Kind::Invalid, "store the review edit",
                              "generation " + std::to_string(revisionGenerationId) +
                                  " is not a finished revision of review item " + std::to_string(exampleId));
  }
  store::LibraryExample ex = m_store.library().get(exampleId);
  ex.code = code;
  ex.score = score;
  ex.reviewNote = note;
  m_store.library().update(ex);  // status stays "candidate": the reviewer decides
}

}  // namespace partsmith::workbench
