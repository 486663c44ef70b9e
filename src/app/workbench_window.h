// The workbench window: the curriculum's categories at a glance, the review queue, the gallery
// of approved examples, the experiments and the prompts, all read and written through the
// app's StoreWorker. A queued result is edited, re-run and re-scored in the review queue
// itself; opening it in the main window and remixing a gallery example happen there, which
// listens to editRequested and remixRequested.
#pragma once
#include <cstdint>

#include <QMainWindow>

#include "app/app_settings.h"

class QLabel;
class QTabWidget;

namespace partsmith::app {

class CategoryCards;
class ExperimentView;
class GalleryView;
class PromptListView;
class ReviewQueueView;
class StoreWorker;

class WorkbenchWindow : public QMainWindow {
  Q_OBJECT
 public:
  // `store` must outlive the window. Loads the shipped curriculum if it changed (cheap when
  // not), then fills every tab. `settings`: where the models that score review edits are
  // configured (default: the app's settings).
  explicit WorkbenchWindow(StoreWorker& store, QWidget* parent = nullptr, SettingsLocation settings = {});

  QTabWidget* tabs() const { return m_tabs; }
  CategoryCards* categories() const { return m_categories; }
  ReviewQueueView* review() const { return m_review; }
  GalleryView* gallery() const { return m_gallery; }
  ExperimentView* experiments() const { return m_experiments; }
  PromptListView* prompts() const { return m_prompts; }
  // The curriculum import and every tab's first load are done.
  bool isReady() const { return m_ready; }

 public slots:
  void refresh();  // every tab

 signals:
  void ready();
  // The main window opens `code` (of a queued workbench result) in its editor, as a part of
  // its own (the queued item changes only through the review queue's re-run).
  void editRequested(qint64 generationId, const QString& code);
  // The main window starts a new conversation from a library example's code.
  void remixRequested(qint64 exampleId, const QString& code);

 protected:
  // Asks before review edits that were not run and scored are lost.
  void closeEvent(QCloseEvent* event) override;

 private:
  void showError(const QString& message);

  StoreWorker& m_store;
  QTabWidget* m_tabs = nullptr;
  CategoryCards* m_categories = nullptr;
  ReviewQueueView* m_review = nullptr;
  GalleryView* m_gallery = nullptr;
  ExperimentView* m_experiments = nullptr;
  PromptListView* m_prompts = nullptr;
  QLabel* m_message = nullptr;
  bool m_ready = false;
  int m_loading = 0;
};

}  // namespace partsmith::app
