#include "cli/scripted_llm_peer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace partsmith::cli {

namespace {

bool sendAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// The request's body length from its head ("content-length: N", any case); 0 when absent.
size_t contentLength(const std::string& head) {
  std::string lower(head.size(), '\0');
  std::transform(head.begin(), head.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const size_t at = lower.find("\r\ncontent-length:");
  if (at == std::string::npos) return 0;
  return static_cast<size_t>(std::strtoull(lower.c_str() + at + 17, nullptr, 10));
}

}  // namespace

ScriptedLlmPeer::ScriptedLlmPeer() {
  m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
  if (m_listen < 0) throw std::runtime_error(std::string("the scripted model server has no socket: ") + std::strerror(errno));
  const int one = 1;
  ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(m_listen, 16) != 0 ||
      ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    const std::string why = std::strerror(errno);
    ::close(m_listen);
    throw std::runtime_error("the scripted model server could not listen on 127.0.0.1: " + why);
  }
  m_port = ntohs(addr.sin_port);
  m_acceptor = std::thread([this] { acceptLoop(); });
}

ScriptedLlmPeer::~ScriptedLlmPeer() {
  m_stopping = true;
  ::shutdown(m_listen, SHUT_RDWR);
  if (m_acceptor.joinable()) m_acceptor.join();
  ::close(m_listen);
  std::vector<std::thread> connections;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    connections.swap(m_connections);
  }
  for (auto& t : connections)
    if (t.joinable()) t.join();
}

std::string ScriptedLlmPeer::baseUrl() const { return "http://127.0.0.1:" + std::to_string(m_port); }

void ScriptedLlmPeer::enqueue(PeerReply reply) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_queue.push_back(std::move(reply));
}

size_t ScriptedLlmPeer::pending() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_queue.size();
}

std::vector<std::string> ScriptedLlmPeer::requests() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_requests;
}

void ScriptedLlmPeer::acceptLoop() {
  while (!m_stopping) {
    pollfd p{m_listen, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int fd = ::accept(m_listen, nullptr, nullptr);
    if (fd < 0) continue;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_connections.emplace_back([this, fd] { serve(fd); });
  }
}

void ScriptedLlmPeer::serve(int fd) {
  std::string data;
  char buf[16384];
  size_t headEnd = std::string::npos;
  size_t need = 0;
  while (!m_stopping) {
    if (headEnd == std::string::npos) {
      headEnd = data.find("\r\n\r\n");
      if (headEnd != std::string::npos) need = headEnd + 4 + contentLength(data.substr(0, headEnd + 2));
    }
    if (headEnd != std::string::npos && data.size() >= need) break;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      ::close(fd);
      return;
    }
    data.append(buf, static_cast<size_t>(n));
  }
  PeerReply reply;
  bool found = false;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_requests.push_back(headEnd == std::string::npos ? std::string() : data.substr(headEnd + 4));
    if (!m_queue.empty()) {
      reply = std::move(m_queue.front());
      m_queue.pop_front();
      found = true;
    }
  }
  auto pause = [this](std::chrono::milliseconds d) {
    const auto until = std::chrono::steady_clock::now() + d;
    while (!m_stopping && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          std::chrono::milliseconds(5), until - std::chrono::steady_clock::now()));
  };
  if (!found) {
    const std::string body = R"({"type":"error","error":{"type":"not_found_error","message":"the benchmark script has no reply left"}})";
    const std::string head = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
    sendAll(fd, head.data(), head.size()) && sendAll(fd, body.data(), body.size());
    ::close(fd);
    return;
  }
  pause(reply.firstByteDelay);
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                           "Connection: close\r\n\r\n";
  bool ok = sendAll(fd, head.data(), head.size());
  const size_t pieces = std::max<size_t>(1, reply.pieces);
  const size_t size = (reply.body.size() + pieces - 1) / pieces;
  for (size_t at = 0; ok && at < reply.body.size(); at += size) {
    if (at > 0) pause(reply.pieceDelay);
    ok = sendAll(fd, reply.body.data() + at, std::min(size, reply.body.size() - at));
  }
  ++m_served;
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

}  // namespace partsmith::cli
