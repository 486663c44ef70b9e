// The worker process and its client: warm reuse, timeouts, crashes, cancellation, the
// hostile-script corpus in hostile/, and the JSON reply of the CLI contract.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "test_paths.h"
#include "io/export_options.h"
#include "render/standard_views.h"
#include "worker/client/job_spec.h"
#include "worker/client/kernel_client.h"
#include "worker/client/mesh_payload.h"

using partsmith::worker::KernelClient;
using partsmith::worker::KernelClientOptions;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

KernelClientOptions testOptions() {
  KernelClientOptions options;
  options.kernelExecutable = partsmith::test::kernelExecutable();
  options.killGraceMs = 2000;
  return options;
}

json runJob(KernelClient& client, const std::string& source, int timeoutMs = 5000) {
  return client.request({{"op", "run"}, {"source", source}, {"timeout_ms", timeoutMs}});
}

const std::string kBox = "show(cq.Workplane(\"XY\").box(10, 20, 30));\n";

std::string readFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string headerValue(const std::string& source, const std::string& key) {
  std::istringstream in(source);
  for (std::string line; std::getline(in, line);) {
    auto at = line.find("// @" + key + ":");
    if (at == 0) {
      std::string v = line.substr(key.size() + 5);
      while (!v.empty() && v.front() == ' ') v.erase(v.begin());
      return v;
    }
  }
  return {};
}

bool contains(const std::string& haystack, const std::string& needle) {
  std::string h = haystack, n = needle;
  for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return h.find(n) != std::string::npos;
}

}  // namespace

TEST_CASE("a warm worker runs a script and answers with the CLI contract", "[worker]") {
  KernelClient client(testOptions());
  json reply = runJob(client, kBox);
  INFO(reply.dump(2));
  REQUIRE(reply["ok"] == true);
  REQUIRE(reply["errors"].empty());
  REQUIRE(reply["parts"].size() == 1);
  const json& facts = reply["facts"];
  CHECK(facts["bbox"]["size"][0].get<double>() == Approx(10));
  CHECK(facts["bbox"]["size"][1].get<double>() == Approx(20));
  CHECK(facts["bbox"]["size"][2].get<double>() == Approx(30));
  CHECK(facts["volume"].get<double>() == Approx(6000));
  CHECK(facts["solids"] == 1);
  CHECK(facts["valid"] == true);
  for (const char* key : {"script_ms", "kernel_ms", "total_ms"}) CHECK(reply["timing"].contains(key));

  int pid = client.workerPid();
  REQUIRE(pid > 0);
  json again = runJob(client, kBox);
  CHECK(again["ok"] == true);
  CHECK(client.workerPid() == pid);  // the same warm process served both runs
  CHECK(client.workersStarted() == 1);
}

TEST_CASE("parameters are overridden per run and meshes come back as payload files", "[worker]") {
  KernelClient client(testOptions());
  const std::string source =
      "const width = 40; // [10:100]\n"
      "const height = 5;\n"
      "show(cq.Workplane(\"XY\").box(width, 20, height), \"plate\", {color: \"#3a7bd5\"});\n";
  json reply = client.request({{"op", "run"}, {"source", source}, {"params", {{"width", 80}}}, {"mesh", true}});
  INFO(reply.dump(2));
  REQUIRE(reply["ok"] == true);
  CHECK(reply["facts"]["bbox"]["size"][0].get<double>() == Approx(80));
  REQUIRE(reply["parameters"].size() == 2);
  CHECK(reply["parameters"][0]["name"] == "width");
  CHECK(reply["parts"][0]["name"] == "plate");
  CHECK(reply["parts"][0]["color"] == "#3a7bd5");
  auto mesh = partsmith::worker::readMeshPayload(reply["parts"][0]["mesh"]);
  CHECK(mesh.triangles.size() == 12);
  CHECK(mesh.positions.size() == mesh.normals.size());
}

