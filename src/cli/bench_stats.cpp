#include "cli/bench_stats.h"

#include <sys/utsname.h>

#include <algorithm>
#include <fstream>
#include <thread>

namespace partsmith::cli {

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  double rank = p * (values.size() - 1);
  size_t lo = static_cast<size_t>(rank);
  size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (values[hi] - values[lo]) * (rank - lo);
}

std::string machineDescription() {
  utsname u{};
  uname(&u);
  std::string cpu;
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);)
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  return std::string(u.sysname) + " " + u.release + ", " + std::to_string(std::thread::hardware_concurrency()) +
         " cores, " + (cpu.empty() ? std::string("unknown CPU") : cpu);
}

}  // namespace partsmith::cli
