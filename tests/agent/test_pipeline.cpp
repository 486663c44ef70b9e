// The generation pipeline end to end: real HTTP to the scripted LLM peer, the real kernel
// worker, a real SQLite file.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

#include "agent/pipeline.h"
#include "agent_test_support.h"

using namespace partsmith::agent;
using namespace partsmith::agent::testing;

namespace {

const std::string kMessages = "/v1/messages";
const std::string kChat = "/v1/chat/completions";

// Every tool_result block of the last request (which carries the whole history), in order.
std::vector<json> toolResults(const std::vector<json>& requests) {
  std::vector<json> out;
  const json& r = requests.back();
  for (const json& m : r["messages"])
    if (m["content"].is_array())
      for (const json& b : m["content"])
        if (b.value("type", "") == "tool_result") out.push_back(b);
  return out;
}

std::string resultText(const json& block) {
  std::string s;
  for (const json& c : block["content"])
    if (c.value("type", "") == "text") s += c["text"].get<std::string>();
  return s;
}

void report(const std::string& name, const GenerationResult& r) {
  std::printf("[agent] %s: status %s, steps %d, wall %.0f ms, llm %.0f ms, kernel %.0f ms, overhead %.1f ms (%.2f%%)\n",
              name.c_str(), r.status.c_str(), r.steps, r.wallMs, r.llmMs, r.kernelMs, r.overheadMs(),
              r.wallMs > 0 ? 100.0 * r.overheadMs() / r.wallMs : 0.0);
  for (const auto& s : r.stages)
    if (s.ran)
      std::printf("[agent]   %-9s calls %d steps %d in %lld cache-r %lld out %lld, llm %.0f ms, kernel %.0f ms\n",
                  s.stage.c_str(), s.calls, s.steps, static_cast<long long>(s.inputTokens),
                  static_cast<long long>(s.cacheReadTokens), static_cast<long long>(s.outputTokens), s.llmMs, s.kernelMs);
}

}  // namespace

TEST_CASE("a script error is fixed after the model sees it; the spec gets one repair; all is in SQLite", "[agent][pipeline]") {
  LlmTestServer server;
  TempStore db;
  // Spec: first invalid (one checklist item), then valid.
  json bad = cubeSpec();
  bad["checklist"] = {"Is it a cube?"};
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText("```json\n" + bad.dump() + "\n```")));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(cubeSpec().dump())));
  // Code: a misspelled method, run; then the fix, run, finish.
  std::string broken = kCubeCode;
  broken.replace(broken.find(".box("), 5, ".bx(");
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn(
                                {{"write_code", args({{"code", broken}})}, {"run_code", "{}"}}, "Writing the cube.")));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn(
                                {{"edit_code", args({{"old", ".bx("}, {"new", ".box("}})}, {"run_code", "{}"}})));
  server.enqueue(kMessages,
                 ScriptedResponse::sse(anthropicTurn({{"finish", args({{"summary", "A 20 mm cube with a 5 mm hole."}})}})));

  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.spec = stageModel(provider, "claude-haiku-4-5");
  models.code = stageModel(provider, "claude-sonnet-4-5");
  PipelineSettings settings;
  settings.visualEnabled = false;
  Pipeline pipeline(db.store.get(), sharedKernel(), models, settings, prompts());
  std::vector<ProgressEvent> events;
  pipeline.setProgressSink([&](const ProgressEvent& e) {
    static std::mutex m;
    std::lock_guard<std::mutex> lock(m);
    events.push_back(e);
  });
  GenerationRequest req;
  req.request = "A 20 mm cube with a 5 mm hole through it";
  req.origin = "cli";
  GenerationResult r = pipeline.run(req);
  report("error fixed", r);

  REQUIRE(r.status == "succeeded");
  CHECK(r.specFromModel);
  CHECK(r.code.find(".box(") != std::string::npos);
  CHECK(r.codeRuns);
  REQUIRE(r.evaluation);
  CHECK(r.evaluation->built);
  CHECK(r.evaluation->composite == Approx(10));
  CHECK(r.steps == 3);

  auto requests = bodies(server, kMessages);
  REQUIRE(requests.size() == 5);
  // The spec repair names the problem.
  CHECK(requests[1]["messages"].back()["content"].dump().find("checklist") != std::string::npos);
  // The error reached the model as an error tool result with line and hint.
  auto results = toolResults(requests);
  REQUIRE(results.size() == 4);
  const json& runResult = results[1];
  CHECK(runResult.value("is_error", false));
  const json run = json::parse(resultText(runResult));
  CHECK_FALSE(run["ok"].get<bool>());
  CHECK(run["errors"][0]["line"].get<int>() == 6);
  CHECK(run["errors"][0]["message"].get<std::string>().find("bx") != std::string::npos);
  // The stable prefix: the same system prompt and tools on every code turn.
  CHECK(requests[2]["system"] == requests[3]["system"]);
  CHECK(requests[2]["tools"] == requests[4]["tools"]);
  // Few-shot examples came from the seeded library.
  CHECK_FALSE(r.examples.empty());
  CHECK(requests[2]["messages"][0]["content"].dump().find("Similar tested examples") != std::string::npos);
  // The assertions were checked after the good run and reached the model.
  const json good = json::parse(resultText(results[3]));
  CHECK(good["ok"].get<bool>());
  REQUIRE(good["assertions"].size() == 3);
  for (const json& a : good["assertions"]) CHECK(a["passed"].get<bool>());

  // Progress: stages started and the run finished.
  bool sawDone = false, sawTool = false;
  for (const auto& e : events) {
    sawDone = sawDone || e.kind == "done";
    sawTool = sawTool || e.kind == "tool_result";
  }
  CHECK(sawDone);
  CHECK(sawTool);

  // The record, read back from the file by a new connection.
  partsmith::store::StoreOptions o;
  o.autoBackup = false;
  partsmith::store::Store reopened(db.path(), o);
  auto g = reopened.generations().get(r.generationId, /*withTranscript=*/true);
  CHECK(g.status == "succeeded");
  CHECK(g.origin == "cli");
  REQUIRE(g.finalCode);
  CHECK(*g.finalCode == r.code);
  CHECK(g.spec["checklist"].size() == 3);
  CHECK(g.steps == 3);
  CHECK(g.totals.input > 0);
  CHECK(g.totals.output > 0);
  REQUIRE(g.compositeScore);
  CHECK(*g.compositeScore == Approx(10));
  bool haveAssertions = false;
  for (const auto& s : g.scores) haveAssertions = haveAssertions || s.track == "assertions";
  CHECK(haveAssertions);
  int calls = 0, toolResultsStored = 0, errors = 0;
  for (const auto& s : g.transcript) {
    calls += s.kind == "tool_call";
    toolResultsStored += s.kind == "tool_result";
    errors += s.kind == "tool_result" && s.isError;
  }
  CHECK(calls == 5);
  CHECK(toolResultsStored == 5);
  CHECK(errors == 1);
  bool codeStage = false;
  for (const auto& s : g.stages) codeStage = codeStage || (s.stage == "code" && s.calls == 3);
  CHECK(codeStage);
}

