// The proof in one sitting, as a person would go through it: a prompt to the model
// (the LLM test server on 127.0.0.1), the part in the viewport, a slider drag that changes the
// geometry and the code, a rating, exports that re-import correctly, then a restart with the
// history intact. Screenshots of each state go to test-output/app/proof_*.png.
#include <catch2/catch.hpp>

#include "../agent/agent_test_support.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>


#include "app/chat_input.h"
#include "app/chat_pane.h"
#include "app/checks_panel.h"
#include "app/code_editor.h"
#include "app/export_controller.h"
#include "app/history_panel.h"
#include "app/occt_viewport.h"
#include "app/parameter_row.h"
#include "app/parameters_panel.h"
#include "app/rating_widget.h"
#include "app_test_support.h"
#include "threemf_meshes.h"
#include "io/step_reader.h"
#include "kernel/shape_utils.h"
#include "store/store.h"

using namespace partsmith;
using namespace partsmith::app;
using namespace partsmith::app::testing;
namespace at = partsmith::agent::testing;
using nlohmann::json;
using partsmith::test::LlmTestServer;
using partsmith::test::ScriptedResponse;

namespace {

const char* kMessages = "/v1/messages";
const char* kKeyEnv = "PARTSMITH_PROOF_KEY";

}  // namespace

