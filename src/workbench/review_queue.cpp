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

ReviewItem read(store::Store& db, const store::Statement& st) {
  ReviewItem i;
  i.exampleId = st.getInt(0);
  i.generationId = st.getInt(1);
  i.prompt = st.getText(2);
  i.category = st.getText(3);
  i.complexity = static_cast<int>(st.getInt(4));
  i.score = st.getOptDouble(5);
  i.reason = st.getText(6);
  i.code = st.getText(7);
  i.spec = json::parse(st.getText(8), nullptr, false);
  if (i.spec.is_discarded()) i.spec = nullptr;
  i.createdMs = st.getInt(9);
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
  json j = {{"example_id", exampleId}, {"generation_id", generationId}, {"prompt", prompt},
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

}  // namespace partsmith::workbench
