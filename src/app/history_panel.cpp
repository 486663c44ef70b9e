#include "app/history_panel.h"

#include <algorithm>
#include <map>

#include <QCheckBox>
#include <QDateTime>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QAbstractItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app/facts_format.h"
#include "app/store_worker.h"
#include "app/version_compare_dialog.h"

namespace partsmith::app {

struct HistoryPanel::Row {
  qint64 id = 0;
  QString title;
  bool archived = false;
  qint64 timeMs = 0;
  qint64 messages = -1;  // unknown for search hits
  QString detail;        // the last message, or the matched words
};

namespace {

struct Version {
  qint64 id = 0;
  QString request;
  QString status;
  std::optional<double> score;
  qint64 createdMs = 0;
  std::optional<qint64> parentId;
};

QString whenText(qint64 ms) {
  const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
  return t.date() == QDate::currentDate() ? t.toString(QStringLiteral("HH:mm")) : t.toString(QStringLiteral("yyyy-MM-dd"));
}

QString elided(QString text, int n) {
  text = text.simplified();
  return text.size() > n ? text.left(n - 1) + QStringLiteral("…") : text;
}

}  // namespace

HistoryPanel::HistoryPanel(StoreWorker& store, QWidget* parent) : QWidget(parent), m_store(store) {
  setObjectName("historyPanel");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);

  auto* top = new QHBoxLayout();
  m_search = new QLineEdit(this);
  m_search->setObjectName("historySearch");
  m_search->setPlaceholderText(tr("Search conversations and messages"));
  m_search->setClearButtonEnabled(true);
  m_showArchived = new QCheckBox(tr("Archived"), this);
  m_showArchived->setObjectName("historyShowArchived");
  m_showArchived->setToolTip(tr("Show archived conversations too"));
  top->addWidget(m_search, 1);
  top->addWidget(m_showArchived);
  layout->addLayout(top);

  auto* actions = new QHBoxLayout();
  auto addButton = [&](const QString& name, const QString& text, const QString& tip, void (HistoryPanel::*slot)()) {
    auto* b = new QToolButton(this);
    b->setObjectName(name);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    connect(b, &QToolButton::clicked, this, slot);
    actions->addWidget(b);
    return b;
  };
  addButton("renameButton", tr("Rename"), tr("Rename the conversation (F2)"), &HistoryPanel::renameSelected);
  addButton("archiveButton", tr("Archive"), tr("Archive the conversation, or restore an archived one"),
            &HistoryPanel::archiveSelected);
  addButton("deleteButton", tr("Delete"), tr("Delete the conversation (Del); you can undo for a few seconds"),
            &HistoryPanel::deleteSelected);
  actions->addSpacing(8);
  addButton("openButton", tr("Open"), tr("Open the conversation or version (Enter)"), &HistoryPanel::openSelected);
  addButton("compareButton", tr("Compare"),
            tr("Compare two selected versions, or one with the version before it"), &HistoryPanel::compareSelected);
  addButton("branchButton", tr("Branch"), tr("Start a new conversation from this version's code"),
            &HistoryPanel::branchSelected);
  actions->addStretch(1);
  layout->addLayout(actions);

