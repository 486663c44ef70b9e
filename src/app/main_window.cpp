#include "app/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSaveFile>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QThreadPool>
#include <QToolBar>
#include <QVBoxLayout>

#include "app/code_editor.h"
#include "app/export_dialog.h"
#include "app/occt_viewport.h"
#include "app/parameters_panel.h"
#include "app/script_runner.h"
#include "script/parameter_parser.h"

// The resources live in a static library: nothing references their initialiser, so the
// linker would drop it without this call (outside any namespace, as Qt requires).
static void initAppResources() { Q_INIT_RESOURCE(partsmith_app); }

namespace partsmith::app {

namespace {

const char* kExampleResource = ":/partsmith/examples/mounting_bracket.js";

QString formatMm(double v) { return QString::number(v, 'f', std::abs(v) >= 100 ? 1 : 2); }

QString errorLine(const script::ScriptError& e) {
  QString text = e.line > 0 ? QObject::tr("Line %1: %2").arg(e.line).arg(QString::fromStdString(e.message))
                            : QString::fromStdString(e.message);
  if (!e.hint.empty()) text += QStringLiteral(" — ") + QString::fromStdString(e.hint);
  return text;
}

// Runs `work` on the thread pool and `done` with its result back on `context`'s thread,
// unless `context` is gone by then.
template <typename Result, typename Work, typename Done>
void runInBackground(QObject* context, Work work, Done done) {
  QPointer<QObject> guard(context);
  QThreadPool::globalInstance()->start([guard, work = std::move(work), done = std::move(done)]() mutable {
    auto result = std::make_shared<Result>(work());
    if (!guard) return;
    QMetaObject::invokeMethod(
        guard.data(), [guard, result, done = std::move(done)]() mutable {
          if (guard) done(*result);
        },
        Qt::QueuedConnection);
  });
}

struct FileResult {
  bool ok = false;
  QString text;   // contents read
  QString error;  // what went wrong, in the user's terms
};

FileResult readTextFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {false, {}, QObject::tr("cannot open %1: %2").arg(path, file.errorString())};
  const QByteArray data = file.readAll();
  if (file.error() != QFileDevice::NoError)
    return {false, {}, QObject::tr("cannot read %1: %2").arg(path, file.errorString())};
  return {true, QString::fromUtf8(data), {}};
}

FileResult writeTextFile(const QString& path, const QString& text) {
  // QSaveFile: a full disk or a crash mid-write leaves the old file intact.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return {false, {}, QObject::tr("cannot write %1: %2").arg(path, file.errorString())};
  file.write(text.toUtf8());
  if (!file.commit()) return {false, {}, QObject::tr("cannot save %1: %2").arg(path, file.errorString())};
  return {true, {}, {}};
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_runner(std::make_unique<ScriptRunner>()) {
  initAppResources();
  setObjectName("mainWindow");
  setWindowIcon(QIcon(":/partsmith/icons/partsmith.svg"));
  resize(1280, 800);
  buildLayout();
  buildActions();
  connect(m_runner.get(), &ScriptRunner::previewFinished, this, &MainWindow::onPreviewFinished);
  connect(m_runner.get(), &ScriptRunner::exportFinished, this, &MainWindow::onExportFinished);
  connect(m_runner.get(), &ScriptRunner::busyChanged, this, [this](bool busy) {
    if (busy) m_timingLabel->setText(tr("running…"));
  });
  m_runner->warmUp();
  updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout() {
  m_viewport = new OcctViewport(this);
  m_viewport->setObjectName("viewport");
  connect(m_viewport, &OcctViewport::pickChanged, this, &MainWindow::onPickChanged);
  connect(m_viewport, &OcctViewport::viewError, this, [this](const QString& message) { setStatus(message, true); });

  m_parameters = new ParametersPanel(this);
  connect(m_parameters, &ParametersPanel::valueChanged, this, &MainWindow::onParameterChanged);
  connect(m_parameters, &ParametersPanel::valuesReset, this, [this] { applyParameterValues(m_parameters->values()); });

  auto* codePage = new QWidget(this);
  auto* codeLayout = new QVBoxLayout(codePage);
  codeLayout->setContentsMargins(0, 0, 0, 0);
  m_editor = new CodeEditor(codePage);
  connect(m_editor->document(), &QTextDocument::modificationChanged, this, &MainWindow::updateTitle);
  m_problems = new QListWidget(codePage);
  m_problems->setObjectName("problems");
  m_problems->setMaximumHeight(110);
  m_problems->hide();
  connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    m_editor->goToLine(item->data(Qt::UserRole).toInt(), item->data(Qt::UserRole + 1).toInt());
    m_editor->setFocus();
  });
  codeLayout->addWidget(m_editor, 1);
  codeLayout->addWidget(m_problems);

  m_tabs = new QTabWidget(this);
  m_tabs->addTab(m_parameters, tr("Parameters"));
  m_tabs->addTab(codePage, tr("Code"));

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(m_viewport);
  splitter->addWidget(m_tabs);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  splitter->setSizes({760, 480});
  setCentralWidget(splitter);

  m_statusLabel = new QLabel(this);
  m_timingLabel = new QLabel(this);
  m_timingLabel->setMinimumWidth(m_timingLabel->fontMetrics().horizontalAdvance("00000 ms (kernel 00000 ms)"));
  m_timingLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  statusBar()->addWidget(m_statusLabel, 1);
  statusBar()->addPermanentWidget(m_timingLabel);
}

void MainWindow::buildActions() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::chooseOpenFile);
  file->addAction(tr("Open &example"), this, &MainWindow::loadExample);
  file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { saveFile(); });
  file->addAction(tr("Save &as…"), QKeySequence::SaveAs, this, &MainWindow::chooseSaveFile);
  file->addSeparator();
  QAction* exportAction = file->addAction(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                                          &MainWindow::showExportDialog);
  exportAction->setObjectName("exportAction");
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* scriptMenu = menuBar()->addMenu(tr("&Script"));
  QAction* run = scriptMenu->addAction(tr("&Run"), QKeySequence(Qt::CTRL | Qt::Key_R), this, &MainWindow::runCode);
  run->setObjectName("runAction");
  run->setShortcutContext(Qt::WindowShortcut);
  scriptMenu->addAction(tr("Show &code"), QKeySequence(Qt::CTRL | Qt::Key_2), this, [this] { m_tabs->setCurrentIndex(1); });
  scriptMenu->addAction(tr("Show &parameters"), QKeySequence(Qt::CTRL | Qt::Key_1), this,
                        [this] { m_tabs->setCurrentIndex(0); });

  QMenu* view = menuBar()->addMenu(tr("&View"));
  auto* toolbar = addToolBar(tr("View"));
  toolbar->setObjectName("viewToolbar");
  QAction* fit = view->addAction(tr("&Fit all"), QKeySequence(Qt::Key_F), m_viewport, &OcctViewport::fitAll);
  toolbar->addAction(fit);
  toolbar->addSeparator();
  const std::pair<const char*, QKeySequence> views[] = {
      {"iso", QKeySequence(Qt::Key_0)},   {"front", QKeySequence(Qt::Key_1)}, {"back", QKeySequence(Qt::CTRL | Qt::Key_1)},
      {"right", QKeySequence(Qt::Key_3)}, {"left", QKeySequence(Qt::CTRL | Qt::Key_3)},
      {"top", QKeySequence(Qt::Key_7)},   {"bottom", QKeySequence(Qt::CTRL | Qt::Key_7)}};
  for (const auto& [name, key] : views) {
    QString label = QString::fromLatin1(name);
    label[0] = label[0].toUpper();
    QAction* action = view->addAction(label, key, this, [this, n = QString::fromLatin1(name)] { m_viewport->setStandardView(n); });
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_viewport->addAction(action);
    toolbar->addAction(action);
  }
  fit->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  m_viewport->addAction(fit);
  toolbar->addSeparator();
  m_perspectiveAction = view->addAction(tr("&Perspective"), QKeySequence(Qt::Key_P), m_viewport, &OcctViewport::setPerspective);
  m_perspectiveAction->setCheckable(true);
  m_perspectiveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  m_viewport->addAction(m_perspectiveAction);
  toolbar->addAction(m_perspectiveAction);
  toolbar->addSeparator();
  m_copyReferenceAction = view->addAction(tr("&Copy picked reference"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this, [this] {
    if (m_lastReference) QApplication::clipboard()->setText(QString::fromStdString(m_lastReference->text()));
  });
  m_copyReferenceAction->setEnabled(false);
  m_copyReferenceAction->setToolTip(tr("Copy the picked face or edge as a selector reference"));
  toolbar->addAction(m_copyReferenceAction);
  view->addAction(tr("Clear pick"), QKeySequence(Qt::Key_Escape), m_viewport, &OcctViewport::clearPick);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&Mouse and keys"), this, [this] {
    QMessageBox::information(this, tr("Mouse and keys"),
                             tr("Left drag: rotate · Right or middle drag: pan · Wheel: zoom at the cursor\n"
                                "Click: pick a face or edge (Ctrl+Shift+C copies its reference)\n"
                                "F: fit all · 0 iso · 1 front · 3 right · 7 top (Ctrl: opposite) · P: perspective\n"
                                "Sliders: drag or arrow keys; hold Shift for a tenth of a step\n"
                                "Ctrl+R: run the code · Ctrl+E: export"));
  });
  help->addAction(tr("&About Partsmith"), this, [this] {
    QMessageBox::about(this, tr("About Partsmith"),
                       tr("<b>Partsmith</b> %1<br>Parametric CAD scripts on OpenCASCADE.<br>Graphics: %2")
                           .arg(QApplication::applicationVersion(), m_viewport->glInfo().toHtmlEscaped()));
  });
}

