// API keys from the system keyring for code running off the GUI thread. qtkeychain's jobs
// are asynchronous and belong on a thread with a running event loop, and a locked keyring
// may wait for the person to unlock it — so the lookup runs as a job on the GUI thread (which
// never waits for it) while the asking thread waits, at most `timeoutMs`, and gives up at
// once when `abort` is set (a cancel or the window closing).
#pragma once
#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include <QPointer>

#include "llm/secret_store.h"

class QObject;

namespace partsmith::app {

class GuiKeyringSecrets : public llm::SecretStore {
 public:
  GuiKeyringSecrets(QObject* guiContext, std::shared_ptr<std::atomic<bool>> abort, int timeoutMs = 60000);
  std::optional<std::string> apiKey(const llm::ProviderConfig& provider) const override;
  std::string name() const override { return "system keyring"; }

 private:
  QPointer<QObject> m_context;
  std::shared_ptr<std::atomic<bool>> m_abort;
  int m_timeoutMs;
  mutable bool m_unavailable = false;  // one lookup timed out: do not wait again for the others
};

}  // namespace partsmith::app
