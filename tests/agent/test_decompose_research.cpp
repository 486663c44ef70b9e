// Decompose end to end (plan, one loop per component, assembly), research re-ranking by
// embeddings with its cache and clean fallbacks, and the refine critique without duplicates.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "agent/refine_stage.h"
#include "agent/research_stage.h"
#include "agent_test_support.h"
#include "llm/embedding_client.h"

using namespace partsmith::agent;
using namespace partsmith::agent::testing;

namespace {

const std::string kMessages = "/v1/messages";
const std::string kEmbeddings = "/v1/embeddings";

const char* kBase =
    "const base = cq.Workplane(\"XY\").box(40, 40, 10).translate([0, 0, 5]);\n"
    "show(base, \"base\");\n";
const char* kPost =
    "const post = cq.Workplane(\"XY\").circle(6).extrude(20).translate([0, 0, 10]);\n"
    "show(post, \"post\");\n";
const char* kAssembled =
    "/* [Size] */\n"
    "// Base width\n"
    "const width = 40; // [20:1:80]\n"
    "const base = cq.Workplane(\"XY\").box(width, width, 10).translate([0, 0, 5]);\n"
    "const post = cq.Workplane(\"XY\").circle(6).extrude(20).translate([0, 0, 10]);\n"
    "show(base.union(post), \"stand\");\n";

json standSpec() {
  return {{"interpretation", "A square base plate with a round post standing on its centre."},
          {"checklist", {"Is there a square base?", "Is there a round post on it?", "Is the post centred?"}},
          {"assertions", json::array({{{"kind", "bbox_size"}, {"axis", "x"}, {"value", 40}, {"tolerance", 0.1}},
                                      {{"kind", "bbox_size"}, {"axis", "z"}, {"value", 30}, {"tolerance", 0.1}},
                                      {{"kind", "solid_count"}, {"value", 1}}})},
          {"complexity", 8},
          {"category", "mechanical components"},
          {"techniques", {"box", "extrude", "union"}}};
}

// Deterministic "embeddings": one dimension per concept, so similar words land close together.
std::vector<float> conceptVector(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  static const std::vector<std::vector<std::string>> concepts{
      {"gear", "cog", "teeth", "tooth", "sprocket", "pinion"},
      {"bracket", "mount", "shelf"},
      {"box", "case", "enclosure", "lid"},
      {"vase", "funnel", "revolve"},
      {"plate", "panel", "washer"},
      {"pipe", "clamp"}};
  std::vector<float> v(concepts.size() + 1, 0.f);
  for (size_t i = 0; i < concepts.size(); ++i)
    for (const auto& w : concepts[i])
      for (size_t at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) v[i] += 1.f;
  v.back() = 0.2f;  // never the zero vector
  return v;
}

ScriptedResponse embeddingReply(const partsmith::test::ReceivedRequest& r) {
  const json body = r.json();
  json data = json::array();
  int i = 0;
  for (const json& input : body["input"]) data.push_back({{"object", "embedding"}, {"index", i++}, {"embedding", conceptVector(input)}});
  return ScriptedResponse::json(200, {{"object", "list"},
                                      {"data", data},
                                      {"model", body["model"]},
                                      {"usage", {{"prompt_tokens", 7 * i}, {"total_tokens", 7 * i}}}});
}

size_t countPath(const LlmTestServer& server, const std::string& path) {
  size_t n = 0;
  for (const auto& r : server.requests()) n += r.path == path;
  return n;
}

std::shared_ptr<partsmith::llm::OpenAiProvider> openAi(const LlmTestServer& server) {
  return makeProvider<partsmith::llm::OpenAiProvider>(server, "openai");
}

}  // namespace