void MainWindow::loadExample() {
  QFile file(kExampleResource);  // compiled in: no disk access
  if (!file.open(QIODevice::ReadOnly)) {
    setStatus(tr("The bundled example is missing from this build."), true);
    return;
  }
  loadScript(QString::fromUtf8(file.readAll()), {});
  setStatus(tr("Example: an L bracket. Drag the sliders, or edit the code and press Ctrl+R."));
}

void MainWindow::loadScript(const QString& source, const QString& path) {
  m_scriptPath = path;
  m_editor->setPlainText(source);
  m_editor->document()->setModified(false);
  m_editor->clearErrorMarks();
  m_parameters->takeDefaultsFromNextRun();
  m_viewport->fitOnNextParts();
  updateTitle();
  requestRun(RunReason::Load);
}

void MainWindow::openFile(const QString& path) {
  setStatus(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
  runInBackground<FileResult>(this, [path] { return readTextFile(path); }, [this, path](const FileResult& result) {
    if (!result.ok) {
      setStatus(result.error, true);
      emit fileLoaded(path, false);
      return;
    }
    loadScript(result.text, path);
    setStatus(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
    emit fileLoaded(path, true);
  });
}

void MainWindow::saveFile(const QString& path) {
  const QString target = path.isEmpty() ? m_scriptPath : path;
  if (target.isEmpty()) {
    chooseSaveFile();
    return;
  }
  const QString text = m_editor->toPlainText();
  const int revision = m_editor->document()->revision();
  runInBackground<FileResult>(this, [target, text] { return writeTextFile(target, text); },
                              [this, target, revision](const FileResult& result) {
                                if (result.ok) {
                                  m_scriptPath = target;
                                  // Typing during the write keeps the document dirty.
                                  if (m_editor->document()->revision() == revision) m_editor->document()->setModified(false);
                                  setStatus(tr("Saved %1").arg(QDir::toNativeSeparators(target)));
                                } else {
                                  setStatus(result.error, true);
                                }
                                updateTitle();
                                emit fileSaved(target, result.ok);
                              });
}

void MainWindow::chooseOpenFile() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open script"), QFileInfo(m_scriptPath).path(),
                                                    tr("JavaScript CAD scripts (*.js);;All files (*)"));
  if (!path.isEmpty()) openFile(path);
}

