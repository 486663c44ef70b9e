#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "llm/llm_settings.h"
#include "llm/openai_provider.h"
#include "llm/price_table.h"
#include "llm/provider_factory.h"
#include "llm/redaction.h"
#include "llm/secret_store.h"
#include "llm_test_server.h"
#include "llm_test_support.h"

using namespace partsmith::llm;
using namespace partsmith::llm::testing;
using partsmith::test::LlmTestServer;
using partsmith::test::ScriptedResponse;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A private XDG_CONFIG_HOME for the duration of a test.
struct TempConfigHome {
  fs::path dir;
  std::string previous;
  bool hadPrevious = false;
  TempConfigHome() {
    dir = fs::temp_directory_path() / ("partsmith-llm-test-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    fs::create_directories(dir);
    if (const char* p = std::getenv("XDG_CONFIG_HOME")) {
      previous = p;
      hadPrevious = true;
    }
    ::setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
  }
  ~TempConfigHome() {
    if (hadPrevious)
      ::setenv("XDG_CONFIG_HOME", previous.c_str(), 1);
    else
      ::unsetenv("XDG_CONFIG_HOME");
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Usage usage(int64_t in, int64_t write5m, int64_t write1h, int64_t read, int64_t out) {
  Usage u;
  u.inputTokens = in;
  u.cacheWrite5m = write5m;
  u.cacheWrite1h = write1h;
  u.cacheWriteTokens = write5m + write1h;
  u.cacheReadTokens = read;
  u.outputTokens = out;
  u.reported = true;
  return u;
}

}  // namespace

TEST_CASE("the bundled price table prices models by id prefix and never guesses", "[llm][cost]") {
  PriceTable t = PriceTable::loadDefault();
  CHECK(t.size() >= 15);
  auto sonnet = t.find("anthropic", "claude-sonnet-4-5-20250929");
  REQUIRE(sonnet);
  CHECK(sonnet->input == 3.0);
  CHECK(sonnet->output == 15.0);
  CHECK(sonnet->cacheRead == Approx(0.3));
  CHECK(sonnet->cacheWrite5m == Approx(3.75));
  CHECK(sonnet->cacheWrite1h == Approx(6.0));
  CHECK(t.find("openai", "gpt-4.1-mini-2025-04-14")->input == Approx(0.4));  // longest prefix wins
  CHECK(t.find("openai", "gpt-4.1")->cacheRead == Approx(0.5));
  CHECK(t.find("openai", "anthropic/claude-sonnet-4.5")->input == 3.0);  // OpenRouter-style id
  CHECK_FALSE(t.find("openai", "my-finetune").has_value());
  CHECK_FALSE(t.cost("anthropic", "claude-unknown-9", usage(1, 0, 0, 0, 1)).has_value());

  // Anthropic: uncached input, 5 m and 1 h writes, reads and output, each at its own price.
  CHECK(*t.cost("anthropic", "claude-sonnet-4-5", usage(1000, 2000, 4000, 10000, 500)) ==
        Approx((1000 * 3.0 + 2000 * 3.75 + 4000 * 6.0 + 10000 * 0.3 + 500 * 15.0) / 1e6));
  // OpenAI: cached tokens at the cached price.
  CHECK(*t.cost("openai", "gpt-4.1", usage(296, 0, 0, 1024, 21)) == Approx((296 * 2.0 + 1024 * 0.5 + 21 * 8.0) / 1e6));

  t.applyOverrides({{"claude-sonnet-4-5", {{"input", 1.0}, {"output", 2.0}}}, {"my-finetune", {{"input", 0.5}, {"output", 0.5}, {"cache_read", 0.0}}}});
  CHECK(t.find("anthropic", "claude-sonnet-4-5-20250929")->input == 1.0);
  CHECK(t.find("openai", "my-finetune:latest")->output == 0.5);
  CHECK_THROWS_WITH(t.applyOverrides({{"broken", {{"input", "cheap"}}}}), Catch::Contains("numeric"));
}

TEST_CASE("provider cost: OpenRouter as reported, local servers free", "[llm][cost]") {
  auto prices = std::make_shared<PriceTable>(PriceTable::loadDefault());
  ProviderConfig router = ProviderConfig::openAiCompatible("openrouter");
  OpenAiProvider openrouter(router, "sk-or-v1-aaaaaaaaaaaaaaaa", nullptr, prices);
  Usage u = usage(90, 1024, 0, 4096, 48);
  u.providerCostUsd = 0.0052284;
  CHECK(*openrouter.cost("anthropic/claude-sonnet-4.5", u) == 0.0052284);
  OpenAiProvider ollama(ProviderConfig::openAiCompatible("ollama"), "", nullptr, prices);
  CHECK(*ollama.cost("qwen3:8b", usage(4000, 0, 0, 0, 900)) == 0.0);
  OpenAiProvider openai(ProviderConfig::openAiCompatible("openai"), "sk-x-aaaaaaaaaaaaaaaa", nullptr, prices);
  CHECK_FALSE(openai.cost("some-new-model", usage(1, 0, 0, 0, 1)).has_value());
}

TEST_CASE("settings live in the XDG config directory and never hold keys", "[llm][settings]") {
  TempConfigHome home;
  const std::string path = LlmSettings::defaultPath();
  CHECK(path == (home.dir / "partsmith" / "settings.json").string());
  LlmSettings defaults = LlmSettings::load(path);  // no file yet
  CHECK(defaults.provider("anthropic"));
  CHECK(defaults.provider("ollama"));
  CHECK(defaults.stage("embedding")->provider == "openai");

  // Another part of the app keeps its own keys in the same file.
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << R"({"ui": {"theme": "dark"}})";
  LlmSettings s = defaults;
  ProviderConfig local = ProviderConfig::openAiCompatible("llamacpp", "workstation");
  local.baseUrl = "http://192.168.1.20:8080";
  local.defaultModel = "qwen2.5-coder";
  s.providers.push_back(local);
  s.stages["code"] = {"workstation", "qwen2.5-coder"};
  s.priceOverrides = {{"qwen2.5-coder", {{"input", 0.0}, {"output", 0.0}}}};
  s.save(path);

  const json written = json::parse(slurp(path));
  CHECK(written["ui"]["theme"] == "dark");
  CHECK(written["llm"]["stages"]["code"]["provider"] == "workstation");
  LlmSettings back = LlmSettings::load(path);
  REQUIRE(back.provider("workstation"));
  CHECK(back.provider("workstation")->effectiveBaseUrl() == "http://192.168.1.20:8080");
  CHECK(back.provider("workstation")->isLocal());
  CHECK(back.stage("code")->model == "qwen2.5-coder");
  CHECK(back.priceOverrides == s.priceOverrides);
  CHECK((fs::status(path).permissions() & fs::perms::others_read) == fs::perms::none);

  // A key written by hand is refused with a message that says where keys belong.
  std::ofstream(path) << R"({"llm": {"providers": [{"id": "anthropic", "kind": "anthropic", "api_key": "sk-ant-oops"}]}})";
  CHECK_THROWS_WITH(LlmSettings::load(path), Catch::Contains("never read from settings.json"));
  std::ofstream(path) << R"({"llm": {"providers": [{"id": "x", "kind": "openai", "headers": {"Authorization": "Bearer abc"}}]}})";
  CHECK_THROWS_WITH(LlmSettings::load(path), Catch::Contains("carries a key"));
  std::ofstream(path) << R"({"llm": {"stages": {"drawing": {"provider": "anthropic", "model": "m"}}}})";
  CHECK_THROWS_WITH(LlmSettings::load(path), Catch::Contains("unknown stage 'drawing'"));
  std::ofstream(path) << R"({"llm": {"stages": {"code": {"provider": "nowhere", "model": "m"}}}})";
  CHECK_THROWS_WITH(LlmSettings::load(path), Catch::Contains("'nowhere', which is not configured"));
  std::ofstream(path) << "{ not json";
  CHECK_THROWS_WITH(LlmSettings::load(path), Catch::Contains("not valid JSON"));
}

TEST_CASE("keys come from the environment variable the provider names", "[llm][settings]") {
  ProviderConfig c = ProviderConfig::openAiCompatible("openai", "work");
  c.keyEnv = "PARTSMITH_TEST_WORK_KEY";
  ::setenv("PARTSMITH_TEST_WORK_KEY", "sk-work-1234567890abcdef\n", 1);
  EnvironmentSecretStore env;
  CHECK(env.apiKey(c).value() == "sk-work-1234567890abcdef");
  ::unsetenv("PARTSMITH_TEST_WORK_KEY");
  CHECK_FALSE(env.apiKey(c).has_value());
  CHECK(ProviderConfig::openAiCompatible("openrouter").effectiveKeyEnv() == "OPENROUTER_API_KEY");
  CHECK(ProviderConfig::anthropic().effectiveKeyEnv() == "ANTHROPIC_API_KEY");
  CHECK(ProviderConfig::openAiCompatible("ollama").effectiveKeyEnv().empty());
}

TEST_CASE("keys never reach a log line", "[llm][redaction]") {
  const std::string key = "sk-ant-api03-Zq9xYw8vUt7sRq6pOn5mLk4jIh3gFe2dCb1a";
  const std::string shortKey = "local-secret-42";  // shape unknown: removed because it was registered
  registerSecret(shortKey);
  CHECK(redactSecrets("header x-api-key: " + key + " end").find(key) == std::string::npos);
  CHECK(redactSecrets("Authorization: Bearer abcdefghijklmnop") == "Authorization: Bearer [REDACTED]");
  CHECK(redactSecrets("{\"api_key\": \"whatever-value\"}").find("whatever-value") == std::string::npos);
  CHECK(redactSecrets("uses " + shortKey + " here") == "uses [REDACTED] here");
  CHECK(redactSecrets("nothing secret: 12 mm fillet") == "nothing secret: 12 mm fillet");

  std::ostringstream captured;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  addLogSink(sink);
  const auto previous = logger()->level();
  logger()->set_level(spdlog::level::debug);
  {
    LlmTestServer server;
    server.enqueue("/v1/messages", ScriptedResponse::json(401, {{"type", "error"}, {"error", {{"type", "authentication_error"}, {"message", "invalid x-api-key " + key}}}}));
    ProviderConfig c = ProviderConfig::anthropic();
    c.baseUrl = server.baseUrl();
    auto provider = std::make_shared<AnthropicProvider>(c, key, nullptr, nullptr);
    ChatRequest r;
    r.model = "claude-haiku-4-5";
    r.messages = {Message::user("hello")};
    StreamOutcome out = provider->stream(r);
    CHECK(out.message.error->kind == ErrorKind::Authentication);
    logger()->error("provider said: {}", out.message.error->message);  // a careless caller
    CHECK(server.requests().at(0).header("x-api-key") == key);  // the key did go on the wire
  }
  logger()->set_level(previous);
  logger()->flush();
  removeLogSink(sink);
  const std::string text = captured.str();
  INFO(text);
  CHECK(text.find("x-api-key: [REDACTED]") != std::string::npos);  // the request was logged
  CHECK(text.find("provider said") != std::string::npos);
  CHECK(text.find(key) == std::string::npos);
  CHECK(text.find(key.substr(10, 20)) == std::string::npos);
}
