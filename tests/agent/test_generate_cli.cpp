// `partsmith-cli generate` as a child process against the scripted LLM peer: progress on
// stderr, the record as JSON on stdout, --out writing a part that reads back, exit statuses.
#include <catch2/catch.hpp>

#include <array>
#include <cstring>
#include <limits>

#include "agent_test_support.h"
#include "cli_child.h"

using namespace partsmith::agent;
using namespace partsmith::agent::testing;

namespace {

const std::string kMessages = "/v1/messages";
const std::map<std::string, std::string> kEnv{{"PARTSMITH_TEST_KEY", "sk-test-0123456789abcdef"},
                                              {"OPENAI_API_KEY", ""}};

// The bounding box of an STL file (binary or ASCII): {min x, y, z, max x, y, z}, and the facets.
std::pair<std::array<double, 6>, size_t> stlBounds(const std::filesystem::path& path) {
  const std::string data = CliChild::slurp(path);
  std::array<double, 6> box{};
  for (int i = 0; i < 3; ++i) {
    box[i] = std::numeric_limits<double>::max();
    box[i + 3] = -std::numeric_limits<double>::max();
  }
  auto add = [&](double x, double y, double z) {
    const double p[3] = {x, y, z};
    for (int i = 0; i < 3; ++i) {
      box[i] = std::min(box[i], p[i]);
      box[i + 3] = std::max(box[i + 3], p[i]);
    }
  };
  size_t facets = 0;
  uint32_t n = 0;
  if (data.size() >= 84) std::memcpy(&n, data.data() + 80, 4);
  if (data.size() >= 84 && data.size() == 84 + 50ull * n) {
    for (uint32_t f = 0; f < n; ++f)
      for (int v = 0; v < 3; ++v) {
        float xyz[3];
        std::memcpy(xyz, data.data() + 84 + 50ull * f + 12 + 12 * v, 12);
        add(xyz[0], xyz[1], xyz[2]);
      }
    facets = n;
  } else {
    std::istringstream in(data);
    std::string word;
    while (in >> word) {
      if (word == "facet") ++facets;
      if (word != "vertex") continue;
      double x, y, z;
      in >> x >> y >> z;
      add(x, y, z);
    }
  }
  return {box, facets};
}

std::string judgement(double score) {
  json list = json::array();
  const json spec = cubeSpec();
  for (const auto& item : spec["checklist"]) list.push_back({{"item", item}, {"answer", "yes"}, {"note", "in the code"}});
  return json{{"score", score}, {"checklist", list}, {"critique", json::array()}}.dump();
}

}  // namespace

