#include "store/training_export.h"

#include <ostream>

#include <nlohmann/json.hpp>

#include "store/database.h"
#include "store/generation_repository.h"

namespace partsmith::store {
using json = nlohmann::json;

namespace {

bool isRunCode(const GenerationStep& s) { return s.toolName && *s.toolName == "run_code"; }

// The script a run_code call executed: recorded on the call (or its result), else a "code"
// argument of the call.
std::optional<std::string> codeOf(const GenerationStep& call, const GenerationStep* result) {
  if (call.code) return call.code;
  if (result && result->code) return result->code;
  json args = json::parse(call.content, nullptr, false);
  if (args.is_object() && args.contains("code") && args["code"].is_string()) return args["code"].get<std::string>();
  return std::nullopt;
}

const GenerationStep* resultFor(const std::vector<GenerationStep>& steps, size_t callIndex) {
  const GenerationStep& call = steps[callIndex];
  for (size_t j = callIndex + 1; j < steps.size(); ++j) {
    const GenerationStep& s = steps[j];
    if (s.kind != "tool_result") continue;
    if (!call.toolCallId || !s.toolCallId || *s.toolCallId == *call.toolCallId) return &s;
  }
  return nullptr;
}

// Library code keeps its `// @prompt:` … `// @expect:` header for the tests; a training target
// must not contain the prompt it answers, so those leading lines are dropped.
std::string withoutExampleHeader(const std::string& code) {
  size_t pos = 0;
  while (pos < code.size()) {
    size_t end = code.find('\n', pos);
    if (end == std::string::npos) end = code.size();
    size_t first = code.find_first_not_of(" \t", pos);
    if (first >= end || code.compare(first, 4, "// @") != 0) break;
    pos = end + 1;
  }
  return pos >= code.size() ? code : code.substr(pos);
}

std::string repairInput(const RepairTrace& r) {
  return "Script:\n```javascript\n" + r.failedCode + "\n```\n\nError:\n" + r.error;
}

void writeLine(std::ostream& out, const json& record) { out << record.dump(-1, ' ', false, json::error_handler_t::replace) << '\n'; }

// The agent's code-stage turns in LLaMA-Factory's order: human/observation on odd positions,
// gpt/function_call on even ones. Parallel calls and their results are grouped; text the
// model wrote before a call is dropped (it is not an answer).
json conversationFromTranscript(const std::string& prompt, const std::vector<GenerationStep>& steps,
                                const std::string& finalCode) {
  json turns = json::array({{{"from", "human"}, {"value", prompt}}});
  json pendingCalls = json::array(), pendingResults = json::array();
  auto flushCalls = [&] {
    if (pendingCalls.empty()) return;
    turns.push_back({{"from", "function_call"},
                     {"value", (pendingCalls.size() == 1 ? pendingCalls[0] : pendingCalls).dump()}});
    pendingCalls = json::array();
  };
  auto flushResults = [&] {
    if (pendingResults.empty()) return;
    turns.push_back({{"from", "observation"},
                     {"value", pendingResults.size() == 1 ? pendingResults[0].get<std::string>() : pendingResults.dump()}});
    pendingResults = json::array();
  };
  std::string lastText;
  for (const auto& s : steps) {
    if (s.stage != "code" && s.stage != "refine") continue;
    if (s.kind == "tool_call") {
      flushResults();
      json args = json::parse(s.content, nullptr, false);
      if (args.is_discarded()) args = s.content;
      pendingCalls.push_back({{"name", s.toolName.value_or("")}, {"arguments", args}});
    } else if (s.kind == "tool_result") {
      flushCalls();
      pendingResults.push_back(s.content);
    } else if (s.kind == "message" && s.role == "assistant") {
      lastText = s.content;
    }
  }
  flushCalls();
  flushResults();
  // A conversation ends with the model's answer: its last words, or the script itself.
  if (turns.back()["from"] == "function_call") turns.push_back({{"from", "observation"}, {"value", ""}});
  turns.push_back({{"from", "gpt"}, {"value", lastText.empty() ? finalCode : lastText}});
  return turns;
}

}  // namespace

std::vector<RepairTrace> mineRepairTraces(Database& db) {
  std::vector<RepairTrace> traces;
  Statement gens(db,
                 "SELECT g.id, g.request FROM generations g LEFT JOIN ratings r ON r.generation_id = g.id "
                 "WHERE g.status = 'succeeded' AND coalesce(r.thumbs, 0) >= 0 "
                 "AND NOT EXISTS (SELECT 1 FROM library_examples l WHERE l.source_generation_id = g.id "
                 "AND l.status = 'rejected') "
                 "AND EXISTS (SELECT 1 FROM generation_steps s WHERE s.generation_id = g.id AND s.is_error = 1 "
                 "AND s.kind = 'tool_result') ORDER BY g.id");
  GenerationRepository repo(db);
  std::vector<std::pair<int64_t, std::string>> ids;
  while (gens.step()) ids.emplace_back(gens.getInt(0), gens.getText(1));
  for (const auto& [id, request] : ids) {
    std::vector<GenerationStep> steps = repo.transcript(id);
    struct Failure {
      std::string code, error;
    };
    std::vector<Failure> failures;
    for (size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].kind != "tool_call" || !isRunCode(steps[i])) continue;
      const GenerationStep* result = resultFor(steps, i);
      if (!result) continue;
      auto code = codeOf(steps[i], result);
      if (!code) continue;
      if (result->isError) {
        if (failures.empty() || failures.back().code != *code) failures.push_back({*code, result->content});
      } else {
        for (const auto& f : failures)
          if (f.code != *code) traces.push_back({id, request, f.code, f.error, *code});
        failures.clear();
      }
    }
  }
  return traces;
}

