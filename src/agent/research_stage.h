// Research: the request and the spec's techniques retrieve approved library examples (SQLite
// FTS5), re-ranked by technique overlap, as few-shot examples for the code model. The number
// of examples is a setting (0–12) so experiments can vary it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "agent/stage_metrics.h"

namespace partsmith::store {
class LibraryRepository;
}

namespace partsmith::agent {

struct FewShotExample {
  int64_t id = 0;
  std::string title;
  std::string prompt;
  std::string code;
  std::string category;
  std::vector<std::string> techniques;
  double relevance = 0;      // higher is better
  double techniqueOverlap = 0;  // 0–1
};

class ResearchStage {
 public:
  explicit ResearchStage(store::LibraryRepository& library) : m_library(library) {}

  // Up to `count` examples (0–12; clamped). Candidates come from FTS5 over request +
  // techniques; when fewer than `count` match, the rest of the approved library is ranked by
  // technique overlap alone.
  std::vector<FewShotExample> retrieve(const std::string& request, const std::vector<std::string>& techniques,
                                       int count, StageMetrics* metrics = nullptr);

  // For the prompt: each example's prompt and code in a fenced block.
  static std::string format(const std::vector<FewShotExample>& examples);

 private:
  store::LibraryRepository& m_library;
};

// Jaccard overlap of two technique lists after normalising ("boolean cut" ~ "cut", case,
// plurals).
double techniqueOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace partsmith::agent
