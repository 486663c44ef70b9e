// The standalone panes wired into the real window, on a real SQLite history: History opens,
// renames and branches versions (the code, the viewport, the checks and the rating follow),
// a chat generation through the scripted LLM peer lands in the Checks tab and the History,
// ratings and exports of the current generation are stored, and Settings (Ctrl+,) and the
// curation view open from the window. Screenshots go to build/test-output/app/.
#include <catch2/catch.hpp>

// Before any Qt header: the agent's StageContext has a method named emit, a Qt macro.
#include "../agent/agent_test_support.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>

#include "app/app_settings.h"
#include "app/chat_input.h"
#include "app/chat_pane.h"
#include "app/checks_panel.h"
#include "app/code_editor.h"
#include "app/curation_dialog.h"
#include "app/export_controller.h"
#include "app/history_panel.h"
#include "app/occt_viewport.h"
#include "app/section_plane_tool.h"
#include "app/viewport_actions.h"
#include "app/rating_widget.h"
#include "app/recent_exports_dialog.h"
#include "app/script_runner.h"
#include "app/settings_dialog.h"
#include "store/database.h"
#include "store_fixture.h"

using namespace partsmith::app;
using namespace partsmith::app::testing;
namespace at = partsmith::agent::testing;
using nlohmann::json;
using partsmith::test::LlmTestServer;
using partsmith::test::ScriptedResponse;

namespace {

const std::string kMessages = "/v1/messages";
const char* kKeyEnv = "PARTSMITH_INTEGRATION_TEST_KEY";

// Settings in a temporary folder: the scripted peer as the only provider (or none), and the
// pipeline switches where the settings dialog keeps them.
struct Env {
  QTemporaryDir dir;
  LlmTestServer server;
  QString settings() const { return dir.path() + "/settings.json"; }
  QString ini() const { return dir.path() + "/partsmith.ini"; }

  explicit Env(bool withProvider) {
    application();
    ::setenv("PARTSMITH_KERNEL", partsmith::test::kernelExecutable().c_str(), 1);
    ::setenv(kKeyEnv, "sk-test-0123456789abcdef", 1);
    json llm = {{"providers", json::array()}, {"auto_detect_ollama", false}};
    if (withProvider) {
      json stage = {{"provider", "scripted"}, {"model", "claude-sonnet-4-5"}};
      llm["providers"].push_back({{"id", "scripted"}, {"kind", "anthropic"}, {"base_url", server.baseUrl()},
                                  {"key_env", kKeyEnv}, {"default_model", "claude-sonnet-4-5"}, {"max_retries", 0}});
      llm["stages"] = {{"spec", stage}, {"code", stage}, {"review", stage}, {"vision", stage}};
    }
    QFile f(settings());
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(json{{"llm", llm}}.dump(2)));
    f.close();
    QSettings q(ini(), QSettings::IniFormat);
    for (const char* key : {"pipeline/review", "pipeline/visual", "pipeline/refine", "pipeline/decompose"})
      q.setValue(key, false);
    q.sync();
  }

  std::unique_ptr<MainWindow> window(const QString& dbPath) {
    MainWindowOptions o;
    o.dbPath = dbPath;
    o.settingsPath = settings();
    o.iniPath = ini();
    auto w = std::make_unique<MainWindow>(o);
    w->resize(1400, 860);
    w->show();
    REQUIRE(QTest::qWaitForWindowExposed(w.get()));
    w->activateWindow();
    QApplication::setActiveWindow(w.get());
    return w;
  }
};

bool historyReady(MainWindow& w) {
  return waitUntil([&] { return w.historyPanel() && w.chatPane()->ready() && !w.historyPanel()->isBusy() &&
                                w.historyPanel()->tree()->topLevelItemCount() > 0; },
                   20000);
}

void select(HistoryPanel& p, QTreeWidgetItem* item) {
  p.tree()->clearSelection();
  p.tree()->setCurrentItem(item);
  item->setSelected(true);
}

bool near(double a, double b, double tol = 0.05) { return std::abs(a - b) <= tol; }

bool checksShow(MainWindow& w, qint64 generationId) {
  return waitUntil([&] { return w.checksPanel()->generationId() == generationId && w.checksPanel()->section("Facts"); },
                   10000);
}

// History at the left and Checks at the right, as a person would look at them.
void shotWithHistoryAndChecks(MainWindow& w, const QString& name) {
  w.leftTabs()->setCurrentWidget(w.historyPanel());
  w.tabs()->setCurrentIndex(w.tabs()->count() - 1);
  QTest::qWait(200);
  saveShot(w.grab().toImage(), name);
}

}  // namespace

