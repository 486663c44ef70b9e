// The History pane on a real database: conversations listed newest first, search, rename in
// place, archive, delete with undo (and without), versions that open, branch and compare
// (unified diff and facts side by side).
#include <catch2/catch.hpp>

#include <QCheckBox>
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

#include "app/history_panel.h"
#include "app/line_diff.h"
#include "app/version_compare_dialog.h"
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