TEST_CASE("malformed tool arguments and unknown tools are answered as tool errors", "[agent][pipeline]") {
  LlmTestServer server;
  TempStore db;
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn(
                                {{"frobnicate", args({{"x", 1}})}, {"write_code", "{\"code\": \"const a = "}})));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"kode", "x"}})}})));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kCubeCode}})},
                                                                 {"finish", args({{"summary", "done"}})}})));
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.code = stageModel(provider, "claude-sonnet-4-5");
  PipelineSettings settings;
  settings.specEnabled = false;
  settings.visualEnabled = false;
  Pipeline pipeline(db.store.get(), sharedKernel(), models, settings, prompts());
  GenerationRequest req;
  req.request = "a cube with a hole";
  GenerationResult r = pipeline.run(req);
  report("tool errors", r);
  REQUIRE(r.status == "succeeded");

  auto requests = bodies(server, kMessages);
  REQUIRE(requests.size() == 3);
  auto results = toolResults(requests);
  REQUIRE(results.size() == 3);
  CHECK(results[0].value("is_error", false));
  CHECK(resultText(results[0]).find("There is no tool \"frobnicate\"") != std::string::npos);
  CHECK(resultText(results[0]).find("write_code") != std::string::npos);
  CHECK(results[1].value("is_error", false));
  CHECK(resultText(results[1]).find("not a valid JSON object") != std::string::npos);
  CHECK(results[2].value("is_error", false));
  CHECK(resultText(results[2]).find("\"code\" is missing") != std::string::npos);
  // finish ran the unrun code itself.
  CHECK(r.codeRuns);
  auto g = db.store->generations().get(r.generationId, true);
  int errorResults = 0;
  for (const auto& s : g.transcript) errorResults += s.kind == "tool_result" && s.isError;
  CHECK(errorResults == 3);
}

