#include <catch2/catch.hpp>

#include <set>

#include "store/database.h"
#include "store/store.h"
#include "store/store_error.h"
#include "store_test_support.h"

using namespace partsmith;
using namespace partsmith::store;

TEST_CASE("workbench prompts, experiments and resumable sharded runs", "[store][workbench]") {
  test::TempDir dir;
  Store s(dir.file("w.db"), test::bareOptions());
  auto& wb = s.workbench();
  std::vector<int64_t> prompts;
  for (int i = 0; i < 40; ++i)
    prompts.push_back(wb.addPrompt("a box " + std::to_string(10 + i) + " mm wide", i < 20 ? "primitives" : "enclosures",
                                   i < 20 ? 1 : 8, "curriculum"));
  CHECK(wb.addPrompt("a box 10 mm wide", "primitives", 1) == prompts[0]);  // same prompt, same row
  CHECK(wb.prompts().size() == 40);
  CHECK(wb.prompts(std::string("enclosures")).size() == 20);
  CHECK_THROWS_WITH(wb.addPrompt("x", "primitives", 11), Catch::Contains("complexity must be 1–10"));
  wb.archivePrompt(prompts[39], true);
  CHECK(wb.prompts().size() == 39);

  Experiment e;
  e.name = "few-shot sweep";
  e.varies = "few_shot";
  for (int n : {0, 1, 3, 6, 10}) e.variants.push_back({0, std::to_string(n) + " examples", {{"examples", n}}, 0});
  e.promptIds = {prompts[0], prompts[25]};
  int64_t eid = wb.createExperiment(e);
  Experiment got = wb.experiment(eid);
  REQUIRE(got.variants.size() == 5);
  CHECK(got.variants[3].settings["examples"] == 6);
  CHECK(got.variants[3].position == 3);
  CHECK(got.promptIds.size() == 2);
  CHECK(wb.experiments().size() == 1);

  // Three shards cover every prompt exactly once, on any machine.
  std::set<int64_t> covered;
  size_t total = 0;
  for (int shard = 0; shard < 3; ++shard) {
    Run r;
    r.label = "batch";
    r.shardIndex = shard;
    r.shardCount = 3;
    int64_t rid = wb.createRun(r, prompts);
    for (const auto& item : wb.unfinishedItems(rid)) covered.insert(item.promptId);
    total += wb.unfinishedItems(rid).size();
  }
  CHECK(covered.size() == prompts.size());
  CHECK(total == prompts.size());
  Run bad;
  bad.shardIndex = 3;
  bad.shardCount = 3;
  CHECK_THROWS_WITH(wb.createRun(bad, prompts), Catch::Contains("shards are numbered"));

  // A run interrupted mid-item resumes with what is left, never redoing finished prompts.
  Run whole;
  whole.experimentId = eid;
  whole.variantId = got.variants[0].id;
  int64_t rid = wb.createRun(whole, {prompts[0], prompts[25]});
  auto items = wb.unfinishedItems(rid);
  REQUIRE(items.size() == 2);
  wb.setRunStatus(rid, "running");
  NewGeneration ng;
  ng.request = "a box";
  ng.origin = "experiment";
  int64_t gen = s.generations().create(ng);
  s.generations().addUsage(gen, "code", "m", {10, 0, 0, 5, 0.25, 100});
  wb.startItem(items[0].id);
  wb.finishItem(items[0].id, "succeeded", gen, true);
  wb.startItem(items[1].id);  // …and the process dies here
  auto left = wb.unfinishedItems(rid);
  REQUIRE(left.size() == 1);
  CHECK(left[0].id == items[1].id);
  CHECK(left[0].attempts == 1);
  CHECK_THROWS_AS(wb.startItem(items[0].id), StoreError);  // finished items stay finished
  RunProgress p = wb.progress(rid);
  CHECK(p.total == 2);
  CHECK(p.succeeded == 1);
  CHECK(p.running == 1);
  CHECK(p.approved == 1);
  CHECK(p.costUsd == Approx(0.25));
  wb.finishItem(items[1].id, "failed", std::nullopt, false, std::string("budget"));
  wb.setRunStatus(rid, "done");
  Run finished = wb.run(rid);
  CHECK(finished.status == "done");
  CHECK(finished.startedMs);
  CHECK(finished.finishedMs);
  CHECK(wb.runs(eid).size() == 1);
}