TEST_CASE("a crash in the worker is reported and the worker is replaced", "[worker]") {
  ::setenv("PARTSMITH_KERNEL_TEST_HOOKS", "1", 1);
  KernelClient client(testOptions());
  REQUIRE(runJob(client, kBox)["ok"] == true);
  int firstPid = client.workerPid();
  json crash = client.request({{"op", "debug-crash"}});
  INFO(crash.dump(2));
  CHECK(crash["ok"] == false);
  CHECK(crash["errors"][0]["kind"] == "crash");
  CHECK(contains(crash["errors"][0]["message"], "crashed"));
  json after = runJob(client, kBox);
  CHECK(after["ok"] == true);
  CHECK(client.workerPid() != firstPid);
  CHECK(client.workersStarted() == 2);
  ::unsetenv("PARTSMITH_KERNEL_TEST_HOOKS");
}

TEST_CASE("a fault inside a kernel guard is an error and the worker lives on", "[worker]") {
  ::setenv("PARTSMITH_KERNEL_TEST_HOOKS", "1", 1);
  KernelClient client(testOptions());
  REQUIRE(runJob(client, kBox)["ok"] == true);
  const int pid = client.workerPid();
  json guarded = client.request({{"op", "debug-guarded-crash"}});
  INFO(guarded.dump(2));
  CHECK(guarded["ok"] == false);
  CHECK(guarded["errors"][0]["kind"] == "geometry");
  CHECK(contains(guarded["errors"][0]["message"], "SIGSEGV"));
  CHECK(runJob(client, kBox)["ok"] == true);
  CHECK(client.workerPid() == pid);
  CHECK(client.workersStarted() == 1);
  ::unsetenv("PARTSMITH_KERNEL_TEST_HOOKS");
}

TEST_CASE("a fault outside a guard ends the worker at once, also while it prepares the next engine", "[worker]") {
  // OCCT's own handler would call exit() here, whose static destructors raced the thread that
  // prepares the next run's engine and could hang the worker until the job's time limit.
  ::setenv("PARTSMITH_KERNEL_TEST_HOOKS", "1", 1);
  KernelClient client(testOptions());
  for (int i = 0; i < 10; ++i) {
    REQUIRE(runJob(client, kBox)["ok"] == true);  // the next engine is being prepared now
    const auto start = std::chrono::steady_clock::now();
    json crash = client.request({{"op", "debug-crash"}});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO("round " << i << ": " << crash.dump());
    REQUIRE(crash["errors"][0]["kind"] == "crash");
    REQUIRE(seconds < 10);  // far below the 20 s time limit a hang would run into
  }
  ::unsetenv("PARTSMITH_KERNEL_TEST_HOOKS");
}

TEST_CASE("a hang the script watchdog cannot stop is killed at the deadline", "[worker]") {
  ::setenv("PARTSMITH_KERNEL_TEST_HOOKS", "1", 1);
  KernelClient client(testOptions());
  client.warmUp();
  auto start = std::chrono::steady_clock::now();
  json reply = client.request({{"op", "debug-hang"}, {"timeout_ms", 500}});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(reply["errors"][0]["kind"] == "timeout");
  CHECK(reply["errors"][0]["message"] == "the script did not finish within its 0.5 s time limit and the kernel worker was stopped");
  CHECK(seconds < 0.5 + 1.0);  // measured about 0.55 s; the margin is for a loaded CI machine
  CHECK(runJob(client, kBox)["ok"] == true);
  ::unsetenv("PARTSMITH_KERNEL_TEST_HOOKS");
}

