// Cooperative cancellation shared by the pipeline's stages: a flag checked between steps and
// hooks that interrupt what is running now (the current LLM stream, the current kernel job).
#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace partsmith::agent {

class CancelToken {
 public:
  // Thread-safe and idempotent; runs every registered hook once.
  void cancel();
  bool cancelled() const { return m_cancelled.load(); }

  // The hook runs at cancel() (or at once when already cancelled) until it is removed.
  int addHook(std::function<void()> hook);
  void removeHook(int id);

 private:
  std::atomic<bool> m_cancelled{false};
  std::mutex m_mutex;
  std::map<int, std::function<void()>> m_hooks;
  int m_nextId = 1;
};

// Registers a hook for the lifetime of a scope.
class CancelHook {
 public:
  CancelHook(CancelToken& token, std::function<void()> hook) : m_token(token), m_id(token.addHook(std::move(hook))) {}
  ~CancelHook() { m_token.removeHook(m_id); }
  CancelHook(const CancelHook&) = delete;
  CancelHook& operator=(const CancelHook&) = delete;

 private:
  CancelToken& m_token;
  int m_id;
};

}  // namespace partsmith::agent
