// Runs partsmith-cli as a child process for the agent's end-to-end tests: arguments without a
// shell, extra environment variables, stdout and stderr captured in files, a pid to kill.
#pragma once
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_paths.h"

extern char** environ;

namespace partsmith::agent::testing {

struct CliChild {
  pid_t pid = -1;
  std::filesystem::path outPath, errPath;
  int exitStatus = -1;  // after wait(): the exit code, or -signal

  // Starts partsmith-cli with `args`; `env` entries are added to (or replace) this process's.
  static CliChild start(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                        const std::filesystem::path& dir, const std::string& name = "cli") {
    CliChild c;
    c.outPath = dir / (name + ".out");
    c.errPath = dir / (name + ".err");
    std::vector<std::string> argStore{partsmith::test::cliExecutable()};
    argStore.insert(argStore.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argStore) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> envStore;
    for (char** e = environ; *e; ++e) {
      const std::string entry = *e;
      const std::string key = entry.substr(0, entry.find('='));
      if (!env.count(key)) envStore.push_back(entry);
    }
    for (const auto& [k, v] : env) envStore.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& e : envStore) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, c.outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, c.errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (posix_spawn(&c.pid, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) c.pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    return c;
  }

  // Waits up to `timeout` for the child to end; kills it when it does not. Returns exitStatus.
  int wait(std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    if (pid <= 0) return exitStatus;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    for (;;) {
      const pid_t r = ::waitpid(pid, &status, WNOHANG);
      if (r == pid) break;
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    pid = -1;
    exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? -WTERMSIG(status) : -1;
    return exitStatus;
  }
  void kill(int signal = SIGKILL) {
    if (pid > 0) ::kill(pid, signal);
  }
  ~CliChild() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      int status = 0;
      ::waitpid(pid, &status, 0);
    }
  }

  std::string out() const { return slurp(outPath); }
  std::string err() const { return slurp(errPath); }
  static std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

// A settings.json whose every stage uses an Anthropic-dialect provider at `baseUrl`, its key in
// the environment variable PARTSMITH_TEST_KEY.
inline std::filesystem::path writeCliSettings(const std::filesystem::path& dir, const std::string& baseUrl) {
  using nlohmann::json;
  json provider = {{"id", "scripted"},       {"kind", "anthropic"}, {"base_url", baseUrl},
                   {"key_env", "PARTSMITH_TEST_KEY"}, {"default_model", "claude-sonnet-4-5"}, {"max_retries", 0}};
  json stages = json::object();
  for (const char* s : {"spec", "code", "review", "vision"}) stages[s] = {{"provider", "scripted"}, {"model", "claude-sonnet-4-5"}};
  const json settings = {{"llm", {{"providers", json::array({provider})}, {"stages", stages}, {"auto_detect_ollama", false}}}};
  const auto path = dir / "settings.json";
  std::ofstream(path) << settings.dump(2);
  return path;
}

}  // namespace partsmith::agent::testing
