// The built-in few-shot sweep template run for real: the experiment runner, the full pipeline
// (spec, research with the shipped example library, code, review; no renders) and the kernel
// worker, against ContextModels — whose code model needs an example to get it right and whose
// usage grows with the prompt. Shared by the report test (test_workbench) and the experiment
// view test (test_app).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../agent/agent_test_support.h"
#include "context_models.h"
#include "llm/anthropic_provider.h"
#include "llm/price_table.h"
#include "store/store.h"
#include "workbench/experiment_plan.h"
#include "workbench/experiment_runner.h"

namespace partsmith::workbench::testing {

// $3 / $15 per million tokens, so cost follows the context too.
inline std::shared_ptr<const llm::PriceTable> contextPrices() {
  static auto table = [] {
    auto t = std::make_shared<llm::PriceTable>(llm::PriceTable::loadDefault());
    nlohmann::json o = nlohmann::json::object();
    for (const char* m : {"spec-model", "review-model", "fewshot"}) o[m] = {{"input", 3.0}, {"output", 15.0}};
    t->applyOverrides(o);
    return std::shared_ptr<const llm::PriceTable>(t);
  }();
  return table;
}

inline BatchEnvironment contextEnvironment(const std::string& baseUrl, const std::string& dbPath) {
  BatchEnvironment env;
  env.databasePath = dbPath;
  env.storeOptions.examplesDir = partsmith::test::examplesDir();
  env.storeOptions.autoBackup = false;
  env.promptsRoot = partsmith::test::sourceDir() + "/prompts";
  env.models = [baseUrl](const RunSettings& rs) {
    llm::ProviderConfig c = llm::ProviderConfig::anthropic();
    c.baseUrl = baseUrl;
    c.connectTimeoutMs = 2000;
    c.idleTimeoutMs = 10000;
    c.totalTimeoutMs = 30000;
    c.maxRetries = 0;
    auto p = std::make_shared<llm::AnthropicProvider>(c, "sk-test-0123456789abcdef", nullptr, contextPrices());
    agent::PipelineModels m;
    if (rs.spec) m.spec = agent::testing::stageModel(p, "spec-model");
    m.code = agent::testing::stageModel(p, "fewshot");
    m.code.vision = false;
    if (rs.review) m.review = agent::testing::stageModel(p, "review-model");
    return m;
  };
  env.kernel = [] {
    worker::KernelClientOptions o;
    o.kernelExecutable = partsmith::test::kernelExecutable();
    return std::make_shared<worker::KernelClient>(o);
  };
  return env;
}

// Creates the template sweep over two cube prompts in `db` (at `dbPath`) and runs it; returns
// the experiment's id. `counts` defaults to the template's 0, 1, 3, 6, 10.
inline int64_t runFewShotSweep(store::Store& db, const std::string& dbPath, const ContextModels& peer,
                               const std::vector<int>& counts = {0, 1, 3, 6, 10}) {
  const int64_t a = db.workbench().addPrompt("A 20 mm cube with a 5 mm hole through it", "primitives", 2, "curriculum");
  const int64_t b =
      db.workbench().addPrompt("A 20 mm block drilled through the middle with a 5 mm hole", "primitives", 2, "curriculum");
  ExperimentPlan plan = fewShotSweep("few-shot sweep", counts);
  plan.promptIds = {a, b};
  plan.baseSettings = {{"visual", false}, {"refine", false}, {"max_steps", 3}};
  const int64_t id = createExperiment(db, plan);
  ExperimentRunner runner(contextEnvironment(peer.baseUrl(), dbPath));
  ExperimentRunOptions o;
  o.parallel = 2;
  const ExperimentRunReport r = runner.run(id, o);
  if (!r.stopReason.empty()) throw std::runtime_error("the few-shot sweep stopped: " + r.stopReason);
  return id;
}

}  // namespace partsmith::workbench::testing
