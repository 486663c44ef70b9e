// "Did you mean ...?" suggestions for misspelt method, option and member names.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace partsmith::script {

// Levenshtein edit distance, case-insensitive (a wrong case costs nothing: "Box" ~ "box").
int editDistance(const std::string& a, const std::string& b);

// The closest candidate when it is close enough to be a plausible typo (distance at most
// a third of the word, at least 1, at most 3); nullopt otherwise.
std::optional<std::string> closestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace partsmith::script
