#include "workbench/batch_runner.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <thread>

#include "agent/prompt_library.h"
#include "evaluation/three_track_evaluator.h"
#include "store/database.h"
#include "store/store_util.h"
#include "worker/client/kernel_client.h"
#include "workbench/approval.h"

namespace partsmith::workbench {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

std::string duration(double seconds) {
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  else if (s >= 60) std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%lds", s);
  return buf;
}

std::string hostName() {
  char buf[256] = {0};
  if (::gethostname(buf, sizeof buf - 1) != 0) return {};
  return buf;
}

}  // namespace

std::string BatchProgress::describe() const {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%d/%d done (%d ok, %d failed, %d approved, %d to review), %d running, $%.4f spent",
                finished, total, succeeded, failed, approved, queued, running, spentUsd);
  std::string s = buf;
  if (etaSeconds) s += ", ETA " + duration(*etaSeconds);
  return s;
}

json BatchReport::toJson() const {
  return {{"run_id", runId},
          {"items_started", itemsStarted},
          {"items_finished", itemsFinished},
          {"stop_reason", stopReason},
          {"total", progress.total},
          {"pending", progress.pending},
          {"running", progress.running},
          {"succeeded", progress.succeeded},
          {"failed", progress.failed},
          {"approved", progress.approved},
          {"cost_usd", progress.costUsd},
          {"wall_seconds", wallSeconds},
          {"generations_per_minute", generationsPerMinute},
          {"avg_generation_seconds", avgGenerationSeconds},
          {"avg_overhead_ms", avgOverheadMs},
          {"rate_limit_pauses", rateLimitPauses},
          {"rate_limit_wait_seconds", rateLimitWaitSeconds},
          {"rate_limit_shared_waits", rateLimitSharedWaits}};
}

std::string namedRunUuid(const std::string& name) {
  // Two FNV-1a halves of the name, laid out like a uuid (version nibble 8: name-derived).
  const std::string h = store::contentHash("run\n" + name) + store::contentHash("name\n" + name);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-8" + h.substr(13, 3) + "-" + h.substr(16, 4) + "-" + h.substr(20, 12);
}

int64_t createOrResumeRun(store::Store& db, const RunSelection& sel) {
  RunSettings::fromJson(sel.settings);  // reject bad settings before anything is written
  if (!sel.name.empty()) {
    store::Statement st(db.db(), "SELECT id, shard_index, shard_count FROM runs WHERE uuid = ?");
    st.bind(1, namedRunUuid(sel.name));
    if (st.step()) {
      if (st.getInt(1) != sel.shardIndex || st.getInt(2) != sel.shardCount)
        throw std::runtime_error("run '" + sel.name + "' in this database is shard " + std::to_string(st.getInt(1)) +
                                 "/" + std::to_string(st.getInt(2)) + ", not " + std::to_string(sel.shardIndex) + "/" +
                                 std::to_string(sel.shardCount));
      return st.getInt(0);
    }
  }
  std::vector<int64_t> ids = sel.promptIds;
  if (ids.empty()) {
    for (const auto& p : db.workbench().prompts(sel.category)) {
      if (sel.limit > 0 && static_cast<int>(ids.size()) >= sel.limit) break;
      ids.push_back(p.id);
    }
  }
  if (ids.empty())
    throw std::runtime_error(sel.category ? "there are no workbench prompts in category '" + *sel.category + "'"
                                          : std::string("there are no workbench prompts"));
  store::Run r;
  r.uuid = sel.name.empty() ? std::string() : namedRunUuid(sel.name);
  r.label = sel.label.empty() ? sel.name : sel.label;
  r.settings = sel.settings;
  r.shardIndex = sel.shardIndex;
  r.shardCount = sel.shardCount;
  r.budgetUsd = sel.budgetUsd;
  r.experimentId = sel.experimentId;
  r.variantId = sel.variantId;
  r.host = hostName();
  return db.workbench().createRun(r, ids);
}

struct BatchRunner::Shared {
  int64_t runId = 0;
  store::Run run;
  RunSettings settings;
  Options options;
  std::optional<double> budget;
  Clock::time_point started = Clock::now();

  std::mutex mutex;
  std::deque<store::RunItem> queue;
  int inFlight = 0;
  int startedItems = 0, finishedItems = 0;
  double sessionCost = 0;  // of the items finished in this session
  double priorCost = 0;    // of the run before this session
  int priorFinished = 0;
  double overheadMsSum = 0, generationSecondsSum = 0;
  std::string stopReason;
  BatchProgress progress;
};

BatchRunner::BatchRunner(BatchEnvironment environment)
    : m_env(std::move(environment)), m_gate(std::make_shared<RateGate>()) {
  if (!m_env.kernel)
    m_env.kernel = [] { return std::make_shared<worker::KernelClient>(); };
  if (!m_env.evaluator) m_env.evaluator = evaluation::threeTrackEvaluatorFactory();
  if (!m_env.models) throw std::invalid_argument("BatchRunner needs a model factory");
  if (!m_env.rateFile.empty()) m_gate->shareThrough(m_env.rateFile, m_env.onWarning);
}

