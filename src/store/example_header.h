// The header every example script carries: its prompt, category, complexity, techniques and
// the facts it must produce, as `// @key: value` comment lines.
//
//   // @prompt: A wall bracket for a 25 mm pipe with two M4 screw holes
//   // @category: brackets and mounts
//   // @complexity: 4
//   // @techniques: extrude, hole, fillet
//   // @expect: bbox.size = [60, 30, 40]
//   // @expect: volume = 21345 ± 1%
//   // @expect: holes.length = 2
//
// An expectation names a path into the run's `facts` JSON (dots; `.length` of an array),
// a number, array, boolean or string, and an optional tolerance (absolute, or % of the
// value); numbers default to 1e-3 relative.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace partsmith::store {

struct FactExpectation {
  std::string path;
  std::string expected;  // JSON text
  double tolerance = -1;  // < 0: default
  bool percent = false;
  int line = 0;
};

struct ExampleHeader {
  std::string prompt;
  std::string category;
  int complexity = 0;
  std::vector<std::string> techniques;
  std::vector<FactExpectation> expectations;
};

ExampleHeader parseExampleHeader(const std::string& source);

// Checks every expectation against a facts object; returns one message per failure.
std::vector<std::string> checkExpectations(const std::vector<FactExpectation>& expectations,
                                           const nlohmann::json& facts);

// resources/examples of this installation: $PARTSMITH_EXAMPLES, the source tree, or the
// installed data directory.
std::string defaultExamplesDir();

}  // namespace partsmith::store
