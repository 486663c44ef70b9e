// The History pane: conversations (newest first) with search, rename (F2), archive and
// delete with undo; each conversation expands to its generations as versions that can be
// opened, compared and branched from. All reads and writes run on the StoreWorker's thread.
//
// Delete is deferred, not soft: the conversation leaves the list at once and an undo bar
// counts down; the row is removed from the database when the bar times out, when another
// conversation is deleted, or when the panel closes. Undo in the meantime leaves the
// database untouched. (A soft-delete flag would need a schema change and would let deleted
// text linger in the file and in search; a crash during the undo window keeps the
// conversation, the safe side.)
#pragma once
#include <cstdint>
#include <optional>
#include <set>

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
class QFrame;

namespace partsmith::app {

class StoreWorker;
class VersionCompareDialog;

class HistoryPanel : public QWidget {
  Q_OBJECT
 public:
  // Item data roles of the tree, for the window and tests.
  enum Role { KindRole = Qt::UserRole + 1, IdRole, ArchivedRole, TitleRole };
  enum Kind { ConversationItem = 1, VersionItem = 2 };

  // `store` must outlive the panel (a pending delete is committed through it on close).
  explicit HistoryPanel(StoreWorker& store, QWidget* parent = nullptr);
  ~HistoryPanel() override;

  void setUndoTimeoutMs(int ms) { m_undoMs = ms; }
  int undoTimeoutMs() const { return m_undoMs; }

  QTreeWidget* tree() const { return m_tree; }
  QLineEdit* searchField() const { return m_search; }
  QCheckBox* showArchivedBox() const { return m_showArchived; }
  QFrame* undoBar() const { return m_undoBar; }
  QPushButton* undoButton() const { return m_undo; }
  QToolButton* button(const QString& objectName) const;  // renameButton, archiveButton, …
  bool isBusy() const;  // a list or version load is under way
  bool isEditingTitle() const;  // a title is being edited in place

  QTreeWidgetItem* conversationItem(qint64 conversationId) const;
  QTreeWidgetItem* versionItem(qint64 generationId) const;
  std::optional<qint64> pendingDelete() const { return m_pendingId; }
  std::optional<qint64> currentConversation() const { return m_current; }

 public slots:
  void refresh();
  // Marks the conversation the chat shows (bold; 0: none); `select` also selects it and
  // scrolls to it, now or once the list has it.
  void setCurrentConversation(qint64 conversationId, bool select = false);
  void renameSelected();                   // starts editing the title in place
  void archiveSelected();                  // archives, or restores an archived one
  void deleteSelected();                   // hides it and shows the undo bar
  void undoDelete();
  void commitPendingDelete();              // deletes now instead of at the bar's timeout
  void openSelected();
  void compareSelected();                  // two versions, or one and the version before it
  void branchSelected();
  // Opens the compare dialog (non-modal, deleted on close) and returns it.
  VersionCompareDialog* compareVersions(qint64 before, qint64 after);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 signals:
  void conversationActivated(qint64 conversationId);
  void openGeneration(qint64 generationId);
  // A new conversation starting from this version's code: the window creates it.
  void branchFrom(qint64 generationId);
  void conversationRenamed(qint64 conversationId, const QString& title);
  void conversationArchived(qint64 conversationId, bool archived);
  void conversationDeleted(qint64 conversationId);   // hidden; undo still possible
  void conversationRestored(qint64 conversationId);  // undo
  void conversationRemoved(qint64 conversationId);   // gone from the database
  void listLoaded();
  void versionsLoaded(qint64 conversationId);
  void errorOccurred(const QString& message);

 private:
  struct Row;
  void populate(const std::vector<Row>& rows);
  void loadVersions(QTreeWidgetItem* conversation);
  void itemChanged(QTreeWidgetItem* item, int column);
  void selectionChanged();
  void selectCurrent();
  void showError(const QString& message);
  void updateUndoText();
  QTreeWidgetItem* selectedConversation() const;
  std::vector<QTreeWidgetItem*> selectedVersions() const;

  StoreWorker& m_store;
  QLineEdit* m_search = nullptr;
  QCheckBox* m_showArchived = nullptr;
  QTreeWidget* m_tree = nullptr;
  QLabel* m_error = nullptr;
  QFrame* m_undoBar = nullptr;
  QLabel* m_undoLabel = nullptr;
  QPushButton* m_undo = nullptr;
  QTimer* m_searchDelay = nullptr;
  QTimer* m_undoTimer = nullptr;
  QTimer* m_undoTick = nullptr;
  int m_undoMs = 8000;
  std::optional<qint64> m_pendingId;
  QString m_pendingTitle;
  std::set<qint64> m_expanded;
  std::set<qint64> m_reselectVersions;  // versions selected before the list was rebuilt
  std::optional<qint64> m_current;
  bool m_selectCurrent = false;  // select the current conversation when the list next has it
  quint64 m_listSeq = 0;
  int m_loads = 0;
  bool m_populating = false;
  bool m_refreshAfterEdit = false;
};

}  // namespace partsmith::app
