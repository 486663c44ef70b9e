// The workbench's gallery: the approved examples of the library by category, with full-text
// search (the library's FTS index). "Remix" hands an example's code to the main window, which
// starts a new conversation from it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <QWidget>

#include "store/library_repository.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace partsmith::store {
class Store;
}

namespace partsmith::app {

class StoreWorker;

struct GalleryQuery {
  std::string category;  // empty: every category
  std::string text;      // empty: no search
  int limit = 500;
};

struct GalleryPage {
  std::vector<store::LibraryExample> examples;
  std::vector<std::string> categories;  // of every approved example, for the filter
};

// Runs on the StoreWorker's thread.
GalleryPage loadGallery(store::Store& store, const GalleryQuery& query);

class GalleryView : public QWidget {
  Q_OBJECT
 public:
  explicit GalleryView(StoreWorker& store, QWidget* parent = nullptr);

  QLineEdit* searchField() const { return m_search; }
  QComboBox* categoryBox() const { return m_category; }
  QListWidget* list() const { return m_list; }
  QPlainTextEdit* codeView() const { return m_code; }
  QPushButton* remixButton() const { return m_remix; }
  const std::vector<store::LibraryExample>& examples() const { return m_examples; }
  bool isBusy() const { return m_busy; }
  // Search delay after typing; 0 searches at once (tests).
  void setSearchDelayMs(int ms);

 public slots:
  void refresh();
  void remixCurrent();
  // Clears the search and shows one category (empty: all).
  void showCategory(const QString& category);

 signals:
  void loaded();
  void remixRequested(qint64 exampleId, const QString& code);
  void failed(const QString& message);

 private:
  void display(GalleryPage page);
  void showCurrent();

  StoreWorker& m_store;
  QLineEdit* m_search = nullptr;
  QComboBox* m_category = nullptr;
  QListWidget* m_list = nullptr;
  QLabel* m_title = nullptr;
  QLabel* m_status = nullptr;
  QPlainTextEdit* m_code = nullptr;
  QPushButton* m_remix = nullptr;
  QTimer* m_debounce = nullptr;
  std::vector<store::LibraryExample> m_examples;
  bool m_busy = false;
  int m_generation = 0;  // loads answered out of order are dropped
};

}  // namespace partsmith::app
