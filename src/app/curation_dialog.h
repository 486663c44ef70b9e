// The curation view: generations the user rated up, starred 4 or more, or exported
// (store::CurationRepository's queue), each with its code, facts and score. Promote puts one
// in the example library with the header the seed examples carry (`// @prompt`, category,
// complexity, techniques and @expect lines from its measured facts); reject takes it off the
// queue for good. The reviewer can edit the prompt, title, category, complexity, techniques
// and tags first. All store work runs on the StoreWorker's thread.
#pragma once
#include <cstdint>
#include <vector>

#include <QDialog>

#include "store/curation_repository.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace partsmith::app {

class CodeEditor;
class StoreWorker;

class CurationDialog : public QDialog {
  Q_OBJECT
 public:
  explicit CurationDialog(StoreWorker& store, QWidget* parent = nullptr);

  void reload();
  // Selects the candidate of `generationId`; false when it is not in the queue.
  bool selectCandidate(qint64 generationId);
  qint64 currentGenerationId() const;
  int candidateCount() const { return int(m_candidates.size()); }
  bool isBusy() const { return m_busy > 0; }

  QListWidget* candidateList() const { return m_list; }
  CodeEditor* codeView() const { return m_code; }
  QLabel* factsLabel() const { return m_facts; }
  QLineEdit* titleEdit() const { return m_title; }
  QPlainTextEdit* promptEdit() const { return m_prompt; }
  QLineEdit* categoryEdit() const { return m_category; }
  QSpinBox* complexitySpin() const { return m_complexity; }
  QLineEdit* techniquesEdit() const { return m_techniques; }
  QLineEdit* tagsEdit() const { return m_tags; }
  QLineEdit* noteEdit() const { return m_note; }
  QPushButton* promoteButton() const { return m_promote; }
  QPushButton* rejectButton() const { return m_reject; }

 public slots:
  void promoteCurrent();
  void rejectCurrent();

 signals:
  void candidatesLoaded(int count);
  void candidateShown(qint64 generationId);
  void promoted(qint64 generationId, qint64 exampleId);
  void rejected(qint64 generationId);
  void errorOccurred(const QString& message);

 private:
  void showCandidate(int row);
  void removeCurrent();
  void setStatus(const QString& text, bool error = false);
  void updateButtons();

  StoreWorker& m_store;
  std::vector<store::CurationCandidate> m_candidates;
  quint64 m_detailSeq = 0;
  int m_busy = 0;

  QListWidget* m_list = nullptr;
  CodeEditor* m_code = nullptr;
  QLabel* m_facts = nullptr;
  QLineEdit* m_title = nullptr;
  QPlainTextEdit* m_prompt = nullptr;
  QLineEdit* m_category = nullptr;
  QSpinBox* m_complexity = nullptr;
  QLineEdit* m_techniques = nullptr;
  QLineEdit* m_tags = nullptr;
  QLineEdit* m_note = nullptr;
  QPushButton* m_promote = nullptr;
  QPushButton* m_reject = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace partsmith::app
