#include "app/prompt_list_view.h"

#include <set>

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app/store_worker.h"
#include "store/curriculum_loader.h"
#include "store/store.h"

namespace partsmith::app {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

enum Column { ColId, ColCategory, ColComplexity, ColPrompt, ColSource };

}  // namespace

PromptListView::PromptListView(StoreWorker& store, QWidget* parent) : QWidget(parent), m_store(store) {
  auto* layout = new QVBoxLayout(this);
  auto* filters = new QHBoxLayout;
  m_search = new QLineEdit(this);
  m_search->setObjectName("promptSearch");
  m_search->setPlaceholderText(tr("Search the prompts…"));
  m_search->setClearButtonEnabled(true);
  m_category = new QComboBox(this);
  m_category->setObjectName("promptCategory");
  m_category->setMinimumContentsLength(22);
  m_showArchived = new QCheckBox(tr("Show archived"), this);
  m_import = new QPushButton(tr("Import…"), this);
  m_import->setToolTip(tr("Add the prompts of a JSONL or CSV file (category, complexity, prompt); a file with a bad "
                          "line is not imported at all"));
  filters->addWidget(m_search, 1);
  filters->addWidget(m_category);
  filters->addWidget(m_showArchived);
  m_count = new QLabel(this);
  m_count->setObjectName("promptCount");
  filters->addWidget(m_count);
  filters->addWidget(m_import);
  layout->addLayout(filters);

  auto* split = new QSplitter(Qt::Horizontal, this);
  m_table = new QTableWidget(0, 5, split);
  m_table->setObjectName("promptTable");
  m_table->setHorizontalHeaderLabels({tr("Id"), tr("Category"), tr("Level"), tr("Prompt"), tr("Source")});
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->setVisible(false);
  m_table->horizontalHeader()->setSectionResizeMode(ColPrompt, QHeaderView::Stretch);
  for (int c : {ColId, ColCategory, ColComplexity, ColSource})
    m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
  m_table->setWordWrap(false);

  auto* form = new QWidget(split);
  auto* f = new QVBoxLayout(form);
  f->setContentsMargins(0, 0, 0, 0);
  m_formTitle = new QLabel(form);
  m_formTitle->setTextFormat(Qt::RichText);
  f->addWidget(m_formTitle);
  auto* fields = new QFormLayout;
  m_text = new QPlainTextEdit(form);
  m_text->setObjectName("promptText");
  m_text->setPlaceholderText(tr("What a user would ask for, without code or API names"));
  m_editCategory = new QComboBox(form);
  m_editCategory->setObjectName("promptEditCategory");
  m_editCategory->setEditable(true);
  m_editCategory->setInsertPolicy(QComboBox::NoInsert);
  m_editCategory->setToolTip(tr("A shipped category, or a name of your own"));
  m_complexity = new QSpinBox(form);
  m_complexity->setRange(1, 10);
  m_complexity->setToolTip(tr("The rung on the complexity ladder: 1 primitives … 10 PCB cases"));
  fields->addRow(tr("Prompt"), m_text);
  fields->addRow(tr("Category"), m_editCategory);
  fields->addRow(tr("Complexity"), m_complexity);
  f->addLayout(fields, 1);
  auto* buttons = new QHBoxLayout;
  m_save = new QPushButton(tr("Save changes"), form);
  m_save->setToolTip(tr("Change the selected prompt in place (its runs and results stay with it)"));
  m_add = new QPushButton(tr("Add as new prompt"), form);
  m_archive = new QPushButton(tr("Archive"), form);
  buttons->addWidget(m_save);
  buttons->addWidget(m_add);
  buttons->addStretch(1);
  buttons->addWidget(m_archive);
  f->addLayout(buttons);
  split->addWidget(m_table);
  split->addWidget(form);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({720, 420});
  layout->addWidget(split, 1);
  m_status = new QLabel(tr("Loading the prompts…"), this);
  m_status->setObjectName("promptStatus");
  m_status->setWordWrap(true);
  layout->addWidget(m_status);

  for (const auto& c : store::curriculumCategories()) m_editCategory->addItem(qs(c.id));
  connect(m_search, &QLineEdit::textChanged, this, [this] { applyFilter(); });
  connect(m_category, &QComboBox::currentIndexChanged, this, [this] { applyFilter(); });
  connect(m_showArchived, &QCheckBox::toggled, this, [this] { applyFilter(); });
  connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] { showCurrent(); });
  connect(m_save, &QPushButton::clicked, this, &PromptListView::saveForm);
  connect(m_add, &QPushButton::clicked, this, &PromptListView::addFromForm);
  connect(m_archive, &QPushButton::clicked, this, &PromptListView::toggleArchived);
  connect(m_import, &QPushButton::clicked, this, &PromptListView::chooseImportFile);
  connect(m_text, &QPlainTextEdit::textChanged, this, [this] { updateButtons(); });
  showCurrent();
}

std::vector<int64_t> PromptListView::shownIds() const {
  std::vector<int64_t> out;
  for (int r = 0; r < m_table->rowCount(); ++r) out.push_back(m_table->item(r, ColId)->data(Qt::UserRole).toLongLong());
  return out;
}

