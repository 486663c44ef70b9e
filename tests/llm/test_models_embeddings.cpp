#include <catch2/catch.hpp>

#include <chrono>

#include "llm/anthropic_provider.h"
#include "llm/openai_provider.h"
#include "llm/provider_factory.h"
#include "llm_test_server.h"
#include "llm_test_support.h"

using namespace partsmith::llm;
using namespace partsmith::llm::testing;
using partsmith::test::LlmTestServer;
using partsmith::test::ScriptedResponse;
using nlohmann::json;

TEST_CASE("Anthropic model listing follows pagination", "[llm][models]") {
  LlmTestServer server;
  server.enqueue("/v1/models", ScriptedResponse::json(200, {{"data", {{{"type", "model"}, {"id", "claude-sonnet-4-5-20250929"}, {"display_name", "Claude Sonnet 4.5"}, {"created_at", "2025-09-29T00:00:00Z"}}}},
                                                             {"has_more", true}, {"first_id", "claude-sonnet-4-5-20250929"}, {"last_id", "claude-sonnet-4-5-20250929"}}));
  server.enqueue("/v1/models", ScriptedResponse::json(200, {{"data", {{{"type", "model"}, {"id", "claude-haiku-4-5-20251001"}, {"display_name", "Claude Haiku 4.5"}, {"created_at", "2025-10-01T00:00:00Z"}}}},
                                                             {"has_more", false}, {"last_id", "claude-haiku-4-5-20251001"}}));
  auto provider = makeTestProvider<AnthropicProvider>(server.baseUrl(), "anthropic");
  auto models = provider->listModels();
  REQUIRE(models.size() == 2);
  CHECK(models[0].id == "claude-sonnet-4-5-20250929");
  CHECK(models[0].displayName == "Claude Sonnet 4.5");
  CHECK(models[1].createdAt == "2025-10-01T00:00:00Z");
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].method == "GET");
  CHECK(requests[1].path.find("after_id=claude-sonnet-4-5-20250929") != std::string::npos);
  CHECK(requests[1].header("x-api-key") == "sk-test-0123456789abcdef");
}

TEST_CASE("OpenAI-compatible model listing retries a 503 and sorts by id", "[llm][models]") {
  LlmTestServer server;
  server.enqueue("/v1/models", ScriptedResponse::json(503, {{"error", {{"message", "warming up"}, {"type", "server_error"}}}}));
  server.enqueue("/v1/models", ScriptedResponse::json(200, {{"object", "list"}, {"data", {{{"id", "qwen3:8b"}, {"object", "model"}, {"created", 1754000000}, {"owned_by", "library"}},
                                                                                         {{"id", "llama3.2:3b"}, {"object", "model"}, {"created", 1753000000}, {"owned_by", "library"}}}}}));
  auto provider = makeTestProvider<OpenAiProvider>(server.baseUrl(), "openai", "ollama", "");
  auto models = provider->listModels();
  REQUIRE(models.size() == 2);
  CHECK(models[0].id == "llama3.2:3b");
  CHECK(models[1].ownedBy == "library");
  CHECK(server.requestCount() == 2);

  server.enqueue("/v1/models", ScriptedResponse::json(401, {{"error", {{"message", "bad key"}, {"type", "invalid_request_error"}, {"code", "invalid_api_key"}}}}));
  try {
    provider->listModels();
    FAIL("expected an error");
  } catch (const LlmException& e) {
    CHECK(e.error().kind == ErrorKind::Authentication);
  }
  CHECK(server.requestCount() == 3);
}

TEST_CASE("embeddings come back in input order, as floats or base64", "[llm][embeddings]") {
  LlmTestServer server;
  // 1.5f, -2.0f little-endian: 0000C03F 000000C0 -> "AADAPwAAAMA="
  server.enqueue("/v1/embeddings", ScriptedResponse::json(200, {{"object", "list"}, {"model", "text-embedding-3-small"},
                                                                 {"data", {{{"object", "embedding"}, {"index", 1}, {"embedding", "AADAPwAAAMA="}},
                                                                           {{"object", "embedding"}, {"index", 0}, {"embedding", {0.25, 0.5}}}}},
                                                                 {"usage", {{"prompt_tokens", 9}, {"total_tokens", 9}}}}));
  auto provider = makeTestProvider<OpenAiProvider>(server.baseUrl(), "openai", "nim");
  EmbeddingRequest request{"nvidia/nv-embedqa-e5-v5", {"M4 screw hole", "heat-set insert"}, 2, "passage"};
  EmbeddingResult r = provider->embed(request);
  REQUIRE(r.vectors.size() == 2);
  CHECK(r.vectors[0] == std::vector<float>{0.25f, 0.5f});
  CHECK(r.vectors[1] == std::vector<float>{1.5f, -2.0f});
  CHECK(r.promptTokens == 9);
  json body = server.requests().back().json();
  CHECK(body["input"] == json::array({"M4 screw hole", "heat-set insert"}));
  CHECK(body["input_type"] == "passage");
  CHECK(body["dimensions"] == 2);
  CHECK_THROWS_AS(provider->embed({"m", {"ok", ""}, std::nullopt, ""}), LlmException);
}

TEST_CASE("Ollama embeddings fall back to the native /api/embed", "[llm][embeddings]") {
  LlmTestServer server;  // no /v1/embeddings script: the server answers 404
  server.enqueue("/api/embed", ScriptedResponse::json(200, {{"model", "nomic-embed-text"}, {"embeddings", {{0.1, 0.2, 0.3}}}, {"prompt_eval_count", 4}}));
  auto provider = makeTestProvider<OpenAiProvider>(server.baseUrl(), "openai", "ollama", "");
  EmbeddingResult r = provider->embed({"nomic-embed-text", {"bracket"}, std::nullopt, ""});
  REQUIRE(r.vectors.size() == 1);
  CHECK(r.vectors[0].size() == 3);
  CHECK(r.promptTokens == 4);
  CHECK(*r.costUsd == 0.0);  // local
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].path == "/v1/embeddings");
  CHECK(requests[1].path == "/api/embed");

  auto anthropic = makeTestProvider<AnthropicProvider>(server.baseUrl(), "anthropic");
  CHECK_THROWS_WITH(anthropic->embed({"x", {"y"}, std::nullopt, ""}), Catch::Contains("no embeddings endpoint"));
}

TEST_CASE("a local Ollama is detected from /api/tags, and its absence quickly", "[llm][models]") {
  LlmTestServer server;
  server.setDefault("/api/tags", ScriptedResponse::json(200, {{"models", {{{"name", "qwen3:8b"}, {"model", "qwen3:8b"}, {"modified_at", "2025-08-01T10:00:00Z"}, {"size", 5200000000}}}}}));
  auto found = detectOllama(*HttpTransport::shared(), server.baseUrl());
  REQUIRE(found.has_value());
  REQUIRE(found->size() == 1);
  CHECK((*found)[0].id == "qwen3:8b");
  CHECK(detectOllama(*HttpTransport::shared(), server.baseUrl() + "/v1").has_value());

  int closedPort = 0;
  {
    LlmTestServer gone;
    closedPort = gone.port();
  }
  const auto t0 = std::chrono::steady_clock::now();
  CHECK_FALSE(detectOllama(*HttpTransport::shared(), "http://127.0.0.1:" + std::to_string(closedPort)).has_value());
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(1000));
  // Something else answering on the port is not an Ollama.
  server.setDefault("/api/tags", ScriptedResponse::json(200, {{"hello", "world"}}));
  CHECK_FALSE(detectOllama(*HttpTransport::shared(), server.baseUrl()).has_value());
}
