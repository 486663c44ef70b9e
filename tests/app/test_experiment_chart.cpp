// The Experiments tab's chart on a real few-shot sweep: the built-in template (0, 1, 3, 6, 10
// examples) run through the pipeline against a scripted model whose usage grows with the prompt
// (tests/workbench/context_models.h). The view draws quality against context size — lines of
// the average eval score, success and auto-approval rates, one point per count in ascending
// order at the measured context per code call — and keeps bars for a model comparison.
#include <catch2/catch.hpp>

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QListWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QValueAxis>

#include "../workbench/few_shot_sweep.h"
#include "app/experiment_view.h"
#include "app/store_worker.h"
#include "app_test_support.h"
#include "workbench/experiment_report.h"

using namespace partsmith;
using namespace partsmith::app;
using namespace partsmith::app::testing;
using workbench::ExperimentComparison;

namespace {

QValueAxis* valueAxis(QLineSeries* s, Qt::Alignment where) {
  for (QAbstractAxis* a : s->attachedAxes())
    if (a->alignment() == where) return qobject_cast<QValueAxis*>(a);
  return nullptr;
}

}  // namespace

TEST_CASE("Experiment view: a few-shot sweep is drawn as quality against context size", "[workbench-gui][experiment-chart]") {
  application();
  workbench::testing::ContextModels peer;
  QTemporaryDir dir;
  const std::string path = dir.path().toStdString() + "/partsmith.db";
  int64_t sweepId = 0, modelsId = 0;
  ExperimentComparison expected;
  {
    store::StoreOptions o;
    o.examplesDir = partsmith::test::examplesDir();  // the library the few-shot examples come from
    o.autoBackup = false;
    store::Store db(path, o);
    sweepId = workbench::testing::runFewShotSweep(db, path, peer);
    expected = workbench::compareExperiment(db, sweepId);
    // A model comparison (not run): its chart stays bars.
    workbench::ExperimentPlan models = workbench::modelComparison("code models", "code", {"good", "bad"});
    REQUIRE_FALSE(expected.variants[0].prompts.empty());
    models.promptIds = {expected.variants[0].prompts[0].promptId};
    modelsId = workbench::createExperiment(db, models);
  }
  REQUIRE(expected.variants.size() == 5);

  StoreWorker worker(QString::fromStdString(path));
  ExperimentView view(worker);
  view.resize(1100, 760);
  view.show();
  view.refresh();
  REQUIRE(waitUntil([&] { return view.experiments().size() == 2 && !view.isBusy(); }, 20000));
  view.select(sweepId);
  REQUIRE(waitUntil([&] { return view.comparison() && view.comparison()->experimentId == sweepId && !view.isBusy(); },
                    20000));

  // Lines, not bars; x is the context per code call.
  CHECK(view.series() == nullptr);
  CHECK(view.lineAxis() == ExperimentView::LineAxis::ContextTokens);
  QLineSeries* score = view.scoreLine();
  QLineSeries* success = view.successLine();
  QLineSeries* approval = view.approvalLine();
  REQUIRE(score);
  REQUIRE(success);
  REQUIRE(approval);
  CHECK(view.chart()->series().size() == 3);
  REQUIRE(score->count() == 5);
  REQUIRE(success->count() == 5);
  REQUIRE(approval->count() == 5);
  CHECK(score->pointsVisible());
  CHECK(success->pointsVisible());

  const std::vector<int> counts = {0, 1, 3, 6, 10};
  QStringList wantedLabels;
  for (int i = 0; i < 5; ++i) {
    const workbench::VariantComparison& v = expected.variants[i];
    INFO("variant " << v.label);
    REQUIRE(*v.numericValue() == Approx(counts[i]));
    REQUIRE(v.context.tokensPerCodeCall);
    REQUIRE(v.totals.avgScore);
    CHECK(score->at(i).x() == Approx(*v.context.tokensPerCodeCall));
    CHECK(score->at(i).y() == Approx(*v.totals.avgScore));
    CHECK(success->at(i).x() == Approx(*v.context.tokensPerCodeCall));
    CHECK(success->at(i).y() == Approx(v.totals.successRate * 100));
    CHECK(approval->at(i).y() == Approx(v.totals.approvalRate * 100));
    if (i > 0) CHECK(score->at(i).x() > score->at(i - 1).x());  // ascending: more examples, more context
    wantedLabels << QStringLiteral("%1 ex.").arg(counts[i]);
  }
  // The scripted code model needs an example: the 0-count point is the low one.
  CHECK(approval->at(0).y() == Approx(0));
  for (int i = 1; i < 5; ++i) CHECK(approval->at(i).y() == Approx(100));
  CHECK(score->at(0).y() < score->at(1).y());

  // Axes: score 0–10 on the left, rates 0–100 % on the right, the counts labelled on x.
  QValueAxis* left = valueAxis(score, Qt::AlignLeft);
  REQUIRE(left);
  CHECK(left->max() == Approx(10));
  QValueAxis* right = valueAxis(success, Qt::AlignRight);
  REQUIRE(right);
  CHECK(right->max() == Approx(100));
  CHECK(valueAxis(approval, Qt::AlignRight) == right);
  REQUIRE(view.lineXAxis());
  CHECK(view.lineXAxis()->categoriesLabels() == wantedLabels);
  for (int i = 0; i < 5; ++i) CHECK(view.lineXAxis()->endValue(wantedLabels[i]) == Approx(score->at(i).x()));
  CHECK(view.lineXAxis()->titleText().contains(
      QStringLiteral("%1 to %2 tokens").arg(score->at(0).x(), 0, 'f', 0).arg(score->at(4).x(), 0, 'f', 0)));
  CHECK(view.lineXAxis()->min() < score->at(0).x());
  CHECK(view.lineXAxis()->max() > score->at(4).x());

  // The table has the context rows too.
  QTableWidget* t = view.table();
  int contextRow = -1;
  for (int r = 0; r < t->rowCount(); ++r)
    if (t->verticalHeaderItem(r)->text() == "Avg context / code call") contextRow = r;
  REQUIRE(contextRow >= 0);
  CHECK(t->item(contextRow, 2)->text() == QString::number(*expected.variants[2].context.tokensPerCodeCall, 'f', 0));
  QApplication::processEvents();
  saveShot(view.grab().toImage(), "experiment-few-shot-lines");

  // A model comparison: back to bars, the lines are gone.
  view.select(modelsId);
  REQUIRE(waitUntil([&] { return view.comparison() && view.comparison()->experimentId == modelsId && !view.isBusy(); },
                    20000));
  REQUIRE(view.series());
  CHECK(view.scoreLine() == nullptr);
  CHECK(view.lineAxis() == ExperimentView::LineAxis::None);
  CHECK(view.chart()->series().size() == 1);
  CHECK(view.series()->barSets().at(0)->count() == 2);
}
