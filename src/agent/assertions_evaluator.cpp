#include "agent/assertions_evaluator.h"

#include <chrono>
#include <cstdio>

#include "agent/assertion_checker.h"

namespace partsmith::agent {

using nlohmann::json;


Evaluation AssertionsEvaluator::evaluate(const EvaluationInput& input, StageContext& ctx) {
  const auto start = std::chrono::steady_clock::now();
  Evaluation ev;
  TrackResult track;
  track.track = "assertions";
  track.metrics.stage = "assertions";
  track.metrics.ran = true;
  const json& run = input.run;
  ev.built = run.value("ok", false) && !run.value("parts", json::array()).empty() && run.contains("facts") &&
             run["facts"].is_object();
  if (!ev.built) {
    track.score = 0;
    track.passed = false;
    track.details = {{"reason", "the part does not build"}};
    ev.composite = 0;
    std::string why = "The script does not build";
    const json errors = run.value("errors", json::array());
    if (!errors.empty()) why += ": " + errors[0].value("message", std::string());
    ev.critique.push_back(why + ". Fix the error first.");
  } else {
    const json& facts = run["facts"];
    std::vector<AssertionResult> results;
    if (input.spec) results = checkAssertions(input.spec->assertions, facts);
    json list = json::array();
    for (const auto& r : results) {
      list.push_back(r.toJson());
      if (r.passed && !*r.passed) ev.critique.push_back("Assertion failed: " + r.description + " — " + r.message + ".");
    }
    const bool valid = facts.value("valid", true);
    const bool closed = facts.value("closed", true);
    if (!valid) ev.critique.push_back("The solid is not valid (the kernel's shape check fails); simplify the failing feature.");
    if (!closed) ev.critique.push_back("The solid is not closed (open shell or non-manifold edges).");
    auto score = assertionScore(results);
    // Without decided assertions the track can only vouch for a valid, closed solid.
    double s = score.value_or(10.0);
    if (!valid || !closed) s = std::min(s, 5.0);
    track.score = s;
    track.passed = ev.critique.empty();
    track.details = {{"assertions", list}, {"valid", valid}, {"closed", closed},
                     {"decided", score.has_value()}};
    ev.composite = s;
  }
  track.metrics.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ev.tracks.push_back(track);
  ctx.publish("score", "evaluate", "assertions track: " + formatScore(ev.composite),
           {{"track", "assertions"}, {"score", ev.composite}});
  return ev;
}

}  // namespace partsmith::agent
