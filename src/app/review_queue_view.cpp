#include "app/review_queue_view.h"

#include <algorithm>

#include <QColor>
#include <QFileInfo>
#include <QPixmap>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app/code_editor.h"
#include "app/review_revise_runner.h"
#include "app/store_worker.h"
#include "store/store.h"

namespace partsmith::app {

using nlohmann::json;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString scoreText(const std::optional<double>& v) { return v ? QString::number(*v, 'f', 1) : QStringLiteral("—"); }

// The spec as a reviewer reads it, not as JSON.
QString specText(const json& spec) {
  if (!spec.is_object()) return spec.is_null() ? QObject::tr("(no spec was written)") : qs(spec.dump(2));
  QStringList out;
  if (spec.contains("interpretation") && spec["interpretation"].is_string())
    out << qs(spec["interpretation"].get<std::string>()) << QString();
  auto list = [&](const char* key, const QString& title) {
    if (!spec.contains(key) || !spec[key].is_array() || spec[key].empty()) return;
    out << title;
    for (const auto& v : spec[key]) {
      if (v.is_string()) out << QStringLiteral("  • ") + qs(v.get<std::string>());
      else if (v.is_object() && v.contains("description") && v["description"].is_string())
        out << QStringLiteral("  • ") + qs(v["description"].get<std::string>());
      else out << QStringLiteral("  • ") + qs(v.dump());
    }
    out << QString();
  };
  list("assertions", QObject::tr("Assertions:"));
  list("checklist", QObject::tr("Checklist:"));
  list("techniques", QObject::tr("Techniques:"));
  if (spec.contains("complexity") && spec["complexity"].is_number())
    out << QObject::tr("Complexity: %1").arg(spec["complexity"].get<int>());
  return out.join('\n').trimmed();
}

}  // namespace

