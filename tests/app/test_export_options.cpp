// Export options through the ExportController and the real kernel worker: per-part and merged
// STEP and 3MF re-import with the right number of bodies, STL re-imports at the right size,
// and every written file comes back as an ExportRecord with its size and options.
#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QUrl>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QElapsedTimer>
#include <QDateTime>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

#include <Bnd_Box.hxx>
#include <RWStl.hxx>
#include <Poly_Triangulation.hxx>

#include "app/chat_pane.h"
#include "app/code_editor.h"
#include "app/export_controller.h"
#include "app/export_dialog.h"
#include "app/main_window.h"
#include "app/recent_exports_dialog.h"
#include "app/script_runner.h"
#include "app_test_support.h"
#include "threemf_meshes.h"
#include "io/step_reader.h"
#include "kernel/shape_utils.h"
#include "store/store.h"
#include "store/store_util.h"


using namespace partsmith;
using namespace partsmith::app;
using namespace partsmith::app::testing;

namespace {

const char* kTwoParts = R"(
const box = cq.Workplane("XY").box(20, 30, 10, {centered: false});
const pin = cq.Workplane("XY").center(40, 0).circle(5).extrude(20);
show(box, "box", {color: "#3c78d8"});
show(pin, "pin", {color: "#e69138"});
)";

struct Exporter {
  ScriptRunner runner;
  ExportController controller{&runner, nullptr};
  std::vector<ExportRecord> records;
  Exporter() {
    application();
    ::setenv("PARTSMITH_KERNEL", partsmith::test::kernelExecutable().c_str(), 1);
    QObject::connect(&controller, &ExportController::exported, [this](const ExportRecord& r) { records.push_back(r); });
  }
  bool run(const ExportRequest& request, QString* message = nullptr) {
    QSignalSpy done(&controller, &ExportController::finished);
    controller.start(kTwoParts, request);
    CHECK(controller.isBusy());
    if (!done.wait(60000) && done.isEmpty()) return false;
    if (message) *message = done.front().at(1).toString();
    return done.front().at(0).toBool();
  }
};

// Receives the URLs QDesktopServices would hand to the desktop.
class UrlCatcher : public QObject {
  Q_OBJECT
 public:
  QList<QUrl> urls;
 public slots:
  void open(const QUrl& url) { urls << url; }
};

// An exporter whose controller shows its progress dialog at once, on a window of its own.
struct ExporterWithProgress {
  Exporter exporter;
  QWidget host;
  ExportController controller{&exporter.runner, &host};
  ExporterWithProgress() {
    host.show();
    controller.setProgressDelay(0);
  }
};

}  // namespace

