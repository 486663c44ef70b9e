#include "workbench/approval.h"

#include "agent/evaluator.h"
#include "store/database.h"
#include "store/store.h"

namespace partsmith::workbench {

ApprovalDecision decideApproval(const agent::GenerationResult& r, double threshold) {
  ApprovalDecision d;
  if (r.status != "succeeded") {
    d.reason = "the generation " + (r.status == "budget_exhausted" ? std::string("ran out of budget") : r.status) +
               (r.error.empty() ? "" : ": " + r.error);
    return d;
  }
  if (!r.evaluation) {
    d.reason = "not evaluated (evaluation is off)";
    return d;
  }
  const agent::Evaluation& e = *r.evaluation;
  if (!e.built) {
    d.reason = "the part did not build";
    return d;
  }
  for (const auto& a : e.checklist)
    if (a.answer == "no") {
      d.reason = "checklist: \"" + a.item + "\" answered no" + (a.note.empty() ? "" : " (" + a.note + ")");
      return d;
    }
  if (e.composite < threshold) {
    d.reason = "score " + agent::formatScore(e.composite) + " is below the approval threshold " +
               agent::formatScore(threshold);
    return d;
  }
  d.approved = true;
  d.reason = "score " + agent::formatScore(e.composite) + " ≥ " + agent::formatScore(threshold) + ", checklist passed";
  return d;
}

std::optional<int64_t> curate(store::Store& store, const store::WorkbenchPrompt& prompt,
                              const agent::GenerationResult& r, const ApprovalDecision& decision) {
  if (r.code.empty() || r.generationId <= 0) return std::nullopt;
  {
    store::Statement existing(store.db(), "SELECT id FROM library_examples WHERE source_generation_id = ?");
    existing.bind(1, r.generationId);
    if (existing.step()) return existing.getInt(0);
  }
  store::LibraryExample ex;
  ex.title = prompt.text;
  if (ex.title.size() > 60) {
    size_t n = 57;  // cut at a character boundary, not inside a UTF-8 sequence
    while (n > 0 && (static_cast<unsigned char>(ex.title[n]) & 0xC0) == 0x80) --n;
    ex.title = ex.title.substr(0, n) + "…";
  }
  ex.prompt = prompt.text;
  ex.code = r.code;
  ex.category = prompt.category;
  ex.complexity = prompt.complexity;
  ex.techniques = r.spec.techniques;
  ex.tags = {"workbench"};
  ex.source = "workbench";
  ex.status = decision.approved ? "approved" : "candidate";
  ex.sourceGenerationId = r.generationId;
  if (r.evaluation) ex.score = r.evaluation->composite;
  ex.reviewNote = decision.reason;
  return store.library().add(ex);
}

}  // namespace partsmith::workbench
