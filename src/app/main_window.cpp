#include "app/main_window.h"

#include <variant>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>
#include <QTextCursor>
#include <QPointer>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QThreadPool>
#include <QDateTime>
#include <QLocale>
#include <QTextDocument>
#include <QToolBar>

#include <Standard_Failure.hxx>
#include <QVBoxLayout>

#include "app/app_settings.h"
#include "app/app_store.h"
#include "app/chat_input.h"
#include "app/chat_pane.h"
#include "app/chat_snapshot.h"
#include "app/checks_panel.h"
#include "app/code_editor.h"
#include "app/curation_dialog.h"
#include "app/export_controller.h"
#include "app/export_dialog.h"
#include "app/generation_controller.h"
#include "app/history_panel.h"
#include "app/occt_viewport.h"
#include "app/parameters_panel.h"
#include "app/rating_widget.h"
#include "app/recent_exports_dialog.h"
#include "app/script_runner.h"
#include "app/section_plane_tool.h"
#include "app/settings_dialog.h"
#include "app/store_worker.h"
#include "app/unsaved_script_draft.h"
#include "kernel/facts.h"
#include "kernel/shape_utils.h"
#include "app/viewport_actions.h"
#include "app/workbench_window.h"
#include "script/parameter_parser.h"
#include "store/generation_repository.h"
#include "store/store.h"

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

MainWindow::MainWindow(QWidget* parent) : MainWindow(MainWindowOptions{}, parent) {}

MainWindow::MainWindow(MainWindowOptions options, QWidget* parent)
    : QMainWindow(parent),
      m_runner(std::make_unique<ScriptRunner>()),
      m_settings(std::make_unique<AppSettingsStore>(SettingsLocation{options.settingsPath, options.iniPath})),
      m_options(std::move(options)) {
  initAppResources();
  // The theme first, so the widgets are built in it; "system" needs nothing. A broken settings
  // file keeps the system look (the settings dialog reports it).
  try {
    const Theme theme = m_settings->load().theme;
    if (theme != Theme::System) applyTheme(theme);
  } catch (const std::exception&) {
  }
  setObjectName("mainWindow");
  setWindowIcon(QIcon(":/partsmith/icons/partsmith.svg"));
  resize(1280, 800);
  buildLayout();
  buildActions();
  connect(m_runner.get(), &ScriptRunner::previewFinished, this, &MainWindow::onPreviewFinished);
  m_exporter = new ExportController(m_runner.get(), this, this);
  connect(m_exporter, &ExportController::progressText, this, [this](const QString& text) { setStatus(text); });
  connect(m_exporter, &ExportController::finished, this, [this](bool ok, const QString& message) {
    setStatus(message, !ok);
    emit exportDone(ok, message);
  });
  connect(m_exporter, &ExportController::exported, this, [this](const ExportRecord& record) {
    auto it = m_exportContexts.find(record.requestId);
    recordExport(record, it != m_exportContexts.end() ? it->second : exportContext());
  });
  connect(m_exporter, &ExportController::finished, this, [this] {
    if (!m_exporter->isBusy()) m_exportContexts.clear();  // every export of the queue has ended
  });
  connect(m_runner.get(), &ScriptRunner::busyChanged, this, [this](bool busy) {
    if (busy) m_timingLabel->setText(tr("running…"));
  });
  m_runner->warmUp();
  updateTitle();

  // The history opens in the background; the chat can send once it is open.
  m_store = std::make_unique<AppStore>(m_options.dbPath);
  connect(m_store.get(), &AppStore::opened, this, &MainWindow::onStoreOpened);
  m_store->open();
}

MainWindow::~MainWindow() {
  // The generation thread ends first (it cancels what runs). The panes that write through the
  // store thread (a pending delete, a rating) go before it, and it then writes what is queued.
  m_generation.reset();
  qDeleteAll(findChildren<CurationDialog*>(QString(), Qt::FindDirectChildrenOnly));
  qDeleteAll(findChildren<WorkbenchWindow*>(QString(), Qt::FindDirectChildrenOnly));
  qDeleteAll(findChildren<SettingsDialog*>(QString(), Qt::FindDirectChildrenOnly));  // it uses m_settings
  delete m_history;
  delete m_rating;
  delete m_checks;
  m_history = nullptr;
  m_rating = nullptr;
  m_checks = nullptr;
  m_store.reset();
  // The draft writes what is pending; nothing reschedules it while the children go.
  disconnect(m_editor, nullptr, this, nullptr);
  disconnect(m_editor->document(), nullptr, this, nullptr);
  delete m_draft;
  m_draft = nullptr;
}

void MainWindow::onStoreOpened(bool ok, const QString& message) {
  if (!ok) {
    m_chat->setStoreError(message);
    setStatus(tr("The history cannot be opened: %1").arg(message), true);
    emit storeReady(false);
    return;
  }
  m_generation = std::make_unique<GenerationController>(m_store->path(), m_settings->location());
  connect(m_generation.get(), &GenerationController::busyChanged, this, [this](bool busy) {
    if (!busy && m_closeWhenStopped) close();
  });
  buildStorePanes();
  // Connected before the chat's own handler: the checks and the rating follow the generation
  // that just ended, also when it failed and brought no code.
  connect(m_generation.get(), &GenerationController::finished, this, [this](std::shared_ptr<const ChatReply> reply) {
    if (reply->generationId > 0) setCurrentGeneration(reply->generationId);
    m_history->refresh();  // the new version
  });
  connect(m_generation.get(), &GenerationController::turnStored, m_history, [this] { m_history->refresh(); });
  m_chat->attach(m_generation.get(), m_store->worker());
  m_curateAction->setEnabled(true);
  m_recentExportsAction->setEnabled(true);
  m_workbenchAction->setEnabled(true);
  // A script left unsaved last time comes back, else the last conversation, unless a script
  // was opened or edited meanwhile.
  m_draft = new UnsavedScriptDraft(QFileInfo(m_store->path()).absolutePath() + QStringLiteral("/unsaved-script.json"), this);
  connect(m_draft, &UnsavedScriptDraft::writeFailed, this, [this](const QString& message) { setStatus(message, true); });
  const QString draftFile = m_draft->filePath();
  runInBackground<std::optional<ScriptDraft>>(
      this, [draftFile] { return UnsavedScriptDraft::read(draftFile); },
      [this](const std::optional<ScriptDraft>& draft) {
        const bool untouched = m_restoreLast && m_scriptPath.isEmpty() && !m_editor->document()->isModified() &&
                               !m_chat->conversationId();
        if (untouched && draft) restoreDraft(*draft);
        else if (untouched) m_chat->restoreLast();
        else keepDraft();  // edits made before the history was open
      });
  emit storeReady(true);
}

