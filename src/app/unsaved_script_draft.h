// The script being worked on when nothing else keeps it: no conversation holds it and its file
// (if it has one) is not saved. It is written to a small JSON file beside the history, off the
// GUI thread and in order, a moment after each edit, so closing or killing the app loses
// nothing: the next start brings it back, still marked unsaved ("hot exit", no question at close).
#pragma once
#include <memory>
#include <optional>

#include <QObject>
#include <QString>

class QThreadPool;
class QTimer;

namespace partsmith::app {

struct ScriptDraft {
  QString code;
  QString path;        // the file it was opened from or saved to; empty for none
  QString partSource;  // "example:<file>" when it started as an example
  qint64 savedMs = 0;
};

class UnsavedScriptDraft : public QObject {
  Q_OBJECT
 public:
  explicit UnsavedScriptDraft(QString filePath, QObject* parent = nullptr);
  ~UnsavedScriptDraft() override;  // writes what is pending

  const QString& filePath() const { return m_filePath; }
  // Keeps `draft` once the edits pause (700 ms), replacing the one kept before.
  void schedule(ScriptDraft draft);
  // Nothing to bring back: the pending write is dropped and the file removed.
  void clear();
  // Writes a scheduled draft now and waits for the writes (at close; bounded by `timeoutMs`).
  bool flush(int timeoutMs = 3000);
  bool hasPending() const { return m_pending.has_value(); }

  // Reads the kept draft; nullopt when there is none or it cannot be read (then `error` says why).
  // Does file I/O: call it off the GUI thread.
  static std::optional<ScriptDraft> read(const QString& filePath, QString* error = nullptr);

 signals:
  // A write failed (a full disk, a read-only folder): what and why, for the status bar.
  void writeFailed(const QString& message);

 private:
  void writePending();

  QString m_filePath;
  std::optional<ScriptDraft> m_pending;
  QTimer* m_timer = nullptr;
  std::unique_ptr<QThreadPool> m_io;  // one thread: writes and removals happen in order
};

}  // namespace partsmith::app
