#include "llm_test_server.h"

#include <algorithm>
#include <condition_variable>
#include <random>
#include <stdexcept>

#include <httplib.h>

namespace partsmith::test {

ScriptedResponse ScriptedResponse::sse(const std::string& body, size_t chunkSize, std::chrono::milliseconds delay) {
  ScriptedResponse r;
  r.chunkDelay = delay;
  if (chunkSize == 0) chunkSize = std::max<size_t>(body.size(), 1);
  for (size_t pos = 0; pos < body.size(); pos += chunkSize) r.chunks.push_back(body.substr(pos, chunkSize));
  return r;
}

ScriptedResponse ScriptedResponse::sseRandomChunks(const std::string& body, size_t maxChunk, unsigned seed) {
  ScriptedResponse r;
  std::mt19937 gen(seed);
  std::uniform_int_distribution<size_t> size(1, std::max<size_t>(maxChunk, 1));
  for (size_t pos = 0; pos < body.size();) {
    const size_t n = std::min(size(gen), body.size() - pos);
    r.chunks.push_back(body.substr(pos, n));
    pos += n;
  }
  return r;
}

ScriptedResponse ScriptedResponse::json(int status, const nlohmann::json& body) {
  ScriptedResponse r;
  r.status = status;
  r.contentType = "application/json";
  r.chunks.push_back(body.dump());
  return r;
}

ScriptedResponse& ScriptedResponse::header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string ReceivedRequest::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

nlohmann::json ReceivedRequest::json() const { return nlohmann::json::parse(body); }

LlmTestServer::LlmTestServer() : m_server(std::make_unique<httplib::Server>()) {
  // One request per connection: a kept-alive idle connection would hold stop() for a second.
  m_server->set_keep_alive_max_count(1);
  m_server->set_keep_alive_timeout(1);
  auto route = [this](const char* method) {
    return [this, method](const httplib::Request& req, httplib::Response& res) { handle(method, &req, &res); };
  };
  m_server->Get(".*", route("GET"));
  m_server->Post(".*", route("POST"));
  m_port = m_server->bind_to_any_port("127.0.0.1");
  if (m_port <= 0) throw std::runtime_error("the LLM test server could not bind a port on 127.0.0.1");
  m_thread = std::thread([this] { m_server->listen_after_bind(); });
  for (int i = 0; i < 200 && !m_server->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

LlmTestServer::~LlmTestServer() {
  m_stopping = true;
  m_server->stop();
  if (m_thread.joinable()) m_thread.join();
}

std::string LlmTestServer::baseUrl() const { return "http://127.0.0.1:" + std::to_string(m_port); }

void LlmTestServer::enqueue(const std::string& path, ScriptedResponse response) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_queues[path].push_back(std::move(response));
}

void LlmTestServer::setDefault(const std::string& path, ScriptedResponse response) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_defaults[path] = std::move(response);
}

void LlmTestServer::setResponder(const std::string& path, Responder responder) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_responders[path] = std::move(responder);
}

std::vector<ReceivedRequest> LlmTestServer::requests() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_requests;
}

size_t LlmTestServer::requestCount() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_requests.size();
}

void LlmTestServer::waitForRequests(size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (requestCount() < count && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void LlmTestServer::handle(const std::string& method, const void* request, void* response) {
  const auto& req = *static_cast<const httplib::Request*>(request);
  auto& res = *static_cast<httplib::Response*>(response);
  ReceivedRequest logged;
  logged.method = method;
  logged.path = req.path;
  if (!req.params.empty()) {
    std::string query;
    for (const auto& [k, v] : req.params) query += (query.empty() ? "?" : "&") + k + "=" + v;
    logged.path += query;
  }
  for (const auto& [k, v] : req.headers) {
    std::string lower = k;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    logged.headers.emplace(lower, v);
  }
  logged.body = req.body;
  logged.receivedAt = std::chrono::steady_clock::now();

  ScriptedResponse script;
  bool found = false;
  Responder responder;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_requests.push_back(logged);
    auto q = m_queues.find(req.path);
    if (q != m_queues.end() && !q->second.empty()) {
      script = std::move(q->second.front());
      q->second.pop_front();
      found = true;
    } else if (auto r = m_responders.find(req.path); r != m_responders.end()) {
      responder = r->second;
    } else if (auto d = m_defaults.find(req.path); d != m_defaults.end()) {
      script = d->second;
      found = true;
    }
  }
  if (responder) {
    script = responder(logged);
    found = true;
  }
  if (!found) {
    res.status = 404;
    res.set_content(R"({"error":{"message":"no scripted response for )" + req.path + R"(","type":"not_found_error"}})",
                    "application/json");
    return;
  }
  res.status = script.status;
  for (const auto& [k, v] : script.headers) res.set_header(k, v);

  // Sleeps in small steps so a stopping server or a departed client ends the response quickly.
  auto pause = [this](std::chrono::milliseconds total, httplib::DataSink* sink) {
    const auto until = std::chrono::steady_clock::now() + total;
    while (std::chrono::steady_clock::now() < until) {
      if (m_stopping.load() || (sink && !sink->is_writable())) return false;
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          std::chrono::milliseconds(2), until - std::chrono::steady_clock::now()));
    }
    return true;
  };

  if (script.chunks.size() <= 1 && script.chunkDelay.count() == 0 && !script.dropConnection &&
      script.contentType != "text/event-stream") {
    if (!pause(script.firstByteDelay, nullptr)) return;
    res.set_content(script.chunks.empty() ? std::string() : script.chunks.front(), script.contentType.c_str());
    return;
  }
  auto shared = std::make_shared<ScriptedResponse>(std::move(script));
  auto next = std::make_shared<size_t>(0);
  res.set_chunked_content_provider(
      shared->contentType, [this, shared, next, pause](size_t, httplib::DataSink& sink) {
        if (*next == 0 && !pause(shared->firstByteDelay, &sink)) {
          ++m_abandoned;
          return false;
        }
        if (*next > 0 && !pause(shared->chunkDelay, &sink)) {
          ++m_abandoned;
          return false;
        }
        if (*next < shared->chunks.size()) {
          const std::string& piece = shared->chunks[(*next)++];
          if (!sink.write(piece.data(), piece.size())) {
            ++m_abandoned;
            return false;
          }
          return true;
        }
        if (shared->dropConnection) return false;  // no terminating chunk: the client sees a broken body
        sink.done();
        return true;
      });
}

std::string LlmTestServer::anthropicSse(const std::vector<nlohmann::json>& events) {
  std::string body;
  for (const auto& e : events) body += "event: " + e.value("type", std::string("message")) + "\ndata: " + e.dump() + "\n\n";
  return body;
}

std::string LlmTestServer::openAiSse(const std::vector<nlohmann::json>& chunks, bool done) {
  std::string body;
  for (const auto& c : chunks) body += "data: " + c.dump() + "\n\n";
  if (done) body += "data: [DONE]\n\n";
  return body;
}

}  // namespace partsmith::test
