// The History pane on a real database: conversations listed newest first, search, rename in
// place, archive, delete with undo (and without), versions that open, branch and compare
// (unified diff and facts side by side).
#include <catch2/catch.hpp>

// Before any Qt header: the agent's StageContext has a method named emit, a Qt macro.
#include "../agent/agent_test_support.h"

#include <QCheckBox>
#include <QFile>
#include <QSettings>
#include <QTabWidget>
#include <QElapsedTimer>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>

#include "app/chat_input.h"
#include "app/chat_message_view.h"
#include "app/chat_pane.h"
#include "app/chat_timeline.h"
#include "app/code_editor.h"
#include "app/history_panel.h"
#include "app/line_diff.h"
#include "app/rating_widget.h"
#include "app/version_compare_dialog.h"
#include "app/workbench_window.h"
#include "store/database.h"
#include "store/store_error.h"
#include "store_fixture.h"

using namespace partsmith::app;
using namespace partsmith::app::testing;
namespace store = partsmith::store;

namespace {

QStringList titles(const HistoryPanel& p) {
  QStringList out;
  for (int i = 0; i < p.tree()->topLevelItemCount(); ++i) out << p.tree()->topLevelItem(i)->text(0);
  return out;
}

bool waitList(HistoryPanel& p, QSignalSpy& spy) {
  const int before = spy.count();
  return waitUntil([&] { return spy.count() > before && !p.isBusy(); }, 5000);
}

void select(HistoryPanel& p, QTreeWidgetItem* item) {
  p.tree()->clearSelection();
  p.tree()->setCurrentItem(item);
  item->setSelected(true);
}

bool exists(StoreFixture& f, int64_t conversationId) {
  try {
    f.s().conversations().get(conversationId);
    return true;
  } catch (const store::StoreError&) {
    return false;
  }
}

struct History {
  StoreFixture f;
  int64_t plate = 0, bracket = 0, box = 0;
  int64_t plateV1 = 0, plateV2 = 0, bracketV1 = 0;

  History() {
    auto& conv = f.s().conversations();
    plate = conv.create("Mounting plate").id;
    plateV1 = f.addGeneration(plate);
    GenerationSeed wider;
    wider.request = "Make it 60 mm wide with three holes";
    wider.w = 60;
    wider.holes = 3;
    wider.score = 6.4;
    wider.parent = plateV1;
    plateV2 = f.addGeneration(plate, wider);
    bracket = conv.create("Pipe bracket").id;
    GenerationSeed b;
    b.request = "A wall bracket for a 25 mm pipe";
    bracketV1 = f.addGeneration(bracket, b);
    box = conv.create("Hinged box").id;
    conv.appendMessage(box, message("user", "A small box with a living hinge lid"));
  }
};

}  // namespace

TEST_CASE("unified diff of two scripts", "[app][history]") {
  const std::string before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
  const std::string after = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n";
  CHECK(unifiedDiff(before, after, "v1", "v2", 2) ==
        "--- v1\n+++ v2\n"
        "@@ -2,5 +2,5 @@\n b\n c\n-d\n+D\n e\n f\n"
        "@@ -9,2 +9,3 @@\n i\n j\n+k\n");
  CHECK(unifiedDiff(before, before, "v1", "v2").empty());
  CHECK(unifiedDiff("", "x\n", "a", "b") == "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n");
}

TEST_CASE("history lists, searches, renames in place and archives conversations", "[app][history]") {
  History h;
  HistoryPanel panel(*h.f.worker);
  QSignalSpy listed(&panel, &HistoryPanel::listLoaded);
  panel.resize(460, 520);
  panel.show();
  REQUIRE(QTest::qWaitForWindowExposed(&panel));
  REQUIRE(waitUntil([&] { return listed.count() > 0 && !panel.isBusy(); }, 5000));
  // Newest first (the box was created last).
  CHECK(titles(panel) == QStringList{"Hinged box", "Pipe bracket", "Mounting plate"});

  // Search: words in a message find their conversation.
  QTest::keyClicks(panel.searchField(), "hinge");
  REQUIRE(waitList(panel, listed));
  CHECK(titles(panel) == QStringList{"Hinged box"});
  panel.searchField()->clear();
  REQUIRE(waitList(panel, listed));
  CHECK(panel.tree()->topLevelItemCount() == 3);

  // Rename in place: F2, type, Enter.
  QSignalSpy renamed(&panel, &HistoryPanel::conversationRenamed);
  select(panel, panel.conversationItem(h.bracket));
  panel.tree()->setFocus();
  QTest::keyClick(panel.tree(), Qt::Key_F2);
  auto* editor = panel.tree()->findChild<QLineEdit*>();
  REQUIRE(editor);
  CHECK(editor->text() == "Pipe bracket");
  editor->selectAll();
  QTest::keyClicks(editor, "Pipe clamp, 25 mm");
  QTest::keyClick(editor, Qt::Key_Return);
  REQUIRE((renamed.count() > 0 || renamed.wait(5000)));
  CHECK(renamed.front().at(0).toLongLong() == h.bracket);
  CHECK(h.f.s().conversations().get(h.bracket).title == "Pipe clamp, 25 mm");
  // Renaming makes it the newest.
  REQUIRE(waitUntil([&] { return !panel.isBusy() && titles(panel).first() == "Pipe clamp, 25 mm"; }, 5000));

  // Archive: it leaves the list, and comes back with "Archived" ticked, marked as such.
  QSignalSpy archived(&panel, &HistoryPanel::conversationArchived);
  select(panel, panel.conversationItem(h.plate));
  QTest::mouseClick(panel.button("archiveButton"), Qt::LeftButton);
  REQUIRE((archived.count() > 0 || archived.wait(5000)));
  CHECK(h.f.s().conversations().get(h.plate).archived);
  REQUIRE(waitUntil([&] { return !panel.isBusy() && panel.conversationItem(h.plate) == nullptr; }, 5000));
  QTest::mouseClick(panel.showArchivedBox(), Qt::LeftButton);
  REQUIRE(waitList(panel, listed));
  REQUIRE(panel.conversationItem(h.plate));
  CHECK(panel.conversationItem(h.plate)->text(0) == "Mounting plate (archived)");
  select(panel, panel.conversationItem(h.plate));
  CHECK(panel.button("archiveButton")->text() == "Restore");
  QTest::mouseClick(panel.button("archiveButton"), Qt::LeftButton);
  REQUIRE(waitUntil([&] { return archived.count() == 2; }, 5000));
  CHECK_FALSE(h.f.s().conversations().get(h.plate).archived);
  REQUIRE(waitUntil([&] {
    return !panel.isBusy() && panel.conversationItem(h.plate) && panel.conversationItem(h.plate)->text(0) == "Mounting plate";
  }, 5000));

  // Activating a conversation asks the window to open it.
  QSignalSpy activated(&panel, &HistoryPanel::conversationActivated);
  QTreeWidgetItem* box = panel.conversationItem(h.box);
  const QPoint at = panel.tree()->visualItemRect(box).center();
  QTest::mouseClick(panel.tree()->viewport(), Qt::LeftButton, {}, at);  // a double click starts with a press
  QTest::mouseDClick(panel.tree()->viewport(), Qt::LeftButton, {}, at);
  REQUIRE(activated.count() == 1);
  CHECK(activated.front().front().toLongLong() == h.box);
  panel.setCurrentConversation(h.box);
  CHECK(panel.conversationItem(h.box)->font(0).bold());
  saveShot(panel.grab().toImage(), "history_panel_list");
}

