// A scripted LLM peer on 127.0.0.1 for tests: real HTTP (cpp-httplib) speaking the recorded
// wire formats. Each request to a path takes the next scripted response for that path (or the
// path's repeating default); bodies are written in chunks with delays, can stop without their
// terminator or drop the connection, and every request is logged for assertions.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace httplib {
class Server;
}

namespace partsmith::test {

struct ScriptedResponse {
  int status = 200;
  std::string contentType = "text/event-stream";
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> chunks;  // written one after another
  std::chrono::milliseconds firstByteDelay{0};
  std::chrono::milliseconds chunkDelay{0};
  bool dropConnection = false;  // abort after the last chunk: no clean end of the body

  // An SSE body cut into pieces of `chunkSize` bytes (0: one piece).
  static ScriptedResponse sse(const std::string& body, size_t chunkSize = 0,
                              std::chrono::milliseconds chunkDelay = std::chrono::milliseconds(0));
  // An SSE body cut at pseudo-random sizes between 1 and `maxChunk` (seeded: reproducible).
  static ScriptedResponse sseRandomChunks(const std::string& body, size_t maxChunk, unsigned seed);
  static ScriptedResponse json(int status, const nlohmann::json& body);
  ScriptedResponse& header(std::string name, std::string value);
};

struct ReceivedRequest {
  std::string method;
  std::string path;  // with the query string
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::chrono::steady_clock::time_point receivedAt;

  std::string header(const std::string& lowerName) const;
  nlohmann::json json() const;  // throws when the body is not JSON
};

class LlmTestServer {
 public:
  LlmTestServer();
  ~LlmTestServer();
  LlmTestServer(const LlmTestServer&) = delete;
  LlmTestServer& operator=(const LlmTestServer&) = delete;

  std::string baseUrl() const;  // "http://127.0.0.1:PORT"
  int port() const { return m_port; }

  // `path` without the query string, e.g. "/v1/messages".
  void enqueue(const std::string& path, ScriptedResponse response);
  void setDefault(const std::string& path, ScriptedResponse response);
  // Answers every request to `path` that has no queued response by calling `responder` (on the
  // server's thread) — for replies computed from the request, e.g. embeddings of its inputs.
  using Responder = std::function<ScriptedResponse(const ReceivedRequest&)>;
  void setResponder(const std::string& path, Responder responder);

  std::vector<ReceivedRequest> requests() const;
  size_t requestCount() const;
  void waitForRequests(size_t count, std::chrono::milliseconds timeout) const;
  // Number of responses that stopped early because the client went away.
  size_t abandonedResponses() const { return m_abandoned.load(); }

  // SSE body builders in the two wire formats.
  static std::string anthropicSse(const std::vector<nlohmann::json>& events);
  static std::string openAiSse(const std::vector<nlohmann::json>& chunks, bool done = true);

 private:
  void handle(const std::string& method, const void* request, void* response);

  std::unique_ptr<httplib::Server> m_server;
  std::thread m_thread;
  int m_port = 0;
  mutable std::mutex m_mutex;
  std::map<std::string, std::deque<ScriptedResponse>> m_queues;
  std::map<std::string, ScriptedResponse> m_defaults;
  std::map<std::string, Responder> m_responders;
  std::vector<ReceivedRequest> m_requests;
  std::atomic<bool> m_stopping{false};
  std::atomic<size_t> m_abandoned{0};
};

}  // namespace partsmith::test
