// The workbench's experiments: the list, and for the selected one the seed's comparison table
// (one column per variant), a chart, the per-prompt drill-down, and export as Markdown or CSV
// through the workbench module's exporters. The chart is a bar per variant (average eval score)
// when the variants differ in a model or a switch; when each sets a number (the few-shot sweep)
// it is quality against that number: lines of the average eval score, success rate and
// auto-approval rate, points marked, in ascending order. For a few-shot sweep the x axis is the
// measured context per code call (tokens), each point labelled with its example count.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include <QWidget>

#include "store/workbench_repository.h"
#include "workbench/experiment_report.h"

class QBarSeries;
class QCategoryAxis;
class QChart;
class QLineSeries;
class QChartView;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace partsmith::app {

class StoreWorker;

class ExperimentView : public QWidget {
  Q_OBJECT
 public:
  enum class ExportFormat { Markdown, Csv, CsvPerPrompt };

  explicit ExperimentView(StoreWorker& store, QWidget* parent = nullptr);

  QListWidget* list() const { return m_list; }
  QTableWidget* table() const { return m_table; }
  QTableWidget* drillDown() const { return m_prompts; }
  QChartView* chartView() const { return m_chartView; }
  // The bar chart's series; nullptr while the chart shows lines.
  QBarSeries* series() const { return m_series; }
  // What the line chart's x axis measures; None while the chart shows bars.
  enum class LineAxis { None, ContextTokens, SettingValue };
  LineAxis lineAxis() const { return m_lineAxis; }
  // The line chart's series (nullptr while bars): score 0–10 on the left axis, the rates in %
  // on the right one; one point per variant, ascending by the varied value.
  QLineSeries* scoreLine() const { return m_scoreLine; }
  QLineSeries* successLine() const { return m_successLine; }
  QLineSeries* approvalLine() const { return m_approvalLine; }
  QCategoryAxis* lineXAxis() const { return m_lineX; }
  QChart* chart() const { return m_chart; }
  QPushButton* exportMarkdownButton() const { return m_exportMd; }
  QPushButton* exportCsvButton() const { return m_exportCsv; }
  const std::vector<store::Experiment>& experiments() const { return m_experiments; }
  const std::optional<workbench::ExperimentComparison>& comparison() const { return m_comparison; }
  bool isBusy() const { return m_busy; }

 public slots:
  void refresh();
  void select(qint64 experimentId);
  // Writes the current comparison to `path` on the StoreWorker's thread; exported() or failed().
  void exportTo(const QString& path, ExportFormat format);

 signals:
  void loaded();            // the experiment list
  void comparisonLoaded();  // the selected experiment's table, chart and drill-down
  void exported(const QString& path);
  void failed(const QString& message);

 private:
  void displayList(std::vector<store::Experiment> experiments);
  void loadComparison();
  void displayComparison(workbench::ExperimentComparison comparison);
  void clearChart();
  void showBars(const workbench::ExperimentComparison& c);
  void showLines(const workbench::ExperimentComparison& c);
  void askExport(ExportFormat format);

  StoreWorker& m_store;
  QListWidget* m_list = nullptr;
  QLabel* m_title = nullptr;
  QLabel* m_status = nullptr;
  QTableWidget* m_table = nullptr;
  QTableWidget* m_prompts = nullptr;
  QChart* m_chart = nullptr;
  QChartView* m_chartView = nullptr;
  QBarSeries* m_series = nullptr;
  QLineSeries* m_scoreLine = nullptr;
  QLineSeries* m_successLine = nullptr;
  QLineSeries* m_approvalLine = nullptr;
  QCategoryAxis* m_lineX = nullptr;
  LineAxis m_lineAxis = LineAxis::None;
  QPushButton* m_exportMd = nullptr;
  QPushButton* m_exportCsv = nullptr;
  std::vector<store::Experiment> m_experiments;
  std::optional<workbench::ExperimentComparison> m_comparison;
  std::optional<int64_t> m_wanted;
  bool m_busy = false;
  int m_generation = 0;
};

}  // namespace partsmith::app
