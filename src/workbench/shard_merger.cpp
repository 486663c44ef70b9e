#include "workbench/shard_merger.h"

#include <filesystem>
#include <set>
#include <sstream>

#include "store/database.h"
#include "store/store.h"
#include "store/store_error.h"

namespace partsmith::workbench {

using nlohmann::json;

namespace {

int count(store::Database& db, const std::string& table) {
  return static_cast<int>(db.queryInt("SELECT count(*) FROM main." + table));
}

// A copy keeps the source's uuid unless the target already uses it for something else.
const char* kFreshUuidIfTaken =
    "CASE WHEN EXISTS (SELECT 1 FROM main.%s t WHERE t.uuid = s.uuid) THEN lower(hex(randomblob(16))) ELSE s.uuid END";

std::string freshUuid(const std::string& table) {
  std::string s = kFreshUuidIfTaken;
  return s.replace(s.find("%s"), 2, table);
}

std::set<int> parseShards(const std::string& text) {
  std::set<int> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ','))
    if (!part.empty()) out.insert(std::stoi(part));
  return out;
}

}  // namespace

json MergeReport::toJson() const {
  return {{"source", source},     {"prompts", prompts},         {"experiments", experiments},
          {"variants", variants}, {"runs", runs},               {"run_items", runItems},
          {"generations", generations}, {"examples", examples}, {"runs_completed", runsCompleted}};
}

