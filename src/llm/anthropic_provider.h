// Anthropic Messages API: streamed turns with tools, images, thinking and prompt caching;
// the models endpoint. Anthropic has no embeddings endpoint.
#pragma once
#include "llm/provider_base.h"

namespace partsmith::llm {

class AnthropicProvider : public ProviderBase {
 public:
  static constexpr const char* kApiVersion = "2023-06-01";
  using ProviderBase::ProviderBase;

  HttpRequest buildStreamRequest(const ChatRequest& request) const override;
  std::unique_ptr<StreamParser> makeParser() const override;
  LlmError parseHttpError(long status, const HttpHeaders& headers, const std::string& body) const override;
  std::optional<double> cost(const std::string& model, const Usage& usage) const override;
  std::vector<ModelInfo> listModels() override;
  EmbeddingResult embed(const EmbeddingRequest& request) override;
  bool offersEmbeddings() const override { return false; }

 protected:
  void addAuthHeaders(HttpRequest& request) const override;

 private:
  std::string apiUrl(const std::string& path) const;
};

// Anthropic-shaped error bodies: {"type":"error","error":{"type","message"},"request_id"}.
LlmError parseAnthropicError(const std::string& provider, long status, const std::string& body);

}  // namespace partsmith::llm