  m_tree = new QTreeWidget(this);
  m_tree->setObjectName("historyTree");
  m_tree->setColumnCount(2);
  m_tree->setHeaderLabels({tr("Conversation"), tr("When")});
  m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_tree->header()->setStretchLastSection(false);
  m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed);
  m_tree->setExpandsOnDoubleClick(false);
  layout->addWidget(m_tree, 1);

  m_error = new QLabel(this);
  m_error->setObjectName("historyError");
  m_error->setWordWrap(true);
  m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
  m_error->hide();
  layout->addWidget(m_error);

  m_undoBar = new QFrame(this);
  m_undoBar->setObjectName("historyUndoBar");
  m_undoBar->setFrameShape(QFrame::StyledPanel);
  auto* undoRow = new QHBoxLayout(m_undoBar);
  undoRow->setContentsMargins(6, 3, 6, 3);
  m_undoLabel = new QLabel(m_undoBar);
  m_undoLabel->setObjectName("historyUndoLabel");
  m_undo = new QPushButton(tr("Undo"), m_undoBar);
  m_undo->setObjectName("historyUndo");
  m_undo->setToolTip(tr("Bring the conversation back (Ctrl+Z)"));
  auto* now = new QToolButton(m_undoBar);
  now->setObjectName("historyDeleteNow");
  now->setText(QStringLiteral("✕"));
  now->setToolTip(tr("Delete now"));
  now->setAutoRaise(true);
  undoRow->addWidget(m_undoLabel, 1);
  undoRow->addWidget(m_undo);
  undoRow->addWidget(now);
  m_undoBar->hide();
  layout->addWidget(m_undoBar);
  connect(m_undo, &QPushButton::clicked, this, &HistoryPanel::undoDelete);
  connect(now, &QToolButton::clicked, this, &HistoryPanel::commitPendingDelete);

  m_undoTimer = new QTimer(this);
  m_undoTimer->setSingleShot(true);
  connect(m_undoTimer, &QTimer::timeout, this, &HistoryPanel::commitPendingDelete);
  m_undoTick = new QTimer(this);
  m_undoTick->setInterval(1000);
  connect(m_undoTick, &QTimer::timeout, this, &HistoryPanel::updateUndoText);

  m_searchDelay = new QTimer(this);
  m_searchDelay->setSingleShot(true);
  m_searchDelay->setInterval(200);
  connect(m_searchDelay, &QTimer::timeout, this, &HistoryPanel::refresh);
  connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
  connect(m_showArchived, &QCheckBox::toggled, this, &HistoryPanel::refresh);

  connect(m_tree, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem* item) {
    if (item->data(0, KindRole).toInt() != ConversationItem) return;
    m_expanded.insert(item->data(0, IdRole).toLongLong());
    loadVersions(item);
  });
  connect(m_tree, &QTreeWidget::itemCollapsed, this,
          [this](QTreeWidgetItem* item) { m_expanded.erase(item->data(0, IdRole).toLongLong()); });
  connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    const qint64 id = item->data(0, IdRole).toLongLong();
    if (item->data(0, KindRole).toInt() == ConversationItem) emit conversationActivated(id);
    else emit openGeneration(id);
  });
  connect(m_tree, &QTreeWidget::itemChanged, this, &HistoryPanel::itemChanged);
  // A list that arrived while a title was being edited is read again once the edit ends.
  connect(m_tree->itemDelegate(), &QAbstractItemDelegate::closeEditor, this, [this] {
    if (!m_refreshAfterEdit) return;
    m_refreshAfterEdit = false;
    QTimer::singleShot(0, this, &HistoryPanel::refresh);  // after the edit's own itemChanged
  });
  connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &HistoryPanel::selectionChanged);

  // Del on the list (an event filter, so a title being edited keeps its own Del key).
  m_tree->installEventFilter(this);
  auto* undo = new QShortcut(QKeySequence(QKeySequence::Undo), this);
  undo->setContext(Qt::WidgetWithChildrenShortcut);
  connect(undo, &QShortcut::activated, this, [this] {
    if (m_pendingId) undoDelete();
  });

  selectionChanged();
  refresh();
}

HistoryPanel::~HistoryPanel() {
  // The user deleted it; closing the window must not bring it back.
  if (m_pendingId) {
    const qint64 id = *m_pendingId;
    m_store.run(nullptr, [id](store::Store& s) { s.conversations().remove(id); });
  }
}

