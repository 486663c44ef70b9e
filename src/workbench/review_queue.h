// The review queue: workbench results that were not auto-approved (library candidates from
// batch runs), with why; a reviewer approves one into the library or rejects it with a reason.
// Used by `workbench review` and the workbench window.
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
  int64_t generationId = 0;
  std::string prompt;
  std::string category;
  int complexity = 0;
  std::optional<double> score;
  std::string reason;  // why it was not auto-approved
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

 private:
  store::Store& m_store;
};

}  // namespace partsmith::workbench