TEST_CASE("delete with undo keeps the conversation; without undo it is removed", "[app][history]") {
  History h;
  auto panel = std::make_unique<HistoryPanel>(*h.f.worker);
  panel->setUndoTimeoutMs(400);
  QSignalSpy listed(panel.get(), &HistoryPanel::listLoaded);
  panel->resize(460, 420);
  panel->show();
  REQUIRE(QTest::qWaitForWindowExposed(panel.get()));
  REQUIRE(waitUntil([&] { return listed.count() > 0 && !panel->isBusy(); }, 5000));

  // Delete (the Del key), then Undo: back in the list, never touched in the database.
  QSignalSpy deleted(panel.get(), &HistoryPanel::conversationDeleted);
  QSignalSpy removed(panel.get(), &HistoryPanel::conversationRemoved);
  select(*panel, panel->conversationItem(h.plate));
  panel->tree()->setFocus();
  QTest::keyClick(panel->tree(), Qt::Key_Delete);
  REQUIRE(deleted.count() == 1);
  CHECK(panel->conversationItem(h.plate) == nullptr);
  CHECK(panel->undoBar()->isVisible());
  CHECK(panel->findChild<QLabel*>("historyUndoLabel")->text().startsWith("Deleted “Mounting plate”"));
  saveShot(panel->grab().toImage(), "history_panel_undo_bar");
  QTest::mouseClick(panel->undoButton(), Qt::LeftButton);
  CHECK_FALSE(panel->undoBar()->isVisible());
  REQUIRE(waitList(*panel, listed));
  CHECK(panel->conversationItem(h.plate) != nullptr);
  QTest::qWait(600);  // past the undo window: nothing may happen now
  CHECK(removed.isEmpty());
  CHECK(exists(h.f, h.plate));
  CHECK(h.f.s().generations().listForConversation(h.plate).size() == 2);

  // Delete and let the undo window pass: gone with its messages and generations.
  select(*panel, panel->conversationItem(h.plate));
  QTest::mouseClick(panel->button("deleteButton"), Qt::LeftButton);
  CHECK(exists(h.f, h.plate));  // still there during the undo window
  REQUIRE((removed.count() > 0 || removed.wait(5000)));
  CHECK(removed.front().front().toLongLong() == h.plate);
  CHECK_FALSE(panel->undoBar()->isVisible());
  CHECK_FALSE(exists(h.f, h.plate));
  CHECK(h.f.s().generations().listForConversation(h.plate).empty());
  CHECK(h.f.s().conversations().count() == 2);

  // A delete pending when the panel closes is carried out, not forgotten.
  panel->setUndoTimeoutMs(60000);
  select(*panel, panel->conversationItem(h.box));
  QTest::mouseClick(panel->button("deleteButton"), Qt::LeftButton);
  REQUIRE(panel->pendingDelete() == h.box);
  panel.reset();
  REQUIRE(waitUntil([&] { return h.f.worker->pending() == 0; }, 5000));
  CHECK_FALSE(exists(h.f, h.box));
  CHECK(exists(h.f, h.bracket));
}

