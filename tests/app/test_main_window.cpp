// The desktop window end to end: the example part with its sliders, slider drags and code
// edits re-running through the real kernel worker, errors at their line, exports that
// re-import, picking, and screenshots of each state in build/test-output/app/.
#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTreeWidget>

#include <Bnd_Box.hxx>

#include "app/chat_input.h"
#include "app/checks_panel.h"
#include "app/code_editor.h"
#include "app/parameter_row.h"
#include "app/parameters_panel.h"
#include "app/script_runner.h"
#include "app/unsaved_script_draft.h"
#include "app_test_support.h"
#include "io/step_reader.h"
#include "kernel/shape_utils.h"

using namespace partsmith::app;
using namespace partsmith::app::testing;

namespace {

bool near(double a, double b, double tol = 0.05) { return std::abs(a - b) <= tol; }

QString code(const MainWindow& w) { return w.codeEditor()->toPlainText(); }

// Replaces the first `from` in the editor by typing `to` over it, as a person would.
void typeOver(CodeEditor* editor, const QString& from, const QString& to) {
  const int at = int(editor->toPlainText().indexOf(from));
  REQUIRE(at >= 0);
  QTextCursor cursor = editor->textCursor();
  cursor.setPosition(at);
  cursor.setPosition(at + int(from.size()), QTextCursor::KeepAnchor);
  editor->setTextCursor(cursor);
  editor->setFocus();
  QTest::keyClicks(editor, to);
}

}  // namespace

TEST_CASE("the window opens with the example part in the viewport and its sliders", "[app]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  CHECK(f.last().ok);
  CHECK(w.viewport()->partCount() == 1);
  CHECK(w.viewport()->initError().isEmpty());
  REQUIRE(f.last().box.valid);
  CHECK(near(f.last().box.size(0), 50));
  CHECK(near(f.last().box.size(1), 40));
  CHECK(near(f.last().box.size(2), 40));
  CHECK(w.viewport()->dimensionsText() == "X 50.00 × Y 40.00 × Z 40.00 mm");

  // Seven parameters in three groups, as the script declares them.
  ParametersPanel* panel = w.parametersPanel();
  CHECK(panel->rowCount() == 7);
  for (const char* name : {"width", "base", "height", "thickness", "hole", "inset", "bendRadius"})
    CHECK(panel->row(name) != nullptr);
  ParameterRow* width = panel->row("width");
  REQUIRE(width->slider());
  CHECK(std::get<double>(width->value()) == 40);
  CHECK(width->toolTip().contains("Width of the bracket"));
  CHECK(w.windowTitle().startsWith("untitled"));

  // The viewport really drew the part: a good share of its pixels differ from the background.
  QTest::qWait(200);
  CHECK(width->slider()->isVisible());
  const QImage frame = w.viewport()->grabFramebuffer();
  REQUIRE_FALSE(frame.isNull());
  CHECK(frame.width() >= 200);
  const double covered = coverage(frame);
  CHECK(covered > 0.05);
  CHECK(covered < 0.9);
  saveShot(frame, "01_viewport_example");
  saveShot(w.grab().toImage(), "01_window_example");
}

