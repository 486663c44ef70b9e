#include "worker/worker_loop.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <string>

#include <OSD.hxx>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "io/occt_messages.h"
#include "worker/fatal_signals.h"
#include "worker/job_runner.h"

namespace partsmith::worker {
namespace {

// Keeps the original stdout for replies and points fd 1 at stderr, so a stray printf from
// OCCT, Qt or a library can never corrupt the JSON-lines channel.
int takeProtocolDescriptor() {
  int fd = ::dup(STDOUT_FILENO);
  ::dup2(STDERR_FILENO, STDOUT_FILENO);
  return fd;
}

bool writeLine(int fd, const std::string& line) {
  std::string data = line + "\n";
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

// A backstop for kernel loops the wall-clock watchdog cannot interrupt: the job may use at
// most twice its timeout in CPU time (OCCT runs on both cores) before SIGXCPU ends the process.
void limitCpuForJob(int timeoutMs) {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  double used = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1e-6 * (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  rlimit limit{};
  ::getrlimit(RLIMIT_CPU, &limit);
  limit.rlim_cur = static_cast<rlim_t>(std::ceil(used + 2.0 * timeoutMs / 1000.0 + 5.0));
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_cur > limit.rlim_max) limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_CPU, &limit);
}

}  // namespace

int runWorkerLoop(const WorkerConfig& config) {
  const int protocol = takeProtocolDescriptor();
  auto logger = spdlog::stderr_color_st("kernel");
  logger->set_level(spdlog::level::warn);
  spdlog::set_default_logger(logger);

  // Kernel faults inside OCC_CATCH_SIGNALS scopes become Standard_Failure exceptions; no FPE traps.
  OSD::SetSignal(false);
  installFatalSignalFallback();
  io::silenceOcctStdout();

  std::string tempDir = config.tempDir;
  if (tempDir.empty()) tempDir = (std::filesystem::temp_directory_path() / ("partsmith-kernel-" + std::to_string(::getpid()))).string();
  std::error_code ec;
  std::filesystem::create_directories(tempDir, ec);

  JobRunner runner(tempDir);
  runner.setProgressSink([protocol](const nlohmann::json& progress) { writeLine(protocol, progress.dump()); });
  runner.idle();
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    nlohmann::json job = nlohmann::json::parse(line, nullptr, false);
    if (job.is_discarded() || !job.is_object()) {
      writeLine(protocol, R"({"ok":false,"errors":[{"kind":"protocol","message":"the job line is not a JSON object","line":0,"column":0,"source":"","hint":""}]})");
      continue;
    }
    if (job.value("op", "") == "shutdown") break;
    limitCpuForJob(job.value("timeout_ms", 20000));
    nlohmann::json reply = runner.handle(job);
    if (!writeLine(protocol, reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))) return 1;
    runner.idle();
  }
  return 0;
}

}  // namespace partsmith::worker
