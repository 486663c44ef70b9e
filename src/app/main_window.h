// The main window: the chat and the history at the left, the viewport (view, section and
// measure tools) in the middle, and tabs for the parameters, the code and the checks (with
// the current generation's rating) at the right. Every kernel run goes through the ScriptRunner (background thread, warm worker); file
// reads and writes run on the thread pool, so the GUI thread never waits for the kernel or
// the disk. The code is the single source of truth: slider moves rewrite its literals.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include <QMainWindow>
#include <QString>

#include "app/run_outcome.h"
#include "app/selection_reference.h"
#include "script/parameter.h"

class QLabel;
class QTimer;
class QListWidget;
class QTabWidget;
class QAction;
class QWidget;

namespace partsmith::app {

class AppSettingsStore;
class AppStore;
class ChatPane;
class ChecksPanel;
class CodeEditor;
class CurationDialog;
class RecentExportsDialog;
class WorkbenchWindow;
class ExportController;
class GenerationController;
class HistoryPanel;
class OcctViewport;
class ParametersPanel;
class RatingWidget;
class ScriptRunner;
class SectionPlaneTool;
class SettingsDialog;
class UnsavedScriptDraft;
struct ScriptDraft;
class ViewportActions;
struct ExportRecord;
struct ExportRequest;

// Where the window keeps its history and its settings; empty: the defaults ($PARTSMITH_DB or
// the XDG data folder; $XDG_CONFIG_HOME/partsmith/settings.json for providers and models; the
// application's QSettings for budgets, switches and theme).
struct MainWindowOptions {
  QString dbPath;
  QString settingsPath;
  QString iniPath;
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  enum class RunReason { Load, Code, Parameter };

