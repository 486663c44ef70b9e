// One error of a script run, in the user's terms: what kind, where (1-based line and column,
// the source line), what went wrong and what to try instead.
#pragma once
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace partsmith::script {

struct ScriptError {
  std::string kind;  // syntax | api | geometry | timeout | limit | crash | parameter
  std::string message;
  int line = 0;    // 1-based; 0 = not tied to a line
  int column = 0;  // 1-based; 0 = unknown
  std::string source;  // the source line
  std::string hint;
};

void to_json(nlohmann::json& j, const ScriptError& e);

}  // namespace partsmith::script
