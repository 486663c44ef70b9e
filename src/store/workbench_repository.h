// The workbench's data: the prompt curriculum, experiments (a prompt set and variants that
// differ in one thing) and runs (batches of prompts through the pipeline, resumable, split
// into shards). Prompts are identified across databases by (category, text), runs and
// experiments by uuid, so shard databases can be merged.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace partsmith::store {

class Database;

struct WorkbenchPrompt {
  int64_t id = 0;
  std::string uuid;
  std::string text;
  std::string category;
  int complexity = 1;  // 1–10
  std::string source = "user";  // curriculum, user, imported
  bool archived = false;
  int64_t createdMs = 0;
  int64_t updatedMs = 0;
};

struct ExperimentVariant {
  int64_t id = 0;
  std::string label;
  nlohmann::json settings = nlohmann::json::object();  // what this variant changes
  int position = 0;
};

struct Experiment {
  int64_t id = 0;
  std::string uuid;
  std::string name;
  std::string description;
  std::string varies = "stage_model";  // stage_model, few_shot, switch, prompt, other
  nlohmann::json baseSettings = nlohmann::json::object();
  std::vector<ExperimentVariant> variants;
  std::vector<int64_t> promptIds;
  int64_t createdMs = 0;
};

struct Run {
  int64_t id = 0;
  std::string uuid;
  std::optional<int64_t> experimentId;
  std::optional<int64_t> variantId;
  std::string label;
  nlohmann::json settings = nlohmann::json::object();
  int shardIndex = 0;
  int shardCount = 1;
  std::optional<double> budgetUsd;
  std::string status = "pending";  // pending, running, paused, done, failed, cancelled
  std::optional<std::string> host;
  int64_t createdMs = 0;
  std::optional<int64_t> startedMs, finishedMs;
};

struct RunItem {
  int64_t id = 0;
  int64_t runId = 0;
  int64_t promptId = 0;
  std::optional<int64_t> generationId;
  std::string status;  // pending, running, succeeded, failed, skipped
  int attempts = 0;
  std::optional<bool> approved;
  std::optional<std::string> error;
};

struct RunProgress {
  int total = 0, pending = 0, running = 0, succeeded = 0, failed = 0, skipped = 0, approved = 0;
  double costUsd = 0;
};

class WorkbenchRepository {
 public:
  explicit WorkbenchRepository(Database& db) : m_db(db) {}

  // Adds a prompt, or returns the id of the identical one (same category and text).
  int64_t addPrompt(const std::string& text, const std::string& category, int complexity,
                    const std::string& source = "user");
  void updatePrompt(const WorkbenchPrompt& prompt);
  void archivePrompt(int64_t id, bool archived);
  WorkbenchPrompt prompt(int64_t id);
  std::vector<WorkbenchPrompt> prompts(const std::optional<std::string>& category = std::nullopt,
                                       bool includeArchived = false);

  int64_t createExperiment(const Experiment& experiment);  // with its variants and prompt set
  Experiment experiment(int64_t id);
  std::vector<Experiment> experiments();

  // Creates a run and its items: the prompts that fall into this shard (a stable hash of
  // category and text, so every machine splits the same set the same way).
  int64_t createRun(const Run& run, const std::vector<int64_t>& promptIds);
  Run run(int64_t id);
  std::vector<Run> runs(const std::optional<int64_t>& experimentId = std::nullopt);
  void setRunStatus(int64_t id, const std::string& status);
  // Items still to do: pending ones and ones left "running" by a crash.
  std::vector<RunItem> unfinishedItems(int64_t runId, int limit = 1000);
  void startItem(int64_t itemId);
  void finishItem(int64_t itemId, const std::string& status, std::optional<int64_t> generationId,
                  std::optional<bool> approved = std::nullopt, const std::optional<std::string>& error = std::nullopt);
  RunProgress progress(int64_t runId);

  static bool inShard(const std::string& category, const std::string& text, int shardIndex, int shardCount);

 private:
  Database& m_db;
};

}  // namespace partsmith::store
