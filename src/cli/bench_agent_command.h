// `partsmith-cli bench-agent`: the agent's own overhead (wall time outside model calls and
// kernel runs) over scripted generations with a realistic model latency.
#pragma once
#include <string>
#include <vector>

namespace partsmith::cli {

int benchAgentCommand(const std::vector<std::string>& args);

}  // namespace partsmith::cli
