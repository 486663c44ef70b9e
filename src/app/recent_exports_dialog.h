// "What did I export, and where is it": every recorded export, newest first, with when, the
// format, the file (marked when it is no longer on disk), which part it was (a version of a
// conversation, the example, a script file, hand-written code) and the slider values it was
// exported with. A row can bring the part back exactly as exported (its stored script), open
// the version that made it, copy the path or show the folder. The store is read, and the
// files are looked for, on the StoreWorker's thread.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include <QDialog>
#include <QString>

class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace partsmith::app {

class StoreWorker;

// One listed export, as the dialog shows it.
struct RecentExportRow {
  qint64 exportId = 0;
  qint64 generationId = 0;  // 0: no generation made the part
  std::optional<qint64> conversationId;
  QString conversationTitle;  // empty without a conversation (or when it was deleted)
  QString format;             // "STL", "STEP", …
  QString path;
  QString source;  // the script's file, "example:<file>", or empty
  QString code;    // the script as exported; empty in rows from before the store kept it
  QString values;  // "width = 40, holes = true"
  qint64 bytes = -1;
  qint64 createdMs = 0;
  bool fileExists = false;
  bool folderExists = false;
};

class RecentExportsDialog : public QDialog {
  Q_OBJECT
 public:
  // `conversationId`: the chat's conversation, offered as a filter (the filter starts off).
  RecentExportsDialog(StoreWorker& store, std::optional<qint64> conversationId, QWidget* parent = nullptr);

  void reload();
  bool isBusy() const { return m_busy > 0; }
  const std::vector<RecentExportRow>& rows() const { return m_rows; }
  // The row shown at `index` of the table; nullptr when there is none.
  const RecentExportRow* currentRow() const;
  bool selectExport(qint64 exportId);

  QTreeWidget* table() const { return m_table; }
  QCheckBox* conversationOnlyBox() const { return m_conversationOnly; }
  QPushButton* loadButton() const { return m_load; }
  QPushButton* openVersionButton() const { return m_openVersion; }
  QPushButton* copyPathButton() const { return m_copyPath; }
  QPushButton* showFolderButton() const { return m_showFolder; }
  QPushButton* openFileButton() const { return m_openFile; }
  QLabel* statusLabel() const { return m_status; }

 public slots:
  void loadCurrent();
  void openCurrentVersion();
  void copyCurrentPath();
  void showCurrentFolder();
  void openCurrentFile();

 signals:
  void loaded(int count);
  // The window loads `code` as an unsaved script (the part exactly as exported).
  void loadCodeRequested(const QString& code, const QString& description);
  void openVersionRequested(qint64 generationId);

 private:
  void fill();
  void updateButtons();

  StoreWorker& m_store;
  std::optional<qint64> m_conversationId;
  std::vector<RecentExportRow> m_rows;
  int m_busy = 0;
  QTreeWidget* m_table = nullptr;
  QCheckBox* m_conversationOnly = nullptr;
  QPushButton* m_load = nullptr;
  QPushButton* m_openVersion = nullptr;
  QPushButton* m_copyPath = nullptr;
  QPushButton* m_showFolder = nullptr;
  QPushButton* m_openFile = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace partsmith::app
