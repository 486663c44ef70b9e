#include "agent/code_tool_loop.h"

#include <algorithm>
#include <sstream>

#include "agent/assertion_checker.h"
#include "agent/research_stage.h"

namespace partsmith::agent {

using nlohmann::json;
using llm::ContentBlock;

namespace {

const std::vector<std::string> kToolNames{"write_code", "edit_code",     "run_code", "render_views",
                                          "search_examples", "api_reference", "finish"};

json schema(json properties, std::vector<std::string> required) {
  json s = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) s["required"] = required;
  return s;
}

std::string lineCount(const std::string& code) {
  const size_t n = code.empty() ? 0 : std::count(code.begin(), code.end(), '\n') + (code.back() == '\n' ? 0 : 1);
  return std::to_string(n) + (n == 1 ? " line" : " lines");
}

// A required string argument, or the error to answer with.
std::optional<std::string> stringArg(const json& args, const char* name, std::string& error, bool allowEmpty = false) {
  if (!args.is_object() || !args.contains(name)) {
    error = std::string("the argument \"") + name + "\" is missing";
    return std::nullopt;
  }
  if (!args[name].is_string()) {
    error = std::string("the argument \"") + name + "\" must be a string, not " + args[name].type_name();
    return std::nullopt;
  }
  std::string v = args[name].get<std::string>();
  if (v.empty() && !allowEmpty) {
    error = std::string("the argument \"") + name + "\" is empty";
    return std::nullopt;
  }
  return v;
}

std::string excerpt(const std::string& s, size_t max = 300) {
  return s.size() <= max ? s : s.substr(0, max) + "…";
}

}  // namespace

json summarizeRun(const json& reply, const Spec* spec) {
  json out = {{"ok", reply.value("ok", false)}};
  json errors = json::array();
  for (const json& e : reply.value("errors", json::array())) {
    json x = {{"kind", e.value("kind", "")}, {"message", e.value("message", "")}};
    if (e.value("line", 0) > 0) x["line"] = e["line"];
    if (e.value("column", 0) > 0) x["column"] = e["column"];
    if (!e.value("source", std::string()).empty()) x["source"] = e["source"];
    if (!e.value("hint", std::string()).empty()) x["hint"] = e["hint"];
    errors.push_back(x);
  }
  out["errors"] = errors;
  json params = json::array();
  for (const json& p : reply.value("parameters", json::array())) {
    json x = {{"name", p.value("name", "")}, {"value", p.contains("value") ? p["value"] : json(nullptr)}};
    for (const char* k : {"min", "max", "step", "options"})
      if (p.contains(k) && !p[k].is_null()) x[k] = p[k];
    params.push_back(x);
  }
  out["parameters"] = params;
  const json facts = reply.contains("facts") ? reply["facts"] : json(nullptr);
  if (facts.is_object()) {
    json f;
    if (facts.contains("bbox")) f["bbox"] = facts["bbox"];
    for (const char* k : {"volume", "area", "solids", "faces", "valid", "closed"})
      if (facts.contains(k)) f[k] = facts[k];
    json holes = json::array();
    for (const json& h : facts.value("holes", json::array())) {
      if (holes.size() >= 16) break;
      holes.push_back({{"diameter", h.value("diameter", 0.0)}, {"depth", h.value("depth", 0.0)},
                       {"through", h.value("through", false)}, {"axis", h.value("axis", json::array())},
                       {"position", h.value("position", json::array())}});
    }
    f["holes"] = holes;
    f["hole_count"] = facts.value("holes", json::array()).size();
    if (facts.contains("printability")) f["printability"] = facts["printability"];
    out["facts"] = f;
  }
  json parts = json::array();
  for (const json& p : reply.value("parts", json::array())) parts.push_back(p.value("name", ""));
  if (!parts.empty()) out["parts"] = parts;
  if (spec && !spec->assertions.empty()) {
    json a = json::array();
    for (const auto& r : checkAssertions(spec->assertions, facts)) a.push_back(r.toJson());
    out["assertions"] = a;
  }
  json log = reply.value("log", json::array());
  if (log.is_array() && log.size() > 20) log.erase(log.begin() + 20, log.end());
  if (!log.empty()) out["log"] = log;
  return out;
}

CodeToolLoop::CodeToolLoop(StageModel model, KernelRunner& kernel, ResearchStage* research, CodeLoopSettings settings)
    : m_model(std::move(model)), m_kernel(kernel), m_research(research), m_settings(settings) {}

std::string CodeToolLoop::systemPrompt(PromptLibrary& prompts) {
  return prompts.file("system/code.md") + "\n\n# Script language reference\n\n" + prompts.referenceCore();
}

