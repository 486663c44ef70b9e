// Fine-tuning data in the two LLaMA-Factory JSONL layouts:
//  - alpaca:   {"instruction", "input", "output"[, "system"]} — one prompt, one script;
//  - sharegpt: {"conversations": [{"from": "human"|"gpt"|"function_call"|"observation",
//               "value"}...][, "system"][, "tools"]} — the agent's turns with its tool calls
//               when the example came from a recorded generation.
// Records are the approved library examples plus repair traces (failed script, error, fixed
// script) mined from the transcripts of generations that ended with working code.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace partsmith::store {

class Database;

enum class TrainingFormat { Alpaca, ShareGpt };

struct TrainingExportOptions {
  TrainingFormat format = TrainingFormat::Alpaca;
  bool includeExamples = true;
  bool includeRepairs = true;
  std::string system;  // optional system prompt text put on every record
  std::optional<std::string> category;
};

struct TrainingExportReport {
  int examples = 0;
  int repairs = 0;
  int withToolCalls = 0;  // sharegpt records that carry the agent's tool calls
};

struct RepairTrace {
  int64_t generationId = 0;
  std::string request;
  std::string failedCode;
  std::string error;
  std::string fixedCode;
};

// Pairs every failed run_code in a transcript with the next run that worked. Generations the
// user rated down, or whose curation was rejected, are left out.
std::vector<RepairTrace> mineRepairTraces(Database& db);

TrainingExportReport exportTraining(Database& db, std::ostream& out, const TrainingExportOptions& options);

}  // namespace partsmith::store