TEST_CASE("versions open, branch and compare with a diff and their facts side by side", "[app][history]") {
  History h;
  HistoryPanel panel(*h.f.worker);
  QSignalSpy listed(&panel, &HistoryPanel::listLoaded);
  QSignalSpy versions(&panel, &HistoryPanel::versionsLoaded);
  panel.resize(520, 480);
  panel.show();
  REQUIRE(QTest::qWaitForWindowExposed(&panel));
  REQUIRE(waitUntil([&] { return listed.count() > 0 && !panel.isBusy(); }, 5000));

  QTreeWidgetItem* plate = panel.conversationItem(h.plate);
  plate->setExpanded(true);
  REQUIRE(waitUntil([&] { return versions.count() > 0; }, 5000));
  REQUIRE(plate->childCount() == 2);
  CHECK(plate->child(0)->text(0).startsWith("v1 · A mounting plate 50 by 40 mm"));
  CHECK(plate->child(0)->text(0).endsWith("8.2 / 10"));
  CHECK(plate->child(1)->text(0) == "v2 · Make it 60 mm wide with three holes · 6.4 / 10");
  QTreeWidgetItem* v2 = panel.versionItem(h.plateV2);
  REQUIRE(v2);

  QSignalSpy open(&panel, &HistoryPanel::openGeneration);
  QSignalSpy branch(&panel, &HistoryPanel::branchFrom);
  select(panel, v2);
  QTest::mouseClick(panel.button("openButton"), Qt::LeftButton);
  REQUIRE(open.count() == 1);
  CHECK(open.front().front().toLongLong() == h.plateV2);
  QTest::mouseClick(panel.button("branchButton"), Qt::LeftButton);
  REQUIRE(branch.count() == 1);
  CHECK(branch.front().front().toLongLong() == h.plateV2);
  const QPoint v1At = panel.tree()->visualItemRect(plate->child(0)).center();
  QTest::mouseClick(panel.tree()->viewport(), Qt::LeftButton, {}, v1At);
  QTest::mouseDClick(panel.tree()->viewport(), Qt::LeftButton, {}, v1At);
  REQUIRE(open.count() == 2);
  CHECK(open.back().front().toLongLong() == h.plateV1);

  // The first version has nothing before it; the second compares with the first.
  select(panel, panel.versionItem(h.plateV1));
  CHECK_FALSE(panel.button("compareButton")->isEnabled());
  CHECK_FALSE(panel.button("renameButton")->isEnabled());
  select(panel, panel.versionItem(h.plateV2));
  REQUIRE(panel.button("compareButton")->isEnabled());
  QTest::mouseClick(panel.button("compareButton"), Qt::LeftButton);
  auto* dialog = panel.findChild<VersionCompareDialog*>();
  REQUIRE(dialog);
  CHECK(dialog->beforeId() == h.plateV1);
  CHECK(dialog->afterId() == h.plateV2);
  REQUIRE(waitUntil([&] { return dialog->isLoaded(); }, 5000));
  const QString diff = dialog->diffText();
  CHECK(diff.startsWith(QString("--- version %1\n+++ version %2\n@@ -1,").arg(h.plateV1).arg(h.plateV2)));
  CHECK(diff.contains("\n-const width = 50; // [10:1:200] Width\n"));
  CHECK(diff.contains("\n+const width = 60; // [10:1:200] Width\n"));
  CHECK(diff.contains("\n-const holes = 2;\n+const holes = 3;\n"));
  CHECK(diff.contains("\n const depth = 40;"));  // context
  CHECK_FALSE(diff.contains("\n-result = plate;"));
  CHECK(dialog->row("Size") == qMakePair(QString("50 × 40 × 10 mm"), QString("60 × 40 × 10 mm")));
  CHECK(dialog->row("Holes") == qMakePair(QString("2: Ø4 through ×2"), QString("3: Ø4 through ×3")));
  CHECK(dialog->row("Score") == qMakePair(QString("8.2 / 10"), QString("6.4 / 10")));
  CHECK(dialog->row("Solids") == qMakePair(QString("1"), QString("1")));
  CHECK(dialog->row("Volume").first.startsWith("19,748.7 mm³"));
  CHECK(dialog->row("Visual track") == qMakePair(QString("8.0 / 10"), QString("8.0 / 10")));
  dialog->resize(900, 640);
  QTest::qWait(50);
  saveShot(dialog->grab().toImage(), "version_compare_dialog");

  // Two versions from different conversations compare too (older on the left).
  QTreeWidgetItem* bracket = panel.conversationItem(h.bracket);
  versions.clear();
  bracket->setExpanded(true);
  REQUIRE(waitUntil([&] { return versions.count() > 0; }, 5000));
  panel.tree()->clearSelection();
  panel.versionItem(h.bracketV1)->setSelected(true);
  panel.versionItem(h.plateV1)->setSelected(true);
  REQUIRE(panel.button("compareButton")->isEnabled());
  CHECK_FALSE(panel.button("branchButton")->isEnabled());
  dialog->close();
  QTest::qWait(20);
  QTest::mouseClick(panel.button("compareButton"), Qt::LeftButton);
  auto* second = panel.findChild<VersionCompareDialog*>();
  REQUIRE(second);
  CHECK(second->beforeId() == h.plateV1);
  CHECK(second->afterId() == h.bracketV1);
  REQUIRE(waitUntil([&] { return second->isLoaded(); }, 5000));
  CHECK(second->diffText() == "The two versions have the same code.");
  saveShot(panel.grab().toImage(), "history_panel_versions");
}

TEST_CASE("the history list loads off the GUI thread", "[app][history]") {
  StoreFixture f;
  {
    store::Transaction tx(f.s().db(), "fill the history");
    for (int i = 0; i < 400; ++i) {
      const int64_t id = f.s().conversations().create("Part " + std::to_string(i)).id;
      f.s().conversations().appendMessage(id, message("user", "A spacer number " + std::to_string(i) + " with a 5 mm bore"));
    }
    tx.commit();
  }
  QElapsedTimer t;
  t.start();
  HistoryPanel panel(*f.worker);
  CHECK(t.elapsed() < 50);  // constructing it does no disk work
  QSignalSpy listed(&panel, &HistoryPanel::listLoaded);
  panel.show();
  t.restart();
  QTest::keyClicks(panel.searchField(), "spacer");
  panel.refresh();
  CHECK(t.elapsed() < 50);
  REQUIRE(waitUntil([&] { return listed.count() > 0 && !panel.isBusy() && panel.tree()->topLevelItemCount() > 0; }, 10000));
  CHECK(panel.tree()->topLevelItemCount() >= 1);
}

