#include "app/export_controller.h"

#include <algorithm>
#include <chrono>

#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>
#include <QTimer>

#include "io/exporter.h"

namespace partsmith::app {

namespace {

std::string formatOf(const std::string& path) {
  const QString suffix = QFileInfo(QString::fromStdString(path)).suffix().toLower();
  if (suffix == "stl") return "STL";
  if (suffix == "step" || suffix == "stp") return "STEP";
  if (suffix == "3mf") return "3MF";
  if (suffix == "js") return "JS";
  if (suffix == "brep" || suffix == "brp") return "BREP";
  return suffix.toUpper().toStdString();
}

QString firstError(const RunOutcome& outcome) {
  if (outcome.errors.empty()) return QObject::tr("the worker wrote no file");
  const auto& e = outcome.errors.front();
  QString text = QString::fromStdString(e.message);
  if (!e.hint.empty()) text += QStringLiteral(" (%1)").arg(QString::fromStdString(e.hint));
  return text;
}

bool wasCancelled(const RunOutcome& outcome) {
  return std::any_of(outcome.errors.begin(), outcome.errors.end(),
                     [](const script::ScriptError& e) { return e.kind == "cancelled"; });
}

}  // namespace

ExportRecord ExportRecord::fromRequest(const ExportRequest& request, const std::string& writtenPath, double elapsedMs) {
  ExportRecord r;
  r.path = writtenPath;
  r.format = formatOf(writtenPath);
  r.options = {{"tolerance", request.tolerance},
               {"angular_tolerance_deg", request.angularToleranceDeg},
               {"merged", request.merged},
               {"ascii_stl", request.asciiStl},
               {"per_part_files", request.perPartFiles}};
  r.bytes = QFileInfo(QString::fromStdString(writtenPath)).size();
  r.elapsedMs = elapsedMs;
  return r;
}

ExportRecord ExportRecord::forScript(const std::string& path, double elapsedMs) {
  ExportRecord r;
  r.path = path;
  r.format = "JS";
  r.bytes = QFileInfo(QString::fromStdString(path)).size();
  r.elapsedMs = elapsedMs;
  return r;
}

ExportController::ExportController(ScriptRunner* runner, QWidget* progressParent, QObject* parent)
    : QObject(parent), m_runner(runner), m_progressParent(progressParent) {
  m_timer = new QTimer(this);
  m_timer->setInterval(250);
  connect(m_timer, &QTimer::timeout, this, &ExportController::tick);
  connect(runner, &ScriptRunner::exportFinished, this, &ExportController::onExportFinished);
}

ExportController::~ExportController() { delete m_progress; }

std::uint64_t ExportController::start(const std::string& source, const ExportRequest& request) {
  const std::uint64_t id = m_runner->runExport(source, {request});
  // A second early: file times come from the kernel's coarser clock.
  Pending pending{request, source, {}, std::filesystem::file_time_type::clock::now() - std::chrono::seconds(1)};
  pending.clock.start();
  m_pending[id] = pending;
  m_timer->start();
  tick();
  return id;
}

bool ExportController::cancelCurrent() {
  if (m_pending.empty()) return false;
  const std::uint64_t id = m_pending.begin()->first;
  m_cancelling.insert(id);
  m_runner->cancelExport(id);
  emit progressText(tr("Cancelling the export…"));
  return true;
}

void ExportController::tick() {
  if (m_pending.empty()) {
    m_timer->stop();
    if (m_progress) m_progress->hide();
    return;
  }
  for (const std::uint64_t id : m_cancelling) m_runner->cancelExport(id);
  const Pending& oldest = m_pending.begin()->second;
  const QString name = QFileInfo(QString::fromStdString(oldest.request.path)).fileName();
  const qint64 ms = oldest.clock.elapsed();
  const QString text = ms < 1000 ? tr("Exporting %1…").arg(name) : tr("Exporting %1… %2 s").arg(name).arg(ms / 1000);
  emit progressText(text);
  if (ms < m_progressDelayMs || !m_progressParent) return;
  if (!m_progress) {
    // Busy indicator: the worker writes the file in one step and reports no fraction.
    m_progress = new QProgressDialog(m_progressParent);
    m_progress->setObjectName("exportProgress");
    m_progress->setWindowTitle(tr("Export"));
    m_progress->setRange(0, 0);
    m_progress->setCancelButtonText(tr("Cancel"));
    connect(m_progress, &QProgressDialog::canceled, this, [this] { cancelCurrent(); });
    m_progress->setWindowModality(Qt::NonModal);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
  }
  const bool cancelling = m_cancelling.count(m_pending.begin()->first) > 0;
  const QString label = cancelling ? tr("Cancelling %1…").arg(name) : text;
  m_progress->setLabelText(m_pending.size() > 1 ? label + tr(" (%1 queued)").arg(m_pending.size() - 1) : label);
  if (!m_progress->isVisible()) {
    m_progress->reset();  // a cancelled dialog stays "cancelled" until reset
    m_progress->show();
  }
}

void ExportController::onExportFinished(std::shared_ptr<const RunOutcome> outcome) {
  auto it = m_pending.find(outcome->id);
  if (it == m_pending.end()) return;  // someone else's export
  const Pending pending = it->second;
  m_pending.erase(it);
  m_cancelling.erase(outcome->id);
  if (wasCancelled(*outcome)) {
    // The killed worker's half-written files are its own, made since the export started.
    io::removeTemporaryFiles(pending.request.path, pending.startedAt);
    tick();
    const QString name = QFileInfo(QString::fromStdString(pending.request.path)).fileName();
    emit finished(false, pending.request.perPartFiles
                             ? tr("Export of %1 cancelled: the part files finished before it were kept").arg(name)
                             : tr("Export of %1 cancelled: no file was written").arg(name));
    return;
  }
  const double elapsed = double(pending.clock.elapsed());
  QStringList files;
  for (const auto& path : outcome->outputs) {
    ExportRecord record = ExportRecord::fromRequest(pending.request, path, elapsed);
    record.code = pending.source;
    record.requestId = outcome->id;
    emit exported(record);
    files << QDir::toNativeSeparators(QString::fromStdString(path));
  }
  const bool ok = outcome->ok && !outcome->outputs.empty();
  tick();
  emit finished(ok, ok ? tr("Exported %1").arg(files.join(", ")) : tr("Export failed: %1").arg(firstError(*outcome)));
}

}  // namespace partsmith::app
