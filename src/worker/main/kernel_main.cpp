// partsmith-kernel: runs CAD scripts, exports and renders for the app and the CLI in a
// separate process (design.md §4). Usage: partsmith-kernel [--tmp DIR] [--memory-mb N]
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "worker/worker_loop.h"

int main(int argc, char** argv) {
  partsmith::worker::WorkerConfig config;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--tmp" && i + 1 < argc) {
      config.tempDir = argv[++i];
    } else if (arg == "--memory-mb" && i + 1 < argc) {
      config.memoryLimitMb = std::atoi(argv[++i]);
    } else if (arg == "--help" || arg == "-h") {
      std::cerr << "usage: partsmith-kernel [--tmp DIR] [--memory-mb N]\n"
                   "Reads one JSON job per line on stdin and answers one JSON line per job on stdout.\n";
      return 0;
    } else {
      std::cerr << "partsmith-kernel: unknown argument '" << arg << "' (see --help)\n";
      return 2;
    }
  }
  return partsmith::worker::runWorkerLoop(config);
}