MergeReport mergeShard(store::Store& target, const std::string& sourcePath) {
  const std::string op = "merge " + sourcePath;
  if (!std::filesystem::exists(sourcePath))
    throw store::StoreError(store::StoreError::Kind::NotFound, op, "the shard database does not exist");
  if (std::filesystem::equivalent(sourcePath, target.path()))
    throw store::StoreError(store::StoreError::Kind::Invalid, op, "a database cannot be merged into itself");
  {
    // Checks the file and brings it to this version's schema, so every column below exists.
    store::StoreOptions o;
    o.create = false;
    o.seedLibrary = false;
    o.autoBackup = false;
    store::Store check(sourcePath, o);
  }
  store::Database& db = target.db();
  MergeReport r;
  r.source = sourcePath;
  {
    store::Statement attach(db, "ATTACH DATABASE ? AS src");
    attach.bind(1, sourcePath).run();
  }
  struct Detach {
    store::Database& db;
    ~Detach() {
      try {
        db.exec("DROP TABLE IF EXISTS temp.pmap; DROP TABLE IF EXISTS temp.emap; DROP TABLE IF EXISTS temp.vmap; "
                "DROP TABLE IF EXISTS temp.rmap; DROP TABLE IF EXISTS temp.gmap; DROP TABLE IF EXISTS temp.newgen;");
        db.exec("DETACH DATABASE src");
      } catch (...) {
      }
    }
  } detach{db};

  const int prompts0 = count(db, "workbench_prompts"), experiments0 = count(db, "experiments"),
            variants0 = count(db, "experiment_variants"), runs0 = count(db, "runs"), items0 = count(db, "run_items"),
            generations0 = count(db, "generations"), examples0 = count(db, "library_examples");

  store::Transaction tx(db, op);
  db.exec(
      "INSERT INTO main.workbench_prompts (uuid, text, category, complexity, source, archived, created_at, updated_at) "
      "SELECT " + freshUuid("workbench_prompts") + ", s.text, s.category, s.complexity, s.source, s.archived, "
      "s.created_at, s.updated_at FROM src.workbench_prompts s WHERE NOT EXISTS "
      "(SELECT 1 FROM main.workbench_prompts m WHERE m.category = s.category AND m.text = s.text);"
      "CREATE TEMP TABLE pmap AS SELECT s.id AS src, m.id AS dst FROM src.workbench_prompts s "
      "JOIN main.workbench_prompts m ON m.category = s.category AND m.text = s.text;"

      "INSERT INTO main.experiments (uuid, name, description, varies, base_settings, created_at, updated_at) "
      "SELECT s.uuid, s.name, s.description, s.varies, s.base_settings, s.created_at, s.updated_at "
      "FROM src.experiments s WHERE s.uuid NOT IN (SELECT uuid FROM main.experiments);"
      "CREATE TEMP TABLE emap AS SELECT s.id AS src, m.id AS dst FROM src.experiments s "
      "JOIN main.experiments m ON m.uuid = s.uuid;"
      "INSERT INTO main.experiment_variants (uuid, experiment_id, label, settings, position) "
      "SELECT " + freshUuid("experiment_variants") + ", e.dst, s.label, s.settings, s.position "
      "FROM src.experiment_variants s JOIN temp.emap e ON e.src = s.experiment_id WHERE NOT EXISTS "
      "(SELECT 1 FROM main.experiment_variants m WHERE m.experiment_id = e.dst AND m.label = s.label);"
      "CREATE TEMP TABLE vmap AS SELECT s.id AS src, m.id AS dst FROM src.experiment_variants s "
      "JOIN temp.emap e ON e.src = s.experiment_id "
      "JOIN main.experiment_variants m ON m.experiment_id = e.dst AND m.label = s.label;"
      "INSERT OR IGNORE INTO main.experiment_prompts (experiment_id, prompt_id) "
      "SELECT e.dst, p.dst FROM src.experiment_prompts s JOIN temp.emap e ON e.src = s.experiment_id "
      "JOIN temp.pmap p ON p.src = s.prompt_id;"

      "INSERT INTO main.runs (uuid, experiment_id, variant_id, label, settings, shard_index, shard_count, budget_usd, "
      "status, host, created_at, started_at, finished_at) "
      "SELECT s.uuid, e.dst, v.dst, s.label, s.settings, s.shard_index, s.shard_count, s.budget_usd, s.status, s.host, "
      "s.created_at, s.started_at, s.finished_at FROM src.runs s LEFT JOIN temp.emap e ON e.src = s.experiment_id "
      "LEFT JOIN temp.vmap v ON v.src = s.variant_id WHERE s.uuid NOT IN (SELECT uuid FROM main.runs);"
      "CREATE TEMP TABLE rmap AS SELECT s.id AS src, m.id AS dst, s.shard_index AS shard, s.shard_count AS shards, "
      "s.uuid AS uuid FROM src.runs s JOIN main.runs m ON m.uuid = s.uuid;"

      // Workbench generations only: chat history stays where it was made.
      "CREATE TEMP TABLE newgen AS SELECT s.id AS src FROM src.generations s "
      "WHERE s.origin IN ('workbench', 'experiment') AND s.uuid NOT IN (SELECT uuid FROM main.generations);"
      "INSERT INTO main.generations (uuid, origin, request, spec, final_code, parameters, facts, status, error, "
      "settings, tools, stage_models, steps, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, "
      "cost_usd, duration_ms, composite_score, created_at, finished_at) "
      "SELECT s.uuid, s.origin, s.request, s.spec, s.final_code, s.parameters, s.facts, s.status, s.error, s.settings, "
      "s.tools, s.stage_models, s.steps, s.input_tokens, s.cache_read_tokens, s.cache_write_tokens, s.output_tokens, "
      "s.cost_usd, s.duration_ms, s.composite_score, s.created_at, s.finished_at "
      "FROM src.generations s WHERE s.id IN (SELECT src FROM temp.newgen) ORDER BY s.id;"
      "CREATE TEMP TABLE gmap AS SELECT s.id AS src, m.id AS dst FROM src.generations s "
      "JOIN main.generations m ON m.uuid = s.uuid;"
      "INSERT INTO main.generation_stages (generation_id, stage, model_id, provider, enabled, calls, input_tokens, "
      "cache_read_tokens, cache_write_tokens, output_tokens, cost_usd, duration_ms) "
      "SELECT g.dst, s.stage, s.model_id, s.provider, s.enabled, s.calls, s.input_tokens, s.cache_read_tokens, "
      "s.cache_write_tokens, s.output_tokens, s.cost_usd, s.duration_ms FROM src.generation_stages s "
      "JOIN temp.gmap g ON g.src = s.generation_id WHERE s.generation_id IN (SELECT src FROM temp.newgen);"
      "INSERT INTO main.generation_steps (generation_id, seq, stage, kind, role, tool_name, tool_call_id, content, "
      "is_error, code, model_id, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost_usd, "
      "duration_ms, created_at) "
      "SELECT g.dst, s.seq, s.stage, s.kind, s.role, s.tool_name, s.tool_call_id, s.content, s.is_error, s.code, "
      "s.model_id, s.input_tokens, s.cache_read_tokens, s.cache_write_tokens, s.output_tokens, s.cost_usd, "
      "s.duration_ms, s.created_at FROM src.generation_steps s JOIN temp.gmap g ON g.src = s.generation_id "
      "WHERE s.generation_id IN (SELECT src FROM temp.newgen) ORDER BY s.generation_id, s.seq;"
      "INSERT INTO main.generation_scores (generation_id, track, score, weight, passed, model_id, details, created_at) "
      "SELECT g.dst, s.track, s.score, s.weight, s.passed, s.model_id, s.details, s.created_at "
      "FROM src.generation_scores s JOIN temp.gmap g ON g.src = s.generation_id "
      "WHERE s.generation_id IN (SELECT src FROM temp.newgen);"

      "INSERT INTO main.library_examples (uuid, title, prompt, code, category, complexity, techniques, tags, "
      "expectations, source, source_path, source_generation_id, status, score, review_note, embedding, "
      "embedding_model, embedding_dim, content_hash, created_at, updated_at, reviewed_at) "
      "SELECT " + freshUuid("library_examples") + ", s.title, s.prompt, s.code, s.category, s.complexity, "
      "s.techniques, s.tags, s.expectations, s.source, s.source_path, g.dst, s.status, s.score, s.review_note, "
      "s.embedding, s.embedding_model, s.embedding_dim, s.content_hash, s.created_at, s.updated_at, s.reviewed_at "
      "FROM src.library_examples s JOIN temp.gmap g ON g.src = s.source_generation_id WHERE s.source = 'workbench' "
      "AND NOT EXISTS (SELECT 1 FROM main.library_examples m WHERE m.source_generation_id = g.dst);"

      // A finished item wins over an unfinished one of the same run and prompt; finished
      // ones are never overwritten (merging twice changes nothing).
      "INSERT INTO main.run_items (run_id, prompt_id, generation_id, status, attempts, approved, error, started_at, "
      "finished_at) SELECT r.dst, p.dst, g.dst, s.status, s.attempts, s.approved, s.error, s.started_at, "
      "s.finished_at FROM src.run_items s JOIN temp.rmap r ON r.src = s.run_id JOIN temp.pmap p ON p.src = s.prompt_id "
      "LEFT JOIN temp.gmap g ON g.src = s.generation_id WHERE true "
      "ON CONFLICT (run_id, prompt_id) DO UPDATE SET generation_id = excluded.generation_id, status = excluded.status, "
      "attempts = excluded.attempts, approved = excluded.approved, error = excluded.error, "
      "started_at = excluded.started_at, finished_at = excluded.finished_at "
      "WHERE run_items.status IN ('pending', 'running') AND excluded.status NOT IN ('pending', 'running');");

  // Shards of one run: once every shard is in, the run is whole again (shard 0 of 1).
  std::vector<std::tuple<int64_t, int, int, std::string>> sharded;
  {
    store::Statement st(db, "SELECT r.dst, r.shard, r.shards, r.uuid FROM temp.rmap r WHERE r.shards > 1");
    while (st.step())
      sharded.emplace_back(st.getInt(0), static_cast<int>(st.getInt(1)), static_cast<int>(st.getInt(2)), st.getText(3));
  }
  for (const auto& [runId, shard, shards, uuid] : sharded) {
    const std::string key = "merged_shards:" + uuid;
    std::set<int> merged = parseShards(target.meta(key).value_or(""));
    {
      store::Statement own(db, "SELECT shard_index, shard_count FROM main.runs WHERE id = ?");
      own.bind(1, runId);
      if (own.step() && own.getInt(1) > 1) merged.insert(static_cast<int>(own.getInt(0)));
    }
    merged.insert(shard);
    std::string list;
    for (int i : merged) list += (list.empty() ? "" : ",") + std::to_string(i);
    target.setMeta(key, list);
    if (static_cast<int>(merged.size()) == shards) {
      store::Statement whole(db, "UPDATE main.runs SET shard_index = 0, shard_count = 1, "
                                 "status = CASE WHEN EXISTS (SELECT 1 FROM main.run_items WHERE run_id = ?1 AND "
                                 "status IN ('pending', 'running')) THEN 'paused' ELSE 'done' END WHERE id = ?1");
      whole.bind(1, runId).run();
      ++r.runsCompleted;
    }
  }
  tx.commit();

  r.prompts = count(db, "workbench_prompts") - prompts0;
  r.experiments = count(db, "experiments") - experiments0;
  r.variants = count(db, "experiment_variants") - variants0;
  r.runs = count(db, "runs") - runs0;
  r.runItems = count(db, "run_items") - items0;
  r.generations = count(db, "generations") - generations0;
  r.examples = count(db, "library_examples") - examples0;
  return r;
}

}  // namespace partsmith::workbench