void MainWindow::chooseSaveFile() {
  QString suggestion = m_scriptPath.isEmpty()
                           ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + "/part.js"
                           : m_scriptPath;
  const QString path = QFileDialog::getSaveFileName(this, tr("Save script"), suggestion, tr("JavaScript (*.js)"));
  if (!path.isEmpty()) saveFile(path);
}

void MainWindow::runCode() {
  requestRun(RunReason::Code);
  setStatus(tr("Running…"));
}

void MainWindow::requestRun(RunReason reason) {
  const std::uint64_t id = m_runner->runPreview(m_editor->toPlainText().toStdString());
  m_reasons[id] = reason;
}

void MainWindow::onParameterChanged(const QString& name, const script::ParamValue& value) {
  applyParameterValues({{name.toStdString(), value}});
}

void MainWindow::applyParameterValues(const std::map<std::string, script::ParamValue>& values) {
  try {
    const std::string updated = script::applyParameterOverrides(m_editor->toPlainText().toStdString(), values);
    m_editor->replaceTextMinimally(QString::fromStdString(updated));
  } catch (const script::ParameterError& e) {
    // The code was edited so the parameter is gone or changed type: run what is there.
    setStatus(tr("Parameter %1: %2 — press Ctrl+R to refresh the sliders from the code")
                  .arg(QString::fromStdString(e.parameter()), QString::fromUtf8(e.what())),
              true);
    return;
  }
  requestRun(RunReason::Parameter);
}

