// A reference image the person attaches reaches the spec and code models in each provider's
// wire format; a model that cannot see images is told, and so is the person.
#include <mutex>

#include <catch2/catch.hpp>

#include "agent/pipeline.h"
#include "agent_test_support.h"

using namespace partsmith::agent;
using namespace partsmith::agent::testing;

namespace {

// A 1x1 PNG: what the image is does not matter to the wire format.
const char* kPng =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

PipelineSettings settings() {
  PipelineSettings s;
  s.researchEnabled = false;
  s.fewShotCount = 0;
  s.evaluateEnabled = false;
  return s;
}

GenerationRequest requestWithImage() {
  GenerationRequest req;
  req.request = "a cube like the one in the picture";
  req.referenceImages.push_back({"image/png", kPng, ""});
  return req;
}

int anthropicImages(const json& message) {
  int n = 0;
  for (const json& block : message["content"])
    if (block["type"] == "image" && block["source"]["type"] == "base64" && block["source"]["media_type"] == "image/png" &&
        block["source"]["data"] == kPng)
      ++n;
  return n;
}

}  // namespace

TEST_CASE("a reference image reaches the spec and code models as Anthropic image blocks", "[agent][images]") {
  LlmTestServer server;
  TempStore db;
  server.enqueue("/v1/messages", ScriptedResponse::sse(anthropicText(cubeSpec().dump())));
  server.enqueue("/v1/messages", ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kCubeCode}})},
                                                                      {"run_code", "{}"}})));
  server.enqueue("/v1/messages", ScriptedResponse::sse(anthropicTurn({{"finish", args({{"summary", "cube"}})}})));
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.spec = stageModel(provider, "claude-sonnet-4-5");
  models.code = stageModel(provider, "claude-sonnet-4-5");
  GenerationResult r = Pipeline(db.store.get(), sharedKernel(), models, settings(), prompts()).run(requestWithImage());
  REQUIRE(r.status == "succeeded");
  auto requests = bodies(server, "/v1/messages");
  REQUIRE(requests.size() == 3);
  const json& specTask = requests[0]["messages"][0];
  CHECK(specTask["role"] == "user");
  CHECK(specTask["content"][0]["type"] == "text");
  CHECK(anthropicImages(specTask) == 1);
  const json& codeTask = requests[1]["messages"][0];
  CHECK(anthropicImages(codeTask) == 1);
  CHECK(codeTask["content"][0]["text"].get<std::string>().find("a cube like the one in the picture") != std::string::npos);
  // Later turns repeat the conversation, so the picture stays in view without being re-sent separately.
  CHECK(anthropicImages(requests[2]["messages"][0]) == 1);
}

TEST_CASE("a reference image reaches an OpenAI code model as an image_url data URL", "[agent][images]") {
  LlmTestServer server;
  TempStore db;
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(openAiTurn({{"write_code", args({{"code", kCubeCode}})},
                                                                           {"run_code", "{}"}})));
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(openAiTurn({{"finish", args({{"summary", "cube"}})}})));
  auto provider = makeProvider<partsmith::llm::OpenAiProvider>(server, "openai");
  PipelineModels models;
  models.code = stageModel(provider, "gpt-4.1", "openai");
  PipelineSettings s = settings();
  s.specEnabled = false;
  GenerationResult r = Pipeline(db.store.get(), sharedKernel(), models, s, prompts()).run(requestWithImage());
  REQUIRE(r.status == "succeeded");
  auto requests = bodies(server, "/v1/chat/completions");
  REQUIRE(requests.size() == 2);
  const json* task = nullptr;
  for (const json& m : requests[0]["messages"])
    if (m["role"] == "user") task = &m;
  REQUIRE(task != nullptr);
  REQUIRE((*task)["content"].is_array());
  int images = 0;
  for (const json& part : (*task)["content"])
    if (part["type"] == "image_url" && part["image_url"]["url"] == std::string("data:image/png;base64,") + kPng) ++images;
  CHECK(images == 1);
}

TEST_CASE("a code model without vision gets a note instead of the image, and the person a warning", "[agent][images]") {
  LlmTestServer server;
  TempStore db;
  server.enqueue("/v1/messages", ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kCubeCode}})},
                                                                      {"run_code", "{}"}})));
  server.enqueue("/v1/messages", ScriptedResponse::sse(anthropicTurn({{"finish", args({{"summary", "cube"}})}})));
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.code = stageModel(provider, "claude-sonnet-4-5");
  models.code.vision = false;
  PipelineSettings s = settings();
  s.specEnabled = false;
  std::vector<ProgressEvent> warnings;
  std::mutex mutex;
  Pipeline pipeline(db.store.get(), sharedKernel(), models, s, prompts());
  pipeline.setProgressSink([&](const ProgressEvent& e) {
    std::lock_guard<std::mutex> lock(mutex);
    if (e.kind == "warning") warnings.push_back(e);
  });
  GenerationResult r = pipeline.run(requestWithImage());
  REQUIRE(r.status == "succeeded");
  auto requests = bodies(server, "/v1/messages");
  REQUIRE(requests.size() == 2);
  const json& task = requests[0]["messages"][0];
  CHECK(anthropicImages(task) == 0);
  CHECK(task["content"].dump().find("cannot see images") != std::string::npos);
  bool warned = false;
  for (const auto& w : warnings) warned = warned || w.message.find("cannot see images") != std::string::npos;
  CHECK(warned);
}
