#include <catch2/catch.hpp>

#include "llm/anthropic_request.h"
#include "llm/llm_error.h"
#include "llm/openai_request.h"

using namespace partsmith::llm;
using nlohmann::json;

namespace {

// A tool loop turn: user with an image, assistant thinking + text + tool call, tool result
// with a screenshot, then a follow-up question.
ChatRequest toolLoopRequest() {
  ChatRequest r;
  r.model = "claude-sonnet-4-5";
  r.system = "You write CAD scripts.";
  r.maxTokens = 8000;
  r.tools = {{"extrude_sketch", "Extrude a sketch",
              {{"type", "object"},
               {"properties", {{"sketch_id", {{"type", "string"}}}, {"depth_mm", {{"type", "number"}}}}},
               {"required", {"sketch_id", "depth_mm"}}}},
             {"render_views", "Render the part", {{"type", "object"}, {"properties", json::object()}}}};
  Message user{Role::User, {ContentBlock::makeImage("image/png", "iVBORw0KGgo="), ContentBlock::makeText("Make the boss 12.5 mm tall.")}};
  ContentBlock thinking;
  thinking.kind = ContentBlock::Kind::Thinking;
  thinking.text = "Extrude by 12.5.";
  thinking.signature = "EqQBCgIYAhIM";
  ContentBlock call = ContentBlock::makeToolUse("toolu_01", "extrude_sketch", {{"sketch_id", "sk_01"}, {"depth_mm", 12.5}});
  call.rawArguments = "{\"sketch_id\": \"sk_01\", \"depth_mm\": 12.5}";
  Message assistant{Role::Assistant, {thinking, ContentBlock::makeText("I'll extrude it."), call}};
  // The text comes before the result on purpose: the builder must put results first.
  Message results{Role::User,
                  {ContentBlock::makeText("Looks right?"),
                   ContentBlock::makeToolResult("toolu_01", {ContentBlock::makeText("ok: volume 4712 mm^3"),
                                                             ContentBlock::makeImage("image/png", "SCREENSHOT")})}};
  r.messages = {user, assistant, results};
  return r;
}

}  // namespace

TEST_CASE("Anthropic body: top-level system, caching breakpoints, tool results first", "[llm][request]") {
  ChatRequest r = toolLoopRequest();
  r.temperature = 0.2;
  r.stopSequences = {"</code>"};
  json b = buildAnthropicBody(r);
  CHECK(b["model"] == "claude-sonnet-4-5");
  CHECK(b["max_tokens"] == 8000);
  CHECK(b["stream"] == true);
  CHECK(b["temperature"] == 0.2);
  CHECK(b["stop_sequences"] == json::array({"</code>"}));
  REQUIRE(b["system"].is_array());
  CHECK(b["system"][0]["text"] == "You write CAD scripts.");
  CHECK(b["system"][0]["cache_control"]["type"] == "ephemeral");
  CHECK_FALSE(b["tools"][0].contains("cache_control"));
  CHECK(b["tools"][1]["cache_control"]["type"] == "ephemeral");
  CHECK(b["tools"][0]["input_schema"]["required"] == json::array({"sketch_id", "depth_mm"}));
  CHECK(b["tool_choice"] == json{{"type", "auto"}});

  const json& msgs = b["messages"];
  REQUIRE(msgs.size() == 3);
  CHECK(msgs[0]["content"][0]["source"] == json{{"type", "base64"}, {"media_type", "image/png"}, {"data", "iVBORw0KGgo="}});
  // Thinking echoed exactly, with its signature, before the text and the call.
  CHECK(msgs[1]["content"][0] == json{{"type", "thinking"}, {"thinking", "Extrude by 12.5."}, {"signature", "EqQBCgIYAhIM"}});
  CHECK(msgs[1]["content"][2]["input"] == json{{"sketch_id", "sk_01"}, {"depth_mm", 12.5}});
  // The tool_result leads its message and carries the screenshot inside.
  const json& last = msgs[2]["content"];
  CHECK(last[0]["type"] == "tool_result");
  CHECK(last[0]["tool_use_id"] == "toolu_01");
  CHECK(last[0]["content"][1]["type"] == "image");
  CHECK(last[0]["content"][1]["source"]["data"] == "SCREENSHOT");
  CHECK_FALSE(last[0].contains("cache_control"));
  CHECK(last[1] == json{{"type", "text"}, {"text", "Looks right?"}, {"cache_control", {{"type", "ephemeral"}}}});
  // Exactly three breakpoints (the API allows four).
  CHECK(b.dump().find("cache_control") != std::string::npos);
  size_t count = 0;
  for (size_t pos = b.dump().find("cache_control"); pos != std::string::npos; pos = b.dump().find("cache_control", pos + 1)) ++count;
  CHECK(count == 3);
}

