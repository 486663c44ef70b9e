// partsmith-cli: headless Partsmith commands. Exit status: 0 success, 1 script or geometry
// error, 2 bad usage.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/bench_agent_command.h"
#include "cli/bench_command.h"
#include "cli/cli_args.h"
#include "cli/llm_command.h"
#include "cli/db_command.h"
#include "cli/experiment_command.h"
#include "cli/generate_command.h"
#include "cli/paths_command.h"
#include "cli/run_command.h"
#include "cli/workbench_command.h"

namespace {

const char* kUsage =
    "usage: partsmith-cli [--db PATH] COMMAND [ARGS]\n"
    "commands:\n"
    "  run FILE.js [--param NAME=VALUE]... [--export PATH]... [--render DIR [--views iso,front,...]\n"
    "      [--size WxH]] [--json] [--timeout SECONDS]   run a script, export and render its parts\n"
    "  params FILE.js                                      print the script's parameters as JSON\n"
    "  bench [--examples DIR] [--runs N] [--json]          warm re-run benchmark over the examples\n"
    "  bench-agent [--runs N] [--latency MIN:MAX] [--json] the agent's own overhead against a scripted model\n"
    "  db [--db PATH] stats|check|backup|restore|export-training|import-examples|bench\n"
    "                                                      the history database (`db --help` for details)\n"
    "  generate \"PROMPT\" [--model M] [--stage-model STAGE=M]... [--no-visual] [--examples N]\n"
    "      [--out PART.step|stl|3mf] [--json]              generate a part with the agent pipeline\n"
    "  llm chat|replay|models ...                          talk to a model, decode a recorded SSE body,\n"
    "                                                      list a provider's models (`llm --help`)\n"
    "  experiment create|list|run|compare [--format md|csv] compare models, few-shot counts, pipeline\n"
    "                                                      switches over a prompt set (`experiment --help`)\n"
    "  workbench list|add|import|run|merge|review ...      the workbench: prompts, batch runs, shards, review\n"
    "                                                      (`workbench --help`)\n"
    "  paths                                               where the data, the kernel and the history are found\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  // Global `--db PATH` (before the command): every command that opens the history database
  // finds it through $PARTSMITH_DB (store::defaultDatabasePath).
  if (args.size() >= 2 && args[0] == "--db") {
    setenv("PARTSMITH_DB", args[1].c_str(), 1);
    args.erase(args.begin(), args.begin() + 2);
    if (args.empty()) {
      std::cout << kUsage;
      return 2;
    }
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "run") return partsmith::cli::runCommand(args);
    if (command == "params") return partsmith::cli::paramsCommand(args);
    if (command == "paths") return partsmith::cli::pathsCommand(args);
    if (command == "bench") return partsmith::cli::benchCommand(args);
    if (command == "bench-agent") return partsmith::cli::benchAgentCommand(args);
    if (command == "llm") return partsmith::cli::llmCommand(args);
    if (command == "db") return partsmith::cli::dbCommand(args);
    if (command == "generate") return partsmith::cli::generateCommand(args);
    if (command == "workbench") return partsmith::cli::workbenchCommand(args);
    if (command == "experiment") return partsmith::cli::experimentCommand(args);
    std::cerr << "partsmith-cli: unknown command '" << command << "'\n" << kUsage;
    return 2;
  } catch (const partsmith::cli::UsageError& e) {
    std::cerr << "partsmith-cli " << command << ": " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "partsmith-cli " << command << ": " << e.what() << "\n";
    return 1;
  }
}