TEST_CASE("moving a slider re-runs the part and rewrites the code's literal", "[app]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  w.tabs()->setCurrentIndex(0);
  QSlider* width = w.parametersPanel()->row("width")->slider();
  REQUIRE(width);

  SECTION("arrow keys move whole steps") {
    width->setFocus();
    for (int i = 0; i < 5; ++i) QTest::keyClick(width, Qt::Key_Right);
    CHECK(code(w).contains("const width = 45;"));
    REQUIRE(waitUntil([&] { return near(f.last().box.size(1), 45); }));
    CHECK(w.viewport()->dimensionsText().contains("Y 45.00"));
    CHECK(w.codeEditor()->document()->isModified());
    CHECK(w.windowTitle().startsWith("untitled*"));
    // The Checks tab measures the part as shown once the sliders rest.
    REQUIRE(w.checksPanel());
    REQUIRE(waitUntil([&] {
      QTreeWidgetItem* live = w.checksPanel()->section("Part as shown");
      return live && live->childCount() > 0 && live->child(0)->toolTip(1).contains("width = 45");
    }, 10000));
    QTreeWidgetItem* live = w.checksPanel()->section("Part as shown");
    CHECK(live->text(1) == "no version");
    REQUIRE(live->childCount() > 4);
    CHECK(live->child(0)->text(0) == "Values");
    CHECK(live->child(1)->text(0) == "Size");
    CHECK(live->child(1)->text(1) == "50 × 45 × 40 mm");
    CHECK(live->child(2)->text(0) == "Volume");
    CHECK(w.checksPanel()->headline()->text().contains("Facts of the part as shown"));
    w.tabs()->setCurrentIndex(2);
    QTest::qWait(100);
    saveShot(w.grab().toImage(), "08_checks_part_as_shown");
  }

  SECTION("Shift moves a tenth of a step") {
    QSlider* thickness = w.parametersPanel()->row("thickness")->slider();
    thickness->setFocus();
    QTest::keyClick(thickness, Qt::Key_Right, Qt::ShiftModifier);
    CHECK(code(w).contains("const thickness = 5.05;"));
    // A whole step from there lands back on the step grid.
    QTest::keyClick(thickness, Qt::Key_Right);
    CHECK(code(w).contains("const thickness = 5.5;"));
    REQUIRE(waitUntil([&] { return f.last().ok && w.runner()->queuedPreviews() == 0 && code(w).contains("5.5;"); }));
  }

  SECTION("a mouse drag runs continuously and the newest value wins") {
    QStyleOptionSlider option;
    option.initFrom(width);
    option.orientation = width->orientation();
    option.minimum = width->minimum();
    option.maximum = width->maximum();
    option.sliderPosition = width->sliderPosition();
    option.sliderValue = width->value();
    const QRect handle = width->style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, width);
    QPoint at = handle.center();
    QTest::mousePress(width, Qt::LeftButton, Qt::NoModifier, at);
    for (int i = 0; i < 12; ++i) {
      at += QPoint(6, 0);
      QTest::mouseMove(width, at);
      QTest::qWait(15);
    }
    QTest::mouseRelease(width, Qt::LeftButton, Qt::NoModifier, at);
    const double value = std::get<double>(w.parametersPanel()->row("width")->value());
    CHECK(value > 40);
    CHECK(value == std::round(value));  // no Shift: whole steps
    CHECK(code(w).contains(QString("const width = %1;").arg(value)));
    // Whatever ran in between, the last result is the last value.
    REQUIRE(waitUntil([&] { return near(f.last().box.size(1), value) && w.runner()->queuedPreviews() == 0; }));
    saveShot(w.grab().toImage(), "02_window_after_drag");
  }

  SECTION("typing in the spin box") {
    QDoubleSpinBox* spin = w.parametersPanel()->row("height")->spinBox();
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, "60");
    QTest::keyClick(spin, Qt::Key_Return);
    CHECK(code(w).contains("const height = 60;"));
    REQUIRE(waitUntil([&] { return near(f.last().box.size(2), 60); }));
  }

  SECTION("reset all returns to the script's values") {
    width->setFocus();
    QTest::keyClick(width, Qt::Key_Right);
    REQUIRE(code(w).contains("const width = 41;"));
    QTest::mouseClick(w.parametersPanel()->findChild<QAbstractButton*>("resetAllParameters"), Qt::LeftButton);
    CHECK(code(w).contains("const width = 40;"));
    REQUIRE(waitUntil([&] { return near(f.last().box.size(1), 40) && w.runner()->queuedPreviews() == 0; }));
  }
}

TEST_CASE("editing the code and pressing Ctrl+R updates the part and the sliders", "[app]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  w.tabs()->setCurrentIndex(1);
  typeOver(w.codeEditor(), "const height = 40;", "const height = 70;");
  CHECK(near(f.last().box.size(2), 40));  // nothing runs before Ctrl+R
  QTest::keyClick(w.codeEditor(), Qt::Key_R, Qt::ControlModifier);
  REQUIRE(waitUntil([&] { return near(f.last().box.size(2), 70); }));
  CHECK(std::get<double>(w.parametersPanel()->row("height")->value()) == 70);
  CHECK(w.codeEditor()->errorMarks().empty());
  saveShot(w.grab().toImage(), "03_window_code_edit");
}

