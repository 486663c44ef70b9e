#include "agent/refine_stage.h"

#include <algorithm>
#include <cctype>
#include <chrono>

namespace partsmith::agent {

using nlohmann::json;

std::vector<std::string> Verification::unaddressed() const {
  std::vector<std::string> out;
  for (const auto& i : items)
    if (i.addressed != "yes") out.push_back(i.critique + (i.note.empty() ? "" : " (still open: " + i.note + ")"));
  return out;
}

json Verification::toJson() const {
  json a = json::array();
  for (const auto& i : items) a.push_back(i.toJson());
  return {{"ran", ran}, {"items", a}, {"error", error}};
}

std::vector<std::string> RefineStage::critiqueFor(const Evaluation& evaluation, const Verification* previous) {
  std::vector<std::string> critique = evaluation.critique;
  // One line per failed checklist item, however many tracks said no: their notes are joined.
  struct Failed {
    std::string item;
    std::vector<std::string> notes;
  };
  std::vector<Failed> failed;
  auto key = [](const std::string& s) {
    std::string k;
    for (char c : s)
      if (!std::isspace(static_cast<unsigned char>(c))) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return k;
  };
  for (const auto& a : evaluation.checklist) {
    if (a.answer != "no") continue;
    auto it = std::find_if(failed.begin(), failed.end(), [&](const Failed& f) { return key(f.item) == key(a.item); });
    if (it == failed.end()) it = failed.insert(failed.end(), Failed{a.item, {}});
    const std::string note = a.note.empty() ? std::string() : (a.track.empty() ? "" : a.track + ": ") + a.note;
    if (!note.empty() && std::find(it->notes.begin(), it->notes.end(), note) == it->notes.end()) it->notes.push_back(note);
  }
  for (const auto& f : failed) {
    std::string line = "Checklist item not met: " + f.item;
    for (size_t i = 0; i < f.notes.size(); ++i) line += (i == 0 ? " — " : "; ") + f.notes[i];
    critique.push_back(line);
  }
  if (previous)
    for (const auto& open : previous->unaddressed()) {
      bool seen = false;
      for (const auto& c : critique) seen = seen || open.rfind(c, 0) == 0;
      if (!seen) critique.push_back(open);
    }
  return critique;
}

CodeLoopResult RefineStage::round(int number, const std::string& request, const Spec& spec, const std::string& code,
                                  const std::vector<std::string>& critique, double score, StageContext& ctx,
                                  StageMetrics& metrics) {
  std::string list;
  for (size_t i = 0; i < critique.size(); ++i) list += std::to_string(i + 1) + ". " + critique[i] + "\n";
  CodeLoopInput input;
  input.stage = "refine";
  input.existingCode = code;
  input.spec = &spec;
  input.task = ctx.prompts.message("refine_task", {{"request", request},
                                                   {"spec", spec.toMarkdown()},
                                                   {"code", code},
                                                   {"score", formatScore(score)},
                                                   {"round", std::to_string(number)},
                                                   {"critique", list}});
  ctx.publish("stage_start", "refine", "refine round " + std::to_string(number) + ": " + std::to_string(critique.size()) +
                                        " item(s) to fix");
  return m_loop.run(input, ctx, metrics);
}

Verification RefineStage::verify(const std::vector<std::string>& critique, const std::string& oldCode,
                                 const std::string& newCode, const json& newRun, const Spec& spec, StageContext& ctx,
                                 StageMetrics& metrics) {
  const auto start = std::chrono::steady_clock::now();
  Verification v;
  if (!m_settings.verify || !m_verifyModel.usable() || critique.empty()) return v;
  std::string list;
  for (size_t i = 0; i < critique.size(); ++i) list += std::to_string(i + 1) + ". " + critique[i] + "\n";
  llm::ChatRequest chat;
  chat.model = m_verifyModel.model;
  chat.system = ctx.prompts.file("system/verify.md");
  chat.maxTokens = std::min(m_verifyModel.maxTokens, 2048);
  const std::string task = ctx.prompts.message(
      "verify_task", {{"critique", list},
                      {"old_code", oldCode},
                      {"new_code", newCode},
                      {"run", summarizeRun(newRun, &spec).dump(1)}});
  chat.messages.push_back(llm::Message::user(task));
  ctx.recorder.message("verify", "user", task);
  ctx.publish("stage_start", "verify", "checking that each critique item was addressed");
  LlmTurn turn = callModel(m_verifyModel, chat, ctx, metrics, "verify");
  ctx.recorder.message("verify", "assistant", turn.message.text(), m_verifyModel.model, &turn);
  v.ran = true;
  if (!turn.ok()) {
    v.error = turn.errorText();
  } else {
    std::string err;
    auto parsed = extractJsonObject(turn.message.text(), &err);
    if (!parsed || !parsed->contains("items") || !(*parsed)["items"].is_array()) {
      v.error = parsed ? "the verification reply has no \"items\" array" : err;
    } else {
      size_t index = 0;
      for (const json& item : (*parsed)["items"]) {
        if (!item.is_object()) continue;
        VerificationItem vi;
        vi.critique = index < critique.size() ? critique[index] : item.value("critique", std::string());
        vi.addressed = item.value("addressed", std::string("no"));
        if (vi.addressed != "yes" && vi.addressed != "partly") vi.addressed = "no";
        vi.note = item.value("note", std::string());
        v.items.push_back(vi);
        ++index;
      }
      // Items the reply skipped count as not addressed.
      for (; index < critique.size(); ++index) v.items.push_back({critique[index], "no", "not answered by the verifier"});
    }
  }
  if (!v.error.empty()) ctx.publish("warning", "verify", "verification failed: " + v.error);
  else
    ctx.publish("info", "verify", std::to_string(v.items.size() - v.unaddressed().size()) + " of " +
                                   std::to_string(v.items.size()) + " critique item(s) addressed",
             v.toJson());
  metrics.wallMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return v;
}

}  // namespace partsmith::agent
