// A scripted model server on 127.0.0.1 for `bench-agent`: plain HTTP/1.1 over POSIX sockets,
// each request answered with the next queued reply after a first-byte delay, its body written in
// paced pieces (like a model streaming tokens) and ended by closing the connection. It lets the
// benchmark drive the real providers, transport and pipeline with a realistic model latency and
// no network or key.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace partsmith::cli {

struct PeerReply {
  std::string body;  // an SSE body
  std::chrono::milliseconds firstByteDelay{0};
  std::chrono::milliseconds pieceDelay{0};
  size_t pieces = 1;  // the body is written in this many pieces
};

class ScriptedLlmPeer {
 public:
  ScriptedLlmPeer();  // throws std::runtime_error when no port can be bound
  ~ScriptedLlmPeer();
  ScriptedLlmPeer(const ScriptedLlmPeer&) = delete;
  ScriptedLlmPeer& operator=(const ScriptedLlmPeer&) = delete;

  std::string baseUrl() const;
  void enqueue(PeerReply reply);
  size_t pending() const;
  size_t served() const { return m_served.load(); }
  // Request bodies received, in order.
  std::vector<std::string> requests() const;

 private:
  void acceptLoop();
  void serve(int fd);

  int m_listen = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::atomic<size_t> m_served{0};
  mutable std::mutex m_mutex;
  std::deque<PeerReply> m_queue;
  std::vector<std::string> m_requests;
  std::vector<std::thread> m_connections;
  std::thread m_acceptor;
};

}  // namespace partsmith::cli
