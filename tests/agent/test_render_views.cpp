// render_views: the PNGs of the kernel's offscreen renderer reach the model in each provider's
// format. Needs an X display (run under xvfb-run).
#include <catch2/catch.hpp>

#include "agent/pipeline.h"
#include "agent_test_support.h"

using namespace partsmith::agent;
using namespace partsmith::agent::testing;

namespace {

bool isPngBase64(const std::string& data) { return data.rfind("iVBORw0KGgo", 0) == 0 && data.size() > 1000; }

PipelineSettings renderSettings() {
  PipelineSettings s;
  s.specEnabled = false;
  s.fewShotCount = 0;
  s.evaluateEnabled = false;
  return s;
}

}  // namespace

TEST_CASE("rendered views reach an Anthropic model as image blocks inside the tool_result", "[agent][render]") {
  LlmTestServer server;
  TempStore db;
  server.enqueue("/v1/messages", ScriptedResponse::sse(anthropicTurn(
                                     {{"write_code", args({{"code", kCubeCode}})},
                                      {"render_views", args({{"views", {"iso", "top"}}, {"width", 320}, {"height", 240}})}})));
  server.enqueue("/v1/messages", ScriptedResponse::sse(anthropicTurn({{"finish", args({{"summary", "cube"}})}})));
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.code = stageModel(provider, "claude-sonnet-4-5");
  GenerationRequest req;
  req.request = "a cube with a hole";
  GenerationResult r = Pipeline(db.store.get(), sharedKernel(), models, renderSettings(), prompts()).run(req);
  REQUIRE(r.status == "succeeded");
  auto requests = bodies(server, "/v1/messages");
  REQUIRE(requests.size() == 2);
  // The tool list offered render_views to this (vision) model.
  bool offered = false;
  for (const json& t : requests[0]["tools"]) offered = offered || t["name"] == "render_views";
  CHECK(offered);
  const json& last = requests[1]["messages"].back();
  REQUIRE(last["role"] == "user");
  const json& renderResult = last["content"][1];
  REQUIRE(renderResult["type"] == "tool_result");
  CHECK_FALSE(renderResult.value("is_error", false));
  int images = 0;
  for (const json& block : renderResult["content"]) {
    if (block["type"] != "image") continue;
    ++images;
    CHECK(block["source"]["type"] == "base64");
    CHECK(block["source"]["media_type"] == "image/png");
    CHECK(isPngBase64(block["source"]["data"].get<std::string>()));
  }
  CHECK(images == 2);
  // The store keeps the file paths, not the image data.
  auto g = db.store->generations().get(r.generationId, true);
  bool recorded = false;
  for (const auto& s : g.transcript)
    if (s.kind == "tool_result" && s.toolName && *s.toolName == "render_views")
      recorded = s.content.find(".png") != std::string::npos && s.content.find("iVBOR") == std::string::npos;
  CHECK(recorded);
}

TEST_CASE("rendered views reach an OpenAI model as a follow-up user message", "[agent][render]") {
  LlmTestServer server;
  TempStore db;
  server.enqueue("/v1/chat/completions",
                 ScriptedResponse::sse(openAiTurn({{"write_code", args({{"code", kCubeCode}})},
                                                   {"render_views", args({{"views", {"front"}}, {"width", 256}, {"height", 256}})}})));
  server.enqueue("/v1/chat/completions", ScriptedResponse::sse(openAiTurn({{"finish", args({{"summary", "cube"}})}})));
  auto provider = makeProvider<partsmith::llm::OpenAiProvider>(server, "openai");
  PipelineModels models;
  models.code = stageModel(provider, "gpt-4.1", "openai");
  GenerationRequest req;
  req.request = "a cube with a hole";
  GenerationResult r = Pipeline(db.store.get(), sharedKernel(), models, renderSettings(), prompts()).run(req);
  REQUIRE(r.status == "succeeded");
  auto requests = bodies(server, "/v1/chat/completions");
  REQUIRE(requests.size() == 2);
  const json& messages = requests[1]["messages"];
  // ... assistant(tool_calls), tool(write_code), tool(render_views), user(images)
  REQUIRE(messages.size() >= 4);
  const json& toolMsg = messages[messages.size() - 2];
  CHECK(toolMsg["role"] == "tool");
  CHECK(toolMsg["content"].get<std::string>().find("image(s) follow") != std::string::npos);
  const json& user = messages.back();
  REQUIRE(user["role"] == "user");
  int images = 0;
  for (const json& part : user["content"]) {
    if (part["type"] != "image_url") continue;
    ++images;
    const std::string url = part["image_url"]["url"];
    CHECK(url.rfind("data:image/png;base64,", 0) == 0);
    CHECK(isPngBase64(url.substr(22)));
  }
  CHECK(images == 1);
}

TEST_CASE("with visuals off render_views is neither offered nor run", "[agent][render]") {
  LlmTestServer server;
  TempStore db;
  server.enqueue("/v1/messages", ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kCubeCode}})},
                                                                      {"render_views", "{}"}})));
  server.enqueue("/v1/messages", ScriptedResponse::sse(anthropicTurn({{"finish", args({{"summary", "cube"}})}})));
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.code = stageModel(provider, "claude-sonnet-4-5");
  PipelineSettings settings = renderSettings();
  settings.visualEnabled = false;
  GenerationRequest req;
  req.request = "a cube";
  GenerationResult r = Pipeline(db.store.get(), sharedKernel(), models, settings, prompts()).run(req);
  REQUIRE(r.status == "succeeded");
  auto requests = bodies(server, "/v1/messages");
  for (const json& t : requests[0]["tools"]) CHECK(t["name"] != "render_views");
  const json& result = requests[1]["messages"].back()["content"][1];
  CHECK(result.value("is_error", false));
  CHECK(result["content"][0]["text"].get<std::string>().find("There is no tool \"render_views\"") != std::string::npos);
}