std::optional<int64_t> PromptListView::currentId() const {
  const auto rows = m_table->selectionModel()->selectedRows();
  if (rows.isEmpty()) return std::nullopt;
  return m_table->item(rows.first().row(), ColId)->data(Qt::UserRole).toLongLong();
}

void PromptListView::refresh() {
  m_busy = true;
  if (!m_wanted) m_wanted = currentId();
  m_store.run<std::vector<store::WorkbenchPrompt>>(
      this, [](store::Store& s) { return s.workbench().prompts(std::nullopt, true); },
      [this](std::vector<store::WorkbenchPrompt> prompts) {
        m_busy = false;
        display(std::move(prompts));
        emit loaded();
      },
      [this](const QString& message) {
        m_busy = false;
        m_status->setText(tr("Could not read the prompts: %1").arg(message));
        updateButtons();
        emit failed(message);
      });
}

void PromptListView::display(std::vector<store::WorkbenchPrompt> prompts) {
  m_prompts = std::move(prompts);
  // The category filter: the shipped ladder first, then the user's own categories.
  std::set<std::string> own;
  for (const auto& p : m_prompts) own.insert(p.category);
  const QString keep = m_category->currentData().toString();
  {
    const QSignalBlocker block(m_category);
    m_category->clear();
    m_category->addItem(tr("All categories"), QString());
    for (const auto& c : store::curriculumCategories()) {
      m_category->addItem(qs(c.title), qs(c.id));
      own.erase(c.id);
    }
    for (const auto& c : own) m_category->addItem(qs(c), qs(c));
    const int at = m_category->findData(keep);
    m_category->setCurrentIndex(at < 0 ? 0 : at);
  }
  {
    const QString typed = m_editCategory->currentText();
    const QSignalBlocker block(m_editCategory);
    for (const auto& c : own)
      if (m_editCategory->findText(qs(c)) < 0) m_editCategory->addItem(qs(c));
    m_editCategory->setEditText(typed);
  }
  applyFilter();
}

void PromptListView::applyFilter() {
  const QStringList words = m_search->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
  const QString category = m_category->currentData().toString();
  const bool archived = m_showArchived->isChecked();
  const std::optional<int64_t> keep = m_wanted ? m_wanted : currentId();
  m_wanted.reset();
  const QSignalBlocker block(m_table);
  m_table->setRowCount(0);
  int shown = 0, select = -1;
  for (const auto& p : m_prompts) {
    if (p.archived && !archived) continue;
    if (!category.isEmpty() && qs(p.category) != category) continue;
    const QString text = qs(p.text);
    bool match = true;
    for (const auto& w : words) match = match && (text.contains(w, Qt::CaseInsensitive) || qs(p.category).contains(w, Qt::CaseInsensitive));
    if (!match) continue;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* id = new QTableWidgetItem(QString::number(p.id));
    id->setData(Qt::UserRole, QVariant::fromValue<qint64>(p.id));
    m_table->setItem(row, ColId, id);
    m_table->setItem(row, ColCategory, new QTableWidgetItem(qs(p.category)));
    m_table->setItem(row, ColComplexity, new QTableWidgetItem(QString::number(p.complexity)));
    auto* t = new QTableWidgetItem(p.archived ? tr("[archived] %1").arg(text) : text);
    t->setToolTip(text);
    if (p.archived) t->setForeground(QColor(128, 128, 128));
    m_table->setItem(row, ColPrompt, t);
    m_table->setItem(row, ColSource, new QTableWidgetItem(qs(p.source)));
    if (keep && *keep == p.id) select = row;
    ++shown;
  }
  if (select >= 0) m_table->selectRow(select);
  int active = 0;
  for (const auto& p : m_prompts) active += !p.archived;
  m_count->setText(tr("%1 of %2 shown (%3 archived)").arg(shown).arg(m_prompts.size()).arg(int(m_prompts.size()) - active));
  if (m_status->text() == tr("Loading the prompts…")) m_status->clear();
  showCurrent();
}

void PromptListView::select(qint64 promptId) {
  for (int r = 0; r < m_table->rowCount(); ++r)
    if (m_table->item(r, ColId)->data(Qt::UserRole).toLongLong() == promptId) {
      m_table->selectRow(r);
      return;
    }
}

void PromptListView::showCurrent() {
  const auto id = currentId();
  const store::WorkbenchPrompt* p = nullptr;
  if (id)
    for (const auto& q : m_prompts)
      if (q.id == *id) p = &q;
  if (!p) {
    m_formTitle->setText(tr("<b>New prompt</b> — select one in the list to edit it"));
    // A new prompt goes where the list is looking.
    const QString filtered = m_category->currentData().toString();
    if (!filtered.isEmpty()) m_editCategory->setEditText(filtered);
  } else {
    m_formTitle->setText(tr("<b>Prompt %1</b> · %2%3").arg(p->id).arg(qs(p->source)).arg(p->archived ? tr(" · archived") : QString()));
    m_text->setPlainText(qs(p->text));
    m_editCategory->setEditText(qs(p->category));
    m_complexity->setValue(p->complexity);
  }
  updateButtons();
}

