#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "store/database.h"
#include "store/store.h"
#include "store/store_error.h"
#include "store/training_export.h"
#include "store_test_support.h"

using namespace partsmith;
using namespace partsmith::store;
using json = nlohmann::json;

namespace {

int64_t succeeded(Store& s, const std::string& request, const std::string& code) {
  NewGeneration ng;
  ng.request = request;
  int64_t id = s.generations().create(ng);
  s.generations().setSpec(id, {{"category", "brackets and mounts"}, {"complexity", 4}, {"techniques", {"extrude", "hole"}}});
  GenerationOutcome o;
  o.status = "succeeded";
  o.finalCode = code;
  o.compositeScore = 8.0;
  s.generations().finish(id, o);
  return id;
}

void step(Store& s, int64_t id, const std::string& kind, const std::string& tool, const std::string& content,
          std::optional<std::string> code = std::nullopt, bool error = false, const std::string& callId = "c") {
  GenerationStep st;
  st.stage = "code";
  st.kind = kind;
  st.role = kind == "tool_call" ? "assistant" : kind == "tool_result" ? "tool" : "assistant";
  if (!tool.empty()) st.toolName = tool;
  if (kind != "message") st.toolCallId = callId;
  st.content = content;
  st.code = code;
  st.isError = error;
  s.generations().appendStep(id, st);
}

std::vector<json> lines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

}  // namespace

TEST_CASE("ratings and exports make curation candidates; promote and reject take them off", "[store][curation]") {
  test::TempDir dir;
  Store s(dir.file("k.db"), test::bareOptions());
  int64_t up = succeeded(s, "a hook", "show(hook);");
  int64_t stars = succeeded(s, "a knob", "show(knob);");
  int64_t exported = succeeded(s, "a clip", "show(clip);");
  int64_t meh = succeeded(s, "a cube", "show(cube);");
  int64_t down = succeeded(s, "a gear", "show(gear);");
  s.feedback().setThumbs(up, 1);
  s.feedback().setStars(stars, 4);
  s.feedback().setStars(meh, 3);
  s.feedback().recordExport(exported, "3mf", "/tmp/clip.3mf", {{"width", 12}});
  s.feedback().recordExport(down, "stl", "/tmp/gear.stl");
  s.feedback().setThumbs(down, -1);  // an explicit "no" outweighs the export
  s.feedback().setComment(up, "perfect");
  s.feedback().recordSignal(up, true, "kept editing from it");

  auto rating = s.feedback().rating(up);
  REQUIRE(rating);
  CHECK(rating->thumbs == 1);
  CHECK(rating->comment == std::string("perfect"));
  CHECK(rating->accepted == true);
  CHECK(s.feedback().exportsOf(exported).at(0).parameters["width"] == 12);
  CHECK_THROWS_AS(s.feedback().setStars(up, 6), StoreError);
  CHECK_THROWS_AS(s.feedback().recordExport(up, "obj", "/tmp/x.obj"), StoreError);

  auto candidates = s.curation().candidates();
  std::vector<int64_t> ids;
  for (const auto& c : candidates) ids.push_back(c.generationId);
  CHECK(ids.size() == 3);
  CHECK(std::count(ids.begin(), ids.end(), up) == 1);
  CHECK(std::count(ids.begin(), ids.end(), stars) == 1);
  CHECK(std::count(ids.begin(), ids.end(), exported) == 1);
  for (const auto& c : candidates)
    if (c.generationId == exported) CHECK(c.reasons == std::vector<std::string>{"exported 1×"});

  Promotion p;
  p.prompt = "A coat hook for a 20 mm rail";
  p.tags = {"hook", "wall"};
  int64_t example = s.curation().promote(up, p);
  LibraryExample e = s.library().get(example);
  CHECK(e.status == "approved");
  CHECK(e.source == "curated");
  CHECK(e.prompt == "A coat hook for a 20 mm rail");
  CHECK(e.category == "brackets and mounts");  // from the spec
  CHECK(e.complexity == 4);
  CHECK(e.techniques == std::vector<std::string>{"extrude", "hole"});
  CHECK(e.tags == std::vector<std::string>{"hook", "wall"});
  CHECK(e.score == Approx(8.0));
  CHECK(e.sourceGenerationId == up);
  s.curation().reject(stars, "wrong size");
  CHECK(s.curation().candidates().size() == 1);
  CHECK_THROWS_WITH(s.curation().promote(up, p), Catch::Contains("already reviewed"));
  // The promoted example is now retrievable; the rejected one is not offered.
  CHECK(s.library().search("coat hook rail").size() == 1);
  LibraryFilter any;
  any.status.reset();
  CHECK(s.library().search("knob", any).size() == 1);
  CHECK(s.library().search("knob").empty());
}