TEST_CASE("loading another script over code that was edited but not run keeps the edit one undo away", "[app]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  w.tabs()->setCurrentIndex(1);
  typeOver(w.codeEditor(), "const height = 40;", "const height = 55;");
  const QString edited = w.codeEditor()->toPlainText();
  const QString other = "show(cq.Workplane('XY').box(9, 9, 9));\n";
  w.loadScript(other, {});
  REQUIRE(waitUntil([&] { return near(f.last().box.size(0), 9); }));
  CHECK(w.codeEditor()->toPlainText() == other);
  CHECK(w.statusText().contains("Ctrl+Z"));
  w.codeEditor()->undo();
  CHECK(w.codeEditor()->toPlainText() == edited);

  // Code that ran (or was only loaded) is replaced without a word: it is in the history or a file.
  QSignalSpy applied(&w, &MainWindow::previewApplied);
  w.loadScript(other, {});
  REQUIRE(waitUntil([&] { return w.codeEditor()->toPlainText() == other && !applied.isEmpty(); }));
  QTest::keyClick(w.codeEditor(), Qt::Key_R, Qt::ControlModifier);
  const QString third = "show(cq.Workplane('XY').box(4, 4, 4));\n";
  QTest::qWait(200);
  w.loadScript(third, {});
  REQUIRE(waitUntil([&] { return near(f.last().box.size(0), 4); }));
  CHECK_FALSE(w.statusText().contains("Ctrl+Z"));
}

TEST_CASE("a script error marks its line with the message and keeps the last part", "[app]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  w.tabs()->setCurrentIndex(1);

  SECTION("an unknown method") {
    typeOver(w.codeEditor(), ".hole(hole);", ".hol(hole);");
    const int line = w.codeEditor()->document()->find(".hol(hole)").blockNumber() + 1;
    QTest::keyClick(w.codeEditor(), Qt::Key_R, Qt::ControlModifier);
    REQUIRE(waitUntil([&] { return !f.last().ok; }));
    REQUIRE_FALSE(w.codeEditor()->errorMarks().empty());
    const CodeMark& mark = w.codeEditor()->errorMarks().front();
    CHECK(mark.line == line);
    CHECK(mark.message.contains("hol"));
    CHECK(w.viewport()->partCount() == 1);  // the last good part stays
    saveShot(w.grab().toImage(), "04_window_script_error");

    // Fixing it clears the marks.
    typeOver(w.codeEditor(), ".hol(hole);", ".hole(hole);");
    QTest::keyClick(w.codeEditor(), Qt::Key_R, Qt::ControlModifier);
    REQUIRE(waitUntil([&] { return f.last().ok; }));
    CHECK(w.codeEditor()->errorMarks().empty());
  }

  SECTION("a syntax error") {
    typeOver(w.codeEditor(), "const holeX = (base + thickness + bendRadius) / 2;", "const holeX = (base + ;");
    const int line = w.codeEditor()->document()->find("const holeX").blockNumber() + 1;
    QTest::keyClick(w.codeEditor(), Qt::Key_R, Qt::ControlModifier);
    REQUIRE(waitUntil([&] { return !f.last().ok; }));
    REQUIRE_FALSE(w.codeEditor()->errorMarks().empty());
    CHECK(w.codeEditor()->errorMarks().front().line == line);
  }
}

