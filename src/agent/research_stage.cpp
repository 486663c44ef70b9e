#include "agent/research_stage.h"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "llm/embedding_client.h"
#include "llm/llm_error.h"
#include "store/library_repository.h"

namespace partsmith::agent {

namespace {

// "Boolean cuts" -> {"boolean", "cut"}: techniques are compared word by word so "cut" and
// "boolean cut" overlap.
std::set<std::string> techniqueWords(const std::vector<std::string>& techniques) {
  static const std::set<std::string> stop{"a", "an", "the", "of", "and", "with", "on", "to", "operation", "operations"};
  std::set<std::string> words;
  for (const std::string& t : techniques) {
    std::string w;
    auto flush = [&] {
      if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();
      if (!w.empty() && !stop.count(w)) words.insert(w);
      w.clear();
    };
    for (char c : t) {
      if (std::isalnum(static_cast<unsigned char>(c)))
        w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      else
        flush();
    }
    flush();
  }
  return words;
}

}  // namespace

double techniqueOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const auto wa = techniqueWords(a), wb = techniqueWords(b);
  if (wa.empty() || wb.empty()) return 0;
  size_t common = 0;
  for (const auto& w : wa) common += wb.count(w);
  return static_cast<double>(common) / static_cast<double>(wa.size() + wb.size() - common);
}

void ResearchStage::setEmbeddings(std::shared_ptr<llm::EmbeddingClient> client,
                                  std::function<void(const llm::EmbeddingBatch&)> onCall) {
  m_embeddings = std::move(client);
  m_onEmbeddingCall = std::move(onCall);
  m_embeddingsFailed.clear();
}

std::string ResearchStage::embeddingText(const std::string& title, const std::string& prompt,
                                         const std::vector<std::string>& techniques) {
  std::string text = title + ". " + prompt;
  if (!techniques.empty()) {
    text += " Techniques:";
    for (size_t i = 0; i < techniques.size(); ++i) text += (i ? ", " : " ") + techniques[i];
  }
  return text;
}

std::vector<std::pair<int64_t, double>> ResearchStage::similarities(const std::string& query) {
  std::vector<std::pair<int64_t, double>> out;
  if (!m_embeddings) return out;
  std::string why;
  if (!m_embeddingsFailed.empty()) {
    m_lastEmbedding.skipped = m_embeddingsFailed;
    return out;
  }
  if (!m_embeddings->available(&why)) {
    m_lastEmbedding.skipped = why;
    return out;
  }
  auto call = [&](const std::vector<std::string>& texts, const std::string& inputType) {
    llm::EmbeddingBatch b = m_embeddings->embed(texts, inputType);
    if (m_onEmbeddingCall) m_onEmbeddingCall(b);
    return b;
  };
  try {
    const llm::EmbeddingBatch q = call({query}, "query");
    if (q.vectors.size() != 1 || q.vectors[0].empty()) throw std::runtime_error("the query's embedding is empty");
    const std::vector<float>& qv = q.vectors[0];
    store::LibraryFilter all;
    all.limit = 500;
    std::vector<store::LibraryExample> examples = m_library.list(all);
    const std::string key = m_embeddings->cacheKey();
    std::vector<size_t> missing;
    for (size_t i = 0; i < examples.size(); ++i) {
      const auto& e = examples[i];
      if (e.embeddingModel && *e.embeddingModel == key && e.embedding.size() == qv.size())
        ++m_lastEmbedding.cached;
      else
        missing.push_back(i);
    }
    if (!missing.empty()) {
      std::vector<std::string> texts;
      for (size_t i : missing) texts.push_back(embeddingText(examples[i].title, examples[i].prompt, examples[i].techniques));
      llm::EmbeddingBatch b = call(texts, "passage");
      if (b.vectors.size() != missing.size()) throw std::runtime_error("the provider returned too few embeddings");
      for (size_t k = 0; k < missing.size(); ++k) {
        auto& e = examples[missing[k]];
        e.embedding = std::move(b.vectors[k]);
        if (e.embedding.size() != qv.size())
          throw std::runtime_error("the example vectors and the query vector differ in size");
        try {
          m_library.setEmbedding(e.id, key, e.embedding);
        } catch (const std::exception&) {
          // The cache is an optimisation: a read-only or full database only costs a recompute.
        }
        ++m_lastEmbedding.computed;
      }
    }
    for (const auto& e : examples) out.emplace_back(e.id, llm::cosineSimilarity(qv, e.embedding));
    m_lastEmbedding.used = true;
  } catch (const llm::LlmException& e) {
    m_embeddingsFailed = e.error().userMessage();
  } catch (const std::exception& e) {
    m_embeddingsFailed = e.what();
  }
  if (!m_embeddingsFailed.empty()) {
    m_lastEmbedding.skipped = m_embeddingsFailed;
    out.clear();
  }
  return out;
}

