// The code model's tool loop: it edits one script through tools (write_code, edit_code,
// run_code, render_views, search_examples, api_reference, finish) and sees every result, so
// the loop is also the fix loop. It ends on finish after a successful run, on the step, time
// or cost budget, on cancellation, or when the model cannot be reached. Tool errors, malformed
// arguments and unknown tools are answered as tool errors, never thrown.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/code_workspace.h"
#include "agent/kernel_runner.h"
#include "agent/spec.h"
#include "agent/stage_context.h"
#include "agent/stage_metrics.h"
#include "agent/stage_model.h"
#include "llm/llm_types.h"

namespace partsmith::agent {

class ResearchStage;

struct CodeLoopSettings {
  bool renderViews = true;  // offer render_views (only to vision-capable models)
  int renderWidth = 512;
  int renderHeight = 384;
  int runTimeoutMs = 30000;
  int searchExamples = 2;  // examples per search_examples call (max 4)
};

struct CodeLoopInput {
  std::string stage = "code";  // the stage name recorded (code, refine, decompose)
  std::string task;            // the first user message (request, spec, examples, code, critique)
  std::string existingCode;    // a follow-up or refine round starts from this code
  const Spec* spec = nullptr;  // assertions shown after every run
  std::vector<llm::ImageData> referenceImages;  // sent with the task to a vision-capable model
};

struct CodeLoopResult {
  // finished, budget_exhausted, cancelled, model_error, no_code
  std::string status;
  std::string budget;  // steps, time or cost when status is budget_exhausted
  std::string code;
  bool codeRan = false;  // `lastRun` describes `code`
  KernelRun lastRun;
  std::string summary;  // finish's summary for the user
  std::string error;    // model_error, budget or cancel text
  int steps = 0;        // model turns of this loop
  int toolCalls = 0;
  int toolErrors = 0;
  bool succeeded() const { return codeRan && lastRun.ok(); }
};

class CodeToolLoop {
 public:
  CodeToolLoop(StageModel model, KernelRunner& kernel, ResearchStage* research, CodeLoopSettings settings = {});

  CodeLoopResult run(const CodeLoopInput& input, StageContext& ctx, StageMetrics& metrics);

  // The tool definitions offered (descriptions from prompts/tools.md).
  std::vector<llm::ToolDefinition> tools(PromptLibrary& prompts) const;
  // The stable system prompt: prompts/system/code.md and the always-sent reference.
  static std::string systemPrompt(PromptLibrary& prompts);

 private:
  struct ToolOutcome {
    std::vector<llm::ContentBlock> content;
    bool isError = false;
    bool finished = false;
    std::string summary;
    std::optional<std::string> code;  // recorded with run results
    std::string recordText;           // what the store keeps (images replaced by their file paths)
  };
  ToolOutcome execute(const llm::ToolCall& call, CodeWorkspace& workspace, const CodeLoopInput& input,
                      StageContext& ctx, StageMetrics& metrics, CodeLoopResult& result);
  ToolOutcome runCode(CodeWorkspace& workspace, const CodeLoopInput& input, StageContext& ctx, StageMetrics& metrics,
                      CodeLoopResult& result);
  ToolOutcome renderViews(const nlohmann::json& args, CodeWorkspace& workspace, StageContext& ctx,
                          StageMetrics& metrics, CodeLoopResult& result);

  StageModel m_model;
  KernelRunner& m_kernel;
  ResearchStage* m_research;
  CodeLoopSettings m_settings;
  int m_lastRunRevision = -1;
};

// The parts of a run reply a model needs: ok, errors (line, hint), parameters, facts (compact),
// assertion results, log, timing. Shared with the refine stage's prompts.
nlohmann::json summarizeRun(const nlohmann::json& reply, const Spec* spec);

}  // namespace partsmith::agent