bool HistoryPanel::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_tree && event->type() == QEvent::KeyPress &&
      static_cast<QKeyEvent*>(event)->matches(QKeySequence::Delete)) {
    deleteSelected();
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

QToolButton* HistoryPanel::button(const QString& objectName) const { return findChild<QToolButton*>(objectName); }

bool HistoryPanel::isBusy() const { return m_loads > 0; }

bool HistoryPanel::isEditingTitle() const {
  // The view's editing state is protected; its open editor is a visible line edit in it.
  for (const QLineEdit* editor : m_tree->viewport()->findChildren<QLineEdit*>())
    if (editor->isVisible()) return true;
  return false;
}

void HistoryPanel::showError(const QString& message) {
  m_error->setText(message);
  m_error->setVisible(!message.isEmpty());
  if (!message.isEmpty()) emit errorOccurred(message);
}

void HistoryPanel::refresh() {
  const quint64 seq = ++m_listSeq;
  const std::string text = m_search->text().trimmed().toStdString();
  const bool archived = m_showArchived->isChecked();
  ++m_loads;
  m_store.run<std::vector<Row>>(
      this,
      [text, archived](store::Store& s) {
        std::vector<Row> rows;
        if (text.empty()) {
          for (const auto& c : s.conversations().listRecent(500, 0, archived))
            rows.push_back({c.conversation.id, QString::fromStdString(c.conversation.title), c.conversation.archived,
                            c.conversation.updatedMs, c.messageCount, QString::fromStdString(c.preview)});
          return rows;
        }
        // One row per conversation, in the order of its best hit.
        std::map<qint64, size_t> index;
        for (const auto& hit : s.conversations().search(text, 200, archived)) {
          auto it = index.find(hit.conversationId);
          if (it == index.end()) {
            index[hit.conversationId] = rows.size();
            rows.push_back({hit.conversationId, QString::fromStdString(hit.conversationTitle), hit.archived, hit.timeMs,
                            -1, QString::fromStdString(hit.snippet)});
          } else if (!hit.snippet.empty()) {
            Row& row = rows[it->second];
            if (row.detail.count('\n') < 3) row.detail += QStringLiteral("\n") + QString::fromStdString(hit.snippet);
          }
        }
        return rows;
      },
      [this, seq](std::vector<Row> rows) {
        --m_loads;
        if (seq != m_listSeq) return;  // a newer search replaced this one
        if (isEditingTitle()) {
          // Rebuilding now would delete the row being renamed, and the typed title with it.
          m_refreshAfterEdit = true;
          return;
        }
        showError({});
        populate(rows);
        emit listLoaded();
      },
      [this](const QString& message) {
        --m_loads;
        showError(tr("Could not read the history: %1").arg(message));
      });
}

void HistoryPanel::populate(const std::vector<Row>& rows) {
  m_populating = true;
  std::set<qint64> selected;
  // A rebuild before the versions came back keeps the versions still waiting to be selected.
  if (!m_tree->selectedItems().isEmpty()) m_reselectVersions.clear();
  for (QTreeWidgetItem* item : m_tree->selectedItems()) {
    if (item->data(0, KindRole).toInt() == ConversationItem) selected.insert(item->data(0, IdRole).toLongLong());
    else m_reselectVersions.insert(item->data(0, IdRole).toLongLong());  // selected again when they reload
  }
  m_tree->clear();
  for (const Row& row : rows) {
    if (m_pendingId && row.id == *m_pendingId) continue;
    auto* item = new QTreeWidgetItem(m_tree);
    item->setData(0, KindRole, ConversationItem);
    item->setData(0, IdRole, row.id);
    item->setData(0, ArchivedRole, row.archived);
    item->setData(0, TitleRole, row.title);
    item->setText(0, row.title.isEmpty() ? tr("Untitled") : row.title);
    item->setText(1, whenText(row.timeMs));
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
    QString tip = row.title;
    if (row.archived) tip += tr(" (archived)");
    if (row.messages >= 0) tip += row.messages == 1 ? tr("\n1 message") : tr("\n%1 messages").arg(row.messages);
    if (!row.detail.isEmpty()) tip += QStringLiteral("\n") + elided(row.detail, 300);
    item->setToolTip(0, tip);
    if (row.archived) {
      QFont f = item->font(0);
      f.setItalic(true);
      item->setFont(0, f);
      item->setForeground(0, palette().color(QPalette::PlaceholderText));
      item->setText(0, item->text(0) + tr(" (archived)"));
    }
    if (m_current && *m_current == row.id) {
      QFont f = item->font(0);
      f.setBold(true);
      item->setFont(0, f);
    }
    if (selected.count(row.id)) item->setSelected(true);
  }
  m_populating = false;
  // Re-open what was open; expanding loads the versions again.
  for (qint64 id : std::set<qint64>(m_expanded))
    if (QTreeWidgetItem* item = conversationItem(id)) item->setExpanded(true);
  selectCurrent();
  selectionChanged();
}

void HistoryPanel::loadVersions(QTreeWidgetItem* conversation) {
  const qint64 id = conversation->data(0, IdRole).toLongLong();
  ++m_loads;
  m_store.run<std::vector<Version>>(
      this,
      [id](store::Store& s) {
        std::vector<Version> out;
        for (const auto& g : s.generations().listForConversation(id))
          out.push_back({g.id, QString::fromStdString(g.request), QString::fromStdString(g.status), g.compositeScore,
                         g.createdMs, g.parentGenerationId});
        return out;
      },
      [this, id](std::vector<Version> versions) {
        --m_loads;
        QTreeWidgetItem* parent = conversationItem(id);  // the list may have been rebuilt meanwhile
        if (!parent) return;
        m_populating = true;
        qDeleteAll(parent->takeChildren());
        int n = 0;
        for (const Version& v : versions) {
          auto* item = new QTreeWidgetItem(parent);
          item->setData(0, KindRole, VersionItem);
          item->setData(0, IdRole, v.id);
          QString label = tr("v%1 · %2").arg(++n).arg(elided(v.request, 60));
          if (v.score) label += QStringLiteral(" · ") + formatScore(v.score);
          if (v.status != QLatin1String("succeeded")) label += QStringLiteral(" · ") + v.status;
          item->setText(0, label);
          item->setText(1, whenText(v.createdMs));
          item->setToolTip(0, tr("Version %1 (generation %2), %3\n%4").arg(n).arg(v.id).arg(v.status, v.request));
          if (v.status != QLatin1String("succeeded")) item->setForeground(0, palette().color(QPalette::PlaceholderText));
          if (m_reselectVersions.erase(v.id)) item->setSelected(true);
        }
        if (versions.empty()) {
          parent->setChildIndicatorPolicy(QTreeWidgetItem::DontShowIndicatorWhenChildless);
          parent->setToolTip(0, parent->toolTip(0) + tr("\nNo versions yet"));
        }
        m_populating = false;
        selectionChanged();
        emit versionsLoaded(id);
      },
      [this](const QString& message) {
        --m_loads;
        showError(tr("Could not read the versions: %1").arg(message));
      });
}

QTreeWidgetItem* HistoryPanel::conversationItem(qint64 conversationId) const {
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
    if (m_tree->topLevelItem(i)->data(0, IdRole).toLongLong() == conversationId) return m_tree->topLevelItem(i);
  return nullptr;
}

QTreeWidgetItem* HistoryPanel::versionItem(qint64 generationId) const {
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
    QTreeWidgetItem* c = m_tree->topLevelItem(i);
    for (int k = 0; k < c->childCount(); ++k)
      if (c->child(k)->data(0, IdRole).toLongLong() == generationId) return c->child(k);
  }
  return nullptr;
}

