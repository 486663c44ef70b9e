#include "agent/spec_stage.h"

#include <chrono>

namespace partsmith::agent {

using nlohmann::json;

SpecOutcome SpecStage::run(const std::string& request, const std::string& context, StageContext& ctx,
                           StageMetrics& metrics, const std::vector<llm::ImageData>& referenceImages) {
  const auto start = std::chrono::steady_clock::now();
  SpecOutcome out;
  out.spec = Spec::fallback(request);
  llm::ChatRequest chat;
  chat.model = m_model.model;
  chat.system = ctx.prompts.file("system/spec.md");
  chat.maxTokens = std::min(m_model.maxTokens, 4096);
  const std::string task = ctx.prompts.message(
      "spec_task", {{"request", request}, {"context", context}, {"schema", specSchema().dump(1)}});
  chat.messages.push_back(taskMessage(task, referenceImages, m_model, "spec", ctx));
  ctx.recorder.message("spec", "user", task);

  for (int attempt = 0; attempt < 2; ++attempt) {
    LlmTurn turn = callModel(m_model, chat, ctx, metrics, "spec");
    ctx.recorder.message("spec", "assistant", turn.message.text(), m_model.model, &turn);
    if (turn.cancelled) {
      out.cancelled = true;
      out.error = "cancelled";
      break;
    }
    if (!turn.ok()) {
      out.error = turn.errorText();
      break;
    }
    std::string parseError;
    auto parsed = extractJsonObject(turn.message.text(), &parseError);
    out.problems = parsed ? validateSpec(*parsed) : std::vector<std::string>{parseError};
    if (out.problems.empty()) {
      out.spec = Spec::fromJson(*parsed);
      out.fromModel = true;
      out.repaired = attempt > 0;
      break;
    }
    if (attempt == 0) {
      std::string list;
      for (const auto& p : out.problems) list += "- " + p + "\n";
      chat.messages.push_back(turn.message.toMessage());
      const std::string repair = ctx.prompts.message("spec_repair", {{"problems", list}});
      chat.messages.push_back(llm::Message::user(repair));
      ctx.recorder.message("spec", "user", repair);
      ctx.publish("warning", "spec", "the spec was invalid; asking once more", {{"problems", out.problems}});
    } else {
      out.error = "the spec model's reply was invalid twice: " + out.problems.front();
    }
  }
  metrics.wallMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace partsmith::agent
