#include "cli/workbench_run_command.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "agent/model_resolver.h"
#include "cli/cli_args.h"
#include "llm/llm_settings.h"
#include "llm/secret_store.h"
#include "store/curriculum_loader.h"
#include "store/store.h"
#include "store/store_paths.h"
#include "workbench/review_queue.h"
#include "workbench/run_aggregates.h"
#include "workbench/shard_merger.h"

namespace partsmith::cli {

using nlohmann::json;

namespace {

const char* kRunUsage =
    "usage: partsmith-cli workbench run [--category C] [--limit N] [--model M] [--stage-model STAGE=M]...\n"
    "           [--parallel K] [--shard i/n] [--budget USD] [--run NAME] [--threshold SCORE] [--examples N]\n"
    "           [--max-steps N] [--max-cost USD] [--max-minutes M] [--no-spec] [--no-research] [--no-visual]\n"
    "           [--no-review] [--no-decompose] [--no-refine] [--no-curate] [--settings PATH] [--rate-file PATH]\n"
    "           [--json]\n"
    "Runs workbench prompts through the pipeline. Results scoring at least the threshold (default 8)\n"
    "with a passing checklist are approved into the library; the rest go to `workbench review`.\n"
    "A run is resumed by running the same --run NAME again (finished prompts are not run twice);\n"
    "shards of one --run NAME written to separate databases combine with `workbench merge`.\n"
    "--rate-file PATH (a file on a filesystem every shard sees) makes a provider's \"slow down\" (429/529)\n"
    "pause every shard that names the same file, not only this process's workers.\n";

const char* kMergeUsage =
    "usage: partsmith-cli workbench [--db TARGET] merge SHARD.db... [--json]\n"
    "Combines shard databases into the target (prompts by category and text, runs by name, results\n"
    "copied). Merging the same shard again adds nothing.\n";

const char* kReviewUsage =
    "usage: partsmith-cli workbench review [list] [--category C] [--limit N] [--json]\n"
    "       partsmith-cli workbench review show ID\n"
    "       partsmith-cli workbench review approve ID [--note TEXT]\n"
    "       partsmith-cli workbench review reject ID --reason TEXT\n";

std::atomic<workbench::BatchRunner*> g_runner{nullptr};

void onInterrupt(int) {
  if (workbench::BatchRunner* r = g_runner.load()) r->cancel();
}

bool wantsHelp(const std::vector<std::string>& args, const char* usage) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::cout << usage;
      return true;
    }
  return false;
}

int intArg(const CliArgs& a, const std::string& flag, int fallback, int lo, int hi) {
  if (!a.has(flag)) return fallback;
  try {
    size_t used = 0;
    const int v = std::stoi(a.value(flag), &used);
    if (used != a.value(flag).size() || v < lo || v > hi) throw std::out_of_range("range");
    return v;
  } catch (const std::exception&) {
    throw UsageError(flag + " needs a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  }
}

double numberArg(const CliArgs& a, const std::string& flag, double lo, double hi) {
  try {
    size_t used = 0;
    const double v = std::stod(a.value(flag), &used);
    if (used != a.value(flag).size() || v < lo || v > hi) throw std::out_of_range("range");
    return v;
  } catch (const std::exception&) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s needs a number from %g to %g", flag.c_str(), lo, hi);
    throw UsageError(buf);
  }
}

int64_t idArg(const std::string& text, const std::string& what) {
  try {
    size_t used = 0;
    const long long v = std::stoll(text, &used);
    if (used != text.size() || v <= 0) throw std::out_of_range("range");
    return v;
  } catch (const std::exception&) {
    throw UsageError(what + " must be a positive whole number, not '" + text + "'");
  }
}

std::string defaultRunName() {
  char buf[64];
  const std::time_t now = std::time(nullptr);
  std::strftime(buf, sizeof buf, "batch-%Y%m%d-%H%M%S", std::gmtime(&now));
  return buf;
}

void printProgress(const workbench::BatchProgress& p) {
  std::string prompt = p.lastPrompt.size() > 50 ? p.lastPrompt.substr(0, 47) + "..." : p.lastPrompt;
  std::fprintf(stderr, "[%d/%d] %s — %s\n        %s\n", p.finished, p.total, p.lastOutcome.c_str(), prompt.c_str(),
               p.describe().c_str());
}

}  // namespace

