#include "app/curation_dialog.h"

#include <algorithm>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include "app/code_editor.h"
#include "app/example_header_text.h"
#include "app/facts_format.h"
#include "app/store_worker.h"
#include "store/database.h"
#include "store/example_header.h"
#include "store/store.h"

namespace partsmith::app {

using nlohmann::json;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

std::vector<std::string> splitList(const QString& text) {
  std::vector<std::string> out;
  for (const QString& part : text.split(',', Qt::SkipEmptyParts))
    if (!part.trimmed().isEmpty()) out.push_back(part.trimmed().toStdString());
  return out;
}

QString joinList(const json& list) {
  QStringList out;
  if (list.is_array())
    for (const json& item : list)
      if (item.is_string()) out << q(item.get<std::string>());
  return out.join(QStringLiteral(", "));
}

// What promote writes to the library, in one transaction: the repository's record, then its
// code with the example header and the expectations that header declares.
int64_t promoteWithHeader(store::Store& s, int64_t generationId, const store::Promotion& promotion) {
  store::Transaction tx(s.db(), "promote the generation to the library");
  const int64_t exampleId = s.curation().promote(generationId, promotion);
  store::LibraryExample e = s.library().get(exampleId);
  const store::Generation g = s.generations().get(generationId);
  e.code = withExampleHeader(e.code, composeExampleHeader({e.prompt, e.category, e.complexity, e.techniques}, g.facts));
  e.expectations = json::array();
  for (const auto& x : store::parseExampleHeader(e.code).expectations) {
    json item = {{"path", x.path}, {"expected", json::parse(x.expected, nullptr, false)}};
    if (x.tolerance >= 0) item["tolerance"] = x.tolerance;
    if (x.percent) item["percent"] = true;
    e.expectations.push_back(item);
  }
  s.library().update(e);
  tx.commit();
  return exampleId;
}

}  // namespace

CurationDialog::CurationDialog(StoreWorker& store, QWidget* parent) : QDialog(parent), m_store(store) {
  setObjectName("curationDialog");
  setWindowTitle(tr("Curate the example library"));
  resize(1100, 720);
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("Generations you rated up, starred 4 or more, or exported. Promote the good ones to the "
                              "example library (the model learns from them); reject the rest."),
                           this);
  intro->setWordWrap(true);
  layout->addWidget(intro);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  m_list = new QListWidget(splitter);
  m_list->setObjectName("curationCandidates");
  m_list->setWordWrap(true);
  m_list->setMinimumWidth(260);
  connect(m_list, &QListWidget::currentRowChanged, this, &CurationDialog::showCandidate);

  auto* right = new QWidget(splitter);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  m_facts = new QLabel(right);
  m_facts->setObjectName("curationFacts");
  m_facts->setWordWrap(true);
  m_facts->setTextFormat(Qt::RichText);
  rightLayout->addWidget(m_facts);
  m_code = new CodeEditor(right);
  m_code->setObjectName("curationCode");
  m_code->setReadOnly(true);
  rightLayout->addWidget(m_code, 1);

  auto* form = new QFormLayout();
  m_title = new QLineEdit(right);
  m_title->setObjectName("curationTitle");
  m_title->setPlaceholderText(tr("Short name, e.g. Pipe wall bracket"));
  m_prompt = new QPlainTextEdit(right);
  m_prompt->setObjectName("curationPrompt");
  m_prompt->setFixedHeight(56);
  m_prompt->setToolTip(tr("What a user would type for this part; the library is searched by it"));
  m_category = new QLineEdit(right);
  m_category->setObjectName("curationCategory");
  m_complexity = new QSpinBox(right);
  m_complexity->setObjectName("curationComplexity");
  m_complexity->setRange(0, 10);
  m_complexity->setSpecialValueText(tr("unknown"));
  m_techniques = new QLineEdit(right);
  m_techniques->setObjectName("curationTechniques");
  m_techniques->setPlaceholderText(tr("extrude, hole, fillet"));
  m_tags = new QLineEdit(right);
  m_tags->setObjectName("curationTags");
  m_tags->setPlaceholderText(tr("comma separated"));
  m_note = new QLineEdit(right);
  m_note->setObjectName("curationNote");
  m_note->setPlaceholderText(tr("Why promoted or rejected (optional)"));
  form->addRow(tr("Title"), m_title);
  form->addRow(tr("Prompt"), m_prompt);
  form->addRow(tr("Category"), m_category);
  form->addRow(tr("Complexity"), m_complexity);
  form->addRow(tr("Techniques"), m_techniques);
  form->addRow(tr("Tags"), m_tags);
  form->addRow(tr("Note"), m_note);
  rightLayout->addLayout(form);

  auto* actions = new QHBoxLayout();
  m_status = new QLabel(right);
  m_status->setObjectName("curationStatus");
  m_status->setWordWrap(true);
  m_promote = new QPushButton(tr("Promote to library"), right);
  m_promote->setObjectName("curationPromote");
  m_reject = new QPushButton(tr("Reject"), right);
  m_reject->setObjectName("curationReject");
  connect(m_promote, &QPushButton::clicked, this, &CurationDialog::promoteCurrent);
  connect(m_reject, &QPushButton::clicked, this, &CurationDialog::rejectCurrent);
  actions->addWidget(m_status, 1);
  actions->addWidget(m_reject);
  actions->addWidget(m_promote);
  rightLayout->addLayout(actions);
  splitter->addWidget(m_list);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 3);
  layout->addWidget(splitter, 1);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  updateButtons();
  reload();
}

