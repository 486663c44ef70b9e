#include "agent/code_workspace.h"

#include <algorithm>
#include <sstream>
#include <vector>

namespace partsmith::agent {

namespace {

std::string trimmed(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return {};
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

// Levenshtein distance, bounded work: lines are short.
size_t distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

void CodeWorkspace::write(std::string code) {
  m_code = std::move(code);
  ++m_revision;
}

std::string CodeWorkspace::edit(const std::string& oldText, const std::string& newText) {
  if (m_code.empty()) return "there is no code yet: use write_code first";
  if (oldText.empty()) return "\"old\" is empty: give the exact text to replace";
  size_t count = 0;
  size_t first = std::string::npos;
  for (size_t p = m_code.find(oldText); p != std::string::npos; p = m_code.find(oldText, p + 1)) {
    if (first == std::string::npos) first = p;
    ++count;
  }
  if (count > 1)
    return "\"old\" occurs " + std::to_string(count) +
           " times in the code; include more surrounding lines so it matches exactly once";
  if (count == 0) {
    // Point at the line that looks most like the first line of the text the model meant.
    std::string wanted = trimmed(oldText.substr(0, oldText.find('\n')));
    std::istringstream in(m_code);
    std::string line, best;
    int lineNo = 0, bestNo = 0;
    size_t bestDist = std::string::npos;
    while (std::getline(in, line)) {
      ++lineNo;
      const std::string t = trimmed(line);
      if (t.empty() || t.size() > 400 || wanted.size() > 400) continue;
      const size_t d = distance(t, wanted);
      if (d < bestDist) {
        bestDist = d;
        best = line;
        bestNo = lineNo;
      }
    }
    std::string msg = "\"old\" was not found in the code (it must match exactly, including spaces and line breaks)";
    if (!best.empty() && bestDist <= std::max<size_t>(wanted.size() / 2, 3))
      msg += "; the closest line is line " + std::to_string(bestNo) + ": " + trimmed(best);
    return msg;
  }
  m_code.replace(first, oldText.size(), newText);
  ++m_revision;
  return {};
}

}  // namespace partsmith::agent
