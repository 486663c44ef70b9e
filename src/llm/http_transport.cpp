#include "llm/http_transport.h"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <future>
#include <list>
#include <mutex>
#include <thread>

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include "llm/redaction.h"

namespace partsmith::llm {

using Clock = std::chrono::steady_clock;

std::string HttpHeaders::get(const std::string& name) const {
  for (const auto& [k, v] : entries)
    if (k == name) return v;
  return {};
}

bool HttpHeaders::has(const std::string& name) const {
  for (const auto& entry : entries)
    if (entry.first == name) return true;
  return false;
}

namespace detail {

namespace {

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::string envOr(const char* a, const char* b) {
  if (const char* v = std::getenv(a); v && *v) return v;
  if (const char* v = std::getenv(b); v && *v) return v;
  return {};
}

// Setting CURLOPT_NOPROXY replaces libcurl's reading of no_proxy, so merge both.
std::string noProxyList() {
  std::string list = envOr("no_proxy", "NO_PROXY");
  if (list == "*") return list;
  if (!list.empty()) list += ",";
  return list + "localhost,127.0.0.1,::1";
}

void ensureCurlGlobal() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

struct Active {
  std::shared_ptr<Transfer> transfer;
  std::shared_ptr<HttpHandler> handler;
  HttpRequest request;
  Clock::time_point startAt;
  Clock::time_point started;
  Clock::time_point lastActivity;
  CURL* easy = nullptr;
  curl_slist* headerList = nullptr;
  HttpHeaders headers;
  long status = 0;
  bool headDelivered = false;
  bool aborted = false;
  curl_off_t lastUp = 0;
  char errorBuffer[CURL_ERROR_SIZE] = {0};
};

struct TransportCore : std::enable_shared_from_this<TransportCore> {
  CURLM* multi = nullptr;
  std::mutex mutex;
  std::vector<std::unique_ptr<Active>> incoming;  // guarded by mutex
  bool stopping = false;                          // guarded by mutex
  std::list<std::unique_ptr<Active>> waiting;     // event thread only: delayed starts
  std::list<std::unique_ptr<Active>> running;     // event thread only
  std::thread thread;

  TransportCore() {
    ensureCurlGlobal();
    multi = curl_multi_init();
  }

  ~TransportCore() { curl_multi_cleanup(multi); }

  void wake() { curl_multi_wakeup(multi); }

  static size_t onHeader(char* data, size_t size, size_t n, void* user) {
    auto* a = static_cast<Active*>(user);
    const size_t len = size * n;
    a->lastActivity = Clock::now();
    std::string line(data, len);
    if (line.rfind("HTTP/", 0) == 0) {  // a new header block (after 100-continue or a redirect)
      a->headers.entries.clear();
      const size_t sp = line.find(' ');
      a->status = sp == std::string::npos ? 0 : std::atol(line.c_str() + sp + 1);
      return len;
    }
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      a->headers.entries.emplace_back(name, trim(line.substr(colon + 1)));
    }
    return len;
  }

  static void deliverHead(Active* a) {
    if (a->headDelivered) return;
    a->headDelivered = true;
    long code = 0;
    if (a->easy && curl_easy_getinfo(a->easy, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK && code > 0) a->status = code;
    a->handler->onResponseStart(a->status, a->headers);
  }

  static size_t onWrite(char* data, size_t size, size_t n, void* user) {
    auto* a = static_cast<Active*>(user);
    const size_t len = size * n;
    if (a->transfer->m_cancelled.load()) return 0;
    a->lastActivity = Clock::now();
    deliverHead(a);
    if (!a->handler->onData(data, len)) {
      a->aborted = true;
      return 0;
    }
    return len;
  }

  static int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t ulnow) {
    auto* a = static_cast<Active*>(user);
    if (ulnow != a->lastUp) {  // a large upload is activity too
      a->lastUp = ulnow;
      a->lastActivity = Clock::now();
    }
    return a->transfer->m_cancelled.load() ? 1 : 0;
  }