void CurationDialog::setStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
}

void CurationDialog::updateButtons() {
  const bool ok = m_busy == 0 && m_list->currentRow() >= 0;
  m_promote->setEnabled(ok);
  m_reject->setEnabled(ok);
}

qint64 CurationDialog::currentGenerationId() const {
  const int row = m_list->currentRow();
  return row >= 0 && row < int(m_candidates.size()) ? m_candidates[size_t(row)].generationId : 0;
}

void CurationDialog::reload() {
  ++m_busy;
  updateButtons();
  setStatus(tr("Loading candidates…"));
  m_store.run<std::vector<store::CurationCandidate>>(
      this, [](store::Store& s) { return s.curation().candidates(200); },
      [this](std::vector<store::CurationCandidate> candidates) {
        --m_busy;
        m_candidates = std::move(candidates);
        m_list->clear();
        for (const auto& c : m_candidates) {
          QStringList reasons;
          for (const auto& r : c.reasons) reasons << q(r);
          QString text = q(c.request).simplified();
          if (text.size() > 90) text = text.left(89) + QStringLiteral("…");
          auto* item = new QListWidgetItem(text + QStringLiteral("\n") + reasons.join(QStringLiteral(", ")) +
                                               QStringLiteral(" · ") + formatScore(c.compositeScore),
                                           m_list);
          item->setToolTip(q(c.request));
          item->setData(Qt::UserRole, qint64(c.generationId));
        }
        setStatus(m_candidates.empty() ? tr("No candidates: rate generations up (or export them) to add some.")
                                       : (m_candidates.size() == 1 ? tr("1 candidate") : tr("%1 candidates").arg(m_candidates.size())));
        if (!m_candidates.empty()) m_list->setCurrentRow(0);
        else showCandidate(-1);
        updateButtons();
        emit candidatesLoaded(int(m_candidates.size()));
      },
      [this](const QString& message) {
        --m_busy;
        updateButtons();
        setStatus(tr("Could not read the candidates: %1").arg(message), true);
        emit errorOccurred(message);
      });
}

bool CurationDialog::selectCandidate(qint64 generationId) {
  for (size_t i = 0; i < m_candidates.size(); ++i)
    if (m_candidates[i].generationId == generationId) {
      m_list->setCurrentRow(int(i));
      return true;
    }
  return false;
}

