#include "llm/llm_settings.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace partsmith::llm {

using nlohmann::json;
namespace fs = std::filesystem;

const std::vector<std::string>& LlmSettings::stageNames() {
  static const std::vector<std::string> names{"spec", "code", "review", "vision", "embedding"};
  return names;
}

std::string LlmSettings::defaultPath() {
  fs::path base;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg && fs::path(xdg).is_absolute()) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = fs::path(home) / ".config";
  } else {
    base = fs::temp_directory_path();
  }
  return (base / "partsmith" / "settings.json").string();
}

LlmSettings LlmSettings::defaults() {
  LlmSettings s;
  ProviderConfig anthropic = ProviderConfig::anthropic();
  anthropic.defaultModel = "claude-sonnet-4-5";
  ProviderConfig openai = ProviderConfig::openAiCompatible("openai");
  openai.defaultModel = "gpt-4.1";
  ProviderConfig openrouter = ProviderConfig::openAiCompatible("openrouter");
  openrouter.defaultModel = "anthropic/claude-sonnet-4.5";
  ProviderConfig ollama = ProviderConfig::openAiCompatible("ollama");
  s.providers = {anthropic, openai, openrouter, ollama};
  for (const char* stage : {"spec", "code", "review", "vision"}) s.stages[stage] = {"anthropic", "claude-sonnet-4-5"};
  s.stages["review"] = {"anthropic", "claude-haiku-4-5"};
  s.stages["embedding"] = {"openai", "text-embedding-3-small"};
  return s;
}

LlmSettings LlmSettings::fromJson(const json& j) {
  LlmSettings s = defaults();
  if (j.is_null()) return s;
  if (!j.is_object()) throw std::runtime_error("\"llm\" must be an object");
  if (j.contains("providers")) {
    if (!j["providers"].is_array()) throw std::runtime_error("\"llm.providers\" must be an array");
    s.providers.clear();
    for (const json& p : j["providers"]) {
      ProviderConfig c = ProviderConfig::fromJson(p);
      for (const ProviderConfig& existing : s.providers)
        if (existing.id == c.id) throw std::runtime_error("two providers are named '" + c.id + "'");
      s.providers.push_back(c);
    }
    // Default stage assignments only survive if their provider is still configured.
    for (auto it = s.stages.begin(); it != s.stages.end();)
      it = s.provider(it->second.provider) ? std::next(it) : s.stages.erase(it);
  }
  if (j.contains("stages")) {
    if (!j["stages"].is_object()) throw std::runtime_error("\"llm.stages\" must be an object");
    for (auto it = j["stages"].begin(); it != j["stages"].end(); ++it) {
      bool known = false;
      for (const std::string& name : stageNames()) known = known || name == it.key();
      if (!known) throw std::runtime_error("unknown stage '" + it.key() + "' (stages: spec, code, review, vision, embedding)");
      StageAssignment a{it.value().value("provider", std::string()), it.value().value("model", std::string())};
      if (!s.provider(a.provider))
        throw std::runtime_error("stage '" + it.key() + "' uses provider '" + a.provider + "', which is not configured");
      s.stages[it.key()] = a;
    }
  }
  if (j.contains("price_overrides")) s.priceOverrides = j["price_overrides"];
  s.autoDetectOllama = j.value("auto_detect_ollama", true);
  return s;
}

json LlmSettings::toJson() const {
  json providersJson = json::array();
  for (const ProviderConfig& p : providers) providersJson.push_back(p.toJson());
  json stagesJson = json::object();
  for (const auto& [name, a] : stages) stagesJson[name] = {{"provider", a.provider}, {"model", a.model}};
  return {{"providers", providersJson},
          {"stages", stagesJson},
          {"price_overrides", priceOverrides},
          {"auto_detect_ollama", autoDetectOllama}};
}

LlmSettings LlmSettings::load(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return defaults();
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the settings file " + path);
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error("the settings file " + path + " is not valid JSON");
  try {
    return fromJson(j.is_object() && j.contains("llm") ? j["llm"] : json());
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

void LlmSettings::save(const std::string& path) const {
  json whole = json::object();
  std::error_code ec;
  if (fs::exists(path, ec)) {
    std::ifstream in(path);
    json existing = json::parse(in, nullptr, false);
    if (!existing.is_discarded() && existing.is_object()) whole = existing;
  }
  whole["llm"] = toJson();
  const fs::path target(path);
  fs::create_directories(target.parent_path(), ec);
  const fs::path temp = target.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write the settings file " + temp.string());
    out << whole.dump(2) << "\n";
    if (!out) throw std::runtime_error("could not write all of " + temp.string() + " (disk full?)");
  }
  fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, ec);
  fs::rename(temp, target, ec);
  if (ec) throw std::runtime_error("cannot replace " + path + ": " + ec.message());
}

const ProviderConfig* LlmSettings::provider(const std::string& id) const {
  for (const ProviderConfig& p : providers)
    if (p.id == id) return &p;
  return nullptr;
}

std::optional<StageAssignment> LlmSettings::stage(const std::string& name) const {
  auto it = stages.find(name);
  if (it == stages.end()) return std::nullopt;
  return it->second;
}

}  // namespace partsmith::llm
