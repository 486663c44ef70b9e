// Shared helpers of the llm tests: fixture files, line-ending variants, providers pointed at
// the scripted test server.
#pragma once
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "llm/anthropic_provider.h"
#include "llm/openai_provider.h"
#include "llm/provider_config.h"
#include "test_paths.h"

namespace partsmith::llm::testing {

inline std::string fixturePath(const std::string& name) {
  return partsmith::test::sourceDir() + "/tests/llm/fixtures/" + name;
}

inline std::string readFixture(const std::string& name) {
  std::ifstream in(fixturePath(name), std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + name);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline nlohmann::json expectations() { return nlohmann::json::parse(readFixture("expectations.json")); }

// Every "\n" becomes `ending` ("\r\n" or "\r").
inline std::string withLineEndings(const std::string& body, const std::string& ending) {
  std::string out;
  out.reserve(body.size() * 2);
  for (char c : body) {
    if (c == '\n')
      out += ending;
    else
      out.push_back(c);
  }
  return out;
}

// A provider aimed at the test server with fast retries (the real backoff shape, scaled down).
template <class Provider>
std::shared_ptr<Provider> makeTestProvider(const std::string& baseUrl, const std::string& kind,
                                           const std::string& profile = "openai", const std::string& key = "sk-test-0123456789abcdef") {
  ProviderConfig c = kind == "anthropic" ? ProviderConfig::anthropic() : ProviderConfig::openAiCompatible(profile);
  c.baseUrl = baseUrl;
  c.connectTimeoutMs = 2000;
  c.idleTimeoutMs = 5000;
  c.totalTimeoutMs = 20000;
  auto p = std::make_shared<Provider>(c, key, nullptr, nullptr);
  p->retryPolicy().initialDelaySeconds = 0.02;
  p->retryPolicy().maxDelaySeconds = 0.1;
  return p;
}

}  // namespace partsmith::llm::testing
