// Editing a queued workbench result in the review queue: the edit runs in the real kernel
// worker, is scored by the real evaluation (assertions on the kernel's facts; the code review
// through the scripted LLM peer when a review model is set up), and lands in the real store
// on the queued item — or, when it does not build, shows its error at its line and changes
// nothing. Approving afterwards puts the edited code into the library.
#include <catch2/catch.hpp>

// Before any Qt header: the agent's StageContext has a method named emit, a Qt macro.
#include "../agent/agent_test_support.h"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTreeWidget>

#include "app/code_editor.h"
#include "app/review_queue_view.h"
#include "store/database.h"
#include "store_fixture.h"
#include "workbench/review_queue.h"

using namespace partsmith::app;
using namespace partsmith::app::testing;
namespace store = partsmith::store;
namespace workbench = partsmith::workbench;
namespace at = partsmith::agent::testing;
using nlohmann::json;
using partsmith::test::LlmTestServer;
using partsmith::test::ScriptedResponse;

namespace {

const char* kPrompt = "A plate 40 by 20 mm, 5 mm thick, with one 6 mm hole through the middle";
const char* kKeyEnv = "PARTSMITH_REVIEW_EDIT_TEST_KEY";

// What the batch's model wrote: the plate without its hole (the hole assertion fails).
const char* kBatchCode = "// plate\nresult = cq.Workplane(\"XY\").box(40, 20, 5);\n";
// The reviewer's fix.
const char* kFixedCode =
    "// plate with its hole\n"
    "const hole = 6; // [2:0.5:10]\n"
    "result = cq.Workplane(\"XY\").box(40, 20, 5).faces(\">Z\").workplane().hole(hole);\n";
// A slip on line 3.
const char* kBrokenCode =
    "const w = 40;\n"
    "let plate = cq.Workplane(\"XY\").box(w, 20, 5);\n"
    "plate = plate.holez(6);\n"
    "result = plate;\n";

json plateSpec() {
  return {{"interpretation", "A flat plate 40 × 20 × 5 mm with one 6 mm through hole in its centre"},
          {"checklist", {"Is there one hole through the plate?"}},
          {"assertions",
           {{{"kind", "bbox_size"}, {"axis", "x"}, {"value", 40}, {"tolerance", 0.1}},
            {{"kind", "hole_count"}, {"value", 1}}}},
          {"complexity", 2},
          {"techniques", {"box", "hole"}}};
}

// A store with one batch result in the review queue, the settings the view scores edits with,
// and (for the judged case) the scripted LLM peer as the review model.
struct EditEnv {
  StoreFixture f;
  LlmTestServer server;
  int64_t promptId = 0, generationId = 0, exampleId = 0;
  SettingsLocation where;

  explicit EditEnv(bool withReviewModel, double threshold = 8) {
    ::setenv("PARTSMITH_KERNEL", partsmith::test::kernelExecutable().c_str(), 1);
    if (withReviewModel) ::setenv(kKeyEnv, "sk-test-0123456789abcdef", 1);
    else ::unsetenv(kKeyEnv);
    where = {f.dir.path() + "/settings.json", f.dir.path() + "/app.ini", "partsmith-test-unused"};
    // One provider; without its key no stage has a model (offline), with it review is scripted.
    const json provider = {{"id", "scripted"}, {"kind", "anthropic"}, {"base_url", server.baseUrl()},
                           {"key_env", kKeyEnv},  {"default_model", "review-model"}, {"max_retries", 0}};
    const json stage = {{"provider", "scripted"}, {"model", "review-model"}};
    const json s = {{"llm", {{"providers", json::array({provider})},
                             {"stages", {{"spec", stage}, {"code", stage}, {"review", stage}, {"vision", stage}}},
                             {"auto_detect_ollama", false}}}};
    QFile file(where.llmSettingsPath);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(s.dump(2)));
    file.close();
    QSettings ini(where.iniPath, QSettings::IniFormat);
    ini.setValue("pipeline/visual", !withReviewModel);  // on offline (skipped: no model), off when judged
    ini.sync();