  explicit MainWindow(QWidget* parent = nullptr);
  explicit MainWindow(MainWindowOptions options, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Shows the bundled example (resources/examples/mounting_bracket.js) and runs it.
  void loadExample();
  // Replaces the script (as if opened) and runs it; `path` empty for an unsaved script.
  void loadScript(const QString& source, const QString& path);
  // Reads a .js file off the GUI thread, then loads it.
  void openFile(const QString& path);
  // Writes the script off the GUI thread; `path` empty: its current file.
  void saveFile(const QString& path = {});
  // Runs the code as it is in the editor (Ctrl+R).
  void runCode();
  // Exports without the dialog (the dialog ends here too).
  void exportTo(const ExportRequest& request);
  void exportScriptTo(const QString& path);
  // The generation whose part, checks and rating are shown (0: none, e.g. an opened file).
  qint64 currentGenerationId() const { return m_generationId; }
  QString statusText() const;  // the status bar's message
  // Loads a stored generation's code, checks and rating (History → Open).
  void openGeneration(qint64 generationId);
  // Shows a stored conversation in the chat (History → activate).
  void showConversation(qint64 conversationId);
  // A new conversation whose first request edits this generation's code (History → Branch).
  void branchFromGeneration(qint64 generationId);
  // The settings dialog (Ctrl+,) and the curation view; non-modal, deleted on close.
  SettingsDialog* openSettings();
  CurationDialog* openCuration();
  // Past exports (File ▸ Recent exports); a row loads its script as exported or opens its version.
  RecentExportsDialog* openRecentExports();
  // The workbench (curriculum cards, review queue, gallery, experiments) in its own window.
  WorkbenchWindow* openWorkbench();

  OcctViewport* viewport() const { return m_viewport; }
  ParametersPanel* parametersPanel() const { return m_parameters; }
  CodeEditor* codeEditor() const { return m_editor; }
  QTabWidget* tabs() const { return m_tabs; }
  ChatPane* chatPane() const { return m_chat; }
  GenerationController* generationController() const { return m_generation.get(); }
  AppStore* appStore() const { return m_store.get(); }
  ScriptRunner* runner() const { return m_runner.get(); }
  // Null until the history database is open.
  HistoryPanel* historyPanel() const { return m_history; }
  ChecksPanel* checksPanel() const { return m_checks; }
  RatingWidget* ratingWidget() const { return m_rating; }
  QTabWidget* leftTabs() const { return m_leftTabs; }
  ViewportActions* viewportActions() const { return m_viewActions; }
  SectionPlaneTool* sectionTool() const { return m_sectionTool; }
  ExportController* exportController() const { return m_exporter; }
  const AppSettingsStore& settingsStore() const { return *m_settings; }
  std::shared_ptr<const RunOutcome> lastPreview() const { return m_lastPreview; }
  const QString& scriptPath() const { return m_scriptPath; }
  QString lastReferenceText() const { return m_lastReference ? QString::fromStdString(m_lastReference->text()) : QString(); }

 signals:
  // A preview run's result reached the viewport (or its errors the code view).
  void previewApplied(quint64 id, bool ok);
  void exportDone(bool ok, const QString& message);
  // An export was written to the store (its exports row); generationId 0: a part no
  // generation made (the example, an opened file, hand-written code).
  void exportRecorded(qint64 generationId, qint64 exportId);
  // A generation's code was loaded by the window (history open, branch, chat result).
  void generationShown(qint64 generationId);
  // A hand-edited script run in a conversation was stored as version `generationId`.
  void handEditRecorded(qint64 generationId);
  // The history database is open (the chat can send) or cannot be opened.
  void storeReady(bool ok);
  void fileSaved(const QString& path, bool ok);
  void fileLoaded(const QString& path, bool ok);
  // A face or edge was picked and described (the chat inserts this reference).
  void referencePicked(const QString& reference);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildActions();
  void buildLayout();
  void onStoreOpened(bool ok, const QString& message);
  void buildStorePanes();
  void setCurrentGeneration(qint64 generationId);
  // What identifies the exported part, taken when the export starts (it may end after a switch).
  struct ExportContext {
    qint64 generationId = 0;
    std::optional<qint64> conversationId;
    QString source;  // the script's file, or "example:<file>"
  };
  ExportContext exportContext() const;
  void recordExport(const ExportRecord& record, const ExportContext& context);
  // Reads a generation's code on the store thread, then `done(code)` on the GUI thread.
  void withGenerationCode(qint64 generationId, std::function<void(const QString&)> done);
  // Shows a chat reply's (or a restored conversation's) code like an opened script.
  void loadGeneratedCode(const QString& code);
  void requestRun(RunReason reason);
  // Keeps the editor's script as the unsaved draft when nothing else keeps it, or drops it.
  void keepDraft();
  void measureLiveFacts();
  void restoreDraft(const ScriptDraft& draft);
  // Code edited by hand and run (Ctrl+R) in a conversation is a version like a generated one.
  void recordHandEdit(const std::string& code, std::shared_ptr<const RunOutcome> outcome);
  void onPreviewFinished(std::shared_ptr<const RunOutcome> outcome);
  void onParameterChanged(const QString& name, const script::ParamValue& value);
  void applyParameterValues(const std::map<std::string, script::ParamValue>& values);
  void onPickChanged(int partIndex);
  void showErrors(const RunOutcome& outcome);
  void showExportDialog();
  void chooseOpenFile();
  void chooseSaveFile();
  void updateTitle();
  void setStatus(const QString& text, bool error = false);

  std::unique_ptr<ScriptRunner> m_runner;
  std::unique_ptr<AppStore> m_store;
  std::unique_ptr<GenerationController> m_generation;
  std::unique_ptr<AppSettingsStore> m_settings;
  MainWindowOptions m_options;
  ChatPane* m_chat = nullptr;
  bool m_closeWhenStopped = false;  // the window closes once the cancelled generation ended
  bool m_restoreLast = true;        // false once a file is opened: it wins over the last conversation
  OcctViewport* m_viewport = nullptr;
  ParametersPanel* m_parameters = nullptr;
  CodeEditor* m_editor = nullptr;
  QTabWidget* m_tabs = nullptr;
  QTabWidget* m_leftTabs = nullptr;
  QWidget* m_historyPage = nullptr;  // a placeholder until the store is open
  QWidget* m_checksPage = nullptr;
  HistoryPanel* m_history = nullptr;
  ChecksPanel* m_checks = nullptr;
  RatingWidget* m_rating = nullptr;
  ViewportActions* m_viewActions = nullptr;
  SectionPlaneTool* m_sectionTool = nullptr;
  ExportController* m_exporter = nullptr;
  QAction* m_curateAction = nullptr;
  QAction* m_recentExportsAction = nullptr;
  QAction* m_workbenchAction = nullptr;
  WorkbenchWindow* m_workbench = nullptr;  // owned by the window (a child), deleted on close
  QListWidget* m_problems = nullptr;
  QLabel* m_statusLabel = nullptr;
  QLabel* m_timingLabel = nullptr;
  QAction* m_copyReferenceAction = nullptr;

  QString m_scriptPath;
  QString m_partSource;  // where a script without a file came from ("example:…"), for exports
  std::map<std::uint64_t, ExportContext> m_exportContexts;  // by export request id
  struct PendingRun {
    RunReason reason = RunReason::Code;
    std::string code;  // what ran, kept for Ctrl+R runs (a hand edit may become a version)
  };
  std::map<std::uint64_t, PendingRun> m_pendingRuns;  // by request id
  std::string m_lastRunCode;                           // the code of the last run asked for
  QString m_loadNote;  // said after the next loaded script's outcome (replaced unrun code, a draft brought back)
  std::shared_ptr<const RunOutcome> m_lastPreview;
  UnsavedScriptDraft* m_draft = nullptr;  // from the moment the history is open
  // The Checks tab's facts of the part as shown: measured off the GUI thread once a drag pauses.
  QTimer* m_liveFactsTimer = nullptr;
  std::uint64_t m_liveFactsSerial = 0;
  QString m_versionCode;  // the current version's code as loaded; the part differs from its record once this does
  bool m_draftKept = false;               // a draft was scheduled and not cleared since
  bool m_restoringDraft = false;
  std::optional<SelectionReference> m_lastReference;
  std::uint64_t m_pickSerial = 0;
  qint64 m_generationId = 0;
  bool m_codeIsBranchBase = false;  // branched code: the new conversation's first request edits it
};

}  // namespace partsmith::app
