// The rate gate shared between processes through a file (`workbench run --rate-file`): the
// file's rules (a later deadline wins; corrupt, stale or foreign files are ignored with a
// warning; an unwritable place is reported), two gates of this process standing in for two
// processes, and then the real thing — two `partsmith-cli workbench run` shards against one
// server that answers the first request of all with 429 and retry-after: the other shard's
// first model call waits for the deadline with a rate file, and does not without one.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "context_models.h"
#include "store/workbench_repository.h"
#include "workbench/rate_gate.h"
#include "workbench/shared_rate_file.h"

namespace fs = std::filesystem;
using namespace partsmith;
using namespace partsmith::workbench;
using namespace partsmith::workbench::testing;
using nlohmann::json;

namespace {

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::path(partsmith::test::binaryDir()) / "test-output" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Warnings {
  std::vector<std::string> list;
  SharedRateFile::Warn sink() {
    return [this](const std::string& m) { list.push_back(m); };
  }
};

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
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.text.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

json reportOf(const Output& o) {
  const size_t at = o.text.find("{\n");
  return at == std::string::npos ? json() : json::parse(o.text.substr(at), nullptr, false);
}

}  // namespace

TEST_CASE("the rate file keeps the later deadline and ignores what it cannot trust", "[workbench][rate-file]") {
  const fs::path dir = freshDir("rate-file-rules");
  const std::string path = (dir / "rate-gate").string();
  Warnings w;
  SharedRateFile file(path, w.sink());

  CHECK_FALSE(file.read());  // no file yet: open, and nothing to warn about
  const int64_t now = SharedRateFile::nowMs();
  REQUIRE(file.extend(now + 5000));
  CHECK(file.read() == now + 5000);
  CHECK(slurp(path).rfind("partsmith-rate-gate 1 open_at_ms=" + std::to_string(now + 5000) + " ", 0) == 0);
  CHECK(file.extend(now + 2000));  // an earlier deadline does not shorten the pause
  CHECK(file.read() == now + 5000);
  REQUIRE(file.extend(now + 8000));
  CHECK(file.read() == now + 8000);
  CHECK(w.list.empty());
  // No temporary files are left behind; the lock file stays for the next writer.
  int others = 0;
  for (const auto& e : fs::directory_iterator(dir)) others += e.path().filename() != "rate-gate" &&
                                                              e.path().filename() != "rate-gate.lock";
  CHECK(others == 0);

  // A corrupt file: ignored, one warning however often it is read, and the next pause replaces it.
  std::ofstream(path, std::ios::trunc) << "partsmith-rate-gate 1 open_at_ms=12x4\n";
  CHECK_FALSE(file.read());
  CHECK_FALSE(file.read());
  REQUIRE(w.list.size() == 1);
  CHECK(w.list[0].find("ignoring the rate file " + path) != std::string::npos);
  CHECK(w.list[0].find("holds no pause deadline") != std::string::npos);
  REQUIRE(file.extend(now + 3000));
  CHECK(file.read() == now + 3000);

  // A deadline far beyond any provider's retry-after (a node with its clock off, a stale file).
  std::ofstream(path, std::ios::trunc) << "partsmith-rate-gate 1 open_at_ms=" << now + 3 * 3600 * 1000 << "\n";
  CHECK_FALSE(file.read());
  REQUIRE(w.list.size() == 2);
  CHECK(w.list[1].find("further ahead than a provider asks") != std::string::npos);
  REQUIRE(file.extend(now + 1000));  // replaced by a sound one
  CHECK(file.read() == now + 1000);

  // A file of the user's own named by mistake is not overwritten.
  const std::string foreign = (dir / "notes.txt").string();
  std::ofstream(foreign) << std::string(600, 'x') << "\n";
  SharedRateFile wrong(foreign, w.sink());
  CHECK_FALSE(wrong.extend(now + 1000));
  CHECK(slurp(foreign) == std::string(600, 'x') + "\n");
  CHECK(w.list.back().find("not a Partsmith rate file") != std::string::npos);

  // A folder that does not exist: the pause cannot be shared, and the warning says where.
  SharedRateFile nowhere((dir / "missing" / "rate-gate").string(), w.sink());
  CHECK_FALSE(nowhere.extend(now + 1000));
  CHECK(w.list.back().find("cannot write the rate file") != std::string::npos);
  CHECK(w.list.back().find("missing") != std::string::npos);
}

