// The main window: the viewport with its view toolbar, and tabs for the parameters and the
// code. Every kernel run goes through the ScriptRunner (background thread, warm worker); file
// reads and writes run on the thread pool, so the GUI thread never waits for the kernel or
// the disk. The code is the single source of truth: slider moves rewrite its literals.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include <QMainWindow>
#include <QString>

#include "app/run_outcome.h"
#include "app/selection_reference.h"
#include "script/parameter.h"

class QLabel;
class QListWidget;
class QTabWidget;
class QAction;

namespace partsmith::app {

class CodeEditor;
class OcctViewport;
class ParametersPanel;
class ScriptRunner;
struct ExportRequest;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  enum class RunReason { Load, Code, Parameter };

  explicit MainWindow(QWidget* parent = nullptr);
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

  OcctViewport* viewport() const { return m_viewport; }
  ParametersPanel* parametersPanel() const { return m_parameters; }
  CodeEditor* codeEditor() const { return m_editor; }
  QTabWidget* tabs() const { return m_tabs; }
  ScriptRunner* runner() const { return m_runner.get(); }
  std::shared_ptr<const RunOutcome> lastPreview() const { return m_lastPreview; }
  const QString& scriptPath() const { return m_scriptPath; }
  QString lastReferenceText() const { return m_lastReference ? QString::fromStdString(m_lastReference->text()) : QString(); }

 signals:
  // A preview run's result reached the viewport (or its errors the code view).
  void previewApplied(quint64 id, bool ok);
  void exportDone(bool ok, const QString& message);
  void fileSaved(const QString& path, bool ok);
  void fileLoaded(const QString& path, bool ok);
  // A face or edge was picked and described (the chat inserts this reference).
  void referencePicked(const QString& reference);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildActions();
  void buildLayout();
  void requestRun(RunReason reason);
  void onPreviewFinished(std::shared_ptr<const RunOutcome> outcome);
  void onExportFinished(std::shared_ptr<const RunOutcome> outcome);
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
  OcctViewport* m_viewport = nullptr;
  ParametersPanel* m_parameters = nullptr;
  CodeEditor* m_editor = nullptr;
  QTabWidget* m_tabs = nullptr;
  QListWidget* m_problems = nullptr;
  QLabel* m_statusLabel = nullptr;
  QLabel* m_timingLabel = nullptr;
  QAction* m_perspectiveAction = nullptr;
  QAction* m_copyReferenceAction = nullptr;

  QString m_scriptPath;
  std::map<std::uint64_t, RunReason> m_reasons;
  std::shared_ptr<const RunOutcome> m_lastPreview;
  std::optional<SelectionReference> m_lastReference;
  std::uint64_t m_pickSerial = 0;
  std::uint64_t m_exportId = 0;
};

}  // namespace partsmith::app