TEST_CASE("library examples: edits re-index, embeddings, status, import", "[store][library]") {
  test::TempDir dir;
  Store s(dir.file("l.db"), test::bareOptions());
  LibraryExample e;
  e.title = "Hex standoff";
  e.prompt = "a hexagonal standoff for M3 screws";
  e.code = "show(cq.Workplane().polygon(6, 6).extrude(10));";
  e.category = "mechanical components";
  e.complexity = 2;
  e.techniques = {"polygon", "extrude"};
  e.source = "workbench";
  int64_t id = s.library().add(e);
  CHECK(s.library().get(id).status == "candidate");
  CHECK(s.library().search("standoff").empty());  // candidates are not retrieved
  s.library().setStatus(id, "approved", "fine");
  CHECK(s.library().search("hexagonal").size() == 1);
  s.library().setEmbedding(id, "text-embedding-3-small", {0.25f, -1.5f, 3.0f});
  LibraryExample got = s.library().get(id);
  CHECK(got.embedding == std::vector<float>{0.25f, -1.5f, 3.0f});
  CHECK(got.embeddingModel == std::string("text-embedding-3-small"));
  got.prompt = "a round spacer for M3 screws";
  s.library().update(got);
  CHECK(s.library().search("hexagonal").empty());
  CHECK(s.library().search("spacer").size() == 1);
  CHECK(s.library().get(id).embedding.empty());  // the text changed: the old vector is dropped
  e.prompt.clear();
  CHECK_THROWS_WITH(s.library().add(e), Catch::Contains("no prompt"));

  test::TempDir examples;
  {
    std::ofstream(examples.file("cube.js")) << "// @prompt: a 10 mm cube\n// @category: primitives\n"
                                               "// @complexity: 1\n// @techniques: box\n"
                                               "// @expect: volume = 1000\nshow(cq.Workplane().box(10,10,10));\n";
    std::ofstream(examples.file("no_header.js")) << "show(cq.Workplane().box(1,1,1));\n";
  }
  ImportReport r = s.library().importDirectory(examples.path());
  CHECK(r.added == 1);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].find("no_header.js") != std::string::npos);
  auto cube = s.library().search("cube").at(0).example;
  CHECK(cube.title == "Cube");
  CHECK(cube.expectations.at(0)["path"] == "volume");
  CHECK(cube.expectations.at(0)["expected"] == 1000);
  r = s.library().importDirectory(examples.path());
  CHECK(r.unchanged == 1);
  std::ofstream(examples.file("cube.js"), std::ios::app) << "// changed\n";
  r = s.library().importDirectory(examples.path());
  CHECK(r.updated == 1);
  CHECK(s.library().count() == 2);
  CHECK_THROWS_AS(s.library().importDirectory(examples.file("missing")), StoreError);
}

