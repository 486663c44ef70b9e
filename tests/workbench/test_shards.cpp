// Shards: each shard process writes its own database; merging them gives the same run as one
// unsharded run of the same scripted models, and merging again adds nothing.
#include <catch2/catch.hpp>

#include <filesystem>

#include "store/database.h"
#include "store/store_error.h"
#include "workbench/run_aggregates.h"
#include "workbench/shard_merger.h"
#include "workbench_test_support.h"

using namespace partsmith;
using namespace partsmith::workbench;
using namespace partsmith::workbench::testing;
using agent::testing::TempStore;

namespace {

// Good, draft and bad outcomes for the "mixed" model (see scripted_models.h).
const std::vector<std::pair<std::string, std::string>> kPrompts = {
    {"primitives", "A 20 mm cube with a 5 mm hole through it"},
    {"primitives", "A lattice ball of 20 mm diameter"},
    {"primitives", "A filigree square of 20 mm with a hole"},
    {"boolean operations", "A 20 mm block drilled through the middle with a 5 mm hole"},
    {"boolean operations", "A lattice block with a hole"},
    {"boolean operations", "A filigree panel with one 5 mm hole in the centre"},
    {"patterns and arrays", "A 20 mm cube with a single 5 mm bore"},
    {"patterns and arrays", "A filigree tile, one hole"},
};

int64_t runInto(const ScriptedModels& peer, const std::string& path, int shard, int shards) {
  store::Store db(path, storeOptions());
  addPrompts(db, kPrompts);
  RunSelection sel;
  sel.name = "nightly";
  sel.settings = quickSettings("mixed");
  sel.shardIndex = shard;
  sel.shardCount = shards;
  const int64_t id = createOrResumeRun(db, sel);
  BatchRunner runner(testEnvironment(peer, path));
  BatchRunner::Options o;
  o.parallel = 2;
  const BatchReport r = runner.run(id, o);
  REQUIRE(r.stopReason.empty());
  return id;
}

void checkSame(const RunAggregates& a, const RunAggregates& b) {
  CHECK(a.items == b.items);
  CHECK(a.finished == b.finished);
  CHECK(a.succeeded == b.succeeded);
  CHECK(a.failed == b.failed);
  CHECK(a.approved == b.approved);
  REQUIRE(a.avgScore.has_value() == b.avgScore.has_value());
  if (a.avgScore) CHECK(*a.avgScore == Approx(*b.avgScore));
  REQUIRE(a.avgCodeScore.has_value() == b.avgCodeScore.has_value());
  if (a.avgCodeScore) CHECK(*a.avgCodeScore == Approx(*b.avgCodeScore));
  CHECK(a.successRate == Approx(b.successRate));
  CHECK(a.approvalRate == Approx(b.approvalRate));
  CHECK(a.totalCostUsd == Approx(b.totalCostUsd));
  CHECK(a.avgSteps == Approx(b.avgSteps));
}

}  // namespace

TEST_CASE("shards 0/2 and 1/2 merged equal one unsharded run; merging twice adds nothing", "[workbench][shards]") {
  ScriptedModels peer;
  TempStore whole, merged;
  const std::filesystem::path dir = whole.dir;
  const std::string s0 = (dir / "shard-0.db").string(), s1 = (dir / "shard-1.db").string();
  const int64_t wholeRun = runInto(peer, whole.path(), 0, 1);
  runInto(peer, s0, 0, 2);
  runInto(peer, s1, 1, 2);

  // Both shards got work, and together exactly the whole set.
  int n0 = 0, n1 = 0;
  {
    store::Store a(s0, storeOptions()), b(s1, storeOptions());
    n0 = static_cast<int>(a.db().queryInt("SELECT count(*) FROM run_items"));
    n1 = static_cast<int>(b.db().queryInt("SELECT count(*) FROM run_items"));
  }
  CHECK(n0 > 0);
  CHECK(n1 > 0);
  CHECK(n0 + n1 == static_cast<int>(kPrompts.size()));

  store::Store& target = *merged.store;
  const MergeReport m0 = mergeShard(target, s0);
  CHECK(m0.runs == 1);
  CHECK(m0.runItems == n0);
  CHECK(m0.generations == n0);
  CHECK(m0.prompts == static_cast<int>(kPrompts.size()));  // every shard holds the whole prompt set
  CHECK(m0.runsCompleted == 0);
  const MergeReport m1 = mergeShard(target, s1);
  CHECK(m1.runs == 0);  // the same named run
  CHECK(m1.runItems == n1);
  CHECK(m1.generations == n1);
  CHECK(m1.prompts == 0);
  CHECK(m1.runsCompleted == 1);
  const MergeReport again = mergeShard(target, s1);
  CHECK(again.addedNothing());
  CHECK(mergeShard(target, s0).addedNothing());

  const auto runs = target.workbench().runs();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].shardCount == 1);  // whole again
  CHECK(runs[0].status == "done");
  store::Store& w = *whole.store;
  const RunAggregates wholeTotals = aggregate(promptOutcomes(w, {wholeRun}));
  CHECK(wholeTotals.failed == 2);    // the lattices
  CHECK(wholeTotals.succeeded == 6);
  CHECK(wholeTotals.approved == 3);  // the filigrees are drafts
  checkSame(aggregate(promptOutcomes(target, {runs[0].id})), aggregate(promptOutcomes(w, {wholeRun})));

  // The records came along: transcripts, scores, stages, library examples (approved and queued).
  auto q = [](store::Store& db, const std::string& sql) { return db.db().queryInt(sql); };
  for (const char* sql : {"SELECT count(*) FROM generation_steps s JOIN generations g ON g.id = s.generation_id "
                          "WHERE g.origin = 'workbench'",
                          "SELECT count(*) FROM generation_scores s JOIN generations g ON g.id = s.generation_id "
                          "WHERE g.origin = 'workbench'",
                          "SELECT count(*) FROM generation_stages s JOIN generations g ON g.id = s.generation_id "
                          "WHERE g.origin = 'workbench'",
                          "SELECT count(*) FROM library_examples WHERE source = 'workbench' AND status = 'approved'",
                          "SELECT count(*) FROM library_examples WHERE source = 'workbench' AND status = 'candidate'"}) {
    INFO(sql);
    CHECK(q(target, sql) == q(w, sql));
  }
  CHECK(q(target, "SELECT count(*) FROM library_examples l JOIN generations g ON g.id = l.source_generation_id "
                  "WHERE l.source = 'workbench' AND g.final_code = l.code") ==
        q(target, "SELECT count(*) FROM library_examples WHERE source = 'workbench'"));
  CHECK(q(target, "SELECT count(*) FROM run_items i JOIN generations g ON g.id = i.generation_id "
                  "WHERE g.request <> (SELECT text FROM workbench_prompts WHERE id = i.prompt_id)") == 0);
  // The merged library is searchable (FTS kept in step).
  CHECK_FALSE(target.library().search("cube", {}).empty());

  CHECK_THROWS_AS(mergeShard(target, (dir / "missing.db").string()), store::StoreError);
  CHECK_THROWS_AS(mergeShard(target, merged.path()), store::StoreError);
}