void MainWindow::loadGeneratedCode(const QString& code) {
  loadScript(code, {});
  m_viewport->fitOnNextPartsIfOutOfView();  // a new version of the part keeps the user's camera
  m_codeIsBranchBase = false;
  m_tabs->setCurrentIndex(0);  // the sliders of the new part
}

void MainWindow::buildStorePanes() {
  StoreWorker& worker = *m_store->worker();
  m_history = new HistoryPanel(worker, this);
  m_history->setObjectName("historyPanel");
  connect(m_history, &HistoryPanel::openGeneration, this, &MainWindow::openGeneration);
  connect(m_history, &HistoryPanel::conversationActivated, this, &MainWindow::showConversation);
  connect(m_history, &HistoryPanel::branchFrom, this, &MainWindow::branchFromGeneration);
  connect(m_history, &HistoryPanel::errorOccurred, this, [this](const QString& message) { setStatus(message, true); });
  connect(m_history, &HistoryPanel::conversationRenamed, m_chat, &ChatPane::conversationRenamed);
  connect(m_history, &HistoryPanel::conversationDeleted, this, [this](qint64 id) {
    // Its generation would go on writing into a conversation that is going away.
    if (m_chat->busy() && m_chat->conversationId() == std::optional<int64_t>(id)) {
      m_history->undoDelete();
      setStatus(tr("A generation is running in “%1”: stop it (Ctrl+.) before deleting the conversation.").arg(m_chat->title()),
                true);
    }
  });
  connect(m_history, &HistoryPanel::conversationRemoved, this, [this](qint64 id) {
    if (m_chat->conversationId() != std::optional<int64_t>(id) || m_chat->busy()) return;
    // The part stays on screen as unsaved code; its version, ratings and exports went with the conversation.
    m_chat->newConversation();
    setCurrentGeneration(0);
  });
  const bool historyShown = m_leftTabs->currentWidget() == m_historyPage;
  m_leftTabs->removeTab(m_leftTabs->indexOf(m_historyPage));
  m_historyPage->deleteLater();
  m_historyPage = m_history;
  m_leftTabs->addTab(m_history, tr("History"));
  if (historyShown) m_leftTabs->setCurrentWidget(m_history);

  m_checks = new ChecksPanel(worker);
  m_checks->setObjectName("checksPanel");
  connect(m_checks, &ChecksPanel::errorOccurred, this, [this](const QString& message) { setStatus(message, true); });
  m_rating = new RatingWidget(worker);
  m_rating->setObjectName("ratingWidget");
  connect(m_rating, &RatingWidget::errorOccurred, this, [this](const QString& message) { setStatus(message, true); });
  auto* layout = static_cast<QVBoxLayout*>(m_checksPage->layout());
  delete m_checksPage->findChild<QLabel*>("checksPlaceholder");
  layout->addWidget(m_checks, 1);
  auto* rateLabel = new QLabel(tr("<b>Your rating</b> of this version"), m_checksPage);
  rateLabel->setContentsMargins(6, 4, 6, 0);
  layout->addWidget(rateLabel);
  layout->addWidget(m_rating);
  m_rating->setGeneration(0);
}

void MainWindow::setCurrentGeneration(qint64 generationId) {
  m_generationId = generationId;
  m_versionCode = generationId > 0 ? m_editor->toPlainText() : QString();
  if (m_checks && generationId > 0) {
    m_checks->setLiveFacts(nullptr);  // until the part differs from the version
    // The code shown may be the version's with sliders moved since (a restored conversation):
    // compare against what the version itself ran.
    withGenerationCode(generationId, [this, generationId](const QString& code) {
      if (m_generationId != generationId || code.isEmpty()) return;
      m_versionCode = code;
      m_liveFactsTimer->start();
    });
  }
  if (!m_checks) return;
  if (generationId > 0) {
    m_checks->showGeneration(generationId);  // re-read: the record may have grown since
    if (m_rating->generationId() != generationId) m_rating->setGeneration(generationId);
  } else {
    m_checks->clear();
    m_rating->setGeneration(0);
  }
}

void MainWindow::withGenerationCode(qint64 generationId, std::function<void(const QString&)> done) {
  if (!m_store || !m_store->worker()) return;
  m_store->worker()->run<std::string>(
      this, [generationId](store::Store& s) { return s.generations().get(generationId).finalCode.value_or(std::string()); },
      [done = std::move(done)](std::string code) { done(QString::fromStdString(code)); },
      [this, generationId](const QString& message) {
        setStatus(tr("Version %1 cannot be read: %2").arg(generationId).arg(message), true);
      });
}