TEST_CASE("decompose: a complex part is planned, built per component and assembled", "[agent][decompose]") {
  LlmTestServer server;
  TempStore db;
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(standSpec().dump())));
  const json plan = {{"components", {{{"name", "base"}, {"description", "a 40 x 40 x 10 mm plate on the XY plane, centred"}},
                                     {{"name", "post"}, {"description", "a 12 mm round post, 20 mm tall, on top of the base"}}}},
                     {"assembly", "union the post onto the centre of the base"}};
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText("Plan:\n```json\n" + plan.dump() + "\n```")));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kBase}})},
                                                                 {"run_code", "{}"},
                                                                 {"finish", args({{"summary", "base"}})}})));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kPost}})},
                                                                 {"run_code", "{}"},
                                                                 {"finish", args({{"summary", "post"}})}})));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kAssembled}})},
                                                                 {"run_code", "{}"},
                                                                 {"finish", args({{"summary", "a stand"}})}})));
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.spec = stageModel(provider, "claude-haiku-4-5");
  models.code = stageModel(provider, "claude-sonnet-4-5");
  PipelineSettings settings;
  settings.visualEnabled = false;
  settings.fewShotCount = 0;
  Pipeline pipeline(db.store.get(), sharedKernel(), models, settings, prompts());
  std::vector<std::string> components;
  std::mutex m;
  pipeline.setProgressSink([&](const ProgressEvent& e) {
    std::lock_guard<std::mutex> lock(m);
    if (e.kind == "stage_start" && e.stage == "decompose" && e.message.rfind("component: ", 0) == 0)
      components.push_back(e.message.substr(11));
  });
  GenerationRequest req;
  req.request = "a stand: a 40 mm square base with a 12 mm post in the middle, 30 mm tall overall";
  GenerationResult r = pipeline.run(req);

  REQUIRE(r.status == "succeeded");
  CHECK(r.decomposed);
  CHECK(components == std::vector<std::string>{"base", "post"});
  CHECK(r.code == kAssembled);
  REQUIRE(r.evaluation);
  CHECK(r.evaluation->composite == Approx(10));
  CHECK(r.refineRounds == 0);
  const StageMetrics* d = r.stage("decompose");
  REQUIRE(d);
  CHECK(d->ran);
  CHECK(d->calls == 1);  // the planner
  const StageMetrics* code = r.stage("code");
  REQUIRE(code);
  CHECK(code->steps == 3);  // one turn per component loop and one for the assembly

  auto requests = bodies(server, kMessages);
  REQUIRE(requests.size() == 5);
  CHECK(requests[1]["system"].dump().find("planner") != std::string::npos);
  // Each component loop sees only its own description; the assembly sees both components' code.
  const std::string base = requests[2]["messages"][0]["content"].dump();
  const std::string post = requests[3]["messages"][0]["content"].dump();
  const std::string assembly = requests[4]["messages"][0]["content"].dump();
  CHECK(base.find("40 x 40 x 10") != std::string::npos);
  CHECK(base.find("12 mm round post") == std::string::npos);
  CHECK(post.find("12 mm round post") != std::string::npos);
  CHECK(assembly.find("box(40, 40, 10)") != std::string::npos);
  CHECK(assembly.find("circle(6)") != std::string::npos);
  CHECK(assembly.find("union the post") != std::string::npos);
  // Each loop starts afresh: the component loops do not carry each other's messages.
  CHECK(requests[3]["messages"].size() == 1);

  auto g = db.store->generations().get(r.generationId, true);
  CHECK(g.status == "succeeded");
  int decomposeSteps = 0, runs = 0;
  for (const auto& s : g.transcript) {
    decomposeSteps += s.stage == "decompose";
    runs += s.kind == "tool_result" && s.code.has_value();
  }
  CHECK(decomposeSteps >= 12);  // plan prompt + reply, 3 loops of task, turn, calls and results
  CHECK(runs == 3);             // each component and the assembly ran
}

TEST_CASE("decompose falls back to one loop when the plan is unusable", "[agent][decompose]") {
  LlmTestServer server;
  TempStore db;
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(standSpec().dump())));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(R"({"components": [{"name": "all"}]})")));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kAssembled}})},
                                                                 {"finish", args({{"summary", "a stand"}})}})));
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.spec = stageModel(provider, "claude-haiku-4-5");
  models.code = stageModel(provider, "claude-sonnet-4-5");
  PipelineSettings settings;
  settings.visualEnabled = false;
  settings.fewShotCount = 0;
  std::vector<std::string> warnings;
  Pipeline pipeline(db.store.get(), sharedKernel(), models, settings, prompts());
  pipeline.setProgressSink([&](const ProgressEvent& e) {
    if (e.kind == "warning") warnings.push_back(e.message);
  });
  GenerationRequest req;
  req.request = "a stand with a post";
  GenerationResult r = pipeline.run(req);
  REQUIRE(r.status == "succeeded");
  CHECK_FALSE(r.decomposed);
  CHECK(server.requestCount() == 3);
  bool said = false;
  for (const auto& w : warnings) said = said || w.find("fewer than two components") != std::string::npos;
  CHECK(said);
}