TEST_CASE("integration: history opens, renames and branches versions; rating, export, settings, curation",
          "[app][integration]") {
  Env env(false);
  StoreFixture f;
  auto& conv = f.s().conversations();
  const int64_t plate = conv.create("Mounting plate").id;
  const int64_t v1 = f.addGeneration(plate);
  GenerationSeed wider;
  wider.request = "Make it 60 mm wide with three holes";
  wider.w = 60;
  wider.holes = 3;
  wider.parent = v1;
  const int64_t v2 = f.addGeneration(plate, wider);
  // The fixture's scripts end with `result = plate;`; the app shows what `show()` gets.
  f.s().db().exec("UPDATE generations SET final_code = replace(final_code, 'result = plate;', 'show(plate);')");

  auto w = env.window(QString::fromStdString(f.path));
  REQUIRE(historyReady(*w));
  HistoryPanel* history = w->historyPanel();
  CHECK(w->leftTabs()->tabText(1) == "History");
  CHECK(w->tabs()->tabText(2) == "Checks");
  w->leftTabs()->setCurrentWidget(history);
  REQUIRE(history->isVisible());

  // Rename in place (F2) goes to the database.
  QTreeWidgetItem* item = history->conversationItem(plate);
  REQUIRE(item);
  select(*history, item);
  history->tree()->setFocus();
  QTest::keyClick(history->tree(), Qt::Key_F2);
  auto* editor = history->tree()->findChild<QLineEdit*>();
  REQUIRE(editor);
  editor->selectAll();
  QTest::keyClicks(editor, "Plate for the shelf");
  QTest::keyClick(editor, Qt::Key_Return);
  REQUIRE(waitUntil([&] { return f.s().conversations().get(plate).title == "Plate for the shelf"; }, 5000));

  // Open v2: its code, its part in the viewport, its checks and its rating.
  QSignalSpy versions(history, &HistoryPanel::versionsLoaded);
  history->conversationItem(plate)->setExpanded(true);
  REQUIRE(waitUntil([&] { return history->versionItem(v2) != nullptr; }, 5000));
  QSignalSpy shown(w.get(), &MainWindow::generationShown);
  select(*history, history->versionItem(v2));
  QTest::mouseClick(history->button("openButton"), Qt::LeftButton);
  REQUIRE(waitUntil([&] { return !shown.isEmpty(); }, 5000));
  CHECK(shown.front().front().toLongLong() == v2);
  CHECK(w->currentGenerationId() == v2);
  CHECK(w->codeEditor()->toPlainText().contains("const width = 60;"));
  REQUIRE(waitUntil([&] {
    auto p = w->lastPreview();
    return p && p->ok && p->box.valid && near(p->box.size(0), 60);
  }, 15000));
  CHECK(w->viewport()->partCount() == 1);
  REQUIRE(checksShow(*w, v2));
  CHECK(w->checksPanel()->section("Checklist") != nullptr);
  REQUIRE(waitUntil([&] { return w->ratingWidget()->generationId() == v2 && !w->ratingWidget()->isLoading(); }, 5000));
  QTest::qWait(500);  // past the pause after which a changed part is measured
  CHECK_FALSE(w->checksPanel()->hasLiveFacts());  // the version's own facts describe this part
  shotWithHistoryAndChecks(*w, "integration_1_history_open_v2");

  // The viewport's tools are in the window: one action per shortcut, the section plane under
  // the viewport, measurements in the status bar.
  std::map<QString, QStringList> byKey;
  for (QAction* a : w->findChildren<QAction*>())
    if (!a->shortcut().isEmpty()) byKey[a->shortcut().toString()] << a->text();
  for (const auto& [key, names] : byKey) {
    INFO(key.toStdString() << ": " << names.join(", ").toStdString());
    CHECK(names.size() == 1);
  }
  CHECK(w->sectionTool()->isVisible());
  w->viewportActions()->measureDistanceAction()->trigger();
  const QString measuring = w->viewport()->measureText();
  CHECK_FALSE(measuring.isEmpty());
  CHECK(w->statusBar()->findChildren<QLabel*>().size() >= 1);
  bool inStatus = false;
  for (QLabel* l : w->statusBar()->findChildren<QLabel*>()) inStatus = inStatus || l->text() == measuring;
  CHECK(inStatus);
  w->viewportActions()->measureDistanceAction()->trigger();  // ends measuring

  // Rate it: stored at once.
  QSignalSpy saved(w->ratingWidget(), &RatingWidget::ratingSaved);
  QTest::mouseClick(w->ratingWidget()->thumbsUpButton(), Qt::LeftButton);
  QTest::mouseClick(w->ratingWidget()->starButton(4), Qt::LeftButton);
  REQUIRE(waitUntil([&] { return saved.count() == 2; }, 5000));
  auto rating = f.s().feedback().rating(v2);
  REQUIRE(rating);
  CHECK(rating->thumbs == 1);
  CHECK(rating->stars == 4);

  // Export through the window: the file is written and recorded for v2 with its slider values.
  QSignalSpy recorded(w.get(), &MainWindow::exportRecorded);
  QSignalSpy done(w.get(), &MainWindow::exportDone);
  ExportRequest request;
  request.path = (env.dir.path() + "/plate.step").toStdString();
  w->exportTo(request);
  REQUIRE(waitUntil([&] { return !recorded.isEmpty() && !done.isEmpty(); }, 20000));
  CHECK(done.front().front().toBool());
  CHECK(recorded.front().front().toLongLong() == v2);
  CHECK(QFileInfo(QString::fromStdString(request.path)).size() > 1000);
  auto exports = f.s().feedback().exportsOf(v2);
  REQUIRE(exports.size() == 1);
  CHECK(exports[0].format == "step");
  CHECK(exports[0].path == request.path);
  CHECK(exports[0].parameters["values"]["width"] == 60);
  CHECK(exports[0].parameters["bytes"].get<int64_t>() > 1000);

  // Recent exports (Ctrl+Shift+E) names the version and conversation, and opens the version.
  QAction* recentAction = w->findChild<QAction*>("recentExportsAction");
  REQUIRE(recentAction);
  recentAction->trigger();
  auto* recent = w->findChild<RecentExportsDialog*>();
  REQUIRE(recent);
  REQUIRE(waitUntil([&] { return !recent->isBusy() && recent->rows().size() == 1; }, 10000));
  CHECK(recent->table()->topLevelItem(0)->text(3) == QString("Version %1 · Plate for the shelf").arg(v2));
  CHECK(recent->table()->topLevelItem(0)->text(2) == "plate.step");
  REQUIRE(recent->openVersionButton()->isEnabled());
  QSignalSpy openVersion(recent, &RecentExportsDialog::openVersionRequested);
  QTest::mouseClick(recent->openVersionButton(), Qt::LeftButton);
  REQUIRE(openVersion.size() == 1);
  CHECK(openVersion.front().front().toLongLong() == v2);
  recent->close();

  // The curation view lists v2 (rated up and exported).
  QAction* curate = w->findChild<QAction*>("curateAction");
  REQUIRE(curate);
  CHECK(curate->isEnabled());
  curate->trigger();
  auto* curation = w->findChild<CurationDialog*>();
  REQUIRE(curation);
  REQUIRE(waitUntil([&] { return !curation->isBusy() && curation->candidateCount() > 0; }, 10000));
  CHECK(curation->selectCandidate(v2));
  curation->close();

  // Settings (Ctrl+,) edit what the generations read: one store for both.
  QAction* settingsAction = w->findChild<QAction*>("settingsAction");
  REQUIRE(settingsAction);
  CHECK(settingsAction->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_Comma));
  settingsAction->trigger();
  auto* settings = w->findChild<SettingsDialog*>();
  REQUIRE(settings);
  CHECK(settings->isVisible());
  settings->stepsBox()->setValue(7);
  REQUIRE(settings->save());
  CHECK(AppSettingsStore(w->settingsStore().location()).load().pipeline.budget.maxSteps == 7);
  CHECK(QSettings(env.ini(), QSettings::IniFormat).value("budget/steps").toInt() == 7);
  settings->close();

  // Branch from v1: a new conversation in the chat, starting from v1's code.
  select(*history, history->versionItem(v1));
  shown.clear();
  QTest::mouseClick(history->button("branchButton"), Qt::LeftButton);
  REQUIRE(waitUntil([&] { return !shown.isEmpty(); }, 5000));
  CHECK(shown.front().front().toLongLong() == v1);
  CHECK(w->leftTabs()->currentWidget() == w->chatPane());
  CHECK_FALSE(w->chatPane()->conversationId().has_value());
  CHECK(w->codeEditor()->toPlainText().contains("const width = 50;"));
  REQUIRE(waitUntil([&] {
    auto p = w->lastPreview();
    return p && p->ok && near(p->box.size(0), 50);
  }, 15000));
  REQUIRE(checksShow(*w, v1));

  // Activating the conversation in the history shows it in the chat, with its newest part.
  w->leftTabs()->setCurrentWidget(history);
  QTreeWidgetItem* conversationItem = history->conversationItem(plate);
  REQUIRE(conversationItem);
  select(*history, conversationItem);
  QTest::mouseClick(history->button("openButton"), Qt::LeftButton);
  REQUIRE(waitUntil([&] { return w->chatPane()->conversationId() && *w->chatPane()->conversationId() == plate; }, 5000));
  CHECK(w->leftTabs()->currentWidget() == w->chatPane());
  CHECK(w->chatPane()->messageViews().size() >= 4);
  REQUIRE(waitUntil([&] { return w->currentGenerationId() == v2; }, 5000));

  // Ctrl+N starts a new conversation from anywhere in the window, the history tab included.
  w->leftTabs()->setCurrentWidget(history);
  QAction* newChat = w->findChild<QAction*>("newConversationAction");
  REQUIRE(newChat);
  CHECK(newChat->shortcut() == QKeySequence(QKeySequence::New));
  newChat->trigger();
  CHECK(w->leftTabs()->currentWidget() == w->chatPane());
  CHECK_FALSE(w->chatPane()->conversationId().has_value());
}