void HistoryPanel::setCurrentConversation(qint64 conversationId, bool select) {
  if (conversationId > 0) m_current = conversationId;
  else m_current.reset();
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = m_tree->topLevelItem(i);
    QFont f = item->font(0);
    f.setBold(m_current && item->data(0, IdRole).toLongLong() == *m_current);
    item->setFont(0, f);
  }
  m_selectCurrent = select && m_current;
  selectCurrent();
}

void HistoryPanel::selectCurrent() {
  if (!m_selectCurrent || !m_current) return;
  QTreeWidgetItem* item = conversationItem(*m_current);
  if (!item) return;  // not listed yet (or filtered out by a search): when it is
  m_selectCurrent = false;
  // Already selected, or one of its versions is (the one just opened): leave it.
  for (QTreeWidgetItem* selected : m_tree->selectedItems())
    if (selected == item || selected->parent() == item) return;
  m_tree->clearSelection();
  m_tree->setCurrentItem(item);
  item->setSelected(true);
  m_tree->scrollToItem(item);
}

QTreeWidgetItem* HistoryPanel::selectedConversation() const {
  const auto items = m_tree->selectedItems();
  if (items.size() != 1) return nullptr;
  QTreeWidgetItem* item = items.front();
  return item->data(0, KindRole).toInt() == ConversationItem ? item : nullptr;
}

std::vector<QTreeWidgetItem*> HistoryPanel::selectedVersions() const {
  std::vector<QTreeWidgetItem*> out;
  for (QTreeWidgetItem* item : m_tree->selectedItems())
    if (item->data(0, KindRole).toInt() == VersionItem) out.push_back(item);
  return out;
}

void HistoryPanel::selectionChanged() {
  QTreeWidgetItem* conversation = selectedConversation();
  const auto versions = selectedVersions();
  const bool oneVersion = versions.size() == 1 && m_tree->selectedItems().size() == 1;
  button("renameButton")->setEnabled(conversation);
  button("archiveButton")->setEnabled(conversation);
  button("archiveButton")->setText(conversation && conversation->data(0, ArchivedRole).toBool() ? tr("Restore")
                                                                                              : tr("Archive"));
  button("deleteButton")->setEnabled(conversation);
  button("openButton")->setEnabled(conversation || oneVersion);
  button("branchButton")->setEnabled(oneVersion);
  const bool previousExists = oneVersion && versions.front()->parent()->indexOfChild(versions.front()) > 0;
  button("compareButton")->setEnabled(versions.size() == 2 || previousExists);
}

void HistoryPanel::renameSelected() {
  if (QTreeWidgetItem* item = selectedConversation()) {
    m_populating = true;
    item->setText(0, item->data(0, TitleRole).toString());  // edit the bare title, not "(archived)"
    m_populating = false;
    m_tree->setFocus();
    m_tree->editItem(item, 0);
  }
}

