// Capability profiles of the servers that speak the OpenAI Chat Completions dialect: what to
// send (length field, stream_options, images) and how much to trust what comes back.
#pragma once
#include <string>
#include <vector>

namespace partsmith::llm {

enum class LengthField { MaxCompletionTokens, MaxTokens };

struct ServerProfile {
  std::string name;         // "openai", "openrouter", "ollama", "llamacpp", "vllm", "lmstudio", "nim", "generic"
  std::string displayName;  // "OpenAI"
  std::string defaultBaseUrl;
  std::string keyEnvironmentVariable;  // empty when the server needs no key
  bool requiresKey = false;
  bool isLocal = false;  // runs on the user's machine: free, no key
  LengthField lengthField = LengthField::MaxTokens;
  bool supportsIncludeUsage = true;   // send stream_options.include_usage
  bool usageAlwaysSent = false;       // usage arrives without asking (OpenRouter)
  bool toolIndexReliable = true;      // tool_calls[].index identifies the call
  bool imageUrlHttpOk = true;         // accepts http(s) image URLs, not only data URLs
  bool reportsCost = false;           // usage.cost in USD
  std::vector<std::string> reasoningFields{"reasoning", "reasoning_content"};
};

// Known names: openai, openrouter, ollama, llamacpp (alias llama.cpp), vllm, lmstudio, nim,
// generic. Unknown names get the tolerant generic profile.
ServerProfile serverProfile(const std::string& name);
std::vector<std::string> serverProfileNames();

}  // namespace partsmith::llm
