// The composite score's weights and gate, on hand-made evaluations (no model, no kernel).
#include <catch2/catch.hpp>

#include "evaluation/composite_score.h"

using namespace partsmith;
using namespace partsmith::evaluation;
using nlohmann::json;

namespace {

agent::TrackResult track(const std::string& name, std::optional<double> score, json details = json::object()) {
  agent::TrackResult t;
  t.track = name;
  t.score = score;
  t.details = std::move(details);
  return t;
}

json answers(const std::vector<std::string>& values) {
  json list = json::array();
  for (size_t i = 0; i < values.size(); ++i)
    list.push_back({{"item", "item " + std::to_string(i)}, {"answer", values[i]}, {"track", "visual"}, {"note", ""}});
  return {{"checklist", list}};
}

std::vector<agent::ChecklistAnswer> answerList(const std::vector<std::string>& values) {
  std::vector<agent::ChecklistAnswer> out;
  for (const auto& v : values) {
    agent::ChecklistAnswer a;
    a.answer = v;
    out.push_back(a);
  }
  return out;
}

}  // namespace

TEST_CASE("a model track's score blends its own score with its checklist answers", "[evaluation][composite]") {
  CompositeScore c;
  CHECK(c.modelTrackScore(8, {}) == Approx(8));
  CHECK(c.modelTrackScore(8, answerList({"yes", "yes"})) == Approx(9));
  CHECK(c.modelTrackScore(8, answerList({"yes", "no"})) == Approx(0.5 * 8 + 0.5 * 5));
  // Uncertain items count a quarter and sit at 5: one yes and one uncertain give (10 + 1.25) / 1.25.
  CHECK(c.modelTrackScore(6, answerList({"yes", "uncertain"})) == Approx(0.5 * 6 + 0.5 * (11.25 / 1.25)));
  CHECK(c.modelTrackScore(14, {}) == Approx(10));  // clamped
  CHECK(CompositeScore::certainty(answerList({"yes", "uncertain", "no", "uncertain"})) == Approx(0.5));
  CHECK(CompositeScore::certainty({}) == Approx(1));
}

TEST_CASE("the composite weighs the tracks and lowers uncertain visual answers", "[evaluation][composite]") {
  agent::Evaluation ev;
  ev.built = true;
  ev.tracks = {track("assertions", 10, {{"decided", true}}), track("code_review", 8, answers({"yes", "yes", "yes"})),
               track("visual", 4, answers({"uncertain", "uncertain", "yes", "no"}))};
  CompositeScore().apply(ev);
  // Raw weights 0.4, 0.3 and 0.3 × (0.5 + 0.5 × 0.5) = 0.225.
  const double total = 0.4 + 0.3 + 0.225;
  CHECK(ev.tracks[0].weight == Approx(0.4 / total));
  CHECK(ev.tracks[1].weight == Approx(0.3 / total));
  CHECK(ev.tracks[2].weight == Approx(0.225 / total));
  CHECK(ev.composite == Approx((0.4 * 10 + 0.3 * 8 + 0.225 * 4) / total));

  // The same visual track, certain about everything, counts fully.
  ev.tracks[2] = track("visual", 4, answers({"no", "no", "yes", "no"}));
  CompositeScore().apply(ev);
  CHECK(ev.tracks[2].weight == Approx(0.3));
  CHECK(ev.composite == Approx(0.4 * 10 + 0.3 * 8 + 0.3 * 4));
}

TEST_CASE("a track that did not run is excluded and its weight redistributed", "[evaluation][composite]") {
  agent::Evaluation ev;
  ev.built = true;
  ev.tracks = {track("assertions", 6, {{"decided", true}}), track("code_review", std::nullopt),
               track("visual", 9, answers({"yes"}))};
  CompositeScore().apply(ev);
  CHECK(ev.tracks[1].weight == 0);
  CHECK(ev.tracks[0].weight == Approx(0.4 / 0.7));
  CHECK(ev.tracks[2].weight == Approx(0.3 / 0.7));
  CHECK(ev.composite == Approx((0.4 * 6 + 0.3 * 9) / 0.7));

  // Assertions that decided nothing count half.
  ev.tracks[0].details["decided"] = false;
  CompositeScore().apply(ev);
  CHECK(ev.tracks[0].weight == Approx(0.2 / 0.5));
  CHECK(ev.composite == Approx((0.2 * 6 + 0.3 * 9) / 0.5));

  // Only the assertions track: its score is the composite.
  ev.tracks = {track("assertions", 7.5, {{"decided", true}})};
  CompositeScore().apply(ev);
  CHECK(ev.tracks[0].weight == Approx(1));
  CHECK(ev.composite == Approx(7.5));
}

TEST_CASE("a part that does not build scores 0 whatever the tracks say", "[evaluation][composite]") {
  agent::Evaluation ev;
  ev.built = false;
  ev.tracks = {track("assertions", 0), track("code_review", 10, answers({"yes"})), track("visual", 10)};
  CompositeScore().apply(ev);
  CHECK(ev.composite == 0);
  ev.built = true;
  CompositeScore().apply(ev);
  CHECK(ev.composite > 5);
  // No track scored at all: nothing to vouch for the part.
  ev.tracks = {track("assertions", std::nullopt)};
  CompositeScore().apply(ev);
  CHECK(ev.composite == 0);
}
