#include "app/experiment_view.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include "app/store_worker.h"
#include "store/store.h"
#include "store/store_error.h"

namespace partsmith::app {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }
QString score(const std::optional<double>& v) { return v ? QString::number(*v, 'f', 1) : QStringLiteral("—"); }
QString percent(double v) { return QString::number(v * 100, 'f', 0) + QLatin1Char('%'); }
QString money(double v) { return QLatin1Char('$') + QString::number(v, 'f', v < 0.1 ? 4 : 2); }
QString tokens(const std::optional<double>& v) { return v ? QString::number(*v, 'f', 0) : QStringLiteral("—"); }
QString seconds(double s) {
  return s >= 90 ? QObject::tr("%1 min").arg(s / 60, 0, 'f', 1) : QObject::tr("%1 s").arg(s, 0, 'f', 1);
}

QTableWidgetItem* cell(const QString& text, Qt::Alignment align = Qt::AlignRight | Qt::AlignVCenter) {
  auto* item = new QTableWidgetItem(text);
  item->setTextAlignment(align);
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  return item;
}

}  // namespace

ExperimentView::ExperimentView(StoreWorker& store, QWidget* parent) : QWidget(parent), m_store(store) {
  auto* layout = new QVBoxLayout(this);
  m_status = new QLabel(tr("Loading experiments…"), this);
  layout->addWidget(m_status);
  auto* split = new QSplitter(Qt::Horizontal, this);
  m_list = new QListWidget(split);
  m_list->setObjectName("experimentList");
  m_list->setMinimumWidth(200);

  auto* detail = new QWidget(split);
  auto* d = new QVBoxLayout(detail);
  d->setContentsMargins(0, 0, 0, 0);
  auto* top = new QHBoxLayout;
  m_title = new QLabel(detail);
  m_title->setWordWrap(true);
  m_title->setTextFormat(Qt::RichText);
  top->addWidget(m_title, 1);
  m_exportMd = new QPushButton(tr("Export Markdown…"), detail);
  m_exportCsv = new QPushButton(tr("Export CSV…"), detail);
  m_exportCsv->setToolTip(tr("One row per variant; the per-prompt rows are offered as a second file"));
  top->addWidget(m_exportMd);
  top->addWidget(m_exportCsv);
  d->addLayout(top);

  auto* tabs = new QTabWidget(detail);
  auto* overview = new QSplitter(Qt::Vertical, tabs);
  m_table = new QTableWidget(overview);
  m_table->setObjectName("comparisonTable");
  m_table->verticalHeader()->setDefaultSectionSize(22);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_chart = new QChart;
  m_chart->setTitle(tr("Average eval score per variant"));
  m_chart->legend()->hide();
  m_chart->setAnimationOptions(QChart::NoAnimation);
  m_chartView = new QChartView(m_chart, overview);
  m_chartView->setRenderHint(QPainter::Antialiasing);
  m_chartView->setMinimumHeight(300);
  overview->addWidget(m_table);
  overview->addWidget(m_chartView);
  tabs->addTab(overview, tr("Comparison"));
  m_prompts = new QTableWidget(tabs);
  m_prompts->setObjectName("drillDown");
  m_prompts->setSortingEnabled(true);
  m_prompts->verticalHeader()->hide();
  tabs->addTab(m_prompts, tr("Per prompt"));
  d->addWidget(tabs, 1);
  split->addWidget(m_list);
  split->addWidget(detail);
  split->setStretchFactor(1, 3);
  layout->addWidget(split, 1);

  connect(m_list, &QListWidget::currentRowChanged, this, [this] { loadComparison(); });
  connect(m_exportMd, &QPushButton::clicked, this, [this] { askExport(ExportFormat::Markdown); });
  connect(m_exportCsv, &QPushButton::clicked, this, [this] { askExport(ExportFormat::Csv); });
  m_exportMd->setEnabled(false);
  m_exportCsv->setEnabled(false);
}

void ExperimentView::refresh() {
  m_busy = true;
  if (!m_wanted && m_comparison) m_wanted = m_comparison->experimentId;
  m_store.run<std::vector<store::Experiment>>(
      this, [](store::Store& s) { return s.workbench().experiments(); },
      [this](std::vector<store::Experiment> experiments) {
        m_busy = false;
        displayList(std::move(experiments));
        emit loaded();
      },
      [this](const QString& message) {
        m_busy = false;
        m_status->setText(tr("Could not read the experiments: %1").arg(message));
        emit failed(message);
      });
}

