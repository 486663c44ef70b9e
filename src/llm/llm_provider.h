// The provider interface the agent talks to: streamed chat turns as normalized events, model
// listing for the settings UI, and embeddings.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "llm/llm_types.h"
#include "llm/message_assembler.h"
#include "llm/stream_event.h"

namespace partsmith::llm {

struct ModelInfo {
  std::string id;
  std::string displayName;
  std::string createdAt;  // as the server wrote it, may be empty
  std::string ownedBy;
};

struct EmbeddingRequest {
  std::string model;
  std::vector<std::string> inputs;
  std::optional<int> dimensions;
  std::string inputType;  // NVIDIA NIM retrieval models: "query" or "passage"
};

struct EmbeddingResult {
  std::string model;
  std::vector<std::vector<float>> vectors;  // in input order
  int64_t promptTokens = 0;
  std::optional<double> costUsd;  // nullopt when the model has no known price
};

struct StreamOutcome {
  AssembledMessage message;
  int attempts = 0;
  double elapsedMs = 0;
  std::optional<double> costUsd;  // nullopt when the model has no known price
  std::string requestId;          // of the last attempt (request-id / x-request-id / x-generation-id)
  bool ok() const { return message.finished(); }
};

class StreamHandle {
 public:
  virtual ~StreamHandle() = default;
  // Ends the stream within milliseconds; the event callback then receives an Error event of
  // kind Cancelled (unless the stream had already ended). Thread-safe, idempotent.
  virtual void cancel() = 0;
  // Blocks until the stream ended. Never call it from inside the event callback.
  virtual StreamOutcome wait() = 0;
  virtual bool waitFor(std::chrono::milliseconds timeout) = 0;
  virtual bool done() const = 0;
};

class LlmProvider {
 public:
  virtual ~LlmProvider() = default;
  virtual std::string id() const = 0;
  virtual std::string displayName() const = 0;
  // Starts a streamed turn. Events arrive on the transport's event thread, in order, ending
  // with exactly one Finish or Error. Invalid requests throw LlmException before any I/O.
  virtual std::shared_ptr<StreamHandle> startStream(const ChatRequest& request, EventCallback onEvent) = 0;
  StreamOutcome stream(const ChatRequest& request, EventCallback onEvent = {}) {
    return startStream(request, std::move(onEvent))->wait();
  }
  // Blocking; throw LlmException.
  virtual std::vector<ModelInfo> listModels() = 0;
  virtual EmbeddingResult embed(const EmbeddingRequest& request) = 0;
  // Whether the provider has an embeddings endpoint at all (Anthropic has none).
  virtual bool offersEmbeddings() const { return true; }
};

}  // namespace partsmith::llm
