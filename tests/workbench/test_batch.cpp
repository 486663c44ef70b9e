// Batch generation end to end: scripted models of different quality over real HTTP, the real
// kernel worker, real SQLite files. Aggregates, auto-approval and the review queue, resume
// after an interruption, the shared rate-limit pause, the money cap.
#include <catch2/catch.hpp>

#include <set>

#include "store/database.h"
#include "store/store_error.h"
#include "workbench/experiment_plan.h"
#include "workbench/experiment_report.h"
#include "workbench/experiment_runner.h"
#include "workbench/review_queue.h"
#include "workbench/run_aggregates.h"
#include "workbench_test_support.h"

using namespace partsmith;
using namespace partsmith::workbench;
using namespace partsmith::workbench::testing;
using agent::testing::TempStore;

namespace {

const std::vector<std::pair<std::string, std::string>> kCubes = {
    {"primitives", "A 20 mm cube with a 5 mm hole through it"},
    {"primitives", "A cube of 20 mm with a centred through hole of 5 mm"},
    {"boolean operations", "A 20 mm block drilled through the middle with a 5 mm hole"},
};

BatchReport runBatch(const BatchEnvironment& env, store::Store& db, const std::string& name, const json& settings,
                     int parallel = 2, std::optional<double> budget = std::nullopt) {
  RunSelection sel;
  sel.name = name;
  sel.settings = settings;
  sel.budgetUsd = budget;
  const int64_t runId = createOrResumeRun(db, sel);
  BatchRunner runner(env);
  BatchRunner::Options o;
  o.parallel = parallel;
  o.budgetUsd = budget;  // a resumed run takes the budget given now (as `workbench run --budget` does)
  return runner.run(runId, o);
}

int count(store::Store& db, const std::string& sql) { return static_cast<int>(db.db().queryInt(sql)); }

}  // namespace

TEST_CASE("a batch routes results by quality: approved into the library or queued for review", "[workbench][batch]") {
  ScriptedModels peer;
  TempStore tmp;
  store::Store& db = *tmp.store;
  addPrompts(db, kCubes);
  const BatchEnvironment env = testEnvironment(peer, tmp.path());
  const int seeded = static_cast<int>(db.library().count("approved"));

  std::vector<BatchProgress> progress;
  RunSelection sel;
  sel.name = "good-run";
  sel.settings = quickSettings("good");
  const int64_t goodRun = createOrResumeRun(db, sel);
  BatchRunner runner(env);
  BatchRunner::Options o;
  o.parallel = 2;
  o.onProgress = [&](const BatchProgress& p) { progress.push_back(p); };
  BatchReport good = runner.run(goodRun, o);
  CHECK(good.stopReason.empty());
  CHECK(good.itemsFinished == 3);
  CHECK(good.progress.succeeded == 3);
  CHECK(good.progress.approved == 3);
  CHECK(db.workbench().run(goodRun).status == "done");
  // Progress: one report per finished item, counts rising to the total, spend and ETA known.
  REQUIRE(progress.size() == 3);
  CHECK(progress.back().finished == 3);
  CHECK(progress.back().approved == 3);
  CHECK(progress.back().spentUsd > 0);
  CHECK(progress.front().etaSeconds);
  CHECK(progress.back().describe().find("3/3 done") != std::string::npos);
  // Approved into the library as workbench examples, linked to their generations.
  CHECK(db.library().count("approved") == seeded + 3);
  CHECK(count(db, "SELECT count(*) FROM library_examples WHERE source = 'workbench' AND status = 'approved' "
                  "AND source_generation_id IS NOT NULL") == 3);

  const BatchReport draft = runBatch(env, db, "draft-run", quickSettings("draft"));
  CHECK(draft.progress.succeeded == 3);
  CHECK(draft.progress.approved == 0);
  const BatchReport bad = runBatch(env, db, "bad-run", quickSettings("bad"));
  CHECK(bad.progress.failed == 3);
  CHECK(bad.progress.approved == 0);

  // Aggregates per run, from the store.
  const RunAggregates g = aggregate(promptOutcomes(db, {good.runId}));
  CHECK(g.successRate == Approx(1));
  CHECK(g.approvalRate == Approx(1));
  REQUIRE(g.avgScore);
  CHECK(*g.avgScore >= 8);
  REQUIRE(g.avgCodeScore);
  CHECK_FALSE(g.avgVisualScore);  // visual track off
  CHECK(g.avgSteps == Approx(1));
  // Spec (800 in, 300 out) + one code turn (1200 in, 150 out) + review (800 in, 300 out) at $3/$15.
  CHECK(g.costPerGeneration == Approx(0.0069 + 0.00585 + 0.0069).epsilon(0.01));
  const RunAggregates d = aggregate(promptOutcomes(db, {draft.runId}));
  CHECK(d.successRate == Approx(1));
  CHECK(d.approvalRate == Approx(0));
  REQUIRE(d.avgScore);
  CHECK(*d.avgScore < *g.avgScore);
  const RunAggregates b = aggregate(promptOutcomes(db, {bad.runId}));
  CHECK(b.successRate == Approx(0));
  CHECK_FALSE(b.avgScore);  // no success to average
  CHECK(b.avgSteps == Approx(3));  // the step budget
  CHECK(b.costPerGeneration > 0);

  // The review queue: every draft (it built, the reviewer said no to a checklist item) and the
  // failed attempts that left code, each with the reason it was not approved.
  ReviewQueue queue(db);
  const auto items = queue.list();
  int drafts = 0, failed = 0;
  for (const auto& i : items) {
    if (i.reason.find("checklist") != std::string::npos) ++drafts;
    if (i.reason.find("budget") != std::string::npos || i.reason.find("failed") != std::string::npos) ++failed;
  }
  CHECK(drafts == 3);
  CHECK(drafts + failed == static_cast<int>(items.size()));
  CHECK(queue.size() == static_cast<int>(items.size()));
  REQUIRE_FALSE(items.empty());
  CHECK_FALSE(items[0].scores.empty());

  // Approve one, reject one with a reason; both leave the queue.
  int64_t firstDraft = 0, secondDraft = 0;
  for (const auto& i : items)
    if (i.reason.find("checklist") != std::string::npos) (firstDraft ? secondDraft : firstDraft) = i.exampleId;
  queue.approve(firstDraft);
  CHECK(db.library().get(firstDraft).status == "approved");
  CHECK_THROWS_AS(queue.reject(secondDraft, ""), store::StoreError);
  queue.reject(secondDraft, "the hole is missing");
  CHECK(db.library().get(secondDraft).status == "rejected");
  CHECK(*db.library().get(secondDraft).reviewNote == "the hole is missing");
  CHECK(queue.size() == static_cast<int>(items.size()) - 2);
  CHECK_THROWS_AS(queue.approve(secondDraft), store::StoreError);  // decided already

  // Running a finished run again does nothing.
  const BatchReport again = runBatch(env, db, "good-run", quickSettings("good"));
  CHECK(again.itemsStarted == 0);
  CHECK(again.progress.succeeded == 3);
}

