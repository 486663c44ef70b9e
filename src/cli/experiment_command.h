// `partsmith-cli experiment create | list | run | compare`: a fixed prompt set, variants that
// differ in one thing, each run through the pipeline, and the comparison table (Markdown/CSV).
#pragma once
#include <string>
#include <vector>

namespace partsmith::cli {

int experimentCommand(const std::vector<std::string>& args);

}  // namespace partsmith::cli
