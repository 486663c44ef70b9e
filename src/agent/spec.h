// The spec: the contract a request becomes before any code is written — interpretation, 3–6
// yes/no checklist items, dimensional assertions the kernel's facts can check, complexity,
// category and techniques. Everything downstream (tool loop, evaluation, refinement) reads it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace partsmith::agent {

// One checkable claim about the facts of a run.
//   bbox_size       axis x|y|z with value (± tolerance, default 0.5 mm), or axis "sorted" with
//                   values [a, b, c] compared against the sorted sizes (orientation-free)
//   volume          min and/or max (mm³)
//   solid_count     value
//   hole_count      value, or min and/or max
//   hole_diameter   value (± tolerance, default 0.2 mm): at least `count` holes (default 1)
//   wall_thickness  min and/or max (the kernel's thinnest-wall estimate)
struct SpecAssertion {
  std::string kind;
  std::string axis;
  std::optional<double> value, min, max, tolerance;
  std::vector<double> values;
  std::optional<int> count;
  std::string description;

  nlohmann::json toJson() const;
  static SpecAssertion fromJson(const nlohmann::json& j);  // after validation
  std::string describe() const;                            // "bbox size x = 60 ± 0.5 mm"
};

struct Spec {
  std::string interpretation;
  std::vector<std::string> checklist;
  std::vector<SpecAssertion> assertions;
  int complexity = 3;
  std::string category;
  std::vector<std::string> techniques;

  nlohmann::json toJson() const;
  static Spec fromJson(const nlohmann::json& j);  // after validation
  // A spec for when the spec stage is off or failed: the request itself as interpretation.
  static Spec fallback(const std::string& request);
  // For prompts: interpretation, checklist and assertions as Markdown lines.
  std::string toMarkdown() const;
};

// The JSON schema the spec model is asked to follow (also the tool schema for providers that
// constrain output through a tool).
const nlohmann::json& specSchema();

// Validates against specSchema(); one message per problem, naming the field ("checklist has 8
// items; give 3 to 6"). Empty when valid.
std::vector<std::string> validateSpec(const nlohmann::json& j);

// The first JSON object in a model reply (bare, or inside a ```json fence, or surrounded by
// prose); nullopt when there is none that parses. `error` says why.
std::optional<nlohmann::json> extractJsonObject(const std::string& text, std::string* error = nullptr);

}  // namespace partsmith::agent
