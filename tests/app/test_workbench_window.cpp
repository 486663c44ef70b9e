// The workbench window on a real database filled through the store and workbench APIs: a
// batch run with approved, queued and failed results and an experiment with two variants.
// Checks the category cards' numbers, review decisions reaching the store, gallery search and
// remix, the experiment table, chart, drill-down and CSV export; saves a screenshot per tab.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QApplication>
#include <QTimer>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>

#include "app/category_cards.h"
#include "app/experiment_view.h"
#include "app/gallery_view.h"
#include "app/prompt_list_view.h"
#include "app/review_queue_view.h"
#include "app/workbench_window.h"
#include "store/curriculum_loader.h"
#include "store/database.h"
#include "store_fixture.h"
#include "workbench/review_queue.h"

using namespace partsmith::app;
using namespace partsmith::app::testing;
namespace store = partsmith::store;
namespace workbench = partsmith::workbench;
using nlohmann::json;

namespace {

const char* kBrackets = "brackets-and-mounts";
const char* kContainers = "organisers-and-containers";

struct GenResult {
  std::string status = "succeeded";
  std::optional<double> score;
  std::optional<double> codeScore;
  double costUsd = 0.02;
  int steps = 4;
  int64_t durationMs = 10000;
  bool withCode = true;
};

struct WorkbenchData {
  StoreFixture f;
  int64_t bracketApproved = 0, bracketQueued = 0, bracketQueued2 = 0, boxFailed = 0;  // prompts
  int64_t genApproved = 0, genQueued = 0, genQueued2 = 0;
  int64_t exApproved = 0, exQueued = 0, exQueued2 = 0, exBox = 0;  // library examples
  int64_t experimentId = 0;
  QString renderPath;

  int64_t generation(const std::string& origin, const std::string& request, const GenResult& r, json checklist = nullptr) {
    auto& gens = f.s().generations();
    store::NewGeneration ng;
    ng.origin = origin;
    ng.request = request;
    ng.stageModels = {{"code", "claude-sonnet"}};
    const int64_t id = gens.create(ng);
    gens.setSpec(id, {{"interpretation", "Interpretation of: " + request},
                      {"checklist", {"Is there one hole through it?"}},
                      {"assertions", {{{"kind", "hole_count"}, {"value", 1}, {"description", "hole count = 1"}}}},
                      {"techniques", {"box", "hole"}}});
    store::TokenUsage use{1000, 0, 0, 200, r.costUsd, 1000};
    gens.addUsage(id, "code", "claude-sonnet", use, "anthropic");
    if (r.codeScore) {
      store::TrackScore t;
      t.track = "code_review";
      t.score = r.codeScore;
      t.passed = true;
      if (!checklist.is_null()) t.details = {{"checklist", checklist}};
      gens.setScore(id, t);
    }
    store::GenerationOutcome out;
    out.status = r.status;
    if (r.withCode) out.finalCode = "// " + request + "\nresult = cq.Workplane(\"XY\").box(40, 20, 5);\n";
    else out.error = "line 1: box() needs positive sizes";
    out.compositeScore = r.score;
    out.steps = r.steps;
    out.durationMs = r.durationMs;
    gens.finish(id, out);
    return id;
  }

  int64_t example(int64_t generationId, const std::string& prompt, const std::string& category,
                  const std::string& status, std::optional<double> score, const std::string& note) {
    store::LibraryExample ex;
    ex.title = prompt;
    ex.prompt = prompt;
    ex.code = f.s().generations().get(generationId).finalCode.value_or("");
    ex.category = category;
    ex.complexity = 6;
    ex.techniques = {"box", "hole"};
    ex.tags = {"workbench"};
    ex.source = "workbench";
    ex.status = status;
    ex.sourceGenerationId = generationId;
    ex.score = score;
    ex.reviewNote = note;
    return f.s().library().add(ex);
  }