TEST_CASE("export: per-part and merged STEP, 3MF and STL re-import", "[app][export]") {
  Exporter e;
  QTemporaryDir dir;
  REQUIRE(dir.isValid());

  ExportDialog dialog(dir.path() + "/parts.step", 2);
  dialog.setTolerance(0.05);
  dialog.setMerged(false);
  ExportRequest perPart = dialog.request();
  CHECK_FALSE(perPart.merged);
  CHECK(perPart.tolerance == Approx(0.05));
  REQUIRE(e.run(perPart));
  auto parts = io::StepReader().read(perPart.path);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].name == "box");
  CHECK(parts[1].name == "pin");

  dialog.setPath(dir.path() + "/merged.step");
  dialog.setMerged(true);
  const ExportRequest merged = dialog.request();
  CHECK(merged.merged);
  QString message;
  REQUIRE(e.run(merged, &message));
  CHECK(message.contains("merged.step"));
  parts = io::StepReader().read(merged.path);
  REQUIRE(parts.size() == 1);
  CHECK(kernel::solidsOf(parts[0].shape).size() == 2);
  Bnd_Box box = kernel::tightBoundingBox(parts[0].shape);
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  CHECK(x1 - x0 == Approx(45).margin(0.01));
  CHECK(z1 - z0 == Approx(20).margin(0.01));

  ExportRequest tmf{(dir.path() + "/parts.3mf").toStdString(), 0.05, 20, false, false};
  REQUIRE(e.run(tmf));
  CHECK(read3mfMeshes(tmf.path).objects == 2);
  tmf.path = (dir.path() + "/merged.3mf").toStdString();
  tmf.merged = true;
  REQUIRE(e.run(tmf));
  CHECK(read3mfMeshes(tmf.path).objects == 1);

  ExportRequest stl{(dir.path() + "/parts.stl").toStdString(), 0.05, 20, false, false};
  REQUIRE(e.run(stl));
  Handle(Poly_Triangulation) mesh = RWStl::ReadFile(stl.path.c_str());
  REQUIRE_FALSE(mesh.IsNull());
  CHECK(mesh->NbTriangles() > 24);
  Bnd_Box stlBox;
  for (int i = 1; i <= mesh->NbNodes(); ++i) stlBox.Add(mesh->Node(i));
  stlBox.Get(x0, y0, z0, x1, y1, z1);
  CHECK(x1 - x0 == Approx(45).margin(0.06));
  CHECK(y1 - y0 == Approx(35).margin(0.06));

  // One record per file, with its real size and the options it was written with.
  REQUIRE(e.records.size() == 5);
  const char* formats[] = {"STEP", "STEP", "3MF", "3MF", "STL"};
  const bool mergedFlags[] = {false, true, false, true, false};
  for (size_t i = 0; i < 5; ++i) {
    CHECK(e.records[i].format == formats[i]);
    CHECK(e.records[i].bytes == QFileInfo(QString::fromStdString(e.records[i].path)).size());
    CHECK(e.records[i].bytes > 500);
    CHECK(e.records[i].options["merged"] == mergedFlags[i]);
    CHECK(e.records[i].options["tolerance"] == Approx(0.05));
    CHECK(e.records[i].code == kTwoParts);  // what the file was made from
    CHECK(e.records[i].requestId > 0);
  }
  CHECK_FALSE(e.controller.isBusy());

  // A failed export is reported with the path and records nothing.
  ExportRequest bad{"/nonexistent-dir/part.step", 0, 20, false, false};
  CHECK_FALSE(e.run(bad, &message));
  CHECK(message.contains("/nonexistent-dir/part.step"));
  CHECK(e.records.size() == 5);
}

TEST_CASE("export: a slow export shows the progress dialog, which closes when done", "[app][export]") {
  ExporterWithProgress p;
  Exporter& e = p.exporter;
  ExportController& controller = p.controller;
  QTemporaryDir dir;
  QSignalSpy progress(&controller, &ExportController::progressText);
  QSignalSpy done(&controller, &ExportController::finished);
  controller.start(kTwoParts, ExportRequest{(dir.path() + "/p.step").toStdString(), 0, 20, false, false});
  REQUIRE(controller.progressDialog() != nullptr);
  CHECK(controller.progressDialog()->isVisible());
  CHECK(progress.front().at(0).toString().contains("Exporting p.step"));
  REQUIRE(done.wait(60000));
  CHECK_FALSE(controller.progressDialog()->isVisible());
}

TEST_CASE("export: a separate file per part, named after the file and the part", "[app][export]") {
  Exporter e;
  QTemporaryDir dir;
  REQUIRE(dir.isValid());
  ExportDialog dialog(dir.path() + "/parts.stl", 2);
  dialog.setPartNames({"box", "pin"});
  QCheckBox* box = nullptr;
  for (auto* c : dialog.findChildren<QCheckBox*>())
    if (c->text().contains("separate file")) box = c;
  REQUIRE(box);
  CHECK(box->isEnabled());
  CHECK(box->text().contains("name-part.stl"));
  CHECK_FALSE(dialog.request().perPartFiles);  // one file unless asked
  dialog.setSeparateFiles(true);
  const ExportRequest request = dialog.request();
  CHECK(request.perPartFiles);
  CHECK(dialog.targetPaths() == QStringList{dir.path() + "/parts-box.stl", dir.path() + "/parts-pin.stl"});
  saveShot(dialog.grab().toImage(), "export_dialog_separate_files");
  REQUIRE(e.run(request));
  REQUIRE(e.records.size() == 2);
  for (const auto& record : e.records) CHECK(record.options["per_part_files"] == true);
  CHECK_FALSE(QFileInfo::exists(dir.path() + "/parts.stl"));
  Handle(Poly_Triangulation) boxMesh = RWStl::ReadFile((dir.path() + "/parts-box.stl").toStdString().c_str());
  REQUIRE_FALSE(boxMesh.IsNull());
  CHECK(boxMesh->NbTriangles() == 12);  // the box alone
  Handle(Poly_Triangulation) pinMesh = RWStl::ReadFile((dir.path() + "/parts-pin.stl").toStdString().c_str());
  REQUIRE_FALSE(pinMesh.IsNull());
  CHECK(pinMesh->NbTriangles() > 24);

  // STEP with a file per part: merging within a file means nothing, so it is not offered.
  dialog.setPath(dir.path() + "/parts.step");
  CHECK(box->text().contains("name-part.step"));
  for (auto* radio : dialog.findChildren<QRadioButton*>()) CHECK_FALSE(radio->isEnabled());
  dialog.setSeparateFiles(false);
  for (auto* radio : dialog.findChildren<QRadioButton*>()) CHECK(radio->isEnabled());
  // Not for the script, nor for a single part.
  dialog.setSeparateFiles(true);
  dialog.setPath(dir.path() + "/parts.js");
  CHECK_FALSE(box->isEnabled());
  CHECK_FALSE(dialog.request().perPartFiles);
  ExportDialog single(dir.path() + "/one.stl", 1);
  for (auto* c : single.findChildren<QCheckBox*>())
    if (c->text().contains("separate file")) CHECK_FALSE(c->isEnabled());
}