TEST_CASE("training export: alpaca and sharegpt JSONL with tool calls and repair traces", "[store][export]") {
  test::TempDir dir;
  Store s(dir.file("t.db"), test::bareOptions());
  LibraryExample seed;
  seed.title = "Cube";
  seed.prompt = "a 10 mm cube";
  seed.code = "// @prompt: a 10 mm cube\n// @complexity: 1\nshow(cq.Workplane().box(10, 10, 10));\n";
  seed.source = "seed";
  seed.status = "approved";
  s.library().add(seed);

  // A generation whose first run failed and whose second worked.
  NewGeneration ng;
  ng.request = "a plate with 4 holes";
  ng.tools = json::array({{{"name", "run_code"}, {"description", "run the script"}}});
  int64_t gen = s.generations().create(ng);
  const std::string broken = "cq.Workplane().box(50, 50, 5).faces('>Z').hole(4, 4, 4)";
  const std::string fixed = "show(cq.Workplane().box(50, 50, 5).faces('>Z').workplane().rarray(30, 30, 2, 2).hole(4));";
  step(s, gen, "message", "", "I will write the plate first.");
  step(s, gen, "tool_call", "write_code", json({{"code", broken}}).dump(), std::nullopt, false, "c1");
  step(s, gen, "tool_result", "write_code", "saved", std::nullopt, false, "c1");
  step(s, gen, "tool_call", "run_code", "{}", broken, false, "c2");
  step(s, gen, "tool_result", "run_code", "line 1: hole() takes 1 to 2 arguments", std::nullopt, true, "c2");
  step(s, gen, "tool_call", "run_code", "{}", fixed, false, "c3");
  step(s, gen, "tool_result", "run_code", "{\"ok\":true,\"facts\":{\"holes\":4}}", std::nullopt, false, "c3");
  step(s, gen, "tool_call", "finish", json({{"summary", "A plate with four holes."}}).dump(), std::nullopt, false, "c4");
  step(s, gen, "tool_result", "finish", "done", std::nullopt, false, "c4");
  step(s, gen, "message", "", "Here is a 50 mm plate with four 4 mm holes.");
  GenerationOutcome o;
  o.status = "succeeded";
  o.finalCode = fixed;
  s.generations().finish(gen, o);
  s.feedback().setThumbs(gen, 1);
  Promotion p;
  p.prompt = "A square plate with four holes in a grid";
  s.curation().promote(gen, p);

  auto repairs = mineRepairTraces(s.db());
  REQUIRE(repairs.size() == 1);
  CHECK(repairs[0].failedCode == broken);
  CHECK(repairs[0].fixedCode == fixed);
  CHECK(repairs[0].error.find("hole()") != std::string::npos);

  std::ostringstream alpacaOut;
  TrainingExportOptions options;
  options.system = "You write Partsmith scripts.";
  TrainingExportReport report = exportTraining(s.db(), alpacaOut, options);
  CHECK(report.examples == 2);
  CHECK(report.repairs == 1);
  auto alpaca = lines(alpacaOut.str());
  REQUIRE(alpaca.size() == 3);
  for (const auto& rec : alpaca) {
    CHECK(rec.contains("instruction"));
    CHECK(rec.contains("input"));
    CHECK(rec.contains("output"));
    CHECK(rec["system"] == "You write Partsmith scripts.");
  }
  CHECK(alpaca[0]["instruction"] == "a 10 mm cube");
  CHECK(alpaca[0]["output"] == "show(cq.Workplane().box(10, 10, 10));\n");  // header stripped
  CHECK(alpaca[2]["instruction"] == "a plate with 4 holes");
  CHECK(alpaca[2]["input"].get<std::string>().find(broken) != std::string::npos);
  CHECK(alpaca[2]["output"] == fixed);

  std::ostringstream shareOut;
  options.format = TrainingFormat::ShareGpt;
  options.system.clear();
  report = exportTraining(s.db(), shareOut, options);
  CHECK(report.withToolCalls == 1);
  auto share = lines(shareOut.str());
  REQUIRE(share.size() == 3);
  const json& turns = share[1]["conversations"];
  CHECK(share[1]["tools"].get<std::string>().find("run_code") != std::string::npos);
  CHECK(turns[0]["from"] == "human");
  CHECK(turns[0]["value"] == "A square plate with four holes in a grid");
  // LLaMA-Factory's rule: human/observation on odd turns, gpt/function_call on even ones.
  for (size_t i = 0; i < turns.size(); ++i) {
    const std::string from = turns[i]["from"];
    INFO("turn " << i << " " << from);
    if (i % 2 == 0) CHECK((from == "human" || from == "observation"));
    else CHECK((from == "gpt" || from == "function_call"));
  }
  CHECK(turns.back()["from"] == "gpt");
  CHECK(turns.back()["value"] == "Here is a 50 mm plate with four 4 mm holes.");
  CHECK(json::parse(turns[1]["value"].get<std::string>())["name"] == "write_code");
  CHECK(turns.size() == 10);  // human + 4 × (call, result) + gpt
  CHECK(share[0]["conversations"].size() == 2);
  CHECK(share[2]["conversations"][0]["value"].get<std::string>().find("Error:") != std::string::npos);

  // Rated down after all: its repair trace is no longer training data.
  s.feedback().setThumbs(gen, -1);
  CHECK(mineRepairTraces(s.db()).empty());
}
