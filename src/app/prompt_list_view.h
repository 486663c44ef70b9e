// The workbench's Prompts tab: the curriculum and the user's own prompts, searchable and
// filtered by category, with add, edit (text, category, complexity), archive / unarchive and
// import of a JSONL or CSV file — the same store functions as `partsmith-cli workbench
// add | edit | import`, run on the StoreWorker's thread.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <QString>
#include <QWidget>

#include "store/curriculum_loader.h"
#include "store/workbench_repository.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace partsmith::store {
class Store;
}

namespace partsmith::app {

class StoreWorker;

class PromptListView : public QWidget {
  Q_OBJECT
 public:
  explicit PromptListView(StoreWorker& store, QWidget* parent = nullptr);

  QTableWidget* table() const { return m_table; }
  QLineEdit* searchField() const { return m_search; }
  QComboBox* categoryFilter() const { return m_category; }
  QCheckBox* showArchived() const { return m_showArchived; }
  QPlainTextEdit* textEdit() const { return m_text; }
  QComboBox* categoryEdit() const { return m_editCategory; }
  QSpinBox* complexityEdit() const { return m_complexity; }
  QPushButton* saveButton() const { return m_save; }
  QPushButton* addButton() const { return m_add; }
  QPushButton* archiveButton() const { return m_archive; }
  QPushButton* importButton() const { return m_import; }
  QLabel* statusLabel() const { return m_status; }  // what the last action did, or why it failed
  QLabel* countLabel() const { return m_count; }

  // Every prompt, archived ones included; the table shows those the filters let through.
  const std::vector<store::WorkbenchPrompt>& prompts() const { return m_prompts; }
  // The prompts in the table, top to bottom.
  std::vector<int64_t> shownIds() const;
  std::optional<int64_t> currentId() const;
  bool isBusy() const { return m_busy; }

 public slots:
  void refresh();
  void select(qint64 promptId);
  // The form's text, category and complexity as a new prompt.
  void addFromForm();
  // The form's values onto the selected prompt.
  void saveForm();
  // Archives the selected prompt, or brings an archived one back.
  void toggleArchived();
  // Imports a JSONL or CSV file (all or nothing, like `workbench import`).
  void importFile(const QString& path);

 signals:
  void loaded();
  // A prompt was added, edited, archived or imported (the categories' counts change).
  void changed();
  void failed(const QString& message);

 private:
  void display(std::vector<store::WorkbenchPrompt> prompts);
  void applyFilter();
  void showCurrent();
  void updateButtons();
  // Reads the form; empty optional (and the reason in the status line) when it is not valid.
  std::optional<store::CurriculumEntry> formEntry();
  void write(std::function<int64_t(store::Store&)> job, const QString& done);
  void chooseImportFile();

  StoreWorker& m_store;
  QLineEdit* m_search = nullptr;
  QComboBox* m_category = nullptr;
  QCheckBox* m_showArchived = nullptr;
  QTableWidget* m_table = nullptr;
  QPlainTextEdit* m_text = nullptr;
  QComboBox* m_editCategory = nullptr;
  QSpinBox* m_complexity = nullptr;
  QLabel* m_formTitle = nullptr;
  QPushButton* m_save = nullptr;
  QPushButton* m_add = nullptr;
  QPushButton* m_archive = nullptr;
  QPushButton* m_import = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_count = nullptr;
  std::vector<store::WorkbenchPrompt> m_prompts;
  std::optional<int64_t> m_wanted;
  bool m_busy = false;
};

}  // namespace partsmith::app