TEST_CASE("a database that cannot be opened is reported in the panel, not a crash", "[app][history]") {
  application();
  QTemporaryDir dir;
  StoreWorker worker(dir.path() + "/missing/partsmith.db");
  HistoryPanel panel(worker);
  QSignalSpy errors(&panel, &HistoryPanel::errorOccurred);
  panel.show();
  REQUIRE((errors.count() > 0 || errors.wait(5000)));
  auto* label = panel.findChild<QLabel*>("historyError");
  REQUIRE(label);
  CHECK(label->isVisible());
  CHECK(label->text().startsWith("Could not read the history: could not "));
  CHECK(label->text().contains("missing/partsmith.db"));
  CHECK(panel.tree()->topLevelItemCount() == 0);
}

TEST_CASE("the current conversation is marked and selected, also after the list is rebuilt", "[app][history]") {
  History h;
  HistoryPanel panel(*h.f.worker);
  QSignalSpy listed(&panel, &HistoryPanel::listLoaded);
  QSignalSpy versions(&panel, &HistoryPanel::versionsLoaded);
  panel.resize(460, 520);
  panel.show();
  REQUIRE(QTest::qWaitForWindowExposed(&panel));
  REQUIRE(waitUntil([&] { return listed.count() > 0 && !panel.isBusy(); }, 5000));

  // Selecting the current one: marked bold, selected, and still so after a rebuild.
  select(panel, panel.conversationItem(h.box));
  panel.setCurrentConversation(h.bracket, true);
  CHECK(panel.currentConversation() == std::optional<qint64>(h.bracket));
  CHECK(panel.conversationItem(h.bracket)->font(0).bold());
  CHECK_FALSE(panel.conversationItem(h.box)->font(0).bold());
  REQUIRE(panel.tree()->selectedItems().size() == 1);
  CHECK(panel.tree()->selectedItems().front() == panel.conversationItem(h.bracket));
  panel.refresh();
  REQUIRE(waitList(panel, listed));
  CHECK(panel.conversationItem(h.bracket)->font(0).bold());
  REQUIRE(panel.tree()->selectedItems().size() == 1);
  CHECK(panel.tree()->selectedItems().front() == panel.conversationItem(h.bracket));

  // A version of it selected (the one just opened) stays selected, also across a rebuild.
  panel.conversationItem(h.plate)->setExpanded(true);
  REQUIRE(waitUntil([&] { return panel.versionItem(h.plateV2) != nullptr; }, 5000));
  select(panel, panel.versionItem(h.plateV2));
  panel.setCurrentConversation(h.plate, true);
  CHECK(panel.versionItem(h.plateV2)->isSelected());
  CHECK_FALSE(panel.conversationItem(h.plate)->isSelected());
  CHECK_FALSE(panel.conversationItem(h.bracket)->font(0).bold());
  versions.clear();
  panel.refresh();
  REQUIRE(waitList(panel, listed));
  REQUIRE(waitUntil([&] { return versions.count() > 0 && panel.versionItem(h.plateV2) != nullptr; }, 5000));
  CHECK(panel.versionItem(h.plateV2)->isSelected());
  CHECK(panel.tree()->selectedItems().size() == 1);
  CHECK(panel.conversationItem(h.plate)->font(0).bold());

  // Not listed yet (a search hides it): selected once the list has it again.
  // (The search runs after a pause in typing; a slow machine may run it more than once.)
  QTest::keyClicks(panel.searchField(), "hinge");
  REQUIRE(waitUntil([&] { return !panel.isBusy() && titles(panel) == QStringList{"Hinged box"}; }, 5000));
  panel.setCurrentConversation(h.bracket, true);
  panel.searchField()->clear();
  REQUIRE(waitUntil([&] { return !panel.isBusy() && panel.tree()->topLevelItemCount() == 3; }, 5000));
  REQUIRE(panel.conversationItem(h.bracket));
  CHECK(panel.conversationItem(h.bracket)->isSelected());
  CHECK(panel.conversationItem(h.bracket)->font(0).bold());

  // A new conversation in the chat: none is current.
  panel.setCurrentConversation(0);
  CHECK_FALSE(panel.currentConversation().has_value());
  for (int i = 0; i < panel.tree()->topLevelItemCount(); ++i) CHECK_FALSE(panel.tree()->topLevelItem(i)->font(0).bold());
}

TEST_CASE("a list that arrives while a title is edited waits for the edit", "[app][history]") {
  History h;
  HistoryPanel panel(*h.f.worker);
  QSignalSpy listed(&panel, &HistoryPanel::listLoaded);
  panel.resize(460, 520);
  panel.show();
  REQUIRE(QTest::qWaitForWindowExposed(&panel));
  REQUIRE(waitUntil([&] { return listed.count() > 0 && !panel.isBusy(); }, 5000));
  select(panel, panel.conversationItem(h.box));
  panel.renameSelected();
  REQUIRE(panel.isEditingTitle());
  auto* editor = panel.tree()->viewport()->findChild<QLineEdit*>();
  REQUIRE(editor);
  editor->selectAll();
  QTest::keyClicks(editor, "Hinged box, 3D printed");
  // A generation ends meanwhile and the window reloads the list: the row being edited stays.
  const int before = listed.count();
  panel.refresh();
  REQUIRE(waitUntil([&] { return !panel.isBusy(); }, 5000));
  QTest::qWait(50);
  CHECK(listed.count() == before);
  CHECK(panel.isEditingTitle());
  CHECK(editor->text() == "Hinged box, 3D printed");
  QSignalSpy renamed(&panel, &HistoryPanel::conversationRenamed);
  QTest::keyClick(editor, Qt::Key_Return);
  REQUIRE((renamed.count() > 0 || renamed.wait(5000)));
  CHECK(h.f.s().conversations().get(h.box).title == "Hinged box, 3D printed");
  // The list deferred during the edit is read afterwards.
  REQUIRE(waitUntil([&] { return listed.count() > before && !panel.isBusy(); }, 5000));
  CHECK_FALSE(panel.isEditingTitle());
  REQUIRE(panel.conversationItem(h.box));
  CHECK(panel.conversationItem(h.box)->text(0) == "Hinged box, 3D printed");
}

