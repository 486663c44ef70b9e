// `partsmith-cli workbench run` as a child process: the documented Slurm job-array script
// (docs/examples/workbench-shards.slurm) run locally as Slurm would run it — two array tasks
// (SLURM_ARRAY_TASK_ID 0 and 1 of 2), then the merge job — and a run killed with SIGKILL and
// resumed. The CLI talks to the scripted models through an LLM settings file, like any
// configured provider.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "store/database.h"
#include "workbench/run_aggregates.h"
#include "workbench_test_support.h"

namespace fs = std::filesystem;
using namespace partsmith;
using namespace partsmith::workbench;
using namespace partsmith::workbench::testing;

namespace {

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct Output {
  int status = -1;
  std::string text;
};

Output shell(const std::string& command) {
  Output r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.text.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("the Slurm job-array example runs two shards and merges them", "[workbench][slurm]") {
  ScriptedModels peer;
  const fs::path dir = fs::path(partsmith::test::binaryDir()) / "test-output" / "workbench-slurm";
  fs::remove_all(dir);
  fs::create_directories(dir / "out");

  // A small curriculum (the shipped one is for the real thing) and the scripted provider.
  const std::vector<std::pair<std::string, std::string>> prompts = {
      {"primitives", "A 20 mm cube with a 5 mm hole through it"},
      {"primitives", "A lattice ball of 20 mm diameter"},
      {"boolean-operations", "A filigree square of 20 mm with a hole"},
      {"boolean-operations", "A 20 mm block drilled through the middle with a 5 mm hole"},
      {"patterns-and-arrays", "A 20 mm cube with a single 5 mm bore"},
  };
  {
    std::ofstream c(dir / "curriculum.jsonl");
    for (const auto& [category, text] : prompts)
      c << json{{"category", category}, {"complexity", 2}, {"prompt", text}}.dump() << "\n";
  }
  json prices = json::object();
  for (const char* m : {"spec-model", "review-model", "mixed"}) prices[m] = {{"input", 3.0}, {"output", 15.0}};
  const json settings = {
      {"llm",
       {{"providers", json::array({{{"id", "scripted"}, {"kind", "anthropic"}, {"base_url", peer.baseUrl()},
                                    {"key_env", "PARTSMITH_TEST_KEY"}, {"max_retries", 0}}})},
        {"stages",
         {{"spec", {{"provider", "scripted"}, {"model", "spec-model"}}},
          {"code", {{"provider", "scripted"}, {"model", "mixed"}}},
          {"review", {{"provider", "scripted"}, {"model", "review-model"}}},
          {"vision", {{"provider", "scripted"}, {"model", "review-model"}}}}},
        {"price_overrides", prices},
        {"auto_detect_ollama", false}}}};
  std::ofstream(dir / "settings.json") << settings.dump(2);

  const std::string script = partsmith::test::sourceDir() + "/docs/examples/workbench-shards.slurm";
  const std::string env =
      "env PARTSMITH_CLI=" + quote(partsmith::test::cliExecutable()) + " OUT_DIR=" + quote((dir / "out").string()) +
      " PARTSMITH_CURRICULUM=" + quote((dir / "curriculum.jsonl").string()) +
      " PARTSMITH_KERNEL=" + quote(partsmith::test::kernelExecutable()) +
      " PARTSMITH_PROMPTS=" + quote(partsmith::test::sourceDir() + "/prompts") +
      " XDG_DATA_HOME=" + quote((dir / "xdg-data").string()) + " XDG_CONFIG_HOME=" + quote((dir / "xdg-config").string()) +
      " PARTSMITH_TEST_KEY=sk-test-0123456789abcdef SLURM_ARRAY_JOB_ID=4242 SLURM_ARRAY_TASK_COUNT=2 PARALLEL=2" +
      " EXTRA_ARGS=" + quote("--settings " + (dir / "settings.json").string() + " --no-visual --no-refine --max-steps 3");
  for (int task : {0, 1}) {
    const Output o = shell(env + " SLURM_ARRAY_TASK_ID=" + std::to_string(task) + " bash " + quote(script));
    INFO(o.text);
    REQUIRE(o.status == 0);
    CHECK(o.text.find("run 'curriculum-4242'") != std::string::npos);
    CHECK(o.text.find("shard " + std::to_string(task) + "/2") != std::string::npos);
    // Every task shares the rate gate through one file in the (shared) output folder.
    CHECK(o.text.find("rate-limit pauses shared through " + (dir / "out" / "rate-gate").string()) != std::string::npos);
  }
  // A task that is run again (a requeue) finds its shard finished and runs nothing.
  const Output requeued = shell(env + " SLURM_ARRAY_TASK_ID=0 bash " + quote(script));
  INFO(requeued.text);
  CHECK(requeued.status == 0);
  CHECK(requeued.text.find("this session") == std::string::npos);

  const Output merged = shell(env + " bash " + quote(script) + " merge");
  INFO(merged.text);
  REQUIRE(merged.status == 0);
  CHECK(merged.text.find("shard-0.db") != std::string::npos);
  CHECK(merged.text.find("shard-1.db") != std::string::npos);
  CHECK(merged.text.find("rate-gate") == std::string::npos);  // the merge takes databases only

  store::Store db((dir / "out" / "merged.db").string(), storeOptions());
  const auto runs = db.workbench().runs();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].shardCount == 1);
  CHECK(runs[0].status == "done");
  const RunAggregates a = aggregate(promptOutcomes(db, {runs[0].id}));
  CHECK(a.items == 5);
  CHECK(a.finished == 5);
  CHECK(a.failed == 1);     // the lattice: the "mixed" model cannot build it
  CHECK(a.approved == 3);   // the filigree is a draft the reviewer rejects
  CHECK(a.totalCostUsd > 0);
  CHECK(db.db().queryInt("SELECT count(*) FROM library_examples WHERE source = 'workbench' AND status = 'approved'") == 3);