void ExperimentView::displayList(std::vector<store::Experiment> experiments) {
  m_experiments = std::move(experiments);
  int select = m_experiments.empty() ? -1 : 0;
  {
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (size_t i = 0; i < m_experiments.size(); ++i) {
      const auto& e = m_experiments[i];
      auto* row = new QListWidgetItem(tr("%1\nvaries %2 · %3 variants").arg(qs(e.name), qs(e.varies)).arg(e.variants.size()),
                                      m_list);
      row->setData(Qt::UserRole, QVariant::fromValue<qint64>(e.id));
      row->setToolTip(qs(e.description));
      if (m_wanted && *m_wanted == e.id) select = int(i);
    }
    m_wanted.reset();
    m_list->setCurrentRow(select);
  }
  m_status->setText(m_experiments.empty()
                        ? tr("No experiments yet: `partsmith-cli experiment create` makes one.")
                        : (m_experiments.size() == 1 ? tr("1 experiment") : tr("%1 experiments").arg(m_experiments.size())));
  loadComparison();
}

void ExperimentView::select(qint64 experimentId) {
  for (size_t i = 0; i < m_experiments.size(); ++i)
    if (m_experiments[i].id == experimentId) m_list->setCurrentRow(int(i));
}

void ExperimentView::loadComparison() {
  const int row = m_list->currentRow();
  const int generation = ++m_generation;
  if (row < 0 || row >= int(m_experiments.size())) {
    m_comparison.reset();
    m_title->clear();
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    m_prompts->clear();
    m_prompts->setRowCount(0);
    clearChart();
    m_exportMd->setEnabled(false);
    m_exportCsv->setEnabled(false);
    return;
  }
  const int64_t id = m_experiments[row].id;
  m_busy = true;
  m_store.run<workbench::ExperimentComparison>(
      this, [id](store::Store& s) { return workbench::compareExperiment(s, id); },
      [this, generation](workbench::ExperimentComparison c) {
        if (generation != m_generation) return;
        m_busy = false;
        displayComparison(std::move(c));
        emit comparisonLoaded();
      },
      [this, generation](const QString& message) {
        if (generation != m_generation) return;
        m_busy = false;
        m_status->setText(tr("Could not compare the experiment's variants: %1").arg(message));
        emit failed(message);
      });
}

