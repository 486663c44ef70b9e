#include "store/workbench_repository.h"

#include "store/database.h"
#include "store/store_error.h"
#include "store/store_util.h"

namespace partsmith::store {
using json = nlohmann::json;

namespace {

StoreError notFound(const std::string& operation, const std::string& what) {
  return StoreError(StoreError::Kind::NotFound, operation, what + " does not exist");
}

json parse(const std::string& text) {
  json value = json::parse(text, nullptr, false);
  return value.is_discarded() ? json::object() : value;
}

WorkbenchPrompt readPrompt(const Statement& st) {
  WorkbenchPrompt p;
  p.id = st.getInt(0);
  p.uuid = st.getText(1);
  p.text = st.getText(2);
  p.category = st.getText(3);
  p.complexity = static_cast<int>(st.getInt(4));
  p.source = st.getText(5);
  p.archived = st.getInt(6) != 0;
  p.createdMs = st.getInt(7);
  p.updatedMs = st.getInt(8);
  return p;
}

const char* kPromptColumns = "id, uuid, text, category, complexity, source, archived, created_at, updated_at";
const char* kRunColumns =
    "id, uuid, experiment_id, variant_id, label, settings, shard_index, shard_count, budget_usd, status, host, "
    "created_at, started_at, finished_at";

Run readRun(const Statement& st) {
  Run r;
  r.id = st.getInt(0);
  r.uuid = st.getText(1);
  r.experimentId = st.getOptInt(2);
  r.variantId = st.getOptInt(3);
  r.label = st.getText(4);
  r.settings = parse(st.getText(5));
  r.shardIndex = static_cast<int>(st.getInt(6));
  r.shardCount = static_cast<int>(st.getInt(7));
  r.budgetUsd = st.getOptDouble(8);
  r.status = st.getText(9);
  r.host = st.getOptText(10);
  r.createdMs = st.getInt(11);
  r.startedMs = st.getOptInt(12);
  r.finishedMs = st.getOptInt(13);
  return r;
}

void checkPrompt(const std::string& text, const std::string& category, int complexity, const std::string& op) {
  if (text.empty()) throw StoreError(StoreError::Kind::Invalid, op, "the prompt text is empty");
  if (category.empty()) throw StoreError(StoreError::Kind::Invalid, op, "the prompt has no category");
  if (complexity < 1 || complexity > 10)
    throw StoreError(StoreError::Kind::Invalid, op, "complexity must be 1–10, not " + std::to_string(complexity));
}

}  // namespace

bool WorkbenchRepository::inShard(const std::string& category, const std::string& text, int shardIndex,
                                  int shardCount) {
  if (shardCount <= 1) return true;
  uint64_t h = std::stoull(contentHash(category + '\n' + text), nullptr, 16);
  return static_cast<int>(h % static_cast<uint64_t>(shardCount)) == shardIndex;
}

int64_t WorkbenchRepository::addPrompt(const std::string& text, const std::string& category, int complexity,
                                       const std::string& source) {
  checkPrompt(text, category, complexity, "add the workbench prompt");
  Transaction tx(m_db, "add the workbench prompt");
  const int64_t now = nowMs();
  Statement st(m_db,
               "INSERT INTO workbench_prompts (uuid, text, category, complexity, source, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (category, text) DO NOTHING");
  st.bindAll(newUuid(), text, category, complexity, source, now, now).run();
  Statement id(m_db, "SELECT id FROM workbench_prompts WHERE category = ? AND text = ?");
  id.bindAll(category, text);
  id.step();
  int64_t result = id.getInt(0);
  tx.commit();
  return result;
}

void WorkbenchRepository::updatePrompt(const WorkbenchPrompt& p) {
  checkPrompt(p.text, p.category, p.complexity, "update the workbench prompt");
  Transaction tx(m_db, "update the workbench prompt");
  Statement st(m_db, "UPDATE workbench_prompts SET text = ?, category = ?, complexity = ?, archived = ?, "
                     "updated_at = ? WHERE id = ?");
  st.bindAll(p.text, p.category, p.complexity, p.archived, nowMs(), p.id).run();
  if (m_db.changes() == 0) throw notFound(m_db.operation(), "prompt " + std::to_string(p.id));
  tx.commit();
}

void WorkbenchRepository::archivePrompt(int64_t id, bool archived) {
  Transaction tx(m_db, "archive the workbench prompt");
  Statement st(m_db, "UPDATE workbench_prompts SET archived = ?, updated_at = ? WHERE id = ?");
  st.bindAll(archived, nowMs(), id).run();
  if (m_db.changes() == 0) throw notFound(m_db.operation(), "prompt " + std::to_string(id));
  tx.commit();
}

WorkbenchPrompt WorkbenchRepository::prompt(int64_t id) {
  Statement st(m_db, std::string("SELECT ") + kPromptColumns + " FROM workbench_prompts WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) throw notFound("read the workbench prompt", "prompt " + std::to_string(id));
  return readPrompt(st);
}

std::vector<WorkbenchPrompt> WorkbenchRepository::prompts(const std::optional<std::string>& category,
                                                          bool includeArchived) {
  std::string sql = std::string("SELECT ") + kPromptColumns + " FROM workbench_prompts WHERE 1";
  if (category) sql += " AND category = ?";
  if (!includeArchived) sql += " AND archived = 0";
  sql += " ORDER BY complexity, category, id";
  Statement st(m_db, sql);
  if (category) st.bind(1, *category);
  std::vector<WorkbenchPrompt> out;
  while (st.step()) out.push_back(readPrompt(st));
  return out;
}

int64_t WorkbenchRepository::createExperiment(const Experiment& e) {
  if (e.name.empty()) throw StoreError(StoreError::Kind::Invalid, "create the experiment", "the experiment has no name");
  if (e.variants.empty())
    throw StoreError(StoreError::Kind::Invalid, "create the experiment", "an experiment needs at least one variant");
  Transaction tx(m_db, "create the experiment");
  const int64_t now = nowMs();
  Statement st(m_db, "INSERT INTO experiments (uuid, name, description, varies, base_settings, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bindAll(e.uuid.empty() ? newUuid() : e.uuid, e.name, e.description, e.varies, e.baseSettings.dump(), now, now)
      .run();
  const int64_t id = m_db.lastInsertId();
  Statement variant(m_db, "INSERT INTO experiment_variants (uuid, experiment_id, label, settings, position) "
                          "VALUES (?, ?, ?, ?, ?)");
  int position = 0;
  for (const auto& v : e.variants) {
    variant.reset();
    variant.bindAll(newUuid(), id, v.label, v.settings.dump(), position++).run();
  }
  Statement prompt(m_db, "INSERT OR IGNORE INTO experiment_prompts (experiment_id, prompt_id) VALUES (?, ?)");
  for (int64_t pid : e.promptIds) {
    prompt.reset();
    prompt.bindAll(id, pid).run();
  }
  tx.commit();
  return id;
}

Experiment WorkbenchRepository::experiment(int64_t id) {
  Statement st(m_db, "SELECT id, uuid, name, description, varies, base_settings, created_at FROM experiments WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) throw notFound("read the experiment", "experiment " + std::to_string(id));
  Experiment e;
  e.id = st.getInt(0);
  e.uuid = st.getText(1);
  e.name = st.getText(2);
  e.description = st.getText(3);
  e.varies = st.getText(4);
  e.baseSettings = parse(st.getText(5));
  e.createdMs = st.getInt(6);
  Statement v(m_db, "SELECT id, label, settings, position FROM experiment_variants WHERE experiment_id = ? ORDER BY position");
  v.bind(1, id);
  while (v.step()) e.variants.push_back({v.getInt(0), v.getText(1), parse(v.getText(2)), static_cast<int>(v.getInt(3))});
  Statement p(m_db, "SELECT prompt_id FROM experiment_prompts WHERE experiment_id = ? ORDER BY prompt_id");
  p.bind(1, id);
  while (p.step()) e.promptIds.push_back(p.getInt(0));
  return e;
}

std::vector<Experiment> WorkbenchRepository::experiments() {
  Statement st(m_db, "SELECT id FROM experiments ORDER BY created_at DESC, id DESC");
  std::vector<int64_t> ids;
  while (st.step()) ids.push_back(st.getInt(0));
  std::vector<Experiment> out;
  for (int64_t id : ids) out.push_back(experiment(id));
  return out;
}

int64_t WorkbenchRepository::createRun(const Run& r, const std::vector<int64_t>& promptIds) {
  if (r.shardCount < 1 || r.shardIndex < 0 || r.shardIndex >= r.shardCount)
    throw StoreError(StoreError::Kind::Invalid, "create the run",
                     "shard " + std::to_string(r.shardIndex) + "/" + std::to_string(r.shardCount) + " is not valid",
                     "shards are numbered 0 to n-1");
  Transaction tx(m_db, "create the run");
  Statement st(m_db, "INSERT INTO runs (uuid, experiment_id, variant_id, label, settings, shard_index, shard_count, "
                     "budget_usd, status, host, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bindAll(r.uuid.empty() ? newUuid() : r.uuid, r.experimentId, r.variantId, r.label, r.settings.dump(),
             r.shardIndex, r.shardCount, r.budgetUsd, r.status, r.host, nowMs())
      .run();
  const int64_t id = m_db.lastInsertId();
  Statement item(m_db, "INSERT OR IGNORE INTO run_items (run_id, prompt_id) VALUES (?, ?)");
  for (int64_t pid : promptIds) {
    WorkbenchPrompt p = prompt(pid);
    if (!inShard(p.category, p.text, r.shardIndex, r.shardCount)) continue;
    item.reset();
    item.bindAll(id, pid).run();
  }
  tx.commit();
  return id;
}

Run WorkbenchRepository::run(int64_t id) {
  Statement st(m_db, std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) throw notFound("read the run", "run " + std::to_string(id));
  return readRun(st);
}

std::vector<Run> WorkbenchRepository::runs(const std::optional<int64_t>& experimentId) {
  Statement st(m_db, std::string("SELECT ") + kRunColumns + " FROM runs" +
                         (experimentId ? " WHERE experiment_id = ?" : "") + " ORDER BY id");
  if (experimentId) st.bind(1, *experimentId);
  std::vector<Run> out;
  while (st.step()) out.push_back(readRun(st));
  return out;
}

void WorkbenchRepository::setRunStatus(int64_t id, const std::string& status) {
  Transaction tx(m_db, "update the run");
  Statement st(m_db,
               "UPDATE runs SET status = ?1, "
               "started_at = CASE WHEN ?1 = 'running' AND started_at IS NULL THEN ?2 ELSE started_at END, "
               "finished_at = CASE WHEN ?1 IN ('done', 'failed', 'cancelled') THEN ?2 ELSE NULL END WHERE id = ?3");
  st.bindAll(status, nowMs(), id).run();
  if (m_db.changes() == 0) throw notFound(m_db.operation(), "run " + std::to_string(id));
  tx.commit();
}

std::vector<RunItem> WorkbenchRepository::unfinishedItems(int64_t runId, int limit) {
  Statement st(m_db, "SELECT id, prompt_id, generation_id, status, attempts, approved, error FROM run_items "
                     "WHERE run_id = ? AND status IN ('pending', 'running') ORDER BY id LIMIT ?");
  st.bindAll(runId, limit);
  std::vector<RunItem> out;
  while (st.step()) {
    RunItem i;
    i.id = st.getInt(0);
    i.runId = runId;
    i.promptId = st.getInt(1);
    i.generationId = st.getOptInt(2);
    i.status = st.getText(3);
    i.attempts = static_cast<int>(st.getInt(4));
    if (auto a = st.getOptInt(5)) i.approved = *a != 0;
    i.error = st.getOptText(6);
    out.push_back(i);
  }
  return out;
}

void WorkbenchRepository::startItem(int64_t itemId) {
  Transaction tx(m_db, "start the run item");
  Statement st(m_db, "UPDATE run_items SET status = 'running', attempts = attempts + 1, started_at = ? "
                     "WHERE id = ? AND status IN ('pending', 'running')");
  st.bindAll(nowMs(), itemId).run();
  if (m_db.changes() == 0)
    throw StoreError(StoreError::Kind::Invalid, m_db.operation(),
                     "run item " + std::to_string(itemId) + " does not exist or is already finished");
  tx.commit();
}

void WorkbenchRepository::finishItem(int64_t itemId, const std::string& status, std::optional<int64_t> generationId,
                                     std::optional<bool> approved, const std::optional<std::string>& error) {
  if (status != "succeeded" && status != "failed" && status != "skipped")
    throw StoreError(StoreError::Kind::Invalid, "finish the run item", "unknown final status '" + status + "'",
                     "use succeeded, failed or skipped");
  Transaction tx(m_db, "finish the run item");
  Statement st(m_db, "UPDATE run_items SET status = ?, generation_id = ?, approved = ?, error = ?, finished_at = ? "
                     "WHERE id = ?");
  std::optional<int64_t> a;
  if (approved) a = *approved ? 1 : 0;
  st.bindAll(status, generationId, a, error, nowMs(), itemId).run();
  if (m_db.changes() == 0) throw notFound(m_db.operation(), "run item " + std::to_string(itemId));
  tx.commit();
}

RunProgress WorkbenchRepository::progress(int64_t runId) {
  Statement st(m_db,
               "SELECT count(*), sum(i.status = 'pending'), sum(i.status = 'running'), sum(i.status = 'succeeded'), "
               "sum(i.status = 'failed'), sum(i.status = 'skipped'), sum(coalesce(i.approved, 0)), "
               "coalesce(sum(g.cost_usd), 0) FROM run_items i LEFT JOIN generations g ON g.id = i.generation_id "
               "WHERE i.run_id = ?");
  st.bind(1, runId);
  st.step();
  RunProgress p;
  p.total = static_cast<int>(st.getInt(0));
  p.pending = static_cast<int>(st.getInt(1));
  p.running = static_cast<int>(st.getInt(2));
  p.succeeded = static_cast<int>(st.getInt(3));
  p.failed = static_cast<int>(st.getInt(4));
  p.skipped = static_cast<int>(st.getInt(5));
  p.approved = static_cast<int>(st.getInt(6));
  p.costUsd = st.getDouble(7);
  return p;
}

}  // namespace partsmith::store
