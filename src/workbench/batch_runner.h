// Runs the items of a workbench run through the full pipeline: K workers at once (each with
// its own database connection, kernel worker and prompt library; all behind one rate gate),
// resumable (items a crash left "running" are redone, finished ones never), a money cap for
// the run (no new item starts when spent + the expected cost of one more would pass it), and
// progress with counts, ETA and spend. Each result is auto-approved into the library or queued
// for review (approval.h).
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/evaluator.h"
#include "agent/pipeline.h"
#include "store/store.h"
#include "workbench/rate_gate.h"
#include "workbench/run_settings.h"

namespace partsmith::worker {
class KernelClient;
}

namespace partsmith::workbench {

// How a worker gets its tools. Called once per worker, on the worker's thread.
struct BatchEnvironment {
  std::string databasePath;
  store::StoreOptions storeOptions;
  // The stage models for the run's settings. Throwing std::runtime_error stops the batch with
  // that message (e.g. an unknown model).
  std::function<agent::PipelineModels(const RunSettings&)> models;
  std::function<std::shared_ptr<worker::KernelClient>()> kernel;  // default: a new KernelClient
  std::string promptsRoot;                                        // default: PromptLibrary::defaultRoot()
  agent::EvaluatorFactory evaluator;                              // default: the three tracks
  // A file on a filesystem every shard of the run sees: rate-limit pauses then hold across
  // processes and nodes, not only between this batch's workers (rate_gate.h). Empty: per process.
  std::string rateFile;
  std::function<void(const std::string&)> onWarning;  // problems with the rate file; default stderr
};

// Which prompts a new run covers and how.
struct RunSelection {
  std::optional<std::string> category;
  int limit = 0;                   // 0: all (taken before the shard split, so shards partition the same set)
  std::vector<int64_t> promptIds;  // explicit set (overrides category and limit)
  int shardIndex = 0, shardCount = 1;
  std::string name;                // same name = same run: resumes it, and shards of it merge into one
  std::string label;
  nlohmann::json settings = nlohmann::json::object();  // RunSettings JSON
  std::optional<double> budgetUsd;
  std::optional<int64_t> experimentId, variantId;
};

struct BatchProgress {
  int total = 0;      // items of the run
  int finished = 0;   // succeeded + failed, including earlier sessions
  int succeeded = 0, failed = 0, approved = 0, queued = 0;
  int running = 0;
  double spentUsd = 0;  // the run's spend, including earlier sessions
  double elapsedSeconds = 0;
  std::optional<double> etaSeconds;  // after the first item of this session
  std::string lastPrompt;
  std::string lastOutcome;  // "approved (9.2)", "review: score 6.0 below 8", "failed: …"

  std::string describe() const;  // "12/40 done (10 ok, 2 failed, 8 approved), $0.42, ETA 3m10s"
};

struct BatchReport {
  int64_t runId = 0;
  int itemsStarted = 0, itemsFinished = 0;
  std::string stopReason;  // empty: every item finished; "budget", "cancelled", "error: …"
  store::RunProgress progress;
  double wallSeconds = 0;
  double generationsPerMinute = 0;
  double avgGenerationSeconds = 0;
  double avgOverheadMs = 0;  // pipeline time neither in models nor in the kernel
  double rateLimitWaitSeconds = 0;
  int rateLimitPauses = 0;
  int rateLimitSharedWaits = 0;  // waits another shard's pause (the rate file) made longer
  nlohmann::json toJson() const;
};

// Creates the run for `selection` or, when a run of that name exists, returns it (resume).
int64_t createOrResumeRun(store::Store& store, const RunSelection& selection);
// A stable uuid for a run name ("nightly-2024-06-01" → the same uuid on every machine).
std::string namedRunUuid(const std::string& name);

class BatchRunner {
 public:
  explicit BatchRunner(BatchEnvironment environment);

  struct Options {
    int parallel = 1;
    std::optional<double> budgetUsd;  // default: the run's budget
    std::function<void(const BatchProgress&)> onProgress;  // thread-safe calls, one at a time
  };
  // Runs the run's unfinished items; returns when all finished, the budget stops it or
  // cancel() was called. Items interrupted by a cancel stay "running" and are redone next time.
  BatchReport run(int64_t runId, const Options& options);
  // From any thread.
  void cancel();
  const BatchEnvironment& environment() const { return m_env; }

 private:
  struct Shared;
  void work(Shared& shared);

  BatchEnvironment m_env;
  std::atomic<bool> m_cancelled{false};
  std::mutex m_activeMutex;
  std::vector<agent::Pipeline*> m_active;
  std::shared_ptr<RateGate> m_gate;
};

}  // namespace partsmith::workbench
