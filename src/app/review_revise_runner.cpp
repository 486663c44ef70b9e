#include "app/pipeline_resources.h"
#include "app/review_revise_runner.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaObject>

#include "agent/model_resolver.h"
#include "agent/prompt_library.h"
#include "app/gui_keyring_secrets.h"
#include "app/store_worker.h"
#include "llm/secret_store.h"
#include "store/store.h"
#include "worker/client/kernel_client.h"

namespace partsmith::app {

ReviewReviseRunner::ReviewReviseRunner(QString dbPath, SettingsLocation settings, QObject* parent)
    : QObject(parent), m_dbPath(std::move(dbPath)), m_settings(std::move(settings)) {
  qRegisterMetaType<std::shared_ptr<const workbench::RevisionResult>>();
  m_thread = std::thread([this] { loop(); });
}

ReviewReviseRunner::~ReviewReviseRunner() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
    m_abortKeys->store(true);
    if (m_current) m_current->cancel();
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void ReviewReviseRunner::loop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
      if (m_stop) break;
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
    }
    job();
  }
  m_resources.reset();  // the store connection and the kernel worker end on their own thread
}

bool ReviewReviseRunner::start(qint64 exampleId, const QString& code) {
  if (m_busy) return false;
  m_busy = true;
  m_abortKeys->store(false);
  const SettingsLocation settings = m_settings;
  const std::string text = code.toStdString();
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_jobs.push_back([this, exampleId, text, settings] {
      std::shared_ptr<workbench::RevisionResult> result;
      QString error;
      try {
        result = revise(exampleId, text, settings);
      } catch (...) {
        error = describeError(std::current_exception());
      }
      QMetaObject::invokeMethod(
          this,
          [this, exampleId, result, error] {
            m_busy = false;
            if (result) emit finished(result);
            else emit failed(exampleId, error);
          },
          Qt::QueuedConnection);
    });
  }
  m_wake.notify_one();
  return true;
}

void ReviewReviseRunner::cancel() {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_abortKeys->store(true);
  if (m_current) m_current->cancel();
}

std::shared_ptr<workbench::RevisionResult> ReviewReviseRunner::revise(int64_t exampleId, const std::string& code,
                                                                      const SettingsLocation& location) {
  if (!m_resources) m_resources = PipelineResources::open(m_dbPath);
  // Read for every edit: the settings dialog may have changed models or switches since.
  const AppSettings settings = AppSettingsStore(location).load();
  llm::ChainedSecretStore secrets({std::make_shared<llm::EnvironmentSecretStore>(),
                                   std::make_shared<GuiKeyringSecrets>(this, m_abortKeys, 60000)});
  workbench::ReviseSettings revise;
  revise.models = agent::resolveModels(settings.llm, secrets, {}).models;
  revise.reviewEnabled = settings.pipeline.reviewEnabled;
  revise.visualEnabled = settings.pipeline.visualEnabled;
  revise.renderWidth = settings.pipeline.renderWidth;
  revise.renderHeight = settings.pipeline.renderHeight;
  revise.renderDir = (QFileInfo(m_dbPath).absolutePath() + QStringLiteral("/review-renders")).toStdString();

  workbench::ReviewReviser reviser(*m_resources->store, m_resources->kernel, *m_resources->prompts, revise);
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_current = &reviser;
    if (m_abortKeys->load()) reviser.cancel();  // cancelled while the keys were looked up
  }
  auto progressSink = [this](const agent::ProgressEvent& e) {
    if (e.kind == "delta") return;
    const QString message = QString::fromStdString(e.message);
    QMetaObject::invokeMethod(this, [this, message] { emit progress(message); }, Qt::QueuedConnection);
  };
  std::shared_ptr<workbench::RevisionResult> result;
  try {
    result = std::make_shared<workbench::RevisionResult>(reviser.revise(exampleId, code, progressSink));
  } catch (...) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_current = nullptr;
    throw;
  }
  std::lock_guard<std::mutex> lock(m_mutex);
  m_current = nullptr;
  return result;
}

}  // namespace partsmith::app
