// The workbench window: the curriculum's categories at a glance, the review queue, the gallery
// of approved examples and the experiments, all read and written through the app's StoreWorker.
// Editing a queued result and remixing a gallery example happen in the main window, which
// listens to editRequested and remixRequested.
#pragma once
#include <cstdint>

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace partsmith::app {

class CategoryCards;
class ExperimentView;
class GalleryView;
class ReviewQueueView;
class StoreWorker;

class WorkbenchWindow : public QMainWindow {
  Q_OBJECT
 public:
  // `store` must outlive the window. Loads the shipped curriculum if it changed (cheap when
  // not), then fills every tab.
  explicit WorkbenchWindow(StoreWorker& store, QWidget* parent = nullptr);

  QTabWidget* tabs() const { return m_tabs; }
  CategoryCards* categories() const { return m_categories; }
  ReviewQueueView* review() const { return m_review; }
  GalleryView* gallery() const { return m_gallery; }
  ExperimentView* experiments() const { return m_experiments; }
  // The curriculum import and every tab's first load are done.
  bool isReady() const { return m_ready; }

 public slots:
  void refresh();  // every tab

 signals:
  void ready();
  // The main window opens `code` (of a queued workbench result) in its editor; running it
  // there re-scores it.
  void editRequested(qint64 generationId, const QString& code);
  // The main window starts a new conversation from a library example's code.
  void remixRequested(qint64 exampleId, const QString& code);

 private:
  void showError(const QString& message);

  StoreWorker& m_store;
  QTabWidget* m_tabs = nullptr;
  CategoryCards* m_categories = nullptr;
  ReviewQueueView* m_review = nullptr;
  GalleryView* m_gallery = nullptr;
  ExperimentView* m_experiments = nullptr;
  QLabel* m_message = nullptr;
  bool m_ready = false;
  int m_loading = 0;
};

}  // namespace partsmith::app
