#include "llm/server_profile.h"

namespace partsmith::llm {

ServerProfile serverProfile(const std::string& requested) {
  const std::string name = requested == "llama.cpp" || requested == "llama-server" ? "llamacpp"
                           : requested == "lm-studio"                             ? "lmstudio"
                                                                                  : requested;
  ServerProfile p;
  p.name = name;
  if (name == "openai") {
    p.displayName = "OpenAI";
    p.defaultBaseUrl = "https://api.openai.com/v1";
    p.keyEnvironmentVariable = "OPENAI_API_KEY";
    p.requiresKey = true;
    p.lengthField = LengthField::MaxCompletionTokens;  // max_tokens is refused by o-series
  } else if (name == "openrouter") {
    p.displayName = "OpenRouter";
    p.defaultBaseUrl = "https://openrouter.ai/api/v1";
    p.keyEnvironmentVariable = "OPENROUTER_API_KEY";
    p.requiresKey = true;
    p.supportsIncludeUsage = false;  // deprecated no-op: usage always comes last
    p.usageAlwaysSent = true;
    p.reportsCost = true;
    p.toolIndexReliable = true;
  } else if (name == "ollama") {
    p.displayName = "Ollama";
    p.defaultBaseUrl = "http://127.0.0.1:11434/v1";
    p.isLocal = true;
    p.toolIndexReliable = false;  // every parallel call carries index 0 (0.20.x)
    p.imageUrlHttpOk = false;     // data URLs only
  } else if (name == "llamacpp") {
    p.displayName = "llama.cpp server";
    p.defaultBaseUrl = "http://127.0.0.1:8080/v1";
    p.isLocal = true;
    p.imageUrlHttpOk = false;
    p.reasoningFields = {"reasoning_content", "reasoning"};
  } else if (name == "vllm") {
    p.displayName = "vLLM";
    p.defaultBaseUrl = "http://127.0.0.1:8000/v1";
    p.isLocal = true;
  } else if (name == "lmstudio") {
    p.displayName = "LM Studio";
    p.defaultBaseUrl = "http://127.0.0.1:1234/v1";
    p.isLocal = true;
    p.supportsIncludeUsage = false;  // no streaming usage; stream_options is not understood
    p.toolIndexReliable = false;
  } else if (name == "nim") {
    p.displayName = "NVIDIA NIM";
    p.defaultBaseUrl = "https://integrate.api.nvidia.com/v1";
    p.keyEnvironmentVariable = "NVIDIA_API_KEY";
    p.requiresKey = true;
    p.supportsIncludeUsage = false;  // requests were seen hanging with include_usage
  } else {
    p.name = "generic";
    p.displayName = "OpenAI-compatible server";
    p.toolIndexReliable = false;  // be tolerant by default
  }
  return p;
}

std::vector<std::string> serverProfileNames() {
  return {"openai", "openrouter", "ollama", "llamacpp", "vllm", "lmstudio", "nim", "generic"};
}

}  // namespace partsmith::llm
