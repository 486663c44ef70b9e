#include "app/line_diff.h"

#include <algorithm>
#include <sstream>

namespace partsmith::app {

namespace {

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

std::vector<DiffLine> diffLines(const std::string& before, const std::string& after) {
  const std::vector<std::string> a = splitLines(before), b = splitLines(after);
  // The common head and tail need no table; scripts that differ in a few places stay cheap.
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  const size_t n = a.size() - head - tail, m = b.size() - head - tail;

  // lcs[i][j]: length of the LCS of a[head+i..] and b[head+j..] within the middle part.
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);

  std::vector<DiffLine> out;
  int oldNo = 0, newNo = 0;
  auto same = [&](const std::string& text) { out.push_back({DiffLine::Kind::Same, text, ++oldNo, ++newNo}); };
  for (size_t k = 0; k < head; ++k) same(a[k]);
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] == b[head + j]) {
      same(a[head + i]);
      ++i, ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push_back({DiffLine::Kind::Added, b[head + j], 0, ++newNo});
      ++j;
    } else {
      out.push_back({DiffLine::Kind::Removed, a[head + i], ++oldNo, 0});
      ++i;
    }
  }
  for (size_t k = a.size() - tail; k < a.size(); ++k) same(a[k]);
  // Removals before additions within a change reads best; the walk above may interleave them.
  for (size_t s = 0; s < out.size();) {
    if (out[s].kind == DiffLine::Kind::Same) {
      ++s;
      continue;
    }
    size_t e = s;
    while (e < out.size() && out[e].kind != DiffLine::Kind::Same) ++e;
    std::stable_partition(out.begin() + long(s), out.begin() + long(e),
                          [](const DiffLine& d) { return d.kind == DiffLine::Kind::Removed; });
    s = e;
  }
  return out;
}

std::string unifiedDiff(const std::string& before, const std::string& after, const std::string& beforeName,
                        const std::string& afterName, int context) {
  const std::vector<DiffLine> lines = diffLines(before, after);
  std::vector<size_t> changed;
  for (size_t k = 0; k < lines.size(); ++k)
    if (lines[k].kind != DiffLine::Kind::Same) changed.push_back(k);
  if (changed.empty()) return {};

  std::ostringstream out;
  out << "--- " << beforeName << "\n+++ " << afterName << "\n";
  size_t c = 0;
  while (c < changed.size()) {
    // A hunk: changes closer than 2·context lines share one.
    size_t first = changed[c], last = changed[c];
    while (c + 1 < changed.size() && changed[c + 1] - last <= size_t(2 * context) + 1) last = changed[++c];
    ++c;
    const size_t from = first >= size_t(context) ? first - context : 0;
    const size_t to = std::min(lines.size() - 1, last + context);
    int oldStart = 0, newStart = 0, oldCount = 0, newCount = 0;
    // Line numbers before the hunk's first line, for hunks that start with an insertion or removal.
    int oldBefore = 0, newBefore = 0;
    for (size_t k = 0; k < from; ++k) {
      if (lines[k].oldLine) oldBefore = lines[k].oldLine;
      if (lines[k].newLine) newBefore = lines[k].newLine;
    }
    for (size_t k = from; k <= to; ++k) {
      if (lines[k].kind != DiffLine::Kind::Added) ++oldCount;
      if (lines[k].kind != DiffLine::Kind::Removed) ++newCount;
    }
    oldStart = oldCount ? oldBefore + 1 : oldBefore;
    newStart = newCount ? newBefore + 1 : newBefore;
    out << "@@ -" << oldStart << ',' << oldCount << " +" << newStart << ',' << newCount << " @@\n";
    for (size_t k = from; k <= to; ++k) {
      const char mark = lines[k].kind == DiffLine::Kind::Same ? ' ' : lines[k].kind == DiffLine::Kind::Added ? '+' : '-';
      out << mark << lines[k].text << '\n';
    }
  }
  return out.str();
}

}  // namespace partsmith::app