void MainWindow::onPreviewFinished(std::shared_ptr<const RunOutcome> outcome) {
  RunReason reason = RunReason::Code;
  if (auto it = m_reasons.find(outcome->id); it != m_reasons.end()) {
    reason = it->second;
    m_reasons.erase(m_reasons.begin(), std::next(it));  // older ids were dropped by the runner
  }
  m_lastPreview = outcome;

  // A failed run keeps the last good part on screen; the errors say what went wrong.
  if (!outcome->parts.empty() || outcome->ok) {
    m_viewport->setParts(outcome->parts);
    if (outcome->box.valid)
      m_viewport->setDimensionsText(tr("X %1 × Y %2 × Z %3 mm")
                                        .arg(formatMm(outcome->box.size(0)), formatMm(outcome->box.size(1)),
                                             formatMm(outcome->box.size(2))));
    else
      m_viewport->setDimensionsText({});
  }
  if (!outcome->parameters.empty() || reason != RunReason::Parameter)
    m_parameters->setParameters(outcome->parameters, reason != RunReason::Parameter);
  showErrors(*outcome);
  m_timingLabel->setText(tr("%1 ms (kernel %2 ms)").arg(qRound(outcome->roundTripMs + outcome->loadMs)).arg(qRound(outcome->workerMs)));
  if (outcome->ok && reason != RunReason::Parameter)
    setStatus(outcome->parts.empty() ? tr("The script ran but showed no parts: call show(part).")
                                     : tr("%n part(s)", nullptr, int(outcome->parts.size())));
  emit previewApplied(outcome->id, outcome->ok);
}

void MainWindow::showErrors(const RunOutcome& outcome) {
  std::vector<CodeMark> marks;
  m_problems->clear();
  for (const auto& e : outcome.errors) {
    auto* item = new QListWidgetItem(errorLine(e), m_problems);
    item->setData(Qt::UserRole, e.line);
    item->setData(Qt::UserRole + 1, e.column);
    item->setForeground(QColor(176, 0, 32));
    if (e.line > 0) marks.push_back({e.line, e.column, QString::fromStdString(e.message + (e.hint.empty() ? "" : "\n" + e.hint))});
  }
  m_editor->setErrorMarks(marks);
  m_problems->setVisible(!outcome.errors.empty());
  if (!outcome.errors.empty()) setStatus(errorLine(outcome.errors.front()), true);
}