TEST_CASE("Anthropic body: thinking, tool choice and invalid requests", "[llm][request]") {
  ChatRequest r = toolLoopRequest();
  r.thinking.enabled = true;
  r.thinking.budgetTokens = 2048;
  r.temperature = 0.7;
  r.toolChoice.disableParallel = true;
  json b = buildAnthropicBody(r);
  CHECK(b["thinking"] == json{{"type", "enabled"}, {"budget_tokens", 2048}});
  CHECK_FALSE(b.contains("temperature"));
  CHECK(b["tool_choice"] == json{{"type", "auto"}, {"disable_parallel_tool_use", true}});

  r.toolChoice.mode = ToolChoice::Mode::Required;
  CHECK_THROWS_WITH(buildAnthropicBody(r), Catch::Contains("'auto' or 'none'"));
  r.thinking = {};
  r.toolChoice = {ToolChoice::Mode::Tool, "render_views", false};
  CHECK(buildAnthropicBody(r)["tool_choice"] == json{{"type", "tool"}, {"name", "render_views"}});

  r.thinking.enabled = true;
  r.thinking.adaptive = true;
  r.toolChoice = {};
  CHECK(buildAnthropicBody(r)["thinking"] == json{{"type", "adaptive"}});

  ChatRequest empty;
  empty.model = "claude-haiku-4-5";
  try {
    buildAnthropicBody(empty);
    FAIL("an empty conversation must be refused");
  } catch (const LlmException& e) {
    CHECK(e.error().kind == ErrorKind::InvalidRequest);
    CHECK(std::string(e.what()).find("no messages") != std::string::npos);
  }
  ChatRequest noCache = toolLoopRequest();
  noCache.promptCaching = false;
  CHECK(buildAnthropicBody(noCache).dump().find("cache_control") == std::string::npos);
  CHECK(buildAnthropicBody(noCache)["system"][0]["text"] == "You write CAD scripts.");
}

TEST_CASE("OpenAI body: tool messages, images as a follow-up user message, exact arguments", "[llm][request]") {
  ChatRequest r = toolLoopRequest();
  r.model = "gpt-4.1";
  r.toolChoice.mode = ToolChoice::Mode::Required;
  r.toolChoice.disableParallel = true;
  json b = buildOpenAiBody(r, serverProfile("openai"));
  CHECK(b["max_completion_tokens"] == 8000);
  CHECK_FALSE(b.contains("max_tokens"));
  CHECK(b["stream_options"] == json{{"include_usage", true}});
  CHECK(b["tool_choice"] == "required");
  CHECK(b["parallel_tool_calls"] == false);
  CHECK(b["tools"][0]["type"] == "function");
  CHECK(b["tools"][0]["function"]["parameters"]["required"] == json::array({"sketch_id", "depth_mm"}));
  const json& m = b["messages"];
  REQUIRE(m.size() == 5);
  CHECK(m[0] == json{{"role", "system"}, {"content", "You write CAD scripts."}});
  CHECK(m[1]["content"][0]["image_url"]["url"] == "data:image/png;base64,iVBORw0KGgo=");
  CHECK(m[2]["role"] == "assistant");
  CHECK(m[2]["content"] == "I'll extrude it.");  // thinking is dropped in this dialect
  CHECK(m[2]["tool_calls"][0]["function"]["arguments"] == "{\"sketch_id\": \"sk_01\", \"depth_mm\": 12.5}");
  CHECK(m[3]["role"] == "tool");
  CHECK(m[3]["tool_call_id"] == "toolu_01");
  CHECK(m[3]["content"].get<std::string>().find("ok: volume 4712 mm^3") == 0);
  CHECK(m[4]["role"] == "user");  // the screenshot, then the user's own text
  CHECK(m[4]["content"][1]["image_url"]["url"] == "data:image/png;base64,SCREENSHOT");
  CHECK(m[4]["content"][2]["text"] == "Looks right?");

  // Profiles: the length field and stream_options follow what each server understands.
  json ollama = buildOpenAiBody(r, serverProfile("ollama"));
  CHECK(ollama["max_tokens"] == 8000);
  CHECK(ollama["stream_options"] == json{{"include_usage", true}});
  CHECK_FALSE(buildOpenAiBody(r, serverProfile("lmstudio")).contains("stream_options"));
  CHECK_FALSE(buildOpenAiBody(r, serverProfile("nim")).contains("stream_options"));
  CHECK_FALSE(buildOpenAiBody(r, serverProfile("openrouter")).contains("stream_options"));

  // Ollama takes images only as data URLs.
  ChatRequest withUrl;
  withUrl.model = "llava";
  withUrl.messages = {Message{Role::User, {ContentBlock::makeImageUrl("https://example.org/part.png")}}};
  CHECK(buildOpenAiBody(withUrl, serverProfile("openai"))["messages"][0]["content"][0]["image_url"]["url"] ==
        "https://example.org/part.png");
  CHECK_THROWS_WITH(buildOpenAiBody(withUrl, serverProfile("ollama")), Catch::Contains("only as base64"));
}