namespace {

// A version to open and, when it has one, its conversation as the chat shows it.
struct OpenedVersion {
  QString code;
  std::optional<int64_t> conversationId;
  ChatSnapshot conversation;
};

}  // namespace

void MainWindow::openGeneration(qint64 generationId) {
  if (!m_store || !m_store->worker()) return;
  m_store->worker()->run<OpenedVersion>(
      this,
      [generationId](store::Store& s) {
        OpenedVersion v;
        const store::Generation g = s.generations().get(generationId);
        v.code = QString::fromStdString(g.finalCode.value_or(std::string()));
        v.conversationId = g.conversationId;
        // Read now in case it is another conversation than the chat's when this arrives.
        if (g.conversationId) v.conversation = ChatSnapshot::load(s, *g.conversationId);
        return v;
      },
      [this, generationId](OpenedVersion v) {
        const bool otherConversation =
            v.conversationId && v.conversation.found && m_chat->conversationId() != v.conversationId;
        if (otherConversation && m_chat->busy()) {
          setStatus(tr("A generation is running: wait for it or stop it (Ctrl+.) before opening a version of "
                       "another conversation."),
                    true);
          return;
        }
        if (otherConversation) {
          // The chat follows the version: its conversation's messages and timeline, and
          // follow-ups go there and edit this version. Its part comes through codeReady.
          ChatSnapshot snapshot = std::move(v.conversation);
          if (!v.code.isEmpty()) {
            snapshot.code = v.code.toStdString();
            snapshot.generationId = generationId;
          }
          m_chat->showSnapshot(snapshot);
        }
        if (v.code.isEmpty()) {
          // A failed version: its checks say what went wrong; the part shown stays.
          setCurrentGeneration(generationId);
          m_tabs->setCurrentWidget(m_checksPage);
          setStatus(tr("Version %1 has no code that runs; its checks are shown.").arg(generationId), true);
          return;
        }
        if (!otherConversation) {
          loadGeneratedCode(v.code);
          setCurrentGeneration(generationId);
          if (v.conversationId && m_chat->conversationId() == v.conversationId) m_chat->showGeneration(generationId);
          emit generationShown(generationId);
        }
        setStatus(otherConversation ? tr("Opened version %1 of “%2”").arg(generationId).arg(m_chat->title())
                                    : tr("Opened version %1").arg(generationId));
      },
      [this, generationId](const QString& message) {
        setStatus(tr("Version %1 cannot be read: %2").arg(generationId).arg(message), true);
      });
}

void MainWindow::showConversation(qint64 conversationId) {
  if (m_chat->busy()) {
    setStatus(tr("A generation is running: wait for it or stop it (Ctrl+.) before switching conversations."), true);
    return;
  }
  m_store->worker()->run<ChatSnapshot>(
      this, [conversationId](store::Store& s) { return ChatSnapshot::load(s, conversationId); },
      [this](ChatSnapshot snapshot) {
        if (!snapshot.found || m_chat->busy()) return;
        m_chat->showSnapshot(snapshot);  // its part comes through codeReady
        m_leftTabs->setCurrentWidget(m_chat);
      },
      [this](const QString& message) { setStatus(tr("The conversation cannot be read: %1").arg(message), true); });
}

void MainWindow::branchFromGeneration(qint64 generationId) {
  if (m_chat->busy()) {
    setStatus(tr("A generation is running: wait for it or stop it (Ctrl+.) before branching."), true);
    return;
  }
  withGenerationCode(generationId, [this, generationId](const QString& code) {
    if (code.isEmpty()) {
      setStatus(tr("Version %1 has no code that runs to branch from.").arg(generationId), true);
      return;
    }
    m_chat->newConversation();
    loadGeneratedCode(code);
    m_codeIsBranchBase = true;
    setCurrentGeneration(generationId);
    m_leftTabs->setCurrentWidget(m_chat);
    m_chat->input()->editor()->setFocus();
    setStatus(tr("A new conversation from version %1: describe the change and send it.").arg(generationId));
    emit generationShown(generationId);
  });
}

SettingsDialog* MainWindow::openSettings() {
  auto* dialog = new SettingsDialog(*m_settings, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &SettingsDialog::saved, this, [this] {
    // Generations read the settings when they start; the model list is refreshed now.
    if (m_generation) m_generation->refreshModels();
    setStatus(tr("Settings saved; the next generation uses them."));
  });
  dialog->open();
  return dialog;
}

