#include "workbench/run_aggregates.h"

#include "store/database.h"
#include "store/store.h"

namespace partsmith::workbench {

using nlohmann::json;

namespace {

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

struct Mean {
  double sum = 0;
  int n = 0;
  void add(const std::optional<double>& v) {
    if (v) {
      sum += *v;
      ++n;
    }
  }
  std::optional<double> value() const { return n > 0 ? std::optional<double>(sum / n) : std::nullopt; }
};

}  // namespace

json RunAggregates::toJson() const {
  return {{"items", items},
          {"finished", finished},
          {"succeeded", succeeded},
          {"failed", failed},
          {"approved", approved},
          {"avg_score", opt(avgScore)},
          {"avg_code_score", opt(avgCodeScore)},
          {"avg_visual_score", opt(avgVisualScore)},
          {"success_rate", successRate},
          {"approval_rate", approvalRate},
          {"total_cost_usd", totalCostUsd},
          {"cost_per_generation", costPerGeneration},
          {"avg_steps", avgSteps},
          {"avg_duration_seconds", avgDurationSeconds}};
}

std::vector<PromptOutcome> promptOutcomes(store::Store& store, const std::vector<int64_t>& runIds) {
  std::vector<PromptOutcome> out;
  for (int64_t runId : runIds) {
    store::Statement st(
        store.db(),
        "SELECT p.id, p.category, p.text, i.status, coalesce(i.approved, 0), g.composite_score, "
        "(SELECT score FROM generation_scores WHERE generation_id = g.id AND track = 'code_review'), "
        "(SELECT score FROM generation_scores WHERE generation_id = g.id AND track = 'visual'), "
        "coalesce(g.cost_usd, 0), coalesce(g.steps, 0), coalesce(g.duration_ms, 0), coalesce(i.error, ''), g.status "
        "FROM run_items i JOIN workbench_prompts p ON p.id = i.prompt_id "
        "LEFT JOIN generations g ON g.id = i.generation_id WHERE i.run_id = ? "
        "ORDER BY p.complexity, p.category, p.text");
    st.bind(1, runId);
    while (st.step()) {
      PromptOutcome o;
      o.promptId = st.getInt(0);
      o.category = st.getText(1);
      o.prompt = st.getText(2);
      o.status = st.getText(3);
      o.approved = st.getInt(4) != 0;
      o.score = st.getOptDouble(5);
      o.codeScore = st.getOptDouble(6);
      o.visualScore = st.getOptDouble(7);
      o.costUsd = st.getDouble(8);
      o.steps = static_cast<int>(st.getInt(9));
      o.durationSeconds = st.getInt(10) / 1000.0;
      o.error = st.getText(11);
      out.push_back(o);
    }
  }
  return out;
}

RunAggregates aggregate(const std::vector<PromptOutcome>& outcomes) {
  RunAggregates a;
  Mean score, code, visual;
  double steps = 0, seconds = 0;
  for (const auto& o : outcomes) {
    ++a.items;
    if (o.status != "succeeded" && o.status != "failed") continue;
    ++a.finished;
    a.totalCostUsd += o.costUsd;
    steps += o.steps;
    seconds += o.durationSeconds;
    if (o.approved) ++a.approved;
    if (o.status == "failed") {
      ++a.failed;
      continue;
    }
    ++a.succeeded;
    // Quality is averaged over what succeeded (as in the seed's table); failures show in
    // the success rate, not as zeros in the averages.
    score.add(o.score);
    code.add(o.codeScore);
    visual.add(o.visualScore);
  }
  a.avgScore = score.value();
  a.avgCodeScore = code.value();
  a.avgVisualScore = visual.value();
  if (a.finished > 0) {
    a.successRate = static_cast<double>(a.succeeded) / a.finished;
    a.approvalRate = static_cast<double>(a.approved) / a.finished;
    a.costPerGeneration = a.totalCostUsd / a.finished;
    a.avgSteps = steps / a.finished;
    a.avgDurationSeconds = seconds / a.finished;
  }
  return a;
}

}  // namespace partsmith::workbench