void CurationDialog::showCandidate(int row) {
  const quint64 seq = ++m_detailSeq;
  updateButtons();
  if (row < 0 || row >= int(m_candidates.size())) {
    m_code->clear();
    m_facts->clear();
    for (QLineEdit* e : {m_title, m_category, m_techniques, m_tags, m_note}) e->clear();
    m_prompt->clear();
    m_complexity->setValue(0);
    return;
  }
  const store::CurationCandidate& c = m_candidates[size_t(row)];
  m_code->setPlainText(q(c.code));
  const QString request = q(c.request).simplified();
  m_prompt->setPlainText(request);
  m_title->setText(request.left(60));
  const json& spec = c.spec;
  m_category->setText(spec.is_object() ? q(spec.value("category", std::string())) : QString());
  m_complexity->setValue(spec.is_object() && spec.value("complexity", json()).is_number_integer()
                             ? std::clamp(spec["complexity"].get<int>(), 0, 10)
                             : 0);
  m_techniques->setText(spec.is_object() ? joinList(spec.value("techniques", json::array())) : QString());
  m_tags->clear();
  m_note->clear();
  m_facts->setText(tr("Score %1 · loading facts…").arg(formatScore(c.compositeScore)));

  const int64_t id = c.generationId;
  const std::optional<double> score = c.compositeScore;
  m_store.run<json>(
      this, [id](store::Store& s) { return s.generations().get(id).facts; },
      [this, seq, id, score](json facts) {
        if (seq != m_detailSeq) return;
        QString html = tr("<b>Generation %1</b> · score %2").arg(id).arg(formatScore(score).toHtmlEscaped());
        const auto rows = factRows(facts);
        if (rows.empty()) html += tr("<br>No facts were recorded for this generation.");
        for (const auto& [label, value] : rows)
          html += QStringLiteral("<br>%1: %2").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
        m_facts->setText(html);
        emit candidateShown(id);
      },
      [this, seq](const QString& message) {
        if (seq != m_detailSeq) return;
        m_facts->setText(tr("Could not read the facts: %1").arg(message.toHtmlEscaped()));
      });
}

void CurationDialog::removeCurrent() {
  const int row = m_list->currentRow();
  if (row < 0) return;
  m_candidates.erase(m_candidates.begin() + row);
  delete m_list->takeItem(row);  // selects a neighbour, which shows it
  if (m_candidates.empty()) showCandidate(-1);
  updateButtons();
}

void CurationDialog::promoteCurrent() {
  const qint64 id = currentGenerationId();
  if (!id || m_busy) return;
  store::Promotion p;
  p.title = m_title->text().trimmed().toStdString();
  p.prompt = m_prompt->toPlainText().simplified().toStdString();
  if (p.prompt.empty()) {
    setStatus(tr("Give the prompt a user would type for this part before promoting it."), true);
    return;
  }
  p.category = m_category->text().trimmed().toStdString();
  p.complexity = m_complexity->value();
  p.techniques = splitList(m_techniques->text());
  p.tags = splitList(m_tags->text());
  p.note = m_note->text().trimmed().toStdString();
  ++m_busy;
  updateButtons();
  setStatus(tr("Promoting…"));
  m_store.run<int64_t>(
      this, [id, p](store::Store& s) { return promoteWithHeader(s, id, p); },
      [this, id](int64_t exampleId) {
        --m_busy;
        if (currentGenerationId() == id) removeCurrent();
        setStatus(tr("Promoted to the library as example %1.").arg(exampleId));
        updateButtons();
        emit promoted(id, exampleId);
      },
      [this](const QString& message) {
        --m_busy;
        updateButtons();
        setStatus(tr("Could not promote: %1").arg(message), true);
        emit errorOccurred(message);
      });
}

void CurationDialog::rejectCurrent() {
  const qint64 id = currentGenerationId();
  if (!id || m_busy) return;
  const std::string note = m_note->text().trimmed().toStdString();
  ++m_busy;
  updateButtons();
  m_store.run(
      this, [id, note](store::Store& s) { s.curation().reject(id, note); },
      [this, id] {
        --m_busy;
        if (currentGenerationId() == id) removeCurrent();
        setStatus(tr("Rejected; it will not be offered again."));
        updateButtons();
        emit rejected(id);
      },
      [this](const QString& message) {
        --m_busy;
        updateButtons();
        setStatus(tr("Could not reject: %1").arg(message), true);
        emit errorOccurred(message);
      });
}

}  // namespace partsmith::app
