// Checks the spec's dimensional assertions against the facts of a run: deterministic and free.
// The code tool loop shows the results after every run_code; the assertions track scores them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/spec.h"

namespace partsmith::agent {

struct AssertionResult {
  std::string description;       // what was asserted, in words
  std::optional<bool> passed;    // unset: the facts cannot tell (e.g. no wall estimate)
  nlohmann::json actual;         // the measured value
  std::string message;           // "x is 62.0 mm, expected 60 ± 0.5"

  nlohmann::json toJson() const;
};

std::vector<AssertionResult> checkAssertions(const std::vector<SpecAssertion>& assertions, const nlohmann::json& facts);

// 0–10: the share of decided assertions that passed, ×10; nullopt when none was decided.
std::optional<double> assertionScore(const std::vector<AssertionResult>& results);

}  // namespace partsmith::agent
