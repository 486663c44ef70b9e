// `partsmith-cli generate "PROMPT"`: runs the generation pipeline with progress on stderr and
// prints the generation's record as JSON (or the code and a summary), optionally exporting the
// part.
#pragma once
#include <string>
#include <vector>

namespace partsmith::cli {

int generateCommand(const std::vector<std::string>& args);

}  // namespace partsmith::cli