TEST_CASE("generate: progress on stderr, the record on stdout, --out writes a part that reads back", "[agent][cli]") {
  REQUIRE(std::filesystem::exists(partsmith::test::cliExecutable()));
  LlmTestServer server;
  TempStore db;
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(cubeSpec().dump())));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"write_code", args({{"code", kCubeCode}})}, {"run_code", "{}"}},
                                                                "Writing the cube.")));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicTurn({{"finish", args({{"summary", "A 20 mm cube with a 5 mm hole."}})}})));
  server.enqueue(kMessages, ScriptedResponse::sse(anthropicText(judgement(9))));  // the code review
  const auto settings = writeCliSettings(db.dir, server.baseUrl());
  const auto stl = db.dir / "cube.stl";
  db.store.reset();
  CliChild child = CliChild::start({"--db", db.path(), "generate", "a 20 mm cube with a 5 mm hole", "--settings",
                                    settings.string(), "--no-visual", "--examples", "2", "--out", stl.string(), "--json"},
                                   kEnv, db.dir);
  REQUIRE(child.pid > 0);
  const int status = child.wait();
  INFO(child.err());
  REQUIRE(status == 0);

  const json record = json::parse(child.out());
  CHECK(record["status"] == "succeeded");
  CHECK(record["generation_id"].get<int64_t>() > 0);
  CHECK(record["code"] == kCubeCode);
  CHECK(record["summary"] == "A 20 mm cube with a 5 mm hole.");
  CHECK(record["spec_from_model"] == true);
  CHECK(record["examples"].size() == 2);
  CHECK(record["evaluation"]["composite"].get<double>() > 8);
  const json timing = record["timing"];
  for (const char* k : {"wall_ms", "llm_ms", "kernel_ms", "overhead_ms", "overhead_share"}) CHECK(timing.contains(k));
  CHECK(timing["llm_ms"].get<double>() > 0);
  CHECK(timing["kernel_ms"].get<double>() > 0);
  CHECK(timing["overhead_share"].get<double>() >= 0);
  CHECK(timing["overhead_share"].get<double>() < 1);
  CHECK(record["export"]["ok"] == true);
  CHECK(record["export"]["path"] == stl.string());
  // Stages with their tokens are in the record.
  bool specTokens = false;
  for (const auto& s : record["stages"]) specTokens = specTokens || (s["stage"] == "spec" && s["input_tokens"].get<int>() > 0);
  CHECK(specTokens);

  // Progress went to stderr, one line per event, and stdout holds only the JSON.
  const std::string err = child.err();
  CHECK(err.find("spec") != std::string::npos);
  CHECK(err.find("code") != std::string::npos);
  CHECK((err.find("tool") == std::string::npos || err.find("write_code") != std::string::npos));
  CHECK(err.find("succeeded") != std::string::npos);
  CHECK(err.find("exported " + stl.string()) != std::string::npos);
  CHECK(child.out().find("[") != 0);

  // The exported part reads back with the requested size.
  REQUIRE(std::filesystem::exists(stl));
  auto [box, facets] = stlBounds(stl);
  CHECK(facets > 12);
  CHECK(box[3] - box[0] == Approx(20).margin(0.01));
  CHECK(box[4] - box[1] == Approx(20).margin(0.01));
  CHECK(box[5] - box[2] == Approx(20).margin(0.01));

  // The same record is in the database, with the time split.
  partsmith::store::StoreOptions o;
  o.autoBackup = false;
  partsmith::store::Store reopened(db.path(), o);
  auto g = reopened.generations().get(record["generation_id"].get<int64_t>());
  CHECK(g.status == "succeeded");
  CHECK(g.origin == "cli");
  REQUIRE(g.timing);
  CHECK(g.timing->overheadMs == Approx(timing["overhead_ms"].get<double>()).margin(0.01));
}

TEST_CASE("generate: exit statuses for a failed generation and for bad usage", "[agent][cli]") {
  REQUIRE(std::filesystem::exists(partsmith::test::cliExecutable()));
  LlmTestServer server;
  TempStore db;
  const auto settings = writeCliSettings(db.dir, server.baseUrl());
  db.store.reset();

  SECTION("the model refuses the key: status failed, exit 1, the reason in the record") {
    server.setDefault(kMessages, ScriptedResponse::json(401, {{"type", "error"},
                                                              {"error", {{"type", "authentication_error"}, {"message", "invalid x-api-key"}}}}));
    CliChild child = CliChild::start({"--db", db.path(), "generate", "a cube", "--settings", settings.string(), "--no-spec",
                                      "--no-visual", "--json"},
                                     kEnv, db.dir);
    CHECK(child.wait() == 1);
    const json record = json::parse(child.out());
    CHECK(record["status"] == "failed");
    CHECK(record["error"].get<std::string>().find("invalid x-api-key") != std::string::npos);
    CHECK(child.err().find("failed") != std::string::npos);
  }
  SECTION("bad usage: exit 2 before any request") {
    CliChild a = CliChild::start({"--db", db.path(), "generate", "a cube", "--settings", settings.string(), "--examples", "40"},
                                 kEnv, db.dir, "a");
    CHECK(a.wait() == 2);
    CHECK(a.err().find("--examples") != std::string::npos);
    CliChild b = CliChild::start({"--db", db.path(), "generate", "a cube", "--out", (db.dir / "x.obj").string()}, kEnv, db.dir, "b");
    CHECK(b.wait() == 2);
    CHECK(b.err().find("--out") != std::string::npos);
    CliChild c = CliChild::start({"--db", db.path(), "generate"}, kEnv, db.dir, "c");
    CHECK(c.wait() == 2);
    CHECK(server.requestCount() == 0);
  }
  SECTION("no key for the provider: the offline answer, exit 1") {
    CliChild child = CliChild::start({"--db", db.path(), "generate", "a spur gear", "--settings", settings.string(), "--json"},
                                     {{"PARTSMITH_TEST_KEY", ""}, {"OPENAI_API_KEY", ""}}, db.dir);
    CHECK(child.wait() == 1);
    const json record = json::parse(child.out());
    CHECK(record["status"] == "offline");
    CHECK(record["offline"]["message"].get<std::string>().find("PARTSMITH_TEST_KEY") != std::string::npos);
    CHECK(server.requestCount() == 0);
  }
}
