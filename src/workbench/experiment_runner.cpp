#include "workbench/experiment_runner.h"

#include "store/store.h"
#include "workbench/run_settings.h"

namespace partsmith::workbench {

std::string variantRunName(const std::string& experimentUuid, const std::string& label) {
  return experimentUuid + "/" + label;
}

ExperimentRunReport ExperimentRunner::run(int64_t experimentId, const ExperimentRunOptions& options) {
  ExperimentRunReport report;
  store::Store db(m_batch.environment().databasePath, m_batch.environment().storeOptions);
  const store::Experiment e = db.workbench().experiment(experimentId);
  // Spend of every variant run so far: the budget is the experiment's, not each variant's.
  auto spent = [&] {
    double total = 0;
    for (const auto& r : db.workbench().runs(experimentId)) total += db.workbench().progress(r.id).costUsd;
    return total;
  };
  for (const auto& v : e.variants) {
    if (m_cancelled) {
      report.stopReason = "cancelled";
      break;
    }
    RunSelection sel;
    sel.promptIds = e.promptIds;
    sel.shardIndex = options.shardIndex;
    sel.shardCount = options.shardCount;
    sel.name = variantRunName(e.uuid, v.label);
    sel.label = e.name + ": " + v.label;
    sel.settings = mergeSettings(e.baseSettings, v.settings);
    sel.settings["curate"] = false;
    sel.experimentId = experimentId;
    sel.variantId = v.id;
    const int64_t runId = createOrResumeRun(db, sel);
    BatchRunner::Options o;
    o.parallel = options.parallel;
    if (options.budgetUsd) o.budgetUsd = *options.budgetUsd - spent() + db.workbench().progress(runId).costUsd;
    if (options.onProgress) o.onProgress = [&, label = v.label](const BatchProgress& p) { options.onProgress(label, p); };
    BatchReport r = m_batch.run(runId, o);
    report.variants.emplace_back(v.label, r);
    if (!r.stopReason.empty()) {
      report.stopReason = v.label + ": " + r.stopReason;
      break;
    }
  }
  return report;
}

}  // namespace partsmith::workbench
