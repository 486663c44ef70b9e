// Shared helpers of the agent tests: scripted model turns in both wire formats, providers aimed
// at the local test server, a real store file and a real kernel worker.
#pragma once
#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/pipeline.h"
#include "agent/prompt_library.h"
#include "llm/anthropic_provider.h"
#include "llm/openai_provider.h"
#include "llm/price_table.h"
#include "llm_test_server.h"
#include "store/store.h"
#include "test_paths.h"
#include "worker/client/kernel_client.h"

namespace partsmith::agent::testing {

using nlohmann::json;
using partsmith::test::LlmTestServer;
using partsmith::test::ScriptedResponse;

struct Call {
  std::string name;
  std::string args;  // raw JSON text as the model streams it (may be invalid on purpose)
};

inline std::string anthropicTurn(const std::vector<Call>& calls, const std::string& text = {}, int inputTokens = 1200,
                                 int outputTokens = 150) {
  static int counter = 0;
  std::vector<json> events;
  events.push_back({{"type", "message_start"},
                    {"message", {{"id", "msg_" + std::to_string(++counter)}, {"type", "message"}, {"role", "assistant"},
                                 {"content", json::array()}, {"model", "claude-sonnet-4-5"},
                                 {"usage", {{"input_tokens", inputTokens}, {"output_tokens", 1}}}}}});
  int index = 0;
  if (!text.empty()) {
    events.push_back({{"type", "content_block_start"}, {"index", index}, {"content_block", {{"type", "text"}, {"text", ""}}}});
    events.push_back({{"type", "content_block_delta"}, {"index", index}, {"delta", {{"type", "text_delta"}, {"text", text}}}});
    events.push_back({{"type", "content_block_stop"}, {"index", index}});
    ++index;
  }
  for (const auto& c : calls) {
    const std::string id = "toolu_" + std::to_string(counter) + "_" + std::to_string(index);
    events.push_back({{"type", "content_block_start"}, {"index", index},
                      {"content_block", {{"type", "tool_use"}, {"id", id}, {"name", c.name}, {"input", json::object()}}}});
    events.push_back({{"type", "content_block_delta"}, {"index", index},
                      {"delta", {{"type", "input_json_delta"}, {"partial_json", c.args}}}});
    events.push_back({{"type", "content_block_stop"}, {"index", index}});
    ++index;
  }
  events.push_back({{"type", "message_delta"}, {"delta", {{"stop_reason", calls.empty() ? "end_turn" : "tool_use"}}},
                    {"usage", {{"output_tokens", outputTokens}}}});
  events.push_back({{"type", "message_stop"}});
  return LlmTestServer::anthropicSse(events);
}

inline std::string anthropicText(const std::string& text, int inputTokens = 800, int outputTokens = 300) {
  return anthropicTurn({}, text, inputTokens, outputTokens);
}

inline std::string openAiTurn(const std::vector<Call>& calls, const std::string& text = {}) {
  static int counter = 0;
  const std::string id = "chatcmpl-" + std::to_string(++counter);
  auto chunk = [&](json delta, json finish = nullptr) {
    return json{{"id", id}, {"object", "chat.completion.chunk"}, {"model", "gpt-4.1"},
                {"choices", json::array({{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}})}};
  };
  std::vector<json> chunks;
  chunks.push_back(chunk({{"role", "assistant"}, {"content", text.empty() ? json(nullptr) : json(text)}}));
  int i = 0;
  for (const auto& c : calls) {
    chunks.push_back(chunk({{"tool_calls", json::array({{{"index", i}, {"id", "call_" + std::to_string(counter) + "_" + std::to_string(i)},
                                                          {"type", "function"},
                                                          {"function", {{"name", c.name}, {"arguments", ""}}}}})}}));
    chunks.push_back(chunk({{"tool_calls", json::array({{{"index", i}, {"function", {{"arguments", c.args}}}}})}}));
    ++i;
  }
  chunks.push_back(chunk(json::object(), calls.empty() ? "stop" : "tool_calls"));
  chunks.push_back({{"id", id}, {"object", "chat.completion.chunk"}, {"model", "gpt-4.1"}, {"choices", json::array()},
                    {"usage", {{"prompt_tokens", 1000}, {"completion_tokens", 100}, {"total_tokens", 1100}}}});
  return LlmTestServer::openAiSse(chunks);
}

inline std::string args(const json& j) { return j.dump(); }

template <class Provider>
std::shared_ptr<Provider> makeProvider(const LlmTestServer& server, const std::string& kind,
                                       std::shared_ptr<const llm::PriceTable> prices = nullptr) {
  llm::ProviderConfig c = kind == "anthropic" ? llm::ProviderConfig::anthropic() : llm::ProviderConfig::openAiCompatible("openai");
  c.baseUrl = server.baseUrl();
  c.connectTimeoutMs = 2000;
  c.idleTimeoutMs = 10000;
  c.totalTimeoutMs = 30000;
  c.maxRetries = 0;
  auto p = std::make_shared<Provider>(c, "sk-test-0123456789abcdef", nullptr, prices);
  return p;
}

inline StageModel stageModel(std::shared_ptr<llm::LlmProvider> provider, const std::string& model,
                             const std::string& providerId = "anthropic") {
  StageModel m;
  m.provider = std::move(provider);
  m.model = model;
  m.providerId = providerId;
  m.maxTokens = 4096;
  return m;
}

// A fresh store file (seeded with the example library) in its own temp folder.
struct TempStore {
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  TempStore() {
    dir = std::filesystem::temp_directory_path() /
          ("partsmith-agent-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store::StoreOptions o;
    o.examplesDir = partsmith::test::examplesDir();
    o.autoBackup = false;
    store = std::make_unique<store::Store>((dir / "history.db").string(), o);
  }
  ~TempStore() {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string path() const { return (dir / "history.db").string(); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

inline std::shared_ptr<worker::KernelClient> sharedKernel() {
  static std::shared_ptr<worker::KernelClient> kernel = [] {
    worker::KernelClientOptions o;
    o.kernelExecutable = partsmith::test::kernelExecutable();
    return std::make_shared<worker::KernelClient>(o);
  }();
  return kernel;
}

inline PromptLibrary& prompts() {
  static PromptLibrary library(partsmith::test::sourceDir() + "/prompts");
  return library;
}

// A valid spec for a 20 mm cube with a 5 mm hole (x size asserted as `x`).
inline json cubeSpec(double x = 20) {
  return {{"interpretation", "A cube with a 5 mm through hole along Z."},
          {"checklist", {"Is it a cube?", "Is there one hole through it?", "Is the hole centred?"}},
          {"assertions", json::array({{{"kind", "bbox_size"}, {"axis", "x"}, {"value", x}, {"tolerance", 0.1}},
                                      {{"kind", "hole_count"}, {"value", 1}},
                                      {{"kind", "solid_count"}, {"value", 1}}})},
          {"complexity", 2},
          {"category", "primitives"},
          {"techniques", {"box", "hole"}}};
}

inline const char* kCubeCode =
    "/* [Size] */\n"
    "// Edge length\n"
    "const size = 20;   // [10:1:60]\n"
    "// Hole diameter\n"
    "const hole = 5;    // [2:0.5:10]\n"
    "const cube = cq.Workplane(\"XY\").box(size, size, size).faces(\">Z\").workplane().hole(hole);\n"
    "show(cube, \"cube\");\n";

// Request bodies sent to `path`, parsed.
inline std::vector<json> bodies(const LlmTestServer& server, const std::string& path) {
  std::vector<json> out;
  for (const auto& r : server.requests())
    if (r.path.rfind(path, 0) == 0) out.push_back(r.json());
  return out;
}

}  // namespace partsmith::agent::testing