namespace {

namespace at = partsmith::agent::testing;
using partsmith::test::LlmTestServer;
using partsmith::test::ScriptedResponse;

const char* kHistoryKeyEnv = "PARTSMITH_HISTORY_TEST_KEY";

// The window on the fixture's database, with the scripted LLM peer as its only provider.
struct HistoryWindow {
  History h;
  QTemporaryDir dir;
  LlmTestServer server;
  std::unique_ptr<MainWindow> w;

  HistoryWindow() {
    ::setenv("PARTSMITH_KERNEL", partsmith::test::kernelExecutable().c_str(), 1);
    ::setenv(kHistoryKeyEnv, "sk-test-0123456789abcdef", 1);
    nlohmann::json stage = {{"provider", "scripted"}, {"model", "claude-sonnet-4-5"}};
    nlohmann::json llm = {
        {"providers", nlohmann::json::array({{{"id", "scripted"}, {"kind", "anthropic"}, {"base_url", server.baseUrl()},
                                              {"key_env", kHistoryKeyEnv}, {"default_model", "claude-sonnet-4-5"},
                                              {"max_retries", 0}}})},
        {"stages", {{"spec", stage}, {"code", stage}, {"review", stage}, {"vision", stage}}},
        {"auto_detect_ollama", false}};
    QFile f(dir.path() + "/settings.json");
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(nlohmann::json{{"llm", llm}}.dump(2)));
    f.close();
    QSettings ini(dir.path() + "/partsmith.ini", QSettings::IniFormat);
    for (const char* key : {"pipeline/review", "pipeline/visual", "pipeline/refine", "pipeline/decompose"})
      ini.setValue(key, false);
    ini.sync();
    // The fixture's scripts end with `result = plate;`; the app shows what `show()` gets.
    h.f.s().db().exec("UPDATE generations SET final_code = replace(final_code, 'result = plate;', 'show(plate);')");

    MainWindowOptions o;
    o.dbPath = QString::fromStdString(h.f.path);
    o.settingsPath = dir.path() + "/settings.json";
    o.iniPath = dir.path() + "/partsmith.ini";
    w = std::make_unique<MainWindow>(o);
    w->resize(1400, 860);
    w->show();
    REQUIRE(QTest::qWaitForWindowExposed(w.get()));
    w->activateWindow();
    QApplication::setActiveWindow(w.get());
    REQUIRE(waitUntil([&] { return w->historyPanel() && w->chatPane()->ready() && !w->historyPanel()->isBusy() &&
                                   w->historyPanel()->tree()->topLevelItemCount() == 3; },
                      20000));
  }
  ~HistoryWindow() {
    w->close();
    w.reset();
    QApplication::processEvents();
  }

  HistoryPanel& history() { return *w->historyPanel(); }
  QString chatTitle() const { return w->chatPane()->findChild<QLabel*>("conversationTitle")->text(); }
  bool partWidth(double width) const {
    auto p = w->lastPreview();
    return p && p->ok && p->box.valid && std::abs(p->box.size(0) - width) < 0.05;
  }
  void showInChat(int64_t conversationId) {
    w->showConversation(conversationId);
    REQUIRE(waitUntil([&] { return w->chatPane()->conversationId() == std::optional<int64_t>(conversationId); }, 5000));
  }
};

}  // namespace

