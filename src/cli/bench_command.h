// `partsmith-cli bench`: warm re-run latency over the example scripts, overhead of the
// JavaScript + process boundary against the C++ kernel API, and worker memory over many runs.
#pragma once
#include <string>
#include <vector>

namespace partsmith::cli {

int benchCommand(const std::vector<std::string>& args);

}  // namespace partsmith::cli
