// The partsmith-kernel main loop: one JSON job per stdin line, one JSON reply per stdout
// line. Sets up the process first: OCCT signal conversion, a private protocol descriptor
// (anything else printing to stdout goes to stderr instead), and per-job CPU limits.
#pragma once
#include <string>

namespace partsmith::worker {

struct WorkerConfig {
  std::string tempDir;
  int memoryLimitMb = 0;  // already applied by the parent before exec; reported in errors
};

// Returns the process exit status.
int runWorkerLoop(const WorkerConfig& config);

}  // namespace partsmith::worker
