// Not part of CTest (hidden tag): a full scripted run over the shipped curriculum, measuring
// what the workbench itself costs — model replies are instant, so the time is the pipeline,
// the kernel and the store. Run it by hand:
//   test_workbench "[.workbench-bench]"            (PARTSMITH_BENCH_PARALLEL=K, PARTSMITH_BENCH_VISUAL=1)
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "store/curriculum_loader.h"
#include "workbench/run_aggregates.h"
#include "workbench_test_support.h"

using namespace partsmith;
using namespace partsmith::workbench;
using namespace partsmith::workbench::testing;

TEST_CASE("scripted run over the shipped curriculum: throughput and overhead", "[.workbench-bench]") {
  ScriptedModels peer;
  agent::testing::TempStore tmp;
  store::Store& db = *tmp.store;
  const auto loaded = store::CurriculumLoader(db).importShipped(partsmith::test::sourceDir() +
                                                                "/resources/curriculum/curriculum.jsonl");
  REQUIRE(loaded.added > 200);
  const char* parallelEnv = std::getenv("PARTSMITH_BENCH_PARALLEL");
  const int parallel = parallelEnv ? std::atoi(parallelEnv) : 2;
  const bool visual = std::getenv("PARTSMITH_BENCH_VISUAL") != nullptr;
  json settings = {{"models", {{"code", "good"}}}, {"visual", visual}, {"refine", false}};
  RunSelection sel;
  sel.name = "curriculum";
  sel.settings = settings;
  const int64_t runId = createOrResumeRun(db, sel);
  BatchEnvironment env = testEnvironment(peer, tmp.path());
  if (visual) {
    auto base = env.models;
    env.models = [base](const RunSettings& rs) {
      agent::PipelineModels m = base(rs);
      m.vision = m.review;  // the scripted judgement answers the visual track too
      m.vision.model = "review-model";
      return m;
    };
  }
  BatchRunner runner(env);
  BatchRunner::Options o;
  o.parallel = parallel;
  o.onProgress = [](const BatchProgress& p) {
    if (p.finished % 25 == 0) std::fprintf(stderr, "%s\n", p.describe().c_str());
  };
  const BatchReport r = runner.run(runId, o);
  const RunAggregates a = aggregate(promptOutcomes(db, {runId}));
  std::printf("[workbench-bench] %d prompts, parallel %d, visual %s: %d finished in %.1f s = %.1f generations/min; "
              "mean generation %.0f ms wall, pipeline overhead %.1f ms per generation; %d approved; $%.4f per "
              "generation (scripted prices); %d model requests\n",
              loaded.added, parallel, visual ? "on" : "off", r.itemsFinished, r.wallSeconds, r.generationsPerMinute,
              r.avgGenerationSeconds * 1000, r.avgOverheadMs, r.progress.approved, a.costPerGeneration,
              static_cast<int>(peer.received().size()));
  CHECK(r.stopReason.empty());
  CHECK(r.progress.succeeded == loaded.added);
}
