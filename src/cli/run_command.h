// `partsmith-cli run` (run a script through the kernel worker; export, render, JSON report)
// and `partsmith-cli params` (print a script's parameters). Both return the exit status.
#pragma once
#include <string>
#include <vector>

namespace partsmith::cli {

int runCommand(const std::vector<std::string>& args);
int paramsCommand(const std::vector<std::string>& args);

}  // namespace partsmith::cli