TEST_CASE("export: Cancel stops a running export without leaving a file and the next export works",
          "[app][export]") {
  ExporterWithProgress p;
  Exporter& e = p.exporter;
  ExportController& controller = p.controller;
  QTemporaryDir dir;
  REQUIRE(dir.isValid());
  const std::string slow = std::string("const t0 = Date.now(); while (Date.now() - t0 < 8000) {}\n") + kTwoParts;
  // What a worker killed while writing leaves behind, and an older one that is not ours.
  const QString ours = dir.path() + "/.slow.partsmith-1-2-3.tmp.step";
  const QString older = dir.path() + "/.slow.partsmith-9-9-9.tmp.step";
  {
    QFile f(older);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write("old");
    f.close();
    REQUIRE(f.open(QIODevice::ReadWrite));
    REQUIRE(f.setFileTime(QDateTime::currentDateTime().addSecs(-3600), QFileDevice::FileModificationTime));
  }
  QSignalSpy done(&controller, &ExportController::finished);
  QElapsedTimer clock;
  clock.start();
  controller.start(slow, ExportRequest{(dir.path() + "/slow.step").toStdString(), 0, 20, false, false});
  QTest::qWait(300);
  {
    QFile f(ours);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write("partial");
  }
  REQUIRE(controller.progressDialog() != nullptr);
  REQUIRE(controller.progressDialog()->isVisible());
  QPushButton* cancel = nullptr;
  for (auto* b : controller.progressDialog()->findChildren<QPushButton*>())
    if (b->text() == "Cancel") cancel = b;
  REQUIRE(cancel);
  cancel->click();
  REQUIRE(done.wait(10000));
  CHECK(clock.elapsed() < 5000);  // well before the script would have ended
  CHECK_FALSE(done.front().at(0).toBool());
  CHECK(done.front().at(1).toString() == "Export of slow.step cancelled: no file was written");
  CHECK_FALSE(QFileInfo::exists(dir.path() + "/slow.step"));
  CHECK_FALSE(QFileInfo::exists(ours));
  CHECK(QFileInfo::exists(older));
  CHECK_FALSE(controller.progressDialog()->isVisible());
  CHECK(e.records.empty());

  // The worker was replaced: the next export runs, with the dialog usable again.
  done.clear();
  controller.start(kTwoParts, ExportRequest{(dir.path() + "/next.step").toStdString(), 0, 20, false, false});
  CHECK(controller.progressDialog()->isVisible());
  CHECK_FALSE(controller.progressDialog()->wasCanceled());
  REQUIRE(done.wait(60000));
  CHECK(done.front().at(0).toBool());
  CHECK(QFileInfo(dir.path() + "/next.step").size() > 500);

  SECTION("a queued export is dropped at once") {
    done.clear();
    controller.start(slow, ExportRequest{(dir.path() + "/first.step").toStdString(), 0, 20, false, false});
    const std::uint64_t queued =
        controller.start(kTwoParts, ExportRequest{(dir.path() + "/second.step").toStdString(), 0, 20, false, false});
    CHECK(e.runner.cancelExport(queued));
    REQUIRE(done.wait(2000));
    CHECK(done.front().at(1).toString().contains("second.step cancelled"));
    CHECK(controller.isBusy());  // the first one still runs
    CHECK(controller.cancelCurrent());
    REQUIRE(waitUntil([&] { return done.size() == 2; }, 10000));
    CHECK_FALSE(QFileInfo::exists(dir.path() + "/first.step"));
    CHECK_FALSE(QFileInfo::exists(dir.path() + "/second.step"));
    CHECK_FALSE(e.runner.cancelExport(queued));
  }
}

