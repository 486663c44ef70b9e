#include "cli/experiment_command.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_args.h"
#include "cli/workbench_run_command.h"
#include "llm/llm_settings.h"
#include "store/store.h"
#include "store/store_paths.h"
#include "workbench/experiment_plan.h"
#include "workbench/experiment_report.h"
#include "workbench/experiment_runner.h"

namespace partsmith::cli {

using nlohmann::json;

namespace {

const char* kUsage =
    "usage: partsmith-cli experiment create NAME (--template few-shot-sweep | --vary model --stage STAGE --values M1,M2,...\n"
    "                 | --vary few-shot --values 0,1,3 | --vary switch --values spec,research,visual,decompose)\n"
    "                 [--category C] [--limit N] [base settings: --model M --no-visual --examples N ...]\n"
    "       partsmith-cli experiment list [--json]\n"
    "       partsmith-cli experiment run NAME|ID [--parallel K] [--shard i/n] [--budget USD] [--settings PATH]\n"
    "                 [--rate-file PATH]\n"
    "       partsmith-cli experiment compare NAME|ID [--format md|csv] [--prompts] [--out FILE]\n"
    "An experiment fixes a prompt set and varies one thing; `compare` prints, per variant, the average eval,\n"
    "code and visual scores, success and auto-approval rates, cost per generation, agent steps and duration.\n"
    "CSV gives one row per variant, or with --prompts one row per prompt and variant. Both show the context\n"
    "size: the average input tokens per generation and per code-model call (cached tokens included).\n"
    "--rate-file PATH shares rate-limit pauses with the other shards naming the same file.\n";

std::atomic<workbench::ExperimentRunner*> g_runner{nullptr};
void onInterrupt(int) {
  if (workbench::ExperimentRunner* r = g_runner.load()) r->cancel();
}

std::vector<std::string> splitComma(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

int64_t findOrFail(store::Store& db, const std::string& nameOrId) {
  if (auto id = workbench::findExperiment(db, nameOrId)) return *id;
  throw UsageError("there is no experiment named '" + nameOrId + "' (`experiment list` shows them)");
}

int create(const std::vector<std::string>& args) {
  std::vector<std::string> valueFlags = {"--template", "--vary", "--stage", "--values", "--category", "--limit"};
  std::vector<std::string> switches;
  for (const auto& f : runSettingValueFlags()) valueFlags.push_back(f);
  for (const auto& f : runSettingSwitches()) switches.push_back(f);
  CliArgs a(args, valueFlags, switches);
  if (a.positional().size() != 1) throw UsageError(std::string("give the experiment one name\n") + kUsage);
  const std::string name = a.positional()[0];
  workbench::ExperimentPlan plan;
  try {
    if (a.has("--template")) {
      if (a.value("--template") != "few-shot-sweep")
        throw UsageError("unknown template '" + a.value("--template") + "' (templates: few-shot-sweep)");
      plan = workbench::fewShotSweep(name);
    } else if (a.value("--vary") == "model") {
      plan = workbench::modelComparison(name, a.value("--stage", "code"), splitComma(a.value("--values")));
    } else if (a.value("--vary") == "few-shot") {
      std::vector<int> counts;
      for (const auto& v : splitComma(a.value("--values"))) {
        size_t used = 0;
        counts.push_back(std::stoi(v, &used));
        if (used != v.size()) throw std::runtime_error("'" + v + "' is not a whole number");
      }
      if (counts.size() < 2) throw std::runtime_error("a few-shot sweep needs at least two counts");
      plan = workbench::fewShotSweep(name, counts);
    } else if (a.value("--vary") == "switch") {
      plan = workbench::switchAblation(name, splitComma(a.value("--values")));
    } else {
      throw UsageError(std::string("say what varies: --template few-shot-sweep or --vary model|few-shot|switch\n") + kUsage);
    }
  } catch (const std::invalid_argument&) {
    throw UsageError("--values for few-shot are whole numbers, e.g. --values 0,1,3,6");
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const UsageError*>(&e)) throw;
    throw UsageError(e.what());
  }
  plan.baseSettings = runSettingsFromArgs(a);
  if (a.has("--category")) plan.category = a.value("--category");
  if (a.has("--limit")) plan.limit = std::stoi(a.value("--limit"));
  std::unique_ptr<store::Store> opened = openWorkbenchStore(store::defaultDatabasePath());
  store::Store& db = *opened;
  int64_t id = 0;
  try {
    id = workbench::createExperiment(db, plan);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  const store::Experiment e = db.workbench().experiment(id);
  std::printf("experiment '%s' (id %lld): %zu prompts, %zu variants:", e.name.c_str(), static_cast<long long>(id),
              e.promptIds.size(), e.variants.size());
  for (const auto& v : e.variants) std::printf(" [%s]", v.label.c_str());
  std::printf("\n");
  return 0;
}

int list(const std::vector<std::string>& args) {
  CliArgs a(args, {}, {"--json"});
  store::Store db(store::defaultDatabasePath());
  json out = json::array();
  for (const auto& e : db.workbench().experiments()) {
    json variants = json::array();
    for (const auto& v : e.variants) variants.push_back(v.label);
    out.push_back({{"id", e.id}, {"name", e.name}, {"varies", e.varies}, {"prompts", e.promptIds.size()},
                   {"variants", variants}, {"runs", db.workbench().runs(e.id).size()}});
    if (!a.has("--json"))
      std::printf("%4lld  %-28s %-11s %3zu prompts, %zu variants\n", static_cast<long long>(e.id), e.name.c_str(),
                  e.varies.c_str(), e.promptIds.size(), e.variants.size());
  }
  if (a.has("--json")) std::cout << out.dump(2) << "\n";
  return 0;
}

int run(const std::vector<std::string>& args) {
  CliArgs a(args, {"--parallel", "--shard", "--budget", "--settings", "--rate-file"}, {});
  if (a.positional().size() != 1) throw UsageError(std::string("name the experiment to run\n") + kUsage);
  workbench::ExperimentRunOptions o;
  if (a.has("--parallel")) {
    o.parallel = std::stoi(a.value("--parallel"));
    if (o.parallel < 1 || o.parallel > 64) throw UsageError("--parallel needs a whole number from 1 to 64");
  }
  if (a.has("--shard")) std::tie(o.shardIndex, o.shardCount) = parseShard(a.value("--shard"));
  if (a.has("--budget")) o.budgetUsd = std::stod(a.value("--budget"));
  workbench::BatchEnvironment env =
      cliBatchEnvironment(a.value("--settings", llm::LlmSettings::defaultPath()), store::defaultDatabasePath());
  env.rateFile = rateFileArg(a);
  int64_t id = 0;
  {
    store::Store db(env.databasePath);
    id = findOrFail(db, a.positional()[0]);
  }
  o.onProgress = [](const std::string& variant, const workbench::BatchProgress& p) {
    std::fprintf(stderr, "[%s] [%d/%d] %s\n        %s\n", variant.c_str(), p.finished, p.total, p.lastOutcome.c_str(),
                 p.describe().c_str());
  };
  workbench::ExperimentRunner runner(env);
  g_runner = &runner;
  auto previous = std::signal(SIGINT, onInterrupt);
  workbench::ExperimentRunReport report = runner.run(id, o);
  std::signal(SIGINT, previous);
  g_runner = nullptr;
  for (const auto& [label, r] : report.variants)
    std::printf("%-24s %d/%d finished, %d approved, $%.4f, %.1f generations/min\n", label.c_str(),
                r.progress.succeeded + r.progress.failed, r.progress.total, r.progress.approved, r.progress.costUsd,
                r.generationsPerMinute);
  if (report.stopReason.empty()) return 0;
  std::fprintf(stderr, "stopped: %s — `experiment run` again continues where it stopped\n", report.stopReason.c_str());
  return 1;
}

int compare(const std::vector<std::string>& args) {
  CliArgs a(args, {"--format", "--out"}, {"--prompts"});
  if (a.positional().size() != 1) throw UsageError(std::string("name the experiment to compare\n") + kUsage);
  const std::string format = a.value("--format", "md");
  if (format != "md" && format != "csv" && format != "json")
    throw UsageError("--format is md, csv or json, not '" + format + "'");
  store::Store db(store::defaultDatabasePath());
  const workbench::ExperimentComparison c = workbench::compareExperiment(db, findOrFail(db, a.positional()[0]));
  const std::string text =
      format == "md" ? c.toMarkdown() : format == "csv" ? c.toCsv(a.has("--prompts")) : c.toJson().dump(2) + "\n";
  if (a.has("--out")) {
    std::ofstream out(a.value("--out"), std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("could not write " + a.value("--out"));
    std::fprintf(stderr, "wrote %s\n", a.value("--out").c_str());
  } else {
    std::cout << text;
  }
  return 0;
}

}  // namespace

int experimentCommand(const std::vector<std::string>& args) {
  if (args.empty()) throw UsageError(std::string("say what to do\n") + kUsage);
  for (const auto& s : args)
    if (s == "--help" || s == "-h") {
      std::cout << kUsage;
      return 0;
    }
  const std::string action = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (action == "create") return create(rest);
    if (action == "list") return list(rest);
    if (action == "run") return run(rest);
    if (action == "compare") return compare(rest);
  } catch (const std::invalid_argument&) {
    throw UsageError("a number was expected (see `experiment --help`)");
  }
  throw UsageError("unknown experiment action '" + action + "'\n" + kUsage);
}

}  // namespace partsmith::cli
