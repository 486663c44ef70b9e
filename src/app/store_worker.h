// The app's disk thread: one store::Store connection opened on its own thread, running jobs
// one after another, with results handed back on the GUI thread. SQLite connections are one
// per thread (store/database.h), so the GUI thread never touches this connection and never
// waits for the disk; the history, rating, curation and checks widgets share one StoreWorker.
//
// A job's result is delivered only while its receiver is alive; a job that throws reports
// the error's text instead. Jobs still queued when the worker is destroyed are run first,
// so a delete or a rating the user made is never lost on close.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include <QObject>
#include <QPointer>
#include <QString>

#include "store/store.h"

namespace partsmith::app {

class StoreWorker : public QObject {
  Q_OBJECT
 public:
  // Opens `dbPath` (which must exist: the app's Store created it) on the worker thread.
  explicit StoreWorker(const QString& dbPath, QObject* parent = nullptr);
  ~StoreWorker() override;

  const QString& path() const { return m_path; }
  // Jobs queued or running; for tests and a busy indicator.
  int pending() const { return m_pending.load(); }

  // Runs `job` on the worker thread, then `done(result)` on the GUI thread if `receiver` is
  // still alive; `failed(message)` instead when the job throws (or the signal failed()).
  template <typename Result>
  void run(QObject* receiver, std::function<Result(store::Store&)> job, std::function<void(Result)> done,
           std::function<void(QString)> failed = {}) {
    auto result = std::make_shared<Result>();
    enqueue(receiver, [job = std::move(job), result](store::Store& s) { *result = job(s); },
            [done = std::move(done), result] {
              if (done) done(std::move(*result));
            },
            std::move(failed));
  }
  // A job without a result.
  void run(QObject* receiver, std::function<void(store::Store&)> job, std::function<void()> done = {},
           std::function<void(QString)> failed = {}) {
    enqueue(receiver, std::move(job), std::move(done), std::move(failed));
  }

 signals:
  // A job failed and its caller gave no handler: what was being done and why it failed.
  void failed(const QString& message);

 private:
  struct Job {
    QPointer<QObject> receiver;
    bool hadReceiver = false;
    std::function<void(store::Store&)> work;
    std::function<void()> done;
    std::function<void(QString)> failed;
  };
  void enqueue(QObject* receiver, std::function<void(store::Store&)> work, std::function<void()> done,
               std::function<void(QString)> failed);
  void loop();
  void deliver(std::shared_ptr<Job> job, std::exception_ptr error);

  QString m_path;
  std::unique_ptr<store::Store> m_store;  // created, used and destroyed on m_thread
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::shared_ptr<Job>> m_jobs;
  bool m_stop = false;
  std::atomic<int> m_pending{0};
  std::thread m_thread;
};

// The message of a store, kernel or standard exception, for the user.
QString describeError(std::exception_ptr error);

}  // namespace partsmith::app