TEST_CASE("a follow-up edits the previous generation's code", "[agent][pipeline]") {
  LlmTestServer server;
  TempStore db;
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.code = stageModel(provider, "claude-sonnet-4-5");
  PipelineSettings settings;
  settings.specEnabled = false;
  settings.visualEnabled = false;
  settings.fewShotCount = 0;

  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kCubeCode}})},
                                                                 {"finish", args({{"summary", "cube"}})}})));
  GenerationRequest first;
  first.request = "a 20 mm cube with a 5 mm hole";
  GenerationResult a = Pipeline(db.store.get(), sharedKernel(), models, settings, prompts()).run(first);
  REQUIRE(a.status == "succeeded");

  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn(
                                {{"edit_code", args({{"old", "const hole = 5;"}, {"new", "const hole = 8;"}})},
                                 {"run_code", "{}"}})));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"finish", args({{"summary", "hole is 8 mm"}})}})));
  GenerationRequest follow;
  follow.request = "make the hole 8 mm";
  follow.parentGenerationId = a.generationId;
  GenerationResult b = Pipeline(db.store.get(), sharedKernel(), models, settings, prompts()).run(follow);
  report("follow-up", b);
  REQUIRE(b.status == "succeeded");
  CHECK(b.code.find("const hole = 8;") != std::string::npos);
  CHECK(b.code.find("const size = 20;") != std::string::npos);
  auto requests = bodies(server, kMessages);
  REQUIRE(requests.size() == 3);
  const std::string task = requests[1]["messages"][0]["content"].dump();
  CHECK(task.find("edit_code") != std::string::npos);
  CHECK(task.find("const hole = 5;") != std::string::npos);  // the current code, to edit
  CHECK(task.find("a 20 mm cube") != std::string::npos);     // and the earlier request
  auto results = toolResults(requests);
  CHECK_FALSE(results[0].value("is_error", false));
  const json run = json::parse(resultText(results[1]));
  CHECK(run["facts"]["holes"][0]["diameter"].get<double>() == Approx(8).margin(1e-6));
  auto g = db.store->generations().get(b.generationId);
  REQUIRE(g.parentGenerationId);
  CHECK(*g.parentGenerationId == a.generationId);
}

TEST_CASE("the step and cost budgets end the loop", "[agent][pipeline][budget]") {
  LlmTestServer server;
  TempStore db;
  SECTION("steps") {
    auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
    PipelineModels models;
    models.code = stageModel(provider, "claude-sonnet-4-5");
    PipelineSettings settings;
    settings.specEnabled = false;
    settings.visualEnabled = false;
    settings.budget.maxSteps = 2;
    server.setDefault(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kCubeCode}})}})));
    GenerationRequest req;
    req.request = "a cube";
    GenerationResult r = Pipeline(db.store.get(), sharedKernel(), models, settings, prompts()).run(req);
    report("step budget", r);
    CHECK(r.status == "budget_exhausted");
    CHECK(r.error.find("step budget") != std::string::npos);
    CHECK(r.steps == 2);
    CHECK(server.requestCount() == 2);
    CHECK(r.codeRuns);  // the last code was run for the record
    CHECK(db.store->generations().get(r.generationId).status == "budget_exhausted");
  }
  SECTION("cost") {
    auto prices = std::make_shared<partsmith::llm::PriceTable>(partsmith::llm::PriceTable::fromJson(
        json::parse(R"({"as_of": "test", "models": [{"provider": "anthropic", "model": "claude-sonnet-4-5", "input": 3.0, "output": 15.0}]})")));
    auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic", prices);
    PipelineModels models;
    models.code = stageModel(provider, "claude-sonnet-4-5");
    PipelineSettings settings;
    settings.specEnabled = false;
    settings.visualEnabled = false;
    settings.budget.maxCostUsd = 0.5;
    // 120k input tokens at $3/M = $0.36 per turn: the second turn crosses $0.50.
    server.setDefault(kMessages,
                      ScriptedResponse::sse(anthropicTurn({{"run_code", "{}"}}, {}, 120000, 100)));
    GenerationRequest req;
    req.request = "a cube";
    GenerationResult r = Pipeline(db.store.get(), sharedKernel(), models, settings, prompts()).run(req);
    report("cost budget", r);
    CHECK(r.status == "budget_exhausted");
    CHECK(r.error.find("cost budget") != std::string::npos);
    CHECK(server.requestCount() == 2);
    CHECK(r.costUsd == Approx(2 * (0.36 + 100 * 15.0 / 1e6)));
  }
}