const std::vector<std::string>& runSettingValueFlags() {
  static const std::vector<std::string> flags = {"--model",     "--stage-model", "--threshold",  "--examples",
                                                 "--max-steps", "--max-cost",    "--max-minutes"};
  return flags;
}

const std::vector<std::string>& runSettingSwitches() {
  static const std::vector<std::string> flags = {"--no-spec",      "--no-research", "--no-visual", "--no-review",
                                                 "--no-decompose", "--no-refine",   "--no-curate"};
  return flags;
}

json runSettingsFromArgs(const CliArgs& a) {
  json s = json::object();
  if (a.has("--model")) s["models"]["code"] = a.value("--model");
  for (const std::string& sm : a.values("--stage-model")) {
    const size_t eq = sm.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == sm.size())
      throw UsageError("--stage-model takes STAGE=MODEL, e.g. --stage-model review=claude-haiku-4-5");
    s["models"][sm.substr(0, eq)] = sm.substr(eq + 1);
  }
  if (a.has("--threshold")) s["approval_threshold"] = numberArg(a, "--threshold", 0, 10);
  if (a.has("--examples")) s["few_shot"] = intArg(a, "--examples", 4, 0, 12);
  if (a.has("--max-steps")) s["max_steps"] = intArg(a, "--max-steps", 20, 1, 500);
  if (a.has("--max-cost")) s["max_cost_usd"] = numberArg(a, "--max-cost", 0.0001, 1000);
  if (a.has("--max-minutes")) s["max_minutes"] = numberArg(a, "--max-minutes", 0.1, 600);
  for (const char* sw : {"spec", "research", "visual", "review", "decompose", "refine", "curate"})
    if (a.has(std::string("--no-") + sw)) s[sw] = false;
  try {
    workbench::RunSettings::fromJson(s);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  return s;
}

std::string rateFileArg(const CliArgs& a) {
  if (!a.has("--rate-file")) return {};
  const std::string path = a.value("--rate-file");
  namespace fs = std::filesystem;
  if (path.empty() || path.back() == '/')
    throw UsageError("--rate-file takes the path of a file (e.g. $OUT_DIR/rate-gate), not '" + path + "'");
  std::error_code ec;
  const fs::path dir = fs::absolute(fs::path(path), ec).parent_path();
  if (ec || !fs::is_directory(dir, ec))
    throw UsageError("--rate-file " + path + ": the folder " + dir.string() +
                     " does not exist (it must be on a filesystem every shard can write)");
  if (fs::is_directory(fs::path(path), ec))
    throw UsageError("--rate-file " + path + " is a folder; name a file in it, e.g. " + (fs::path(path) / "rate-gate").string());
  return path;
}

std::pair<int, int> parseShard(const std::string& text) {
  const size_t slash = text.find('/');
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    size_t u1 = 0, u2 = 0;
    const int i = std::stoi(text.substr(0, slash), &u1);
    const int n = std::stoi(text.substr(slash + 1), &u2);
    if (u1 != slash || u2 != text.size() - slash - 1 || n < 1 || i < 0 || i >= n) throw std::out_of_range("range");
    return {i, n};
  } catch (const std::exception&) {
    throw UsageError("--shard takes i/n with 0 ≤ i < n, e.g. --shard 0/4, not '" + text + "'");
  }
}

std::unique_ptr<store::Store> openWorkbenchStore(const std::string& dbPath) {
  auto s = std::make_unique<store::Store>(dbPath);
  const store::CurriculumImportReport loaded = store::CurriculumLoader(*s).ensureShipped();
  if (loaded.added > 0)
    std::fprintf(stderr, "loaded %d curriculum prompts from %s\n", loaded.added, store::defaultCurriculumPath().c_str());
  return s;
}

