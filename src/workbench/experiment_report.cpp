#include "workbench/experiment_report.h"

#include <cstdio>
#include <map>
#include <sstream>

#include "store/database.h"
#include "store/store.h"

namespace partsmith::workbench {

using nlohmann::json;

namespace {

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string score(const std::optional<double>& v) { return v ? fixed(*v, 1) : "—"; }
std::string percent(double v) { return fixed(v * 100, 0) + "%"; }
std::string money(double v) { return "$" + fixed(v, v < 0.1 ? 4 : 2); }
std::string seconds(double s) { return s >= 90 ? fixed(s / 60, 1) + " min" : fixed(s, 1) + " s"; }

std::string mdCell(std::string s) {
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s;
}

std::string csvCell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csvOpt(const std::optional<double>& v) { return v ? fixed(*v, 3) : ""; }
std::string tokens(const std::optional<double>& v) { return v ? fixed(*v, 0) : "—"; }
std::string csvTokens(const std::optional<double>& v) { return v ? fixed(*v, 1) : ""; }

// The single leaf a settings patch sets, with its dotted path ({"models": {"code": "x"}} ->
// "models.code"); nullptr when it sets none or several.
const json* singleLeaf(const json& j, std::string& path) {
  if (!j.is_object()) return &j;
  if (j.size() != 1) return nullptr;
  const auto it = j.begin();
  path += (path.empty() ? "" : ".") + it.key();
  return singleLeaf(it.value(), path);
}

ContextSize contextSize(store::Store& store, const std::vector<int64_t>& runIds) {
  // Sums over the finished items' generations that recorded any usage; the code stage's calls
  // per generation from generation_stages.
  int generations = 0;
  double inputSum = 0, codeTokens = 0, codeCalls = 0;
  for (int64_t runId : runIds) {
    store::Statement st(store.db(),
                        "SELECT count(*), coalesce(sum(g.input_tokens + g.cache_read_tokens + g.cache_write_tokens), 0), "
                        "coalesce(sum(c.tokens), 0), coalesce(sum(c.calls), 0) "
                        "FROM run_items i JOIN generations g ON g.id = i.generation_id "
                        "LEFT JOIN (SELECT generation_id, sum(input_tokens + cache_read_tokens + cache_write_tokens) AS "
                        "tokens, sum(calls) AS calls FROM generation_stages WHERE stage IN ('code', 'decompose') "
                        "GROUP BY generation_id) c ON c.generation_id = g.id "
                        "WHERE i.run_id = ? AND i.status IN ('succeeded', 'failed') "
                        "AND g.input_tokens + g.cache_read_tokens + g.cache_write_tokens > 0");
    st.bind(1, runId);
    if (!st.step()) continue;
    generations += static_cast<int>(st.getInt(0));
    inputSum += static_cast<double>(st.getInt(1));
    codeTokens += static_cast<double>(st.getInt(2));
    codeCalls += static_cast<double>(st.getInt(3));
  }
  ContextSize c;
  c.generations = generations;
  if (generations > 0) c.inputTokensPerGeneration = inputSum / generations;
  if (codeCalls > 0) c.tokensPerCodeCall = codeTokens / codeCalls;
  return c;
}

json optJson(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

std::optional<double> VariantComparison::numericValue() const {
  std::string path;
  const json* leaf = singleLeaf(settings, path);
  if (!leaf || path.empty() || !leaf->is_number()) return std::nullopt;  // booleans are not numbers here
  return leaf->get<double>();
}

std::string ExperimentComparison::numericSetting() const {
  if (!numericSweep()) return {};
  std::string path;
  singleLeaf(variants.front().settings, path);
  return path;
}

bool ExperimentComparison::numericSweep() const {
  if (variants.size() < 2) return false;
  std::string first;
  bool differ = false;
  for (const auto& v : variants) {
    std::string path;
    const json* leaf = singleLeaf(v.settings, path);
    if (!leaf || path.empty() || !leaf->is_number()) return false;
    if (first.empty()) first = path;
    else if (path != first) return false;  // two different settings varied: not one axis
    differ = differ || leaf->get<double>() != *variants.front().numericValue();
  }
  return differ;
}

ExperimentComparison compareExperiment(store::Store& store, int64_t experimentId) {
  const store::Experiment e = store.workbench().experiment(experimentId);
  ExperimentComparison c;
  c.experimentId = e.id;
  c.name = e.name;
  c.description = e.description;
  c.varies = e.varies;
  std::map<int64_t, std::vector<int64_t>> runsByVariant;
  for (const auto& r : store.workbench().runs(experimentId))
    if (r.variantId) runsByVariant[*r.variantId].push_back(r.id);
  for (const auto& v : e.variants) {
    VariantComparison vc;
    vc.label = v.label;
    vc.settings = v.settings;
    vc.prompts = promptOutcomes(store, runsByVariant[v.id]);
    vc.totals = aggregate(vc.prompts);
    vc.context = contextSize(store, runsByVariant[v.id]);
    c.variants.push_back(std::move(vc));
  }
  return c;
}

std::string ExperimentComparison::toMarkdown() const {
  std::ostringstream md;
  md << "# Experiment: " << mdCell(name) << "\n\n";
  if (!description.empty()) md << description << " (varies: " << varies << ")\n\n";
  md << "| |";
  for (const auto& v : variants) md << " " << mdCell(v.label) << " |";
  md << "\n|---|";
  for (size_t i = 0; i < variants.size(); ++i) md << "---:|";
  md << "\n";
  auto row = [&](const char* title, auto cell) {
    md << "| " << title << " |";
    for (const auto& v : variants) md << " " << cell(v.totals) << " |";
    md << "\n";
  };
  row("Prompts finished", [](const RunAggregates& a) { return std::to_string(a.finished) + "/" + std::to_string(a.items); });
  row("Avg eval score", [](const RunAggregates& a) { return score(a.avgScore); });
  row("Avg code eval", [](const RunAggregates& a) { return score(a.avgCodeScore); });
  row("Avg visual score", [](const RunAggregates& a) { return score(a.avgVisualScore); });
  row("Success rate", [](const RunAggregates& a) { return percent(a.successRate); });
  row("Auto-approval rate", [](const RunAggregates& a) { return percent(a.approvalRate); });
  row("Cost per generation", [](const RunAggregates& a) { return money(a.costPerGeneration); });
  row("Avg agent steps", [](const RunAggregates& a) { return fixed(a.avgSteps, 1); });
  row("Avg duration", [](const RunAggregates& a) { return seconds(a.avgDurationSeconds); });
  auto contextRow = [&](const char* title, std::optional<double> ContextSize::*field) {
    md << "| " << title << " |";
    for (const auto& v : variants) md << " " << tokens(v.context.*field) << " |";
    md << "\n";
  };
  contextRow("Avg input tokens / generation", &ContextSize::inputTokensPerGeneration);
  contextRow("Avg context / code call", &ContextSize::tokensPerCodeCall);
  md << "\nScores are averaged over the successful generations; rates, cost, steps, duration and tokens over every "
        "finished one. Tokens count the whole prompt, cached parts included (— : no usage recorded).\n\n"
        "## Per prompt\n\n| Category | Prompt |";
  for (const auto& v : variants) md << " " << mdCell(v.label) << " |";
  md << "\n|---|---|";
  for (size_t i = 0; i < variants.size(); ++i) md << "---|";
  md << "\n";
  // Rows by prompt, in the first variant's order; a prompt missing from a variant shows "—".
  std::vector<std::pair<int64_t, std::pair<std::string, std::string>>> order;
  std::map<int64_t, bool> seen;
  for (const auto& v : variants)
    for (const auto& p : v.prompts)
      if (!seen[p.promptId]) {
        seen[p.promptId] = true;
        order.push_back({p.promptId, {p.category, p.prompt}});
      }
  for (const auto& [id, cp] : order) {
    md << "| " << mdCell(cp.first) << " | " << mdCell(cp.second) << " |";
    for (const auto& v : variants) {
      const PromptOutcome* o = nullptr;
      for (const auto& p : v.prompts)
        if (p.promptId == id) o = &p;
      if (!o) md << " — |";
      else if (o->status == "succeeded")
        md << " " << score(o->score) << (o->approved ? " ✓" : "") << ", " << o->steps << " steps, " << money(o->costUsd)
           << " |";
      else md << " " << o->status << ", " << o->steps << " steps, " << money(o->costUsd) << " |";
    }
    md << "\n";
  }
  md << "\n✓ auto-approved.\n";
  return md.str();
}

std::string ExperimentComparison::toCsv(bool drillDown) const {
  std::ostringstream csv;
  if (!drillDown) {
    csv << "variant,prompts,finished,succeeded,approved,avg_score,avg_code_score,avg_visual_score,success_rate,"
           "approval_rate,cost_per_generation_usd,total_cost_usd,avg_steps,avg_duration_s,avg_input_tokens,"
           "avg_code_call_tokens\n";
    for (const auto& v : variants) {
      const RunAggregates& a = v.totals;
      csv << csvCell(v.label) << "," << a.items << "," << a.finished << "," << a.succeeded << "," << a.approved << ","
          << csvOpt(a.avgScore) << "," << csvOpt(a.avgCodeScore) << "," << csvOpt(a.avgVisualScore) << ","
          << fixed(a.successRate, 4) << "," << fixed(a.approvalRate, 4) << "," << fixed(a.costPerGeneration, 6) << ","
          << fixed(a.totalCostUsd, 6) << "," << fixed(a.avgSteps, 2) << "," << fixed(a.avgDurationSeconds, 2) << ","
          << csvTokens(v.context.inputTokensPerGeneration) << "," << csvTokens(v.context.tokensPerCodeCall) << "\n";
    }
    return csv.str();
  }
  csv << "variant,category,prompt,status,approved,score,code_score,visual_score,cost_usd,steps,duration_s,error\n";
  for (const auto& v : variants)
    for (const auto& p : v.prompts)
      csv << csvCell(v.label) << "," << csvCell(p.category) << "," << csvCell(p.prompt) << "," << p.status << ","
          << (p.approved ? 1 : 0) << "," << csvOpt(p.score) << "," << csvOpt(p.codeScore) << ","
          << csvOpt(p.visualScore) << "," << fixed(p.costUsd, 6) << "," << p.steps << ","
          << fixed(p.durationSeconds, 2) << "," << csvCell(p.error) << "\n";
  return csv.str();
}

json ExperimentComparison::toJson() const {
  json vs = json::array();
  for (const auto& v : variants) {
    json ps = json::array();
    for (const auto& p : v.prompts)
      ps.push_back({{"prompt_id", p.promptId}, {"category", p.category}, {"prompt", p.prompt}, {"status", p.status},
                    {"approved", p.approved}, {"score", p.score ? json(*p.score) : json(nullptr)},
                    {"cost_usd", p.costUsd}, {"steps", p.steps}, {"duration_s", p.durationSeconds}});
    vs.push_back({{"label", v.label},
                  {"settings", v.settings},
                  {"totals", v.totals.toJson()},
                  {"context", {{"generations", v.context.generations},
                               {"avg_input_tokens", optJson(v.context.inputTokensPerGeneration)},
                               {"avg_code_call_tokens", optJson(v.context.tokensPerCodeCall)}}},
                  {"prompts", ps}});
  }
  return {{"experiment_id", experimentId}, {"name", name}, {"varies", varies}, {"variants", vs}};
}

}  // namespace partsmith::workbench