std::vector<llm::ToolDefinition> CodeToolLoop::tools(PromptLibrary& prompts) const {
  std::vector<llm::ToolDefinition> t;
  auto add = [&](const std::string& name, json s) { t.push_back({name, prompts.section("tools.md", name), std::move(s)}); };
  add("write_code", schema({{"code", {{"type", "string"}, {"description", "the complete script"}}}}, {"code"}));
  add("edit_code", schema({{"old", {{"type", "string"}, {"description", "exact text to replace; must occur once"}}},
                           {"new", {{"type", "string"}, {"description", "the replacement"}}}},
                          {"old", "new"}));
  add("run_code", schema(json::object(), {}));
  if (m_settings.renderViews && m_model.vision)
    add("render_views",
        schema({{"views", {{"type", "array"},
                           {"items", {{"type", "string"},
                                      {"enum", {"iso", "iso2", "front", "back", "left", "right", "top", "bottom"}}}}}},
                {"width", {{"type", "integer"}}},
                {"height", {{"type", "integer"}}}},
               {}));
  add("search_examples", schema({{"query", {{"type", "string"}}}, {"count", {{"type", "integer"}}}}, {"query"}));
  add("api_reference", schema({{"section", {{"type", "string"}}}}, {"section"}));
  add("finish", schema({{"summary", {{"type", "string"}, {"description", "what was built, for the user"}}}},
                       {"summary"}));
  return t;
}

CodeLoopResult CodeToolLoop::run(const CodeLoopInput& input, StageContext& ctx, StageMetrics& metrics) {
  const auto start = std::chrono::steady_clock::now();
  CodeLoopResult result;
  CodeWorkspace workspace(input.existingCode);
  m_lastRunRevision = -1;

  llm::ChatRequest request;
  request.model = m_model.model;
  request.system = systemPrompt(ctx.prompts);
  request.tools = tools(ctx.prompts);
  request.maxTokens = m_model.maxTokens;
  request.messages.push_back(taskMessage(input.task, input.referenceImages, m_model, input.stage, ctx));
  ctx.recorder.message(input.stage, "user", input.task);
  metrics.ran = true;
  if (metrics.model.empty()) metrics.model = m_model.model;

  auto finishWith = [&](const std::string& status, const std::string& error = {}) {
    result.status = status;
    result.error = error;
    result.code = workspace.code();
    result.codeRan = m_lastRunRevision == workspace.revision() && !workspace.empty();
    metrics.wallMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
  };

  for (;;) {
    if (ctx.cancel.cancelled()) return finishWith("cancelled", "the generation was cancelled");
    const std::string exhausted = ctx.budget.exhausted();
    if (!exhausted.empty()) {
      result.budget = exhausted;
      ctx.publish("warning", input.stage, ctx.budget.describe(exhausted));
      return finishWith("budget_exhausted", ctx.budget.describe(exhausted));
    }
    ctx.publish("info", input.stage, "model turn " + std::to_string(result.steps + 1),
             {{"step", ctx.budget.steps() + 1}, {"model", m_model.model}});
    LlmTurn turn = callModel(m_model, request, ctx, metrics, input.stage);
    ctx.budget.addStep();
    ++result.steps;
    ++metrics.steps;
    ctx.recorder.assistantTurn(input.stage, m_model.model, turn);
    if (turn.cancelled) return finishWith("cancelled", "the generation was cancelled");
    if (!turn.ok()) {
      ctx.publish("error", input.stage, turn.errorText());
      return finishWith("model_error", turn.errorText());
    }
    request.messages.push_back(turn.message.toMessage());

    const auto& calls = turn.message.toolCalls;
    if (calls.empty()) {
      // The model answered in prose: keep it working through the tools.
      const bool cut = turn.message.finishReason == llm::FinishReason::MaxTokens;
      const std::string nudge = ctx.prompts.message(cut ? "reply_cut_off" : "use_tools");
      request.messages.push_back(llm::Message::user(nudge));
      ctx.recorder.message(input.stage, "user", nudge);
      continue;
    }

    const bool cutOff = turn.message.finishReason == llm::FinishReason::MaxTokens;
    llm::Message results;
    results.role = llm::Role::User;
    bool finished = false;
    for (const auto& call : calls) {
      ToolOutcome outcome;
      ++result.toolCalls;
      if (cutOff && !call.complete) {
        outcome.isError = true;
        outcome.recordText = ctx.prompts.message("tool_call_cut_off", {{"tool", call.name}});
        outcome.content = {ContentBlock::makeText(outcome.recordText)};
      } else {
        outcome = execute(call, workspace, input, ctx, metrics, result);
      }
      if (outcome.isError) ++result.toolErrors;
      ctx.recorder.toolResult(input.stage, call.id, call.name, outcome.recordText, outcome.isError, outcome.code);
      ctx.publish("tool_result", input.stage, call.name + (outcome.isError ? " failed" : " done"),
               {{"tool", call.name}, {"error", outcome.isError}, {"result", excerpt(outcome.recordText, 600)}});
      results.content.push_back(ContentBlock::makeToolResult(call.id, outcome.content, outcome.isError));
      if (outcome.finished) {
        finished = true;
        result.summary = outcome.summary;
      }
    }
    request.messages.push_back(std::move(results));
    if (finished) return finishWith("finished");
  }
}