    auto& db = f.s();
    promptId = db.workbench().addPrompt(kPrompt, "primitives", 2);
    store::Run run;
    run.uuid = "run-review-edit";
    run.label = "review-edit";
    run.settings = {{"approval_threshold", threshold}};
    const int64_t runId = db.workbench().createRun(run, {promptId});
    store::NewGeneration ng;
    ng.origin = "workbench";
    ng.request = kPrompt;
    generationId = db.generations().create(ng);
    db.generations().setSpec(generationId, plateSpec());
    store::TrackScore assertions;
    assertions.track = "assertions";
    assertions.score = 5.0;
    assertions.passed = false;
    db.generations().setScore(generationId, assertions);
    store::GenerationOutcome out;
    out.status = "succeeded";
    out.finalCode = kBatchCode;
    out.compositeScore = 5.0;
    db.generations().finish(generationId, out);
    const auto items = db.workbench().unfinishedItems(runId);
    REQUIRE(items.size() == 1);
    db.workbench().startItem(items[0].id);
    db.workbench().finishItem(items[0].id, "succeeded", generationId, false);
    store::LibraryExample ex;
    ex.title = "Plate with a hole";
    ex.prompt = kPrompt;
    ex.code = kBatchCode;
    ex.category = "primitives";
    ex.complexity = 2;
    ex.source = "workbench";
    ex.status = "candidate";
    ex.sourceGenerationId = generationId;
    ex.score = 5.0;
    ex.reviewNote = "score 5.0 is below the approval threshold 8.0";
    exampleId = db.library().add(ex);
  }

  int generations() { return int(f.s().db().queryInt("SELECT count(*) FROM generations")); }
};

bool load(ReviewQueueView& view) {
  QSignalSpy spy(&view, &ReviewQueueView::loaded);
  view.refresh();
  return waitUntil([&] { return spy.count() > 0 && !view.isBusy(); }, 10000);
}

// Types `code` into the editor, presses "Re-run and score" and waits for the outcome (and, when
// it was stored, for the queue to show it).
std::shared_ptr<const workbench::RevisionResult> rerun(ReviewQueueView& view, const char* code) {
  view.codeEditor()->setPlainText(QString::fromUtf8(code));
  REQUIRE(view.rerunButton()->isEnabled());
  QSignalSpy revised(&view, &ReviewQueueView::revised);
  QSignalSpy loaded(&view, &ReviewQueueView::loaded);
  view.rerunButton()->click();
  CHECK(view.isRevising());
  CHECK_FALSE(view.approveButton()->isEnabled());
  REQUIRE(waitUntil([&] { return revised.count() == 1; }, 30000));
  if (revised.at(0).at(1).toBool()) REQUIRE(waitUntil([&] { return loaded.count() > 0 && !view.isBusy(); }, 10000));
  return view.lastRevision();
}

}  // namespace

