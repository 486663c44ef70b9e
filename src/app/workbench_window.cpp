#include "app/workbench_window.h"

#include <QCloseEvent>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include "app/category_cards.h"
#include "app/experiment_view.h"
#include "app/gallery_view.h"
#include "app/prompt_list_view.h"
#include "app/review_queue_view.h"
#include "app/store_worker.h"
#include "store/curriculum_loader.h"
#include "store/store.h"

namespace partsmith::app {

WorkbenchWindow::WorkbenchWindow(StoreWorker& store, QWidget* parent, SettingsLocation settings)
    : QMainWindow(parent), m_store(store) {
  setWindowTitle(tr("Workbench — Partsmith"));
  resize(1200, 800);
  m_tabs = new QTabWidget(this);
  m_categories = new CategoryCards(store, m_tabs);
  m_review = new ReviewQueueView(store, m_tabs, std::move(settings));
  m_gallery = new GalleryView(store, m_tabs);
  m_experiments = new ExperimentView(store, m_tabs);
  m_prompts = new PromptListView(store, m_tabs);
  m_tabs->addTab(m_categories, tr("Categories"));
  m_tabs->addTab(m_review, tr("Review queue"));
  m_tabs->addTab(m_gallery, tr("Gallery"));
  m_tabs->addTab(m_experiments, tr("Experiments"));
  m_tabs->addTab(m_prompts, tr("Prompts"));
  setCentralWidget(m_tabs);
  m_message = new QLabel(this);
  statusBar()->addWidget(m_message, 1);
  auto* bar = addToolBar(tr("Workbench"));
  bar->setMovable(false);
  bar->addAction(tr("Refresh"), this, &WorkbenchWindow::refresh);

  connect(m_review, &ReviewQueueView::editRequested, this, &WorkbenchWindow::editRequested);
  connect(m_gallery, &GalleryView::remixRequested, this, &WorkbenchWindow::remixRequested);
  connect(m_categories, &CategoryCards::galleryRequested, this, [this](const QString& category) {
    m_gallery->showCategory(category);
    m_tabs->setCurrentWidget(m_gallery);
  });
  // A review decision changes the library and the categories' approval rates.
  connect(m_review, &ReviewQueueView::decided, this, [this](qint64, bool approved) {
    m_categories->refresh();
    if (approved) m_gallery->refresh();
  });
  connect(m_categories, &CategoryCards::failed, this, &WorkbenchWindow::showError);
  connect(m_review, &ReviewQueueView::failed, this, &WorkbenchWindow::showError);
  connect(m_gallery, &GalleryView::failed, this, &WorkbenchWindow::showError);
  connect(m_experiments, &ExperimentView::failed, this, &WorkbenchWindow::showError);
  connect(m_prompts, &PromptListView::failed, this, &WorkbenchWindow::showError);
  // Prompt counts per category follow additions, moves and archiving.
  connect(m_prompts, &PromptListView::changed, m_categories, &CategoryCards::refresh);

  // The first load waits for the curriculum, so the cards count the shipped prompts.
  auto oneDone = [this] {
    if (--m_loading == 0 && !m_ready) {
      m_ready = true;
      emit ready();
    }
  };
  connect(m_categories, &CategoryCards::loaded, this, oneDone);
  connect(m_review, &ReviewQueueView::loaded, this, oneDone);
  connect(m_gallery, &GalleryView::loaded, this, oneDone);
  connect(m_experiments, &ExperimentView::loaded, this, oneDone);
  connect(m_prompts, &PromptListView::loaded, this, oneDone);
  // A tab that could not load says so itself; the window is still ready.
  connect(m_categories, &CategoryCards::failed, this, oneDone);
  connect(m_review, &ReviewQueueView::failed, this, oneDone);
  connect(m_gallery, &GalleryView::failed, this, oneDone);
  connect(m_experiments, &ExperimentView::failed, this, oneDone);
  connect(m_prompts, &PromptListView::failed, this, oneDone);
  m_message->setText(tr("Loading the curriculum…"));
  m_store.run<store::CurriculumImportReport>(
      this, [](store::Store& s) { return store::CurriculumLoader(s).ensureShipped(); },
      [this](store::CurriculumImportReport report) {
        m_message->setText(report.added > 0 ? tr("Added %1 curriculum prompts").arg(report.added) : QString());
        refresh();
      },
      [this](const QString& message) {
        showError(tr("Could not load the shipped curriculum: %1").arg(message));
        refresh();
      });
}

void WorkbenchWindow::refresh() {
  if (!m_ready) m_loading = 5;
  m_categories->refresh();
  m_review->refresh();
  m_gallery->refresh();
  m_experiments->refresh();
  m_prompts->refresh();
}

void WorkbenchWindow::showError(const QString& message) { m_message->setText(message); }

void WorkbenchWindow::closeEvent(QCloseEvent* event) {
  const int unsaved = m_review->unsavedEditCount();
  if (unsaved > 0) {
    m_tabs->setCurrentWidget(m_review);
    const auto answer = QMessageBox::question(
        this, tr("Edits not scored"),
        unsaved == 1 ? tr("A review edit has not been run and scored, so it is not stored. Close and discard it?")
                     : tr("%1 review edits have not been run and scored, so they are not stored. Close and discard "
                          "them?")
                           .arg(unsaved),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Discard) {
      event->ignore();
      return;
    }
  }
  QMainWindow::closeEvent(event);
}

}  // namespace partsmith::app