CodeToolLoop::ToolOutcome CodeToolLoop::execute(const llm::ToolCall& call, CodeWorkspace& workspace,
                                                const CodeLoopInput& input, StageContext& ctx, StageMetrics& metrics,
                                                CodeLoopResult& result) {
  ToolOutcome o;
  auto fail = [&](const std::string& text) {
    o.isError = true;
    o.recordText = text;
    o.content = {ContentBlock::makeText(text)};
    return o;
  };
  auto ok = [&](const std::string& text) {
    o.recordText = text;
    o.content = {ContentBlock::makeText(text)};
    return o;
  };
  ctx.publish("tool_call", input.stage, call.name, {{"tool", call.name}, {"id", call.id}});
  if (std::find(kToolNames.begin(), kToolNames.end(), call.name) == kToolNames.end() ||
      (call.name == "render_views" && !(m_settings.renderViews && m_model.vision))) {
    std::string names;
    for (const auto& t : tools(ctx.prompts)) names += (names.empty() ? "" : ", ") + t.name;
    return fail(ctx.prompts.message("unknown_tool", {{"tool", call.name}, {"tools", names}}));
  }
  if (!call.argumentsValid)
    return fail(ctx.prompts.message("invalid_arguments", {{"tool", call.name}, {"raw", excerpt(call.rawArguments, 400)}}));
  const json& args = call.arguments.is_null() ? json::object() : call.arguments;
  if (!args.is_object())
    return fail(ctx.prompts.message("invalid_arguments", {{"tool", call.name}, {"raw", excerpt(args.dump(), 400)}}));
  std::string error;

  if (call.name == "write_code") {
    auto code = stringArg(args, "code", error);
    if (!code) return fail(error + ": write_code needs {\"code\": \"<the complete script>\"}");
    workspace.write(*code);
    return ok("Code written (" + lineCount(*code) + "). Run it with run_code.");
  }
  if (call.name == "edit_code") {
    auto oldText = stringArg(args, "old", error);
    if (!oldText) return fail(error + ": edit_code needs {\"old\": \"<exact text>\", \"new\": \"<replacement>\"}");
    auto newText = stringArg(args, "new", error, /*allowEmpty=*/true);
    if (!newText) return fail(error + ": edit_code needs {\"old\": \"<exact text>\", \"new\": \"<replacement>\"}");
    const std::string why = workspace.edit(*oldText, *newText);
    if (!why.empty()) return fail("edit_code failed: " + why);
    return ok("Edited: replaced " + lineCount(*oldText) + " with " + lineCount(*newText) +
              ". The script now has " + lineCount(workspace.code()) + ". Run it with run_code.");
  }
  if (call.name == "run_code") return runCode(workspace, input, ctx, metrics, result);
  if (call.name == "render_views") return renderViews(args, workspace, ctx, metrics, result);
  if (call.name == "search_examples") {
    auto query = stringArg(args, "query", error);
    if (!query) return fail(error + ": search_examples needs {\"query\": \"<what to look for>\"}");
    if (!m_research) return fail("the example library is not available in this session");
    int count = m_settings.searchExamples;
    if (args.contains("count") && args["count"].is_number_integer()) count = args["count"].get<int>();
    count = std::clamp(count, 1, 4);
    auto examples = m_research->retrieve(*query, {}, count);
    if (examples.empty()) return ok("No library example matches \"" + *query + "\". Try other words.");
    return ok(ResearchStage::format(examples));
  }
  if (call.name == "api_reference") {
    auto section = stringArg(args, "section", error);
    const auto& sections = ctx.prompts.referenceSections();
    std::string ids;
    for (const auto& s : sections) ids += (ids.empty() ? "" : ", ") + s.id;
    if (!section) return fail(error + ": api_reference needs {\"section\": \"<one of: " + ids + ">\"}");
    const auto* found = ctx.prompts.findReference(*section);
    if (!found) return fail("there is no reference section \"" + *section + "\"; the sections are: " + ids);
    return ok("## " + found->title + "\n\n" + found->body);
  }
  // finish
  auto summary = stringArg(args, "summary", error, /*allowEmpty=*/true);
  if (!summary) return fail(error + ": finish needs {\"summary\": \"<what was built>\"}");
  if (workspace.empty()) return fail("nothing to finish: there is no code yet; write it with write_code");
  if (m_lastRunRevision != workspace.revision()) {
    // The code changed since its last run: run it now rather than spend a turn asking.
    ToolOutcome run = runCode(workspace, input, ctx, metrics, result);
    if (run.isError) return fail("cannot finish: the current code does not run.\n" + run.recordText);
  } else if (!result.lastRun.ok()) {
    return fail("cannot finish: the last run of the current code failed; fix the errors first.");
  }
  o.finished = true;
  o.summary = *summary;
  return ok("Finished.");
}