TEST_CASE("cancellation mid-stream ends the generation promptly and records it", "[agent][pipeline][cancel]") {
  LlmTestServer server;
  TempStore db;
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.code = stageModel(provider, "claude-sonnet-4-5");
  PipelineSettings settings;
  settings.specEnabled = false;
  settings.visualEnabled = false;
  // A slow reply: 200 pieces 50 ms apart (10 s).
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kCubeCode}})}},
                                                                std::string(400, 'x')),
                                                  20, std::chrono::milliseconds(50)));
  Pipeline pipeline(db.store.get(), sharedKernel(), models, settings, prompts());
  std::atomic<int> deltas{0};
  pipeline.setProgressSink([&](const ProgressEvent& e) {
    if (e.kind == "delta") ++deltas;
  });
  GenerationResult r;
  GenerationRequest req;
  req.request = "a cube";
  std::thread worker([&] { r = pipeline.run(req); });
  server.waitForRequests(1, std::chrono::seconds(5));
  for (int i = 0; i < 300 && deltas.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(deltas.load() > 0);  // text was streaming when the cancel came
  const auto t0 = std::chrono::steady_clock::now();
  pipeline.cancel();
  worker.join();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  CHECK(ms < 1500);
  CHECK(r.status == "cancelled");
  CHECK(server.requestCount() == 1);
  auto g = db.store->generations().get(r.generationId, true);
  CHECK(g.status == "cancelled");
  bool stepRecorded = false;
  for (const auto& s : g.transcript) stepRecorded = stepRecorded || (s.stage == "code" && s.role == "assistant");
  CHECK(stepRecorded);
}

TEST_CASE("a refine round raises the score and the verifier checks the critique", "[agent][pipeline][refine]") {
  LlmTestServer server;
  TempStore db;
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.spec = stageModel(provider, "claude-haiku-4-5");
  models.code = stageModel(provider, "claude-sonnet-4-5");
  models.review = stageModel(provider, "claude-haiku-4-5");
  PipelineSettings settings;
  settings.visualEnabled = false;
  settings.fewShotCount = 1;
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(cubeSpec(30).dump())));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kCubeCode}})},
                                                                 {"finish", args({{"summary", "cube"}})}})));
  // Refine: the critique names the x size; the model edits the parameter.
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn(
                                {{"edit_code", args({{"old", "const size = 20;"}, {"new", "const size = 30;"}})},
                                 {"finish", args({{"summary", "now 30 mm"}})}})));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(
                                R"({"items": [{"addressed": "yes", "note": "size is 30 mm now"}]})")));
  GenerationRequest req;
  req.request = "a 30 mm cube with a 5 mm hole";
  GenerationResult r = Pipeline(db.store.get(), sharedKernel(), models, settings, prompts()).run(req);
  report("refine", r);
  REQUIRE(r.status == "succeeded");
  CHECK(r.refineRounds == 1);
  REQUIRE(r.evaluation);
  CHECK(r.evaluation->composite == Approx(10));
  CHECK(r.code.find("const size = 30;") != std::string::npos);
  REQUIRE(r.verifications.size() == 1);
  REQUIRE(r.verifications[0].items.size() == 1);
  CHECK(r.verifications[0].items[0].addressed == "yes");
  auto requests = bodies(server, kMessages);
  REQUIRE(requests.size() == 4);
  const std::string refineTask = requests[2]["messages"][0]["content"].dump();
  CHECK(refineTask.find("x size is 20 mm, expected 30") != std::string::npos);
  CHECK(refineTask.find("const size = 20;") != std::string::npos);  // the current code, to edit
  auto g = db.store->generations().get(r.generationId, true);
  int assertionScores = 0;
  for (const auto& s : g.scores) assertionScores += s.track == "assertions";
  CHECK(assertionScores >= 1);
  CHECK(*g.compositeScore == Approx(10));
  bool verifyStep = false, refineStep = false;
  for (const auto& s : g.transcript) {
    verifyStep = verifyStep || s.stage == "verify";
    refineStep = refineStep || s.stage == "refine";
  }
  CHECK(verifyStep);
  CHECK(refineStep);
}

TEST_CASE("without a model the request gets library examples and how to connect a provider", "[agent][offline]") {
  TempStore db;
  PipelineModels none;
  PipelineSettings settings;
  Pipeline pipeline(db.store.get(), sharedKernel(), none, settings, prompts());
  pipeline.setOfflineReason("no API key for Anthropic (set ANTHROPIC_API_KEY or store the key in the system keyring)");
  GenerationRequest req;
  req.request = "a spur gear with 24 teeth";
  GenerationResult r = pipeline.run(req);
  CHECK(r.status == "offline");
  REQUIRE(r.offline);
  REQUIRE_FALSE(r.offline->examples.empty());
  CHECK(r.offline->examples[0].title.find("gear") != std::string::npos);
  CHECK_FALSE(r.offline->examples[0].parameters.empty());
  CHECK(r.offline->message.find("ANTHROPIC_API_KEY") != std::string::npos);
  CHECK(r.offline->message.find("Ollama") != std::string::npos);
  CHECK(db.store->generations().get(r.generationId).status == "failed");
}
