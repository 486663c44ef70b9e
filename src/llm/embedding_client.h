// Embeddings for retrieval: one provider and model, inputs sent in batches, vectors
// L2-normalised so a dot product is the cosine similarity. Providers without an embeddings
// endpoint (Anthropic) are reported as unavailable before any request is made.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace partsmith::llm {

class LlmProvider;

struct EmbeddingBatch {
  std::vector<std::vector<float>> vectors;  // in input order, unit length
  int64_t promptTokens = 0;
  std::optional<double> costUsd;  // nullopt when some batch had no known price
  double elapsedMs = 0;
  int requests = 0;
};

class EmbeddingClient {
 public:
  EmbeddingClient(std::shared_ptr<LlmProvider> provider, std::string model, std::string providerId = {},
                  int batchSize = 64);

  // Whether embeddings can be asked for; `why` says why not, in the user's terms.
  bool available(std::string* why = nullptr) const;
  const std::string& model() const { return m_model; }
  // What a cached vector is keyed by: "provider/model" (vectors of different models never mix).
  std::string cacheKey() const;

  // Throws LlmException (network, authentication, a model that does not embed…) and
  // std::runtime_error when the provider offers no embeddings.
  EmbeddingBatch embed(const std::vector<std::string>& texts, const std::string& inputType = {}) const;

 private:
  std::shared_ptr<LlmProvider> m_provider;
  std::string m_model;
  std::string m_providerId;
  int m_batchSize;
};

// Cosine similarity of two vectors (0 when either is empty or their sizes differ).
double cosineSimilarity(const std::vector<float>& a, const std::vector<float>& b);
void normalize(std::vector<float>& v);

}  // namespace partsmith::llm
