// Turns the LLM settings (providers, per-stage assignments), the key store and command-line
// overrides into the pipeline's stage models — or into the reason no model is usable, which
// the offline answer shows.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "agent/pipeline.h"
#include "llm/llm_settings.h"
#include "llm/secret_store.h"

namespace partsmith::llm {
class HttpTransport;
}

namespace partsmith::agent {

struct ModelOverrides {
  std::string model;                              // the code model (--model)
  std::map<std::string, std::string> stageModels;  // stage -> "model" or "provider/model" (--stage-model)
};

struct ResolvedModels {
  PipelineModels models;
  std::string offlineReason;  // non-empty when the code stage has no usable model
};

// Stages: spec, code, review, vision, embedding. A stage whose provider needs a key that is missing gets
// no model (the pipeline then bypasses it; the code stage going without means offline).
// Throws std::runtime_error for an unknown stage or provider in the overrides.
ResolvedModels resolveModels(const llm::LlmSettings& settings, const llm::SecretStore& secrets,
                             const ModelOverrides& overrides, std::shared_ptr<llm::HttpTransport> transport = nullptr);

}  // namespace partsmith::agent
