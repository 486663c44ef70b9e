#include "agent/cancel_token.h"

#include <vector>

namespace partsmith::agent {

void CancelToken::cancel() {
  std::vector<std::function<void()>> hooks;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_cancelled.exchange(true)) return;
    for (auto& entry : m_hooks) hooks.push_back(entry.second);
  }
  for (auto& hook : hooks) hook();
}

int CancelToken::addHook(std::function<void()> hook) {
  bool runNow = false;
  int id = 0;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    id = m_nextId++;
    m_hooks[id] = hook;
    runNow = m_cancelled.load();
  }
  if (runNow) hook();
  return id;
}

void CancelToken::removeHook(int id) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_hooks.erase(id);
}

}  // namespace partsmith::agent