CodeToolLoop::ToolOutcome CodeToolLoop::runCode(CodeWorkspace& workspace, const CodeLoopInput& input,
                                                StageContext& ctx, StageMetrics& metrics, CodeLoopResult& result) {
  ToolOutcome o;
  if (workspace.empty()) {
    o.isError = true;
    o.recordText = "there is no code to run yet: write it with write_code";
    o.content = {ContentBlock::makeText(o.recordText)};
    return o;
  }
  ctx.publish("run", input.stage, "running the script (" + lineCount(workspace.code()) + ")");
  KernelRun run = m_kernel.run(workspace.code(), ctx.cancel, m_settings.runTimeoutMs);
  metrics.kernelMs += run.elapsedMs;
  result.lastRun = run;
  m_lastRunRevision = workspace.revision();
  const json summary = summarizeRun(run.reply, input.spec);
  o.isError = !run.ok();
  o.code = workspace.code();
  o.recordText = summary.dump(1);
  o.content = {ContentBlock::makeText(summary.dump())};
  return o;
}

CodeToolLoop::ToolOutcome CodeToolLoop::renderViews(const json& args, CodeWorkspace& workspace, StageContext& ctx,
                                                    StageMetrics& metrics, CodeLoopResult& result) {
  ToolOutcome o;
  auto fail = [&](const std::string& text) {
    o.isError = true;
    o.recordText = text;
    o.content = {ContentBlock::makeText(text)};
    return o;
  };
  if (workspace.empty()) return fail("there is no code to render yet: write it with write_code");
  std::vector<std::string> views{"iso", "front", "top", "right"};
  if (args.contains("views")) {
    if (!args["views"].is_array() || args["views"].empty())
      return fail("\"views\" must be a non-empty array of view names (iso, iso2, front, back, left, right, top, bottom)");
    views.clear();
    for (const json& v : args["views"]) {
      if (!v.is_string()) return fail("every entry of \"views\" must be a view name");
      views.push_back(v.get<std::string>());
    }
    if (views.size() > 6) return fail("at most 6 views per call");
  }
  const int width = std::clamp(args.value("width", m_settings.renderWidth), 128, 1024);
  const int height = std::clamp(args.value("height", m_settings.renderHeight), 128, 1024);
  ctx.publish("run", "code", "rendering " + std::to_string(views.size()) + " view(s)");
  KernelRun run = m_kernel.render(workspace.code(), views, width, height, ctx.cancel);
  metrics.kernelMs += run.elapsedMs;
  json summary = summarizeRun(run.reply, nullptr);
  if (run.views.empty()) {
    // A script error, or a render failure (no display): say which.
    return fail("no views could be rendered.\n" + summary["errors"].dump(1));
  }
  const bool scriptOk = run.reply.value("parts", json::array()).size() > 0;
  if (scriptOk) {
    // The render job ran the current code: its facts are as good as a run_code.
    result.lastRun = run;
    m_lastRunRevision = workspace.revision();
  }
  o.code = workspace.code();
  std::string text = std::to_string(run.views.size()) + " view(s) of the current code, " + std::to_string(width) + "x" +
                     std::to_string(height) + " px:";
  std::string record = text;
  for (const auto& v : run.views) {
    text += " " + v.view;
    record += "\n" + v.view + ": " + v.path;
  }
  o.content.push_back(ContentBlock::makeText(text));
  for (const auto& v : run.views) {
    o.content.push_back(ContentBlock::makeText("View \"" + v.view + "\":"));
    o.content.push_back(ContentBlock::makeImage("image/png", v.pngBase64));
  }
  o.recordText = record;
  return o;
}

}  // namespace partsmith::agent