void HistoryPanel::itemChanged(QTreeWidgetItem* item, int column) {
  if (m_populating || column != 0 || item->data(0, KindRole).toInt() != ConversationItem) return;
  const qint64 id = item->data(0, IdRole).toLongLong();
  const QString old = item->data(0, TitleRole).toString();
  const QString title = item->text(0).trimmed();
  if (title.isEmpty() || title == old) {
    refresh();  // back to the stored title and its decorations
    return;
  }
  m_populating = true;
  item->setData(0, TitleRole, title);
  m_populating = false;
  const std::string text = title.toStdString();
  m_store.run(
      this, [id, text](store::Store& s) { s.conversations().rename(id, text); },
      [this, id, title] {
        emit conversationRenamed(id, title);
        refresh();
      },
      [this](const QString& message) {
        showError(tr("Could not rename the conversation: %1").arg(message));
        refresh();
      });
}

void HistoryPanel::archiveSelected() {
  QTreeWidgetItem* item = selectedConversation();
  if (!item) return;
  const qint64 id = item->data(0, IdRole).toLongLong();
  const bool archive = !item->data(0, ArchivedRole).toBool();
  m_store.run(
      this, [id, archive](store::Store& s) { s.conversations().setArchived(id, archive); },
      [this, id, archive] {
        emit conversationArchived(id, archive);
        refresh();
      },
      [this](const QString& message) { showError(tr("Could not archive the conversation: %1").arg(message)); });
}

void HistoryPanel::deleteSelected() {
  QTreeWidgetItem* item = selectedConversation();
  if (!item) return;
  commitPendingDelete();  // one undo at a time: the earlier delete becomes final
  m_pendingId = item->data(0, IdRole).toLongLong();
  m_pendingTitle = item->data(0, TitleRole).toString();
  m_expanded.erase(*m_pendingId);
  delete item;
  m_undoTimer->start(m_undoMs);
  m_undoTick->start();
  updateUndoText();
  m_undoBar->show();
  emit conversationDeleted(*m_pendingId);
}

void HistoryPanel::updateUndoText() {
  if (!m_pendingId) return;
  const int left = std::max(0, (m_undoTimer->remainingTime() + 999) / 1000);
  m_undoLabel->setText(tr("Deleted “%1”. Undo within %2 s.").arg(elided(m_pendingTitle, 40)).arg(left));
}

void HistoryPanel::undoDelete() {
  if (!m_pendingId) return;
  const qint64 id = *m_pendingId;
  m_pendingId.reset();
  m_undoTimer->stop();
  m_undoTick->stop();
  m_undoBar->hide();
  refresh();
  emit conversationRestored(id);
}

void HistoryPanel::commitPendingDelete() {
  if (!m_pendingId) return;
  const qint64 id = *m_pendingId;
  m_pendingId.reset();
  m_undoTimer->stop();
  m_undoTick->stop();
  m_undoBar->hide();
  m_store.run(
      this, [id](store::Store& s) { s.conversations().remove(id); }, [this, id] { emit conversationRemoved(id); },
      [this](const QString& message) {
        showError(tr("Could not delete the conversation: %1").arg(message));
        refresh();
      });
}

void HistoryPanel::openSelected() {
  if (QTreeWidgetItem* c = selectedConversation()) {
    emit conversationActivated(c->data(0, IdRole).toLongLong());
    return;
  }
  const auto versions = selectedVersions();
  if (versions.size() == 1) emit openGeneration(versions.front()->data(0, IdRole).toLongLong());
}

void HistoryPanel::branchSelected() {
  const auto versions = selectedVersions();
  if (versions.size() == 1) emit branchFrom(versions.front()->data(0, IdRole).toLongLong());
}

void HistoryPanel::compareSelected() {
  auto versions = selectedVersions();
  if (versions.size() == 2) {
    qint64 a = versions[0]->data(0, IdRole).toLongLong(), b = versions[1]->data(0, IdRole).toLongLong();
    compareVersions(std::min(a, b), std::max(a, b));  // the older one on the left
  } else if (versions.size() == 1) {
    QTreeWidgetItem* v = versions.front();
    const int index = v->parent()->indexOfChild(v);
    if (index > 0)
      compareVersions(v->parent()->child(index - 1)->data(0, IdRole).toLongLong(), v->data(0, IdRole).toLongLong());
  }
}

VersionCompareDialog* HistoryPanel::compareVersions(qint64 before, qint64 after) {
  auto* dialog = new VersionCompareDialog(m_store, before, after, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

}  // namespace partsmith::app
