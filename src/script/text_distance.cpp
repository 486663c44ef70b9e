#include "script/text_distance.h"

#include <algorithm>
#include <cctype>

namespace partsmith::script {

int editDistance(const std::string& a, const std::string& b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = int(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = int(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string> closestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  int limit = std::clamp(int(word.size()) / 3, 1, 3);
  std::optional<std::string> best;
  int bestDistance = limit + 1;
  for (const auto& c : candidates) {
    int d = editDistance(word, c);
    // A candidate that merely extends the word ("center" -> "centered") is a good guess too.
    bool prefix = word.size() >= 3 && c.size() > word.size() && editDistance(word, c.substr(0, word.size())) == 0;
    if (prefix) d = std::min(d, limit);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace partsmith::script
