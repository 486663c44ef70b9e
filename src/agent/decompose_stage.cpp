#include "agent/decompose_stage.h"

#include <chrono>

namespace partsmith::agent {

using nlohmann::json;

json DecomposeResult::planJson() const {
  json c = json::array();
  for (const auto& p : components) c.push_back({{"name", p.name}, {"description", p.description}});
  return {{"components", c}, {"assembly", assembly}};
}

DecomposeResult DecomposeStage::run(const std::string& request, const Spec& spec, const std::string& fewShot,
                                    StageContext& ctx, StageMetrics& plannerMetrics, StageMetrics& codeMetrics) {
  const auto start = std::chrono::steady_clock::now();
  DecomposeResult out;
  ctx.publish("stage_start", "decompose", "planning components (complexity " + std::to_string(spec.complexity) + ")");
  llm::ChatRequest chat;
  chat.model = m_planner.model;
  chat.system = ctx.prompts.file("system/decompose.md");
  chat.maxTokens = std::min(m_planner.maxTokens, 4096);
  const std::string task = ctx.prompts.message(
      "decompose_task",
      {{"request", request}, {"spec", spec.toMarkdown()}, {"max_components", std::to_string(m_settings.maxComponents)}});
  chat.messages.push_back(llm::Message::user(task));
  ctx.recorder.message("decompose", "user", task);
  LlmTurn turn = callModel(m_planner, chat, ctx, plannerMetrics, "decompose");
  ctx.recorder.message("decompose", "assistant", turn.message.text(), m_planner.model, &turn);
  plannerMetrics.wallMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!turn.ok()) {
    out.error = turn.errorText();
    return out;
  }
  std::string err;
  auto plan = extractJsonObject(turn.message.text(), &err);
  if (!plan || !plan->contains("components") || !(*plan)["components"].is_array() || (*plan)["components"].empty()) {
    out.error = plan ? "the plan has no components" : err;
    ctx.publish("warning", "decompose", "no usable plan (" + out.error + "); generating the part in one loop");
    return out;
  }
  for (const json& c : (*plan)["components"]) {
    if (!c.is_object() || !c.contains("name") || !c["name"].is_string()) continue;
    out.components.push_back({c["name"].get<std::string>(), c.value("description", std::string())});
    if (static_cast<int>(out.components.size()) >= m_settings.maxComponents) break;
  }
  out.assembly = plan->value("assembly", std::string());
  if (out.components.size() < 2) {
    out.error = "the plan has fewer than two components";
    ctx.publish("warning", "decompose", out.error + "; generating the part in one loop");
    return out;
  }
  out.planned = true;
  ctx.publish("info", "decompose", std::to_string(out.components.size()) + " components", out.planJson());

  std::string built;  // the finished components' code, for the assembly loop
  for (const auto& component : out.components) {
    if (ctx.cancel.cancelled() || !ctx.budget.exhausted().empty()) break;
    CodeLoopInput input;
    input.stage = "decompose";
    input.task = ctx.prompts.message("component_task", {{"request", request},
                                                        {"component", component.name},
                                                        {"description", component.description},
                                                        {"assembly", out.assembly},
                                                        {"examples", fewShot}});
    ctx.publish("stage_start", "decompose", "component: " + component.name);
    CodeLoopResult r = m_loop.run(input, ctx, codeMetrics);
    if (r.succeeded())
      built += "### Component \"" + component.name + "\" (" + component.description + ")\n```js\n" + r.code + "\n```\n\n";
    else
      built += "### Component \"" + component.name + "\": not finished (" + (r.error.empty() ? r.status : r.error) +
               ")\n" + (r.code.empty() ? std::string() : "```js\n" + r.code + "\n```\n") + "\n";
    out.componentResults.push_back(std::move(r));
  }
  CodeLoopInput assembly;
  assembly.stage = "decompose";
  assembly.spec = &spec;
  assembly.task = ctx.prompts.message("assembly_task", {{"request", request},
                                                        {"spec", spec.toMarkdown()},
                                                        {"assembly", out.assembly},
                                                        {"components", built}});
  ctx.publish("stage_start", "decompose", "assembling the components");
  out.final = m_loop.run(assembly, ctx, codeMetrics);
  return out;
}

}  // namespace partsmith::agent
