#include <catch2/catch.hpp>

#include "store/database.h"
#include "store/store.h"
#include "store/store_error.h"
#include "store_test_support.h"

using namespace partsmith;
using namespace partsmith::store;
using json = nlohmann::json;

TEST_CASE("a generation records spec, transcript, per-stage models and usage, scores and outcome",
          "[store][generations]") {
  test::TempDir dir;
  Store s(dir.file("g.db"), test::bareOptions());
  auto c = s.conversations().create("bracket");
  NewMessage q;
  q.role = "user";
  q.content = "a wall bracket";
  Message request = s.conversations().appendMessage(c.id, q);

  NewGeneration ng;
  ng.conversationId = c.id;
  ng.requestMessageId = request.id;
  ng.request = request.content;
  ng.settings = {{"examples", 4}, {"visual", true}};
  ng.tools = json::array({{{"name", "run_code"}}, {{"name", "write_code"}}});
  ng.stageModels = {{"spec", "claude-haiku"}, {"code", "gpt-oss-120b"}};
  auto& gens = s.generations();
  int64_t id = gens.create(ng);

  gens.setSpec(id, {{"interpretation", "an L bracket"}, {"complexity", 3}, {"techniques", {"extrude", "hole"}}});
  gens.addUsage(id, "spec", "claude-haiku", {1000, 0, 900, 200, 0.002, 1500}, "anthropic");
  GenerationStep call;
  call.stage = "code";
  call.kind = "tool_call";
  call.role = "assistant";
  call.toolName = "run_code";
  call.toolCallId = "t1";
  call.content = "{}";
  call.code = "let x = cq.Workplane().box(1,1,1); show(x);";
  call.modelId = "gpt-oss-120b";
  call.usage = {3000, 2000, 0, 150, 0.01, 2500};
  gens.appendStep(id, call);
  GenerationStep result;
  result.stage = "code";
  result.kind = "tool_result";
  result.role = "tool";
  result.toolName = "run_code";
  result.toolCallId = "t1";
  result.content = R"({"ok": true})";
  gens.appendStep(id, result);
  gens.setScore(id, {"assertions", 10.0, 1.0, true, std::nullopt, {{"passed", 3}}});
  gens.setScore(id, {"visual", 7.5, 0.5, std::nullopt, std::string("gpt-4o"), {{"uncertain", 1}}});
  gens.setStage(id, "review", "", false);  // bypassed

  GenerationOutcome done;
  done.status = "succeeded";
  done.finalCode = call.code;
  done.parameters = json::array({{{"name", "width"}, {"value", 40}}});
  done.facts = {{"volume", 1.0}};
  done.compositeScore = 8.9;
  gens.finish(id, done);

  Generation g = gens.get(id, true);
  CHECK(g.status == "succeeded");
  CHECK(g.request == "a wall bracket");
  CHECK(g.conversationId == c.id);
  CHECK(g.spec["complexity"] == 3);
  CHECK(g.settings["examples"] == 4);
  CHECK(g.tools.size() == 2);
  CHECK(g.stageModels["code"] == "gpt-oss-120b");
  CHECK(g.stageModels["review"] == "");
  CHECK(g.steps == 1);
  CHECK(g.totals.input == 4000);
  CHECK(g.totals.cacheRead == 2000);
  CHECK(g.totals.cacheWrite == 900);
  CHECK(g.totals.output == 350);
  CHECK(g.totals.costUsd == Approx(0.012));
  CHECK(g.compositeScore == Approx(8.9));
  CHECK(g.finishedMs);
  REQUIRE(g.transcript.size() == 2);
  CHECK(g.transcript[0].seq == 1);
  CHECK(g.transcript[1].seq == 2);
  CHECK(g.transcript[0].code == call.code);
  REQUIRE(g.scores.size() == 2);
  CHECK(g.scores[0].track == "assertions");
  CHECK(g.scores[0].passed == true);
  CHECK(g.scores[1].modelId == std::string("gpt-4o"));
  auto stage = [&](const std::string& name) {
    for (const auto& st : g.stages)
      if (st.stage == name) return st;
    FAIL("no stage " << name);
    return StageRecord{};
  };
  CHECK(stage("spec").usage.cacheWrite == 900);
  CHECK(stage("spec").provider == "anthropic");
  CHECK(stage("spec").calls == 1);
  CHECK(stage("code").usage.input == 3000);
  CHECK(stage("code").modelId == "gpt-oss-120b");
  CHECK_FALSE(stage("review").enabled);

  json j = GenerationRepository::toJson(g);
  CHECK(j["usage"]["cache_read_tokens"] == 2000);
  CHECK(j["transcript"].size() == 2);
  CHECK(j["scores"][1]["details"]["uncertain"] == 1);

  // A follow-up edits its parent.
  NewGeneration follow = ng;
  follow.parentGenerationId = id;
  follow.request = "make it thicker";
  int64_t child = gens.create(follow);
  CHECK(gens.get(child).parentGenerationId == id);
  CHECK(gens.listForConversation(c.id).size() == 2);
  CHECK(gens.latestForConversation(c.id)->id == child);
  CHECK(gens.findByUuid(g.uuid)->id == id);
}

TEST_CASE("bad generation writes are refused with a clear message", "[store][generations]") {
  test::TempDir dir;
  Store s(dir.file("g.db"), test::bareOptions());
  auto& gens = s.generations();
  NewGeneration ng;
  CHECK_THROWS_AS(gens.create(ng), StoreError);  // empty request
  ng.request = "cube";
  int64_t id = gens.create(ng);
  GenerationOutcome o;
  o.status = "great";
  CHECK_THROWS_WITH(gens.finish(id, o), Catch::Contains("unknown final status"));
  TrackScore tooHigh;
  tooHigh.track = "visual";
  tooHigh.score = 11.0;
  CHECK_THROWS_WITH(gens.setScore(id, tooHigh), Catch::Contains("outside 0"));
  GenerationStep st;
  st.kind = "thought";
  CHECK_THROWS_AS(gens.appendStep(id, st), StoreError);
  try {
    gens.setSpec(424242, json::object());
    FAIL("no error");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::NotFound);
    CHECK(std::string(e.what()) == "could not save the generation's spec: generation 424242 does not exist");
  }
  CHECK(gens.get(id).status == "running");
}

TEST_CASE("deleting a conversation removes its generations, ratings and exports", "[store][generations]") {
  test::TempDir dir;
  Store s(dir.file("g.db"), test::bareOptions());
  auto c = s.conversations().create("x");
  NewGeneration ng;
  ng.conversationId = c.id;
  ng.request = "cube";
  int64_t id = s.generations().create(ng);
  s.feedback().setStars(id, 5);
  s.feedback().recordExport(id, "stl", "/tmp/cube.stl");
  s.conversations().remove(c.id);
  CHECK(s.db().queryInt("SELECT count(*) FROM generations") == 0);
  CHECK(s.db().queryInt("SELECT count(*) FROM ratings") == 0);
  CHECK(s.db().queryInt("SELECT count(*) FROM exports") == 0);
}