TEST_CASE("export writes STEP, STL, 3MF and the script, and the STEP re-imports", "[app]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  QTemporaryDir dir;
  REQUIRE(dir.isValid());

  for (const char* name : {"bracket.step", "bracket.stl", "bracket.3mf"}) {
    ExportRequest request;
    request.path = (dir.path() + "/" + name).toStdString();
    request.tolerance = 0.05;
    QSignalSpy done(&w, &MainWindow::exportDone);
    w.exportTo(request);
    REQUIRE(done.wait(30000));
    CHECK(done.front().at(0).toBool());
    CHECK(QFileInfo(dir.path() + "/" + name).size() > 1000);
  }
  const auto parts = partsmith::io::StepReader().read((dir.path() + "/bracket.step").toStdString());
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].name == "bracket");
  Bnd_Box box = partsmith::kernel::tightBoundingBox(parts[0].shape);
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  CHECK(near(x1 - x0, 50, 0.01));
  CHECK(near(y1 - y0, 40, 0.01));
  CHECK(near(z1 - z0, 40, 0.01));
  CHECK(std::abs(partsmith::kernel::shapeVolume(parts[0].shape) - 16123.95) < 16.2);

  // The script itself, as edited.
  QSignalSpy scriptDone(&w, &MainWindow::exportDone);
  w.exportScriptTo(dir.path() + "/bracket.js");
  REQUIRE(scriptDone.wait(10000));
  QFile js(dir.path() + "/bracket.js");
  REQUIRE(js.open(QIODevice::ReadOnly));
  CHECK(QString::fromUtf8(js.readAll()) == code(w));

  // A bad target is reported, not thrown.
  ExportRequest bad;
  bad.path = "/nonexistent-dir/part.step";
  QSignalSpy failed(&w, &MainWindow::exportDone);
  w.exportTo(bad);
  REQUIRE(failed.wait(30000));
  CHECK_FALSE(failed.front().at(0).toBool());
  CHECK(failed.front().at(1).toString().contains("/nonexistent-dir/part.step"));
}

TEST_CASE("scripts open from and save to .js files off the GUI thread", "[app]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  QTemporaryDir dir;
  const QString path = dir.path() + "/plate.js";
  {
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("const side = 30; // [10:100]\nshow(cq.Workplane('XY').box(side, side, 4), 'plate', {color: 'orange'});\n");
  }
  QSignalSpy loaded(&w, &MainWindow::fileLoaded);
  w.openFile(path);
  REQUIRE(loaded.wait(10000));
  CHECK(loaded.front().at(1).toBool());
  REQUIRE(waitUntil([&] { return near(f.last().box.size(0), 30) && w.parametersPanel()->rowCount() == 1; }));
  CHECK(w.scriptPath() == path);
  CHECK(w.windowTitle().startsWith("plate.js"));
  REQUIRE(f.last().parts.size() == 1);
  CHECK(f.last().parts[0].name == "plate");
  REQUIRE(f.last().parts[0].color);

  QSlider* side = w.parametersPanel()->row("side")->slider();
  side->setFocus();
  QTest::keyClick(side, Qt::Key_Right);
  QSignalSpy saved(&w, &MainWindow::fileSaved);
  w.saveFile();
  REQUIRE(saved.wait(10000));
  CHECK(saved.front().at(1).toBool());
  QFile file(path);
  REQUIRE(file.open(QIODevice::ReadOnly));
  CHECK(QString::fromUtf8(file.readAll()).startsWith("const side = 31;"));
  CHECK_FALSE(w.codeEditor()->document()->isModified());

  QSignalSpy missing(&w, &MainWindow::fileLoaded);
  w.openFile(dir.path() + "/missing.js");
  REQUIRE(missing.wait(10000));
  CHECK_FALSE(missing.front().at(1).toBool());
  CHECK(w.scriptPath() == path);  // nothing replaced
}

TEST_CASE("clicking a face in the viewport picks it and gives a selector reference", "[app]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  OcctViewport* view = w.viewport();
  view->setStandardView("top");
  QTest::qWait(100);
  QSignalSpy picked(&w, &MainWindow::referencePicked);
  // Looking down on the base plate: its middle is solid (the holes are off-centre).
  const QPoint centre(view->width() / 2, view->height() / 2);
  QTest::mouseMove(view, centre);
  QTest::qWait(50);
  QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, centre);
  view->update();
  REQUIRE(picked.wait(10000));
  const QString reference = picked.front().at(0).toString();
  INFO(reference.toStdString());
  CHECK(reference.contains("on part \"bracket\""));
  CHECK(reference.contains("PLANE face"));
  CHECK(reference.contains("normal (0, 0, 1)"));
  CHECK(reference.startsWith("faces(\""));
  CHECK(w.lastReferenceText() == reference);
  QTest::qWait(100);
  saveShot(w.grab().toImage(), "05_window_face_picked");

  // While measuring, a click chooses what to measure and writes nothing into the message.
  view->clearPick();
  REQUIRE(waitUntil([&] { return w.lastReferenceText().isEmpty(); }, 5000));
  view->setMeasureMode(OcctViewport::MeasureMode::Distance);
  QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, centre);
  view->update();
  REQUIRE(waitUntil([&] { return !w.lastReferenceText().isEmpty(); }, 10000));
  QTest::qWait(50);
  CHECK(picked.size() == 1);
  view->setMeasureMode(OcctViewport::MeasureMode::Off);

  view->setStandardView("iso");
  view->setPerspective(true);
  CHECK(view->isPerspective());
  QTest::qWait(100);
  saveShot(view->grabFramebuffer(), "06_viewport_perspective");
}