TEST_CASE("cancel stops a running job within 200 ms", "[worker]") {
  KernelClient client(testOptions());
  client.warmUp();
  json reply;
  std::thread job([&] { reply = runJob(client, "for (;;) {}", 20000); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto start = std::chrono::steady_clock::now();
  client.cancel();
  job.join();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  CHECK(reply["errors"][0]["kind"] == "cancelled");
  CHECK(ms < 200);
  CHECK(runJob(client, kBox)["ok"] == true);
}

TEST_CASE("malformed job lines get a protocol error, not a dead worker", "[worker]") {
  KernelClient client(testOptions());
  json reply = client.request({{"op", "no-such-op"}});
  CHECK(reply["ok"] == false);
  CHECK(reply["errors"][0]["kind"] == "protocol");
  CHECK(runJob(client, kBox)["ok"] == true);
}

TEST_CASE("every hostile script ends in a clear error within its timeout", "[worker][hostile]") {
  KernelClient client(testOptions());
  const int timeoutMs = 3000;
  fs::path dir = fs::path(partsmith::test::sourceDir()) / "tests" / "worker" / "hostile";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".js") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 15);
  for (const auto& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      std::string source = readFile(file);
      std::string kinds = headerValue(source, "expect-error");
      std::string message = headerValue(source, "expect-message");
      REQUIRE(!kinds.empty());
      auto start = std::chrono::steady_clock::now();
      json reply = runJob(client, source, timeoutMs);
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      INFO(reply.dump(2));
      CHECK(reply["ok"] == false);
      REQUIRE(!reply["errors"].empty());
      const json& error = reply["errors"][0];
      std::string kind = error.value("kind", "");
      CHECK(contains("|" + kinds + "|", "|" + kind + "|"));
      CHECK(!error.value("message", "").empty());
      if (!message.empty())
        CHECK(contains(error.value("message", "") + " " + error.value("hint", ""), message));
      // Every script ends within its timeout: the worker interrupts it first, the client kills
      // the worker at the timeout; only a reply's meshing and exports get grace time.
      std::string maxSeconds = headerValue(source, "max-seconds");
      CHECK(seconds < (maxSeconds.empty() ? timeoutMs / 1000.0 + 1.0 : std::stod(maxSeconds)));
      // The next ordinary run works, on the same worker or on its replacement.
      json after = runJob(client, kBox);
      CHECK(after["ok"] == true);
    }
  }
}

TEST_CASE("a fast memory bomb is a limit error with a hint", "[worker][hostile]") {
  KernelClientOptions options = testOptions();
  options.memoryLimitMb = 1536;  // reached in a second, not after eight
  KernelClient client(options);
  json reply = runJob(client, "const a = [];\nfor (;;) a.push(new Float64Array(1e7));\n", 10000);
  INFO(reply.dump(2));
  REQUIRE(!reply["errors"].empty());
  const json& error = reply["errors"][0];
  CHECK(error["kind"] == "limit");
  CHECK(error["message"] == "the script ran out of memory (ArrayBuffer: out of memory)");
  CHECK(error["line"] == 2);
  CHECK(contains(error.value("hint", ""), "keeps adding to an array"));
  CHECK(runJob(client, kBox)["ok"] == true);
}

TEST_CASE("the worker's script-done progress line is not taken for the reply", "[worker]") {
  KernelClient client(testOptions());
  client.warmUp();
  // The script itself is quick; the reply's meshing comes after the worker's "script-done".
  json reply = client.request({{"op", "run"}, {"source", kBox}, {"timeout_ms", 1000}, {"mesh", true}});
  CHECK(reply["ok"] == true);
  CHECK(!reply.contains("phase"));
  CHECK(client.workersStarted() == 1);
}

TEST_CASE("the client's export and view lists match the io and render modules", "[worker]") {
  std::vector<std::string> views = partsmith::render::standardViewNames();
  CHECK(partsmith::worker::renderViewNames() == views);
  for (const auto& ext : partsmith::worker::exportExtensions()) {
    CHECK(partsmith::worker::exportPathProblem("part" + ext).empty());
    CHECK_NOTHROW(partsmith::io::formatFromPath("part" + ext));
  }
  for (const char* bad : {"part.obj", "part.xyz", "part"}) {
    CHECK_THROWS(partsmith::io::formatFromPath(bad));
    CHECK(!partsmith::worker::exportPathProblem(bad).empty());
  }
  CHECK(partsmith::worker::exportPathProblem("a.xyz") ==
        "a.xyz: unknown file type '.xyz' (supported: .stl, .step, .stp, .3mf, .brep, .brp)");
  std::string problem;
  CHECK(partsmith::worker::parseRenderViews(" ISO,top,iso ", problem) == std::vector<std::string>{"iso", "top"});
  CHECK(problem.empty());
  partsmith::worker::parseRenderViews("iso,diag", problem);
  CHECK(problem == "unknown view 'diag' (views are: iso, iso2, front, back, left, right, top, bottom)");
}