  bool setup(Active* a) {
    CURL* e = curl_easy_init();
    if (!e) return false;
    a->easy = e;
    const HttpRequest& r = a->request;
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, a);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, a->errorBuffer);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &TransportCore::onWrite);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &TransportCore::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, a);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, &TransportCore::onProgress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, a);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.connectTimeoutMs));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(r.totalTimeoutMs));
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "Partsmith/0.1 (libcurl)");
    if (!r.proxy.empty()) curl_easy_setopt(e, CURLOPT_PROXY, r.proxy.c_str());
    const std::string noProxy = noProxyList();
    curl_easy_setopt(e, CURLOPT_NOPROXY, noProxy.c_str());  // copied by libcurl
    if (r.method == "GET") {
      curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(e, CURLOPT_POST, 1L);
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
      if (r.method != "POST") curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    for (const auto& [k, v] : r.headers) a->headerList = curl_slist_append(a->headerList, (k + ": " + v).c_str());
    a->headerList = curl_slist_append(a->headerList, "Expect:");  // no 100-continue round trip
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, a->headerList);
    return true;
  }

  void finish(std::unique_ptr<Active> a, TransferResult result) {
    if (a->easy) {
      curl_multi_remove_handle(multi, a->easy);
      curl_easy_cleanup(a->easy);
      a->easy = nullptr;
    }
    if (a->headerList) curl_slist_free_all(a->headerList);
    a->headerList = nullptr;
    result.httpStatus = a->status;
    result.elapsedMs = std::chrono::duration<double, std::milli>(Clock::now() - a->started).count();
    if (!a->headDelivered && a->status > 0 && result.status == TransferResult::Status::Completed) deliverHead(a.get());
    a->transfer->m_finished = true;
    auto log = logger();
    if (result.status != TransferResult::Status::Completed)
      log->debug("{} {} ended: {} ({:.0f} ms)", a->request.method, a->request.url, result.message, result.elapsedMs);
    else
      log->debug("{} {} -> {} ({:.0f} ms)", a->request.method, a->request.url, result.httpStatus, result.elapsedMs);
    a->handler->onComplete(result);
  }

  void launch(std::unique_ptr<Active> a) {
    a->started = a->lastActivity = Clock::now();
    if (!setup(a.get())) {
      finish(std::move(a), {TransferResult::Status::NetworkError, 0, "could not create a libcurl handle", 0});
      return;
    }
    auto log = logger();
    if (log->should_log(spdlog::level::debug)) {
      std::string headers;
      for (const auto& [k, v] : a->request.headers) headers += "\n  " + k + ": " + v;
      log->debug("{} {} ({} bytes){}", a->request.method, a->request.url, a->request.body.size(), headers);
    }
    curl_multi_add_handle(multi, a->easy);
    running.push_back(std::move(a));
  }

  TransferResult resultFor(Active* a, CURLcode code) {
    TransferResult r;
    if (a->transfer->m_cancelled.load()) {
      r.status = TransferResult::Status::Cancelled;
      r.message = "cancelled";
      return r;
    }
    if (a->aborted) {
      r.status = TransferResult::Status::Aborted;
      r.message = "stopped by the reader";
      return r;
    }
    if (code == CURLE_OK) return r;
    r.message = a->errorBuffer[0] ? a->errorBuffer : curl_easy_strerror(code);
    double connectTime = 0;
    curl_easy_getinfo(a->easy, CURLINFO_CONNECT_TIME, &connectTime);
    switch (code) {
      case CURLE_COULDNT_CONNECT:
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
        r.status = TransferResult::Status::ConnectFailed;
        break;
      case CURLE_OPERATION_TIMEDOUT:
        r.status = connectTime <= 0 ? TransferResult::Status::ConnectFailed : TransferResult::Status::TimedOut;
        break;
      default: r.status = TransferResult::Status::NetworkError; break;
    }
    return r;
  }

  void run() {
    for (;;) {
      std::vector<std::unique_ptr<Active>> fresh;
      bool stop;
      {
        std::lock_guard<std::mutex> lock(mutex);
        fresh.swap(incoming);
        stop = stopping;
      }
      for (auto& a : fresh) waiting.push_back(std::move(a));
      if (stop) break;

      const auto now = Clock::now();
      for (auto it = waiting.begin(); it != waiting.end();) {
        if ((*it)->transfer->m_cancelled.load()) {
          auto a = std::move(*it);
          it = waiting.erase(it);
          a->started = Clock::now();
          finish(std::move(a), {TransferResult::Status::Cancelled, 0, "cancelled", 0});
        } else if ((*it)->startAt <= now) {
          auto a = std::move(*it);
          it = waiting.erase(it);
          launch(std::move(a));
        } else {
          ++it;
        }
      }

      int stillRunning = 0;
      curl_multi_perform(multi, &stillRunning);
      int queued = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
        if (msg->msg != CURLMSG_DONE) continue;
        for (auto it = running.begin(); it != running.end(); ++it) {
          if ((*it)->easy != msg->easy_handle) continue;
          auto a = std::move(*it);
          running.erase(it);
          TransferResult r = resultFor(a.get(), msg->data.result);
          finish(std::move(a), r);
          break;
        }
      }

      const auto after = Clock::now();
      for (auto it = running.begin(); it != running.end();) {
        Active* a = it->get();
        if (a->transfer->m_cancelled.load()) {
          auto owned = std::move(*it);
          it = running.erase(it);
          finish(std::move(owned), {TransferResult::Status::Cancelled, 0, "cancelled", 0});
        } else if (after - a->lastActivity > std::chrono::milliseconds(a->request.idleTimeoutMs)) {
          const std::string message =
              "no data received for " + std::to_string(a->request.idleTimeoutMs) + " ms";
          auto owned = std::move(*it);
          it = running.erase(it);
          finish(std::move(owned), {TransferResult::Status::IdleTimeout, 0, message, 0});
        } else {
          ++it;
        }
      }

      long timeoutMs = 100;  // idle-timeout resolution; cancel() wakes the poll at once
      for (const auto& a : waiting) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(a->startAt - Clock::now()).count();
        timeoutMs = std::max<long>(0, std::min<long>(timeoutMs, static_cast<long>(ms)));
      }
      curl_multi_poll(multi, nullptr, 0, static_cast<int>(timeoutMs), nullptr);
    }
    // Shutting down: everything still open ends as cancelled.
    while (!running.empty()) {
      auto a = std::move(running.front());
      running.pop_front();
      finish(std::move(a), {TransferResult::Status::Cancelled, 0, "the transport shut down", 0});
    }
    while (!waiting.empty()) {
      auto a = std::move(waiting.front());
      waiting.pop_front();
      finish(std::move(a), {TransferResult::Status::Cancelled, 0, "the transport shut down", 0});
    }
  }
};

}  // namespace detail