void ExperimentView::displayComparison(workbench::ExperimentComparison c) {
  m_comparison = std::move(c);
  const auto& cmp = *m_comparison;
  m_title->setText(QStringLiteral("<b>%1</b> — varies %2<br>%3")
                       .arg(qs(cmp.name).toHtmlEscaped(), qs(cmp.varies).toHtmlEscaped(),
                            qs(cmp.description).toHtmlEscaped()));
  m_exportMd->setEnabled(true);
  m_exportCsv->setEnabled(true);

  // The seed's table: one column per variant, the metrics as rows (as `experiment compare`).
  using workbench::RunAggregates;
  const std::vector<std::pair<QString, std::function<QString(const RunAggregates&)>>> rows = {
      {tr("Prompts finished"), [](const RunAggregates& a) { return QStringLiteral("%1/%2").arg(a.finished).arg(a.items); }},
      {tr("Avg eval score"), [](const RunAggregates& a) { return score(a.avgScore); }},
      {tr("Avg code eval"), [](const RunAggregates& a) { return score(a.avgCodeScore); }},
      {tr("Avg visual score"), [](const RunAggregates& a) { return score(a.avgVisualScore); }},
      {tr("Success rate"), [](const RunAggregates& a) { return percent(a.successRate); }},
      {tr("Auto-approval rate"), [](const RunAggregates& a) { return percent(a.approvalRate); }},
      {tr("Cost per generation"), [](const RunAggregates& a) { return money(a.costPerGeneration); }},
      {tr("Avg agent steps"), [](const RunAggregates& a) { return QString::number(a.avgSteps, 'f', 1); }},
      {tr("Avg duration"), [](const RunAggregates& a) { return seconds(a.avgDurationSeconds); }},
  };
  const std::vector<std::pair<QString, std::function<QString(const workbench::ContextSize&)>>> contextRows = {
      {tr("Avg input tokens / generation"), [](const workbench::ContextSize& c) { return tokens(c.inputTokensPerGeneration); }},
      {tr("Avg context / code call"), [](const workbench::ContextSize& c) { return tokens(c.tokensPerCodeCall); }},
  };
  m_table->clear();
  m_table->setRowCount(int(rows.size() + contextRows.size()));
  m_table->setColumnCount(int(cmp.variants.size()));
  QStringList labels;
  for (const auto& v : cmp.variants) labels << qs(v.label);
  m_table->setHorizontalHeaderLabels(labels);
  QStringList rowLabels;
  for (const auto& r : rows) rowLabels << r.first;
  for (const auto& r : contextRows) rowLabels << r.first;
  m_table->setVerticalHeaderLabels(rowLabels);
  for (int v = 0; v < int(cmp.variants.size()); ++v) {
    const QString tip = qs(cmp.variants[v].settings.dump());
    for (int r = 0; r < int(rows.size()); ++r) {
      auto* item = cell(rows[r].second(cmp.variants[v].totals));
      item->setToolTip(tip);
      m_table->setItem(r, v, item);
    }
    for (int r = 0; r < int(contextRows.size()); ++r) {
      auto* item = cell(contextRows[r].second(cmp.variants[v].context));
      item->setToolTip(tr("Prompt tokens the models read, cached ones included (%1)").arg(tip));
      m_table->setItem(int(rows.size()) + r, v, item);
    }
  }

  if (cmp.numericSweep()) showLines(cmp);
  else showBars(cmp);

  // The drill-down: one row per prompt and variant.
  m_prompts->setSortingEnabled(false);
  m_prompts->clear();
  const QStringList headers{tr("Variant"), tr("Category"), tr("Prompt"), tr("Status"), tr("Approved"), tr("Score"),
                            tr("Code"),    tr("Visual"),   tr("Cost"),   tr("Steps"),  tr("Duration"), tr("Error")};
  m_prompts->setColumnCount(int(headers.size()));
  m_prompts->setHorizontalHeaderLabels(headers);
  int count = 0;
  for (const auto& v : cmp.variants) count += int(v.prompts.size());
  m_prompts->setRowCount(count);
  int r = 0;
  const auto left = Qt::AlignLeft | Qt::AlignVCenter;
  for (const auto& v : cmp.variants)
    for (const auto& p : v.prompts) {
      m_prompts->setItem(r, 0, cell(qs(v.label), left));
      m_prompts->setItem(r, 1, cell(qs(p.category), left));
      auto* prompt = cell(qs(p.prompt), left);
      prompt->setToolTip(qs(p.prompt));
      m_prompts->setItem(r, 2, prompt);
      m_prompts->setItem(r, 3, cell(qs(p.status), left));
      m_prompts->setItem(r, 4, cell(p.approved ? QStringLiteral("✓") : QString(), Qt::AlignCenter));
      m_prompts->setItem(r, 5, cell(score(p.score)));
      m_prompts->setItem(r, 6, cell(score(p.codeScore)));
      m_prompts->setItem(r, 7, cell(score(p.visualScore)));
      m_prompts->setItem(r, 8, cell(money(p.costUsd)));
      m_prompts->setItem(r, 9, cell(QString::number(p.steps)));
      m_prompts->setItem(r, 10, cell(seconds(p.durationSeconds)));
      m_prompts->setItem(r, 11, cell(qs(p.error), left));
      ++r;
    }
  m_prompts->resizeColumnsToContents();
  m_prompts->setColumnWidth(2, std::min(m_prompts->columnWidth(2), 360));
  m_prompts->setSortingEnabled(true);
}

void ExperimentView::clearChart() {
  m_chart->removeAllSeries();  // deletes them
  for (auto* axis : m_chart->axes()) {
    m_chart->removeAxis(axis);
    delete axis;
  }
  m_series = nullptr;
  m_scoreLine = m_successLine = m_approvalLine = nullptr;
  m_lineX = nullptr;
  m_lineAxis = LineAxis::None;
}

