// The Checks tab on a real database: a generation's spec, checklist verdicts per track,
// assertion results, track scores, facts with the filament estimate, and usage per stage;
// and the facts alone of a kernel run.
#include <catch2/catch.hpp>

#include <QLabel>
#include <QSignalSpy>
#include <QTreeWidget>

#include "app/checks_panel.h"
#include "app/facts_format.h"
#include "store_fixture.h"

using namespace partsmith::app;
using namespace partsmith::app::testing;

namespace {

QTreeWidgetItem* child(QTreeWidgetItem* section, const QString& startsWith) {
  if (!section) return nullptr;
  for (int i = 0; i < section->childCount(); ++i)
    if (section->child(i)->text(0).startsWith(startsWith)) return section->child(i);
  return nullptr;
}

QString value(QTreeWidgetItem* section, const QString& label) {
  QTreeWidgetItem* item = child(section, label);
  return item ? item->text(1) : QString();
}

}  // namespace

TEST_CASE("the checks panel shows a generation's spec, verdicts, scores, facts and cost", "[app][checks]") {
  StoreFixture f;
  const int64_t conv = f.s().conversations().create("Plate").id;
  const int64_t gen = f.addGeneration(conv);

  ChecksPanel panel(*f.worker);
  panel.resize(620, 760);
  panel.show();
  REQUIRE(QTest::qWaitForWindowExposed(&panel));
  QSignalSpy loaded(&panel, &ChecksPanel::loaded);
  panel.showGeneration(gen);
  REQUIRE((loaded.count() > 0 || loaded.wait(5000)));
  CHECK(loaded.front().front().toLongLong() == gen);
  CHECK(panel.generationId() == gen);

  CHECK(panel.headline()->text().contains("succeeded"));
  CHECK(panel.headline()->text().contains("8.2 / 10"));
  CHECK(panel.interpretation()->text().startsWith("Understood as: A flat rectangular plate 50 × 40 mm"));

  // Checklist: both tracks said yes → pass; the visual track said no → fail; only
  // "uncertain" → uncertain. Each track's answer is a child with its note.
  QTreeWidgetItem* checklist = panel.section("Checklist");
  REQUIRE(checklist);
  REQUIRE(checklist->childCount() == 3);
  CHECK(value(checklist, "Is the part a single flat plate?") == "pass");
  CHECK(value(checklist, "Are the holes through") == "fail");
  CHECK(value(checklist, "Are the edges left sharp?") == "uncertain");
  QTreeWidgetItem* holes = child(checklist, "Are the holes through");
  REQUIRE(holes->childCount() == 2);
  CHECK(child(holes, "Visual: fail — the bottom view shows no openings"));
  CHECK(child(holes, "Code review: pass — hole() without depth cuts through"));
  CHECK(child(holes, "Visual:")->isFirstColumnSpanned());

  QTreeWidgetItem* assertions = panel.section("Assertions");
  REQUIRE(assertions);
  CHECK(value(assertions, "bbox size x = 50 ± 0.5 mm") == "pass");
  CHECK(value(assertions, "hole count = 2") == "pass");

  QTreeWidgetItem* scores = panel.section("Scores");
  REQUIRE(scores);
  CHECK(value(scores, "Assertions") == "10.0 / 10");
  CHECK(value(scores, "Code review") == "7.5 / 10");
  CHECK(value(scores, "Visual") == "8.0 / 10");
  CHECK(value(scores, "Composite") == "8.2 / 10");
  CHECK(child(child(scores, "Code review"), "Name the hole diameter as a parameter."));

  // Facts measured by the kernel: 50 × 40 × 10 minus two Ø4 holes.
  QTreeWidgetItem* facts = panel.section("Facts");
  REQUIRE(facts);
  CHECK(value(facts, "Size") == "50 × 40 × 10 mm");
  const double volume = 50 * 40 * 10 - 2 * M_PI * 2 * 2 * 10;  // 19748.7 mm³
  CHECK(value(facts, "Volume").startsWith("19,748.7 mm³"));
  const QString mass = QString::number(volume / 1000 * 1.24, 'f', 1);  // 24.5 g
  CHECK(value(facts, "Filament (PLA)") == QString("%1 g at 1.24 g/cm³, solid").arg(mass));
  CHECK(value(facts, "Holes") == "2: Ø4 through ×2");
  CHECK(value(facts, "Solids") == "1");
  CHECK(value(facts, "Solid check") == "valid and closed");

  // Usage per stage and the total of all three.
  QTreeWidgetItem* usage = panel.section("Usage");
  REQUIRE(usage);
  CHECK(value(usage, "spec (claude-haiku)") == "1,200 in · 310 out · $0.0021");
  CHECK(value(usage, "code (claude-sonnet)") == "5,400 in · 950 out · 4,200 cached · $0.0312");
  CHECK(usage->child(0)->text(0).startsWith("spec"));  // in pipeline order
  CHECK(usage->child(1)->text(0).startsWith("code"));
  CHECK(usage->child(2)->text(0).startsWith("review"));
  CHECK(value(usage, "Total") == "8,700 in · 1,500 out · 4,200 cached · $0.0363");

  QTest::qWait(50);
  saveShot(panel.grab().toImage(), "checks_panel_generation");
}