TEST_CASE("Review queue edit: a broken edit shows its error at its line and changes nothing; a fix is re-scored "
          "offline, stored and approved into the library",
          "[workbench][review-edit]") {
  EditEnv env(false);
  ReviewQueueView view(*env.f.worker, nullptr, env.where);
  view.resize(1100, 760);
  view.show();
  REQUIRE(load(view));
  REQUIRE(view.entries().size() == 1);
  view.select(env.exampleId);
  REQUIRE(view.currentExampleId() == env.exampleId);
  CHECK(view.codeView()->toPlainText() == kBatchCode);
  CHECK_FALSE(view.codeView()->isReadOnly());
  CHECK_FALSE(view.revertButton()->isEnabled());
  const int generationsBefore = env.generations();

  // A broken edit: the error at line 3, the queued item and the store untouched.
  auto broken = rerun(view, kBrokenCode);
  REQUIRE(broken);
  CHECK_FALSE(broken->stored);
  CHECK(broken->error.find("does not run") != std::string::npos);
  CHECK(broken->error.find("line 3") != std::string::npos);
  REQUIRE_FALSE(view.codeEditor()->errorMarks().empty());
  CHECK(view.codeEditor()->errorMarks().front().line == 3);
  CHECK(view.codeEditor()->textCursor().blockNumber() == 2);  // the cursor went to the error
  CHECK(view.revisionLabel()->text().contains("line 3"));
  CHECK(view.revisionLabel()->text().contains("unchanged"));
  CHECK(view.codeView()->toPlainText() == kBrokenCode);  // kept for fixing
  CHECK(view.revertButton()->isEnabled());
  CHECK(env.generations() == generationsBefore);
  {
    const store::LibraryExample ex = env.f.s().library().get(env.exampleId);
    CHECK(ex.code == kBatchCode);
    CHECK(ex.score.value_or(-1) == Approx(5.0));
    CHECK(ex.status == "candidate");
    const workbench::ReviewItem item = workbench::ReviewQueue(env.f.s()).get(env.exampleId);
    CHECK(item.revisions == 0);
    CHECK(item.generationId == env.generationId);
  }
  view.revertButton()->click();
  CHECK(view.codeView()->toPlainText() == kBatchCode);
  CHECK(view.codeEditor()->errorMarks().empty());

  // The fix: built, scored on the kernel's facts (both assertions pass), stored on the item.
  auto fixed = rerun(view, kFixedCode);
  REQUIRE(fixed);
  REQUIRE(fixed->stored);
  INFO(fixed->error);
  REQUIRE(fixed->evaluation);
  CHECK(fixed->evaluation->built);
  CHECK(fixed->evaluation->composite == Approx(10.0));
  CHECK(fixed->previousScore.value_or(-1) == Approx(5.0));
  CHECK(fixed->threshold == Approx(8.0));
  CHECK(fixed->decision.approved);
  // No model is set up: the model tracks were skipped, and the reviewer is told so.
  REQUIRE(fixed->skippedTracks.size() == 2);
  CHECK(fixed->skippedTracks[0] == "code review: no review model is set up");
  CHECK(fixed->skippedTracks[1] == "visual check: no vision model is set up");
  CHECK(env.server.requestCount() == 0);
  const QString outcome = view.revisionLabel()->text();
  CHECK(outcome.contains("Re-scored: 10.0"));
  CHECK(outcome.contains("(was 5.0)"));
  CHECK(outcome.contains("Meets the approval rule"));
  CHECK(outcome.contains("Not scored: code review: no review model is set up; visual check: no vision model is set up"));

  // In the store: a revision generation (parent: the batch's) and the item carrying it.
  CHECK(env.generations() == generationsBefore + 1);
  const store::Generation rev = env.f.s().generations().get(fixed->generationId);
  CHECK(rev.origin == "workbench");
  CHECK(rev.parentGenerationId == env.generationId);
  CHECK(rev.status == "succeeded");
  CHECK(rev.finalCode == std::string(kFixedCode));
  CHECK(rev.compositeScore.value_or(-1) == Approx(10.0));
  CHECK(rev.facts.is_object());
  const workbench::ReviewItem item = workbench::ReviewQueue(env.f.s()).get(env.exampleId);
  CHECK(item.revisions == 1);
  CHECK(item.generationId == fixed->generationId);
  CHECK(item.sourceGenerationId == env.generationId);
  CHECK(item.code == kFixedCode);
  CHECK(item.score.value_or(-1) == Approx(10.0));
  CHECK(item.reason.rfind("meets the approval rule after the review edit", 0) == 0);
  bool assertionsTen = false;
  for (const auto& t : item.scores) assertionsTen |= t["track"] == "assertions" && t["score"] == 10.0;
  CHECK(assertionsTen);
  CHECK(env.f.s().library().get(env.exampleId).status == "candidate");  // the reviewer decides

  // The view shows the stored revision: code, score, why, its render.
  REQUIRE(view.currentExampleId() == env.exampleId);
  CHECK(view.codeView()->toPlainText() == kFixedCode);
  CHECK(view.scoresLabel()->text().contains("Score 10.0"));
  CHECK(view.scoresLabel()->text().contains("assertions 10.0"));
  CHECK_FALSE(fixed->renderPath.empty());
  CHECK_FALSE(view.renderView()->pixmap().isNull());
  CHECK(view.renderView()->toolTip().toStdString() == fixed->renderPath);
  CHECK(view.revisionLabel()->text().contains("Re-scored: 10.0"));
  QApplication::processEvents();
  saveShot(view.grab().toImage(), "workbench-review-edit");

  // Approve: the edited code goes into the library.
  QSignalSpy decided(&view, &ReviewQueueView::decided);
  view.approveCurrent();
  REQUIRE(waitUntil([&] { return decided.count() == 1 && !view.isBusy(); }, 10000));
  const store::LibraryExample approved = env.f.s().library().get(env.exampleId);
  CHECK(approved.status == "approved");
  CHECK(approved.code == kFixedCode);
  CHECK(approved.score.value_or(-1) == Approx(10.0));
  CHECK(view.entries().empty());
  CHECK(workbench::ReviewQueue(env.f.s()).size() == 0);
}

