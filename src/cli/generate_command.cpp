#include "cli/generate_command.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "agent/kernel_runner.h"
#include "agent/model_resolver.h"
#include "agent/pipeline.h"
#include "agent/prompt_library.h"
#include "cli/cli_args.h"
#include "evaluation/three_track_evaluator.h"
#include "llm/llm_settings.h"
#include "llm/secret_store.h"
#include "store/store.h"
#include "store/store_paths.h"
#include "worker/client/kernel_client.h"

namespace partsmith::cli {

namespace {

using nlohmann::json;

const char* kGenerateUsage =
    "usage: partsmith-cli generate \"PROMPT\" [--model M] [--stage-model STAGE=M]... [--no-visual]\n"
    "                              [--examples N] [--out PART.step|stl|3mf] [--json] [--settings PATH]\n"
    "                              [--max-steps N] [--max-cost USD] [--max-minutes M] [--no-spec]\n"
    "                              [--no-refine] [--no-decompose] [--no-embeddings] [--parent GENERATION_ID]\n"
    "stages: spec, code, review, vision, embedding; M is a model id or PROVIDER/MODEL\n"
    "The JSON record's \"timing\" splits the wall time into model calls, kernel runs and the agent's own\n"
    "overhead (overhead_ms, overhead_share).\n";

std::atomic<agent::Pipeline*> g_pipeline{nullptr};

void onInterrupt(int) {
  if (agent::Pipeline* p = g_pipeline.load()) p->cancel();
}

int intArg(const CliArgs& a, const std::string& flag, int fallback, int lo, int hi) {
  if (!a.has(flag)) return fallback;
  try {
    const int v = std::stoi(a.value(flag));
    if (v < lo || v > hi) throw std::out_of_range("range");
    return v;
  } catch (const std::exception&) {
    throw UsageError(flag + " needs a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  }
}

double doubleArg(const CliArgs& a, const std::string& flag, double fallback) {
  if (!a.has(flag)) return fallback;
  try {
    const double v = std::stod(a.value(flag));
    if (v <= 0) throw std::out_of_range("range");
    return v;
  } catch (const std::exception&) {
    throw UsageError(flag + " needs a positive number");
  }
}

}  // namespace

int generateCommand(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::cout << kGenerateUsage;
      return 0;
    }
  CliArgs a(args,
            {"--model", "--stage-model", "--examples", "--out", "--settings", "--max-steps", "--max-cost",
             "--max-minutes", "--parent"},
            {"--no-visual", "--json", "--no-spec", "--no-refine", "--no-decompose", "--no-embeddings"});
  if (a.positional().size() != 1) throw UsageError(std::string("give exactly one prompt\n") + kGenerateUsage);
  const std::string out = a.value("--out");
  if (!out.empty()) {
    const std::string ext = out.size() > 4 ? out.substr(out.rfind('.') == std::string::npos ? 0 : out.rfind('.')) : "";
    if (ext != ".step" && ext != ".stp" && ext != ".stl" && ext != ".3mf")
      throw UsageError("--out must end in .step, .stl or .3mf");
  }

  agent::ModelOverrides overrides;
  overrides.model = a.value("--model");
  for (const std::string& s : a.values("--stage-model")) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == s.size())
      throw UsageError("--stage-model takes STAGE=MODEL, e.g. --stage-model review=claude-haiku-4-5");
    overrides.stageModels[s.substr(0, eq)] = s.substr(eq + 1);
  }
  const llm::LlmSettings settings = llm::LlmSettings::load(a.value("--settings", llm::LlmSettings::defaultPath()));
  llm::EnvironmentSecretStore secrets;
  agent::ResolvedModels resolved;
  try {
    resolved = agent::resolveModels(settings, secrets, overrides);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }

  agent::PipelineSettings ps;
  ps.visualEnabled = !a.has("--no-visual");
  ps.specEnabled = !a.has("--no-spec");
  ps.refine.enabled = !a.has("--no-refine");
  ps.decompose.enabled = !a.has("--no-decompose");
  ps.embeddingsEnabled = !a.has("--no-embeddings");
  ps.fewShotCount = intArg(a, "--examples", 4, 0, 12);
  ps.budget.maxSteps = intArg(a, "--max-steps", ps.budget.maxSteps, 1, 500);
  ps.budget.maxCostUsd = doubleArg(a, "--max-cost", ps.budget.maxCostUsd);
  ps.budget.maxSeconds = doubleArg(a, "--max-minutes", ps.budget.maxSeconds / 60) * 60;

  store::Store db(store::defaultDatabasePath());
  auto kernel = std::make_shared<worker::KernelClient>();
  agent::PromptLibrary prompts;
  agent::Pipeline pipeline(&db, kernel, resolved.models, ps, prompts);
  pipeline.setOfflineReason(resolved.offlineReason);
  pipeline.setEvaluatorFactory(evaluation::threeTrackEvaluatorFactory());
  const bool tty = ::isatty(STDERR_FILENO);
  bool midLine = false;
  pipeline.setProgressSink([&](const agent::ProgressEvent& e) {
    // Streamed model text only on a terminal; everything else one line per event.
    if (e.kind == "delta") {
      if (tty) {
        std::fputs(e.message.c_str(), stderr);
        midLine = !e.message.empty() && e.message.back() != '\n';
      }
      return;
    }
    if (midLine) std::fputc('\n', stderr);
    midLine = false;
    std::fprintf(stderr, "[%6.1fs] %-9s %s\n", e.elapsedMs / 1000.0, e.stage.c_str(), e.message.c_str());
  });

  agent::GenerationRequest req;
  req.request = a.positional()[0];
  req.origin = "cli";
  if (a.has("--parent")) req.parentGenerationId = intArg(a, "--parent", 0, 1, 2000000000);

  g_pipeline = &pipeline;
  auto previous = std::signal(SIGINT, onInterrupt);
  agent::GenerationResult result = pipeline.run(req);
  std::signal(SIGINT, previous);
  g_pipeline = nullptr;

  json record = result.toJson();
  if (!out.empty() && result.codeRuns) {
    agent::KernelRunner runner(kernel);
    agent::CancelToken none;
    agent::KernelRun exported = runner.exportTo(result.code, out, none);
    record["export"] = {{"path", out}, {"ok", exported.ok()}, {"errors", exported.reply.value("errors", json::array())}};
    if (!exported.ok()) std::fprintf(stderr, "export to %s failed\n", out.c_str());
    else std::fprintf(stderr, "exported %s\n", out.c_str());
  }
  if (a.has("--json")) {
    std::cout << record.dump(2) << "\n";
  } else if (result.offline) {
    std::cout << result.offline->message << "\n";
  } else {
    std::cout << result.code << (result.code.empty() || result.code.back() == '\n' ? "" : "\n");
    std::fprintf(stderr, "%s (generation %lld, %d steps, $%.4f, %.1f s)%s%s\n", result.status.c_str(),
                 static_cast<long long>(result.generationId), result.steps, result.costUsd, result.wallMs / 1000,
                 result.summary.empty() ? "" : ": ", result.summary.c_str());
  }
  if (result.status == "succeeded") return 0;
  return 1;
}

}  // namespace partsmith::cli