TEST_CASE("the partsmith executable starts, shows the part and exits with status 0", "[app]") {
  application();
  const QString exe = QString::fromStdString(partsmith::test::binaryDir()) + "/src/app/partsmith";
  REQUIRE(QFileInfo(exe).isExecutable());
  const QString shot = outputDir() + "/07_executable_screenshot.png";
  QFile::remove(shot);
  QProcess process;
  process.setProcessChannelMode(QProcess::MergedChannels);
  process.start(exe, {"--quit-when-ready", "--startup-report", "--screenshot", shot});
  REQUIRE(process.waitForFinished(60000));
  const QString output = QString::fromUtf8(process.readAll());
  INFO(output.toStdString());
  CHECK(process.exitStatus() == QProcess::NormalExit);
  CHECK(process.exitCode() == 0);
  CHECK(output.contains("usable window with the part after"));
  const QImage image(shot);
  REQUIRE_FALSE(image.isNull());
  CHECK(coverage(image) > 0.05);
}

TEST_CASE("a script nothing else keeps comes back after the app closes or is killed, still unsaved", "[app][draft]") {
  int64_t conversation = 0;
  StoredWindowFixture f([&](partsmith::store::Store& s) { conversation = s.conversations().create("Shelf bracket").id; });
  REQUIRE(f.ready);
  const QString draftFile = f.dir.path() + "/unsaved-script.json";
  MainWindowOptions options;
  options.dbPath = QString::fromStdString(f.dbPath);
  options.settingsPath = f.dir.path() + "/settings.json";
  options.iniPath = f.dir.path() + "/partsmith.ini";
  auto reopen = [&] {
    f.window.reset();  // no close: as if the process was killed once the draft was written
    f.window = std::make_unique<MainWindow>(options);
    f.window->resize(1200, 760);
    f.window->show();
    return QTest::qWaitForWindowExposed(f.window.get()) && waitUntil([&] { return f.window->historyPanel() != nullptr; }, 20000);
  };
  auto typeAtEnd = [](MainWindow& w, const QString& text) {
    QTextCursor cursor(w.codeEditor()->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text);
  };

  // 1. Code written here, in no conversation: kept a moment after the edit.
  {
    MainWindow& w = *f.window;
    w.loadScript("const side = 12; // [5:50]\nshow(cq.Workplane('XY').box(side, side, side), 'cube');\n", {});
    REQUIRE(waitUntil([&] { return w.lastPreview() && w.lastPreview()->ok; }));
    CHECK_FALSE(QFile::exists(draftFile));  // nothing unsaved yet
    typeAtEnd(w, "// a note\n");
    REQUIRE(waitUntil([&] { return QFile::exists(draftFile); }, 5000));
    const auto kept = UnsavedScriptDraft::read(draftFile);
    REQUIRE(kept);
    CHECK(kept->code == w.codeEditor()->toPlainText());
    CHECK(kept->path.isEmpty());
  }
  const QString written = f.window->codeEditor()->toPlainText();
  REQUIRE(reopen());
  {
    MainWindow& w = *f.window;
    REQUIRE(waitUntil([&] { return w.codeEditor()->toPlainText() == written; }, 10000));
    CHECK(w.codeEditor()->document()->isModified());
    CHECK(w.windowTitle().startsWith("untitled*"));
    CHECK(w.currentGenerationId() == 0);
    CHECK_FALSE(w.chatPane()->conversationId().has_value());  // the draft won over the last conversation
    REQUIRE(waitUntil([&] { return w.statusText().contains("brought back the script you had not saved"); }, 20000));
    CHECK(w.lastPreview()->ok);
    CHECK(QFile::exists(draftFile));  // still unsaved, still kept

    // 2. Saved: nothing left to bring back.
    QSignalSpy saved(&w, &MainWindow::fileSaved);
    w.saveFile(f.dir.path() + "/cube.js");
    REQUIRE(saved.wait(10000));
    REQUIRE(saved.front().at(1).toBool());
    REQUIRE(waitUntil([&] { return !QFile::exists(draftFile); }, 5000));

    // 3. Unsaved changes to that file come back with the file.
    typeAtEnd(w, "// second note\n");
    REQUIRE(waitUntil([&] { return QFile::exists(draftFile); }, 5000));
  }
  const QString edited = f.window->codeEditor()->toPlainText();
  REQUIRE(reopen());
  {
    MainWindow& w = *f.window;
    REQUIRE(waitUntil([&] { return w.codeEditor()->toPlainText() == edited; }, 10000));
    CHECK(w.scriptPath() == f.dir.path() + "/cube.js");
    CHECK(w.windowTitle().startsWith("cube.js*"));
    REQUIRE(waitUntil([&] { return w.statusText().contains("brought back your unsaved changes to cube.js"); }, 20000));

    // 4. Once a conversation holds the code, the draft goes.
    w.showConversation(conversation);
    REQUIRE(waitUntil([&] { return w.chatPane()->conversationId() == std::optional<int64_t>(conversation); }, 5000));
    REQUIRE(waitUntil([&] { return !QFile::exists(draftFile); }, 5000));
  }
  // 5. A draft file that is not one (a disk fault, a hand edit) is ignored: the window opens as usual.
  {
    QFile bad(draftFile);
    REQUIRE(bad.open(QIODevice::WriteOnly));
    bad.write("{not json");
  }
  REQUIRE(reopen());
  REQUIRE(waitUntil([&] { return f.window->chatPane()->conversationId() == std::optional<int64_t>(conversation); }, 10000));
}

