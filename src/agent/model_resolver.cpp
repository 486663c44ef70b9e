#include "agent/model_resolver.h"

#include <stdexcept>

#include "llm/provider_factory.h"

namespace partsmith::agent {

namespace {

bool visionCapable(const std::string& model) {
  // Local text-only coder models are common; hosted frontier models all take images.
  for (const char* textOnly : {"coder", "deepseek-r1", "gpt-oss", "qwq", "codestral"})
    if (model.find(textOnly) != std::string::npos) return false;
  return true;
}

}  // namespace

ResolvedModels resolveModels(const llm::LlmSettings& settings, const llm::SecretStore& secrets,
                             const ModelOverrides& overrides, std::shared_ptr<llm::HttpTransport> transport) {
  ResolvedModels out;
  auto prices = llm::loadPrices(settings);
  std::map<std::string, std::shared_ptr<llm::LlmProvider>> providers;
  std::string missingKey;

  for (const auto& [stage, value] : overrides.stageModels)
    if (stage != "spec" && stage != "code" && stage != "review" && stage != "vision" && stage != "embedding")
      throw std::runtime_error("unknown stage '" + stage + "' (stages: spec, code, review, vision, embedding)");

  auto make = [&](const std::string& stage) {
    StageModel m;
    auto assignment = settings.stage(stage);
    // Embeddings come only from an assigned provider: the code model's rarely offers them.
    if (!assignment && stage != "code" && stage != "embedding") assignment = settings.stage("code");
    std::string providerId = assignment ? assignment->provider : std::string();
    std::string model = assignment ? assignment->model : std::string();
    if (stage == "code" && !overrides.model.empty()) model = overrides.model;
    auto it = overrides.stageModels.find(stage);
    if (it != overrides.stageModels.end()) {
      const size_t slash = it->second.find('/');
      if (slash != std::string::npos && settings.provider(it->second.substr(0, slash))) {
        providerId = it->second.substr(0, slash);
        model = it->second.substr(slash + 1);
      } else {
        model = it->second;
      }
    }
    const llm::ProviderConfig* config = settings.provider(providerId);
    if (!config) return m;
    if (model.empty()) model = config->defaultModel;
    if (!config->isLocal() && !secrets.apiKey(*config)) {
      if (missingKey.empty() && stage != "embedding")
        missingKey = "no API key for " + config->displayName() + " (set " + config->effectiveKeyEnv() +
                     " or store the key in the system keyring)";
      return m;
    }
    auto& provider = providers[providerId];
    if (!provider) provider = llm::createProvider(*config, secrets, transport, prices);
    m.provider = provider;
    m.model = model;
    m.providerId = providerId;
    m.vision = visionCapable(model);
    return m;
  };
  out.models.spec = make("spec");
  out.models.code = make("code");
  out.models.review = make("review");
  out.models.vision = make("vision");
  out.models.embedding = make("embedding");
  if (!out.models.code.usable())
    out.offlineReason = missingKey.empty() ? "no model is assigned to the code stage" : missingKey;
  return out;
}

}  // namespace partsmith::agent
