// The example part library (resources/examples/*.js): every script carries a complete header,
// runs cleanly through the real kernel worker, produces valid closed solids, meets the facts its
// header promises, and reacts to its first slider. The library as a whole covers every category
// of the curriculum and the whole complexity ladder.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/bench_native_parts.h"
#include "kernel/facts.h"
#include "script/parameter_parser.h"
#include "store/example_header.h"
#include "test_paths.h"
#include "worker/client/kernel_client.h"

namespace fs = std::filesystem;
using nlohmann::json;
using partsmith::store::checkExpectations;
using partsmith::store::ExampleHeader;
using partsmith::store::parseExampleHeader;

namespace {

const std::set<std::string> kCategories = {
    "primitives",          "boolean operations",       "patterns and arrays", "revolve/loft/sweep",
    "fillets and chamfers", "brackets and mounts",     "mechanical components",
    "organisers and containers", "enclosures with lids", "snap-fits and hinges", "pcb cases"};

std::vector<fs::path> exampleFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(partsmith::test::examplesDir()))
    if (entry.path().extension() == ".js") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One warm worker for the whole run: the examples are many, and a fresh process per script
// would measure start-up, not the scripts.
partsmith::worker::KernelClient& client() {
  static partsmith::worker::KernelClient instance([] {
    partsmith::worker::KernelClientOptions options;
    options.kernelExecutable = partsmith::test::kernelExecutable();
    return options;
  }());
  return instance;
}

json run(const std::string& source, const json& params = json::object()) {
  return client().request({{"op", "run"}, {"source", source}, {"params", params}});
}

// The first plain numeric slider moved by one step (down when up would leave its range), as
// the bench and a user's first slider move do.
json nudgeFirstSlider(const std::vector<partsmith::script::Parameter>& params, std::string& name) {
  for (const auto& p : params) {
    if (p.type != "number" || p.hidden || !p.options.empty()) continue;
    double value = std::get<double>(p.value);
    double step = p.step.value_or(1.0);
    double moved = value + step;
    if (p.max && moved > *p.max) moved = value - step;
    name = p.name;
    return {{p.name, moved}};
  }
  return json::object();
}

bool differs(double a, double b) { return std::fabs(a - b) > 1e-6 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

std::string errorsText(const json& reply) { return reply.value("errors", json::array()).dump(2); }

}  // namespace

TEST_CASE("the example library is large, covers every category and the complexity ladder", "[examples]") {
  auto files = exampleFiles();
  REQUIRE(files.size() >= 30);

  std::set<std::string> categories;
  std::set<int> complexities;
  for (const auto& file : files) {
    ExampleHeader header = parseExampleHeader(readFile(file));
    categories.insert(header.category);
    complexities.insert(header.complexity);
  }
  CHECK(categories == kCategories);
  for (int level = 1; level <= 10; ++level) {
    INFO("complexity " << level);
    CHECK(complexities.count(level) == 1);
  }
}

TEST_CASE("every example has a full header, runs cleanly and meets its expectations", "[examples]") {
  for (const auto& file : exampleFiles()) {
    DYNAMIC_SECTION(file.filename().string()) {
      const std::string source = readFile(file);

      ExampleHeader header = parseExampleHeader(source);
      CHECK_FALSE(header.prompt.empty());
      CHECK(kCategories.count(header.category) == 1);
      CHECK(header.complexity >= 1);
      CHECK(header.complexity <= 10);
      CHECK_FALSE(header.techniques.empty());
      CHECK(header.expectations.size() >= 2);

      auto params = partsmith::script::parseParameters(source);
      REQUIRE_FALSE(params.empty());

      json reply = run(source);
      INFO("errors: " << errorsText(reply));
      REQUIRE(reply.value("ok", false));
      CHECK(reply.value("errors", json::array()).empty());
      CHECK(reply.value("parameters", json::array()).size() == params.size());
      const json& facts = reply.at("facts");
      CHECK(facts.value("valid", false));
      CHECK(facts.value("closed", false));
      CHECK(facts.value("solids", 0) >= 1);

      std::vector<std::string> failures = checkExpectations(header.expectations, facts);
      std::ostringstream report;
      for (const auto& failure : failures) report << "\n  " << failure;
      INFO("unmet expectations:" << report.str());
      CHECK(failures.empty());

      // The first slider really drives the geometry: one step changes the size or the volume.
      std::string name;
      json nudge = nudgeFirstSlider(params, name);
      REQUIRE_FALSE(nudge.empty());
      json moved = run(source, nudge);
      INFO("after moving " << nudge.dump() << ": " << errorsText(moved));
      REQUIRE(moved.value("ok", false));
      const json& after = moved.at("facts");
      CHECK(after.value("valid", false));
      CHECK(after.value("closed", false));
      bool changed = differs(after.value("volume", 0.0), facts.value("volume", 0.0));
      for (int axis = 0; axis < 3; ++axis)
        changed = changed || differs(after["bbox"]["size"][axis].get<double>(), facts["bbox"]["size"][axis].get<double>());
      CHECK(changed);
    }
  }
}

TEST_CASE("an unmet expectation is reported against the example's facts", "[examples]") {
  // The check the library relies on must be able to fail: a mounting bracket that claims the
  // wrong size and a hole it does not have.
  const fs::path file = fs::path(partsmith::test::examplesDir()) / "mounting_bracket.js";
  REQUIRE(fs::exists(file));
  std::string source = readFile(file);
  json reply = run(source);
  REQUIRE(reply.value("ok", false));
  auto header = parseExampleHeader(
      "// @expect: bbox.size = [51, 40, 40]\n// @expect: holes.length = 5\n// @expect: valid = true\n");
  auto failures = checkExpectations(header.expectations, reply.at("facts"));
  REQUIRE(failures.size() == 2);
  CHECK(failures[0].find("bbox.size") != std::string::npos);
  CHECK(failures[1].find("holes.length") != std::string::npos);
}

TEST_CASE("the bench's native twins build the same parts as their scripts", "[examples]") {
  // bench compares each twin with its script; that comparison means something only if both
  // build the same geometry, for the default and for the moved first slider.
  int twins = 0;
  for (const auto& file : exampleFiles()) {
    auto builder = partsmith::cli::nativeBuilderFor(file.stem().string());
    if (!builder) continue;
    ++twins;
    DYNAMIC_SECTION(file.filename().string()) {
      const std::string source = readFile(file);
      std::string name;
      json nudge = nudgeFirstSlider(partsmith::script::parseParameters(source), name);
      for (bool alternate : {false, true}) {
        json reply = run(source, alternate ? nudge : json::object());
        INFO("alternate " << alternate << ": " << errorsText(reply));
        REQUIRE(reply.value("ok", false));
        json native = partsmith::kernel::computeFacts(builder(alternate));
        const json& scripted = reply.at("facts");
        CHECK(native["volume"].get<double>() == Approx(scripted["volume"].get<double>()).epsilon(1e-6));
        CHECK(native["solids"] == scripted["solids"]);
        CHECK(native["faces"] == scripted["faces"]);
        for (int axis = 0; axis < 3; ++axis)
          CHECK(native["bbox"]["size"][axis].get<double>() ==
                Approx(scripted["bbox"]["size"][axis].get<double>()).margin(1e-6));
      }
    }
  }
  CHECK(twins >= 3);
  CHECK_FALSE(partsmith::cli::nativeBuilderFor("no_such_example"));
}