void ExperimentView::showBars(const workbench::ExperimentComparison& c) {
  // One bar per variant. A variant without a successful generation has no average: its bar is
  // 0 and its axis label says so, so it is not mistaken for a score of 0.
  clearChart();
  m_chart->setTitle(tr("Average eval score per variant"));
  m_chart->legend()->hide();
  m_series = new QBarSeries;
  auto* set = new QBarSet(tr("Avg eval score"));
  QStringList categories;
  for (const auto& v : c.variants) {
    *set << (v.totals.avgScore ? *v.totals.avgScore : 0.0);
    categories << (v.totals.avgScore ? qs(v.label) : tr("%1 (no score)").arg(qs(v.label)));
  }
  m_series->append(set);
  m_series->setLabelsVisible(true);
  m_series->setLabelsFormat(QStringLiteral("@value"));
  m_series->setLabelsPrecision(2);
  m_chart->addSeries(m_series);
  auto* x = new QBarCategoryAxis;
  x->append(categories);
  m_chart->addAxis(x, Qt::AlignBottom);
  m_series->attachAxis(x);
  auto* y = new QValueAxis;
  y->setRange(0, 10);
  y->setTitleText(tr("score (0–10)"));
  m_chart->addAxis(y, Qt::AlignLeft);
  m_series->attachAxis(y);
}

void ExperimentView::showLines(const workbench::ExperimentComparison& c) {
  clearChart();
  // For a few-shot sweep the x is the measured context per code call: the count is what one
  // sets, but the tokens are what the model reads and what is paid for, and examples differ in
  // length (or run out: a library with fewer matches than asked gives a shorter context). The
  // count labels each point. Without usage for every variant, or for another numeric setting,
  // the x is the value itself.
  const std::string setting = c.numericSetting();
  bool byTokens = setting == "few_shot";
  for (const auto& v : c.variants) byTokens = byTokens && v.context.tokensPerCodeCall && *v.context.tokensPerCodeCall > 0;
  m_lineAxis = byTokens ? LineAxis::ContextTokens : LineAxis::SettingValue;

  struct Point {
    double value = 0, x = 0;
    const workbench::VariantComparison* v = nullptr;
  };
  std::vector<Point> points;
  for (const auto& v : c.variants) {
    const double value = *v.numericValue();
    points.push_back({value, byTokens ? *v.context.tokensPerCodeCall : value, &v});
  }
  std::stable_sort(points.begin(), points.end(),
                   [](const Point& a, const Point& b) { return a.value < b.value || (a.value == b.value && a.x < b.x); });

  m_chart->setTitle(byTokens ? tr("Quality against context size") : tr("Quality against %1").arg(qs(setting)));
  m_chart->legend()->show();
  m_chart->legend()->setAlignment(Qt::AlignBottom);
  auto line = [this](const QString& name) {
    auto* s = new QLineSeries;
    s->setName(name);
    s->setPointsVisible(true);
    s->setMarkerSize(7);
    return s;
  };
  m_scoreLine = line(tr("Avg eval score (0–10, left)"));
  m_successLine = line(tr("Success rate (%, right)"));
  m_approvalLine = line(tr("Auto-approval rate (%, right)"));
  QPen pen = m_scoreLine->pen();
  pen.setWidthF(3);  // the quality line stays visible where a rate line runs along the top
  m_scoreLine->setPen(pen);
  for (const Point& p : points) {
    // No successful generation: no average score, so no point (a gap, not a 0).
    if (p.v->totals.avgScore) m_scoreLine->append(p.x, *p.v->totals.avgScore);
    m_successLine->append(p.x, p.v->totals.successRate * 100);
    m_approvalLine->append(p.x, p.v->totals.approvalRate * 100);
  }
  // The rates first, so the score line is drawn over them.
  for (QLineSeries* s : {m_successLine, m_approvalLine, m_scoreLine}) m_chart->addSeries(s);
  // Exact numbers on hover (the table has them all; labels on every point would overlap).
  std::vector<std::pair<double, QString>> tips;
  for (const Point& p : points)
    tips.push_back({p.x, tr("%1 — %2\nscore %3, success %4, auto-approval %5")
                             .arg(qs(p.v->label))
                             .arg(byTokens ? tr("%1 tokens per code call").arg(p.x, 0, 'f', 0) : QString::number(p.x, 'g', 6))
                             .arg(score(p.v->totals.avgScore), percent(p.v->totals.successRate),
                                  percent(p.v->totals.approvalRate))});
  for (QLineSeries* s : {m_scoreLine, m_successLine, m_approvalLine})
    connect(s, &QLineSeries::hovered, m_chartView, [this, tips](const QPointF& at, bool entered) {
      if (!entered) {
        m_chartView->setToolTip(QString());
        return;
      }
      const auto nearest = std::min_element(tips.begin(), tips.end(), [&](const auto& a, const auto& b) {
        return std::abs(a.first - at.x()) < std::abs(b.first - at.x());
      });
      if (nearest != tips.end()) m_chartView->setToolTip(nearest->second);
    });

  // The x axis marks each point with its count ("3 ex."); the title gives the context range.
  m_lineX = new QCategoryAxis;
  m_lineX->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
  std::vector<Point> byX = points;
  std::stable_sort(byX.begin(), byX.end(), [](const Point& a, const Point& b) { return a.x < b.x; });
  const double lo = byX.front().x, hi = byX.back().x;
  const double pad = hi > lo ? (hi - lo) * 0.06 : 1.0;
  double last = lo - pad;
  for (const Point& p : byX) {
    if (p.x <= last) continue;  // two variants at one x (a category axis needs rising values): label the first
    const QString value = QString::number(p.value, 'g', 6);
    QString label = byTokens ? tr("%1 ex.").arg(value) : value;
    while (m_lineX->categoriesLabels().contains(label)) label += QLatin1Char(' ');
    m_lineX->append(label, p.x);
    last = p.x;
  }
  m_lineX->setRange(lo - pad, hi + pad);
  m_lineX->setTitleText(byTokens ? tr("few-shot examples, placed at the average context per code call (%1 to %2 tokens)")
                                       .arg(lo, 0, 'f', 0)
                                       .arg(hi, 0, 'f', 0)
                                 : qs(setting));
  m_chart->addAxis(m_lineX, Qt::AlignBottom);
  auto* score = new QValueAxis;
  score->setRange(0, 10);
  score->setTitleText(tr("score (0–10)"));
  m_chart->addAxis(score, Qt::AlignLeft);
  auto* rate = new QValueAxis;
  rate->setRange(0, 100);
  rate->setLabelFormat(QStringLiteral("%.0f%%"));
  rate->setTitleText(tr("rate (% of finished)"));
  m_chart->addAxis(rate, Qt::AlignRight);
  m_scoreLine->attachAxis(m_lineX);
  m_scoreLine->attachAxis(score);
  for (QLineSeries* s : {m_successLine, m_approvalLine}) {
    s->attachAxis(m_lineX);
    s->attachAxis(rate);
  }
}