TEST_CASE("renaming the conversation the chat shows retitles the chat and the window at once", "[app][history]") {
  HistoryWindow hw;
  MainWindow& w = *hw.w;
  hw.showInChat(hw.h.bracket);
  CHECK(hw.chatTitle() == "Pipe bracket");
  CHECK(w.chatPane()->title() == "Pipe bracket");
  CHECK(w.windowTitle() == "Pipe bracket — Partsmith");
  REQUIRE(waitUntil([&] { return hw.history().currentConversation() == std::optional<qint64>(hw.h.bracket); }, 5000));

  // F2 in the History, a new title, Enter: the chat header and the window title follow as soon
  // as the rename is stored, without reopening anything.
  HistoryPanel& history = hw.history();
  w.leftTabs()->setCurrentWidget(&history);
  QSignalSpy renamed(&history, &HistoryPanel::conversationRenamed);
  QSignalSpy chatTitle(w.chatPane(), &ChatPane::titleChanged);
  QSignalSpy switched(w.chatPane(), &ChatPane::conversationChanged);
  select(history, history.conversationItem(hw.h.bracket));
  history.tree()->setFocus();
  QTest::keyClick(history.tree(), Qt::Key_F2);
  auto* editor = history.tree()->findChild<QLineEdit*>();
  REQUIRE(editor);
  editor->selectAll();
  QTest::keyClicks(editor, "Pipe clamp, 25 mm");
  QTest::keyClick(editor, Qt::Key_Return);
  REQUIRE(waitUntil([&] { return renamed.count() > 0; }, 5000));
  // Checked right when the rename is announced: no reload happened in between.
  CHECK(hw.chatTitle() == "Pipe clamp, 25 mm");
  CHECK(w.chatPane()->title() == "Pipe clamp, 25 mm");
  CHECK(w.windowTitle() == "Pipe clamp, 25 mm — Partsmith");
  CHECK(chatTitle.count() == 1);
  CHECK(switched.isEmpty());  // the same conversation, only retitled: messages stay
  CHECK(w.chatPane()->conversationId() == std::optional<int64_t>(hw.h.bracket));
  CHECK(w.chatPane()->messageViews().size() == 2);
  CHECK(hw.h.f.s().conversations().get(hw.h.bracket).title == "Pipe clamp, 25 mm");
  REQUIRE(waitUntil([&] {
    return !history.isBusy() && history.conversationItem(hw.h.bracket) &&
           history.conversationItem(hw.h.bracket)->text(0) == "Pipe clamp, 25 mm";
  }, 5000));
  CHECK(history.conversationItem(hw.h.bracket)->font(0).bold());

  // Renaming another conversation leaves the chat's title alone.
  select(history, history.conversationItem(hw.h.plate));
  history.tree()->setFocus();
  QTest::keyClick(history.tree(), Qt::Key_F2);
  editor = history.tree()->findChild<QLineEdit*>();
  REQUIRE(editor);
  editor->selectAll();
  QTest::keyClicks(editor, "Shelf plate");
  QTest::keyClick(editor, Qt::Key_Return);
  REQUIRE(waitUntil([&] { return renamed.count() == 2; }, 5000));
  CHECK(renamed.back().at(0).toLongLong() == hw.h.plate);
  CHECK(hw.chatTitle() == "Pipe clamp, 25 mm");
  CHECK(w.windowTitle() == "Pipe clamp, 25 mm — Partsmith");
  CHECK(chatTitle.count() == 1);

  // A new conversation: the window is untitled again.
  w.chatPane()->newConversation();
  CHECK(hw.chatTitle() == "New conversation");
  CHECK(w.windowTitle().startsWith("untitled"));
  saveShot(w.grab().toImage(), "history_rename_current");
}

TEST_CASE("opening a version of another conversation switches the chat to that conversation", "[app][history]") {
  HistoryWindow hw;
  MainWindow& w = *hw.w;
  ChatPane* chat = w.chatPane();
  // The bracket's reply carries its timeline, as the pipeline stores it.
  hw.h.f.s().db().exec(
      "UPDATE messages SET metadata = '{\"status\":\"succeeded\",\"timeline\":["
      "{\"kind\":\"stage_start\",\"stage\":\"spec\",\"message\":\"reading the request\",\"ms\":10},"
      "{\"kind\":\"tool_call\",\"stage\":\"code\",\"message\":\"write_code\",\"ms\":900},"
      "{\"kind\":\"tool_result\",\"stage\":\"code\",\"message\":\"write_code done\",\"ms\":950}]}' "
      "WHERE role = 'assistant' AND conversation_id = " + std::to_string(hw.h.bracket));
  // The bracket's version is 70 mm wide, so its part is told apart from the plate's.
  hw.h.f.s().db().exec("UPDATE generations SET final_code = replace(final_code, 'const width = 50;', 'const width = 70;') "
                       "WHERE id = " + std::to_string(hw.h.bracketV1));

  hw.showInChat(hw.h.plate);
  REQUIRE(waitUntil([&] { return w.currentGenerationId() == hw.h.plateV2 && hw.partWidth(60); }, 15000));
  CHECK(chat->messageViews().size() == 4);

  // History → the bracket's version → Open.
  HistoryPanel& history = hw.history();
  w.leftTabs()->setCurrentWidget(&history);
  history.conversationItem(hw.h.bracket)->setExpanded(true);
  REQUIRE(waitUntil([&] { return history.versionItem(hw.h.bracketV1) != nullptr; }, 5000));
  QSignalSpy switched(chat, &ChatPane::conversationChanged);
  QSignalSpy shown(&w, &MainWindow::generationShown);
  select(history, history.versionItem(hw.h.bracketV1));
  QTest::mouseClick(history.button("openButton"), Qt::LeftButton);
  REQUIRE(waitUntil([&] { return !shown.isEmpty(); }, 5000));
  CHECK(shown.front().front().toLongLong() == hw.h.bracketV1);

  // The chat shows the bracket's conversation: its messages and its reply's timeline.
  REQUIRE(switched.count() == 1);
  CHECK(switched.front().at(0).toLongLong() == hw.h.bracket);
  CHECK(chat->conversationId() == std::optional<int64_t>(hw.h.bracket));
  CHECK(chat->currentGenerationId() == std::optional<int64_t>(hw.h.bracketV1));
  CHECK(hw.chatTitle() == "Pipe bracket");
  CHECK(w.windowTitle() == "Pipe bracket — Partsmith");
  const auto views = chat->messageViews();
  REQUIRE(views.size() == 2);
  CHECK(views[0]->role() == ChatMessageView::Role::User);
  CHECK(views[0]->markdown().contains("A wall bracket for a 25 mm pipe"));
  CHECK(views[1]->role() == ChatMessageView::Role::Assistant);
  CHECK(views[1]->generationId == hw.h.bracketV1);
  REQUIRE(views[1]->existingTimeline());
  const QString rows = views[1]->existingTimeline()->rows().join("\n");
  CHECK(rows.contains("reading the request"));
  CHECK(rows.contains("write_code done"));
  CHECK_FALSE(views[1]->existingTimeline()->running());

  // The part is the opened version, not the conversation's newest or remembered one.
  CHECK(w.currentGenerationId() == hw.h.bracketV1);
  CHECK(w.codeEditor()->toPlainText().contains("const width = 70;"));
  REQUIRE(waitUntil([&] { return hw.partWidth(70); }, 15000));

  // The History marks the bracket's conversation as the current one, the opened version
  // still selected.
  REQUIRE(waitUntil([&] {
    return !history.isBusy() && history.currentConversation() == std::optional<qint64>(hw.h.bracket) &&
           history.conversationItem(hw.h.bracket) && history.versionItem(hw.h.bracketV1) &&
           history.versionItem(hw.h.bracketV1)->isSelected();
  }, 5000));
  CHECK(history.conversationItem(hw.h.bracket)->font(0).bold());
  CHECK_FALSE(history.conversationItem(hw.h.plate)->font(0).bold());
  saveShot(w.grab().toImage(), "history_open_other_conversation");

  // A follow-up goes to the bracket's conversation and edits the opened version.
  hw.server.enqueue("/v1/messages", ScriptedResponse::sse(at::anthropicText(at::cubeSpec(80).dump())));
  hw.server.enqueue("/v1/messages",
                    ScriptedResponse::sse(at::anthropicTurn(
                        {{"edit_code", at::args({{"old", "const width = 70;"}, {"new", "const width = 80;"}})},
                         {"run_code", "{}"}},
                        "Widening it.")));
  hw.server.enqueue("/v1/messages",
                    ScriptedResponse::sse(at::anthropicTurn({{"finish", at::args({{"summary", "80 mm wide now."}})}})));
  QSignalSpy finished(chat, &ChatPane::replyFinished);
  w.leftTabs()->setCurrentWidget(chat);
  QPlainTextEdit* input = chat->input()->editor();
  input->setFocus();
  QTest::keyClicks(input, "Make it 80 mm wide");
  QTest::keyClick(input, Qt::Key_Return, Qt::ControlModifier);
  REQUIRE(waitUntil([&] { return !finished.isEmpty(); }, 30000));
  CHECK(finished.front().front().toString() == "succeeded");
  CHECK(chat->conversationId() == std::optional<int64_t>(hw.h.bracket));
  const auto bracketVersions = hw.h.f.s().generations().listForConversation(hw.h.bracket);
  REQUIRE(bracketVersions.size() == 2);
  CHECK(bracketVersions.back().parentGenerationId == std::optional<int64_t>(hw.h.bracketV1));
  CHECK(bracketVersions.back().request == "Make it 80 mm wide");
  CHECK(hw.h.f.s().generations().listForConversation(hw.h.plate).size() == 2);  // nothing went there
  const auto messages = hw.h.f.s().conversations().activeBranch(hw.h.bracket);
  REQUIRE(messages.size() >= 3);
  CHECK(messages[2].content == "Make it 80 mm wide");
  CHECK(chat->messageViews().size() == 4);
  REQUIRE(waitUntil([&] { return hw.partWidth(80); }, 15000));
}