TEST_CASE("view keys work anywhere in the window but never take typing from text fields", "[app]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  OcctViewport* view = w.viewport();
  REQUIRE_FALSE(view->isPerspective());
  w.tabs()->setCurrentIndex(0);

  // Right after using a slider, P switches the projection.
  QSlider* width = w.parametersPanel()->row("width")->slider();
  width->setFocus();
  REQUIRE(waitUntil([&] { return width->hasFocus(); }, 3000));
  QTest::keyClick(width, Qt::Key_P);
  CHECK(view->isPerspective());
  QTest::keyClick(width, Qt::Key_P);
  CHECK_FALSE(view->isPerspective());

  // In the chat box, the spin box and the code editor, P is a letter.
  QPlainTextEdit* message = w.chatPane()->input()->editor();
  message->setFocus();
  REQUIRE(waitUntil([&] { return message->hasFocus(); }, 3000));
  QTest::keyClicks(message, "pp");
  CHECK(message->toPlainText() == "pp");
  CHECK_FALSE(view->isPerspective());

  QDoubleSpinBox* spin = w.parametersPanel()->row("height")->spinBox();
  spin->setFocus();
  REQUIRE(waitUntil([&] { return spin->hasFocus(); }, 3000));
  QTest::keyClick(spin, Qt::Key_P);
  CHECK_FALSE(view->isPerspective());

  w.tabs()->setCurrentIndex(1);
  w.codeEditor()->setFocus();
  REQUIRE(waitUntil([&] { return w.codeEditor()->hasFocus(); }, 3000));
  const int before = w.codeEditor()->toPlainText().size();
  QTest::keyClick(w.codeEditor(), Qt::Key_P);
  CHECK_FALSE(view->isPerspective());
  CHECK(w.codeEditor()->toPlainText().size() == before + 1);
}