TEST_CASE("an interrupted batch resumes: interrupted items are redone, finished ones never", "[workbench][resume]") {
  ScriptedModels peer(/*codeDelayMs=*/150);
  TempStore tmp;
  store::Store& db = *tmp.store;
  addPrompts(db, kCubes);
  addPrompts(db, {{"primitives", "A 20 mm cube, 5 mm hole"},
                  {"primitives", "Cube 20 mm, hole 5 mm through the top"},
                  {"boolean operations", "Drill a 5 mm hole through a 20 mm cube"}});
  const BatchEnvironment env = testEnvironment(peer, tmp.path());
  RunSelection sel;
  sel.name = "resume";
  json settings = quickSettings("good");
  settings["review"] = false;
  sel.settings = settings;
  const int64_t runId = createOrResumeRun(db, sel);

  BatchRunner first(env);
  BatchRunner::Options o;
  o.parallel = 2;
  o.onProgress = [&](const BatchProgress& p) {
    if (p.finished >= 2) first.cancel();  // like a closed laptop: work in flight is cut off
  };
  const BatchReport r1 = first.run(runId, o);
  CHECK(r1.stopReason == "cancelled");
  CHECK(db.workbench().run(runId).status == "paused");
  const store::RunProgress mid = db.workbench().progress(runId);
  CHECK(mid.succeeded >= 2);
  CHECK(mid.succeeded < 6);
  CHECK(mid.running >= 1);  // cut off in flight
  std::map<int64_t, int64_t> finishedBefore;  // item -> generation
  {
    store::Statement st(db.db(), "SELECT id, generation_id FROM run_items WHERE run_id = ? AND status = 'succeeded'");
    st.bind(1, runId);
    while (st.step()) finishedBefore[st.getInt(0)] = st.getInt(1);
  }

  BatchRunner second(env);
  BatchRunner::Options o2;
  o2.parallel = 2;
  const BatchReport r2 = second.run(runId, o2);
  CHECK(r2.stopReason.empty());
  CHECK(r2.itemsFinished == 6 - mid.succeeded);
  const store::RunProgress end = db.workbench().progress(runId);
  CHECK(end.succeeded == 6);
  CHECK(end.pending + end.running == 0);
  CHECK(db.workbench().run(runId).status == "done");
  // Finished items kept their generation; none ran twice.
  for (const auto& [item, generation] : finishedBefore)
    CHECK(db.db().queryInt("SELECT generation_id FROM run_items WHERE id = " + std::to_string(item)) == generation);
  CHECK(count(db, "SELECT count(*) FROM run_items WHERE run_id = " + std::to_string(runId) +
                      " AND status = 'succeeded' AND attempts = 1") >= static_cast<int>(finishedBefore.size()));
  // One succeeded generation per prompt; the cut-off attempts are recorded as cancelled.
  CHECK(count(db, "SELECT count(*) FROM generations WHERE origin = 'workbench' AND status = 'succeeded'") == 6);
  CHECK(count(db, "SELECT count(DISTINCT generation_id) FROM run_items WHERE run_id = " + std::to_string(runId)) == 6);
  CHECK(count(db, "SELECT count(*) FROM generations WHERE origin = 'workbench' AND status = 'cancelled'") ==
        mid.running);
  CHECK(count(db, "SELECT count(*) FROM library_examples WHERE source = 'workbench'") == 6);
}