TEST_CASE("opening a version of the chat's own conversation keeps the chat and edits that version next",
          "[app][history]") {
  HistoryWindow hw;
  MainWindow& w = *hw.w;
  ChatPane* chat = w.chatPane();
  hw.showInChat(hw.h.plate);
  REQUIRE(waitUntil([&] { return w.currentGenerationId() == hw.h.plateV2; }, 15000));
  QSignalSpy switched(chat, &ChatPane::conversationChanged);
  QSignalSpy shown(&w, &MainWindow::generationShown);
  w.openGeneration(hw.h.plateV1);
  REQUIRE(waitUntil([&] { return !shown.isEmpty(); }, 5000));
  CHECK(switched.isEmpty());
  CHECK(chat->messageViews().size() == 4);
  CHECK(w.currentGenerationId() == hw.h.plateV1);
  CHECK(chat->currentGenerationId() == std::optional<int64_t>(hw.h.plateV1));  // a follow-up's parent
  REQUIRE(waitUntil([&] { return hw.partWidth(50); }, 15000));

  // While a generation runs, the chat does not switch away: the version is not opened.
  // (A slow scripted spec keeps it running.)
  const std::string slowSpec = at::anthropicText(at::cubeSpec(20).dump());
  hw.server.enqueue("/v1/messages", ScriptedResponse::sse(slowSpec, slowSpec.size() / 10, std::chrono::milliseconds(300)));
  QSignalSpy finished(chat, &ChatPane::replyFinished);
  chat->send("A 20 mm cube");
  REQUIRE(chat->busy());
  shown.clear();
  w.openGeneration(hw.h.bracketV1);
  QTest::qWait(300);
  CHECK(shown.isEmpty());
  CHECK(chat->conversationId() == std::optional<int64_t>(hw.h.plate));
  CHECK(w.currentGenerationId() == hw.h.plateV1);
  chat->cancel();
  REQUIRE(waitUntil([&] { return !finished.isEmpty(); }, 15000));
}