TrainingExportReport exportTraining(Database& db, std::ostream& out, const TrainingExportOptions& options) {
  TrainingExportReport report;
  const bool alpaca = options.format == TrainingFormat::Alpaca;
  auto withSystem = [&](json record) {
    if (!options.system.empty()) record["system"] = options.system;
    return record;
  };
  if (options.includeExamples) {
    std::string sql =
        "SELECT l.prompt, l.code, l.source_generation_id, g.tools FROM library_examples l "
        "LEFT JOIN generations g ON g.id = l.source_generation_id WHERE l.status = 'approved'";
    if (options.category) sql += " AND l.category = ?";
    sql += " ORDER BY l.complexity, l.id";
    Statement st(db, sql);
    if (options.category) st.bind(1, *options.category);
    struct Row {
      std::string prompt, code;
      std::optional<int64_t> generationId;
      std::optional<std::string> tools;
    };
    std::vector<Row> rows;
    while (st.step())
      rows.push_back({st.getText(0), withoutExampleHeader(st.getText(1)), st.getOptInt(2), st.getOptText(3)});
    GenerationRepository repo(db);
    for (const auto& row : rows) {
      if (alpaca) {
        writeLine(out, withSystem({{"instruction", row.prompt}, {"input", ""}, {"output", row.code}}));
      } else {
        json record;
        std::vector<GenerationStep> steps;
        if (row.generationId) steps = repo.transcript(*row.generationId);
        bool hasCalls = false;
        for (const auto& s : steps) hasCalls = hasCalls || s.kind == "tool_call";
        if (hasCalls) {
          record["conversations"] = conversationFromTranscript(row.prompt, steps, row.code);
          if (row.tools) record["tools"] = *row.tools;
          ++report.withToolCalls;
        } else {
          record["conversations"] = json::array(
              {{{"from", "human"}, {"value", row.prompt}}, {{"from", "gpt"}, {"value", row.code}}});
        }
        writeLine(out, withSystem(record));
      }
      ++report.examples;
    }
  }
  if (options.includeRepairs) {
    for (const auto& r : mineRepairTraces(db)) {
      if (alpaca) {
        writeLine(out, withSystem({{"instruction", r.request}, {"input", repairInput(r)}, {"output", r.fixedCode}}));
      } else {
        writeLine(out, withSystem({{"conversations",
                                    json::array({{{"from", "human"}, {"value", r.request + "\n\n" + repairInput(r)}},
                                                 {{"from", "gpt"}, {"value", r.fixedCode}}})}}));
      }
      ++report.repairs;
    }
  }
  return report;
}

}  // namespace partsmith::store