std::vector<FewShotExample> ResearchStage::retrieve(const std::string& request, const std::vector<std::string>& techniques,
                                                    int count, StageMetrics* metrics) {
  const auto start = std::chrono::steady_clock::now();
  count = std::clamp(count, 0, 12);
  std::vector<FewShotExample> out;
  if (count == 0) return out;
  std::string query = request;
  for (const auto& t : techniques) query += " " + t;

  m_lastEmbedding = EmbeddingUse{};
  std::map<int64_t, FewShotExample> candidates;
  std::map<int64_t, double> textScores;
  store::LibraryFilter filter;
  filter.limit = std::max(30, count * 5);
  const auto hits = m_library.search(query, filter);
  // bm25 is lower-is-better and unbounded: map rank order to 1 .. 0 for blending.
  for (size_t i = 0; i < hits.size(); ++i) {
    const auto& e = hits[i].example;
    FewShotExample f{e.id, e.title, e.prompt, e.code, e.category, e.techniques, 0, 0};
    f.techniqueOverlap = techniqueOverlap(techniques, e.techniques);
    const double textScore = 1.0 - static_cast<double>(i) / static_cast<double>(hits.size());
    textScores[e.id] = textScore;
    f.relevance = 0.6 * textScore + 0.4 * f.techniqueOverlap;
    candidates[e.id] = f;
  }
  const auto similar = similarities(query);
  if (!similar.empty()) {
    // Every approved example competes: embeddings find the ones whose words differ.
    std::map<int64_t, double> sim(similar.begin(), similar.end());
    store::LibraryFilter all;
    all.limit = 500;
    for (const auto& e : m_library.list(all))
      if (!candidates.count(e.id))
        candidates[e.id] = FewShotExample{e.id, e.title, e.prompt, e.code, e.category, e.techniques, 0,
                                          techniqueOverlap(techniques, e.techniques)};
    for (auto& [id, f] : candidates) {
      f.similarity = sim.count(id) ? sim[id] : 0.0;
      const double text = textScores.count(id) ? textScores[id] : 0.0;
      f.relevance = 0.35 * text + 0.25 * f.techniqueOverlap + 0.4 * std::max(0.0, f.similarity);
    }
  } else if (static_cast<int>(candidates.size()) < count && !techniques.empty()) {
    store::LibraryFilter all;
    all.limit = 500;
    for (const auto& e : m_library.list(all)) {
      if (candidates.count(e.id)) continue;
      const double overlap = techniqueOverlap(techniques, e.techniques);
      if (overlap <= 0) continue;
      candidates[e.id] = FewShotExample{e.id, e.title, e.prompt, e.code, e.category, e.techniques, 0.4 * overlap, overlap};
    }
  }
  for (auto& [id, f] : candidates) out.push_back(std::move(f));
  std::stable_sort(out.begin(), out.end(), [](const FewShotExample& a, const FewShotExample& b) {
    if (a.relevance != b.relevance) return a.relevance > b.relevance;
    return a.id < b.id;
  });
  if (static_cast<int>(out.size()) > count) out.resize(count);
  if (metrics) {
    metrics->ran = true;
    metrics->wallMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  return out;
}

std::string ResearchStage::format(const std::vector<FewShotExample>& examples) {
  std::string s;
  int n = 0;
  for (const auto& e : examples) {
    s += "### Example " + std::to_string(++n) + ": " + e.title + "\n";
    s += "Request: " + e.prompt + "\n";
    if (!e.techniques.empty()) {
      s += "Techniques:";
      for (size_t i = 0; i < e.techniques.size(); ++i) s += (i ? ", " : " ") + e.techniques[i];
      s += "\n";
    }
    s += "```js\n" + e.code + (e.code.empty() || e.code.back() == '\n' ? "" : "\n") + "```\n\n";
  }
  return s;
}

}  // namespace partsmith::agent
