// The review queue: workbench results that were not auto-approved (library candidates from
// batch runs), with why; a reviewer approves one into the library or rejects it with a reason.
// Used by `workbench review` and the workbench window.
//
// A reviewer may also fix a queued result by hand (review_reviser.h): the edited code is run
// and scored as a new generation (origin workbench, parent: the batch's generation, settings
// {"review_revision": {"example_id": ...}}), and revise() puts its code, score and the
// re-applied approval rule on the queued example, which stays in the queue for the decision.
// The example keeps pointing at the batch's generation (source_generation_id), so the run's
// statistics and shard merges still find it; the newest revision is found through its parent.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace partsmith::store {
class Store;
}

namespace partsmith::workbench {

struct ReviewItem {
  int64_t exampleId = 0;
  int64_t generationId = 0;  // whose code and scores these are: the newest revision, else the batch's
  int64_t sourceGenerationId = 0;  // the batch's generation
  int revisions = 0;               // review edits stored for it
  std::string prompt;
  std::string category;
  int complexity = 0;
  std::optional<double> score;
  std::string reason;  // why it was not auto-approved (after a revision: the approval rule's verdict on it)
  std::string code;
  nlohmann::json spec;
  nlohmann::json scores = nlohmann::json::array();  // per track
  int64_t createdMs = 0;
  nlohmann::json toJson(bool withCode = false) const;
};

class ReviewQueue {
 public:
  explicit ReviewQueue(store::Store& store) : m_store(store) {}

  std::vector<ReviewItem> list(const std::optional<std::string>& category = std::nullopt, int limit = 100);
  int size();
  ReviewItem get(int64_t exampleId);
  // Both throw a StoreError when the example is not in the queue (unknown, or decided already).
  void approve(int64_t exampleId, const std::string& note = {});
  void reject(int64_t exampleId, const std::string& reason);
  // Puts a stored revision on the queued example: its code and composite score, and `note` (the
  // approval rule re-applied to it) as the reason. `revisionGenerationId` must be a finished
  // revision of this example (see above). Throws a StoreError otherwise, or when the example
  // is not in the queue.
  void revise(int64_t exampleId, int64_t revisionGenerationId, const std::string& code, std::optional<double> score,
              const std::string& note);
  // The settings JSON that marks a generation as a revision of `exampleId`.
  static nlohmann::json revisionMarker(int64_t exampleId);

 private:
  store::Store& m_store;
};

}  // namespace partsmith::workbench
