// The shipped curriculum (resources/curriculum/curriculum.jsonl) as data: a complete ladder of
// distinct prompts in the user's words.
#include <catch2/catch.hpp>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/curriculum_loader.h"
#include "test_paths.h"

using namespace partsmith;
using json = nlohmann::json;

namespace {

std::string shippedPath() { return test::sourceDir() + "/resources/curriculum/curriculum.jsonl"; }

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (unsigned char c : text + " ") {
    if (std::isalnum(c)) {
      w += static_cast<char>(std::tolower(c));
    } else if (!w.empty()) {
      out.push_back(w);
      w.clear();
    }
  }
  return out;
}

// Letters only: "A 20 mm cube." and "a 30mm cube" are the same prompt with other numbers.
std::string normalised(const std::string& text) {
  std::string out;
  for (const auto& w : words(text)) {
    std::string letters;
    for (char c : w)
      if (std::isalpha(static_cast<unsigned char>(c))) letters += c;
    if (!letters.empty()) out += (out.empty() ? "" : " ") + letters;
  }
  return out;
}

std::set<std::string> contentWords(const std::string& text) {
  static const std::set<std::string> stop = {"a",  "an", "the", "and", "with", "of",   "for",  "to",   "in",
                                             "on", "mm", "x",   "it",  "is",   "at",   "that", "by",   "each",
                                             "from", "its", "one", "two", "so", "i",   "my",   "me",   "like"};
  std::set<std::string> out;
  for (const auto& w : words(normalised(text)))
    if (!stop.count(w)) out.insert(w);
  return out;
}

double similarity(const std::set<std::string>& a, const std::set<std::string>& b) {
  size_t common = 0;
  for (const auto& w : a) common += b.count(w);
  const size_t all = a.size() + b.size() - common;
  return all == 0 ? 1.0 : static_cast<double>(common) / static_cast<double>(all);
}

// CadQuery / kernel vocabulary a user would not write: whole words, and stems that catch
// every inflection ("filleted", "extruding").
const std::set<std::string> kBannedWords = {"cq",     "loft",  "lofts",   "sweep",   "sweeps",   "swept",
                                            "union",  "unite", "subtract", "intersect", "shell",  "mirror",
                                            "mirrored", "script", "code",  "api",     "function", "occt",
                                            "brep",   "solid2d", "workplanes"};
const std::vector<std::string> kBannedStems = {"fillet",   "chamfer",   "extrud",    "extrusion",  "lofted",
                                               "revolv",   "boolean",   "workplane", "cadquery",   "polyline",
                                               "spline",   "polararray", "rarray",   "pushpoint",  "cborehole",
                                               "cskhole",  "cutthruall", "cutblind", "tessellat",  "javascript",
                                               "sketch",   "threepointarc", "makehelix", "twistextrude"};

std::vector<std::string> apiWordsIn(const std::string& prompt) {
  std::vector<std::string> found;
  for (const auto& w : words(prompt)) {
    if (kBannedWords.count(w)) found.push_back(w);
    for (const auto& stem : kBannedStems)
      if (w.rfind(stem, 0) == 0) found.push_back(w);
  }
  // A method call such as ".box(" or "()".
  for (size_t i = 0; i + 1 < prompt.size(); ++i) {
    if (prompt[i] == '(' && prompt[i + 1] == ')') found.push_back("()");
    if (prompt[i] == '.' && std::isalpha(static_cast<unsigned char>(prompt[i + 1]))) {
      size_t j = i + 1;
      while (j < prompt.size() && std::isalnum(static_cast<unsigned char>(prompt[j]))) ++j;
      if (j < prompt.size() && prompt[j] == '(') found.push_back(prompt.substr(i, j - i + 1));
    }
  }
  return found;
}

}  // namespace

TEST_CASE("the shipped curriculum is a complete complexity ladder", "[curriculum]") {
  const auto entries = store::readCurriculumFile(shippedPath());
  REQUIRE(entries.size() >= 220);

  std::map<std::string, std::vector<int>> byCategory;
  for (const auto& e : entries) {
    INFO("line " << e.line << ": " << e.prompt);
    CHECK(e.complexity >= 1);
    CHECK(e.complexity <= 10);
    byCategory[e.category].push_back(e.complexity);
  }
  const auto& ladder = store::curriculumCategories();
  REQUIRE(ladder.size() == 11);
  CHECK(byCategory.size() == ladder.size());  // no category outside the ladder

  double previousAverage = 0;
  int previousLevel = 0;
  for (const auto& category : ladder) {
    INFO(category.id);
    const std::vector<int>& levels = byCategory[category.id];
    CHECK(levels.size() >= 20);
    if (levels.empty()) continue;
    double sum = 0;
    for (int c : levels) {
      sum += c;
      CHECK(std::abs(c - category.level) <= 2);  // each prompt near its rung
    }
    const double average = sum / static_cast<double>(levels.size());
    CHECK(std::abs(average - category.level) <= 1.0);
    if (category.level > previousLevel)
      CHECK(average > previousAverage);  // harder rungs are harder on average
    else
      CHECK(std::abs(average - previousAverage) <= 1.0);  // two categories on the same rung
    previousAverage = average;
    previousLevel = category.level;
  }
}