TEST_CASE("export: parts without a generation are recorded with their script, format, path and time",
          "[app][export]") {
  int64_t hingedBox = 0;
  // A conversation whose request got no generation yet (no model was connected).
  StoredWindowFixture f([&](store::Store& s) {
    hingedBox = s.conversations().create("Hinged box").id;
    store::NewMessage m;
    m.role = "user";
    m.content = "A small box with a living hinge lid";
    s.conversations().appendMessage(hingedBox, m);
  });
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  QTemporaryDir& dir = f.dir;
  const std::string& dbPath = f.dbPath;
  w.loadExample();
  REQUIRE(waitUntil([&] { return w.lastPreview() && w.lastPreview()->ok && !w.lastPreview()->parts.empty(); }));
  REQUIRE(w.currentGenerationId() == 0);
  const int64_t start = store::nowMs();

  // Exports through the window; returns the id of the row recorded for it.
  auto exportFile = [&](const QString& name) -> int64_t {
    QSignalSpy recorded(&w, &MainWindow::exportRecorded);
    QSignalSpy done(&w, &MainWindow::exportDone);
    const QString path = dir.path() + "/" + name;
    if (name.endsWith(".js")) {
      w.exportScriptTo(path);
    } else {
      ExportRequest request;
      request.path = path.toStdString();
      w.exportTo(request);
    }
    if (!waitUntil([&] { return !recorded.isEmpty() && !done.isEmpty(); }, 30000)) return 0;
    CHECK(done.front().front().toBool());
    CHECK(recorded.front().at(0).toLongLong() == 0);  // no generation
    CHECK(QFileInfo(path).size() > 100);
    return recorded.front().at(1).toLongLong();
  };

  // 1. The first-start example, as STL and as its script.
  const QString exampleCode = w.codeEditor()->toPlainText();
  const int64_t exampleStl = exportFile("bracket.stl");
  REQUIRE(exampleStl > 0);
  const int64_t exampleJs = exportFile("bracket.js");
  REQUIRE(exampleJs > 0);

  // 2. A script opened from a file.
  const QString scriptPath = dir.path() + "/plate.js";
  const QString plateCode = "const side = 30; // [10:100]\nshow(cq.Workplane('XY').box(side, side, 4), 'plate');\n";
  {
    QFile file(scriptPath);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(plateCode.toUtf8());
  }
  QSignalSpy loaded(&w, &MainWindow::fileLoaded);
  w.openFile(scriptPath);
  REQUIRE(loaded.wait(10000));
  REQUIRE(waitUntil([&] { return w.lastPreview()->ok && w.lastPreview()->box.valid && std::abs(w.lastPreview()->box.size(0) - 30) < 0.05; }));
  const int64_t opened = exportFile("plate.step");
  REQUIRE(opened > 0);

  // 3. Code typed by hand and run (Ctrl+R) in a conversation that has no generation.
  w.showConversation(hingedBox);
  REQUIRE(waitUntil([&] { return w.chatPane()->conversationId() == std::optional<int64_t>(hingedBox); }, 5000));
  const QString typed = "const w = 24; // [10:60]\nshow(cq.Workplane('XY').box(w, 16, 12), 'box');\n";
  w.loadScript(typed, {});
  w.codeEditor()->document()->setModified(true);
  REQUIRE(waitUntil([&] { return w.lastPreview()->ok && w.lastPreview()->box.valid && std::abs(w.lastPreview()->box.size(0) - 24) < 0.05; }));
  REQUIRE(w.currentGenerationId() == 0);
  const int64_t handMade = exportFile("box.3mf");
  REQUIRE(handMade > 0);

  // "What did I export": every one listed, newest first, with format, path, time and the part.
  store::StoreOptions o;
  o.create = false;
  o.seedLibrary = false;
  o.autoBackup = false;
  store::Store s(dbPath, o);
  const auto listed = s.feedback().recentExports();
  REQUIRE(listed.size() == 4);
  CHECK(listed[0].id == handMade);
  CHECK(listed[1].id == opened);
  CHECK(listed[2].id == exampleJs);
  CHECK(listed[3].id == exampleStl);
  for (const auto& e : listed) {
    CHECK(e.generationId == 0);
    CHECK(e.createdMs >= start);
    CHECK(e.createdMs <= store::nowMs());
    REQUIRE(e.code);
    CHECK(e.codeHash == std::optional<std::string>(store::contentHash(*e.code)));
    CHECK(e.parameters["bytes"].get<int64_t>() > 100);
  }
  CHECK(listed[3].format == "stl");
  CHECK(listed[3].path == (dir.path() + "/bracket.stl").toStdString());
  CHECK(listed[3].source == "example:mounting_bracket.js");
  CHECK(*listed[3].code == exampleCode.toStdString());
  CHECK_FALSE(listed[3].conversationId.has_value());
  CHECK(listed[3].parameters["values"]["width"] == 40);
  CHECK(listed[2].format == "js");
  CHECK(listed[2].codeHash == listed[3].codeHash);  // the same part
  CHECK(listed[1].format == "step");
  CHECK(listed[1].source == scriptPath.toStdString());
  CHECK(*listed[1].code == plateCode.toStdString());
  CHECK(listed[1].parameters["values"]["side"] == 30);
  CHECK(listed[0].format == "3mf");
  CHECK(*listed[0].code == typed.toStdString());
  CHECK(listed[0].source.empty());
  CHECK(listed[0].conversationId == std::optional<int64_t>(hingedBox));
  CHECK(s.feedback().recentExports(10, hingedBox).size() == 1);

  // File ▸ Recent exports lists them the same way; a file deleted since is marked, the
  // conversation filter narrows the list, and a row brings its part back exactly as exported.
  REQUIRE(QFile::remove(dir.path() + "/bracket.stl"));
  QAction* recentAction = w.findChild<QAction*>("recentExportsAction");
  REQUIRE(recentAction);
  CHECK(recentAction->isEnabled());
  CHECK(recentAction->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
  recentAction->trigger();
  auto* recent = w.findChild<RecentExportsDialog*>();
  REQUIRE(recent);
  CHECK(recent->isVisible());
  REQUIRE(waitUntil([&] { return !recent->isBusy() && recent->rows().size() == 4; }, 10000));
  QTreeWidget* table = recent->table();
  REQUIRE(table->topLevelItemCount() == 4);
  CHECK(recent->rows()[0].exportId == handMade);
  CHECK(table->topLevelItem(0)->text(1) == "3MF");
  CHECK(table->topLevelItem(0)->text(2) == "box.3mf");
  CHECK(table->topLevelItem(0)->text(3) == "Code written here · Hinged box");
  CHECK(table->topLevelItem(0)->text(4) == "w = 24");
  CHECK_FALSE(table->topLevelItem(0)->text(5).isEmpty());
  CHECK(table->topLevelItem(1)->text(3) == "plate.js");
  CHECK(table->topLevelItem(1)->text(4) == "side = 30");
  CHECK(table->topLevelItem(3)->text(3) == "Example mounting_bracket.js");
  CHECK(table->topLevelItem(3)->text(2) == "bracket.stl (gone)");
  CHECK(table->topLevelItem(3)->font(2).italic());
  CHECK(table->topLevelItem(2)->text(2) == "bracket.js");
  CHECK(recent->statusLabel()->text().contains("4 exports"));
  CHECK(recent->statusLabel()->text().contains("1 file is no longer where"));
  // None was made by a generation: nothing to open but the scripts themselves.
  CHECK(table->currentItem() == table->topLevelItem(0));
  CHECK_FALSE(recent->openVersionButton()->isEnabled());
  CHECK(recent->loadButton()->isEnabled());

  recent->copyPathButton()->click();
  CHECK(QApplication::clipboard()->text() == QDir::toNativeSeparators(dir.path() + "/box.3mf"));
  // "Open file" hands the file to the desktop (a slicer for 3MF); a file that is gone cannot be opened.
  {
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler("file", &catcher, "open");
    REQUIRE(recent->openFileButton()->isEnabled());
    recent->openFileButton()->click();
    QDesktopServices::unsetUrlHandler("file");
    REQUIRE(catcher.urls.size() == 1);
    CHECK(catcher.urls.front() == QUrl::fromLocalFile(dir.path() + "/box.3mf"));
    recent->table()->setCurrentItem(table->topLevelItem(3));  // bracket.stl (gone)
    CHECK_FALSE(recent->openFileButton()->isEnabled());
    recent->table()->setCurrentItem(table->topLevelItem(0));
  }

  QSignalSpy reloaded(recent, &RecentExportsDialog::loaded);
  recent->conversationOnlyBox()->setChecked(true);
  REQUIRE(reloaded.wait(10000));
  REQUIRE(recent->rows().size() == 1);
  CHECK(recent->rows()[0].exportId == handMade);
  recent->conversationOnlyBox()->setChecked(false);
  REQUIRE(reloaded.wait(10000));
  REQUIRE(recent->rows().size() == 4);

  // The opened file's export, loaded as exported: its code and part come back, no version.
  REQUIRE(recent->selectExport(opened));
  QSignalSpy applied(&w, &MainWindow::previewApplied);
  recent->loadButton()->click();
  CHECK(w.codeEditor()->toPlainText() == plateCode);
  CHECK(w.statusText().contains("the script of plate.step as exported"));
  REQUIRE(waitUntil([&] { return w.lastPreview()->ok && w.lastPreview()->box.valid && std::abs(w.lastPreview()->box.size(0) - 30) < 0.05; }));
  CHECK(w.currentGenerationId() == 0);
  CHECK(w.statusText() == "1 part");
  recent->close();
  w.close();
}

TEST_CASE("export dialog: the last choices come back and replacing a file is confirmed", "[app][export]") {
  application();
  QTemporaryDir dir;
  REQUIRE(dir.isValid());
  const QString ini = dir.path() + "/partsmith.ini";
  CHECK(ExportDialog::lastFolder(ini).isEmpty());
  {
    ExportDialog first(dir.path() + "/bracket.stl", 2, nullptr, ini, true);
    CHECK(first.request().tolerance == 0);  // nothing remembered yet: the defaults
    CHECK_FALSE(first.request().merged);
    first.setPath(dir.path() + "/bracket.3mf");
    first.setTolerance(0.02);
    first.setMerged(true);
    first.accept();
    CHECK(first.result() == QDialog::Accepted);
  }
  CHECK(ExportDialog::lastFolder(ini) == dir.path());
  {
    ExportDialog next(dir.path() + "/plate.stl", 2, nullptr, ini, true);
    CHECK(next.path() == dir.path() + "/plate.3mf");  // the format chosen last time
    CHECK(next.request().tolerance == Approx(0.02));
    CHECK(next.request().merged);
  }
  {
    ExportDialog scripted(dir.path() + "/plate.stl", 2, nullptr, ini);  // remember = false
    CHECK(scripted.path() == dir.path() + "/plate.stl");
    CHECK(scripted.request().tolerance == 0);
  }

  // An existing file: No keeps the dialog open, Yes replaces.
  {
    QFile existing(dir.path() + "/plate.3mf");
    REQUIRE(existing.open(QIODevice::WriteOnly));
    existing.write("old");
  }
  auto answer = [](QMessageBox::StandardButton button, QString* text) {
    QTimer::singleShot(0, [button, text] {
      for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible()) {
          *text = box->text();
          box->button(button)->click();
        }
    });
  };
  ExportDialog replace(dir.path() + "/plate.3mf", 2, nullptr, ini, true);
  replace.show();
  QString asked;
  answer(QMessageBox::No, &asked);
  replace.accept();
  CHECK(asked.contains("plate.3mf already exists"));
  CHECK(replace.isVisible());
  CHECK(replace.result() != QDialog::Accepted);
  asked.clear();
  answer(QMessageBox::Yes, &asked);
  replace.accept();
  CHECK_FALSE(asked.isEmpty());
  CHECK(replace.result() == QDialog::Accepted);
}

#include "test_export_options.moc"