TEST_CASE("console.log lines and run notes show under the code", "[app]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  w.tabs()->setCurrentIndex(1);
  auto* problems = w.findChild<QListWidget*>("problems");
  REQUIRE(problems);
  CHECK(problems->isHidden());  // the example logs nothing

  w.loadScript(
      "const part = cq.Workplane('XY').box(12, 8, 3);\n"
      "console.log('volume', part.val().Volume());\n"
      "cq.exporters.export(part, 'part.stl');\n"
      "show(part);\n",
      {});
  REQUIRE(waitUntil([&] { return near(f.last().box.size(0), 12) && problems->count() > 0; }));
  QStringList rows;
  for (int i = 0; i < problems->count(); ++i) rows << problems->item(i)->text();
  INFO(rows.join('\n').toStdString());
  CHECK(rows.contains("log: volume 288"));
  CHECK(std::any_of(rows.begin(), rows.end(), [](const QString& r) { return r.startsWith("note: ") && r.contains("export"); }));
  CHECK(problems->isVisible());
  saveShot(w.grab().toImage(), "10_code_log_and_notes");
  // Activating a log line leaves the cursor where it was: it has no line in the code.
  const int before = w.codeEditor()->textCursor().position();
  emit problems->itemActivated(problems->item(int(rows.indexOf("log: volume 288"))));
  CHECK(w.codeEditor()->textCursor().position() == before);

  w.loadScript("show(cq.Workplane('XY').box(5, 5, 5));\n", {});
  REQUIRE(waitUntil([&] { return near(f.last().box.size(0), 5); }));
  CHECK(problems->count() == 0);
  CHECK(problems->isHidden());
}

namespace {

// The mean absolute difference per channel (0-255) of two same-sized images in a rectangle.
double meanDifference(const QImage& a, const QImage& b, const QRect& rect) {
  const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
  double sum = 0;
  long n = 0;
  for (int row = rect.top(); row <= rect.bottom(); ++row)
    for (int col = rect.left(); col <= rect.right(); ++col) {
      const QRgb p = x.pixel(col, row), q = y.pixel(col, row);
      sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q));
      n += 3;
    }
  return n ? sum / n : 0;
}

}  // namespace

TEST_CASE("at a device pixel ratio of 2 the viewport renders twice the pixels and looks the same", "[app][hidpi]") {
  application();
  const QString exe = QString::fromStdString(partsmith::test::binaryDir()) + "/src/app/partsmith";
  QTemporaryDir dir;
  REQUIRE(dir.isValid());
  // Each run on a display of its own, as large in logical pixels as the other's, so that the
  // window gets the same layout at both scales.
  auto shoot = [&](const QString& scale, const QString& screen) {
    const QString shot = dir.path() + "/scale" + scale + ".png";
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_SCALE_FACTOR", scale);
    process.setProcessEnvironment(env);
    process.start("xvfb-run", {"-a", "-s", "-screen 0 " + screen + "x24", exe, "--quit-when-ready", "--db",
                               dir.path() + "/history" + scale + ".db", "--screenshot", shot});
    REQUIRE(process.waitForFinished(90000));
    INFO(QString::fromUtf8(process.readAll()).toStdString());
    REQUIRE(process.exitCode() == 0);
    return QImage(shot);
  };
  const QImage one = shoot("1", "1600x1200");
  const QImage two = shoot("2", "3200x2400");
  REQUIRE_FALSE(one.isNull());
  REQUIRE_FALSE(two.isNull());
  saveShot(two, "09_viewport_dpr2");
  CHECK(two.size() == one.size() * 2);
  const QImage down = two.scaled(one.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  const QRect whole(QPoint(0, 0), one.size());
  // The view cube sits in the top-right corner: its labels must not grow twice over.
  const QRect cube(one.width() - 150, 0, 150, 150);
  const double wholeDiff = meanDifference(one, down, whole);
  // The cube's labels are the only near-black pixels there; scaled text covers the same share.
  auto labelPixels = [&](const QImage& image) {
    int n = 0;
    for (int row = cube.top(); row <= cube.bottom(); ++row)
      for (int col = cube.left(); col <= cube.right(); ++col) n += qGray(image.pixel(col, row)) < 70;
    return n;
  };
  const int labelsOne = labelPixels(one), labelsTwo = labelPixels(down);
  INFO("mean difference " << wholeDiff << "; view cube label pixels " << labelsOne << " at 1x, " << labelsTwo
                          << " at 2x scaled down");
  CHECK(wholeDiff < 3);
  CHECK(labelsOne > 20);
  CHECK(labelsTwo < 2 * labelsOne);
  CHECK(labelsTwo > labelsOne / 2);
}