TEST_CASE("proof: prompt, part, slider, rating, exports that re-import, restart with the history intact",
          "[app][proof]") {
  application();
  ::setenv("PARTSMITH_KERNEL", partsmith::test::kernelExecutable().c_str(), 1);
  ::setenv(kKeyEnv, "sk-proof-0123456789abcdef", 1);
  QTemporaryDir dir;
  REQUIRE(dir.isValid());
  LlmTestServer server;
  {
    const json provider = {{"id", "scripted"}, {"kind", "anthropic"}, {"base_url", server.baseUrl()},
                           {"key_env", kKeyEnv}, {"default_model", "claude-sonnet-4-5"}, {"max_retries", 0}};
    const json stage = {{"provider", "scripted"}, {"model", "claude-sonnet-4-5"}};
    const json settings = {{"llm", {{"providers", json::array({provider})},
                                    {"stages", {{"spec", stage}, {"code", stage}, {"review", stage}, {"vision", stage}}},
                                    {"auto_detect_ollama", false}}}};
    QFile f(dir.path() + "/settings.json");
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(settings.dump(2)));
    QSettings ini(dir.path() + "/partsmith.ini", QSettings::IniFormat);
    for (const char* key : {"pipeline/review", "pipeline/visual", "pipeline/refine", "pipeline/decompose"})
      ini.setValue(key, false);
  }
  MainWindowOptions options;
  options.dbPath = dir.path() + "/history.db";
  options.settingsPath = dir.path() + "/settings.json";
  options.iniPath = dir.path() + "/partsmith.ini";
  auto open = [&] {
    auto w = std::make_unique<MainWindow>(options);
    w->resize(1280, 800);
    w->show();
    REQUIRE(QTest::qWaitForWindowExposed(w.get()));
    w->activateWindow();
    QApplication::setActiveWindow(w.get());
    REQUIRE(waitUntil([&] { return w->chatPane()->ready() && w->chatPane()->modelSelector()->isEnabled(); }, 20000));
    return w;
  };
  auto shot = [](MainWindow& w, const QString& name) {
    QTest::qWait(150);
    saveShot(w.grab().toImage(), "proof_" + name);
  };

  qint64 conversation = 0, version = 0;
  const QString stepPath = dir.path() + "/cube.step", tmfPath = dir.path() + "/cube.3mf", stlPath = dir.path() + "/cube.stl";
  {
    auto w = open();
    // 1. A prompt: the model writes and runs the script; the part and its sliders appear.
    server.enqueue(kMessages, ScriptedResponse::sse(at::anthropicText(at::cubeSpec().dump())));
    server.enqueue(kMessages, ScriptedResponse::sse(at::anthropicTurn({{"write_code", at::args({{"code", at::kCubeCode}})},
                                                                       {"run_code", "{}"}},
                                                                      "Writing the cube."),
                                                    40, std::chrono::milliseconds(5)));
    server.enqueue(kMessages, ScriptedResponse::sse(at::anthropicTurn(
                                  {{"finish", at::args({{"summary", "A 20 mm cube with a 5 mm hole."}})}})));
    QPlainTextEdit* message = w->chatPane()->input()->editor();
    message->setFocus();
    QTest::keyClicks(message, "A 20 mm cube with a 5 mm hole through it");
    QSignalSpy replied(w->chatPane(), &ChatPane::replyFinished);
    QTest::keyClick(message, Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(replied.wait(30000));
    REQUIRE(replied.front().front().toString() == "succeeded");
    REQUIRE(waitUntil([&] {
      auto p = w->lastPreview();
      return p && p->ok && p->box.valid && std::abs(p->box.size(0) - 20) < 0.05 && w->viewport()->partCount() == 1;
    }));
    REQUIRE(w->chatPane()->conversationId());
    conversation = *w->chatPane()->conversationId();
    version = w->currentGenerationId();
    REQUIRE(version > 0);
    shot(*w, "1_prompt_to_part");

    // 2. Drag the size slider with the mouse: the geometry and the code's literal follow.
    w->tabs()->setCurrentIndex(0);
    QSlider* size = w->parametersPanel()->row("size")->slider();
    REQUIRE(size);
    const QPoint from(size->width() * (20 - 10) / 50, size->height() / 2);
    QTest::mousePress(size, Qt::LeftButton, Qt::NoModifier, from);
    QPoint at = from;
    for (int i = 0; i < 10; ++i) {
      at += QPoint(size->width() / 50, 0);
      QTest::mouseMove(size, at);
      QTest::qWait(20);
    }
    QTest::mouseRelease(size, Qt::LeftButton, Qt::NoModifier, at);
    const double value = std::get<double>(w->parametersPanel()->row("size")->value());
    REQUIRE(value > 20);
    CHECK(w->codeEditor()->toPlainText().contains(QString("const size = %1;").arg(value)));
    REQUIRE(waitUntil([&] {
      auto p = w->lastPreview();
      return p && p->ok && std::abs(p->box.size(0) - value) < 0.05 && w->runner()->queuedPreviews() == 0;
    }));
    shot(*w, "2_after_drag");

    // 3. Rate it: thumbs up, four stars and a comment, stored at once.
    w->tabs()->setCurrentIndex(2);
    RatingWidget* rating = w->ratingWidget();
    REQUIRE(waitUntil([&] { return rating->generationId() == version && !rating->isLoading(); }, 10000));
    QSignalSpy saved(rating, &RatingWidget::ratingSaved);
    QTest::mouseClick(rating->thumbsUpButton(), Qt::LeftButton);
    QTest::mouseClick(rating->starButton(4), Qt::LeftButton);
    rating->commentEdit()->setFocus();
    QTest::keyClicks(rating->commentEdit(), "Good, the hole is centred");
    QTest::keyClick(rating->commentEdit(), Qt::Key_Return);
    REQUIRE(waitUntil([&] { return saved.count() >= 3; }, 10000));
    shot(*w, "3_rated");

    // 4. Export STEP, 3MF and STL through the window.
    for (const QString& path : {stepPath, tmfPath, stlPath}) {
      QSignalSpy done(w.get(), &MainWindow::exportDone);
      QSignalSpy recorded(w.get(), &MainWindow::exportRecorded);
      ExportRequest request;
      request.path = path.toStdString();
      w->exportTo(request);
      REQUIRE(waitUntil([&] { return !done.isEmpty() && !recorded.isEmpty(); }, 30000));
      REQUIRE(done.front().front().toBool());
      CHECK(recorded.front().front().toLongLong() == version);
    }
    // 5. Quit.
    w->close();
  }

  // The files re-import: STEP has the dragged size and the cube-minus-hole volume; the 3MF has a
  // closed mesh with triangles; the STL has the same size.
  const double edge = [&] {
    store::Store s(options.dbPath.toStdString(), StoredWindowFixture::storeOptions());
    return s.feedback().exportsOf(version).at(0).parameters["values"]["size"].get<double>();
  }();
  const auto parts = io::StepReader().read(stepPath.toStdString());
  REQUIRE(parts.size() == 1);
  const double hole = 5;
  CHECK(kernel::shapeVolume(parts[0].shape) == Approx(edge * edge * edge - M_PI * hole * hole / 4 * edge).epsilon(0.002));
  CHECK(read3mfMeshes(tmfPath.toStdString()).triangles > 24);
  CHECK(QFileInfo(stlPath).size() > 84 + 50 * 24);

  // 6. Restart: the conversation, its version, the rating and the exports are all there.
  {
    auto w = open();
    REQUIRE(waitUntil([&] { return w->chatPane()->conversationId() == std::optional<int64_t>(conversation); }, 10000));
    REQUIRE(waitUntil([&] { return w->currentGenerationId() == version; }, 10000));
    CHECK(w->chatPane()->messageViews().size() >= 2);
    HistoryPanel* history = w->historyPanel();
    REQUIRE(waitUntil([&] { return !history->isBusy() && history->conversationItem(conversation) != nullptr; }, 10000));
    w->tabs()->setCurrentIndex(2);
    RatingWidget* rating = w->ratingWidget();
    REQUIRE(waitUntil([&] { return rating->generationId() == version && !rating->isLoading(); }, 10000));
    CHECK(rating->thumbs() == 1);
    CHECK(rating->stars() == 4);
    CHECK(rating->comment() == "Good, the hole is centred");
    // The dragged size is what the code shows again.
    REQUIRE(waitUntil([&] {
      auto p = w->lastPreview();
      return p && p->ok && std::abs(p->box.size(0) - edge) < 0.05;
    }, 20000));
    // The Checks tab says the part shown is not the version's own size any more.
    REQUIRE(waitUntil([&] {
      QTreeWidgetItem* live = w->checksPanel()->section("Part as shown");
      return live && live->childCount() > 1 && live->child(1)->text(1).startsWith(QString::number(edge));
    }, 10000));
    shot(*w, "4_after_restart");
    w->close();
  }
  store::Store s(options.dbPath.toStdString(), StoredWindowFixture::storeOptions());
  CHECK(s.feedback().exportsOf(version).size() == 3);
  CHECK(s.feedback().rating(version)->stars == 4);
}
