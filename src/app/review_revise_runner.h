// Runs a review queue edit (workbench::ReviewReviser: kernel run, evaluation, store) on a
// background thread that keeps its own store connection and a warm kernel worker, so the GUI
// never waits for the kernel, a judge model or the disk. The models come from the app's
// settings, read for every edit (the settings dialog may have changed them); API keys from the
// environment, then the system keyring. Results come back on the GUI thread.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include <QObject>
#include <QString>

#include "app/app_settings.h"
#include "workbench/review_reviser.h"

namespace partsmith::app {

struct PipelineResources;

class ReviewReviseRunner : public QObject {
  Q_OBJECT
 public:
  // `dbPath`: the app's store (already created). Renders of edits are kept in a
  // "review-renders" folder beside it.
  explicit ReviewReviseRunner(QString dbPath, SettingsLocation settings = {}, QObject* parent = nullptr);
  ~ReviewReviseRunner() override;  // cancels what runs and waits for it to end

  bool busy() const { return m_busy; }
  // Queues the edit; false (and nothing happens) while another one runs.
  bool start(qint64 exampleId, const QString& code);
  void cancel();
  void setSettingsLocation(SettingsLocation settings) { m_settings = std::move(settings); }

 signals:
  void progress(const QString& message);
  // The edit ran (stored or not: see the result's `stored`, `error` and `scriptErrors`).
  void finished(std::shared_ptr<const partsmith::workbench::RevisionResult> result);
  // It could not run at all: the item left the queue, the settings file is broken, the store failed.
  void failed(qint64 exampleId, const QString& message);

 private:
  void loop();
  std::shared_ptr<workbench::RevisionResult> revise(int64_t exampleId, const std::string& code,
                                                    const SettingsLocation& settings);

  QString m_dbPath;
  SettingsLocation m_settings;
  bool m_busy = false;
  std::unique_ptr<PipelineResources> m_resources;  // created, used and destroyed on m_thread

  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::function<void()>> m_jobs;
  bool m_stop = false;
  workbench::ReviewReviser* m_current = nullptr;
  std::shared_ptr<std::atomic<bool>> m_abortKeys = std::make_shared<std::atomic<bool>>(false);
  std::thread m_thread;
};

}  // namespace partsmith::app