  // Finishes each unfinished item of `runId` with the generation given for its prompt.
  void finishRun(int64_t runId, const std::map<int64_t, std::pair<int64_t, bool>>& byPrompt) {
    auto& wb = f.s().workbench();
    for (const auto& item : wb.unfinishedItems(runId)) {
      const auto [gen, approved] = byPrompt.at(item.promptId);
      const auto g = f.s().generations().get(gen);
      wb.startItem(item.id);
      wb.finishItem(item.id, g.status == "succeeded" ? "succeeded" : "failed", gen, approved,
                    g.status == "succeeded" ? std::nullopt : g.error);
    }
    wb.setRunStatus(runId, "done");
  }

  WorkbenchData() {
    auto& wb = f.s().workbench();
    // The shipped curriculum first (as the window does), so the ids below are stable.
    store::CurriculumLoader(f.s()).ensureShipped();
    bracketApproved = wb.addPrompt("A wall bracket for a 25 mm pipe with two screw holes", kBrackets, 6);
    bracketQueued = wb.addPrompt("A shelf bracket 120 mm deep with a gusset", kBrackets, 6);
    bracketQueued2 = wb.addPrompt("A DIN rail clip 35 mm wide", kBrackets, 6);
    boxFailed = wb.addPrompt("A pencil cup with six compartments", kContainers, 8);

    // A batch run: one approved, two queued, one failed without code.
    store::Run run;
    run.uuid = "run-batch-1";
    run.label = "batch-1";
    const int64_t runId = wb.createRun(run, {bracketApproved, bracketQueued, bracketQueued2, boxFailed});
    genApproved = generation("workbench", "A wall bracket for a 25 mm pipe with two screw holes", {"succeeded", 9.1, 9.0});
    const json checklist = {{{"item", "Is there one hole through it?"}, {"answer", "no"}, {"note", "the hole stops at 3 mm"}},
                            {{"item", "Is the gusset on the underside?"}, {"answer", "yes"}, {"note", ""}}};
    genQueued = generation("workbench", "A shelf bracket 120 mm deep with a gusset", {"succeeded", 6.5, 6.0}, checklist);
    genQueued2 = generation("workbench", "A DIN rail clip 35 mm wide", {"succeeded", 7.0, 7.5});
    const int64_t genFailed = generation("workbench", "A pencil cup with six compartments",
                                         {"failed", std::nullopt, std::nullopt, 0.01, 3, 5000, false});
    finishRun(runId, {{bracketApproved, {genApproved, true}},
                      {bracketQueued, {genQueued, false}},
                      {bracketQueued2, {genQueued2, false}},
                      {boxFailed, {genFailed, false}}});
    exApproved = example(genApproved, "A wall bracket for a 25 mm pipe with two screw holes", kBrackets, "approved", 9.1,
                         "score 9.1 ≥ 8, checklist passed");
    exQueued = example(genQueued, "A shelf bracket 120 mm deep with a gusset", kBrackets, "candidate", 6.5,
                       "score 6.5 is below the approval threshold 8");
    exQueued2 = example(genQueued2, "A DIN rail clip 35 mm wide", kBrackets, "candidate", 7.0,
                        "score 7.0 is below the approval threshold 8");
    // A second approved example in another category for the gallery.
    const int64_t genBox = generation("workbench", "A hinged storage box with a snap lid", {"succeeded", 8.8, 8.5});
    exBox = example(genBox, "A hinged storage box with a snap lid", kContainers, "approved", 8.8, "score 8.8 ≥ 8");

    // A render of the queued result, as an export of the generation.
    QImage image(160, 120, QImage::Format_RGB32);
    image.fill(QColor(40, 120, 200));
    renderPath = f.dir.path() + "/queued-render.png";
    REQUIRE(image.save(renderPath));
    f.s().feedback().recordExport(genQueued, "png", renderPath.toStdString());

    // An experiment with two variants over two prompts.
    store::Experiment e;
    e.uuid = "exp-uuid-1";
    e.name = "spec-ablation";
    e.description = "Does the spec stage help?";
    e.varies = "switch";
    e.variants = {{0, "baseline", json::object(), 0}, {0, "no-spec", {{"spec", false}}, 1}};
    e.promptIds = {bracketApproved, bracketQueued};
    experimentId = wb.createExperiment(e);
    const store::Experiment stored = wb.experiment(experimentId);
    REQUIRE(stored.variants.size() == 2);
    auto variantRun = [&](const store::ExperimentVariant& v) {
      store::Run r;
      r.uuid = "exp-uuid-1/" + v.label;
      r.label = v.label;
      r.experimentId = experimentId;
      r.variantId = v.id;
      return wb.createRun(r, e.promptIds);
    };
    const int64_t base = variantRun(stored.variants[0]);
    finishRun(base, {{bracketApproved, {generation("experiment", "wall bracket", {"succeeded", 9.0, 8.0, 0.02, 4, 10000}), true}},
                     {bracketQueued, {generation("experiment", "shelf bracket", {"succeeded", 8.0, 7.0, 0.04, 6, 20000}), false}}});
    const int64_t noSpec = variantRun(stored.variants[1]);
    finishRun(noSpec,
              {{bracketApproved, {generation("experiment", "wall bracket", {"succeeded", 6.0, 5.0, 0.01, 8, 30000}), false}},
               {bracketQueued,
                {generation("experiment", "shelf bracket", {"failed", std::nullopt, std::nullopt, 0.03, 10, 50000, false}), false}}});
  }

