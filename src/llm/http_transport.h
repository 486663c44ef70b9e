// libcurl transport: one multi handle driven by one event thread, so no caller (and never the
// GUI thread) blocks on the network. Handlers are called on the event thread. cancel() wakes
// the thread at once; connect, idle (no bytes either way) and total timeouts apply per request;
// the environment's proxy settings (http_proxy, https_proxy, all_proxy, no_proxy) are honoured
// unless a request names its own proxy, and loopback is never proxied.
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace partsmith::llm {

struct HttpHeaders {
  std::vector<std::pair<std::string, std::string>> entries;  // names lower-cased
  std::string get(const std::string& lowerName) const;      // first value or ""
  bool has(const std::string& lowerName) const;
};

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int connectTimeoutMs = 10000;
  int idleTimeoutMs = 120000;  // thinking models are quiet for long stretches (apart from pings)
  int totalTimeoutMs = 600000;
  std::string proxy;  // empty: the environment decides
};

struct TransferResult {
  enum class Status { Completed, Cancelled, Aborted, ConnectFailed, TimedOut, IdleTimeout, NetworkError };
  Status status = Status::Completed;
  long httpStatus = 0;
  std::string message;  // for failures: what went wrong, from libcurl
  double elapsedMs = 0;
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Once per response, before the first body byte (or at completion for an empty body).
  virtual void onResponseStart(long status, const HttpHeaders& headers) {}
  // Body bytes in arbitrary slices. Returning false aborts the transfer (result: Aborted).
  virtual bool onData(const char* data, size_t size) = 0;
  virtual void onComplete(const TransferResult& result) = 0;
};

namespace detail {
struct TransportCore;
}

class Transfer {
 public:
  // Thread-safe and idempotent. The handler's onComplete(Cancelled) follows on the event
  // thread within milliseconds, unless the transfer already finished.
  void cancel();
  bool finished() const { return m_finished.load(); }

 private:
  friend struct detail::TransportCore;
  friend class HttpTransport;
  std::weak_ptr<detail::TransportCore> m_core;
  std::atomic<bool> m_cancelled{false};
  std::atomic<bool> m_finished{false};
};

struct HttpResponse {
  TransferResult result;
  long status = 0;
  HttpHeaders headers;
  std::string body;
};

class HttpTransport {
 public:
  HttpTransport();
  ~HttpTransport();  // cancels every transfer and joins the event thread
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // Starts `request` after `delay` (used for retry backoff; a cancel during the delay ends it).
  std::shared_ptr<Transfer> start(HttpRequest request, std::shared_ptr<HttpHandler> handler,
                                  std::chrono::milliseconds delay = std::chrono::milliseconds(0));
  // Blocking convenience for small requests (model lists, embeddings). Not for the GUI thread.
  HttpResponse perform(HttpRequest request);

  // The process-wide transport.
  static std::shared_ptr<HttpTransport> shared();

 private:
  std::shared_ptr<detail::TransportCore> m_core;
};

}  // namespace partsmith::llm
