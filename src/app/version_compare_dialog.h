// Two versions (generations) side by side: a unified diff of their scripts and a table of
// what they measured and scored (size, volume, holes, solids, scores, cost). Both records are
// read and the diff computed on the StoreWorker's thread.
#pragma once
#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace partsmith::app {

class StoreWorker;

class VersionCompareDialog : public QDialog {
  Q_OBJECT
 public:
  // `before` is shown as the old side (−), `after` as the new side (+).
  VersionCompareDialog(StoreWorker& store, qint64 before, qint64 after, QWidget* parent = nullptr);

  qint64 beforeId() const { return m_before; }
  qint64 afterId() const { return m_after; }
  bool isLoaded() const { return m_loaded; }
  QString diffText() const;
  QPlainTextEdit* diffView() const { return m_diff; }
  QTableWidget* factsTable() const { return m_table; }
  // The table row labelled `label` as {before, after}; empty strings when there is no such row.
  QPair<QString, QString> row(const QString& label) const;

 signals:
  void loaded();
  void errorOccurred(const QString& message);

 private:
  qint64 m_before, m_after;
  bool m_loaded = false;
  QLabel* m_status = nullptr;
  QPlainTextEdit* m_diff = nullptr;
  QTableWidget* m_table = nullptr;
};

}  // namespace partsmith::app