  int promptCount(const std::string& category) { return int(f.s().workbench().prompts(category).size()); }
  std::string libraryStatus(int64_t id) { return f.s().library().get(id).status; }
};

bool waitReady(WorkbenchWindow& w) { return waitUntil([&] { return w.isReady(); }, 15000); }

template <typename View>
bool reload(View& view) {
  QSignalSpy spy(&view, &View::loaded);
  view.refresh();
  return waitUntil([&] { return spy.count() > 0 && !view.isBusy(); }, 10000);
}

QString labelText(QWidget* card, const char* name) {
  auto* l = card->findChild<QLabel*>(QString::fromLatin1(name));
  return l ? l->text() : QString();
}

const CategoryStats* statsOf(const CategoryCards& c, const std::string& id) {
  for (const auto& s : c.stats())
    if (s.id == id) return &s;
  return nullptr;
}

void shoot(WorkbenchWindow& w, int tab, const QString& name) {
  w.tabs()->setCurrentIndex(tab);
  QApplication::processEvents();
  QTest::qWait(50);
  saveShot(w.grab().toImage(), name);
}

}  // namespace

TEST_CASE("Workbench window: category cards count prompts, approvals and scores", "[workbench-gui]") {
  WorkbenchData d;
  WorkbenchWindow w(*d.f.worker);
  w.resize(1200, 800);
  w.show();
  REQUIRE(waitReady(w));

  // Every shipped category has a card, in ladder order.
  const auto& shipped = store::curriculumCategories();
  REQUIRE(w.categories()->stats().size() >= shipped.size());
  for (size_t i = 0; i < shipped.size(); ++i) CHECK(w.categories()->stats()[i].id == shipped[i].id);

  const CategoryStats* brackets = statsOf(*w.categories(), kBrackets);
  REQUIRE(brackets);
  CHECK(brackets->prompts == d.promptCount(kBrackets));
  CHECK(brackets->prompts >= 3);
  // Experiment runs are not counted: three finished batch items, one approved.
  CHECK(brackets->finished == 3);
  CHECK(brackets->approved == 1);
  REQUIRE(brackets->avgScore);
  CHECK(*brackets->avgScore == Approx((9.1 + 6.5 + 7.0) / 3));
  QFrame* card = w.categories()->card(kBrackets);
  REQUIRE(card);
  CHECK(labelText(card, "prompts") == QString("%1 prompts").arg(d.promptCount(kBrackets)));
  CHECK(labelText(card, "approval") == "Approved: 33% of 3 finished");
  CHECK(labelText(card, "score") == "Average score: 7.5");

  const CategoryStats* containers = statsOf(*w.categories(), kContainers);
  REQUIRE(containers);
  CHECK(containers->finished == 1);
  CHECK(containers->approved == 0);
  CHECK_FALSE(containers->avgScore);
  CHECK(labelText(w.categories()->card(kContainers), "score") == "Average score: —");
  // A category nobody ran yet.
  CHECK(labelText(w.categories()->card("primitives"), "approval") == "Approved: — (nothing run yet)");
  shoot(w, 0, "workbench-categories");
}

