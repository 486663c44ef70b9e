// Records as they happen: a model turn is in SQLite while it streams (at a throttled cadence,
// tool calls at once), a killed process leaves its partial turn behind, and the generation reads
// back as "interrupted" rather than "running".
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "agent/generation_recorder.h"
#include "agent/stage_model.h"
#include "agent_test_support.h"
#include "cli_child.h"
#include "store/database.h"

using namespace partsmith::agent;
using namespace partsmith::agent::testing;

namespace {

const std::string kMessages = "/v1/messages";

// An Anthropic turn cut into one SSE event per chunk: `text` in `textPieces` deltas, then a
// write_code call whose arguments arrive in `argPieces` deltas. Without `complete` the body
// stops before the call's end (the server then holds or drops the stream).
std::vector<std::string> slowTurnEvents(const std::string& text, int textPieces, const std::string& arguments,
                                        int argPieces, bool complete) {
  std::vector<json> events;
  events.push_back({{"type", "message_start"},
                    {"message", {{"id", "msg_slow"}, {"type", "message"}, {"role", "assistant"}, {"content", json::array()},
                                 {"model", "claude-sonnet-4-5"}, {"usage", {{"input_tokens", 900}, {"output_tokens", 1}}}}}});
  events.push_back({{"type", "content_block_start"}, {"index", 0}, {"content_block", {{"type", "text"}, {"text", ""}}}});
  const size_t tp = (text.size() + textPieces - 1) / textPieces;
  for (size_t i = 0; i < text.size(); i += tp)
    events.push_back({{"type", "content_block_delta"}, {"index", 0}, {"delta", {{"type", "text_delta"}, {"text", text.substr(i, tp)}}}});
  events.push_back({{"type", "content_block_stop"}, {"index", 0}});
  events.push_back({{"type", "content_block_start"}, {"index", 1},
                    {"content_block", {{"type", "tool_use"}, {"id", "toolu_slow"}, {"name", "write_code"}, {"input", json::object()}}}});
  const size_t ap = (arguments.size() + argPieces - 1) / argPieces;
  for (size_t i = 0; i < arguments.size(); i += ap)
    events.push_back({{"type", "content_block_delta"}, {"index", 1},
                      {"delta", {{"type", "input_json_delta"}, {"partial_json", arguments.substr(i, ap)}}}});
  if (complete) {
    events.push_back({{"type", "content_block_stop"}, {"index", 1}});
    events.push_back({{"type", "message_delta"}, {"delta", {{"stop_reason", "tool_use"}}}, {"usage", {{"output_tokens", 200}}}});
    events.push_back({{"type", "message_stop"}});
  }
  std::vector<std::string> chunks;
  for (const auto& e : events) chunks.push_back(LlmTestServer::anthropicSse({e}));
  return chunks;
}

ScriptedResponse paced(std::vector<std::string> chunks, int delayMs) {
  ScriptedResponse r;
  r.chunks = std::move(chunks);
  r.chunkDelay = std::chrono::milliseconds(delayMs);
  return r;
}

const std::string kSlowText =
    "I will build the cube from a box and cut the hole through its top face, then run it to check the facts. ";

}  // namespace