void PromptListView::updateButtons() {
  const auto id = currentId();
  bool archived = false;
  if (id)
    for (const auto& q : m_prompts)
      if (q.id == *id) archived = q.archived;
  const bool hasText = !m_text->toPlainText().trimmed().isEmpty();
  m_save->setEnabled(id && !m_busy && hasText);
  m_add->setEnabled(!m_busy && hasText);
  m_archive->setEnabled(id && !m_busy);
  m_archive->setText(archived ? tr("Unarchive") : tr("Archive"));
  m_import->setEnabled(!m_busy);
}

std::optional<store::CurriculumEntry> PromptListView::formEntry() {
  store::CurriculumEntry e;
  e.prompt = m_text->toPlainText().trimmed().toStdString();
  e.category = store::canonicalCategory(m_editCategory->currentText().toStdString());
  e.complexity = m_complexity->value();
  if (e.prompt.empty()) {
    m_status->setText(tr("The prompt is empty: write what a user would ask for."));
    return std::nullopt;
  }
  if (e.category.empty()) {
    m_status->setText(tr("The category is empty: pick one or type a name of your own."));
    return std::nullopt;
  }
  return e;
}

void PromptListView::write(std::function<int64_t(store::Store&)> job, const QString& done) {
  m_busy = true;
  updateButtons();
  m_store.run<int64_t>(
      this, std::move(job),
      [this, done](int64_t id) {
        m_busy = false;
        m_status->setText(done);
        if (id > 0) m_wanted = id;
        emit changed();
        refresh();
      },
      [this](const QString& message) {
        m_busy = false;
        m_status->setText(message);
        updateButtons();
        emit failed(message);
      });
}

void PromptListView::addFromForm() {
  const auto entry = formEntry();
  if (!entry || m_busy) return;
  const store::CurriculumEntry e = *entry;
  m_busy = true;
  updateButtons();
  m_store.run<store::CurriculumImportReport>(
      this, [e](store::Store& s) { return store::CurriculumLoader(s).importEntries({e}, "user"); },
      [this](store::CurriculumImportReport r) {
        m_busy = false;
        if (!r.promptIds.empty()) m_wanted = r.promptIds.front();
        m_status->setText(r.added ? tr("Added prompt %1.").arg(r.promptIds.front())
                                  : tr("That prompt is already in the workbench (prompt %1).").arg(r.promptIds.front()));
        m_search->clear();  // the new prompt is in the list, whatever was searched
        emit changed();
        refresh();
      },
      [this](const QString& message) {
        m_busy = false;
        m_status->setText(tr("Could not add the prompt: %1").arg(message));
        updateButtons();
        emit failed(message);
      });
}

void PromptListView::saveForm() {
  const auto id = currentId();
  const auto entry = formEntry();
  if (!id || !entry || m_busy) return;
  const int64_t pid = *id;
  const store::CurriculumEntry e = *entry;
  write(
      [pid, e](store::Store& s) {
        store::WorkbenchPrompt p = s.workbench().prompt(pid);
        p.text = e.prompt;
        p.category = e.category;
        p.complexity = e.complexity;
        s.workbench().updatePrompt(p);
        return pid;
      },
      tr("Saved prompt %1.").arg(pid));
}

void PromptListView::toggleArchived() {
  const auto id = currentId();
  if (!id || m_busy) return;
  bool archived = false;
  for (const auto& q : m_prompts)
    if (q.id == *id) archived = q.archived;
  const int64_t pid = *id;
  const bool to = !archived;
  write(
      [pid, to](store::Store& s) {
        store::WorkbenchPrompt p = s.workbench().prompt(pid);
        p.archived = to;
        s.workbench().updatePrompt(p);
        return pid;
      },
      to ? tr("Archived prompt %1: batch runs leave it out.").arg(pid) : tr("Prompt %1 is back in the curriculum.").arg(pid));
}

void PromptListView::chooseImportFile() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Import prompts"), QString(),
                                                    tr("Prompt files (*.jsonl *.ndjson *.json *.csv);;All files (*)"));
  if (!path.isEmpty()) importFile(path);
}

void PromptListView::importFile(const QString& path) {
  if (m_busy) return;
  m_busy = true;
  updateButtons();
  const std::string file = path.toStdString();
  const QString name = QFileInfo(path).fileName();
  m_store.run<store::CurriculumImportReport>(
      this, [file](store::Store& s) { return store::CurriculumLoader(s).importFile(file); },
      [this, name](store::CurriculumImportReport r) {
        m_busy = false;
        m_status->setText(tr("%1: %2 added, %3 already in the workbench").arg(name).arg(r.added).arg(r.existing));
        if (!r.promptIds.empty()) m_wanted = r.promptIds.front();
        m_search->clear();
        m_category->setCurrentIndex(0);
        emit changed();
        refresh();
      },
      [this, name](const QString& message) {
        m_busy = false;
        m_status->setText(tr("Nothing was imported from %1: %2").arg(name, message));
        updateButtons();
        emit failed(message);
      });
}

}  // namespace partsmith::app
