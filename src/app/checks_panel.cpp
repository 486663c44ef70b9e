#include "app/checks_panel.h"

#include <algorithm>

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app/facts_format.h"
#include "app/store_worker.h"
#include "store/generation_repository.h"

namespace partsmith::app {

using nlohmann::json;

namespace {

const QColor kPass(0x2e, 0x9d, 0x4f), kFail(0xc0, 0x39, 0x2b), kUncertain(0xc7, 0x8a, 0x06);

QString q(const std::string& s) { return QString::fromStdString(s); }

QString trackLabel(const std::string& track) {
  if (track == "assertions") return QObject::tr("Assertions");
  if (track == "code_review") return QObject::tr("Code review");
  if (track == "visual") return QObject::tr("Visual");
  return q(track);
}

QString normalized(const std::string& s) { return q(s).simplified().toLower(); }

void setVerdict(QTreeWidgetItem* item, const QString& text, const QColor& color) {
  item->setText(1, text);
  item->setForeground(1, color);
}

QString durationText(int64_t ms) {
  return ms >= 1000 ? QLocale::c().toString(ms / 1000.0, 'f', 1) + QStringLiteral(" s")
                    : QString::number(ms) + QStringLiteral(" ms");
}

}  // namespace

ChecksPanel::ChecksPanel(StoreWorker& store, QWidget* parent) : QWidget(parent), m_store(store) {
  setObjectName("checksPanel");
  auto* layout = new QVBoxLayout(this);
  m_headline = new QLabel(this);
  m_headline->setObjectName("checksHeadline");
  QFont bold = m_headline->font();
  bold.setBold(true);
  m_headline->setFont(bold);
  m_headline->setWordWrap(true);
  m_interpretation = new QLabel(this);
  m_interpretation->setObjectName("checksInterpretation");
  m_interpretation->setWordWrap(true);
  m_interpretation->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_tree = new QTreeWidget(this);
  m_tree->setObjectName("checksTree");
  m_tree->setColumnCount(2);
  m_tree->setHeaderLabels({tr("Check"), tr("Result")});
  m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_tree->header()->setStretchLastSection(false);
  m_tree->setWordWrap(true);
  m_tree->setUniformRowHeights(false);
  layout->addWidget(m_headline);
  layout->addWidget(m_interpretation);
  layout->addWidget(m_tree, 1);
  clear();
}

void ChecksPanel::clear() {
  ++m_loadSeq;
  m_generationId = 0;
  m_tree->clear();
  m_headline->setText(tr("No checks yet: run the script or send a request."));
  m_interpretation->clear();
  m_interpretation->hide();
  addLiveSection();
}

void ChecksPanel::setLiveFacts(const json& facts, const QString& caption, const QString& values) {
  m_liveFacts = facts.is_object() ? facts : json();
  m_liveCaption = caption;
  m_liveValues = values;
  if (QTreeWidgetItem* old = section(tr("Part as shown"))) delete old;
  addLiveSection();
}

void ChecksPanel::addLiveSection() {
  if (m_liveFacts.is_null()) return;
  auto* item = new QTreeWidgetItem({tr("Part as shown")});
  m_tree->insertTopLevelItem(0, item);
  QFont f = item->font(0);
  f.setBold(true);
  item->setFont(0, f);
  if (!m_liveCaption.isEmpty()) {
    item->setText(1, m_liveCaption);
    item->setToolTip(1, m_liveCaption);
  }
  if (!m_liveValues.isEmpty()) {
    // The list can be long: the cell shows its start, the tooltip all of it.
    const QString shown = m_liveValues.size() > 36 ? m_liveValues.left(35) + QStringLiteral("…") : m_liveValues;
    auto* row = new QTreeWidgetItem(item, {tr("Values"), shown});
    row->setToolTip(1, m_liveValues);
  }
  for (const auto& [label, value] : factRows(m_liveFacts)) {
    auto* row = new QTreeWidgetItem(item, {label, value});
    row->setToolTip(1, value);
  }
  item->setExpanded(true);
  if (m_generationId == 0 && m_tree->topLevelItemCount() == 1)
    m_headline->setText(tr("Facts of the part as shown (no version: nothing was checked)"));
}

QTreeWidgetItem* ChecksPanel::addSection(const QString& name) {
  auto* item = new QTreeWidgetItem(m_tree, {name});
  QFont f = item->font(0);
  f.setBold(true);
  item->setFont(0, f);
  item->setFirstColumnSpanned(false);
  item->setExpanded(true);
  return item;
}

QTreeWidgetItem* ChecksPanel::section(const QString& name) const {
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
    if (m_tree->topLevelItem(i)->text(0) == name) return m_tree->topLevelItem(i);
  return nullptr;
}

void ChecksPanel::showGeneration(qint64 generationId) {
  const quint64 seq = ++m_loadSeq;
  m_headline->setText(tr("Loading generation %1…").arg(generationId));
  m_store.run<store::Generation>(
      this, [generationId](store::Store& s) { return s.generations().get(generationId); },
      [this, seq](store::Generation g) {
        if (seq != m_loadSeq) return;
        showGenerationRecord(g);
        emit loaded(g.id);
      },
      [this, seq](const QString& message) {
        if (seq != m_loadSeq) return;
        m_tree->clear();
        m_headline->setText(tr("Could not load the checks: %1").arg(message));
        emit errorOccurred(message);
      });
}

void ChecksPanel::showFacts(const json& facts, const QString& title) {
  ++m_loadSeq;
  m_generationId = 0;
  m_tree->clear();
  m_interpretation->hide();
  m_headline->setText(title.isEmpty() ? tr("Facts of the current run (no generation: nothing was checked)") : title);
  if (!facts.is_object()) {
    m_headline->setText(tr("The run produced no part, so there are no facts to show."));
    return;
  }
  addFacts(facts);
}

void ChecksPanel::addFacts(const json& facts) {
  QTreeWidgetItem* section = addSection(tr("Facts"));
  const auto rows = factRows(facts);
  if (rows.empty()) new QTreeWidgetItem(section, {tr("No facts were measured")});
  for (const auto& [label, value] : rows) {
    auto* item = new QTreeWidgetItem(section, {label, value});
    item->setToolTip(1, value);
  }
}

void ChecksPanel::showGenerationRecord(const store::Generation& g) {
  ++m_loadSeq;
  m_generationId = g.id;
  m_tree->clear();
  QString headline = tr("Generation %1 · %2").arg(g.id).arg(q(g.status));
  if (g.compositeScore) headline += tr(" · score %1").arg(formatScore(g.compositeScore));
  m_headline->setText(headline);
  if (g.error) m_headline->setToolTip(q(*g.error));

  const json& spec = g.spec;
  const std::string interpretation = spec.is_object() ? spec.value("interpretation", std::string()) : std::string();
  m_interpretation->setText(interpretation.empty() ? tr("Request: %1").arg(q(g.request))
                                                   : tr("Understood as: %1").arg(q(interpretation)));
  m_interpretation->show();

  // Checklist: every spec item with what each track answered.
  const json checklist = spec.is_object() ? spec.value("checklist", json::array()) : json::array();
  if (!checklist.empty()) {
    QTreeWidgetItem* section = addSection(tr("Checklist"));
    for (const json& entry : checklist) {
      if (!entry.is_string()) continue;
      const std::string text = entry.get<std::string>();
      auto* item = new QTreeWidgetItem(section, {q(text)});
      item->setToolTip(0, q(text));
      int yes = 0, no = 0, unsure = 0;
      for (const auto& score : g.scores) {
        const json answers = score.details.value("checklist", json::array());
        for (const json& a : answers) {
          if (!a.is_object() || normalized(a.value("item", std::string())) != normalized(text)) continue;
          const std::string answer = a.value("answer", std::string());
          (answer == "yes" ? yes : answer == "no" ? no : unsure)++;
          const QString verdict = answer == "yes" ? tr("pass") : answer == "no" ? tr("fail") : tr("uncertain");
          // "Visual: fail — the bottom view shows no openings", across both columns: notes are long.
          QString text = trackLabel(a.value("track", score.track)) + QStringLiteral(": ") + verdict;
          const std::string note = a.value("note", std::string());
          if (!note.empty()) text += QStringLiteral(" — ") + q(note);
          auto* child = new QTreeWidgetItem(item, {text});
          child->setFirstColumnSpanned(true);
          child->setToolTip(0, text);
          child->setForeground(0, answer == "yes" ? kPass : answer == "no" ? kFail : kUncertain);
        }
      }
      if (no) setVerdict(item, tr("fail"), kFail);
      else if (unsure) setVerdict(item, tr("uncertain"), kUncertain);
      else if (yes) setVerdict(item, tr("pass"), kPass);
      else setVerdict(item, tr("not checked"), palette().color(QPalette::PlaceholderText));
    }
  }

  // Assertions: the assertions track's results, else the spec's assertions unchecked.
  json results = json::array();
  for (const auto& score : g.scores)
    if (score.track == "assertions") results = score.details.value("assertions", json::array());
  const json specAssertions = spec.is_object() ? spec.value("assertions", json::array()) : json::array();
  if (!results.empty() || !specAssertions.empty()) {
    QTreeWidgetItem* section = addSection(tr("Assertions"));
    if (!results.empty()) {
      for (const json& r : results) {
        auto* item = new QTreeWidgetItem(section, {q(r.value("assertion", std::string()))});
        const json passed = r.value("passed", json());
        QString detail = q(r.value("message", std::string()));
        if (r.contains("actual") && !r["actual"].is_null())
          detail = tr("measured %1").arg(q(r["actual"].dump())) + (detail.isEmpty() ? QString() : QStringLiteral(" — ") + detail);
        item->setToolTip(0, detail);
        item->setToolTip(1, detail);
        if (passed.is_boolean()) setVerdict(item, passed.get<bool>() ? tr("pass") : tr("fail"), passed.get<bool>() ? kPass : kFail);
        else setVerdict(item, tr("uncertain"), kUncertain);
        if (!detail.isEmpty()) {
          auto* child = new QTreeWidgetItem(item, {detail});
          child->setFirstColumnSpanned(true);
          child->setToolTip(0, detail);
        }
      }
    } else {
      for (const json& a : specAssertions) {
        auto* item = new QTreeWidgetItem(section, {q(a.value("description", a.value("kind", std::string())))});
        setVerdict(item, tr("not checked"), palette().color(QPalette::PlaceholderText));
      }
    }
  }

  // Scores per track and the composite.
  if (!g.scores.empty() || g.compositeScore) {
    QTreeWidgetItem* section = addSection(tr("Scores"));
    for (const auto& score : g.scores) {
      auto* item = new QTreeWidgetItem(section, {trackLabel(score.track), formatScore(score.score)});
      QString tip = tr("weight %1").arg(score.weight);
      if (score.modelId) tip += tr(", model %1").arg(q(*score.modelId));
      if (score.passed) tip += *score.passed ? tr(", passed") : tr(", did not pass");
      item->setToolTip(0, tip);
      item->setToolTip(1, tip);
      if (score.passed) item->setForeground(1, *score.passed ? kPass : kFail);
      if (score.details.contains("critique") && score.details["critique"].is_array())
        for (const json& c : score.details["critique"])
          if (c.is_string()) {
            auto* child = new QTreeWidgetItem(item, {q(c.get<std::string>())});
            child->setFirstColumnSpanned(true);
            child->setToolTip(0, child->text(0));
          }
    }
    auto* composite = new QTreeWidgetItem(section, {tr("Composite"), formatScore(g.compositeScore)});
    QFont f = composite->font(1);
    f.setBold(true);
    composite->setFont(0, f);
    composite->setFont(1, f);
  }

  if (g.facts.is_object()) addFacts(g.facts);
  else if (g.error) {
    QTreeWidgetItem* section = addSection(tr("Facts"));
    new QTreeWidgetItem(section, {tr("No part was built: %1").arg(q(*g.error))});
  }

  // Usage per stage and in total.
  QTreeWidgetItem* usage = addSection(tr("Usage"));
  // In pipeline order, not the store's alphabetical one.
  std::vector<store::StageRecord> stages = g.stages;
  static const std::vector<std::string> kOrder = {"spec", "research", "decompose", "code", "review", "visual", "refine"};
  auto rank = [](const std::string& stage) {
    const auto it = std::find(kOrder.begin(), kOrder.end(), stage);
    return it == kOrder.end() ? kOrder.size() : size_t(it - kOrder.begin());
  };
  std::stable_sort(stages.begin(), stages.end(),
                   [&](const store::StageRecord& a, const store::StageRecord& b) { return rank(a.stage) < rank(b.stage); });
  for (const auto& stage : stages) {
    if (stage.calls == 0 && stage.usage.input == 0 && stage.usage.output == 0) continue;
    QString name = q(stage.stage);
    if (!stage.modelId.empty()) name += QStringLiteral(" (") + q(stage.modelId) + QStringLiteral(")");
    auto* item = new QTreeWidgetItem(usage, {name, formatTokens(stage.usage) + QStringLiteral(" · ") + formatCost(stage.usage.costUsd)});
    item->setToolTip(0, (stage.calls == 1 ? tr("1 call, %1") : tr("%1 calls, %2").arg(stage.calls)).arg(durationText(stage.usage.durationMs)));
  }
  auto* total = new QTreeWidgetItem(usage, {tr("Total"), formatTokens(g.totals) + QStringLiteral(" · ") + formatCost(g.totals.costUsd)});
  QFont f = total->font(1);
  f.setBold(true);
  total->setFont(0, f);
  total->setFont(1, f);
  if (g.finishedMs)
    new QTreeWidgetItem(usage, {tr("Time"), (g.steps == 1 ? tr("%1, 1 agent step").arg(durationText(*g.finishedMs - g.createdMs)) : tr("%1, %2 agent steps").arg(durationText(*g.finishedMs - g.createdMs)).arg(g.steps))});
  m_tree->expandAll();
  addLiveSection();
}

}  // namespace partsmith::app
