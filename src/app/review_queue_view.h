// The workbench's review queue: batch results that were not auto-approved, each with its
// render (a PNG exported for the generation, when there is one), code, spec, the evaluation
// tracks' checklist answers and scores, and why it was not approved. Approve and reject go
// through workbench::ReviewQueue on the StoreWorker's thread; Edit hands the code to the main
// window, which re-runs and re-scores it.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include <QImage>
#include <QString>
#include <QWidget>
#include <nlohmann/json.hpp>

#include "workbench/review_queue.h"

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace partsmith::store {
class Store;
}

namespace partsmith::app {

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
  explicit ReviewQueueView(StoreWorker& store, QWidget* parent = nullptr);

  QListWidget* list() const { return m_list; }
  QPlainTextEdit* codeView() const { return m_code; }
  QPlainTextEdit* specView() const { return m_spec; }
  QTreeWidget* checklistView() const { return m_checklist; }
  QLabel* renderView() const { return m_render; }
  QLabel* scoresLabel() const { return m_scores; }
  QPushButton* approveButton() const { return m_approve; }
  QPushButton* rejectButton() const { return m_reject; }
  QPushButton* editButton() const { return m_edit; }
  const std::vector<ReviewEntry>& entries() const { return m_entries; }
  std::optional<int64_t> currentExampleId() const;
  bool isBusy() const { return m_busy; }

 public slots:
  void refresh();
  void select(qint64 exampleId);
  void approveCurrent(const QString& note = {});
  // The reason is required (the Reject button asks for it).
  void rejectCurrent(const QString& reason);

 signals:
  void loaded();
  void decided(qint64 exampleId, bool approved);  // after the store has it
  void editRequested(qint64 generationId, const QString& code);
  void failed(const QString& message);

 private:
  void display(std::vector<ReviewEntry> entries);
  void showCurrent();
  void askRejectReason();
  void decide(int64_t exampleId, bool approve, const QString& text);

  StoreWorker& m_store;
  QListWidget* m_list = nullptr;
  QLabel* m_header = nullptr;
  QLabel* m_reason = nullptr;
  QLabel* m_render = nullptr;
  QLabel* m_scores = nullptr;
  QPlainTextEdit* m_code = nullptr;
  QPlainTextEdit* m_spec = nullptr;
  QTreeWidget* m_checklist = nullptr;
  QPushButton* m_approve = nullptr;
  QPushButton* m_reject = nullptr;
  QPushButton* m_edit = nullptr;
  QLabel* m_status = nullptr;
  std::vector<ReviewEntry> m_entries;
  std::optional<int64_t> m_wanted;  // to select after the next load
  bool m_busy = false;
};

}  // namespace partsmith::app
