#include "app/store_worker.h"

#include <QMetaObject>

#include "store/store_error.h"

namespace partsmith::app {

StoreWorker::StoreWorker(const QString& dbPath, QObject* parent) : QObject(parent), m_path(dbPath) {
  m_thread = std::thread([this] { loop(); });
}

StoreWorker::~StoreWorker() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void StoreWorker::enqueue(QObject* receiver, std::function<void(store::Store&)> work, std::function<void()> done,
                          std::function<void(QString)> failed) {
  auto job = std::make_shared<Job>();
  job->receiver = receiver;
  job->hadReceiver = receiver != nullptr;
  job->work = std::move(work);
  job->done = std::move(done);
  job->failed = std::move(failed);
  ++m_pending;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_jobs.push_back(std::move(job));
  }
  m_wake.notify_one();
}

void StoreWorker::loop() {
  std::exception_ptr openError;
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
      // Queued jobs run even when stopping: they are the user's decisions.
      if (m_jobs.empty()) break;
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
    }
    std::exception_ptr error;
    try {
      if (!m_store && !openError) {
        try {
          store::StoreOptions options;
          options.create = false;  // the app's own Store made the file; a missing one is an error
          options.seedLibrary = false;
          options.autoBackup = false;
          options.checkIntegrity = false;  // the app's Store checked it on open
          m_store = std::make_unique<store::Store>(m_path.toStdString(), options);
        } catch (...) {
          openError = std::current_exception();
        }
      }
      if (openError) std::rethrow_exception(openError);
      job->work(*m_store);
    } catch (...) {
      error = std::current_exception();
    }
    deliver(std::move(job), error);
  }
  m_store.reset();
}

void StoreWorker::deliver(std::shared_ptr<Job> job, std::exception_ptr error) {
  bool stopping;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    stopping = m_stop;
  }
  // While the destructor waits for the thread, the GUI thread cannot run deliveries.
  if (stopping) {
    --m_pending;
    return;
  }
  // The job moves into the delivery, so it (and what its callbacks captured) dies on the GUI thread.
  QMetaObject::invokeMethod(
      this,
      [this, job = std::move(job), error] {
        --m_pending;
        if (job->hadReceiver && !job->receiver) return;  // the widget is gone
        if (error) {
          const QString message = describeError(error);
          if (job->failed) job->failed(message);
          else emit failed(message);
        } else if (job->done) {
          job->done();
        }
      },
      Qt::QueuedConnection);
}

QString describeError(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const store::StoreError& e) {
    return QString::fromStdString(e.what());
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  } catch (...) {
    return QObject::tr("an unknown error happened");
  }
}

}  // namespace partsmith::app
