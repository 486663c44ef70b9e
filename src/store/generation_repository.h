// Generations: everything the pipeline did for one request — spec, the full agent transcript
// (messages, tool calls, tool results), per-stage model ids and usage, scores per evaluation
// track, the outcome — written as it happens so a crash loses nothing already shown.
//
// Usage accounting: appendStep() and addUsage() both add to the stage and generation totals;
// record each LLM call once, through one of them.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace partsmith::store {

class Database;

struct TokenUsage {
  int64_t input = 0;       // uncached input tokens
  int64_t cacheRead = 0;
  int64_t cacheWrite = 0;
  int64_t output = 0;
  double costUsd = 0;
  int64_t durationMs = 0;
};

// A version the person edited by hand is stored with its parent's request plus this suffix
// (or "Edited by hand" without a parent); the prompt it answers is the request without it.
inline constexpr const char* kHandEditSuffix = " (edited by hand)";
inline constexpr const char* kHandEditRequest = "Edited by hand";
inline std::string promptOfRequest(const std::string& request) {
  const std::string suffix = kHandEditSuffix;
  return request.size() > suffix.size() && request.compare(request.size() - suffix.size(), suffix.size(), suffix) == 0
             ? request.substr(0, request.size() - suffix.size())
             : request;
}

struct NewGeneration {
  std::optional<int64_t> conversationId;
  std::optional<int64_t> requestMessageId;
  std::optional<int64_t> parentGenerationId;  // a follow-up edits its parent's code
  std::string origin = "chat";                // chat, workbench, experiment, cli
  std::string request;
  nlohmann::json settings = nlohmann::json::object();  // switches, few-shot count, budgets
  nlohmann::json tools;                                 // tool definitions offered to the code model
  std::map<std::string, std::string> stageModels;       // stage → model id
};

struct GenerationStep {
  int64_t id = 0;
  int seq = 0;        // assigned on append
  std::string stage;  // spec, research, code, review, visual, refine, decompose
  std::string kind;   // message, tool_call, tool_result
  std::string role;   // system, user, assistant, tool
  std::optional<std::string> toolName;
  std::optional<std::string> toolCallId;
  std::string content;  // text, or JSON for tool arguments and results
  bool isError = false;
  std::optional<std::string> code;  // the script a run_code call ran
  std::optional<std::string> modelId;
  TokenUsage usage;
  int64_t createdMs = 0;
  // Written while the model's turn was still streaming; stays true when the turn never
  // completed (the generation was interrupted).
  bool partial = false;
};

struct StageRecord {
  std::string stage;
  std::string modelId;
  std::string provider;
  bool enabled = true;
  int calls = 0;
  TokenUsage usage;
};

struct TrackScore {
  std::string track;  // assertions, code_review, visual
  std::optional<double> score;  // 0–10; unset when the track did not run
  double weight = 1;
  std::optional<bool> passed;
  std::optional<std::string> modelId;
  nlohmann::json details = nlohmann::json::object();
};

struct GenerationOutcome {
  std::string status;  // succeeded, failed, cancelled, budget_exhausted
  std::optional<std::string> finalCode;
  nlohmann::json parameters;
  nlohmann::json facts;
  std::optional<std::string> error;
  std::optional<double> compositeScore;
  std::optional<int> steps;  // agent steps; default: the number of tool calls recorded
  std::optional<int64_t> durationMs;  // default: now − created
};

// Where a generation's wall time went.
struct GenerationTiming {
  double llmMs = 0;       // streaming model calls
  double kernelMs = 0;    // script runs, renders, exports
  double overheadMs = 0;  // the agent's own work: the rest
};

struct Generation {
  int64_t id = 0;
  std::string uuid;
  std::optional<int64_t> conversationId, requestMessageId, parentGenerationId;
  std::string origin, request;
  nlohmann::json spec, parameters, facts, settings, tools, stageModels;
  std::optional<std::string> finalCode, error;
  std::string status;  // as stored, or "interrupted": left running by a process that is gone
  std::optional<int64_t> interruptedMs;  // when the interruption was noticed (markInterrupted)
  int steps = 0;
  TokenUsage totals;
  std::optional<double> compositeScore;
  std::optional<GenerationTiming> timing;  // set by setTiming()
  int64_t createdMs = 0;
  std::optional<int64_t> finishedMs;
  std::vector<StageRecord> stages;
  std::vector<TrackScore> scores;
  std::vector<GenerationStep> transcript;  // filled when asked for
};

class GenerationRepository {
 public:
  explicit GenerationRepository(Database& db) : m_db(db) {}

  int64_t create(const NewGeneration& generation);
  void setSpec(int64_t id, const nlohmann::json& spec);
  int64_t appendStep(int64_t id, const GenerationStep& step);
  void addUsage(int64_t id, const std::string& stage, const std::string& modelId, const TokenUsage& usage,
                const std::string& provider = {});
  void setStage(int64_t id, const std::string& stage, const std::string& modelId, bool enabled,
                const std::string& provider = {});
  void setScore(int64_t id, const TrackScore& score);
  void finish(int64_t id, const GenerationOutcome& outcome);

  // A model turn recorded while it streams: appendPartialStep() writes it (partial), then
  // updatePartialStep() rewrites it as it grows; passing a step with partial == false completes
  // it, and only then are its usage and (for a tool call) the step count charged.
  void setTiming(int64_t id, const GenerationTiming& timing);
  // Runs `writes` (calls of this repository) as one transaction: one commit, one sync, instead
  // of one per call — for the records a pipeline step writes together.
  void atomically(const std::string& operation, const std::function<void()>& writes);

  int64_t appendPartialStep(int64_t id, GenerationStep step);
  void updatePartialStep(int64_t id, int64_t stepId, const GenerationStep& step);
  // Drops a partial step that did not survive (a retried stream's first attempt).
  void discardPartialStep(int64_t id, int64_t stepId);
  // Generations this host's processes left 'running' and that are not running any more (the
  // process is gone): their interruption is recorded; they read back with status
  // "interrupted". Returns how many were marked.
  int markInterrupted();

  Generation get(int64_t id, bool withTranscript = false);
  std::optional<Generation> findByUuid(const std::string& uuid, bool withTranscript = false);
  std::vector<GenerationStep> transcript(int64_t id);
  std::vector<Generation> listForConversation(int64_t conversationId);
  std::optional<Generation> latestForConversation(int64_t conversationId);

  static nlohmann::json toJson(const Generation& generation);

 private:
  void addToTotals(int64_t id, const std::string& stage, const std::string& modelId, const std::string& provider,
                   const TokenUsage& usage, int calls);
  Database& m_db;
};

}  // namespace partsmith::store
