#include "evaluation/judge_call.h"

namespace partsmith::evaluation {

JudgeCall askJudge(const agent::StageModel& model, llm::ChatRequest& chat, const std::vector<std::string>& checklist,
                   bool allowMoreViews, const std::string& stage, agent::StageContext& ctx, agent::StageMetrics& metrics) {
  JudgeCall out;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (ctx.cancel.cancelled()) {
      out.cancelled = true;
      out.error = "cancelled";
      return out;
    }
    agent::LlmTurn turn = agent::callModel(model, chat, ctx, metrics, stage);
    ctx.recorder.message(stage, "assistant", turn.message.text(), model.model, &turn);
    if (turn.cancelled) {
      out.cancelled = true;
      out.error = "cancelled";
      return out;
    }
    if (!turn.ok()) {
      out.error = turn.errorText();
      return out;
    }
    out.judgement = parseJudgement(turn.message.text(), checklist, allowMoreViews, out.problems);
    chat.messages.push_back(turn.message.toMessage());
    if (out.judgement) {
      out.repaired = attempt > 0;
      return out;
    }
    if (attempt == 0) {
      std::string list;
      for (const auto& p : out.problems) list += "- " + p + "\n";
      const std::string repair =
          ctx.prompts.fill(ctx.prompts.section("evaluation.md", "judgement_repair"), {{"problems", list}});
      chat.messages.push_back(llm::Message::user(repair));
      ctx.recorder.message(stage, "user", repair);
      ctx.publish("warning", stage, "the " + stage + " model's reply was invalid; asking once more",
               {{"problems", out.problems}});
    }
  }
  out.error = "the " + stage + " model's reply was invalid twice: " + out.problems.front();
  return out;
}

}  // namespace partsmith::evaluation