TEST_CASE("gates sharing a rate file wait out each other's pause; an unshared gate does not", "[workbench][rate-file]") {
  const fs::path dir = freshDir("rate-file-gates");
  const std::string path = (dir / "rate-gate").string();
  Warnings w;
  RateGate first, second, alone;
  first.shareThrough(path, w.sink());
  second.shareThrough(path, w.sink());
  CHECK(first.shared());
  CHECK_FALSE(alone.shared());

  first.pause(0.6);  // the first "process" is told to slow down
  alone.pause(0);
  const auto start = std::chrono::steady_clock::now();
  const double waited = second.waitOpen();
  CHECK(waited > 0.5);
  CHECK(waited < 2.0);
  CHECK(second.sharedWaits() == 1);
  CHECK(second.pauses() == 0);
  CHECK(alone.waitOpen() < 0.05);
  // The pauser waits for its own pause too, but not "on another's".
  first.pause(0.2);
  CHECK(first.waitOpen() > 0.1);
  CHECK(first.sharedWaits() == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));

  // A cancel ends a shared wait promptly.
  first.pause(30);
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    second.cancel();
  });
  CHECK(second.waitOpen() < 1.0);
  canceller.join();
  CHECK(w.list.empty());
}

namespace {

struct ShardRun {
  Output a, b;
  int64_t limitedAt = 0;   // when the server answered 429 (to shard A's first call)
  int64_t launchedB = 0;   // when shard B was started
  int64_t firstB = 0;      // when shard B's first model call reached the server
  int64_t retryA = 0;      // shard A's retried call
  std::string rateFile;    // its content afterwards ("" without)
};

// Shard 0 starts; as soon as its first call has been answered 429 (retry-after 3 s), shard 1
// starts. Each shard has one prompt, its own database, and its own API key so the server can
// tell them apart.
ShardRun runShards(const std::string& name, bool shareRateFile) {
  ContextModels peer(/*limitFirstSeconds=*/3);
  const fs::path dir = freshDir(name);
  // One prompt per shard, picked with the shard hash the CLI uses.
  std::vector<std::string> shardPrompt(2);
  for (int i = 0; i < 64 && (shardPrompt[0].empty() || shardPrompt[1].empty()); ++i) {
    const std::string text = "A " + std::to_string(10 + i) + " mm cube with a 5 mm hole through it";
    for (int s : {0, 1})
      if (shardPrompt[s].empty() && store::WorkbenchRepository::inShard("primitives", text, s, 2)) shardPrompt[s] = text;
  }
  REQUIRE_FALSE(shardPrompt[0].empty());
  REQUIRE_FALSE(shardPrompt[1].empty());
  {
    std::ofstream c(dir / "curriculum.jsonl");
    for (const auto& text : shardPrompt)
      c << json{{"category", "primitives"}, {"complexity", 2}, {"prompt", text}}.dump() << "\n";
  }
  const json settings = {
      {"llm",
       {{"providers", json::array({{{"id", "scripted"}, {"kind", "anthropic"}, {"base_url", peer.baseUrl()},
                                    {"key_env", "PARTSMITH_TEST_KEY"}, {"max_retries", 1}}})},
        {"stages", {{"code", {{"provider", "scripted"}, {"model", "fewshot"}}},
                    {"spec", {{"provider", "scripted"}, {"model", "spec-model"}}},
                    {"review", {{"provider", "scripted"}, {"model", "review-model"}}},
                    {"vision", {{"provider", "scripted"}, {"model", "review-model"}}}}},
        {"auto_detect_ollama", false}}}};
  std::ofstream(dir / "settings.json") << settings.dump(2);
  const fs::path rateFile = dir / "rate-gate";
  auto command = [&](int shard, const std::string& key) {
    return "env PARTSMITH_CURRICULUM=" + quote((dir / "curriculum.jsonl").string()) +
           " PARTSMITH_KERNEL=" + quote(partsmith::test::kernelExecutable()) +
           " XDG_DATA_HOME=" + quote((dir / "xdg-data").string()) +
           " XDG_CONFIG_HOME=" + quote((dir / "xdg-config").string()) + " PARTSMITH_TEST_KEY=" + key + " " +
           quote(partsmith::test::cliExecutable()) + " workbench --db " +
           quote((dir / ("shard-" + std::to_string(shard) + ".db")).string()) + " run --run shared-gate --shard " +
           std::to_string(shard) + "/2 --settings " + quote((dir / "settings.json").string()) +
           " --no-spec --no-research --no-review --no-visual --no-refine --max-steps 2 --json" +
           (shareRateFile ? " --rate-file " + quote(rateFile.string()) : std::string());
  };
  const std::string keyA = "sk-test-shard-a-0123456789", keyB = "sk-test-shard-b-0123456789";

  ShardRun r;
  std::thread a([&] { r.a = shell(command(0, keyA)); });
  for (int i = 0; i < 1000 && r.limitedAt == 0; ++i) {
    for (const auto& q : peer.received())
      if (q.status == 429) r.limitedAt = q.atMs;
    if (r.limitedAt == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.launchedB = ContextModels::nowMs();
  std::thread b([&] { r.b = shell(command(1, keyB)); });
  a.join();
  b.join();
  for (const auto& q : peer.received()) {
    if (q.apiKey == keyB && r.firstB == 0) r.firstB = q.atMs;
    if (q.apiKey == keyA && q.status == 200 && r.retryA == 0) r.retryA = q.atMs;
  }
  if (fs::exists(rateFile)) r.rateFile = slurp(rateFile);
  return r;
}

}  // namespace

TEST_CASE("shards sharing a rate file: a 429 to one shard delays the other's next model call", "[workbench][rate-file]") {
  const ShardRun r = runShards("rate-file-shards", true);
  INFO("shard A:\n" << r.a.text << "\nshard B:\n" << r.b.text);
  REQUIRE(r.a.status == 0);
  REQUIRE(r.b.status == 0);
  REQUIRE(r.limitedAt > 0);
  REQUIRE(r.firstB > 0);
  // B was started well inside the 3 s pause, so without the gate it would have called early.
  REQUIRE(r.launchedB < r.limitedAt + 1500);
  // The deadline A wrote: its 429 plus retry-after, in wall-clock ms.
  INFO("rate file: " << r.rateFile);
  const size_t at = r.rateFile.find("open_at_ms=");
  REQUIRE(at != std::string::npos);
  const int64_t deadline = std::stoll(r.rateFile.substr(at + 11));
  CHECK(deadline >= r.limitedAt + 3000);
  CHECK(deadline < r.limitedAt + 4000);
  // B's first call did not reach the server before the deadline; nor did A's own retry.
  CHECK(r.firstB >= deadline);
  CHECK(r.retryA >= r.limitedAt + 3000);
  CHECK(r.b.text.find("rate-limit pauses shared through") != std::string::npos);
  const json b = reportOf(r.b);
  REQUIRE(b.is_object());
  CHECK(b["rate_limit_shared_waits"].get<int>() == 1);
  CHECK(b["rate_limit_wait_seconds"].get<double>() > 1.0);
  CHECK(b["succeeded"].get<int>() + b["failed"].get<int>() == 1);
  const json a = reportOf(r.a);
  REQUIRE(a.is_object());
  CHECK(a["rate_limit_pauses"].get<int>() == 1);
  CHECK(a["succeeded"].get<int>() + a["failed"].get<int>() == 1);
}

TEST_CASE("shards without a rate file each meet the limit on their own", "[workbench][rate-file]") {
  const ShardRun r = runShards("rate-file-none", false);
  INFO("shard A:\n" << r.a.text << "\nshard B:\n" << r.b.text);
  REQUIRE(r.a.status == 0);
  REQUIRE(r.b.status == 0);
  REQUIRE(r.limitedAt > 0);
  REQUIRE(r.firstB > 0);
  CHECK(r.rateFile.empty());
  // B calls as soon as it is up, long before A's pause ends; A still waits out its own.
  CHECK(r.firstB < r.limitedAt + 2500);
  CHECK(r.retryA >= r.limitedAt + 3000);
  const json b = reportOf(r.b);
  REQUIRE(b.is_object());
  CHECK(b["rate_limit_shared_waits"].get<int>() == 0);
  CHECK(b["rate_limit_wait_seconds"].get<double>() < 0.5);
}

TEST_CASE("workbench run --rate-file in a folder that does not exist is a usage error", "[workbench][rate-file]") {
  const fs::path dir = freshDir("rate-file-usage");
  const std::string base = "env XDG_DATA_HOME=" + quote((dir / "xdg-data").string()) +
                           " XDG_CONFIG_HOME=" + quote((dir / "xdg-config").string()) + " " +
                           quote(partsmith::test::cliExecutable()) + " workbench --db " +
                           quote((dir / "shard.db").string()) + " run --run usage --rate-file ";
  const Output missing = shell(base + quote((dir / "no-such-folder" / "rate-gate").string()));
  CHECK(missing.status == 2);
  CHECK(missing.text.find("--rate-file") != std::string::npos);
  CHECK(missing.text.find("no-such-folder does not exist") != std::string::npos);
  const Output folder = shell(base + quote(dir.string()));
  CHECK(folder.status == 2);
  CHECK(folder.text.find("is a folder; name a file in it") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "shard.db"));  // rejected before anything was written
}