  // Usage errors are exit status 2 with the reason.
  const Output badShard = shell(env + " SLURM_ARRAY_TASK_ID=2 bash " + quote(script));
  CHECK(badShard.status == 2);
  CHECK(badShard.text.find("--shard takes i/n") != std::string::npos);
}

TEST_CASE("a workbench run killed with SIGKILL resumes without running a prompt twice", "[workbench][kill]") {
  ScriptedModels peer(/*codeDelayMs=*/250);
  const fs::path dir = fs::path(partsmith::test::binaryDir()) / "test-output" / "workbench-kill";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream c(dir / "curriculum.jsonl");
    for (const char* text : {"A 20 mm cube with a 5 mm hole through it", "A 20 mm cube, 5 mm hole",
                             "Cube 20 mm, hole 5 mm through the top", "Drill a 5 mm hole through a 20 mm cube"})
      c << json{{"category", "primitives"}, {"complexity", 2}, {"prompt", text}}.dump() << "\n";
  }
  const json settings = {
      {"llm",
       {{"providers", json::array({{{"id", "scripted"}, {"kind", "anthropic"}, {"base_url", peer.baseUrl()},
                                    {"key_env", "PARTSMITH_TEST_KEY"}, {"max_retries", 0}}})},
        {"stages", {{"spec", {{"provider", "scripted"}, {"model", "spec-model"}}},
                    {"code", {{"provider", "scripted"}, {"model", "good"}}},
                    {"review", {{"provider", "scripted"}, {"model", "review-model"}}},
                    {"vision", {{"provider", "scripted"}, {"model", "review-model"}}}}},
        {"auto_detect_ollama", false}}}};
  std::ofstream(dir / "settings.json") << settings.dump(2);
  const std::string db = (dir / "history.db").string();
  const std::string command =
      "env PARTSMITH_CURRICULUM=" + quote((dir / "curriculum.jsonl").string()) +
      " PARTSMITH_KERNEL=" + quote(partsmith::test::kernelExecutable()) +
      " XDG_DATA_HOME=" + quote((dir / "xdg-data").string()) + " XDG_CONFIG_HOME=" + quote((dir / "xdg-config").string()) +
      " PARTSMITH_TEST_KEY=sk-test-0123456789abcdef " + quote(partsmith::test::cliExecutable()) + " workbench --db " +
      quote(db) + " run --run killed --settings " + quote((dir / "settings.json").string()) +
      " --no-visual --no-refine --no-review --json";

  // Start it, wait until one prompt is finished and the next is under way, then kill -9.
  const Output started = shell("sh -c " + quote(command + " >/dev/null 2>&1 & echo $!"));
  const pid_t pid = static_cast<pid_t>(std::stol(started.text));
  int finished = 0, running = 0;
  for (int i = 0; i < 400 && !(finished >= 1 && running >= 1); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    if (!fs::exists(db)) continue;
    try {
      // A plain read-only connection: opening a Store would take write locks to check the schema.
      store::Database s(db, store::Database::OpenMode::ReadOnly);
      finished = static_cast<int>(s.queryInt("SELECT count(*) FROM run_items WHERE status = 'succeeded'"));
      running = static_cast<int>(s.queryInt("SELECT count(*) FROM run_items WHERE status = 'running'"));
    } catch (const std::exception&) {
      // not created yet: look again
    }
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  for (int i = 0; i < 200 && ::kill(pid, 0) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  (void)status;
  REQUIRE(finished >= 1);
  REQUIRE(running >= 1);

  std::map<std::string, int64_t> before;  // prompt -> generation of the items finished before the kill
  {
    store::Store s(db, storeOptions());
    store::Statement st(s.db(), "SELECT p.text, i.generation_id FROM run_items i JOIN workbench_prompts p "
                                "ON p.id = i.prompt_id WHERE i.status = 'succeeded'");
    while (st.step()) before[st.getText(0)] = st.getInt(1);
  }
  CHECK(before.size() < 4);

  const Output resumed = shell(command);
  INFO(resumed.text);
  REQUIRE(resumed.status == 0);
  const json report = json::parse(resumed.text.substr(resumed.text.find('{')));
  CHECK(report["items_finished"].get<int>() == 4 - static_cast<int>(before.size()));
  CHECK(report["succeeded"].get<int>() == 4);

  store::Store s(db, storeOptions());
  CHECK(s.db().queryInt("SELECT count(*) FROM run_items WHERE status = 'succeeded'") == 4);
  CHECK(s.db().queryInt("SELECT count(DISTINCT generation_id) FROM run_items") == 4);
  CHECK(s.db().queryInt("SELECT count(*) FROM generations WHERE status = 'succeeded'") == 4);
  CHECK(s.db().queryInt("SELECT count(*) FROM library_examples WHERE source = 'workbench'") == 4);
  for (const auto& [text, generation] : before) {
    store::Statement st(s.db(), "SELECT i.generation_id, i.attempts FROM run_items i JOIN workbench_prompts p "
                                "ON p.id = i.prompt_id WHERE p.text = ?");
    st.bind(1, text);
    REQUIRE(st.step());
    CHECK(st.getInt(0) == generation);  // not run again
    CHECK(st.getInt(1) == 1);
  }
  // The item cut off by the kill was redone: a second attempt.
  CHECK(s.db().queryInt("SELECT count(*) FROM run_items WHERE attempts = 2") >= 1);
}
