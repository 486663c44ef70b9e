#include "llm/price_table.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "base/data_dir.h"

namespace partsmith::llm {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Multipliers {
  double read = 0.1, write5m = 1.25, write1h = 2.0;
};

ModelPrice priceFrom(const std::string& provider, const std::string& model, const json& j, const Multipliers& m) {
  if (!j.is_object() || !j.contains("input") || !j.contains("output") || !j["input"].is_number() ||
      !j["output"].is_number())
    throw std::runtime_error("price of '" + model + "' needs numeric \"input\" and \"output\" (USD per million tokens)");
  ModelPrice p;
  p.provider = provider;
  p.model = model;
  p.input = j["input"].get<double>();
  p.output = j["output"].get<double>();
  p.cacheRead = j.contains("cache_read") ? j["cache_read"].get<double>() : p.input * m.read;
  p.cacheWrite5m = j.contains("cache_write_5m") ? j["cache_write_5m"].get<double>() : p.input * m.write5m;
  p.cacheWrite1h = j.contains("cache_write_1h") ? j["cache_write_1h"].get<double>() : p.input * m.write1h;
  return p;
}

bool matches(const std::string& pattern, const std::string& model) {
  if (model == pattern) return true;
  return model.size() > pattern.size() && model.compare(0, pattern.size(), pattern) == 0 &&
         (model[pattern.size()] == '-' || model[pattern.size()] == ':' || model[pattern.size()] == '@');
}

const ModelPrice* bestMatch(const std::vector<ModelPrice>& prices, const std::string& provider,
                            const std::string& model) {
  const ModelPrice* best = nullptr;
  for (const ModelPrice& p : prices) {
    if (p.provider != "*" && p.provider != provider) continue;
    if (!matches(p.model, model)) continue;
    if (!best || p.model.size() > best->model.size()) best = &p;
  }
  return best;
}

}  // namespace

double costOf(const ModelPrice& p, const Usage& u) {
  const double write5m = static_cast<double>(u.cacheWrite5m + (u.cacheWriteTokens - u.cacheWrite5m - u.cacheWrite1h));
  return (static_cast<double>(u.inputTokens) * p.input + write5m * p.cacheWrite5m +
          static_cast<double>(u.cacheWrite1h) * p.cacheWrite1h + static_cast<double>(u.cacheReadTokens) * p.cacheRead +
          static_cast<double>(u.outputTokens) * p.output) /
         1e6;
}

PriceTable PriceTable::fromJson(const json& table) {
  if (!table.is_object() || !table.contains("models") || !table["models"].is_array())
    throw std::runtime_error("a price table needs a \"models\" array");
  PriceTable t;
  t.m_asOf = table.value("as_of", std::string());
  std::map<std::string, Multipliers> multipliers;
  if (table.contains("providers") && table["providers"].is_object()) {
    for (auto it = table["providers"].begin(); it != table["providers"].end(); ++it) {
      Multipliers m;
      m.read = it.value().value("cache_read_multiplier", m.read);
      m.write5m = it.value().value("cache_write_5m_multiplier", m.write5m);
      m.write1h = it.value().value("cache_write_1h_multiplier", m.write1h);
      multipliers[it.key()] = m;
    }
  }
  for (const json& entry : table["models"]) {
    const std::string provider = entry.value("provider", std::string());
    const std::string model = entry.value("model", std::string());
    if (provider.empty() || model.empty()) throw std::runtime_error("every price needs \"provider\" and \"model\"");
    t.m_prices.push_back(priceFrom(provider, model, entry, multipliers[provider]));
  }
  return t;
}

PriceTable PriceTable::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the price table " + path);
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error("the price table " + path + " is not valid JSON");
  try {
    return fromJson(j);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

std::string PriceTable::defaultPath() {
  if (const char* env = std::getenv("PARTSMITH_PRICES"); env && *env) return env;
  return base::findDataPath("pricing/model_prices.json", "resources/pricing/model_prices.json");
}

PriceTable PriceTable::loadDefault() { return load(defaultPath()); }

void PriceTable::applyOverrides(const json& overrides) {
  if (overrides.is_null()) return;
  if (!overrides.is_object()) throw std::runtime_error("price_overrides must be an object keyed by model id");
  for (auto it = overrides.begin(); it != overrides.end(); ++it) {
    ModelPrice p = priceFrom("*", it.key(), it.value(), Multipliers{});
    m_overrides.erase(std::remove_if(m_overrides.begin(), m_overrides.end(),
                                     [&](const ModelPrice& o) { return o.model == p.model; }),
                      m_overrides.end());
    m_overrides.push_back(p);
  }
}

std::optional<ModelPrice> PriceTable::find(const std::string& provider, const std::string& model) const {
  for (const std::string& id : {model, model.substr(model.find('/') + 1)}) {
    if (const ModelPrice* p = bestMatch(m_overrides, provider, id)) return *p;
  }
  if (const ModelPrice* p = bestMatch(m_prices, provider, model)) return *p;
  const size_t slash = model.find('/');
  if (slash != std::string::npos) {  // "anthropic/claude-sonnet-4-5"
    std::string vendor = model.substr(0, slash);
    std::string id = model.substr(slash + 1);
    for (char& c : id)
      if (c == '.') c = '-';  // OpenRouter writes versions with dots: claude-sonnet-4.5
    if (const ModelPrice* p = bestMatch(m_prices, vendor, id)) return *p;
    if (const ModelPrice* p = bestMatch(m_prices, vendor, model.substr(slash + 1))) return *p;
  }
  return std::nullopt;
}

std::optional<double> PriceTable::cost(const std::string& provider, const std::string& model, const Usage& usage) const {
  auto price = find(provider, model);
  if (!price) return std::nullopt;
  return costOf(*price, usage);
}

}  // namespace partsmith::llm
