#include "app/unsaved_script_draft.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QPointer>
#include <QSaveFile>
#include <QThreadPool>
#include <QTimer>

namespace partsmith::app {

namespace {

constexpr int kFormatVersion = 1;

}  // namespace

UnsavedScriptDraft::UnsavedScriptDraft(QString filePath, QObject* parent)
    : QObject(parent),
      m_filePath(std::move(filePath)),
      m_timer(new QTimer(this)),
      m_io(std::make_unique<QThreadPool>()) {
  m_io->setMaxThreadCount(1);
  m_timer->setSingleShot(true);
  m_timer->setInterval(700);
  connect(m_timer, &QTimer::timeout, this, &UnsavedScriptDraft::writePending);
}

UnsavedScriptDraft::~UnsavedScriptDraft() { flush(); }

void UnsavedScriptDraft::schedule(ScriptDraft draft) {
  m_pending = std::move(draft);
  m_timer->start();
}

void UnsavedScriptDraft::clear() {
  m_timer->stop();
  m_pending.reset();
  const QString path = m_filePath;
  m_io->start([path] { QFile::remove(path); });
}

bool UnsavedScriptDraft::flush(int timeoutMs) {
  if (m_pending) {
    m_timer->stop();
    writePending();
  }
  return m_io->waitForDone(timeoutMs);
}

void UnsavedScriptDraft::writePending() {
  if (!m_pending) return;
  ScriptDraft d = std::move(*m_pending);
  m_pending.reset();
  d.savedMs = QDateTime::currentMSecsSinceEpoch();
  const QString path = m_filePath;
  QPointer<UnsavedScriptDraft> self(this);
  m_io->start([self, path, d] {
    QJsonObject o{{"version", kFormatVersion},
                  {"code", d.code},
                  {"path", d.path},
                  {"part_source", d.partSource},
                  {"saved_ms", QString::number(d.savedMs)}};
    QString error;
    QDir().mkpath(QFileInfo(path).absolutePath());
    // QSaveFile: a full disk or a kill mid-write keeps the previous draft whole.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
      error = file.errorString();
    } else {
      file.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
      if (!file.commit()) error = file.errorString();
    }
    if (error.isEmpty()) return;
    const QString message =
        UnsavedScriptDraft::tr("The unsaved script could not be kept in %1 (%2): save it (Ctrl+S) so it is not lost.")
            .arg(QDir::toNativeSeparators(path), error);
    QMetaObject::invokeMethod(
        qApp,
        [self, message] {
          if (self) emit self->writeFailed(message);
        },
        Qt::QueuedConnection);
  });
}

std::optional<ScriptDraft> UnsavedScriptDraft::read(const QString& filePath, QString* error) {
  QFile file(filePath);
  if (!file.exists()) return std::nullopt;
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) *error = file.errorString();
    return std::nullopt;
  }
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
  if (!doc.isObject()) {
    if (error) *error = tr("it is not a draft this version wrote (%1)").arg(parseError.errorString());
    return std::nullopt;
  }
  const QJsonObject o = doc.object();
  ScriptDraft d;
  d.code = o.value("code").toString();
  d.path = o.value("path").toString();
  d.partSource = o.value("part_source").toString();
  d.savedMs = o.value("saved_ms").toString().toLongLong();
  if (d.code.isEmpty()) return std::nullopt;
  return d;
}

}  // namespace partsmith::app
