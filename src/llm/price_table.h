// Model prices (USD per million tokens) from resources/pricing/model_prices.json, with user
// overrides, turned into the cost of a normalized Usage.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "llm/llm_types.h"

namespace partsmith::llm {

struct ModelPrice {
  std::string provider;  // "anthropic", "openai", "*" for user overrides
  std::string model;     // id or id prefix ("claude-sonnet-4-5" matches "claude-sonnet-4-5-20250929")
  double input = 0;
  double output = 0;
  double cacheRead = 0;
  double cacheWrite5m = 0;
  double cacheWrite1h = 0;
};

class PriceTable {
 public:
  // Throws std::runtime_error naming the file and the problem.
  static PriceTable fromJson(const nlohmann::json& table);
  static PriceTable load(const std::string& path);
  // $PARTSMITH_PRICES, else the bundled table (source tree, then installed data directory).
  static PriceTable loadDefault();
  static std::string defaultPath();

  // {"model-id": {"input": 1.0, "output": 2.0, "cache_read": 0.1, "cache_write_5m": 1.25,
  //  "cache_write_1h": 2.0}}: per million tokens; missing cache prices follow the input price.
  void applyOverrides(const nlohmann::json& overrides);

  // `provider` is the price family: "anthropic" or "openai". An OpenRouter-style id
  // "vendor/model" is looked up as model under vendor.
  std::optional<ModelPrice> find(const std::string& provider, const std::string& model) const;
  // USD, or nullopt when the model has no price (never guessed).
  std::optional<double> cost(const std::string& provider, const std::string& model, const Usage& usage) const;

  size_t size() const { return m_prices.size(); }
  std::string asOf() const { return m_asOf; }

 private:
  std::vector<ModelPrice> m_overrides;
  std::vector<ModelPrice> m_prices;
  std::string m_asOf;
};

double costOf(const ModelPrice& price, const Usage& usage);

}  // namespace partsmith::llm
