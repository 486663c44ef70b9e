// Validation of the review and visual models' JSON answers.
#include <catch2/catch.hpp>

#include "evaluation/judgement.h"

using namespace partsmith::evaluation;

namespace {
const std::vector<std::string> kChecklist{"Is it a cube?", "Is there one hole through it?", "Is the hole centred?"};

bool mentions(const std::vector<std::string>& problems, const std::string& word) {
  for (const auto& p : problems)
    if (p.find(word) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("a valid answer is read, matched by position, in a fence or bare", "[evaluation][judgement]") {
  std::vector<std::string> problems;
  auto j = parseJudgement(
      "Here you go:\n```json\n{\"score\": 8.5, \"checklist\": [{\"item\": \"cube?\", \"answer\": \"Yes\"},"
      "{\"item\": \"hole\", \"answer\": \"no\", \"note\": \"no hole visible\"}, {\"item\": \"centred\", \"answer\": "
      "\"uncertain\"}], \"critique\": [\"add the hole\"], \"more_views\": [\"Bottom\", \"underside\"]}\n```",
      kChecklist, true, problems);
  REQUIRE(j);
  CHECK(problems.empty());
  CHECK(j->score == Approx(8.5));
  REQUIRE(j->checklist.size() == 3);
  CHECK(j->checklist[0].item == kChecklist[0]);  // the spec's wording, not the model's
  CHECK(j->checklist[0].answer == "yes");
  CHECK(j->checklist[1].answer == "no");
  CHECK(j->checklist[1].note == "no hole visible");
  CHECK(j->checklist[2].answer == "uncertain");
  CHECK(j->critique == std::vector<std::string>{"add the hole"});
  CHECK(j->moreViews == std::vector<std::string>{"bottom"});
  CHECK(j->ignoredViews == std::vector<std::string>{"underside"});
}

TEST_CASE("answers in another order are matched by the item's text", "[evaluation][judgement]") {
  std::vector<std::string> problems;
  auto j = parseJudgement(
      R"({"score": 7, "checklist": [{"item": "is the hole centred", "answer": "yes"},
          {"item": "Is it a cube?", "answer": "yes"}, {"item": "Is there one hole through it?", "answer": "no"},
          {"item": "Is it red?", "answer": "no"}]})",
      kChecklist, false, problems);
  REQUIRE(j);
  REQUIRE(j->checklist.size() == 3);
  CHECK(j->checklist[0].item == kChecklist[0]);
  CHECK(j->checklist[0].answer == "yes");
  CHECK(j->checklist[1].answer == "no");
  CHECK(j->checklist[2].answer == "yes");
  CHECK(j->moreViews.empty());
}

TEST_CASE("malformed answers are rejected with one problem per field", "[evaluation][judgement]") {
  std::vector<std::string> problems;
  CHECK_FALSE(parseJudgement("Looks fine to me.", kChecklist, false, problems));
  CHECK(mentions(problems, "no JSON object"));

  CHECK_FALSE(parseJudgement(R"({"score": "high", "checklist": []})", {}, false, problems));
  CHECK(mentions(problems, "score is \"high\""));

  CHECK_FALSE(parseJudgement(R"({"score": 12})", {}, false, problems));
  CHECK(mentions(problems, "0 to 10"));

  CHECK_FALSE(parseJudgement(
      R"({"score": 5, "checklist": [{"item": "Is it a cube?", "answer": "maybe"}, {"answer": "yes"}, "x"]})",
      kChecklist, false, problems));
  CHECK(mentions(problems, "checklist[0].answer is \"maybe\""));
  CHECK(mentions(problems, "checklist[2] is not an object"));

  CHECK_FALSE(parseJudgement(R"({"score": 5, "checklist": [{"item": "Is it a cube?", "answer": "yes"}]})", kChecklist,
                             false, problems));
  CHECK(mentions(problems, "no answer for \"Is the hole centred?\""));

  CHECK_FALSE(parseJudgement(R"({"score": 5, "checklist": {}, "critique": 3})", {}, false, problems));
  CHECK(mentions(problems, "checklist is not an array"));
  CHECK(mentions(problems, "critique is not an array"));

  CHECK_FALSE(parseJudgement(R"({"score": 5, "more_views": "bottom"})", {}, true, problems));
  CHECK(mentions(problems, "more_views"));
}
