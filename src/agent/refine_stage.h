// Refine: when the evaluation is below the threshold or a checklist item failed, the critique
// goes back into the code tool loop (which starts from the current code and edits it), for a
// bounded number of rounds; a verification pass then asks a model whether each critique item
// was addressed, and what was not carries over into the next round.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/code_tool_loop.h"
#include "agent/evaluator.h"
#include "agent/stage_context.h"
#include "agent/stage_model.h"

namespace partsmith::agent {

struct RefineSettings {
  bool enabled = true;
  double threshold = 7.0;  // composite score below which a round runs
  int maxRounds = 2;
  bool verify = true;      // the verification pass
};

struct VerificationItem {
  std::string critique;
  std::string addressed;  // yes, partly, no
  std::string note;
  nlohmann::json toJson() const { return {{"critique", critique}, {"addressed", addressed}, {"note", note}}; }
};

struct Verification {
  bool ran = false;
  std::vector<VerificationItem> items;
  std::string error;
  std::vector<std::string> unaddressed() const;
  nlohmann::json toJson() const;
};

class RefineStage {
 public:
  RefineStage(CodeToolLoop& loop, StageModel verifyModel, RefineSettings settings)
      : m_loop(loop), m_verifyModel(std::move(verifyModel)), m_settings(settings) {}

  const RefineSettings& settings() const { return m_settings; }
  bool wanted(const Evaluation& evaluation) const {
    return m_settings.enabled && !evaluation.passes(m_settings.threshold);
  }
  // The critique to act on: the evaluation's, plus items an earlier verification found open.
  static std::vector<std::string> critiqueFor(const Evaluation& evaluation, const Verification* previous);

  // One round: the tool loop (stage "refine") from `code` with the critique.
  CodeLoopResult round(int number, const std::string& request, const Spec& spec, const std::string& code,
                       const std::vector<std::string>& critique, double score, StageContext& ctx,
                       StageMetrics& metrics);
  // The verification pass (stage "verify"): was each critique item addressed by the new code?
  Verification verify(const std::vector<std::string>& critique, const std::string& oldCode, const std::string& newCode,
                      const nlohmann::json& newRun, const Spec& spec, StageContext& ctx, StageMetrics& metrics);

 private:
  CodeToolLoop& m_loop;
  StageModel m_verifyModel;
  RefineSettings m_settings;
};

}  // namespace partsmith::agent
