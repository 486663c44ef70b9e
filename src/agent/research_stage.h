// Research: the request and the spec's techniques retrieve approved library examples (SQLite
// FTS5), re-ranked by technique overlap and — when an embedding model is available — by
// embedding similarity, as few-shot examples for the code model. The number of examples is a
// setting (0–12) so experiments can vary it. Example vectors are cached in the library (per
// provider/model, dropped when the example's text changes); a provider without embeddings or a
// failing embeddings call falls back to text and techniques alone.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "agent/stage_metrics.h"

namespace partsmith::store {
class LibraryRepository;
}
namespace partsmith::llm {
class EmbeddingClient;
struct EmbeddingBatch;
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
  double similarity = 0;        // embedding cosine similarity to the query, 0 when not used
};

// What the embeddings did in the last retrieve().
struct EmbeddingUse {
  bool used = false;     // the ranking included embedding similarity
  std::string skipped;   // why not, when embeddings were wanted but could not be used
  int computed = 0;      // example vectors computed (and cached) now
  int cached = 0;        // example vectors read from the cache
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

  // Ranks by embedding similarity too (null: text and techniques only). `onCall` sees every
  // embeddings request (tokens, cost, time), for metrics and the record. After a failed call
  // the stage stops asking for the rest of its life (one generation) and says why.
  void setEmbeddings(std::shared_ptr<llm::EmbeddingClient> client,
                     std::function<void(const llm::EmbeddingBatch&)> onCall = {});
  const EmbeddingUse& lastEmbedding() const { return m_lastEmbedding; }

  // The text an example is embedded by: title, request and techniques.
  static std::string embeddingText(const std::string& title, const std::string& prompt,
                                   const std::vector<std::string>& techniques);

 private:
  // Similarity of every approved example to `query` (by example id); empty when unavailable.
  std::vector<std::pair<int64_t, double>> similarities(const std::string& query);

  store::LibraryRepository& m_library;
  std::shared_ptr<llm::EmbeddingClient> m_embeddings;
  std::function<void(const llm::EmbeddingBatch&)> m_onEmbeddingCall;
  std::string m_embeddingsFailed;
  EmbeddingUse m_lastEmbedding;
};

// Jaccard overlap of two technique lists after normalising ("boolean cut" ~ "cut", case,
// plurals).
double techniqueOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace partsmith::agent
