#include "agent/research_stage.h"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

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

std::vector<FewShotExample> ResearchStage::retrieve(const std::string& request, const std::vector<std::string>& techniques,
                                                    int count, StageMetrics* metrics) {
  const auto start = std::chrono::steady_clock::now();
  count = std::clamp(count, 0, 12);
  std::vector<FewShotExample> out;
  if (count == 0) return out;
  std::string query = request;
  for (const auto& t : techniques) query += " " + t;

  std::map<int64_t, FewShotExample> candidates;
  store::LibraryFilter filter;
  filter.limit = std::max(30, count * 5);
  const auto hits = m_library.search(query, filter);
  // bm25 is lower-is-better and unbounded: map rank order to 1 .. 0 for blending.
  for (size_t i = 0; i < hits.size(); ++i) {
    const auto& e = hits[i].example;
    FewShotExample f{e.id, e.title, e.prompt, e.code, e.category, e.techniques, 0, 0};
    f.techniqueOverlap = techniqueOverlap(techniques, e.techniques);
    const double textScore = 1.0 - static_cast<double>(i) / static_cast<double>(hits.size());
    f.relevance = 0.6 * textScore + 0.4 * f.techniqueOverlap;
    candidates[e.id] = f;
  }
  if (static_cast<int>(candidates.size()) < count && !techniques.empty()) {
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
