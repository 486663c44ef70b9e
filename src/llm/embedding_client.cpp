#include "llm/embedding_client.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "llm/llm_provider.h"

namespace partsmith::llm {

EmbeddingClient::EmbeddingClient(std::shared_ptr<LlmProvider> provider, std::string model, std::string providerId,
                                 int batchSize)
    : m_provider(std::move(provider)),
      m_model(std::move(model)),
      m_providerId(std::move(providerId)),
      m_batchSize(std::max(1, batchSize)) {
  if (m_providerId.empty() && m_provider) m_providerId = m_provider->id();
}

bool EmbeddingClient::available(std::string* why) const {
  auto no = [&](const std::string& reason) {
    if (why) *why = reason;
    return false;
  };
  if (!m_provider) return no("no provider is assigned to the embedding stage");
  if (!m_provider->offersEmbeddings())
    return no(m_provider->displayName() + " has no embeddings endpoint");
  if (m_model.empty()) return no("no embedding model is set for " + m_provider->displayName());
  return true;
}

std::string EmbeddingClient::cacheKey() const { return m_providerId + "/" + m_model; }

EmbeddingBatch EmbeddingClient::embed(const std::vector<std::string>& texts, const std::string& inputType) const {
  std::string why;
  if (!available(&why)) throw std::runtime_error("embeddings are unavailable: " + why);
  EmbeddingBatch out;
  out.costUsd = 0.0;
  const auto start = std::chrono::steady_clock::now();
  for (size_t from = 0; from < texts.size(); from += static_cast<size_t>(m_batchSize)) {
    EmbeddingRequest request;
    request.model = m_model;
    request.inputType = inputType;
    const size_t to = std::min(texts.size(), from + static_cast<size_t>(m_batchSize));
    for (size_t i = from; i < to; ++i) request.inputs.push_back(texts[i].empty() ? std::string(" ") : texts[i]);
    EmbeddingResult r = m_provider->embed(request);
    ++out.requests;
    out.promptTokens += r.promptTokens;
    if (r.costUsd && out.costUsd)
      *out.costUsd += *r.costUsd;
    else
      out.costUsd.reset();
    for (auto& v : r.vectors) {
      normalize(v);
      out.vectors.push_back(std::move(v));
    }
  }
  out.elapsedMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return out;
}

void normalize(std::vector<float>& v) {
  double sum = 0;
  for (float x : v) sum += static_cast<double>(x) * x;
  if (sum <= 0) return;
  const double inv = 1.0 / std::sqrt(sum);
  for (float& x : v) x = static_cast<float>(x * inv);
}

double cosineSimilarity(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  double dot = 0, na = 0, nb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    dot += static_cast<double>(a[i]) * b[i];
    na += static_cast<double>(a[i]) * a[i];
    nb += static_cast<double>(b[i]) * b[i];
  }
  if (na <= 0 || nb <= 0) return 0;
  return dot / std::sqrt(na * nb);
}

}  // namespace partsmith::llm
