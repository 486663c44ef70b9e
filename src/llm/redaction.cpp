#include "llm/redaction.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <regex>
#include <set>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace partsmith::llm {

namespace {

constexpr const char* kMask = "[REDACTED]";

std::mutex& secretsMutex() {
  static std::mutex m;
  return m;
}

// Longest first, so a key that contains another registered key is removed whole.
struct LongestFirst {
  bool operator()(const std::string& a, const std::string& b) const {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  }
};

std::set<std::string, LongestFirst>& secrets() {
  static std::set<std::string, LongestFirst> s;
  return s;
}

// Shapes of credentials: provider key prefixes, bearer tokens, key headers and query parameters.
const std::regex& patterns() {
  static const std::regex re(
      R"((sk-(?:ant-|proj-|or-)?[A-Za-z0-9_\-]{12,})|(nvapi-[A-Za-z0-9_\-]{12,}))"
      R"(|((?:[Bb]earer|x-api-key:|X-Api-Key:|api[_-]key["']?\s*[:=]\s*["']?)\s*)([^\s"',&]{6,}))",
      std::regex::ECMAScript | std::regex::optimize);
  return re;
}

class RedactingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RedactingSink(std::shared_ptr<spdlog::sinks::dist_sink_mt> target) : m_target(std::move(target)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const std::string clean = redactSecrets(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy = msg;
    copy.payload = spdlog::string_view_t(clean.data(), clean.size());
    m_target->log(copy);
  }
  void flush_() override { m_target->flush(); }

 private:
  std::shared_ptr<spdlog::sinks::dist_sink_mt> m_target;
};

struct LoggerState {
  std::shared_ptr<spdlog::sinks::dist_sink_mt> targets = std::make_shared<spdlog::sinks::dist_sink_mt>();
  std::shared_ptr<spdlog::logger> logger;
  LoggerState() {
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    targets->add_sink(console);
    logger = std::make_shared<spdlog::logger>("llm", std::make_shared<RedactingSink>(targets));
    spdlog::level::level_enum level = spdlog::level::warn;
    if (const char* env = std::getenv("PARTSMITH_LLM_LOG")) level = spdlog::level::from_str(env);
    logger->set_level(level);
    console->set_level(level);
  }
};

LoggerState& state() {
  static LoggerState s;
  return s;
}

}  // namespace

void registerSecret(const std::string& secret) {
  if (secret.size() < 8) return;
  std::lock_guard<std::mutex> lock(secretsMutex());
  secrets().insert(secret);
}

std::string redactSecrets(std::string_view text) {
  std::string out(text);
  {
    std::lock_guard<std::mutex> lock(secretsMutex());
    for (const std::string& s : secrets()) {
      for (size_t pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos + std::strlen(kMask)))
        out.replace(pos, s.size(), kMask);
    }
  }
  std::string result;
  result.reserve(out.size());
  auto begin = std::sregex_iterator(out.begin(), out.end(), patterns());
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    if (m[4].matched && m[4].str() == kMask) continue;
    result.append(out, last, static_cast<size_t>(m.position(0)) - last);
    if (m[3].matched) result += m[3].str();  // keep "Bearer " / "x-api-key: "
    result += kMask;
    last = static_cast<size_t>(m.position(0) + m.length(0));
  }
  result.append(out, last, std::string::npos);
  return result;
}

std::shared_ptr<spdlog::logger> logger() { return state().logger; }

void addLogSink(std::shared_ptr<spdlog::sinks::sink> sink) { state().targets->add_sink(std::move(sink)); }

void removeLogSink(const std::shared_ptr<spdlog::sinks::sink>& sink) { state().targets->remove_sink(sink); }

}  // namespace partsmith::llm