void BatchRunner::cancel() {
  m_cancelled = true;
  m_gate->cancel();
  std::lock_guard<std::mutex> lock(m_activeMutex);
  for (agent::Pipeline* p : m_active) p->cancel();
}

BatchReport BatchRunner::run(int64_t runId, const Options& options) {
  Shared shared;
  shared.runId = runId;
  shared.options = options;
  shared.options.parallel = std::max(1, options.parallel);
  {
    store::Store db(m_env.databasePath, m_env.storeOptions);
    shared.run = db.workbench().run(runId);
    shared.settings = RunSettings::fromJson(shared.run.settings);
    shared.budget = options.budgetUsd ? options.budgetUsd : shared.run.budgetUsd;
    const store::RunProgress before = db.workbench().progress(runId);
    shared.priorCost = before.costUsd;
    shared.priorFinished = before.succeeded + before.failed;
    for (const auto& item : db.workbench().unfinishedItems(runId, 1000000)) shared.queue.push_back(item);
    shared.progress.total = before.total;
    shared.progress.finished = shared.priorFinished;
    shared.progress.succeeded = before.succeeded;
    shared.progress.failed = before.failed;
    shared.progress.approved = before.approved;
    shared.progress.spentUsd = before.costUsd;
    store::Statement q(db.db(),
                       "SELECT count(*) FROM run_items i JOIN library_examples l ON l.source_generation_id = "
                       "i.generation_id WHERE i.run_id = ? AND l.status = 'candidate'");
    q.bind(1, runId);
    q.step();
    shared.progress.queued = static_cast<int>(q.getInt(0));
    db.workbench().setRunStatus(runId, "running");
  }
  m_cancelled = false;

  std::vector<std::thread> workers;
  const int n = std::min<int>(shared.options.parallel, std::max<int>(1, static_cast<int>(shared.queue.size())));
  for (int i = 0; i < n; ++i) workers.emplace_back([this, &shared] { work(shared); });
  for (auto& t : workers) t.join();

  BatchReport report;
  report.runId = runId;
  report.itemsStarted = shared.startedItems;
  report.itemsFinished = shared.finishedItems;
  report.stopReason = shared.stopReason;
  report.wallSeconds = std::chrono::duration<double>(Clock::now() - shared.started).count();
  if (shared.finishedItems > 0) {
    report.generationsPerMinute = shared.finishedItems / (report.wallSeconds / 60);
    report.avgGenerationSeconds = shared.generationSecondsSum / shared.finishedItems;
    report.avgOverheadMs = shared.overheadMsSum / shared.finishedItems;
  }
  report.rateLimitPauses = m_gate->pauses();
  report.rateLimitWaitSeconds = m_gate->waitedSeconds();
  report.rateLimitSharedWaits = m_gate->sharedWaits();
  store::Store db(m_env.databasePath, m_env.storeOptions);
  report.progress = db.workbench().progress(runId);
  if (report.progress.pending + report.progress.running == 0) {
    db.workbench().setRunStatus(runId, "done");
  } else {
    db.workbench().setRunStatus(runId, "paused");
    if (report.stopReason.empty()) report.stopReason = "cancelled";
  }
  return report;
}