TEST_CASE("Workbench window: the review queue shows a result and approve / reject reach the store",
          "[workbench-gui]") {
  WorkbenchData d;
  WorkbenchWindow w(*d.f.worker);
  w.resize(1200, 800);
  w.show();
  REQUIRE(waitReady(w));
  ReviewQueueView& q = *w.review();
  REQUIRE(q.entries().size() == 2);
  q.select(d.exQueued);
  REQUIRE(q.currentExampleId() == d.exQueued);
  CHECK(q.codeView()->toPlainText().contains("box(40, 20, 5)"));
  CHECK(q.specView()->toPlainText().contains("Interpretation of: A shelf bracket"));
  CHECK(q.specView()->toPlainText().contains("hole count = 1"));
  REQUIRE(q.checklistView()->topLevelItemCount() == 2);
  CHECK(q.checklistView()->topLevelItem(0)->text(0) == "Is there one hole through it?");
  CHECK(q.checklistView()->topLevelItem(0)->text(1) == "no");
  CHECK(q.checklistView()->topLevelItem(0)->text(2) == "code_review");
  CHECK(q.scoresLabel()->text().contains("Score 6.5"));
  CHECK(q.scoresLabel()->text().contains("code_review 6.0"));
  REQUIRE_FALSE(q.renderView()->pixmap().isNull());
  CHECK(q.renderView()->toolTip() == d.renderPath);
  shoot(w, 1, "workbench-review");

  // Edit hands the code to the main window.
  QSignalSpy edits(&w, &WorkbenchWindow::editRequested);
  q.editButton()->click();
  REQUIRE(edits.count() == 1);
  CHECK(edits.at(0).at(0).toLongLong() == d.genQueued);
  CHECK(edits.at(0).at(1).toString().contains("A shelf bracket"));

  // Approve: into the library, off the queue, and the card's approval rate follows.
  QSignalSpy decided(&q, &ReviewQueueView::decided);
  QSignalSpy cards(w.categories(), &CategoryCards::loaded);
  q.approveCurrent();
  REQUIRE(waitUntil([&] { return decided.count() == 1 && cards.count() > 0 && !q.isBusy(); }, 10000));
  CHECK(d.libraryStatus(d.exQueued) == "approved");
  REQUIRE(q.entries().size() == 1);
  CHECK(q.currentExampleId() == d.exQueued2);
  CHECK(statsOf(*w.categories(), kBrackets)->approved == 2);
  CHECK(labelText(w.categories()->card(kBrackets), "approval") == "Approved: 67% of 3 finished");

  // Reject needs a reason; with one it is kept.
  q.rejectCurrent("   ");
  QApplication::processEvents();
  CHECK(d.libraryStatus(d.exQueued2) == "candidate");
  q.rejectCurrent("the clip does not hold on the rail");
  REQUIRE(waitUntil([&] { return decided.count() == 2 && !q.isBusy(); }, 10000));
  CHECK(d.libraryStatus(d.exQueued2) == "rejected");
  CHECK(d.f.s().library().get(d.exQueued2).reviewNote.value_or("") == "the clip does not hold on the rail");
  CHECK(q.entries().empty());
  CHECK_FALSE(q.approveButton()->isEnabled());
  CHECK(workbench::ReviewQueue(d.f.s()).size() == 0);
}