TEST_CASE("the money cap stops starting items; a 429 pauses every worker", "[workbench][budget]") {
  ScriptedModels peer;
  TempStore tmp;
  store::Store& db = *tmp.store;
  addPrompts(db, kCubes);
  addPrompts(db, {{"primitives", "A 20 mm cube, 5 mm hole"}});

  SECTION("budget") {
    const BatchEnvironment env = testEnvironment(peer, tmp.path());
    json settings = quickSettings("good");
    settings["review"] = false;
    // One generation costs $0.01275 (spec + one code turn): room for two, not three.
    const BatchReport r = runBatch(env, db, "capped", settings, /*parallel=*/1, 0.03);
    CHECK(r.stopReason.rfind("budget", 0) == 0);
    CHECK(r.itemsFinished == 2);
    CHECK(r.progress.costUsd <= 0.03);
    CHECK(r.progress.pending == 2);
    CHECK(db.workbench().run(r.runId).status == "paused");
    // A bigger budget continues the same run.
    const BatchReport more = runBatch(env, db, "capped", settings, 1, 1.0);
    CHECK(more.stopReason.empty());
    CHECK(more.progress.succeeded == 4);
  }
  SECTION("no model answers") {
    BatchEnvironment env = testEnvironment(peer, tmp.path());
    env.models = [](const RunSettings&) {
      llm::ProviderConfig c = llm::ProviderConfig::anthropic();
      c.baseUrl = "http://127.0.0.1:1";  // nothing listens there
      c.maxRetries = 0;
      auto p = std::make_shared<llm::AnthropicProvider>(c, "sk-test-0123456789abcdef", nullptr, scriptedPrices());
      agent::PipelineModels m;
      m.code = agent::testing::stageModel(p, "good");
      return m;
    };
    const BatchReport r = runBatch(env, db, "outage", quickSettings("good"), /*parallel=*/1);
    CHECK(r.stopReason.find("no model answered") != std::string::npos);
    CHECK(r.stopReason.find("could not reach") != std::string::npos);
    // Not recorded as the model's failure: the prompt waits for the next run.
    CHECK(r.progress.failed == 0);
    CHECK(r.progress.pending + r.progress.running == 4);
    CHECK(db.workbench().run(r.runId).status == "paused");
  }
  SECTION("rate limit") {
    const BatchEnvironment env = testEnvironment(peer, tmp.path(), /*maxRetries=*/2);
    json settings = quickSettings("limited");
    settings["review"] = false;
    settings["spec"] = false;
    const BatchReport r = runBatch(env, db, "limited", settings, /*parallel=*/3);
    CHECK(r.stopReason.empty());
    CHECK(r.progress.succeeded == 4);
    CHECK(r.rateLimitPauses >= 1);
    CHECK(r.rateLimitWaitSeconds > 0.1);  // other workers waited out the pause
    // Nobody asked while the server said to wait (400 ms after the 429).
    const auto received = peer.received();
    std::chrono::steady_clock::time_point limitedAt;
    for (const auto& q : received)
      if (q.status == 429) limitedAt = q.at;
    int during = 0;
    for (const auto& q : received)
      if (q.at > limitedAt + std::chrono::milliseconds(50) && q.at < limitedAt + std::chrono::milliseconds(350)) ++during;
    CHECK(during == 0);
  }
}