TEST_CASE("the curriculum file uses exactly the documented fields and category ids", "[curriculum]") {
  std::ifstream in(shippedPath());
  REQUIRE(in);
  std::set<std::string> ids;
  for (const auto& c : store::curriculumCategories()) ids.insert(c.id);
  std::string line;
  int n = 0, tagged = 0;
  while (std::getline(in, line)) {
    ++n;
    INFO("line " << n);
    json row = json::parse(line);
    for (const auto& [key, value] : row.items())
      CHECK((key == "category" || key == "complexity" || key == "prompt" || key == "tags"));
    CHECK(ids.count(row.at("category").get<std::string>()) == 1);
    CHECK(row.at("complexity").is_number_integer());
    if (row.contains("tags")) {
      ++tagged;
      CHECK(!row["tags"].empty());
    }
  }
  CHECK(n >= 220);
  CHECK(tagged > 0);
}

TEST_CASE("curriculum prompts are distinct, not near-duplicates", "[curriculum]") {
  const auto entries = store::readCurriculumFile(shippedPath());
  std::map<std::string, int> seen;
  for (const auto& e : entries) {
    INFO("line " << e.line << ": " << e.prompt);
    const std::string key = normalised(e.prompt);
    CHECK(seen.count(key) == 0);  // same words with other numbers
    seen[key] = e.line;
  }
  std::vector<std::set<std::string>> sets;
  for (const auto& e : entries) sets.push_back(contentWords(e.prompt));
  for (size_t i = 0; i < entries.size(); ++i)
    for (size_t j = i + 1; j < entries.size(); ++j) {
      const double s = similarity(sets[i], sets[j]);
      if (s >= 0.6) FAIL_CHECK("near-duplicates (" << s << "): line " << entries[i].line << " \"" << entries[i].prompt
                                                   << "\" and line " << entries[j].line << " \"" << entries[j].prompt
                                                   << "\"");
    }
  // The checks above do catch rewordings of one request.
  CHECK(normalised("A cube, 20 mm on each side.") == normalised("a cube 30mm on each side"));
  CHECK(similarity(contentWords("A washer 16 mm outside, 8.4 mm inside, 1.6 mm thick"),
                   contentWords("A washer: 18 mm outside and 10 mm inside, 2 mm thick.")) >= 0.6);
}

TEST_CASE("curriculum prompts speak the user's language, not the API's", "[curriculum]") {
  const auto entries = store::readCurriculumFile(shippedPath());
  int inches = 0, printer = 0, screws = 0, boards = 0;
  for (const auto& e : entries) {
    INFO("line " << e.line << ": " << e.prompt);
    CHECK(apiWordsIn(e.prompt).empty());
    CHECK(words(e.prompt).size() >= 4);
    const std::string lowered = normalised(e.prompt);
    if (e.prompt.find('"') != std::string::npos || lowered.find("inch") != std::string::npos) ++inches;
    if (lowered.find("printer") != std::string::npos || lowered.find("print") != std::string::npos) ++printer;
    for (const auto& w : words(e.prompt))
      if (w.size() >= 2 && w[0] == 'm' && std::isdigit(static_cast<unsigned char>(w[1]))) {
        ++screws;  // M3, M4, M2.5 …
        break;
      }
    if (lowered.find("raspberry pi") != std::string::npos || lowered.find("arduino") != std::string::npos ||
        lowered.find("esp") != std::string::npos)
      ++boards;
  }
  // Written the way real users write: some in inches, some for a printer, real hardware.
  CHECK(inches >= 10);
  CHECK(printer >= 10);
  CHECK(screws >= 10);
  CHECK(boards >= 10);
  // The checker itself flags API words in any inflection and method calls.
  CHECK(apiWordsIn("Round the edges with a 2 mm fillet") == std::vector<std::string>{"fillet"});
  CHECK(apiWordsIn("an Extruded hexagon, then Revolve it") == std::vector<std::string>{"extruded", "revolve"});
  CHECK(apiWordsIn("use cq.Workplane().box(1,1,1)").size() >= 3);
  CHECK(apiWordsIn("A box 20 x 10 x 5 mm with rounded edges (about 2 mm).").empty());
}

TEST_CASE("the default curriculum path finds the shipped file", "[curriculum]") {
  if (const char* env = std::getenv("PARTSMITH_CURRICULUM"); env && *env) {
    CHECK(store::defaultCurriculumPath() == env);
  } else {
    CHECK(store::defaultCurriculumPath() == shippedPath());
  }
}