std::vector<ReviewEntry> loadReviewEntries(store::Store& s, int limit) {
  workbench::ReviewQueue queue(s);
  std::vector<ReviewEntry> out;
  for (auto& item : queue.list(std::nullopt, limit)) {
    ReviewEntry e;
    e.item = std::move(item);
    if (e.item.generationId > 0) {
      const store::Generation g = s.generations().get(e.item.generationId);
      for (const auto& t : g.scores)
        if (t.details.is_object() && t.details.contains("checklist") && t.details["checklist"].is_array())
          for (json c : t.details["checklist"]) {
            if (!c.contains("track")) c["track"] = t.track;
            e.checklist.push_back(std::move(c));
          }
      // The newest PNG still on disk.
      const auto exports = s.feedback().exportsOf(e.item.generationId);
      for (auto it = exports.rbegin(); it != exports.rend(); ++it) {
        if (it->format != "png") continue;
        QImage image(qs(it->path));
        if (image.isNull()) continue;
        e.renderPath = qs(it->path);
        e.render = std::move(image);
        break;
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

ReviewQueueView::ReviewQueueView(StoreWorker& store, QWidget* parent, SettingsLocation settings)
    : QWidget(parent), m_store(store), m_settings(std::move(settings)) {
  auto* layout = new QVBoxLayout(this);
  m_status = new QLabel(tr("Loading the review queue…"), this);
  layout->addWidget(m_status);
  auto* split = new QSplitter(Qt::Horizontal, this);
  m_list = new QListWidget(split);
  m_list->setObjectName("reviewList");
  m_list->setMinimumWidth(260);
  auto* detail = new QWidget(split);
  auto* d = new QVBoxLayout(detail);
  d->setContentsMargins(0, 0, 0, 0);
  m_header = new QLabel(detail);
  m_header->setWordWrap(true);
  m_header->setTextFormat(Qt::RichText);
  d->addWidget(m_header);
  m_reason = new QLabel(detail);
  m_reason->setWordWrap(true);
  d->addWidget(m_reason);
  m_scores = new QLabel(detail);
  m_scores->setObjectName("scores");
  d->addWidget(m_scores);

  auto* middle = new QSplitter(Qt::Horizontal, detail);
  m_render = new QLabel(middle);
  m_render->setObjectName("render");
  m_render->setAlignment(Qt::AlignCenter);
  m_render->setMinimumSize(240, 200);
  m_render->setFrameShape(QFrame::StyledPanel);
  auto* tabs = new QTabWidget(middle);
  // The code, editable: a fix is run and scored with "Re-run and score".
  m_code = new CodeEditor(tabs);
  m_code->setObjectName("reviewCode");
  tabs->addTab(m_code, tr("Code"));
  m_spec = new QPlainTextEdit(tabs);
  m_spec->setReadOnly(true);
  tabs->addTab(m_spec, tr("Spec"));
  m_checklist = new QTreeWidget(tabs);
  m_checklist->setHeaderLabels({tr("Checklist item"), tr("Answer"), tr("Track"), tr("Note")});
  m_checklist->setRootIsDecorated(false);
  m_checklist->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  tabs->addTab(m_checklist, tr("Checklist"));
  middle->addWidget(m_render);
  middle->addWidget(tabs);
  middle->setStretchFactor(1, 2);
  d->addWidget(middle, 1);
  m_revision = new QLabel(detail);
  m_revision->setObjectName("revision");
  m_revision->setWordWrap(true);
  m_revision->setTextFormat(Qt::RichText);
  m_revision->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_revision->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
  d->addWidget(m_revision);

  auto* buttons = new QHBoxLayout;
  m_approve = new QPushButton(tr("Approve"), detail);
  m_approve->setToolTip(tr("Put it into the example library"));
  m_reject = new QPushButton(tr("Reject…"), detail);
  m_reject->setToolTip(tr("Take it off the queue, with the reason"));
  m_rerun = new QPushButton(tr("Re-run and score"), detail);
  m_rerun->setObjectName("rerun");
  m_rerun->setToolTip(tr("Run the edited code and score it like a batch result; the item keeps the edit when it builds"));
  m_revert = new QPushButton(tr("Revert edit"), detail);
  m_revert->setToolTip(tr("Put the stored code back into the editor"));
  m_edit = new QPushButton(tr("Open in main window"), detail);
  m_edit->setToolTip(tr("Open the code in the main window (a separate part; the queued item is not changed)"));
  buttons->addWidget(m_approve);
  buttons->addWidget(m_reject);
  buttons->addStretch(1);
  buttons->addWidget(m_rerun);
  buttons->addWidget(m_revert);
  buttons->addWidget(m_edit);
  d->addLayout(buttons);
  split->addWidget(m_list);
  split->addWidget(detail);
  split->setStretchFactor(1, 3);
  layout->addWidget(split, 1);

  connect(m_list, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
  connect(m_approve, &QPushButton::clicked, this, [this] { approveCurrent(); });
  connect(m_reject, &QPushButton::clicked, this, [this] { askRejectReason(); });
  connect(m_edit, &QPushButton::clicked, this, [this] {
    const int row = m_list->currentRow();
    if (row < 0 || row >= int(m_entries.size())) return;
    const auto& item = m_entries[row].item;
    emit editRequested(item.generationId, m_code->toPlainText());
  });
  connect(m_rerun, &QPushButton::clicked, this, &ReviewQueueView::rerunCurrent);
  connect(m_revert, &QPushButton::clicked, this, &ReviewQueueView::revertEdit);
  connect(m_code, &QPlainTextEdit::textChanged, this, [this] { updateButtons(); });
  showCurrent();
}

QPlainTextEdit* ReviewQueueView::codeView() const { return m_code; }

void ReviewQueueView::setSettingsLocation(const SettingsLocation& settings) {
  m_settings = settings;
  if (m_runner) m_runner->setSettingsLocation(settings);
}

std::optional<int64_t> ReviewQueueView::currentExampleId() const {
  const int row = m_list->currentRow();
  if (row < 0 || row >= int(m_entries.size())) return std::nullopt;
  return m_entries[row].item.exampleId;
}

void ReviewQueueView::refresh() {
  m_busy = true;
  if (!m_wanted) m_wanted = currentExampleId();
  m_store.run<std::vector<ReviewEntry>>(
      this, [](store::Store& s) { return loadReviewEntries(s); },
      [this](std::vector<ReviewEntry> entries) {
        m_busy = false;
        display(std::move(entries));
        emit loaded();
      },
      [this](const QString& message) {
        m_busy = false;
        m_status->setText(tr("Could not read the review queue: %1").arg(message));
        updateButtons();
        emit failed(message);
      });
}

namespace {

QString rowText(const workbench::ReviewItem& it, bool draft) {
  return QStringLiteral("%1%2  ·  %3\n%4")
      .arg(draft ? QStringLiteral("✎ ") : QString(), scoreText(it.score), qs(it.category), qs(it.prompt).left(80));
}

}  // namespace

void ReviewQueueView::keepDraft() {
  if (!m_shownId) return;
  const QString text = m_code->toPlainText();
  if (text != m_shownCode)
    m_drafts[*m_shownId] = text;
  else
    m_drafts.erase(*m_shownId);
  markDraftRow(*m_shownId);
}

void ReviewQueueView::markDraftRow(int64_t exampleId) {
  for (size_t i = 0; i < m_entries.size() && int(i) < m_list->count(); ++i)
    if (m_entries[i].item.exampleId == exampleId)
      m_list->item(int(i))->setText(rowText(m_entries[i].item, m_drafts.count(exampleId) > 0));
}

int ReviewQueueView::unsavedEditCount() {
  keepDraft();
  return int(m_drafts.size());
}

void ReviewQueueView::display(std::vector<ReviewEntry> entries) {
  keepDraft();
  m_entries = std::move(entries);
  // Drafts of items that left the queue (approved or rejected) go with them.
  for (auto it = m_drafts.begin(); it != m_drafts.end();) {
    const int64_t id = it->first;
    const bool queued =
        std::any_of(m_entries.begin(), m_entries.end(), [id](const ReviewEntry& e) { return e.item.exampleId == id; });
    it = queued ? std::next(it) : m_drafts.erase(it);
  }
  const QSignalBlocker block(m_list);
  m_list->clear();
  int select = m_entries.empty() ? -1 : 0;
  for (size_t i = 0; i < m_entries.size(); ++i) {
    const auto& it = m_entries[i].item;
    auto* row = new QListWidgetItem(rowText(it, m_drafts.count(it.exampleId) > 0), m_list);
    row->setData(Qt::UserRole, QVariant::fromValue<qint64>(it.exampleId));
    row->setToolTip(qs(it.reason));
    if (m_wanted && *m_wanted == it.exampleId) select = int(i);
  }
  m_wanted.reset();
  m_list->setCurrentRow(select);
  m_status->setText(m_entries.empty() ? tr("The review queue is empty: every batch result has been decided.")
                                      : (m_entries.size() == 1 ? tr("1 result waiting for review") : tr("%1 results waiting for review").arg(m_entries.size())));
  showCurrent();
}

void ReviewQueueView::select(qint64 exampleId) {
  for (size_t i = 0; i < m_entries.size(); ++i)
    if (m_entries[i].item.exampleId == exampleId) m_list->setCurrentRow(int(i));
}

void ReviewQueueView::showCurrent() {
  keepDraft();
  const int row = m_list->currentRow();
  const bool has = row >= 0 && row < int(m_entries.size());
  m_checklist->clear();
  m_code->clearErrorMarks();
  if (!has) {
    m_shownId.reset();
    m_header->clear();
    m_reason->clear();
    m_scores->clear();
    m_code->clear();
    m_revision->clear();
    updateButtons();
    m_spec->clear();
    m_render->clear();
    m_render->setText(tr("Nothing selected"));
    return;
  }
  const ReviewEntry& e = m_entries[row];
  const auto& it = e.item;
  QString edits;
  if (it.revisions > 0)
    edits = it.revisions == 1 ? tr(" · edited in review") : tr(" · edited in review %1 times").arg(it.revisions);
  m_header->setText(QStringLiteral("<b>%1</b><br><span>%2 · complexity %3 · generation %4%5</span>")
                        .arg(qs(it.prompt).toHtmlEscaped(), qs(it.category).toHtmlEscaped())
                        .arg(it.complexity)
                        .arg(it.generationId)
                        .arg(edits));
  if (it.revisions > 0) {
    QString note = qs(it.reason);
    if (!note.isEmpty()) note[0] = note[0].toUpper();
    m_reason->setText(note);
  } else {
    m_reason->setText(tr("Not approved because: %1").arg(qs(it.reason)));
  }
  QStringList scores{tr("Score %1").arg(scoreText(it.score))};
  for (const auto& t : it.scores) {
    const std::optional<double> v = t["score"].is_number() ? std::optional<double>(t["score"].get<double>()) : std::nullopt;
    QString s = QStringLiteral("%1 %2").arg(qs(t.value("track", std::string()))).arg(scoreText(v));
    if (t["passed"].is_boolean()) s += t["passed"].get<bool>() ? QStringLiteral(" ✓") : QStringLiteral(" ✗");
    scores << s;
  }
  m_scores->setText(scores.join(QStringLiteral("   ·   ")));
  m_shownId = it.exampleId;
  m_shownCode = qs(it.code);
  auto draft = m_drafts.find(it.exampleId);
  if (draft != m_drafts.end() && draft->second == m_shownCode) {  // the edit was stored meanwhile
    m_drafts.erase(draft);
    draft = m_drafts.end();
  }
  const bool drafted = draft != m_drafts.end();
  m_code->setPlainText(drafted ? draft->second : m_shownCode);
  if (drafted) m_header->setText(m_header->text() + tr("<br><i>Your edit, not yet run and scored</i>"));
  markDraftRow(it.exampleId);
  m_spec->setPlainText(specText(it.spec));
  for (const auto& c : e.checklist) {
    auto str = [&](const char* k) { return c.contains(k) && c[k].is_string() ? qs(c[k].get<std::string>()) : QString(); };
    auto* r = new QTreeWidgetItem(m_checklist, {str("item"), str("answer"), str("track"), str("note")});
    if (str("answer") == QLatin1String("no")) r->setForeground(1, QColor(200, 40, 40));
  }
  if (e.render.isNull()) {
    m_render->setPixmap({});
    m_render->setText(tr("No render stored"));
  } else {
    m_render->setPixmap(QPixmap::fromImage(e.render).scaled(QSize(320, 320), Qt::KeepAspectRatio, Qt::SmoothTransformation));
    m_render->setToolTip(e.renderPath);
  }
  showRevision();
  updateButtons();
}

void ReviewQueueView::updateButtons() {
  const int row = m_list->currentRow();
  const bool has = row >= 0 && row < int(m_entries.size());
  const bool idle = !m_busy && !m_revising;
  m_approve->setEnabled(has && idle);
  m_reject->setEnabled(has && idle);
  const QString code = m_code->toPlainText();
  const bool edited = has && code != qs(m_entries[row].item.code);
  m_rerun->setEnabled(has && idle && !code.trimmed().isEmpty());
  m_revert->setEnabled(edited && !m_revising);
  m_edit->setEnabled(has && !code.trimmed().isEmpty());
  // Approving takes the stored code: an unscored edit would not be what goes into the library.
  if (edited) m_approve->setToolTip(tr("Approve the stored code (re-run and score the edit first to keep it)"));
  else m_approve->setToolTip(tr("Put it into the example library"));
}

void ReviewQueueView::revertEdit() {
  const int row = m_list->currentRow();
  if (row < 0 || row >= int(m_entries.size()) || m_revising) return;
  m_code->clearErrorMarks();
  m_code->replaceTextMinimally(qs(m_entries[row].item.code));
  keepDraft();  // drops it
  updateButtons();
}

void ReviewQueueView::rerunCurrent() {
  const auto id = currentExampleId();
  if (!id || m_revising || m_busy) return;
  const QString code = m_code->toPlainText();
  if (code.trimmed().isEmpty()) {
    m_status->setText(tr("The code is empty: there is nothing to run."));
    return;
  }
  if (!m_runner) {
    m_runner = new ReviewReviseRunner(m_store.path(), m_settings, this);
    connect(m_runner, &ReviewReviseRunner::finished, this, &ReviewQueueView::onRevised);
    connect(m_runner, &ReviewReviseRunner::progress, this, [this](const QString& message) {
      if (m_revising) m_status->setText(tr("Scoring the edit: %1").arg(message));
    });
    connect(m_runner, &ReviewReviseRunner::failed, this, [this](qint64 exampleId, const QString& message) {
      m_revising.reset();
      m_status->setText(tr("Could not score the edit: %1").arg(message));
      updateButtons();
      emit failed(message);
      emit revised(exampleId, false);
    });
  }
  m_revising = *id;
  m_lastRevision.reset();
  m_code->clearErrorMarks();
  m_revision->setText(tr("Running the edited code and scoring it…"));
  m_status->setText(tr("Scoring the edit…"));
  m_runner->start(*id, code);
  updateButtons();
}

void ReviewQueueView::onRevised(std::shared_ptr<const workbench::RevisionResult> result) {
  m_revising.reset();
  m_lastRevision = result;
  if (result->stored) {
    m_status->setText(tr("The edit is stored on the item; approve or reject it."));
    m_wanted = result->exampleId;
    refresh();  // shows the stored code, scores and render, then the outcome
  } else {
    // The editor keeps the broken edit so it can be fixed; the errors sit at their lines.
    std::vector<CodeMark> marks;
    for (const auto& e : result->scriptErrors) {
      const int line = e.value("line", 0);
      if (line <= 0) continue;
      std::string text = e.value("message", std::string());
      const std::string hint = e.value("hint", std::string());
      if (!hint.empty()) text += "\n" + hint;
      marks.push_back({line, e.value("column", 0), qs(text)});
    }
    if (currentExampleId() == result->exampleId) {
      m_code->setErrorMarks(marks);
      if (!marks.empty()) m_code->goToLine(marks.front().line, marks.front().column);
    }
    m_status->setText(result->cancelled ? tr("Scoring the edit was cancelled.") : tr("The edit was not stored."));
    showRevision();
    updateButtons();
  }
  emit revised(result->exampleId, result->stored);
}

// The last edit's outcome, under the item it was made on.
void ReviewQueueView::showRevision() {
  const auto& r = m_lastRevision;
  if (!r || currentExampleId() != r->exampleId) {
    if (!m_revising || currentExampleId() != *m_revising) m_revision->clear();
    return;
  }
  QStringList lines;
  if (!r->stored) {
    lines << QStringLiteral("<span style=\"color:#b00020\"><b>%1</b></span>")
                 .arg(qs(r->error.empty() ? std::string("the edit was not stored") : r->error).toHtmlEscaped());
  } else if (r->evaluation) {
    QString score = tr("<b>Re-scored: %1</b>").arg(qs(agent::formatScore(r->evaluation->composite)));
    if (r->previousScore) score += tr(" (was %1)").arg(qs(agent::formatScore(*r->previousScore)));
    lines << score;
    lines << (r->decision.approved
                  ? tr("Meets the approval rule (%1): approve it to put the edited code into the library.")
                        .arg(qs(r->decision.reason).toHtmlEscaped())
                  : tr("Does not meet the approval rule: %1. You can still approve or reject it.")
                        .arg(qs(r->decision.reason).toHtmlEscaped()));
  }
  if (!r->skippedTracks.empty()) {
    QStringList skipped;
    for (const auto& t : r->skippedTracks) skipped << qs(t).toHtmlEscaped();
    lines << tr("Not scored: %1. The score comes from the tracks that ran (the assertions on the kernel's "
                "measurements always run).")
                 .arg(skipped.join(QStringLiteral("; ")));
  }
  if (r->costUsd > 0) lines << tr("Judge cost: $%1").arg(r->costUsd, 0, 'f', 4);
  m_revision->setText(lines.join(QStringLiteral("<br>")));
}

void ReviewQueueView::approveCurrent(const QString& note) {
  if (auto id = currentExampleId()) decide(*id, true, note);
}

void ReviewQueueView::rejectCurrent(const QString& reason) {
  const auto id = currentExampleId();
  if (!id) return;
  if (reason.trimmed().isEmpty()) {
    m_status->setText(tr("A rejection needs a reason: say what is wrong with it."));
    return;
  }
  decide(*id, false, reason.trimmed());
}

void ReviewQueueView::askRejectReason() {
  bool ok = false;
  const QString reason = QInputDialog::getText(this, tr("Reject"), tr("Why is it rejected? (kept with the example)"),
                                               QLineEdit::Normal, QString(), &ok);
  if (ok) rejectCurrent(reason);
}

void ReviewQueueView::decide(int64_t exampleId, bool approve, const QString& text) {
  m_busy = true;
  updateButtons();
  // The next row stays selected after this one leaves the list.
  const int row = m_list->currentRow();
  if (row + 1 < int(m_entries.size())) m_wanted = m_entries[row + 1].item.exampleId;
  else if (row > 0) m_wanted = m_entries[row - 1].item.exampleId;
  const std::string t = text.toStdString();
  m_store.run(
      this,
      [exampleId, approve, t](store::Store& s) {
        workbench::ReviewQueue queue(s);
        if (approve) queue.approve(exampleId, t);
        else queue.reject(exampleId, t);
      },
      [this, exampleId, approve] {
        m_busy = false;
        emit decided(exampleId, approve);
        refresh();
      },
      [this](const QString& message) {
        m_busy = false;
        m_status->setText(tr("Could not record the decision: %1").arg(message));
        showCurrent();
        emit failed(message);
      });
}

}  // namespace partsmith::app
