// The pipeline's deterministic parts: spec validation, JSON extraction, assertion checks,
// exact-unique code edits, technique overlap, prompts.
#include <catch2/catch.hpp>

#include "agent/assertion_checker.h"
#include "agent/code_workspace.h"
#include "agent/research_stage.h"
#include "agent/spec.h"
#include "agent_test_support.h"

using namespace partsmith::agent;
using namespace partsmith::agent::testing;

TEST_CASE("spec validation names each problem", "[agent][spec]") {
  CHECK(validateSpec(cubeSpec()).empty());
  json s = cubeSpec();
  s["checklist"] = json::array({"a", "b", "c", "d", "e", "f", "g"});
  s["complexity"] = 11;
  s["assertions"].push_back({{"kind", "bbox_size"}, {"axis", "w"}, {"value", 1}});
  s["assertions"].push_back({{"kind", "volume"}});
  s["assertions"].push_back({{"kind", "mass"}});
  s.erase("category");
  auto problems = validateSpec(s);
  auto has = [&](const std::string& text) {
    for (const auto& p : problems)
      if (p.find(text) != std::string::npos) return true;
    return false;
  };
  CHECK(has("\"checklist\" has 7 items"));
  CHECK(has("\"complexity\" must be an integer from 1 to 10"));
  CHECK(has("\"category\" is missing"));
  CHECK(has("assertions[3]: \"axis\" must be x, y, z or sorted"));
  CHECK(has("assertions[4]: needs \"min\" and/or \"max\""));
  CHECK(has("assertions[5]: unknown kind \"mass\""));
  CHECK(problems.size() == 6);
}

TEST_CASE("the JSON object is found in fenced or chatty replies", "[agent][spec]") {
  CHECK((*extractJsonObject("Sure!\n```json\n{\"a\": {\"b\": \"}\"}}\n```\nDone."))["a"]["b"] == "}");
  CHECK((*extractJsonObject("{\"x\": 1} and {\"y\": 2}"))["x"] == 1);
  std::string error;
  CHECK_FALSE(extractJsonObject("{\"x\": [1, 2", &error));
  CHECK(error.find("not closed") != std::string::npos);
  CHECK_FALSE(extractJsonObject("no json here", &error));
  CHECK(error == "the reply holds no JSON object");
}

TEST_CASE("assertions are checked on facts", "[agent][assertions]") {
  json facts = {{"bbox", {{"size", {60, 30, 10}}}}, {"volume", 15000.0}, {"solids", 1},
                {"holes", json::array({{{"diameter", 3.4}}, {{"diameter", 3.4}}, {{"diameter", 6.0}}})},
                {"printability", {{"thinnest_wall", 2.0}}}};
  std::vector<SpecAssertion> a(8);
  a[0] = SpecAssertion::fromJson({{"kind", "bbox_size"}, {"axis", "x"}, {"value", 60}});
  a[1] = SpecAssertion::fromJson({{"kind", "bbox_size"}, {"axis", "sorted"}, {"values", {30, 10, 60}}});
  a[2] = SpecAssertion::fromJson({{"kind", "volume"}, {"min", 16000}});
  a[3] = SpecAssertion::fromJson({{"kind", "solid_count"}, {"value", 1}});
  a[4] = SpecAssertion::fromJson({{"kind", "hole_count"}, {"min", 2}, {"max", 4}});
  a[5] = SpecAssertion::fromJson({{"kind", "hole_diameter"}, {"value", 3.4}, {"count", 2}});
  a[6] = SpecAssertion::fromJson({{"kind", "hole_diameter"}, {"value", 6}, {"count", 2}});
  a[7] = SpecAssertion::fromJson({{"kind", "wall_thickness"}, {"min", 1.2}});
  auto r = checkAssertions(a, facts);
  REQUIRE(r.size() == 8);
  CHECK(*r[0].passed);
  CHECK(*r[1].passed);
  CHECK_FALSE(*r[2].passed);
  CHECK(r[2].message == "volume is 15000 mm³, expected at least 16000");
  CHECK(*r[3].passed);
  CHECK(*r[4].passed);
  CHECK(*r[5].passed);
  CHECK_FALSE(*r[6].passed);
  CHECK(*r[7].passed);
  CHECK(*assertionScore(r) == Approx(7.5));
  facts["printability"]["thinnest_wall"] = 0;
  auto unknown = checkAssertions({a[7]}, facts);
  CHECK_FALSE(unknown[0].passed.has_value());
  CHECK_FALSE(assertionScore(unknown));
  auto none = checkAssertions({a[0]}, nullptr);
  CHECK_FALSE(*none[0].passed);
}