TEST_CASE("the checks panel shows facts alone for a kernel run, and a failed generation plainly", "[app][checks]") {
  StoreFixture f;
  ChecksPanel panel(*f.worker);
  panel.resize(520, 420);
  panel.show();
  REQUIRE(QTest::qWaitForWindowExposed(&panel));

  panel.showFacts(plateFacts(80, 30, 5, 3, 5));
  CHECK(panel.generationId() == 0);
  CHECK(panel.headline()->text().contains("no generation"));
  CHECK_FALSE(panel.interpretation()->isVisible());
  CHECK(panel.section("Checklist") == nullptr);
  CHECK(panel.section("Usage") == nullptr);
  QTreeWidgetItem* facts = panel.section("Facts");
  REQUIRE(facts);
  CHECK(value(facts, "Size") == "80 × 30 × 5 mm");
  CHECK(value(facts, "Holes") == "3: Ø5 through ×3");
  REQUIRE(filamentMassGrams(plateFacts(80, 30, 5, 0)));
  CHECK(*filamentMassGrams(plateFacts(80, 30, 5, 0)) == Approx(12 * 1.24));
  saveShot(panel.grab().toImage(), "checks_panel_facts_only");

  panel.showFacts(nullptr);
  CHECK(panel.headline()->text().contains("no part"));
  CHECK(panel.tree()->topLevelItemCount() == 0);

  // A failed generation: no facts, the error in their place, usage still counted.
  const int64_t conv = f.s().conversations().create("Broken").id;
  GenerationSeed seed;
  seed.status = "failed";
  const int64_t gen = f.addGeneration(conv, seed);
  QSignalSpy loaded(&panel, &ChecksPanel::loaded);
  panel.showGeneration(gen);
  REQUIRE((loaded.count() > 0 || loaded.wait(5000)));
  CHECK(panel.headline()->text().contains("failed"));
  REQUIRE(panel.section("Facts"));
  CHECK(panel.section("Facts")->child(0)->text(0) == "No part was built: line 7: box() needs positive sizes");
  CHECK(panel.section("Usage"));

  // An id that does not exist: said plainly, nothing stale left on screen.
  QSignalSpy failed(&panel, &ChecksPanel::errorOccurred);
  panel.showGeneration(987654);
  REQUIRE((failed.count() > 0 || failed.wait(5000)));
  CHECK(panel.headline()->text().contains("generation 987654 does not exist"));
  CHECK(panel.tree()->topLevelItemCount() == 0);
}