TEST_CASE("code edited by hand and run in a conversation becomes a version; re-running it does not", "[app][history]") {
  const std::string generated = "const d = 20; // [5:50]\nshow(cq.Workplane('XY').circle(d / 2).extrude(3), 'spacer');\n";
  int64_t conversation = 0, base = 0;
  StoredWindowFixture f([&](store::Store& s) {
    conversation = s.conversations().create("Spacer").id;
    store::NewGeneration g;
    g.conversationId = conversation;
    g.request = "A 20 mm spacer, 3 mm thick";
    base = s.generations().create(g);
    s.generations().setSpec(base, {{"category", "primitives"}, {"complexity", 1}});
    store::GenerationOutcome done;
    done.status = "succeeded";
    done.finalCode = generated;
    s.generations().finish(base, done);
  });
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  w.openGeneration(base);
  REQUIRE(waitUntil([&] {
    return w.currentGenerationId() == base && w.chatPane()->conversationId() == std::optional<int64_t>(conversation) &&
           w.lastPreview() && w.lastPreview()->ok;
  }));

  QSignalSpy recorded(&w, &MainWindow::handEditRecorded);
  auto runTyped = [&](const QString& code, double expectX) {
    w.codeEditor()->setPlainText(code);
    w.runCode();
    REQUIRE(waitUntil([&] {
      return w.lastPreview() && w.lastPreview()->ok && w.lastPreview()->box.valid &&
             std::abs(w.lastPreview()->box.size(0) - expectX) < 0.05;
    }));
  };
  // Running the version as it is adds nothing.
  w.runCode();
  REQUIRE(waitUntil([&] { return w.lastPreview() && w.lastPreview()->ok; }));
  QTest::qWait(600);
  CHECK(recorded.isEmpty());

  const QString first = "const d = 22; // [5:50]\nshow(cq.Workplane('XY').circle(d / 2).extrude(3), 'spacer');\n";
  runTyped(first, 22);
  REQUIRE(waitUntil([&] { return recorded.size() == 1; }, 10000));
  const qint64 v1 = recorded.at(0).at(0).toLongLong();
  CHECK(v1 > base);
  CHECK(w.currentGenerationId() == v1);

  // The same code again is no new version.
  w.runCode();
  REQUIRE(waitUntil([&] { return w.lastPreview() && w.lastPreview()->ok; }));
  QTest::qWait(600);
  CHECK(recorded.size() == 1);

  // A further edit is a version whose parent is the first; a failing edit is none.
  w.codeEditor()->setPlainText("show(cq.Workplane('XY').circle(-1).extrude(3));\n");
  w.runCode();
  REQUIRE(waitUntil([&] { return w.lastPreview() && !w.lastPreview()->ok; }));
  const QString second = "const d = 26; // [5:50]\nshow(cq.Workplane('XY').circle(d / 2).extrude(3), 'spacer');\n";
  runTyped(second, 26);
  REQUIRE(waitUntil([&] { return recorded.size() == 2; }, 10000));
  const qint64 v2 = recorded.at(1).at(0).toLongLong();
  CHECK(v2 > v1);

  store::Store s(f.dbPath, StoredWindowFixture::storeOptions());
  const auto g1 = s.generations().get(v1);
  const auto g2 = s.generations().get(v2);
  CHECK(g1.conversationId == std::optional<int64_t>(conversation));
  CHECK(g1.parentGenerationId == std::optional<int64_t>(base));
  CHECK(g1.status == "succeeded");
  CHECK(g1.finalCode.value_or("") == first.toStdString());
  CHECK(g1.request == "A 20 mm spacer, 3 mm thick (edited by hand)");
  CHECK(g1.spec.value("category", "") == "primitives");  // the requirements carry over
  CHECK(g2.parentGenerationId == std::optional<int64_t>(v1));
  CHECK(g2.finalCode.value_or("") == second.toStdString());
  CHECK(g2.request == g1.request);
  // Promoted to the library, the edit answers its original prompt.
  const int64_t example = s.curation().promote(v2, {});
  CHECK(s.library().get(example).prompt == "A 20 mm spacer, 3 mm thick");
  CHECK(s.library().get(example).category == "primitives");

  // Outside a conversation a hand run stays a plain run.
  w.chatPane()->newConversation();
  REQUIRE(waitUntil([&] { return !w.chatPane()->conversationId().has_value(); }, 5000));
  runTyped("show(cq.Workplane('XY').box(7, 7, 7));\n", 7);
  QTest::qWait(600);
  CHECK(recorded.size() == 2);
}

TEST_CASE("a workbench result opened for editing becomes the current version in a fresh chat", "[app][history]") {
  const std::string chatCode = "show(cq.Workplane('XY').box(5, 5, 5));\n";
  const std::string benchCode = "const w = 30; // [10:60]\nshow(cq.Workplane('XY').box(w, 12, 4), 'plate');\n";
  int64_t conversation = 0, chatVersion = 0, benchResult = 0;
  StoredWindowFixture f([&](store::Store& s) {
    conversation = s.conversations().create("Cube").id;
    store::GenerationOutcome done;
    done.status = "succeeded";
    store::NewGeneration g;
    g.conversationId = conversation;
    g.request = "A 5 mm cube";
    chatVersion = s.generations().create(g);
    done.finalCode = chatCode;
    s.generations().finish(chatVersion, done);
    store::NewGeneration wb;  // a workbench run's generation: no conversation
    wb.origin = "workbench";
    wb.request = "A 30 x 12 x 4 mm plate";
    benchResult = s.generations().create(wb);
    done.finalCode = benchCode;
    s.generations().finish(benchResult, done);
  });
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  w.openGeneration(chatVersion);
  REQUIRE(waitUntil([&] {
    return w.currentGenerationId() == chatVersion &&
           w.chatPane()->conversationId() == std::optional<int64_t>(conversation) && w.lastPreview() &&
           w.lastPreview()->ok;
  }));

  WorkbenchWindow* bench = w.openWorkbench();
  REQUIRE(bench);
  emit bench->editRequested(benchResult, QString::fromStdString(benchCode));
  REQUIRE(waitUntil([&] {
    return w.lastPreview() && w.lastPreview()->ok && w.lastPreview()->box.valid &&
           std::abs(w.lastPreview()->box.size(0) - 30) < 0.05;
  }));
  CHECK(w.currentGenerationId() == benchResult);
  CHECK(w.ratingWidget()->generationId() == benchResult);
  CHECK_FALSE(w.chatPane()->conversationId().has_value());
  CHECK(w.codeEditor()->toPlainText().toStdString() == benchCode);
  bench->close();
}