CurationDialog* MainWindow::openCuration() {
  if (!m_store || !m_store->worker()) {
    setStatus(tr("The history is not open yet."), true);
    return nullptr;
  }
  auto* dialog = new CurationDialog(*m_store->worker(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &CurationDialog::promoted, this, [this](qint64 generationId, qint64 exampleId) {
    setStatus(tr("Version %1 is now library example %2.").arg(generationId).arg(exampleId));
  });
  dialog->open();
  return dialog;
}

RecentExportsDialog* MainWindow::openRecentExports() {
  if (!m_store || !m_store->worker()) {
    setStatus(tr("The history is not open yet."), true);
    return nullptr;
  }
  auto* dialog = new RecentExportsDialog(*m_store->worker(), m_chat->conversationId(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &RecentExportsDialog::openVersionRequested, this, &MainWindow::openGeneration);
  connect(dialog, &RecentExportsDialog::loadCodeRequested, this, [this](const QString& code, const QString& description) {
    loadScript(code, {});
    m_codeIsBranchBase = false;
    setCurrentGeneration(0);
    setStatus(tr("Loaded %1.").arg(description));
  });
  dialog->open();
  return dialog;
}

WorkbenchWindow* MainWindow::openWorkbench() {
  if (!m_store || !m_store->worker()) {
    setStatus(tr("The history is not open yet."), true);
    return nullptr;
  }
  if (!m_workbench) {
    m_workbench = new WorkbenchWindow(*m_store->worker(), this, m_settings->location());
    m_workbench->setWindowFlag(Qt::Window);
    m_workbench->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_workbench, &QObject::destroyed, this, [this] { m_workbench = nullptr; });
    connect(m_workbench, &WorkbenchWindow::editRequested, this, [this](qint64 generationId, const QString& code) {
      // A workbench result belongs to no conversation: it opens in a fresh chat as the current
      // version, so the Checks tab, the rating and exports are its own, not those of the
      // version shown before, and nothing of it lands in the conversation that was open.
      if (m_chat->busy()) {
        setStatus(tr("A generation is running: wait for it or stop it (Ctrl+.) before editing a workbench result."),
                  true);
        return;
      }
      m_chat->newConversation();
      loadScript(code, {});
      m_partSource = QStringLiteral("workbench:%1").arg(generationId);
      m_codeIsBranchBase = false;
      setCurrentGeneration(generationId);
      setStatus(tr("Editing workbench result %1: fix it and run it (Ctrl+R) to check it again.").arg(generationId));
    });
    connect(m_workbench, &WorkbenchWindow::remixRequested, this, [this](qint64 exampleId, const QString& code) {
      m_chat->newConversation();
      loadScript(code, {});
      m_partSource = QStringLiteral("library:%1").arg(exampleId);
      setCurrentGeneration(0);  // a library example, not the version shown before
      setStatus(tr("Remixing library example %1 in a new conversation.").arg(exampleId));
    });
  }
  m_workbench->show();
  m_workbench->raise();
  m_workbench->activateWindow();
  return m_workbench;
}

MainWindow::ExportContext MainWindow::exportContext() const {
  ExportContext c;
  c.generationId = m_generationId;
  if (const auto conversation = m_chat->conversationId()) c.conversationId = *conversation;
  c.source = !m_scriptPath.isEmpty() ? m_scriptPath : m_partSource;
  return c;
}

void MainWindow::recordExport(const ExportRecord& record, const ExportContext& context) {
  // Every export is kept: a generation's (a curation signal) and a part no generation made
  // (the example, an opened file, hand-written code), which the script exported identifies.
  if (!m_store || !m_store->worker()) return;
  const nlohmann::json details = {
      {"values", m_parameters->valuesJson()}, {"options", record.options}, {"bytes", record.bytes}, {"elapsed_ms", record.elapsedMs}};
  store::NewExport e;
  e.format = QString::fromStdString(record.format).toLower().toStdString();
  e.path = record.path;
  e.parameters = details;
  if (!record.code.empty()) e.code = record.code;
  if (context.generationId > 0) e.generationId = context.generationId;
  else e.conversationId = context.conversationId;  // with a generation: the generation's own
  e.source = context.source.toStdString();
  const qint64 generationId = context.generationId;
  m_store->worker()->run<int64_t>(
      this, [e](store::Store& s) { return s.feedback().recordExport(e); },
      [this, generationId](int64_t id) { emit exportRecorded(generationId, id); },
      [this](const QString& message) {
        setStatus(tr("The file was written but the export is not in the history: %1").arg(message), true);
      });
}

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
  // Messages and notes are sentences: wrapped, not scrolled sideways.
  m_problems->setWordWrap(true);
  m_problems->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_problems->hide();
  connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    if (!item->data(Qt::UserRole).isValid()) return;  // a note or log line has no place in the code
    m_editor->goToLine(item->data(Qt::UserRole).toInt(), item->data(Qt::UserRole + 1).toInt());
    m_editor->setFocus();
  });
  codeLayout->addWidget(m_editor, 1);
  codeLayout->addWidget(m_problems);

  // The checks and the rating need the history database: placeholders until it is open.
  m_checksPage = new QWidget(this);
  m_checksPage->setObjectName("checksPage");
  auto* checksLayout = new QVBoxLayout(m_checksPage);
  checksLayout->setContentsMargins(0, 0, 0, 0);
  auto* checksPlaceholder = new QLabel(tr("Opening the history…"), m_checksPage);
  checksPlaceholder->setObjectName("checksPlaceholder");
  checksPlaceholder->setAlignment(Qt::AlignCenter);
  checksLayout->addWidget(checksPlaceholder);

  m_tabs = new QTabWidget(this);
  m_tabs->setObjectName("rightTabs");
  m_tabs->addTab(m_parameters, tr("Parameters"));
  m_tabs->addTab(codePage, tr("Code"));
  m_tabs->addTab(m_checksPage, tr("Checks"));

  m_chat = new ChatPane(this);
  m_chat->setMinimumWidth(260);
  {
    // The model picked last time comes back (an interface choice: QSettings, beside the theme).
    m_chat->setPreferredModel(openInterfaceSettings(m_settings->location().iniPath)->value("chat/model").toString());
  }
  connect(m_chat, &ChatPane::modelChosen, this, [this](const QString& id) {
    openInterfaceSettings(m_settings->location().iniPath)->setValue("chat/model", id);
  });
  m_chat->setCodeSource([this] { return m_editor->toPlainText(); },
                        [this] { return m_codeIsBranchBase || !m_scriptPath.isEmpty() || m_editor->document()->isModified(); });
  connect(m_chat, &ChatPane::codeReady, this, [this](const QString& code, qint64 generationId) {
    loadGeneratedCode(code);
    setCurrentGeneration(generationId);
    if (generationId > 0) emit generationShown(generationId);
  });
  connect(m_chat, &ChatPane::conversationChanged, this, [this](qint64 conversationId, const QString&) {
    updateTitle();
    keepDraft();  // a conversation keeps its code itself
    // The next start comes back to the conversation shown last, not only to one that generated last.
    if (conversationId > 0 && m_store && m_store->worker())
      m_store->worker()->run(this, [conversationId](store::Store& s) {
        s.setMeta("app.last_conversation", std::to_string(conversationId));
      });
    if (!m_history) return;
    m_history->refresh();
    m_history->setCurrentConversation(conversationId, conversationId > 0);
  });
  connect(m_chat, &ChatPane::titleChanged, this, &MainWindow::updateTitle);
  connect(m_chat, &ChatPane::connectModelRequested, this, [this] { openSettings(); });
  connect(m_chat, &ChatPane::statusMessage, this, &MainWindow::setStatus);
  connect(m_chat, &ChatPane::replyFinished, this, [this](const QString& status) {
    if (status == "cancelled") setStatus(tr("Generation cancelled; the part is unchanged."));
  });
  connect(this, &MainWindow::referencePicked, m_chat, &ChatPane::insertReference);
  connect(m_editor, &QPlainTextEdit::textChanged, m_chat, &ChatPane::noteCodeChanged);
  connect(m_editor, &QPlainTextEdit::textChanged, this, &MainWindow::keepDraft);
  connect(m_editor->document(), &QTextDocument::modificationChanged, this, &MainWindow::keepDraft);

  m_leftTabs = new QTabWidget(this);
  m_leftTabs->setObjectName("leftTabs");
  m_leftTabs->addTab(m_chat, tr("Chat"));
  m_historyPage = new QLabel(tr("Opening the history…"), this);
  static_cast<QLabel*>(m_historyPage)->setAlignment(Qt::AlignCenter);
  m_leftTabs->addTab(m_historyPage, tr("History"));

  // The section plane's controls under the viewport; measurements go to the status bar.
  auto* centre = new QWidget(this);
  auto* centreLayout = new QVBoxLayout(centre);
  centreLayout->setContentsMargins(0, 0, 0, 0);
  centreLayout->setSpacing(2);
  m_sectionTool = new SectionPlaneTool(m_viewport, centre);
  m_sectionTool->setObjectName("sectionTool");
  centreLayout->addWidget(m_viewport, 1);
  centreLayout->addWidget(m_sectionTool);
  connect(m_viewport, &OcctViewport::measurementChanged, this, [this](const QString& text) {
    if (!text.isEmpty()) setStatus(text);
  });

  // Chat and history at the left, the part in the middle, its parameters, code and checks at
  // the right.
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName("mainSplitter");
  splitter->addWidget(m_leftTabs);
  splitter->addWidget(centre);
  splitter->addWidget(m_tabs);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 4);
  splitter->setStretchFactor(2, 2);
  splitter->setCollapsible(1, false);
  splitter->setSizes({340, 560, 380});
  setCentralWidget(splitter);

  m_statusLabel = new QLabel(this);
  m_liveFactsTimer = new QTimer(this);
  m_liveFactsTimer->setSingleShot(true);
  m_liveFactsTimer->setInterval(300);  // after the drag pauses: no measuring of every step
  connect(m_liveFactsTimer, &QTimer::timeout, this, &MainWindow::measureLiveFacts);
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
  m_recentExportsAction = file->addAction(tr("Recent e&xports…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this,
                                          &MainWindow::openRecentExports);
  m_recentExportsAction->setObjectName("recentExportsAction");
  m_recentExportsAction->setToolTip(tr("Every file exported, where it went and what part it was"));
  m_recentExportsAction->setEnabled(false);  // until the history is open
  m_curateAction = file->addAction(tr("&Curate library…"), this, &MainWindow::openCuration);
  m_curateAction->setObjectName("curateAction");
  m_curateAction->setToolTip(tr("Promote well-rated or exported versions to the example library"));
  m_curateAction->setEnabled(false);  // until the history is open
  m_workbenchAction = file->addAction(tr("&Workbench…"), this, &MainWindow::openWorkbench);
  m_workbenchAction->setObjectName("workbenchAction");
  m_workbenchAction->setToolTip(tr("Curriculum, batch results to review, the example gallery and experiments"));
  m_workbenchAction->setEnabled(false);
  file->addSeparator();
  QAction* settings = file->addAction(tr("Se&ttings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this, [this] { openSettings(); });
  settings->setObjectName("settingsAction");
  settings->setMenuRole(QAction::PreferencesRole);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  // Alt+digit: Ctrl+digit are the viewport's opposite standard views.
  QMenu* scriptMenu = menuBar()->addMenu(tr("&Script"));
  QAction* run = scriptMenu->addAction(tr("&Run"), QKeySequence(Qt::CTRL | Qt::Key_R), this, &MainWindow::runCode);
  run->setObjectName("runAction");
  run->setShortcutContext(Qt::WindowShortcut);
  scriptMenu->addAction(tr("Show &parameters"), QKeySequence(Qt::ALT | Qt::Key_1), this,
                        [this] { m_tabs->setCurrentIndex(0); });
  scriptMenu->addAction(tr("Show &code"), QKeySequence(Qt::ALT | Qt::Key_2), this, [this] { m_tabs->setCurrentIndex(1); });
  QAction* showChecks = scriptMenu->addAction(tr("Show c&hecks and rating"), QKeySequence(Qt::ALT | Qt::Key_3), this,
                                              [this] { m_tabs->setCurrentWidget(m_checksPage); });
  showChecks->setObjectName("showChecksAction");

  QMenu* chat = menuBar()->addMenu(tr("&Chat"));
  QAction* focusChat = chat->addAction(tr("&Write a message"), QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] {
    m_leftTabs->setCurrentWidget(m_chat);
    m_chat->input()->editor()->setFocus();
  });
  focusChat->setObjectName("focusChatAction");
  // A window action, so Ctrl+N also works while the history (not the chat) is shown.
  QAction* newChat = chat->addAction(tr("&New conversation"), QKeySequence::New, this, [this] {
    if (m_chat->busy()) {
      setStatus(tr("A generation is running: wait for it or stop it (Ctrl+.) before starting a new conversation."), true);
      return;
    }
    m_leftTabs->setCurrentWidget(m_chat);
    m_chat->newConversation();
  });
  newChat->setObjectName("newConversationAction");
  QAction* stop = chat->addAction(tr("&Stop the generation"), QKeySequence(Qt::CTRL | Qt::Key_Period), m_chat, &ChatPane::cancel);
  stop->setObjectName("stopGenerationAction");
  QAction* history = chat->addAction(tr("&History"), QKeySequence(Qt::CTRL | Qt::Key_H), this, [this] {
    m_leftTabs->setCurrentWidget(m_historyPage);
    if (m_history) m_history->searchField()->setFocus();
  });
  history->setObjectName("showHistoryAction");

  // The viewport's own actions (their shortcuts work while it has focus); the window only
  // places them.
  m_viewActions = new ViewportActions(m_viewport, this);
  QMenu* view = menuBar()->addMenu(tr("&View"));
  auto* toolbar = addToolBar(tr("View"));
  toolbar->setObjectName("viewToolbar");
  view->addActions(m_viewActions->viewActions());
  toolbar->addActions(m_viewActions->viewActions());
  view->addSeparator();
  toolbar->addSeparator();
  QMenu* section = view->addMenu(tr("&Section"));
  section->addActions(m_viewActions->sectionActions());
  QMenu* measure = view->addMenu(tr("&Measure"));
  measure->addActions(m_viewActions->measureActions());
  for (QAction* a : m_viewActions->measureActions())
    if (a->isCheckable()) toolbar->addAction(a);
  view->addAction(m_viewActions->boundingBoxAction());
  toolbar->addAction(m_viewActions->boundingBoxAction());
  toolbar->addSeparator();
  view->addSeparator();
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
                                "Views, anywhere but in a text field — F: fit all · 0 iso · 1 front · 3 right · 7 top (Ctrl: opposite) · "
                                "P: perspective · S: section (Shift+S flip, Alt+X/Y/Z axis) · M distance · R radius · "
                                "A angle (Shift+M clear) · D: dimensions\n"
                                "Sliders: drag or arrow keys; hold Shift for a tenth of a step\n"
                                "Ctrl+R: run the code · Ctrl+E: export · Ctrl+Shift+E: recent exports · Ctrl+,: settings · "
                                "Alt+1/2/3: parameters, code, checks\n"
                                "Ctrl+L: write a message · Ctrl+Enter: send · Ctrl+.: stop the generation · "
                                "Ctrl+N: new conversation · Ctrl+H: history"));
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
  m_partSource = QStringLiteral("example:") + QFileInfo(kExampleResource).fileName();
  m_codeIsBranchBase = false;
  setCurrentGeneration(0);
  setStatus(tr("Example: an L bracket. Drag the sliders, or edit the code and press Ctrl+R."));
}