TEST_CASE("Workbench window: an edit not yet scored is kept per item and closing asks before dropping it",
          "[workbench-gui]") {
  WorkbenchData d;
  auto w = std::make_unique<WorkbenchWindow>(*d.f.worker);
  w->resize(1200, 800);
  w->show();
  REQUIRE(waitReady(*w));
  ReviewQueueView& q = *w->review();
  REQUIRE(q.entries().size() == 2);
  q.select(d.exQueued);
  const QString stored = q.codeView()->toPlainText();
  const QString edited = stored + "\n// the reviewer's fix, not run yet\n";
  q.codeView()->setPlainText(edited);
  CHECK(q.revertButton()->isEnabled());

  // Another item: its own code; the edit waits, marked in the list.
  q.select(d.exQueued2);
  CHECK(q.currentExampleId() == d.exQueued2);
  CHECK_FALSE(q.codeView()->toPlainText().contains("not run yet"));
  CHECK(q.list()->item(0)->text().startsWith(QStringLiteral("✎")));
  CHECK_FALSE(q.list()->item(1)->text().startsWith(QStringLiteral("✎")));
  CHECK(q.unsavedEditCount() == 1);

  // A reload of the queue (as after any decision) keeps it too.
  QSignalSpy loaded(&q, &ReviewQueueView::loaded);
  q.refresh();
  REQUIRE(waitUntil([&] { return loaded.count() > 0 && !q.isBusy(); }, 10000));
  q.select(d.exQueued);
  CHECK(q.codeView()->toPlainText() == edited);
  CHECK(q.revertButton()->isEnabled());

  // Closing asks; Cancel keeps the window and the edit.
  auto answerNextQuestion = [](QMessageBox::StandardButton button, bool* asked) {
    QTimer::singleShot(300, [button, asked] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (!box) return;
      *asked = box->text().contains("not been run and scored");
      box->button(button)->click();
    });
  };
  bool asked = false;
  answerNextQuestion(QMessageBox::Cancel, &asked);
  w->close();
  CHECK(asked);
  CHECK(w->isVisible());
  CHECK(q.codeView()->toPlainText() == edited);

  // Reverting drops the edit: nothing to ask about any more.
  q.revertButton()->click();
  CHECK(q.codeView()->toPlainText() == stored);
  CHECK(q.unsavedEditCount() == 0);
  CHECK_FALSE(q.list()->item(0)->text().startsWith(QStringLiteral("✎")));

  // With an edit again, Discard closes.
  q.codeView()->setPlainText(edited);
  asked = false;
  answerNextQuestion(QMessageBox::Discard, &asked);
  w->close();
  CHECK(asked);
  CHECK_FALSE(w->isVisible());
}

TEST_CASE("Workbench window: gallery filters by search and category, remix emits the code", "[workbench-gui]") {
  WorkbenchData d;
  WorkbenchWindow w(*d.f.worker);
  w.resize(1200, 800);
  w.show();
  REQUIRE(waitReady(w));
  GalleryView& g = *w.gallery();
  g.setSearchDelayMs(0);
  // Approved examples only (the queued ones are not in the gallery).
  REQUIRE(g.examples().size() == 2);
  CHECK(g.list()->count() == 2);
  shoot(w, 2, "workbench-gallery");

  QSignalSpy loaded(&g, &GalleryView::loaded);
  g.searchField()->setText("pipe");
  REQUIRE(waitUntil([&] { return loaded.count() > 0 && !g.isBusy(); }, 10000));
  REQUIRE(g.examples().size() == 1);
  CHECK(g.examples()[0].id == d.exApproved);
  CHECK(g.codeView()->toPlainText().contains("A wall bracket"));

  QSignalSpy remix(&w, &WorkbenchWindow::remixRequested);
  g.remixButton()->click();
  REQUIRE(remix.count() == 1);
  CHECK(remix.at(0).at(0).toLongLong() == d.exApproved);
  CHECK(remix.at(0).at(1).toString() == QString::fromStdString(d.f.s().library().get(d.exApproved).code));

  g.searchField()->setText("nothing-matches-this");
  REQUIRE(waitUntil([&] { return loaded.count() > 1 && !g.isBusy(); }, 10000));
  CHECK(g.examples().empty());
  CHECK_FALSE(g.remixButton()->isEnabled());

  // Category filter, no search.
  g.searchField()->setText("");
  REQUIRE(waitUntil([&] { return loaded.count() > 2 && !g.isBusy(); }, 10000));
  const int at = g.categoryBox()->findData(QString(kContainers));
  REQUIRE(at > 0);
  g.categoryBox()->setCurrentIndex(at);
  REQUIRE(waitUntil([&] { return loaded.count() > 3 && !g.isBusy(); }, 10000));
  REQUIRE(g.examples().size() == 1);
  CHECK(g.examples()[0].id == d.exBox);

  // A category card's button opens the gallery on that category, search cleared.
  g.searchField()->setText("bracket");
  REQUIRE(waitUntil([&] { return loaded.count() > 4 && !g.isBusy(); }, 10000));
  CHECK(g.examples().empty());  // "bracket" within the containers category
  auto* button = w.categories()->card(kBrackets)->findChild<QPushButton*>("galleryButton");
  REQUIRE(button);
  button->click();
  REQUIRE(waitUntil([&] { return loaded.count() > 5 && !g.isBusy(); }, 10000));
  CHECK(w.tabs()->currentWidget() == &g);
  CHECK(g.searchField()->text().isEmpty());
  CHECK(g.categoryBox()->currentData().toString() == kBrackets);
  REQUIRE(g.examples().size() == 1);
  CHECK(g.examples()[0].id == d.exApproved);
}

