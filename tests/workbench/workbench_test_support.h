// Shared by the workbench tests: a fresh store with a few prompts, and a batch environment whose
// models are the scripted peer's (scripted_models.h), with prices so cost is real arithmetic.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "../agent/agent_test_support.h"
#include "llm/anthropic_provider.h"
#include "llm/price_table.h"
#include "scripted_models.h"
#include "workbench/batch_runner.h"

namespace partsmith::workbench::testing {

inline store::StoreOptions storeOptions() {
  store::StoreOptions o;
  o.examplesDir = partsmith::test::examplesDir();
  o.autoBackup = false;
  return o;
}

// $3 / $15 per million tokens for every scripted model: a code turn (1200 in, 150 out) costs
// $0.00585, a spec or review reply (800 in, 300 out) $0.0069.
inline std::shared_ptr<const llm::PriceTable> scriptedPrices() {
  static auto table = [] {
    auto t = std::make_shared<llm::PriceTable>(llm::PriceTable::loadDefault());
    json o = json::object();
    for (const char* m : {"spec-model", "review-model", "good", "repair", "draft", "bad", "mixed", "limited"})
      o[m] = {{"input", 3.0}, {"output", 15.0}};
    t->applyOverrides(o);
    return std::shared_ptr<const llm::PriceTable>(t);
  }();
  return table;
}

inline BatchEnvironment testEnvironment(const ScriptedModels& peer, const std::string& dbPath, int maxRetries = 0) {
  BatchEnvironment env;
  env.databasePath = dbPath;
  env.storeOptions = storeOptions();
  env.promptsRoot = partsmith::test::sourceDir() + "/prompts";
  const std::string url = peer.baseUrl();
  env.models = [url, maxRetries](const RunSettings& rs) {
    llm::ProviderConfig c = llm::ProviderConfig::anthropic();
    c.baseUrl = url;
    c.connectTimeoutMs = 2000;
    c.idleTimeoutMs = 10000;
    c.totalTimeoutMs = 30000;
    c.maxRetries = maxRetries;
    auto p = std::make_shared<llm::AnthropicProvider>(c, "sk-test-0123456789abcdef", nullptr, scriptedPrices());
    agent::PipelineModels m;
    if (rs.spec) m.spec = agent::testing::stageModel(p, "spec-model");
    m.code = agent::testing::stageModel(p, rs.models.count("code") ? rs.models.at("code") : "good");
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

// Settings for quick scripted runs: no renders, no refine rounds, a short step budget.
inline json quickSettings(const std::string& codeModel) {
  return {{"models", {{"code", codeModel}}}, {"visual", false}, {"refine", false}, {"max_steps", 3}};
}

inline std::vector<int64_t> addPrompts(store::Store& db, const std::vector<std::pair<std::string, std::string>>& prompts) {
  std::vector<int64_t> ids;
  for (const auto& [category, text] : prompts) ids.push_back(db.workbench().addPrompt(text, category, 2, "curriculum"));
  return ids;
}

}  // namespace partsmith::workbench::testing