void MainWindow::loadScript(const QString& source, const QString& path) {
  m_scriptPath = path;
  m_partSource.clear();
  // Code typed but never run would be gone with setPlainText (it clears the undo history):
  // the new script replaces it as one undoable edit instead, and the status says so.
  const QString before = m_editor->toPlainText();
  const bool unrunEdit = !before.trimmed().isEmpty() && before != source && before.toStdString() != m_lastRunCode;
  if (unrunEdit) {
    QTextCursor cursor(m_editor->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(source);
    cursor.endEditBlock();
    m_loadNote = tr("the code you edited but did not run was replaced: Ctrl+Z in the Code tab brings it back.");
  } else {
    m_editor->setPlainText(source);
    m_loadNote.clear();  // an earlier load's note is about code no longer shown
  }
  m_editor->document()->setModified(false);
  m_editor->clearErrorMarks();
  m_parameters->takeDefaultsFromNextRun();
  m_viewport->fitOnNextParts();
  updateTitle();
  requestRun(RunReason::Load);
}

void MainWindow::openFile(const QString& path) {
  m_restoreLast = false;
  setStatus(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
  runInBackground<FileResult>(this, [path] { return readTextFile(path); }, [this, path](const FileResult& result) {
    if (!result.ok) {
      setStatus(result.error, true);
      emit fileLoaded(path, false);
      return;
    }
    loadScript(result.text, path);
    m_codeIsBranchBase = false;
    setCurrentGeneration(0);
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
  const std::string code = m_editor->toPlainText().toStdString();
  m_lastRunCode = code;
  const std::uint64_t id = m_runner->runPreview(code);
  m_pendingRuns[id] = {reason, reason == RunReason::Code ? code : std::string()};
}

void MainWindow::measureLiveFacts() {
  if (!m_checks || !m_lastPreview || !m_lastPreview->ok || m_lastPreview->parts.empty()) return;
  // The version's own record already measured this exact part.
  if (m_generationId > 0 && m_editor->toPlainText() == m_versionCode) {
    m_checks->setLiveFacts(nullptr);
    return;
  }
  const std::uint64_t serial = ++m_liveFactsSerial;
  std::vector<TopoDS_Shape> shapes;
  for (const auto& part : m_lastPreview->parts) shapes.push_back(part.shape);
  const QString values = ParametersPanel::valuesText(m_parameters->valuesJson());
  const QString caption = m_generationId > 0 ? tr("changed since version %1").arg(m_generationId) : tr("no version");
  runInBackground<nlohmann::json>(
      this,
      [shapes]() -> nlohmann::json {
        try {
          return kernel::computeFacts(shapes.size() == 1 ? shapes.front() : kernel::makeCompound(shapes));
        } catch (const std::exception&) {
          return nullptr;
        } catch (const Standard_Failure&) {
          return nullptr;
        }
      },
      [this, serial, caption, values](const nlohmann::json& facts) {
        if (serial != m_liveFactsSerial || !m_checks) return;  // a newer part came meanwhile
        m_checks->setLiveFacts(facts, caption, values);
      });
}

void MainWindow::keepDraft() {
  if (!m_draft || m_restoringDraft) return;
  const bool keptElsewhere = m_chat->conversationId().has_value() || !m_editor->document()->isModified();
  if (keptElsewhere) {
    if (m_draftKept) m_draft->clear();
    m_draftKept = false;
    return;
  }
  m_draft->schedule({m_editor->toPlainText(), m_scriptPath, m_partSource, 0});
  m_draftKept = true;
}

void MainWindow::restoreDraft(const ScriptDraft& draft) {
  // Loading passes through "unmodified", which would drop the very draft being brought back.
  m_restoringDraft = true;
  loadScript(draft.code, draft.path);
  m_partSource = draft.partSource;
  m_codeIsBranchBase = false;
  setCurrentGeneration(0);
  m_editor->document()->setModified(true);  // still unsaved
  m_restoringDraft = false;
  m_draftKept = true;  // the file holds it already; the next edit rewrites it
  updateTitle();
  const QString what = draft.path.isEmpty() ? tr("the script you had not saved")
                                            : tr("your unsaved changes to %1").arg(QFileInfo(draft.path).fileName());
  const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(draft.savedMs), QLocale::ShortFormat);
  m_loadNote = tr("brought back %1 (as of %2); Ctrl+S saves it.").arg(what, when);
  setStatus(tr("Bringing back %1…").arg(what));
}

void MainWindow::recordHandEdit(const std::string& code, std::shared_ptr<const RunOutcome> outcome) {
  const auto conversation = m_chat->conversationId();
  if (!conversation || !m_store || !m_store->worker()) return;
  if (m_generation && m_generation->busy()) {
    // The running generation will replace the current version; this edit would have no parent to hang from.
    // Said after the run's own status ("1 part").
    QTimer::singleShot(0, this, [this] {
      setStatus(tr("Your edit ran, but it is not kept as a version while a generation runs: press Ctrl+R again "
                   "once it has finished (or stop it with Ctrl+.)."),
                true);
    });
    return;
  }
  const qint64 parent = m_generationId;
  const nlohmann::json parameters = outcome->parameters;
  m_store->worker()->run<int64_t>(
      this,
      [conversation, parent, code, parameters](store::Store& s) -> int64_t {
        store::NewGeneration g;
        g.conversationId = *conversation;
        g.request = store::kHandEditRequest;
        g.settings = {{"hand_edit", true}};
        nlohmann::json spec;
        if (parent > 0) {
          const store::Generation base = s.generations().get(parent);
          // Running the version as it is (or re-running it) is not an edit.
          if (base.finalCode.value_or(std::string()) == code) return 0;
          g.parentGenerationId = parent;
          // Same request, same requirements: the edit answers what its parent answered.
          const std::string prompt = store::promptOfRequest(base.request);
          if (!prompt.empty() && prompt != store::kHandEditRequest) g.request = prompt + store::kHandEditSuffix;
          spec = base.spec;
        }
        int64_t id = 0;
        s.generations().atomically("record a hand edit", [&] {
          id = s.generations().create(g);
          if (spec.is_object() && !spec.empty()) s.generations().setSpec(id, spec);
          store::GenerationOutcome done;
          done.status = "succeeded";
          done.finalCode = code;
          done.parameters = parameters;
          done.steps = 0;
          done.durationMs = 0;
          s.generations().finish(id, done);
        });
        return id;
      },
      [this](int64_t id) {
        if (id <= 0) return;
        setCurrentGeneration(id);
        m_chat->showGeneration(id);
        if (m_history) m_history->refresh();
        setStatus(tr("Saved as version %1 (edited by hand)").arg(id));
        emit handEditRecorded(id);
      },
      [this](const QString& message) { setStatus(tr("The edit could not be saved as a version: %1").arg(message), true); });
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
  PendingRun run;
  if (auto it = m_pendingRuns.find(outcome->id); it != m_pendingRuns.end()) {
    run = std::move(it->second);
    m_pendingRuns.erase(m_pendingRuns.begin(), std::next(it));  // older ids were dropped by the runner
  }
  const RunReason reason = run.reason;
  m_lastPreview = outcome;
  if (reason == RunReason::Code && !run.code.empty() && outcome->ok && !outcome->parts.empty())
    recordHandEdit(run.code, outcome);

  // A failed run keeps the last good part on screen; the errors say what went wrong.
  if (!outcome->parts.empty() || outcome->ok) {
    m_viewport->setParts(outcome->parts);
    m_sectionTool->refreshRange();
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
                                     : outcome->parts.size() == 1 ? tr("1 part") : tr("%1 parts").arg(outcome->parts.size()));
  if (outcome->ok && !outcome->notes.empty() && reason != RunReason::Parameter)
    setStatus(m_statusLabel->text() + QStringLiteral(" — ") + QString::fromStdString(outcome->notes.front()));
  if (outcome->ok && !outcome->parts.empty()) m_liveFactsTimer->start();
  if (reason == RunReason::Load && !m_loadNote.isEmpty()) {
    setStatus(m_statusLabel->text() + QStringLiteral(" — ") + m_loadNote, !outcome->ok);
    m_loadNote.clear();
  }
  emit previewApplied(outcome->id, outcome->ok);
}

void MainWindow::showErrors(const RunOutcome& outcome) {
  std::vector<CodeMark> marks;
  m_problems->clear();
  for (const auto& e : outcome.errors) {
    auto* item = new QListWidgetItem(errorLine(e), m_problems);
    item->setData(Qt::UserRole, e.line);
    item->setData(Qt::UserRole + 1, e.column);
    // Red that reads on the list's base in the light and the dark theme.
    item->setForeground(m_problems->palette().color(QPalette::Base).lightness() < 128 ? QColor(255, 120, 120)
                                                                                     : QColor(176, 0, 32));
    if (e.line > 0) marks.push_back({e.line, e.column, QString::fromStdString(e.message + (e.hint.empty() ? "" : "\n" + e.hint))});
  }
  m_editor->setErrorMarks(marks);
  // Notes and console.log lines share the list: a script author's only way to see them.
  for (const auto& note : outcome.notes) {
    auto* item = new QListWidgetItem(tr("note: %1").arg(QString::fromStdString(note)), m_problems);
    item->setToolTip(QString::fromStdString(note));
  }
  for (const auto& line : outcome.log) {
    auto* item = new QListWidgetItem(tr("log: %1").arg(QString::fromStdString(line)), m_problems);
    item->setToolTip(QString::fromStdString(line));
  }
  m_problems->setVisible(m_problems->count() > 0);
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
        // While measuring, clicks choose what to measure; they do not write into the message.
        if (m_viewport->measureMode() != OcctViewport::MeasureMode::Off) return;
        setStatus(tr("Picked %1 — it is in your message; Ctrl+Shift+C copies it").arg(QString::fromStdString(ref->summary())));
        emit referencePicked(text);
      });
}

void MainWindow::showExportDialog() {
  if (!m_lastPreview || m_lastPreview->parts.empty()) {
    setStatus(tr("Nothing to export yet: run the script first (Ctrl+R)."), true);
    return;
  }
  // Beside the script's file; else where the last export went; else Documents.
  const QString iniPath = m_settings->location().iniPath;
  QString folder = ExportDialog::lastFolder(iniPath);
  if (folder.isEmpty()) folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  QString base = m_scriptPath.isEmpty() ? folder + "/" + QString::fromStdString(m_lastPreview->parts.front().name)
                                        : QFileInfo(m_scriptPath).path() + "/" + QFileInfo(m_scriptPath).completeBaseName();
  auto* dialog = new ExportDialog(base + ".stl", int(m_lastPreview->parts.size()), this, iniPath, true);
  QStringList names;
  for (const auto& part : m_lastPreview->parts) names << QString::fromStdString(part.name);
  dialog->setPartNames(names);
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
  const std::uint64_t id = m_exporter->start(m_editor->toPlainText().toStdString(), request);
  m_exportContexts[id] = exportContext();
  setStatus(tr("Exporting %1…").arg(QDir::toNativeSeparators(QString::fromStdString(request.path))));
}

void MainWindow::exportScriptTo(const QString& path) {
  const QString text = m_editor->toPlainText();
  const ExportContext context = exportContext();
  QElapsedTimer clock;
  clock.start();
  runInBackground<FileResult>(this, [path, text] { return writeTextFile(path, text); }, [this, path, text, context, clock](const FileResult& r) {
    if (r.ok) {
      ExportRecord record = ExportRecord::forScript(path.toStdString(), double(clock.elapsed()));
      record.code = text.toStdString();
      recordExport(record, context);
    }
    const QString message = r.ok ? tr("Exported the script to %1").arg(QDir::toNativeSeparators(path)) : r.error;
    setStatus(message, !r.ok);
    emit exportDone(r.ok, message);
  });
}

void MainWindow::updateTitle() {
  // The script's file, else the conversation's title; both when a file is open in a conversation.
  const QString conversation = m_chat->conversationId() ? m_chat->title() : QString();
  const QString modified = m_editor->document()->isModified() ? QStringLiteral("*") : QString();
  if (!m_scriptPath.isEmpty() && !conversation.isEmpty())
    setWindowTitle(QStringLiteral("%1%2 — %3 — Partsmith").arg(QFileInfo(m_scriptPath).fileName(), modified, conversation));
  else if (!m_scriptPath.isEmpty())
    setWindowTitle(QStringLiteral("%1%2 — Partsmith").arg(QFileInfo(m_scriptPath).fileName(), modified));
  else
    setWindowTitle(QStringLiteral("%1%2 — Partsmith").arg(conversation.isEmpty() ? tr("untitled") : conversation, modified));
}

QString MainWindow::statusText() const { return m_statusLabel->text(); }

void MainWindow::setStatus(const QString& text, bool error) {
  m_statusLabel->setText(text);
  m_statusLabel->setStyleSheet(error ? "color: #b00020;" : "");
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (m_chat->busy()) {
    if (!m_closeWhenStopped) {
      const auto answer = QMessageBox::question(
          this, tr("A generation is running"),
          tr("Stop the generation and quit? What it did so far stays in the history."),
          QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
      if (answer != QMessageBox::Yes) {
        event->ignore();
        return;
      }
      // Cancel and close once it has ended: the GUI never waits for the pipeline here.
      m_closeWhenStopped = true;
      m_chat->cancel();
      setStatus(tr("Stopping the generation…"));
    }
    event->ignore();
    return;
  }
  m_chat->flushCodeChange();
  if (m_draft) m_draft->flush();  // the unsaved script comes back at the next start
  QMainWindow::closeEvent(event);
}

}  // namespace partsmith::app
