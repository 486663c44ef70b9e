// Runs an export through the ScriptRunner (the kernel worker writes the file, off the GUI
// thread), shows a progress dialog with Cancel when it takes longer than a moment, and reports
// each file written as an ExportRecord the window hands to the store.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <nlohmann/json.hpp>

#include "app/run_outcome.h"
#include "app/script_runner.h"

class QProgressDialog;
class QTimer;
class QWidget;

namespace partsmith::app {

struct ExportRecord {
  std::string format;  // "STL", "STEP", "3MF" or "JS"
  std::string path;
  // {"tolerance": mm (0 = automatic), "angular_tolerance_deg", "merged", "ascii_stl", "per_part_files"}
  nlohmann::json options = nlohmann::json::object();
  std::int64_t bytes = 0;  // size of the written file
  double elapsedMs = 0;    // request to file written
  std::string code;        // the script the file was made from (what identifies the part)
  std::uint64_t requestId = 0;  // ExportController::start's id (0 for a saved script)

  // For an export request and the file it wrote (size read from the disk).
  static ExportRecord fromRequest(const ExportRequest& request, const std::string& writtenPath, double elapsedMs = 0);
  // For a saved script (.js).
  static ExportRecord forScript(const std::string& path, double elapsedMs = 0);
};

class ExportController : public QObject {
  Q_OBJECT
 public:
  // `progressParent` hosts the progress dialog (may be null: no dialog).
  ExportController(ScriptRunner* runner, QWidget* progressParent, QObject* parent = nullptr);
  ~ExportController() override;

  // Queues the export of `source`'s parts; returns the runner's request id.
  std::uint64_t start(const std::string& source, const ExportRequest& request);
  bool isBusy() const { return !m_pending.empty(); }
  // Cancels the export running or queued first (what the progress dialog shows): a cancelled
  // export writes no file and leaves no temporary file behind. Returns false if none is pending.
  bool cancelCurrent();
  // How long to wait before showing the progress dialog (ms).
  void setProgressDelay(int ms) { m_progressDelayMs = ms; }
  QProgressDialog* progressDialog() const { return m_progress; }

 signals:
  // "Exporting part.step… 3 s": for a status bar.
  void progressText(const QString& text);
  // One per file written; connect to the store.
  void exported(const partsmith::app::ExportRecord& record);
  // The request ended: ok, and what to tell the person.
  void finished(bool ok, const QString& message);

 private:
  void onExportFinished(std::shared_ptr<const RunOutcome> outcome);
  void tick();

  ScriptRunner* m_runner;
  QPointer<QWidget> m_progressParent;
  QProgressDialog* m_progress = nullptr;
  QTimer* m_timer = nullptr;
  int m_progressDelayMs = 400;
  struct Pending {
    ExportRequest request;
    std::string source;
    QElapsedTimer clock;
    std::filesystem::file_time_type startedAt;  // to tell this export's temporary files from older ones
  };
  std::map<std::uint64_t, Pending> m_pending;
  std::set<std::uint64_t> m_cancelling;  // asked again on every tick until the reply comes
};

}  // namespace partsmith::app

Q_DECLARE_METATYPE(partsmith::app::ExportRecord)
