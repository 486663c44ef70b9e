// CadQuery conformance: CadQuery's own tests and examples, translated to Partsmith JavaScript
// with CadQuery's expected numbers (tests/conformance/cases, tests/conformance/examples).
// Every assertion must pass unless tests/conformance/known_differences.md lists it with the
// reason; a listed assertion that passes (or no longer exists) fails too, so the list stays
// honest. PARTSMITH_CONFORMANCE_FILTER=<substring> runs only the matching files;
// PARTSMITH_CONFORMANCE_DUMP=<file> writes every result line there (one JSON per line).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "script/script_engine.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using partsmith::script::RunResult;
using partsmith::script::ScriptEngine;

namespace {

const fs::path kRoot = fs::path(partsmith::test::sourceDir()) / "tests" / "conformance";
constexpr const char* kPrefix = "CONFORMANCE ";

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string trim(std::string s) {
  const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
  s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
  return s;
}

// The first column of every table row of known_differences.md (backticks stripped), except
// the header and separator rows.
std::set<std::string> knownDifferences() {
  std::set<std::string> labels;
  std::istringstream in(readFile(kRoot / "known_differences.md"));
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.size() < 2 || line[0] != '|') continue;
    // The first cell ends at the first '|' not escaped as "\|" (labels may hold selectors like "|Z").
    size_t end = 1;
    while ((end = line.find('|', end)) != std::string::npos && line[end - 1] == '\\') ++end;
    if (end == std::string::npos) continue;
    std::string label;
    for (size_t i = 1; i < end; ++i) {
      if (line[i] == '\\' && i + 1 < end && line[i + 1] == '|') continue;
      if (line[i] != '`') label += line[i];
    }
    label = trim(label);
    if (label.empty() || label == "label" || label.find_first_not_of("-: ") == std::string::npos) continue;
    INFO("known_differences.md lists " << label << " twice");
    CHECK(labels.insert(label).second);
  }
  return labels;
}

std::vector<fs::path> scriptFiles() {
  std::vector<fs::path> files;
  const char* filter = std::getenv("PARTSMITH_CONFORMANCE_FILTER");
  for (const char* dir : {"cases", "examples"}) {
    if (!fs::exists(kRoot / dir)) continue;
    for (const auto& e : fs::directory_iterator(kRoot / dir)) {
      if (e.path().extension() != ".js") continue;
      if (filter && *filter && e.path().string().find(filter) == std::string::npos) continue;
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Outcome {
  std::string file;
  bool ok = false;
  std::string line;  // the raw JSON, for messages
};

}  // namespace

TEST_CASE("CadQuery's tests and examples pass, or differ as known_differences.md says", "[conformance]") {
  const std::set<std::string> known = knownDifferences();
  const std::string harness = readFile(kRoot / "harness.js");
  const auto files = scriptFiles();
  REQUIRE(!files.empty());

  ScriptEngine engine;
  std::map<std::string, Outcome> outcomes;
  std::ofstream dump;
  if (const char* path = std::getenv("PARTSMITH_CONFORMANCE_DUMP")) dump.open(path);
  for (const auto& file : files) {
    const std::string name = file.parent_path().filename().string() + "/" + file.filename().string();
    const RunResult r = engine.run(harness + "\n" + readFile(file), {}, 600000);
    std::string errors;
    for (const auto& e : r.errors) errors += e.message + " (line " + std::to_string(e.line) + ")\n";
    INFO(name << ": " << errors);
    CHECK(r.ok);
    int count = 0;
    for (const auto& line : r.log) {
      if (line.rfind(kPrefix, 0) != 0) continue;
      const auto j = nlohmann::json::parse(line.substr(std::char_traits<char>::length(kPrefix)), nullptr, false);
      INFO(name << ": unreadable line " << line);
      REQUIRE(!j.is_discarded());
      const std::string label = j.at("label").get<std::string>();
      INFO(name << ": label " << label << " is used twice");
      CHECK(outcomes.count(label) == 0);
      outcomes[label] = {name, j.at("ok").get<bool>(), line};
      if (dump.is_open()) dump << name << "\t" << line.substr(std::char_traits<char>::length(kPrefix)) << "\n";
      ++count;
    }
    INFO(name << " recorded no assertions");
    CHECK(count > 0);
  }

  int passed = 0, differing = 0;
  for (const auto& [label, o] : outcomes) {
    const bool listed = known.count(label) > 0;
    if (o.ok && !listed) {
      ++passed;
    } else if (!o.ok && listed) {
      ++differing;
    } else if (o.ok) {
      FAIL_CHECK(o.file << ": " << label
                        << " passes but known_differences.md lists it; remove it from the list\n  " << o.line);
    } else {
      FAIL_CHECK(o.file << ": " << label << " fails\n  " << o.line);
    }
  }
  // A listed label that no file records any more is stale (only checked on a full run).
  const char* filter = std::getenv("PARTSMITH_CONFORMANCE_FILTER");
  if (!filter || !*filter) {
    for (const auto& label : known) {
      INFO("known_differences.md lists " << label << ", which no conformance file records");
      CHECK(outcomes.count(label) == 1);
    }
  }
  WARN("CadQuery conformance: " << outcomes.size() << " assertions in " << files.size() << " files; " << passed
                                << " pass, " << differing << " known differences");
}