void MainWindow::onPickChanged(int partIndex) {
  const std::uint64_t serial = ++m_pickSerial;
  TopoDS_Shape subShape;
  if (partIndex < 0 || !m_lastPreview || !m_viewport->pickedSubShape(partIndex, subShape) ||
      partIndex >= int(m_lastPreview->parts.size())) {
    m_lastReference.reset();
    m_copyReferenceAction->setEnabled(false);
    return;
  }
  const kernel::Part part = m_lastPreview->parts[partIndex];
  m_viewport->setPickText(tr("Picked %1 of %2…").arg(subShape.ShapeType() == TopAbs_FACE ? tr("a face") : tr("an edge"),
                                                    QString::fromStdString(part.name)));
  // Finding a selector evaluates dozens of them over the part: off the GUI thread.
  runInBackground<std::optional<SelectionReference>>(
      this,
      [part, subShape, partIndex]() -> std::optional<SelectionReference> {
        try {
          return describeSelection(part.shape, subShape, part.name, partIndex);
        } catch (const std::exception&) {
          return std::nullopt;
        }
      },
      [this, serial](const std::optional<SelectionReference>& ref) {
        if (serial != m_pickSerial) return;  // picked something else meanwhile
        m_lastReference = ref;
        m_copyReferenceAction->setEnabled(ref.has_value());
        if (!ref) {
          m_viewport->setPickText({});
          return;
        }
        const QString text = QString::fromStdString(ref->text());
        m_viewport->setPickText(text);
        setStatus(tr("Picked %1 — Ctrl+Shift+C copies the reference").arg(QString::fromStdString(ref->summary())));
        emit referencePicked(text);
      });
}

void MainWindow::showExportDialog() {
  if (!m_lastPreview || m_lastPreview->parts.empty()) {
    setStatus(tr("Nothing to export yet: run the script first (Ctrl+R)."), true);
    return;
  }
  QString base = m_scriptPath.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + "/" +
                                              QString::fromStdString(m_lastPreview->parts.front().name)
                                        : QFileInfo(m_scriptPath).path() + "/" + QFileInfo(m_scriptPath).completeBaseName();
  auto* dialog = new ExportDialog(base + ".stl", int(m_lastPreview->parts.size()), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    if (dialog->isScript())
      exportScriptTo(dialog->path());
    else
      exportTo(dialog->request());
  });
  dialog->open();
}

void MainWindow::exportTo(const ExportRequest& request) {
  m_exportId = m_runner->runExport(m_editor->toPlainText().toStdString(), {request});
  setStatus(tr("Exporting %1…").arg(QDir::toNativeSeparators(QString::fromStdString(request.path))));
}

void MainWindow::exportScriptTo(const QString& path) {
  const QString text = m_editor->toPlainText();
  runInBackground<FileResult>(this, [path, text] { return writeTextFile(path, text); }, [this, path](const FileResult& r) {
    const QString message = r.ok ? tr("Exported the script to %1").arg(QDir::toNativeSeparators(path)) : r.error;
    setStatus(message, !r.ok);
    emit exportDone(r.ok, message);
  });
}

void MainWindow::onExportFinished(std::shared_ptr<const RunOutcome> outcome) {
  QString message;
  if (outcome->ok && !outcome->outputs.empty()) {
    QStringList files;
    for (const auto& p : outcome->outputs) files << QDir::toNativeSeparators(QString::fromStdString(p));
    message = tr("Exported %1").arg(files.join(", "));
  } else {
    message = outcome->errors.empty() ? tr("The export wrote no file") : tr("Export failed: %1").arg(errorLine(outcome->errors.front()));
  }
  setStatus(message, !outcome->ok);
  emit exportDone(outcome->ok, message);
}

void MainWindow::updateTitle() {
  const QString name = m_scriptPath.isEmpty() ? tr("untitled") : QFileInfo(m_scriptPath).fileName();
  setWindowTitle(QStringLiteral("%1%2 — Partsmith").arg(name, m_editor->document()->isModified() ? "*" : ""));
}

void MainWindow::setStatus(const QString& text, bool error) {
  m_statusLabel->setText(text);
  m_statusLabel->setStyleSheet(error ? "color: #b00020;" : "");
}

void MainWindow::closeEvent(QCloseEvent* event) {
  // Nothing to ask yet: the script lives in the editor and the file; the store keeps versions
  // once conversations exist.
  QMainWindow::closeEvent(event);
}

}  // namespace partsmith::app