TEST_CASE("a streamed turn reaches the watcher at a throttled cadence, tool calls at once", "[agent][record]") {
  LlmTestServer server;
  const std::string args = json{{"code", kCubeCode}}.dump();
  // 40 text deltas and 20 argument deltas, 15 ms apart: about 1 s of streaming.
  server.enqueue(kMessages, paced(slowTurnEvents(std::string(400, 'a'), 40, args, 20, true), 15));
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  StageModel model = stageModel(provider, "claude-sonnet-4-5");
  std::vector<partsmith::llm::AssembledMessage> seen;
  std::vector<std::chrono::steady_clock::time_point> at;
  const auto callingThread = std::this_thread::get_id();
  bool otherThread = false;
  StreamWatcher watcher;
  watcher.interval = std::chrono::milliseconds(200);
  watcher.onPartial = [&](const partsmith::llm::AssembledMessage& m) {
    otherThread = otherThread || std::this_thread::get_id() != callingThread;
    seen.push_back(m);
    at.push_back(std::chrono::steady_clock::now());
  };
  partsmith::llm::ChatRequest request;
  request.messages.push_back(partsmith::llm::Message::user("a cube"));
  CancelToken cancel;
  StageMetrics metrics;
  LlmTurn turn = callModel(model, request, cancel, metrics, {}, "code", &watcher);
  REQUIRE(turn.ok());
  CHECK_FALSE(otherThread);
  // Not per token (60 deltas), but more than once while it streamed.
  CHECK(seen.size() >= 3);
  CHECK(seen.size() <= 12);
  // Text grows monotonically and is a prefix of the final text.
  size_t last = 0;
  for (const auto& m : seen) {
    CHECK(m.text().size() >= last);
    CHECK(turn.message.text().rfind(m.text(), 0) == 0);
    last = m.text().size();
  }
  // The tool call was seen the moment it started, before its arguments were complete.
  bool startedIncomplete = false;
  for (const auto& m : seen)
    startedIncomplete = startedIncomplete || (!m.toolCalls.empty() && !m.toolCalls[0].complete &&
                                              m.toolCalls[0].name == "write_code" && m.toolCalls[0].id == "toolu_slow");
  CHECK(startedIncomplete);
  // Text-only snapshots (no tool event in between) respect the interval.
  for (size_t i = 1; i < seen.size(); ++i)
    if (seen[i].toolCalls.empty() && seen[i - 1].toolCalls.empty())
      CHECK(std::chrono::duration<double, std::milli>(at[i] - at[i - 1]).count() >= 190);
}

