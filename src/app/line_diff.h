// A line diff of two scripts for comparing versions: the longest common subsequence of
// lines, printed as a unified diff (`--- a`, `+++ b`, `@@ -l,n +l,n @@` hunks with context).
#pragma once
#include <string>
#include <vector>

namespace partsmith::app {

struct DiffLine {
  enum class Kind { Same, Removed, Added };
  Kind kind = Kind::Same;
  std::string text;
  int oldLine = 0;  // 1-based; 0 for an added line
  int newLine = 0;  // 1-based; 0 for a removed line
};

std::vector<DiffLine> diffLines(const std::string& before, const std::string& after);

// Empty when the texts are equal.
std::string unifiedDiff(const std::string& before, const std::string& after, const std::string& beforeName,
                        const std::string& afterName, int context = 3);

}  // namespace partsmith::app