TEST_CASE("integration: a chat generation shows its checks and rating and appears in the history",
          "[app][integration]") {
  Env env(true);
  QTemporaryDir dbDir;
  auto w = env.window(dbDir.path() + "/history.db");
  REQUIRE(waitUntil([&] { return w->historyPanel() && w->chatPane()->modelSelector()->isEnabled(); }, 20000));
  CHECK(w->ratingWidget()->generationId() == 0);
  CHECK_FALSE(w->ratingWidget()->thumbsUpButton()->isEnabled());

  env.server.enqueue(kMessages, ScriptedResponse::sse(at::anthropicText(at::cubeSpec().dump())));
  env.server.enqueue(kMessages, ScriptedResponse::sse(at::anthropicTurn(
                                    {{"write_code", at::args({{"code", std::string(at::kCubeCode)}})}, {"run_code", "{}"}},
                                    "Writing the cube.")));
  env.server.enqueue(kMessages,
                     ScriptedResponse::sse(at::anthropicTurn({{"finish", at::args({{"summary", "A 20 mm cube."}})}})));
  QSignalSpy finished(w->chatPane(), &ChatPane::replyFinished);
  QPlainTextEdit* input = w->chatPane()->input()->editor();
  input->setFocus();
  QTest::keyClicks(input, "A 20 mm cube with a 5 mm hole through it");
  QTest::keyClick(input, Qt::Key_Return, Qt::ControlModifier);
  REQUIRE(waitUntil([&] { return !finished.isEmpty(); }, 30000));
  REQUIRE(finished.front().front().toString() == "succeeded");
  REQUIRE(w->chatPane()->currentGenerationId());
  const qint64 generation = *w->chatPane()->currentGenerationId();
  const qint64 conversation = *w->chatPane()->conversationId();
  CHECK(w->currentGenerationId() == generation);

  // The Checks tab shows this generation: its checks, facts and usage.
  REQUIRE(checksShow(*w, generation));
  CHECK(w->checksPanel()->section("Usage") != nullptr);
  CHECK_FALSE(w->checksPanel()->headline()->text().isEmpty());
  REQUIRE(waitUntil([&] { return w->ratingWidget()->generationId() == generation && !w->ratingWidget()->isLoading(); },
                    5000));

  // The history lists the new conversation with its version.
  REQUIRE(waitUntil([&] { return w->historyPanel()->conversationItem(conversation) != nullptr; }, 5000));
  w->historyPanel()->conversationItem(conversation)->setExpanded(true);
  REQUIRE(waitUntil([&] { return w->historyPanel()->versionItem(generation) != nullptr; }, 5000));

  // Rating the current generation stores it.
  QSignalSpy saved(w->ratingWidget(), &RatingWidget::ratingSaved);
  QTest::mouseClick(w->ratingWidget()->thumbsDownButton(), Qt::LeftButton);
  w->ratingWidget()->commentEdit()->setFocus();
  QTest::keyClicks(w->ratingWidget()->commentEdit(), "The hole should be 6 mm");
  QTest::keyClick(w->ratingWidget()->commentEdit(), Qt::Key_Return);
  REQUIRE(waitUntil([&] { return saved.count() == 2; }, 5000));
  shotWithHistoryAndChecks(*w, "integration_2_chat_generation_checks");
  {
    partsmith::store::StoreOptions o;
    o.create = false;
    o.seedLibrary = false;
    o.autoBackup = false;
    partsmith::store::Store s(QString(dbDir.path() + "/history.db").toStdString(), o);
    auto r = s.feedback().rating(generation);
    REQUIRE(r);
    CHECK(r->thumbs == -1);
    CHECK(r->comment == std::string("The hole should be 6 mm"));
  }
}
