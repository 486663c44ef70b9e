// Keeps API keys out of logs: every line the llm logger writes passes through redactSecrets(),
// which removes registered keys verbatim and anything shaped like a key or credential header.
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
namespace sinks {
class sink;
}
}  // namespace spdlog

namespace partsmith::llm {

// Remembers a secret so it is removed from every later log line (keys shorter than 8
// characters are too likely to collide with ordinary words and are matched by shape only).
void registerSecret(const std::string& secret);
std::string redactSecrets(std::string_view text);

// The logger of the llm module. Its sinks receive redacted lines only. Default output is
// stderr at "warn" (PARTSMITH_LLM_LOG=debug|info|warn|error|off changes it).
std::shared_ptr<spdlog::logger> logger();
void addLogSink(std::shared_ptr<spdlog::sinks::sink> sink);
void removeLogSink(const std::shared_ptr<spdlog::sinks::sink>& sink);

}  // namespace partsmith::llm
