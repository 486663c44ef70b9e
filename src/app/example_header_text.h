// Writes the `// @key: value` header of an example script (store/example_header.h reads it)
// for a generation promoted to the library: prompt, category, complexity, techniques and
// @expect lines from the facts the generation measured, so the example is checked like the
// seed examples in resources/examples.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace partsmith::app {

struct ExampleHeaderFields {
  std::string prompt;
  std::string category;
  int complexity = 0;
  std::vector<std::string> techniques;
};

// Header lines (each ending in '\n'). Expectations: bbox.size, volume ± 1 %, solids and
// holes.length when the facts hold them.
std::string composeExampleHeader(const ExampleHeaderFields& fields, const nlohmann::json& facts);

// `code` with its leading `// @` header lines (if any) replaced by `header`.
std::string withExampleHeader(const std::string& code, const std::string& header);

}  // namespace partsmith::app
