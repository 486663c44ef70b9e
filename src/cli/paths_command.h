// `partsmith-cli paths`: where this build or install finds its data (prompts, examples,
// curriculum, price table), its kernel worker and its history database, as JSON.
#pragma once
#include <string>
#include <vector>

namespace partsmith::cli {

int pathsCommand(const std::vector<std::string>& args);

}  // namespace partsmith::cli
