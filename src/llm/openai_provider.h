// OpenAI Chat Completions and the compatible servers (OpenRouter, Ollama, llama.cpp, vLLM,
// LM Studio, NVIDIA NIM) through a capability profile; /v1/models and /v1/embeddings.
#pragma once
#include "llm/provider_base.h"
#include "llm/server_profile.h"

namespace partsmith::llm {

class OpenAiProvider : public ProviderBase {
 public:
  OpenAiProvider(ProviderConfig config, std::string apiKey, std::shared_ptr<HttpTransport> transport,
                 std::shared_ptr<const PriceTable> prices);

  const ServerProfile& profile() const { return m_profile; }
  HttpRequest buildStreamRequest(const ChatRequest& request) const override;
  std::unique_ptr<StreamParser> makeParser() const override;
  LlmError parseHttpError(long status, const HttpHeaders& headers, const std::string& body) const override;
  std::optional<double> cost(const std::string& model, const Usage& usage) const override;
  std::vector<ModelInfo> listModels() override;
  EmbeddingResult embed(const EmbeddingRequest& request) override;

 protected:
  void addAuthHeaders(HttpRequest& request) const override;

 private:
  std::string apiUrl(const std::string& path) const;  // base ending in /v1 + path
  ServerProfile m_profile;
};

// Error bodies of the OpenAI dialect and its variants: {"error":{"message","type","code"}},
// {"error":"text"}, vLLM's {"object":"error","message"}, OpenRouter's integer codes.
LlmError parseOpenAiError(const std::string& provider, long status, const std::string& body);

// Embedding vectors from {"data":[{"index","embedding":[...]|"<base64 float32>"}]} sorted by
// index, or Ollama's native {"embeddings":[[...]]}.
EmbeddingResult parseEmbeddingResponse(const nlohmann::json& body);

}  // namespace partsmith::llm
