// The few-shot sweep measures context size: a real sweep (the template's counts 0, 1, 3, 6, 10)
// through the pipeline against ContextModels, whose usage grows with the prompt like a real
// server's. The comparison carries the average input tokens per generation and per code call,
// `experiment compare --format md|csv` prints them, and the sweep is recognised as numeric (the
// view plots it as a line). Model and switch experiments are not.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <map>
#include <sstream>

#include "few_shot_sweep.h"
#include "workbench/experiment_report.h"

using namespace partsmith;
using namespace partsmith::workbench;
using namespace partsmith::workbench::testing;
using agent::testing::TempStore;
using nlohmann::json;

namespace {

std::string run(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  const int rc = ::pclose(pipe);
  *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

std::vector<std::string> splitCsvLine(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.push_back("");
  return cells;
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

TEST_CASE("a few-shot sweep reports context size per variant; compare md and csv carry it", "[workbench][context]") {
  ContextModels peer;
  TempStore tmp;
  store::Store& db = *tmp.store;
  const std::string dbPath = (tmp.dir / "history.db").string();
  const int64_t id = runFewShotSweep(db, dbPath, peer);

  const ExperimentComparison c = compareExperiment(db, id);
  REQUIRE(c.variants.size() == 5);
  CHECK(c.numericSweep());
  CHECK(c.numericSetting() == "few_shot");
  const std::vector<int> counts = {0, 1, 3, 6, 10};

  // What the server saw: per few-shot count in the code model's prompt, its input tokens.
  std::map<int, std::pair<double, int>> codeTokens;  // examples -> (sum, calls)
  for (const auto& r : peer.received())
    if (r.model == "fewshot") {
      codeTokens[r.examples].first += static_cast<double>(r.inputTokens);
      codeTokens[r.examples].second += 1;
    }
  // The library has more than ten examples for a cube with a hole: each variant got its count.
  std::vector<int> seen;
  for (const auto& [examples, sums] : codeTokens) seen.push_back(examples);
  CHECK(seen == counts);

  std::optional<double> previous;
  for (size_t i = 0; i < counts.size(); ++i) {
    const VariantComparison& v = c.variants[i];
    INFO("variant " << v.label);
    REQUIRE(v.numericValue());
    CHECK(*v.numericValue() == Approx(counts[i]));
    CHECK(v.context.generations == 2);
    REQUIRE(v.context.tokensPerCodeCall);
    REQUIRE(v.context.inputTokensPerGeneration);
    // Per code call: exactly the mean the server reported for prompts with that many examples.
    const auto& sums = codeTokens[counts[i]];
    REQUIRE(sums.second > 0);
    CHECK(*v.context.tokensPerCodeCall == Approx(sums.first / sums.second));
    // Per generation: the code calls plus the spec and review calls.
    CHECK(*v.context.inputTokensPerGeneration > *v.context.tokensPerCodeCall);
    if (previous) CHECK(*v.context.tokensPerCodeCall > *previous + 100);  // examples are hundreds of tokens each
    previous = v.context.tokensPerCodeCall;
    // Quality: without an example the code model writes a draft the reviewer rejects.
    CHECK(v.totals.successRate == Approx(1));
    CHECK(v.totals.approvalRate == Approx(i == 0 ? 0.0 : 1.0));
  }
  REQUIRE(c.variants[0].totals.avgScore);
  REQUIRE(c.variants[1].totals.avgScore);
  CHECK(*c.variants[0].totals.avgScore < *c.variants[1].totals.avgScore);

  // `experiment compare` as a user runs it: Markdown and CSV carry the context columns.
  const std::string cli = partsmith::test::cliExecutable() + " --db '" + dbPath + "' experiment compare 'few-shot sweep'";
  int status = -1;
  const std::string md = run(cli + " --format md", &status);
  INFO(md);
  REQUIRE(status == 0);
  std::string inputRow = "| Avg input tokens / generation |", callRow = "| Avg context / code call |";
  for (const auto& v : c.variants) {
    inputRow += " " + fixed(*v.context.inputTokensPerGeneration, 0) + " |";
    callRow += " " + fixed(*v.context.tokensPerCodeCall, 0) + " |";
  }
  CHECK(md.find(inputRow + "\n") != std::string::npos);
  CHECK(md.find(callRow + "\n") != std::string::npos);
  CHECK(md.find("| | 0 examples | 1 example | 3 examples | 6 examples | 10 examples |") != std::string::npos);

  const std::string csv = run(cli + " --format csv", &status);
  INFO(csv);
  REQUIRE(status == 0);
  std::stringstream lines(csv);
  std::string header;
  std::getline(lines, header);
  const std::vector<std::string> columns = splitCsvLine(header);
  REQUIRE(columns.size() == 16);
  CHECK(columns[14] == "avg_input_tokens");
  CHECK(columns[15] == "avg_code_call_tokens");
  for (const auto& v : c.variants) {
    std::string line;
    REQUIRE(std::getline(lines, line));
    const std::vector<std::string> cells = splitCsvLine(line);
    REQUIRE(cells.size() == 16);
    CHECK(cells[0] == v.label);
    CHECK(std::stod(cells[14]) == Approx(*v.context.inputTokensPerGeneration).epsilon(0.001));
    CHECK(std::stod(cells[15]) == Approx(*v.context.tokensPerCodeCall).epsilon(0.001));
  }

  // JSON too.
  const json j = json::parse(run(cli + " --format json", &status));
  CHECK(j["variants"][4]["context"]["avg_code_call_tokens"].get<double>() ==
        Approx(*c.variants[4].context.tokensPerCodeCall));
}

TEST_CASE("only a variant setting one number makes a numeric sweep; missing usage shows as no context",
          "[workbench][context]") {
  ExperimentComparison c;
  c.variants.resize(2);
  c.variants[0].settings = {{"models", {{"code", "good"}}}};
  c.variants[1].settings = {{"models", {{"code", "bad"}}}};
  CHECK_FALSE(c.numericSweep());
  CHECK_FALSE(c.variants[0].numericValue());
  CHECK(c.numericSetting().empty());

  c.variants[0].settings = json::object();  // a switch ablation's baseline
  c.variants[1].settings = {{"spec", false}};
  CHECK_FALSE(c.numericSweep());
  CHECK_FALSE(c.variants[1].numericValue());  // booleans are not a numeric axis

  c.variants[0].settings = {{"max_steps", 5}};
  c.variants[1].settings = {{"max_steps", 20}};
  CHECK(c.numericSweep());
  CHECK(c.numericSetting() == "max_steps");
  CHECK(*c.variants[1].numericValue() == Approx(20));

  c.variants[1].settings = {{"few_shot", 3}};  // two settings varied: no single axis
  CHECK_FALSE(c.numericSweep());
  c.variants[1].settings = {{"max_steps", 5}};  // one value only: nothing to plot against
  CHECK_FALSE(c.numericSweep());

  // No usage recorded: the columns say so instead of showing 0.
  c.variants[0].label = "a";
  c.variants[1].label = "b";
  const std::string md = c.toMarkdown();
  CHECK(md.find("| Avg input tokens / generation | — | — |") != std::string::npos);
  const std::string csv = c.toCsv();
  CHECK(csv.find("\na,0,0,0,0,,,,0.0000,0.0000,0.000000,0.000000,0.00,0.00,,\n") != std::string::npos);
}
