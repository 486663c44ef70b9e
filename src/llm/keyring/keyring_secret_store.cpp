#include "llm/keyring/keyring_secret_store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <qt6keychain/keychain.h>

#include <spdlog/spdlog.h>

#include "llm/redaction.h"

namespace partsmith::llm {

namespace {

// qtkeychain reports through signals; the callers here want an answer, so wait for it.
void runToCompletion(QKeychain::Job& job) {
  job.setAutoDelete(false);
  QEventLoop loop;
  QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
  job.start();
  loop.exec();
}

bool haveApplication() {
  if (QCoreApplication::instance()) return true;
  logger()->warn("the system keyring needs a running Qt application; API keys come from the environment only");
  return false;
}

}  // namespace

KeyringSecretStore::KeyringSecretStore(std::string service) : m_service(std::move(service)) {}

std::optional<std::string> KeyringSecretStore::apiKey(const ProviderConfig& provider) const {
  if (!haveApplication()) return std::nullopt;
  QKeychain::ReadPasswordJob job(QString::fromStdString(m_service));
  job.setKey(QString::fromStdString(provider.id));
  runToCompletion(job);
  if (job.error() == QKeychain::NoError) {
    std::string key = job.textData().trimmed().toStdString();
    if (key.empty()) return std::nullopt;
    registerSecret(key);
    return key;
  }
  if (job.error() != QKeychain::EntryNotFound)
    logger()->warn("could not read the API key of '{}' from the system keyring: {}", provider.id,
                   job.errorString().toStdString());
  return std::nullopt;
}

std::string KeyringSecretStore::storeApiKey(const std::string& providerId, const std::string& key) const {
  if (!haveApplication()) return "the system keyring needs a running Qt application";
  registerSecret(key);
  QKeychain::WritePasswordJob job(QString::fromStdString(m_service));
  job.setKey(QString::fromStdString(providerId));
  job.setTextData(QString::fromStdString(key));
  runToCompletion(job);
  if (job.error() == QKeychain::NoError) return {};
  return "could not store the API key of '" + providerId + "' in the system keyring: " + job.errorString().toStdString();
}

std::string KeyringSecretStore::removeApiKey(const std::string& providerId) const {
  if (!haveApplication()) return "the system keyring needs a running Qt application";
  QKeychain::DeletePasswordJob job(QString::fromStdString(m_service));
  job.setKey(QString::fromStdString(providerId));
  runToCompletion(job);
  if (job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound) return {};
  return "could not remove the API key of '" + providerId + "' from the system keyring: " + job.errorString().toStdString();
}

}  // namespace partsmith::llm
