#include "app/gui_keyring_secrets.h"

#include <chrono>
#include <future>

#include <QMetaObject>
#include <QObject>
#include <QString>

#ifdef PARTSMITH_HAVE_KEYRING
#include <qt6keychain/keychain.h>
#endif

#include "llm/redaction.h"

namespace partsmith::app {

GuiKeyringSecrets::GuiKeyringSecrets(QObject* guiContext, std::shared_ptr<std::atomic<bool>> abort, int timeoutMs)
    : m_context(guiContext), m_abort(std::move(abort)), m_timeoutMs(timeoutMs) {}

std::optional<std::string> GuiKeyringSecrets::apiKey(const llm::ProviderConfig& provider) const {
#ifdef PARTSMITH_HAVE_KEYRING
  if (!m_context || m_unavailable) return std::nullopt;
  auto promise = std::make_shared<std::promise<std::optional<std::string>>>();
  std::future<std::optional<std::string>> answer = promise->get_future();
  const QString key = QString::fromStdString(provider.id);
  // The same service and key names as llm::KeyringSecretStore, which the settings dialog writes.
  QMetaObject::invokeMethod(
      m_context.data(),
      [promise, key] {
        auto* job = new QKeychain::ReadPasswordJob(QStringLiteral("partsmith"));
        job->setAutoDelete(true);
        job->setKey(key);
        QObject::connect(job, &QKeychain::Job::finished, [promise, job] {
          std::optional<std::string> value;
          if (job->error() == QKeychain::NoError) {
            const std::string text = job->textData().trimmed().toStdString();
            if (!text.empty()) value = text;
          }
          promise->set_value(value);
        });
        job->start();
      },
      Qt::QueuedConnection);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_timeoutMs);
  while (answer.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
    if ((m_abort && m_abort->load()) || !m_context) return std::nullopt;
    if (std::chrono::steady_clock::now() > deadline) {
      m_unavailable = true;
      return std::nullopt;
    }
  }
  std::optional<std::string> value = answer.get();
  if (value) llm::registerSecret(*value);  // never in a log
  return value;
#else
  (void)provider;
  return std::nullopt;
#endif
}

}  // namespace partsmith::app
