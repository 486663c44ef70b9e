// A script parameter (OpenSCAD Customizer convention, script-language.md §4): one top-level
// `const NAME = literal;` with its widget spec, group, description and source position.
// Pure C++17, no Qt, so the CLI can use it without an engine.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace partsmith::script {

using ParamValue = std::variant<double, bool, std::string>;

struct ParameterOption {
  ParamValue value;
  std::string label;  // the value's own text when the spec gives no label
};

// Widget defaults (what the parser fills in when the script does not say):
// - `[min:max]`: step = 10^-d, d = the most decimals written in min, max or the value (1 when
//   all are whole numbers).
// - `[max]` (one number): min 0, step as above (OpenSCAD's "slider with max").
// - a number with no spec: min 0, max = the smallest 1/2/5·10^n >= 2·value (1 for 0); a
//   negative value gets the symmetric [-X, X] with X computed from |value|. Step 1 for a whole
//   number, else 10^floor(log10|value|) / 10 (2.4 -> 0.1, 0.25 -> 0.01).
// - booleans never have a range or options; strings have options only from a drop-down spec.
struct Parameter {
  std::string name;
  ParamValue value;
  std::string type;  // "number" | "boolean" | "string"
  std::optional<double> min, max, step;
  std::vector<ParameterOption> options;  // a drop-down when non-empty
  std::string group;
  std::string description;
  bool hidden = false;
  int line = 0;                          // 1-based line of the declaration
  std::size_t valueBegin = 0, valueEnd = 0;  // byte range of the literal (sign, quotes included)
};

// Fields: name, value, type, min, max, step (null when absent), options [{value, label}],
// group, description, hidden, line.
void to_json(nlohmann::json& j, const Parameter& p);

}  // namespace partsmith::script