TEST_CASE("Workbench window: experiment table, chart, drill-down and CSV export", "[workbench-gui]") {
  WorkbenchData d;
  WorkbenchWindow w(*d.f.worker);
  w.resize(1200, 800);
  w.show();
  REQUIRE(waitReady(w));
  ExperimentView& x = *w.experiments();
  REQUIRE(waitUntil([&] { return x.comparison().has_value() && !x.isBusy(); }, 10000));
  REQUIRE(x.experiments().size() == 1);
  CHECK(x.comparison()->experimentId == d.experimentId);

  QTableWidget* t = x.table();
  REQUIRE(t->columnCount() == 2);
  CHECK(t->horizontalHeaderItem(0)->text() == "baseline");
  CHECK(t->horizontalHeaderItem(1)->text() == "no-spec");
  auto row = [&](const QString& title) {
    for (int r = 0; r < t->rowCount(); ++r)
      if (t->verticalHeaderItem(r)->text() == title) return r;
    return -1;
  };
  auto at = [&](const QString& title, int col) {
    const int r = row(title);
    return r < 0 ? QString("<missing row %1>").arg(title) : t->item(r, col)->text();
  };
  CHECK(at("Prompts finished", 0) == "2/2");
  CHECK(at("Avg eval score", 0) == "8.5");
  CHECK(at("Avg eval score", 1) == "6.0");
  CHECK(at("Avg code eval", 0) == "7.5");
  CHECK(at("Avg code eval", 1) == "5.0");
  CHECK(at("Avg visual score", 0) == "—");
  CHECK(at("Success rate", 0) == "100%");
  CHECK(at("Success rate", 1) == "50%");
  CHECK(at("Auto-approval rate", 0) == "50%");
  CHECK(at("Auto-approval rate", 1) == "0%");
  CHECK(at("Cost per generation", 0) == "$0.0300");
  CHECK(at("Cost per generation", 1) == "$0.0200");
  CHECK(at("Avg agent steps", 0) == "5.0");
  CHECK(at("Avg agent steps", 1) == "9.0");
  CHECK(at("Avg duration", 0) == "15.0 s");
  CHECK(at("Avg duration", 1) == "40.0 s");

  // One bar per variant, at its average score.
  REQUIRE(x.series());
  REQUIRE(x.series()->count() == 1);
  QBarSet* bars = x.series()->barSets().at(0);
  REQUIRE(bars->count() == 2);
  CHECK(bars->at(0) == Approx(8.5));
  CHECK(bars->at(1) == Approx(6.0));

  // Drill-down: one row per prompt and variant.
  CHECK(x.drillDown()->rowCount() == 4);
  int failedRows = 0;
  for (int r = 0; r < x.drillDown()->rowCount(); ++r)
    if (x.drillDown()->item(r, 3)->text() == "failed") {
      ++failedRows;
      CHECK(x.drillDown()->item(r, 0)->text() == "no-spec");
    }
  CHECK(failedRows == 1);
  shoot(w, 3, "workbench-experiments");
  if (auto* inner = x.findChild<QTabWidget*>()) {
    inner->setCurrentIndex(1);
    shoot(w, 3, "workbench-experiments-prompts");
    inner->setCurrentIndex(0);
  }

  // CSV and Markdown export write what the workbench exporters produce.
  const QString csv = d.f.dir.path() + "/spec-ablation.csv";
  QSignalSpy exported(&x, &ExperimentView::exported);
  x.exportTo(csv, ExperimentView::ExportFormat::Csv);
  REQUIRE(waitUntil([&] { return exported.count() == 1; }, 10000));
  std::ifstream in(csv.toStdString());
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == x.comparison()->toCsv());
  CHECK(text.str().rfind("variant,prompts,finished", 0) == 0);
  CHECK(text.str().find("\nbaseline,2,2,2,1,8.500,7.500,") != std::string::npos);
  const QString md = d.f.dir.path() + "/spec-ablation.md";
  x.exportTo(md, ExperimentView::ExportFormat::Markdown);
  REQUIRE(waitUntil([&] { return exported.count() == 2; }, 10000));
  QFile mdFile(md);
  REQUIRE(mdFile.open(QIODevice::ReadOnly));
  CHECK(mdFile.readAll().contains("| Avg eval score | 8.5 | 6.0 |"));

  // A folder that does not exist: the error names the operation and the file.
  QSignalSpy failed(&x, &ExperimentView::failed);
  const QString bad = d.f.dir.path() + "/no-such-folder/out.csv";
  x.exportTo(bad, ExperimentView::ExportFormat::Csv);
  REQUIRE(waitUntil([&] { return failed.count() == 1; }, 10000));
  CHECK(failed.at(0).at(0).toString().contains("export the experiment comparison"));
  CHECK(failed.at(0).at(0).toString().contains("no-such-folder"));
}

