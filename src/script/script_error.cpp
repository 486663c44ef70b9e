#include "script/script_error.h"

#include <nlohmann/json.hpp>

namespace partsmith::script {

void to_json(nlohmann::json& j, const ScriptError& e) {
  j = nlohmann::json{{"kind", e.kind}, {"message", e.message}, {"line", e.line},
                     {"column", e.column}, {"source", e.source}, {"hint", e.hint}};
}

}  // namespace partsmith::script