void Transfer::cancel() {
  m_cancelled = true;
  if (auto core = m_core.lock()) core->wake();
}

HttpTransport::HttpTransport() : m_core(std::make_shared<detail::TransportCore>()) {
  logger();  // constructed first so it outlives a static transport's shutdown logging
  // The thread owns the core too: the last reference to a transport may be dropped by a
  // handler running on this very thread.
  m_core->thread = std::thread([core = m_core] { core->run(); });
}

HttpTransport::~HttpTransport() {
  {
    std::lock_guard<std::mutex> lock(m_core->mutex);
    m_core->stopping = true;
  }
  m_core->wake();
  if (!m_core->thread.joinable()) return;
  if (m_core->thread.get_id() == std::this_thread::get_id())
    m_core->thread.detach();  // destroyed from a handler: the loop ends after this callback
  else
    m_core->thread.join();
}

std::shared_ptr<Transfer> HttpTransport::start(HttpRequest request, std::shared_ptr<HttpHandler> handler,
                                               std::chrono::milliseconds delay) {
  auto transfer = std::make_shared<Transfer>();
  transfer->m_core = m_core;
  auto a = std::make_unique<detail::Active>();
  a->transfer = transfer;
  a->handler = std::move(handler);
  a->request = std::move(request);
  a->startAt = Clock::now() + delay;
  {
    std::lock_guard<std::mutex> lock(m_core->mutex);
    if (m_core->stopping) {
      transfer->m_finished = true;
      a->handler->onComplete({TransferResult::Status::Cancelled, 0, "the transport shut down", 0});
      return transfer;
    }
    m_core->incoming.push_back(std::move(a));
  }
  m_core->wake();
  return transfer;
}

namespace {

class CollectingHandler : public HttpHandler {
 public:
  void onResponseStart(long status, const HttpHeaders& headers) override {
    m_response.status = status;
    m_response.headers = headers;
  }
  bool onData(const char* data, size_t size) override {
    m_response.body.append(data, size);
    return true;
  }
  void onComplete(const TransferResult& result) override {
    m_response.result = result;
    if (m_response.status == 0) m_response.status = result.httpStatus;
    m_done.set_value(m_response);
  }
  std::future<HttpResponse> future() { return m_done.get_future(); }

 private:
  HttpResponse m_response;
  std::promise<HttpResponse> m_done;
};

}  // namespace

HttpResponse HttpTransport::perform(HttpRequest request) {
  auto handler = std::make_shared<CollectingHandler>();
  auto future = handler->future();
  start(std::move(request), handler);
  return future.get();
}

std::shared_ptr<HttpTransport> HttpTransport::shared() {
  static std::shared_ptr<HttpTransport> transport = std::make_shared<HttpTransport>();
  return transport;
}

}  // namespace partsmith::llm
