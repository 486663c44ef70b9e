// The app's history database: opened once at start on a background thread with the full
// checks (create the file and seed the example library on first run, integrity check,
// migrations, automatic backup), then handed to a StoreWorker for the widgets' reads and
// writes. The path is $PARTSMITH_DB or the XDG default (`partsmith --db` sets it).
#pragma once
#include <memory>

#include <QObject>
#include <QString>

namespace partsmith::app {

class StoreWorker;

class AppStore : public QObject {
  Q_OBJECT
 public:
  // `path` empty: store::defaultDatabasePath().
  explicit AppStore(QString path = {}, QObject* parent = nullptr);
  ~AppStore() override;

  const QString& path() const { return m_path; }
  // Starts opening; opened() follows on the GUI thread.
  void open();
  bool isOpen() const { return m_worker != nullptr; }
  const QString& error() const { return m_error; }
  // The shared store thread, once open (else null).
  StoreWorker* worker() const { return m_worker.get(); }

 signals:
  void opened(bool ok, const QString& message);

 private:
  QString m_path;
  QString m_error;
  std::unique_ptr<StoreWorker> m_worker;
};

}  // namespace partsmith::app
