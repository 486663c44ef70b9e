#include "worker/client/kernel_client.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <spdlog/spdlog.h>

namespace partsmith::worker {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct KernelClient::Process {
  pid_t pid = -1;
  int toWorker = -1;    // worker's stdin
  int fromWorker = -1;  // worker's stdout
  std::string buffer;   // bytes read but not yet consumed as a line
};

namespace {

bool isExecutable(const fs::path& p) { return !p.empty() && ::access(p.c_str(), X_OK) == 0 && fs::is_regular_file(p); }

std::string signalName(int sig) {
  switch (sig) {
    case SIGSEGV: return "SIGSEGV, a memory access fault";
    case SIGABRT: return "SIGABRT, an abort";
    case SIGKILL: return "SIGKILL";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE, an arithmetic fault";
    case SIGXCPU: return "SIGXCPU, the CPU time limit";
    case SIGILL: return "SIGILL";
    default: return "signal " + std::to_string(sig);
  }
}

bool writeAll(int fd, const std::string& data) {
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

std::string formatSeconds(int ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", ms / 1000.0);
  return buf;
}

}  // namespace

std::string findKernelExecutable() {
  if (const char* env = std::getenv("PARTSMITH_KERNEL"); env && isExecutable(env)) return env;
  char self[PATH_MAX] = {0};
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n > 0) {
    fs::path dir = fs::path(std::string(self, static_cast<size_t>(n))).parent_path();
    for (const fs::path& candidate : {dir / "partsmith-kernel", dir / ".." / "worker" / "partsmith-kernel",
                                      dir / ".." / "src" / "worker" / "partsmith-kernel"})
      if (isExecutable(candidate)) return fs::weakly_canonical(candidate).string();
  }
  if (const char* path = std::getenv("PATH")) {
    std::string all = path;
    size_t start = 0;
    while (start <= all.size()) {
      size_t end = all.find(':', start);
      if (end == std::string::npos) end = all.size();
      fs::path candidate = fs::path(all.substr(start, end - start)) / "partsmith-kernel";
      if (isExecutable(candidate)) return candidate.string();
      start = end + 1;
    }
  }
  return {};
}

KernelClient::KernelClient(KernelClientOptions options) : m_options(std::move(options)) {
  // A worker that dies while we write to it must not kill us with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  if (m_options.kernelExecutable.empty()) m_options.kernelExecutable = findKernelExecutable();
  if (m_options.tempDir.empty()) {
    std::string templ = (fs::temp_directory_path() / "partsmith-kernel-XXXXXX").string();
    if (::mkdtemp(templ.data())) {
      m_tempDir = templ;
      m_ownsTempDir = true;
    }
  } else {
    m_tempDir = m_options.tempDir;
    std::error_code ec;
    fs::create_directories(m_tempDir, ec);
  }
}

KernelClient::~KernelClient() {
  stopWorker(false);
  if (m_ownsTempDir) {
    std::error_code ec;
    fs::remove_all(m_tempDir, ec);
  }
}

int KernelClient::workerPid() const {
  std::lock_guard<std::mutex> lock(m_processMutex);
  return m_process ? m_process->pid : 0;
}

void KernelClient::warmUp() {
  std::lock_guard<std::mutex> job(m_jobMutex);
  std::string error;
  ensureRunning(error);
}

bool KernelClient::ensureRunning(std::string& error) {
  std::lock_guard<std::mutex> lock(m_processMutex);
  if (m_process) return true;
  if (m_options.kernelExecutable.empty()) {
    error = "the partsmith-kernel program was not found next to this program or on PATH";
    return false;
  }
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0) {
    error = std::string("cannot create a pipe: ") + std::strerror(errno);
    return false;
  }
  if (::pipe2(out, O_CLOEXEC) != 0) {
    error = std::string("cannot create a pipe: ") + std::strerror(errno);
    ::close(in[0]);
    ::close(in[1]);
    return false;
  }
  std::string exe = m_options.kernelExecutable;
  std::string tmp = m_tempDir;
  std::string mem = std::to_string(m_options.memoryLimitMb);
  pid_t pid = ::fork();
  if (pid < 0) {
    error = std::string("cannot start the kernel worker: ") + std::strerror(errno);
    for (int fd : {in[0], in[1], out[0], out[1]}) ::close(fd);
    return false;
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    if (m_options.memoryLimitMb > 0) {
      rlimit limit{};
      limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(m_options.memoryLimitMb) * 1024 * 1024;
      ::setrlimit(RLIMIT_AS, &limit);
    }
    const char* argv[] = {exe.c_str(), "--tmp", tmp.c_str(), "--memory-mb", mem.c_str(), nullptr};
    ::execv(exe.c_str(), const_cast<char* const*>(argv));
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  m_process = std::make_unique<Process>();
  m_process->pid = pid;
  m_process->toWorker = in[1];
  m_process->fromWorker = out[0];
  ++m_started;
  spdlog::debug("kernel worker started (pid {})", pid);
  return true;
}

void KernelClient::stopWorker(bool kill) {
  std::unique_ptr<Process> process;
  {
    std::lock_guard<std::mutex> lock(m_processMutex);
    process = std::move(m_process);
  }
  if (!process) return;
  if (!kill) {
    writeAll(process->toWorker, "{\"op\":\"shutdown\"}\n");
    ::close(process->toWorker);
    // Give a healthy worker a moment to exit by itself before killing it.
    for (int i = 0; i < 50; ++i) {
      if (::waitpid(process->pid, nullptr, WNOHANG) == process->pid) {
        ::close(process->fromWorker);
        return;
      }
      ::usleep(10000);
    }
  } else {
    ::close(process->toWorker);
  }
  ::kill(process->pid, SIGKILL);
  ::waitpid(process->pid, nullptr, 0);
  ::close(process->fromWorker);
}

void KernelClient::cancel() {
  m_cancelled = true;
  std::lock_guard<std::mutex> lock(m_processMutex);
  if (m_process) ::kill(m_process->pid, SIGKILL);
}

nlohmann::json KernelClient::failure(const std::string& kind, const std::string& message,
                                     const std::string& hint) const {
  nlohmann::json error = {{"kind", kind}, {"message", message}, {"line", 0}, {"column", 0},
                          {"source", ""}, {"hint", hint}};
  return {{"ok", false}, {"errors", nlohmann::json::array({error})}, {"log", nlohmann::json::array()}};
}

nlohmann::json KernelClient::request(nlohmann::json job) {
  std::lock_guard<std::mutex> jobLock(m_jobMutex);
  m_cancelled = false;
  std::string error;
  if (!ensureRunning(error)) return failure("crash", error, "build the project (cmake --build) or set PARTSMITH_KERNEL");

  const long long id = m_nextId++;
  job["id"] = id;
  const int timeoutMs = job.value("timeout_ms", m_options.defaultTimeoutMs);
  job["timeout_ms"] = timeoutMs;
  job["interrupt_ms"] = std::max(1, static_cast<int>(static_cast<long long>(timeoutMs) * m_options.interruptPercent / 100));
  const auto started = Clock::now();
  auto deadline = started + std::chrono::milliseconds(timeoutMs);
  bool scriptDone = false;

  int toWorker, fromWorker;
  pid_t pid;
  {
    std::lock_guard<std::mutex> lock(m_processMutex);
    toWorker = m_process->toWorker;
    fromWorker = m_process->fromWorker;
    pid = m_process->pid;
  }
  if (!writeAll(toWorker, job.dump() + "\n")) {
    // The worker died between jobs (killed from outside): start a new one and retry once.
    stopWorker(true);
    if (!ensureRunning(error)) return failure("crash", error, "");
    std::lock_guard<std::mutex> lock(m_processMutex);
    toWorker = m_process->toWorker;
    fromWorker = m_process->fromWorker;
    pid = m_process->pid;
    if (!writeAll(toWorker, job.dump() + "\n"))
      return failure("crash", "the kernel worker could not be reached", "");
  }

  std::string& buffer = m_process->buffer;
  char chunk[65536];
  while (true) {
    size_t newline;
    while ((newline = buffer.find('\n')) != std::string::npos) {
      std::string line = buffer.substr(0, newline);
      buffer.erase(0, newline + 1);
      nlohmann::json reply = nlohmann::json::parse(line, nullptr, false);
      if (reply.is_discarded() || !reply.is_object()) {
        spdlog::warn("kernel worker printed a line that is not JSON: {}", line.substr(0, 200));
        continue;
      }
      if (reply.value("id", -1LL) != id) continue;  // a stale reply of an abandoned job
      if (reply.contains("phase") && !reply.contains("ok")) {
        if (reply["phase"] == "script-done" && !scriptDone) {
          scriptDone = true;
          deadline = started + std::chrono::milliseconds(timeoutMs + m_options.killGraceMs);
        }
        continue;
      }
      reply.erase("id");
      return reply;
    }
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (remaining <= 0) {
      stopWorker(true);
      if (!scriptDone)
        return failure("timeout",
                       "the script did not finish within its " + formatSeconds(timeoutMs) +
                           " time limit and the kernel worker was stopped",
                       "look for a loop that never ends or data that keeps growing, or a kernel operation on very "
                       "complex geometry; a script that is only slow needs a longer time limit (partsmith-cli run "
                       "--timeout SECONDS)");
      return failure("timeout",
                     "the job took longer than " + formatSeconds(timeoutMs + m_options.killGraceMs) +
                         " and the kernel worker was stopped while meshing, exporting or rendering",
                     "the geometry may be too complex (very many features or a difficult boolean/fillet); "
                     "simplify it or raise the time limit (partsmith-cli run --timeout SECONDS)");
    }
    pollfd pfd{fromWorker, POLLIN, 0};
    int ready = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(remaining, 100)));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    ssize_t n = ::read(fromWorker, chunk, sizeof chunk);
    if (n > 0) {
      buffer.append(chunk, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    break;  // EOF: the worker is gone
  }

  int status = 0;
  ::waitpid(pid, &status, 0);
  {
    std::lock_guard<std::mutex> lock(m_processMutex);
    if (m_process && m_process->pid == pid) {
      ::close(m_process->toWorker);
      ::close(m_process->fromWorker);
      m_process.reset();
    }
  }
  if (m_cancelled) return failure("cancelled", "the job was cancelled", "");
  std::string how = WIFSIGNALED(status) ? "was killed by " + signalName(WTERMSIG(status))
                                        : "stopped unexpectedly (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
  std::string hint = "the kernel is restarted automatically; if this keeps happening, simplify the operation "
                     "that was running (often a fillet or boolean on difficult geometry)";
  if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGABRT || WTERMSIG(status) == SIGKILL))
    hint = "the script may have used more memory than the " + std::to_string(m_options.memoryLimitMb) +
           " MB limit; " + hint;
  return failure("crash", "the geometry kernel crashed: the worker process " + how, hint);
}

}  // namespace partsmith::worker
