// Auto-approval: a generation that built, scored at or above the threshold and has no
// checklist item answered "no" goes into the example library as approved (the few-shot corpus
// grows); any other result with code goes to the review queue as a library candidate with the
// reason it was not approved.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "agent/pipeline.h"
#include "store/workbench_repository.h"

namespace partsmith::store {
class Store;
}

namespace partsmith::workbench {

struct ApprovalDecision {
  bool approved = false;
  std::string reason;  // why not approved (for the reviewer), or "score 9.1 ≥ 8, checklist passed"
};

ApprovalDecision decideApproval(const agent::GenerationResult& result, double threshold);

// Adds the result to the library (approved, or a candidate in the review queue). Returns the
// example id; nullopt when there is no code to review. A generation already in the library is
// left as it is.
std::optional<int64_t> curate(store::Store& store, const store::WorkbenchPrompt& prompt,
                              const agent::GenerationResult& result, const ApprovalDecision& decision);

}  // namespace partsmith::workbench