TEST_CASE("Workbench window: the Prompts tab searches, filters, adds, edits, archives and imports through the store",
          "[workbench][prompts]") {
  WorkbenchData d;
  WorkbenchWindow w(*d.f.worker);
  w.resize(1200, 800);
  w.show();
  REQUIRE(waitReady(w));
  PromptListView& p = *w.prompts();
  REQUIRE(w.tabs()->indexOf(&p) == 4);
  CHECK(w.tabs()->tabText(4) == "Prompts");
  CHECK(p.prompts().size() == d.f.s().workbench().prompts(std::nullopt, true).size());
  CHECK(p.table()->rowCount() == int(d.f.s().workbench().prompts().size()));

  // Search and category filter.
  // Every word must match, in any case.
  p.searchField()->setText("din RAIL");
  const auto dinRail = p.shownIds();
  CHECK(std::find(dinRail.begin(), dinRail.end(), d.bracketQueued2) != dinRail.end());
  for (int64_t id : dinRail) {
    const QString text = QString::fromStdString(d.f.s().workbench().prompt(id).text);
    CHECK((text.contains("din", Qt::CaseInsensitive) && text.contains("rail", Qt::CaseInsensitive)));
  }
  CHECK(p.countLabel()->text().startsWith(QString("%1 of ").arg(dinRail.size())));
  p.searchField()->setText("din rail 35 mm wide");
  CHECK(p.shownIds() == std::vector<int64_t>{d.bracketQueued2});
  p.searchField()->clear();
  p.categoryFilter()->setCurrentIndex(p.categoryFilter()->findData(QString(kContainers)));
  const auto containers = d.f.s().workbench().prompts(std::string(kContainers));
  CHECK(p.shownIds().size() == containers.size());
  for (int64_t id : p.shownIds()) CHECK(d.f.s().workbench().prompt(id).category == kContainers);
  shoot(w, 4, "workbench-prompts");

  auto waitWrite = [&](QSignalSpy& changed, int n) {
    return waitUntil([&] { return changed.count() >= n && !p.isBusy(); }, 10000);
  };
  QSignalSpy changed(&p, &PromptListView::changed);

  // Add: the category as a person types it is mapped to its shipped id.
  p.table()->clearSelection();
  p.textEdit()->setPlainText("  A cable comb that keeps twelve 3 mm wires apart  ");
  p.categoryEdit()->setEditText("Organisers and containers");
  p.complexityEdit()->setValue(4);
  p.addButton()->click();
  REQUIRE(waitWrite(changed, 1));
  int64_t added = 0;
  for (const auto& q : d.f.s().workbench().prompts(std::string(kContainers)))
    if (q.text == "A cable comb that keeps twelve 3 mm wires apart") added = q.id;
  REQUIRE(added > 0);
  const store::WorkbenchPrompt a = d.f.s().workbench().prompt(added);
  CHECK(a.source == "user");
  CHECK(a.complexity == 4);
  CHECK(p.currentId() == added);
  CHECK(p.statusLabel()->text() == QString("Added prompt %1.").arg(added));
  // The category card counts it.
  REQUIRE(waitUntil([&] { return statsOf(*w.categories(), kContainers)->prompts == d.promptCount(kContainers); }, 10000));

  // Edit in place: text, category and complexity.
  p.textEdit()->setPlainText("A cable comb that keeps sixteen 3 mm wires apart");
  p.categoryEdit()->setEditText("Primitives");
  p.complexityEdit()->setValue(5);
  p.saveButton()->click();
  REQUIRE(waitWrite(changed, 2));
  const store::WorkbenchPrompt e = d.f.s().workbench().prompt(added);
  CHECK(e.text == "A cable comb that keeps sixteen 3 mm wires apart");
  CHECK(e.category == "primitives");
  CHECK(e.complexity == 5);
  CHECK_FALSE(e.archived);

  // An empty text is refused before the store sees it.
  p.textEdit()->setPlainText("   ");
  CHECK_FALSE(p.saveButton()->isEnabled());
  p.saveForm();
  CHECK(changed.count() == 2);
  CHECK(d.f.s().workbench().prompt(added).text == "A cable comb that keeps sixteen 3 mm wires apart");

  // Archive, then bring it back (archived prompts are listed when asked for).
  p.categoryFilter()->setCurrentIndex(0);
  p.select(added);
  REQUIRE(p.currentId() == added);
  CHECK(p.archiveButton()->text() == "Archive");
  p.archiveButton()->click();
  REQUIRE(waitWrite(changed, 3));
  CHECK(d.f.s().workbench().prompt(added).archived);
  auto shown = p.shownIds();
  CHECK(std::find(shown.begin(), shown.end(), added) == shown.end());
  p.showArchived()->setChecked(true);
  p.select(added);
  REQUIRE(p.currentId() == added);
  CHECK(p.archiveButton()->text() == "Unarchive");
  p.archiveButton()->click();
  REQUIRE(waitWrite(changed, 4));
  CHECK_FALSE(d.f.s().workbench().prompt(added).archived);

  // Import: the `workbench import` format; a prompt already there is not added twice.
  const QString file = d.f.dir.path() + "/mine.jsonl";
  {
    std::ofstream out(file.toStdString());
    out << R"({"category": "brackets-and-mounts", "complexity": 6, "prompt": "A DIN rail clip 35 mm wide"})" << "\n"
        << R"({"category": "Snap-fits and hinges", "complexity": 9, "prompt": "A living hinge box for SD cards"})" << "\n";
  }
  const size_t before = d.f.s().workbench().prompts(std::nullopt, true).size();
  p.importFile(file);
  REQUIRE(waitWrite(changed, 5));
  CHECK(p.statusLabel()->text() == "mine.jsonl: 1 added, 1 already in the workbench");
  CHECK(d.f.s().workbench().prompts(std::nullopt, true).size() == before + 1);
  bool hinge = false;
  for (const auto& q : d.f.s().workbench().prompts(std::nullopt, true))
    hinge |= q.text == "A living hinge box for SD cards" && q.source == "imported" && q.complexity == 9;
  CHECK(hinge);
  CHECK(p.prompts().size() == before + 1);

  // A bad line: nothing of the file is imported, and the line is named.
  const QString bad = d.f.dir.path() + "/bad.jsonl";
  {
    std::ofstream out(bad.toStdString());
    out << R"({"category": "primitives", "complexity": 2, "prompt": "A washer 10 mm across"})" << "\n"
        << R"({"category": "primitives", "complexity": "high", "prompt": "A cone"})" << "\n";
  }
  QSignalSpy failed(&p, &PromptListView::failed);
  p.importFile(bad);
  REQUIRE(waitUntil([&] { return failed.count() == 1 && !p.isBusy(); }, 10000));
  CHECK(p.statusLabel()->text().contains("Nothing was imported from bad.jsonl"));
  CHECK(p.statusLabel()->text().contains("line 2"));
  CHECK(d.f.s().workbench().prompts(std::nullopt, true).size() == before + 1);
}