TEST_CASE("a pipeline turn is written while it streams and completed in place", "[agent][record]") {
  LlmTestServer server;
  TempStore db;
  const std::string args = json{{"code", kCubeCode}}.dump();
  server.enqueue(kMessages, paced(slowTurnEvents(kSlowText, 20, args, 10, true), 20));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"run_code", "{}"}, {"finish", R"({"summary": "cube"})"}})));
  auto provider = makeProvider<partsmith::llm::AnthropicProvider>(server, "anthropic");
  PipelineModels models;
  models.code = stageModel(provider, "claude-sonnet-4-5");
  PipelineSettings settings;
  settings.specEnabled = false;
  settings.visualEnabled = false;
  settings.fewShotCount = 0;
  Pipeline pipeline(db.store.get(), sharedKernel(), models, settings, prompts());

  // A second connection watches the file while the first turn streams.
  std::atomic<bool> stop{false};
  std::atomic<int> partialTextSeen{0}, partialCallSeen{0};
  std::thread watcher([&] {
    partsmith::store::StoreOptions o;
    o.autoBackup = false;
    o.seedLibrary = false;
    partsmith::store::Store reader(db.path(), o);
    while (!stop) {
      auto count = [&](const char* sql) { return reader.db().queryInt(sql); };
      partialTextSeen = std::max<int>(partialTextSeen, static_cast<int>(count(
          "SELECT count(*) FROM generation_steps WHERE partial = 1 AND kind = 'message' AND length(content) > 0")));
      partialCallSeen = std::max<int>(partialCallSeen, static_cast<int>(count(
          "SELECT count(*) FROM generation_steps WHERE partial = 1 AND kind = 'tool_call' AND tool_name = 'write_code'")));
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  GenerationRequest req;
  req.request = "a 20 mm cube with a 5 mm hole";
  GenerationResult r = pipeline.run(req);
  stop = true;
  watcher.join();
  REQUIRE(r.status == "succeeded");
  CHECK(partialTextSeen.load() >= 1);
  CHECK(partialCallSeen.load() >= 1);

  auto g = db.store->generations().get(r.generationId, true);
  CHECK(g.status == "succeeded");
  int assistantMessages = 0, writeCalls = 0;
  for (const auto& s : g.transcript) {
    CHECK_FALSE(s.partial);
    if (s.kind == "message" && s.role == "assistant" && s.stage == "code") {
      ++assistantMessages;
      if (assistantMessages == 1) {
        CHECK(s.content == kSlowText);
        CHECK(s.usage.input == 900);  // the usage arrives with the completed turn
      }
    }
    if (s.kind == "tool_call" && s.toolName && *s.toolName == "write_code") {
      ++writeCalls;
      CHECK(json::parse(s.content)["code"] == kCubeCode);
    }
  }
  CHECK(assistantMessages == 2);  // completed in place: no duplicate rows
  CHECK(writeCalls == 1);
  CHECK(g.steps == 2);  // model turns
  // The time split is part of the record.
  REQUIRE(g.timing);
  CHECK(g.timing->llmMs > 0);
  CHECK(g.timing->kernelMs > 0);
  CHECK(g.timing->overheadMs >= 0);
  CHECK(g.timing->llmMs + g.timing->kernelMs + g.timing->overheadMs == Approx(r.wallMs).margin(1.0));
}

TEST_CASE("a generate process killed mid-stream leaves its partial turn, read back as interrupted", "[agent][record][cli]") {
  REQUIRE(std::filesystem::exists(partsmith::test::cliExecutable()));
  LlmTestServer server;
  TempStore db;
  const std::string args = json{{"code", kCubeCode}}.dump();
  // The stream never ends: text, then the call's arguments trickle in for ~10 s.
  ScriptedResponse slow = paced(slowTurnEvents(kSlowText, 20, args, 200, false), 50);
  server.enqueue(kMessages, slow);
  const auto settings = writeCliSettings(db.dir, server.baseUrl());
  db.store.reset();  // the child owns the file now
  CliChild child = CliChild::start({"--db", db.path(), "generate", "a 20 mm cube with a 5 mm hole", "--settings",
                                    settings.string(), "--no-spec", "--no-visual", "--examples", "0", "--json"},
                                   {{"PARTSMITH_TEST_KEY", "sk-test-0123456789abcdef"}}, db.dir);
  REQUIRE(child.pid > 0);

  // Kill it once the partial tool call (with some arguments) is on disk.
  partsmith::store::StoreOptions o;
  o.autoBackup = false;
  o.seedLibrary = false;
  bool sawPartial = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!sawPartial && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!std::filesystem::exists(db.path())) continue;
    try {
      partsmith::store::Store reader(db.path(), o);
      sawPartial = reader.db().queryInt("SELECT count(*) FROM generation_steps WHERE partial = 1 AND kind = 'tool_call' "
                                        "AND length(content) > 10") > 0;
      if (sawPartial) {
        // While the process lives, its generation is running.
        CHECK(reader.generations().get(1).status == "running");
      }
    } catch (const std::exception&) {
      // The child may still be creating the file.
    }
  }
  REQUIRE(sawPartial);
  child.kill(SIGKILL);
  CHECK(child.wait() == -SIGKILL);

  partsmith::store::Store reopened(db.path(), o);
  auto g = reopened.generations().get(1, true);
  CHECK(g.status == "interrupted");
  CHECK_FALSE(g.interruptedMs);
  CHECK(reopened.generations().markInterrupted() == 1);
  CHECK(reopened.generations().markInterrupted() == 0);
  g = reopened.generations().get(1, true);
  CHECK(g.status == "interrupted");
  CHECK(g.interruptedMs);
  CHECK(partsmith::store::GenerationRepository::toJson(g)["status"] == "interrupted");
  // Nothing already shown was lost: the task, the text so far, the call with its arguments so far.
  bool task = false, text = false, call = false;
  for (const auto& s : g.transcript) {
    if (s.kind == "message" && s.role == "user" && s.stage == "code") task = true;
    if (s.kind == "message" && s.role == "assistant") {
      CHECK(s.partial);
      text = s.content == kSlowText;
    }
    if (s.kind == "tool_call") {
      CHECK(s.partial);
      REQUIRE(s.toolName);
      CHECK(*s.toolName == "write_code");
      CHECK(s.content.size() > 10);
      call = args.rfind(s.content, 0) == 0 && s.content.size() < args.size();
    }
  }
  CHECK(task);
  CHECK(text);
  CHECK(call);
  CHECK(g.steps == 0);  // a call that never completed is not an agent step
}
