// The workbench's review queue: batch results that were not auto-approved, each with its
// render (a PNG exported for the generation, when there is one), code, spec, the evaluation
// tracks' checklist answers and scores, and why it was not approved. Approve and reject go
// through workbench::ReviewQueue on the StoreWorker's thread.
//
// The code is editable in place: "Re-run and score" runs the edit in the kernel worker and
// scores it as a batch result is scored (ReviewReviseRunner, off the GUI thread); an edit that
// builds is stored on the queued item with its new score and the approval rule's verdict, for
// the reviewer to approve or reject; one that does not build shows its errors at their lines
// and leaves the item as it was. "Open in main window" still hands the code to the main window.
// An edit not yet run is kept per item while the reviewer looks at other items (marked ✎ in
// the list); the workbench window asks before closing while any is kept.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <QImage>
#include <QString>
#include <QWidget>
#include <nlohmann/json.hpp>

#include "app/app_settings.h"
#include "workbench/review_queue.h"
#include "workbench/review_reviser.h"

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace partsmith::store {
class Store;
}

namespace partsmith::app {

class CodeEditor;
class ReviewReviseRunner;
class StoreWorker;

struct ReviewEntry {
  workbench::ReviewItem item;
  nlohmann::json checklist = nlohmann::json::array();  // {item, answer, track, note}
  QString renderPath;  // an existing PNG exported for this generation, or empty
  QImage render;       // read on the worker thread, so the GUI never waits for the disk
};

// Reads the queue (with checklists and renders); runs on the StoreWorker's thread.
std::vector<ReviewEntry> loadReviewEntries(store::Store& store, int limit = 200);

class ReviewQueueView : public QWidget {
  Q_OBJECT
 public:
  explicit ReviewQueueView(StoreWorker& store, QWidget* parent = nullptr, SettingsLocation settings = {});
  // Where the models and switches for scoring edits are read (default: the app's settings).
  void setSettingsLocation(const SettingsLocation& settings);

  QListWidget* list() const { return m_list; }
  QPlainTextEdit* codeView() const;
  CodeEditor* codeEditor() const { return m_code; }
  QPlainTextEdit* specView() const { return m_spec; }
  QTreeWidget* checklistView() const { return m_checklist; }
  QLabel* renderView() const { return m_render; }
  QLabel* scoresLabel() const { return m_scores; }
  QPushButton* approveButton() const { return m_approve; }
  QPushButton* rejectButton() const { return m_reject; }
  QPushButton* editButton() const { return m_edit; }  // open in the main window
  QPushButton* rerunButton() const { return m_rerun; }
  QPushButton* revertButton() const { return m_revert; }
  QLabel* revisionLabel() const { return m_revision; }
  // The last edit's outcome (for the item it was made on), or null.
  std::shared_ptr<const workbench::RevisionResult> lastRevision() const { return m_lastRevision; }
  const std::vector<ReviewEntry>& entries() const { return m_entries; }
  std::optional<int64_t> currentExampleId() const;
  bool isBusy() const { return m_busy; }
  bool isRevising() const { return m_revising.has_value(); }
  // Items whose code was edited here and not yet run and scored (including the one shown).
  int unsavedEditCount();

 public slots:
  void refresh();
  void select(qint64 exampleId);
  void approveCurrent(const QString& note = {});
  // The reason is required (the Reject button asks for it).
  void rejectCurrent(const QString& reason);
  // Runs and scores the editor's code for the current item; the result arrives via revised().
  void rerunCurrent();
  // Puts the stored code back into the editor.
  void revertEdit();

 signals:
  void loaded();
  void decided(qint64 exampleId, bool approved);  // after the store has it
  void editRequested(qint64 generationId, const QString& code);
  // An edit ran: stored on the item (and the queue reloaded), or not (script errors, cancelled).
  void revised(qint64 exampleId, bool stored);
  void failed(const QString& message);

 private:
  void display(std::vector<ReviewEntry> entries);
  void showCurrent();
  void askRejectReason();
  void decide(int64_t exampleId, bool approve, const QString& text);
  void updateButtons();
  void showRevision();
  void onRevised(std::shared_ptr<const workbench::RevisionResult> result);
  // Keeps the editor's text as the shown item's draft when it differs from the stored code.
  void keepDraft();
  void markDraftRow(int64_t exampleId);

  StoreWorker& m_store;
  QListWidget* m_list = nullptr;
  QLabel* m_header = nullptr;
  QLabel* m_reason = nullptr;
  QLabel* m_render = nullptr;
  QLabel* m_scores = nullptr;
  CodeEditor* m_code = nullptr;
  QPlainTextEdit* m_spec = nullptr;
  QTreeWidget* m_checklist = nullptr;
  QPushButton* m_approve = nullptr;
  QPushButton* m_reject = nullptr;
  QPushButton* m_edit = nullptr;
  QPushButton* m_rerun = nullptr;
  QPushButton* m_revert = nullptr;
  QLabel* m_revision = nullptr;
  QLabel* m_status = nullptr;
  ReviewReviseRunner* m_runner = nullptr;  // made on the first edit
  SettingsLocation m_settings;
  std::shared_ptr<const workbench::RevisionResult> m_lastRevision;
  std::optional<int64_t> m_revising;  // the item whose edit runs
  std::vector<ReviewEntry> m_entries;
  std::optional<int64_t> m_wanted;  // to select after the next load
  std::map<int64_t, QString> m_drafts;  // unrun edits of items not shown, by example id
  std::optional<int64_t> m_shownId;     // the item whose code the editor holds
  QString m_shownCode;                  // its stored code when it was shown
  bool m_busy = false;
};

}  // namespace partsmith::app