TEST_CASE("research re-ranks by embeddings, caches example vectors and falls back cleanly", "[agent][research][embeddings]") {
  LlmTestServer server;
  TempStore db;
  server.setResponder(kEmbeddings, embeddingReply);
  auto& library = db.store->library();
  const std::string query = "cog clock";  // no library example uses these words

  ResearchStage textOnly(library);
  CHECK(textOnly.retrieve(query, {}, 3).empty());

  ResearchStage research(library);
  auto client = std::make_shared<partsmith::llm::EmbeddingClient>(openAi(server), "text-embedding-3-small", "openai-test");
  int calls = 0;
  int64_t tokens = 0;
  research.setEmbeddings(client, [&](const partsmith::llm::EmbeddingBatch& b) {
    calls += b.requests;
    tokens += b.promptTokens;
  });
  auto first = research.retrieve(query, {}, 3);
  REQUIRE(first.size() == 3);
  CHECK(first[0].title.find("gear") != std::string::npos);
  CHECK(first[0].similarity > 0.8);
  CHECK(first[1].similarity < first[0].similarity);
  CHECK(research.lastEmbedding().used);
  CHECK(research.lastEmbedding().computed == static_cast<int>(library.count("approved")));
  CHECK(research.lastEmbedding().cached == 0);
  CHECK(calls == 2);  // the query, then the library in one batch
  CHECK(tokens > 0);
  const auto requests = bodies(server, kEmbeddings);
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["model"] == "text-embedding-3-small");
  CHECK(requests[0]["input"] == json::array({query}));
  // The vectors are cached in the library, keyed by provider and model.
  const auto gear = library.get(first[0].id);
  REQUIRE(gear.embeddingModel);
  CHECK(*gear.embeddingModel == "openai-test/text-embedding-3-small");
  CHECK(gear.embedding.size() == 7);

  // A second search embeds only its query.
  ResearchStage again(library);
  again.setEmbeddings(client);
  auto second = again.retrieve("a sprocket", {}, 2);
  REQUIRE_FALSE(second.empty());
  CHECK(second[0].title.find("gear") != std::string::npos);
  CHECK(again.lastEmbedding().computed == 0);
  CHECK(again.lastEmbedding().cached == static_cast<int>(library.count("approved")));
  CHECK(countPath(server, kEmbeddings) == 3);

  // Text and techniques still count: a request FTS matches keeps its best text hit near the top.
  auto mixed = again.retrieve("pipe tee", {}, 3);
  REQUIRE_FALSE(mixed.empty());
  CHECK(mixed[0].title.find("Pipe tee") != std::string::npos);

  SECTION("a provider without embeddings is skipped before any request") {
    ResearchStage anthropic(library);
    anthropic.setEmbeddings(std::make_shared<partsmith::llm::EmbeddingClient>(
        makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic"), "claude-sonnet-4-5"));
    const size_t before = server.requestCount();
    CHECK(anthropic.retrieve(query, {}, 3).empty());
    CHECK(server.requestCount() == before);
    CHECK_FALSE(anthropic.lastEmbedding().used);
    CHECK(anthropic.lastEmbedding().skipped.find("no embeddings endpoint") != std::string::npos);
  }
  SECTION("a failing embeddings endpoint falls back once and is not asked again") {
    LlmTestServer broken;
    broken.setDefault(kEmbeddings, ScriptedResponse::json(404, {{"error", {{"message", "model not found"}, {"type", "not_found_error"}}}}));
    ResearchStage fallback(library);
    fallback.setEmbeddings(std::make_shared<partsmith::llm::EmbeddingClient>(openAi(broken), "nomic-embed-text"));
    auto hits = fallback.retrieve("pipe tee", {}, 2);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].similarity == 0);
    CHECK(fallback.lastEmbedding().skipped.find("model not found") != std::string::npos);
    fallback.retrieve("gear", {}, 2);
    CHECK(broken.requestCount() == 1);
    CHECK_FALSE(fallback.lastEmbedding().skipped.empty());
  }
}

