// LLM configuration in $XDG_CONFIG_HOME/partsmith/settings.json (under the "llm" key; other
// keys of the file are preserved): providers, base URLs, per-stage model assignment (spec,
// code, review, vision, embedding) and price overrides. API keys are never stored here.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/provider_config.h"

namespace partsmith::llm {

struct StageAssignment {
  std::string provider;  // a ProviderConfig id
  std::string model;
};

struct LlmSettings {
  std::vector<ProviderConfig> providers;
  std::map<std::string, StageAssignment> stages;
  nlohmann::json priceOverrides = nlohmann::json::object();
  bool autoDetectOllama = true;

  static const std::vector<std::string>& stageNames();  // spec, code, review, vision, embedding
  static std::string defaultPath();
  // Built-in providers (Anthropic, OpenAI, OpenRouter, local Ollama) and stage defaults.
  static LlmSettings defaults();
  // A missing file gives the defaults; a broken one throws std::runtime_error naming the
  // file and the problem.
  static LlmSettings load(const std::string& path);
  static LlmSettings fromJson(const nlohmann::json& llmSection);
  nlohmann::json toJson() const;
  // Writes atomically (temp file + rename), keeping the file's other top-level keys.
  void save(const std::string& path) const;

  const ProviderConfig* provider(const std::string& id) const;
  std::optional<StageAssignment> stage(const std::string& name) const;
};

}  // namespace partsmith::llm