TEST_CASE("an experiment compares variants on one prompt set; the few-shot template sweeps 0-10", "[workbench][experiment]") {
  ScriptedModels peer;
  TempStore tmp;
  store::Store& db = *tmp.store;
  addPrompts(db, kCubes);
  const BatchEnvironment env = testEnvironment(peer, tmp.path());

  ExperimentPlan plan = modelComparison("code models", "code", {"good", "repair", "draft", "bad"});
  plan.baseSettings = {{"visual", false}, {"refine", false}, {"max_steps", 3}};
  const int64_t id = createExperiment(db, plan);
  CHECK(createExperiment(db, plan) == id);  // same name, same experiment
  ExperimentPlan other = plan;
  other.variants.pop_back();
  CHECK_THROWS_WITH(createExperiment(db, other), Catch::Contains("already exists"));
  const int libraryBefore = static_cast<int>(db.library().count());

  ExperimentRunner runner(env);
  ExperimentRunOptions o;
  o.parallel = 2;
  const ExperimentRunReport r = runner.run(id, o);
  CHECK(r.stopReason.empty());
  REQUIRE(r.variants.size() == 4);
  CHECK(db.library().count() == libraryBefore);  // experiments measure; they do not feed the library
  CHECK(count(db, "SELECT count(*) FROM generations WHERE origin = 'experiment'") == 12);

  const ExperimentComparison c = compareExperiment(db, id);
  REQUIRE(c.variants.size() == 4);
  auto totals = [&](const std::string& label) {
    for (const auto& v : c.variants)
      if (v.label == label) return v.totals;
    FAIL("no variant " << label);
    return RunAggregates{};
  };
  CHECK(totals("good").successRate == Approx(1));
  CHECK(totals("good").approvalRate == Approx(1));
  CHECK(totals("good").avgSteps == Approx(1));
  CHECK(totals("repair").successRate == Approx(1));
  CHECK(totals("repair").approvalRate == Approx(1));
  CHECK(totals("repair").avgSteps == Approx(3));
  CHECK(totals("repair").costPerGeneration > totals("good").costPerGeneration);  // two more code turns
  CHECK(totals("draft").successRate == Approx(1));
  CHECK(totals("draft").approvalRate == Approx(0));
  CHECK(totals("bad").successRate == Approx(0));
  CHECK_FALSE(totals("bad").avgScore);

  const std::string md = c.toMarkdown();
  CHECK(md.find("| | good | repair | draft | bad |") != std::string::npos);
  CHECK(md.find("| Success rate | 100% | 100% | 100% | 0% |") != std::string::npos);
  CHECK(md.find("| Auto-approval rate | 100% | 100% | 0% | 0% |") != std::string::npos);
  CHECK(md.find("| Avg agent steps | 1.0 | 3.0 | 1.0 | 3.0 |") != std::string::npos);
  CHECK(md.find("| Avg visual score | — | — | — | — |") != std::string::npos);
  CHECK(md.find("## Per prompt") != std::string::npos);
  CHECK(md.find("A 20 mm cube with a 5 mm hole through it") != std::string::npos);
  const std::string csv = c.toCsv();
  CHECK(csv.rfind("variant,prompts,finished,succeeded,approved,avg_score,", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 5);
  CHECK(csv.find("\nbad,3,3,0,0,,") != std::string::npos);
  const std::string drill = c.toCsv(true);
  CHECK(std::count(drill.begin(), drill.end(), '\n') == 13);
  CHECK(drill.find("repair,primitives,A 20 mm cube with a 5 mm hole through it,succeeded,1,") != std::string::npos);

  // Running it again finds every variant finished.
  const ExperimentRunReport again = runner.run(id, o);
  for (const auto& [label, report] : again.variants) CHECK(report.itemsStarted == 0);

  // The template.
  const ExperimentPlan sweep = fewShotSweep("sweep");
  REQUIRE(sweep.variants.size() == 5);
  std::vector<int> counts;
  for (const auto& v : sweep.variants) counts.push_back(v.settings["few_shot"].get<int>());
  CHECK(counts == std::vector<int>{0, 1, 3, 6, 10});
  CHECK(sweep.varies == "few_shot");
  const ExperimentPlan ablation = switchAblation("switches", {"spec", "research", "visual", "decompose"});
  REQUIRE(ablation.variants.size() == 5);
  CHECK(ablation.variants[0].label == "baseline");
  CHECK(ablation.variants[3].settings == json{{"visual", false}});
  CHECK_THROWS_WITH(switchAblation("x", {"warp"}), Catch::Contains("unknown switch 'warp'"));
  CHECK_THROWS_WITH(RunSettings::fromJson({{"few_shots", 3}}), Catch::Contains("few_shots"));
}