void BatchRunner::work(Shared& s) {
  // Everything a worker needs is its own: SQLite connections, kernel workers and the prompt
  // library's caches are not shared between threads.
  std::unique_ptr<store::Store> db;
  std::unique_ptr<agent::PromptLibrary> prompts;
  std::shared_ptr<worker::KernelClient> kernel;
  agent::PipelineModels models;
  try {
    db = std::make_unique<store::Store>(m_env.databasePath, m_env.storeOptions);
    prompts = std::make_unique<agent::PromptLibrary>(m_env.promptsRoot);
    kernel = m_env.kernel();
    models = gateModels(m_env.models(s.settings), m_gate);
  } catch (const std::exception& e) {
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.stopReason.empty()) s.stopReason = std::string("error: ") + e.what();
    m_cancelled = true;
    return;
  }
  const agent::PipelineSettings pipelineSettings = s.settings.pipelineSettings();
  const bool experiment = s.run.experimentId.has_value();

  for (;;) {
    store::RunItem item;
    {
      std::lock_guard<std::mutex> lock(s.mutex);
      if (m_cancelled || !s.stopReason.empty() || s.queue.empty()) return;
      if (s.budget) {
        // The cost of one more: the mean of what finished so far (this session first).
        double expected = 0;
        if (s.finishedItems > 0) expected = s.sessionCost / s.finishedItems;
        else if (s.priorFinished > 0) expected = s.priorCost / s.priorFinished;
        const double committed = s.priorCost + s.sessionCost + expected * s.inFlight;
        if (committed + expected > *s.budget || committed >= *s.budget) {
          char buf[160];
          std::snprintf(buf, sizeof buf, "budget: $%.4f spent + $%.4f expected for the next would pass $%.4f",
                        s.priorCost + s.sessionCost, expected, *s.budget);
          s.stopReason = buf;
          return;
        }
      }
      item = s.queue.front();
      s.queue.pop_front();
      ++s.inFlight;
      ++s.startedItems;
      s.progress.running = s.inFlight;
    }

    std::string outcome;
    bool interrupted = false;
    double cost = 0, overheadMs = 0, wallMs = 0;
    bool succeeded = false, approved = false, queued = false;
    std::string promptText;
    try {
      const store::WorkbenchPrompt prompt = db->workbench().prompt(item.promptId);
      promptText = prompt.text;
      db->workbench().startItem(item.id);
      agent::Pipeline pipeline(db.get(), kernel, models, pipelineSettings, *prompts);
      pipeline.setEvaluatorFactory(m_env.evaluator);
      {
        std::lock_guard<std::mutex> lock(m_activeMutex);
        m_active.push_back(&pipeline);
        if (m_cancelled) pipeline.cancel();
      }
      agent::GenerationRequest req;
      req.request = prompt.text;
      req.origin = experiment ? "experiment" : "workbench";
      agent::GenerationResult r = pipeline.run(req);
      {
        std::lock_guard<std::mutex> lock(m_activeMutex);
        m_active.erase(std::remove(m_active.begin(), m_active.end(), &pipeline), m_active.end());
      }
      cost = r.costUsd;
      overheadMs = r.overheadMs();
      wallMs = r.wallMs;
      int64_t answered = 0;  // output tokens of every model call: 0 means no model ever answered
      for (const auto& st : r.stages) answered += st.outputTokens;
      if (r.status == "cancelled" && m_cancelled) {
        // Left "running": the next session redoes it. Its spend still counts.
        interrupted = true;
        outcome = "interrupted";
      } else if (r.status != "succeeded" && answered == 0) {
        // The provider is down, the key is wrong or no model is configured: that says nothing
        // about the model's quality, so the item is not recorded as a failure. It stays
        // unfinished for the next session, and the batch stops instead of burning through
        // every prompt the same way.
        interrupted = true;
        outcome = "no model answered";
        std::lock_guard<std::mutex> lock(s.mutex);
        if (s.stopReason.empty())
          s.stopReason = "error: no model answered (" + (r.error.empty() ? r.status : r.error) +
                         "); the prompt is left for the next run";
      } else {
        succeeded = r.status == "succeeded";
        const ApprovalDecision d = decideApproval(r, s.settings.approvalThreshold);
        approved = d.approved;
        if (s.settings.curate) {
          const auto example = curate(*db, prompt, r, d);
          queued = example.has_value() && !d.approved;
        }
        db->workbench().finishItem(item.id, succeeded ? "succeeded" : "failed",
                                   r.generationId > 0 ? std::optional<int64_t>(r.generationId) : std::nullopt, approved,
                                   succeeded ? std::nullopt : std::optional<std::string>(d.reason));
        const std::string score = r.evaluation ? " (" + agent::formatScore(r.evaluation->composite) + ")" : "";
        outcome = approved ? "approved" + score : (succeeded ? "review: " : "failed: ") + d.reason;
      }
    } catch (const std::exception& e) {
      // A store failure (disk full, locked too long) must not lose the item: it stays
      // unfinished and the next session redoes it. Stop: the next item would fail the same way.
      std::lock_guard<std::mutex> lock(s.mutex);
      --s.inFlight;
      if (s.stopReason.empty()) s.stopReason = std::string("error: ") + e.what();
      return;
    }

    std::lock_guard<std::mutex> lock(s.mutex);
    --s.inFlight;
    if (!interrupted) {
      ++s.finishedItems;
      s.overheadMsSum += overheadMs;
      s.generationSecondsSum += wallMs / 1000;
      s.progress.finished++;
      (succeeded ? s.progress.succeeded : s.progress.failed)++;
      if (approved) s.progress.approved++;
      if (queued) s.progress.queued++;
    }
    s.sessionCost += cost;
    s.progress.spentUsd = s.priorCost + s.sessionCost;
    s.progress.running = s.inFlight;
    s.progress.elapsedSeconds = std::chrono::duration<double>(Clock::now() - s.started).count();
    const int remaining = s.progress.total - s.progress.finished;
    if (s.finishedItems > 0) s.progress.etaSeconds = remaining * s.progress.elapsedSeconds / s.finishedItems;
    s.progress.lastPrompt = promptText;
    s.progress.lastOutcome = outcome;
    if (s.options.onProgress) s.options.onProgress(s.progress);
    if (interrupted) return;
  }
}

}  // namespace partsmith::workbench