workbench::BatchEnvironment cliBatchEnvironment(const std::string& settingsPath, const std::string& dbPath) {
  const llm::LlmSettings settings = llm::LlmSettings::load(settingsPath);
  // Checked once up front so a wrong model name is a usage error, not a failed batch.
  workbench::BatchEnvironment env;
  env.databasePath = dbPath;
  env.storeOptions.autoBackup = false;  // the command's own connection made the backup
  env.models = [settings](const workbench::RunSettings& rs) {
    agent::ModelOverrides o;
    for (const auto& [stage, model] : rs.models) {
      if (stage == "code") o.model = model;
      else o.stageModels[stage] = model;
    }
    llm::EnvironmentSecretStore secrets;
    agent::ResolvedModels r = agent::resolveModels(settings, secrets, o);
    if (!r.offlineReason.empty()) throw std::runtime_error("no usable code model: " + r.offlineReason);
    return r.models;
  };
  return env;
}

int workbenchRunCommand(const std::string& dbPath, const std::vector<std::string>& args) {
  if (wantsHelp(args, kRunUsage)) return 0;
  std::vector<std::string> valueFlags = {"--category", "--limit",    "--parallel", "--shard",
                                         "--budget",   "--run",      "--settings", "--rate-file"};
  std::vector<std::string> switches = {"--json"};
  for (const auto& f : runSettingValueFlags()) valueFlags.push_back(f);
  for (const auto& f : runSettingSwitches()) switches.push_back(f);
  CliArgs a(args, valueFlags, switches);
  if (!a.positional().empty()) throw UsageError(std::string("unexpected argument '") + a.positional()[0] + "'\n" + kRunUsage);

  workbench::RunSelection sel;
  if (a.has("--category")) sel.category = a.value("--category");
  sel.limit = intArg(a, "--limit", 0, 1, 1000000);
  if (a.has("--shard")) std::tie(sel.shardIndex, sel.shardCount) = parseShard(a.value("--shard"));
  if (a.has("--budget")) sel.budgetUsd = numberArg(a, "--budget", 0.0001, 1e6);
  sel.name = a.value("--run", defaultRunName());
  sel.settings = runSettingsFromArgs(a);
  const int parallel = intArg(a, "--parallel", 1, 1, 64);
  const std::string rateFile = rateFileArg(a);

  workbench::BatchEnvironment env = cliBatchEnvironment(a.value("--settings", llm::LlmSettings::defaultPath()), dbPath);
  env.rateFile = rateFile;
  std::unique_ptr<store::Store> opened = openWorkbenchStore(dbPath);
  store::Store& db = *opened;
  int64_t runId = 0;
  try {
    runId = workbench::createOrResumeRun(db, sel);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  const store::RunProgress before = db.workbench().progress(runId);
  std::fprintf(stderr, "run '%s' (id %lld, shard %d/%d): %d prompts, %d finished earlier, %d parallel%s\n",
               sel.name.c_str(), static_cast<long long>(runId), sel.shardIndex, sel.shardCount, before.total,
               before.succeeded + before.failed, parallel,
               sel.budgetUsd ? (", budget $" + std::to_string(*sel.budgetUsd)).c_str() : "");
  if (!rateFile.empty()) std::fprintf(stderr, "rate-limit pauses shared through %s\n", rateFile.c_str());

  workbench::BatchRunner runner(env);
  workbench::BatchRunner::Options o;
  o.parallel = parallel;
  o.budgetUsd = sel.budgetUsd;
  o.onProgress = printProgress;
  g_runner = &runner;
  auto previous = std::signal(SIGINT, onInterrupt);
  auto previousTerm = std::signal(SIGTERM, onInterrupt);
  workbench::BatchReport report = runner.run(runId, o);
  std::signal(SIGINT, previous);
  std::signal(SIGTERM, previousTerm);
  g_runner = nullptr;

  const workbench::RunAggregates totals = workbench::aggregate(workbench::promptOutcomes(db, {runId}));
  if (a.has("--json")) {
    json j = report.toJson();
    j["run_name"] = sel.name;
    j["aggregates"] = totals.toJson();
    std::cout << j.dump(2) << "\n";
  } else {
    std::printf("run '%s': %d/%d finished, %d succeeded, %d approved, %d failed; $%.4f spent\n", sel.name.c_str(),
                report.progress.succeeded + report.progress.failed, report.progress.total, report.progress.succeeded,
                report.progress.approved, report.progress.failed, report.progress.costUsd);
    if (report.itemsFinished > 0)
      std::printf("this session: %d generations in %.1f s (%.1f per minute, %.0f ms pipeline overhead each)\n",
                  report.itemsFinished, report.wallSeconds, report.generationsPerMinute, report.avgOverheadMs);
    if (report.rateLimitPauses > 0 || report.rateLimitWaitSeconds > 0.05)
      std::printf("rate limits: %d pause(s) asked for here, %.1f s waited (%d wait(s) on another shard's pause)\n",
                  report.rateLimitPauses, report.rateLimitWaitSeconds, report.rateLimitSharedWaits);
  }
  if (report.stopReason.empty()) return 0;
  std::fprintf(stderr, "stopped: %s — run again with --run %s to continue\n", report.stopReason.c_str(),
               sel.name.c_str());
  return report.stopReason.rfind("budget", 0) == 0 ? 0 : 1;
}

int workbenchMergeCommand(const std::string& dbPath, const std::vector<std::string>& args) {
  if (wantsHelp(args, kMergeUsage)) return 0;
  CliArgs a(args, {}, {"--json"});
  if (a.positional().empty()) throw UsageError(std::string("name at least one shard database\n") + kMergeUsage);
  std::unique_ptr<store::Store> opened = openWorkbenchStore(dbPath);
  store::Store& db = *opened;
  json all = json::array();
  for (const std::string& source : a.positional()) {
    workbench::MergeReport r = workbench::mergeShard(db, source);
    all.push_back(r.toJson());
    if (!a.has("--json"))
      std::printf("%s: %d prompts, %d runs, %d run items, %d generations, %d library examples added%s\n",
                  source.c_str(), r.prompts, r.runs, r.runItems, r.generations, r.examples,
                  r.addedNothing() ? " (already merged)" : "");
  }
  if (a.has("--json")) std::cout << all.dump(2) << "\n";
  return 0;
}

int workbenchReviewCommand(const std::string& dbPath, const std::vector<std::string>& args) {
  if (wantsHelp(args, kReviewUsage)) return 0;
  CliArgs a(args, {"--category", "--limit", "--note", "--reason"}, {"--json"});
  const auto& pos = a.positional();
  const std::string action = pos.empty() ? "list" : pos[0];
  std::unique_ptr<store::Store> opened = openWorkbenchStore(dbPath);
  workbench::ReviewQueue queue(*opened);
  if (action == "list") {
    const auto items = queue.list(a.has("--category") ? std::optional<std::string>(a.value("--category")) : std::nullopt,
                                  intArg(a, "--limit", 100, 1, 100000));
    if (a.has("--json")) {
      json j = json::array();
      for (const auto& i : items) j.push_back(i.toJson());
      std::cout << j.dump(2) << "\n";
      return 0;
    }
    std::printf("%d in the review queue\n", queue.size());
    for (const auto& i : items)
      std::printf("%6lld  %-22s %5s  %s\n        why: %s\n", static_cast<long long>(i.exampleId), i.category.c_str(),
                  i.score ? std::to_string(*i.score).substr(0, 4).c_str() : "—", i.prompt.c_str(), i.reason.c_str());
    return 0;
  }
  if (pos.size() != 2) throw UsageError(std::string("give the review item's id\n") + kReviewUsage);
  const int64_t id = idArg(pos[1], "the review item id");
  if (action == "show") {
    const auto item = queue.get(id);
    if (a.has("--json")) std::cout << item.toJson(true).dump(2) << "\n";
    else std::printf("%s\n[%s] score %s — %s\n\n%s\n", item.prompt.c_str(), item.category.c_str(),
                     item.score ? std::to_string(*item.score).substr(0, 4).c_str() : "—", item.reason.c_str(),
                     item.code.c_str());
    return 0;
  }
  if (action == "approve") {
    queue.approve(id, a.value("--note"));
    std::printf("approved %lld into the library\n", static_cast<long long>(id));
    return 0;
  }
  if (action == "reject") {
    if (!a.has("--reason") || a.value("--reason").empty())
      throw UsageError("reject needs --reason TEXT (what is wrong with it)");
    queue.reject(id, a.value("--reason"));
    std::printf("rejected %lld\n", static_cast<long long>(id));
    return 0;
  }
  throw UsageError("unknown review action '" + action + "'\n" + kReviewUsage);
}

}  // namespace partsmith::cli