TEST_CASE("edit_code replaces exactly one occurrence", "[agent][workspace]") {
  CodeWorkspace w;
  CHECK(w.edit("a", "b") == "there is no code yet: use write_code first");
  w.write("const a = 1;\nconst b = 1;\nshow(cq.Workplane().box(a, b, 1));\n");
  CHECK(w.edit("= 1;", "= 2;").find("occurs 2 times") != std::string::npos);
  const std::string missing = w.edit("const c = 1;", "x");
  CHECK(missing.find("was not found") != std::string::npos);
  CHECK(missing.find("line 1: const a = 1;") != std::string::npos);
  const int before = w.revision();
  CHECK(w.edit("const b = 1;", "const b = 5;").empty());
  CHECK(w.revision() == before + 1);
  CHECK(w.code().find("const b = 5;") != std::string::npos);
  CHECK(w.edit("", "x").find("empty") != std::string::npos);
}

TEST_CASE("technique overlap compares words", "[agent][research]") {
  CHECK(techniqueOverlap({"boolean cut", "fillet"}, {"cut", "fillets"}) == Approx(2.0 / 3.0));
  CHECK(techniqueOverlap({}, {"cut"}) == 0);
  CHECK(techniqueOverlap({"loft"}, {"revolve"}) == 0);
}

TEST_CASE("research retrieves library examples re-ranked by technique overlap", "[agent][research]") {
  TempStore db;
  ResearchStage research(db.store->library());
  auto examples = research.retrieve("a spur gear with a bore", {"involute", "gear", "extrude"}, 4);
  REQUIRE(examples.size() == 4);
  CHECK(examples[0].title.find("gear") != std::string::npos);
  CHECK_FALSE(examples[0].code.empty());
  for (size_t i = 1; i < examples.size(); ++i) CHECK(examples[i - 1].relevance >= examples[i].relevance);
  CHECK(research.retrieve("gear", {}, 0).empty());
  CHECK(research.retrieve("gear", {"gear"}, 40).size() <= 12);
}

TEST_CASE("prompts load from prompts/ and the always-sent reference stays compact", "[agent][prompts]") {
  PromptLibrary& p = prompts();
  CHECK(p.file("system/code.md").find("write_code") != std::string::npos);
  // About 4 characters per token: the always-sent part stays under 5,000 tokens.
  const size_t coreChars = p.referenceCore().size() + p.file("system/code.md").size();
  CHECK(coreChars < 20000);
  for (const char* id : {"sketch", "selectors", "workplanes", "features", "patterns", "assembly", "errors",
                         "parts-holes", "parts-gears", "parts-threads", "parts-boards", "parts-misc"}) {
    INFO(id);
    CHECK(p.findReference(id) != nullptr);
  }
  CHECK(p.findReference("no such thing") == nullptr);
  for (const char* key : {"spec_task", "spec_repair", "code_task", "followup_task", "refine_task", "verify_task",
                          "decompose_task", "component_task", "assembly_task", "use_tools", "unknown_tool",
                          "invalid_arguments", "offline"})
    CHECK_NOTHROW(p.message(key));
  // Inner headings must not end a template early.
  for (const char* key : {"code_task", "followup_task", "refine_task"}) {
    INFO(key);
    CHECK(p.message(key).find("{{request}}") != std::string::npos);
    CHECK(p.message(key).find("{{spec}}") != std::string::npos);
  }
  CHECK(p.message("followup_task").find("{{code}}") != std::string::npos);
  CHECK(PromptLibrary::fill("a {{x}} {{y}}", {{"x", "1"}}) == "a 1 {{y}}");
  CHECK_THROWS_WITH(p.file("system/none.md"), Catch::Contains("is missing"));
  // The system prompt is byte-identical between calls (prompt caching).
  CHECK(&p.file("system/code.md") == &p.file("system/code.md"));
}