TEST_CASE("Review queue edit: with a review model the edit is judged through the model and the run's threshold "
          "is applied again",
          "[workbench][review-edit]") {
  EditEnv env(true, 9.9);
  const json judgement = {
      {"score", 9},
      {"checklist", {{{"item", "Is there one hole through the plate?"}, {"answer", "yes"}, {"note", "hole() cuts through"}}}},
      {"critique", json::array()}};
  env.server.enqueue("/v1/messages", ScriptedResponse::sse(at::anthropicText("```json\n" + judgement.dump() + "\n```")));
  ReviewQueueView view(*env.f.worker, nullptr, env.where);
  view.show();
  REQUIRE(load(view));
  view.select(env.exampleId);

  auto fixed = rerun(view, kFixedCode);
  REQUIRE(fixed);
  INFO(fixed->error);
  REQUIRE(fixed->stored);
  // The judge saw the edited code.
  REQUIRE(env.server.requestCount() == 1);
  CHECK(env.server.requests()[0].body.find("hole(hole)") != std::string::npos);
  const partsmith::agent::TrackResult* review = fixed->evaluation->track("code_review");
  REQUIRE(review);
  REQUIRE(review->score);
  CHECK(*review->score >= 9.0);
  CHECK(review->model == "review-model");
  REQUIRE(fixed->skippedTracks.size() == 1);
  CHECK(fixed->skippedTracks[0] == "visual check: the visual check is switched off");
  CHECK(fixed->evaluation->composite > 9.0);
  CHECK(fixed->evaluation->composite < 9.9);
  // The run's own threshold (9.9), not the default.
  CHECK(fixed->threshold == Approx(9.9));
  CHECK_FALSE(fixed->decision.approved);
  CHECK(fixed->decision.reason.find("below the approval threshold 9.9") != std::string::npos);
  CHECK(view.revisionLabel()->text().contains("Does not meet the approval rule"));

  // Stored: the code review's score and checklist on the revision, the item's new score.
  const store::Generation rev = env.f.s().generations().get(fixed->generationId);
  bool judged = false;
  for (const auto& t : rev.scores)
    if (t.track == "code_review") judged = t.score && *t.score >= 9.0 && t.modelId == std::string("review-model");
  CHECK(judged);
  CHECK(rev.stageModels.value("review", "") == "review-model");
  const workbench::ReviewItem item = workbench::ReviewQueue(env.f.s()).get(env.exampleId);
  CHECK(item.score.value_or(-1) == Approx(fixed->evaluation->composite));
  CHECK(item.reason.rfind("after the review edit: score", 0) == 0);
  REQUIRE(view.checklistView()->topLevelItemCount() == 1);
  CHECK(view.checklistView()->topLevelItem(0)->text(1) == "yes");
}