void ExperimentView::askExport(ExportFormat format) {
  if (!m_comparison) return;
  QString base = qs(m_comparison->name);
  base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
  const bool md = format == ExportFormat::Markdown;
  const QString path = QFileDialog::getSaveFileName(this, md ? tr("Export the comparison as Markdown") : tr("Export the comparison as CSV"),
                                                    base + (md ? ".md" : ".csv"),
                                                    md ? tr("Markdown (*.md)") : tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  exportTo(path, format);
  if (!md) {
    // A CSV holds one table; the per-prompt rows go next to it.
    QString prompts = path;
    if (prompts.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) prompts.chop(4);
    exportTo(prompts + "-prompts.csv", ExportFormat::CsvPerPrompt);
  }
}

void ExperimentView::exportTo(const QString& path, ExportFormat format) {
  if (!m_comparison) {
    emit failed(tr("Export: select an experiment first"));
    return;
  }
  std::string text = format == ExportFormat::Markdown ? m_comparison->toMarkdown()
                                                      : m_comparison->toCsv(format == ExportFormat::CsvPerPrompt);
  const std::string file = path.toStdString();
  // Written on the worker thread: the GUI thread does not touch the disk.
  m_store.run(
      this,
      [file, text = std::move(text)](store::Store&) {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        if (out) out << text;
        out.close();
        if (!out)
          throw store::StoreError(store::StoreError::Kind::Access, "export the experiment comparison",
                                  "could not write " + file, "choose a folder you can write to");
      },
      [this, path] {
        m_status->setText(tr("Exported to %1").arg(path));
        emit exported(path);
      },
      [this](const QString& message) {
        m_status->setText(message);
        emit failed(message);
      });
}

}  // namespace partsmith::app