TEST_CASE("the pipeline reports how research ranked, records embedding usage, and can switch it off",
          "[agent][research][embeddings]") {
  LlmTestServer server;
  TempStore db;
  server.setResponder(kEmbeddings, embeddingReply);
  auto anthropic = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  auto run = [&](const StageModel& embedding, bool enabled, std::vector<ProgressEvent>& info) {
    server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kCubeCode}})},
                                                                   {"finish", args({{"summary", "cube"}})}})));
    PipelineModels models;
    models.code = stageModel(anthropic, "claude-sonnet-4-5");
    models.embedding = embedding;
    PipelineSettings settings;
    settings.specEnabled = false;
    settings.visualEnabled = false;
    settings.fewShotCount = 2;
    settings.embeddingsEnabled = enabled;
    Pipeline pipeline(db.store.get(), sharedKernel(), models, settings, prompts());
    pipeline.setProgressSink([&](const ProgressEvent& e) {
      if (e.stage == "research" && (e.kind == "info" || e.kind == "warning" || e.kind == "error")) info.push_back(e);
    });
    GenerationRequest req;
    req.request = "a cog for a clock";
    return pipeline.run(req);
  };

  std::vector<ProgressEvent> used;
  GenerationResult a = run(stageModel(openAi(server), "text-embedding-3-small", "openai-test"), true, used);
  REQUIRE(a.status == "succeeded");
  REQUIRE(used.size() == 1);
  CHECK(used[0].kind == "info");
  CHECK(used[0].data["embeddings"] == true);
  REQUIRE_FALSE(a.examples.empty());
  CHECK(a.examples[0].title.find("gear") != std::string::npos);
  CHECK(a.toJson()["examples"][0]["similarity"].get<double>() > 0.8);
  const StageMetrics* research = a.stage("research");
  REQUIRE(research);
  CHECK(research->calls == 2);
  CHECK(research->llmMs > 0);  // embedding time is model time, not the agent's overhead
  auto g = db.store->generations().get(a.generationId);
  bool recorded = false;
  for (const auto& s : g.stages)
    recorded = recorded || (s.stage == "research" && s.calls == 2 && s.usage.input > 0 && s.modelId == "text-embedding-3-small");
  CHECK(recorded);
  CHECK(g.settings["embeddings"] == true);

  std::vector<ProgressEvent> skipped;
  GenerationResult b = run(stageModel(anthropic, "claude-sonnet-4-5"), true, skipped);
  REQUIRE(b.status == "succeeded");
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].kind == "info");
  CHECK(skipped[0].message.find("without embeddings") != std::string::npos);
  CHECK(skipped[0].message.find("no embeddings endpoint") != std::string::npos);

  std::vector<ProgressEvent> off;
  const size_t before = countPath(server, kEmbeddings);
  GenerationResult c = run(stageModel(openAi(server), "text-embedding-3-small", "openai-test"), false, off);
  REQUIRE(c.status == "succeeded");
  CHECK(off.empty());
  CHECK(countPath(server, kEmbeddings) == before);
  for (const auto& e : c.examples) CHECK(e.similarity == 0);
}

TEST_CASE("the refine critique lists a checklist item once when two tracks say no", "[agent][refine]") {
  Evaluation ev;
  ev.built = true;
  ev.critique = {"Code review: the hole is 4 mm, make it 5 mm"};
  ev.checklist = {{"Is there one hole through it?", "no", "code_review", "the hole stops at 10 mm depth"},
                  {"Is it a cube?", "yes", "visual", ""},
                  {"Is there one hole through it?  ", "no", "visual", "no light through the hole in the top view"},
                  {"is there one hole through it?", "no", "visual", "no light through the hole in the top view"},
                  {"Is the hole centred?", "no", "visual", ""},
                  {"Is the hole centred?", "uncertain", "code_review", "cannot tell"}};
  const auto critique = RefineStage::critiqueFor(ev, nullptr);
  REQUIRE(critique.size() == 3);
  CHECK(critique[0] == ev.critique[0]);
  CHECK(critique[1] ==
        "Checklist item not met: Is there one hole through it? — code_review: the hole stops at 10 mm depth; "
        "visual: no light through the hole in the top view");
  CHECK(critique[2] == "Checklist item not met: Is the hole centred?");

  // An open item from the last verification is not repeated either.
  Verification v;
  v.ran = true;
  v.items = {{critique[1], "no", "still blind"}, {critique[2], "yes", ""}};
  const auto next = RefineStage::critiqueFor(ev, &v);
  CHECK(next.size() == 3);
}
