// The curation view on a real database: the queue holds the rated-up, well-starred and
// exported generations; promote writes a library example whose code carries the seed
// examples' header (and whose expectations hold for the generation's facts); reject takes a
// candidate off the queue for good.
#include <catch2/catch.hpp>

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>

#include "app/code_editor.h"
#include "app/curation_dialog.h"
#include "app/example_header_text.h"
#include "store/example_header.h"
#include "store_fixture.h"

using namespace partsmith::app;
using namespace partsmith::app::testing;
namespace store = partsmith::store;

TEST_CASE("curation promotes a candidate with its header and rejects another", "[app][curation]") {
  StoreFixture f;
  const int64_t conv = f.s().conversations().create("Plates").id;
  GenerationSeed seedA;
  seedA.score = 8.5;
  const int64_t a = f.addGeneration(conv, seedA);  // rated up
  GenerationSeed seedB;
  seedB.request = "A wider plate, 80 mm, with three holes";
  seedB.w = 80;
  seedB.holes = 3;
  seedB.score = 6.0;
  const int64_t b = f.addGeneration(conv, seedB);  // five stars
  const int64_t c = f.addGeneration(conv);          // two stars: not a candidate
  GenerationSeed seedD;
  seedD.request = "A small 30 mm plate without holes";
  seedD.w = 30;
  seedD.d = 30;
  seedD.holes = 0;
  const int64_t d = f.addGeneration(conv, seedD);  // exported
  f.s().feedback().setThumbs(a, 1);
  f.s().feedback().setStars(b, 5);
  f.s().feedback().setStars(c, 2);
  f.s().feedback().recordExport(d, "stl", "/tmp/plate.stl");

  CurationDialog dialog(*f.worker);
  QSignalSpy loaded(&dialog, &CurationDialog::candidatesLoaded);
  dialog.show();
  REQUIRE(QTest::qWaitForWindowExposed(&dialog));
  REQUIRE((loaded.count() > 0 || loaded.wait(5000)));
  CHECK(dialog.candidateCount() == 3);
  CHECK_FALSE(dialog.selectCandidate(c));

  QSignalSpy shown(&dialog, &CurationDialog::candidateShown);
  REQUIRE(dialog.selectCandidate(a));
  REQUIRE(waitUntil([&] { return !shown.isEmpty() && shown.back().front().toLongLong() == a; }, 5000));
  CHECK(dialog.codeView()->toPlainText().contains("const width = 50;"));
  CHECK(dialog.factsLabel()->text().contains("Size: 50 × 40 × 10 mm"));
  CHECK(dialog.factsLabel()->text().contains("8.5 / 10"));
  CHECK(dialog.promptEdit()->toPlainText() == QString::fromStdString(seedA.request));
  CHECK(dialog.categoryEdit()->text() == "plates");
  CHECK(dialog.complexitySpin()->value() == 2);
  CHECK(dialog.techniquesEdit()->text() == "box, hole, rarray");
  const QString item = dialog.candidateList()->currentItem()->text();
  CHECK(item.contains("rated up"));
  QTest::qWait(50);
  saveShot(dialog.grab().toImage(), "curation_dialog");

  // The reviewer distils the prompt and adjusts the header fields, as a person would.
  dialog.promptEdit()->selectAll();
  dialog.promptEdit()->setFocus();
  QTest::keyClicks(dialog.promptEdit(), "A 50 x 40 mm mounting plate with two 4 mm holes");
  dialog.titleEdit()->selectAll();
  QTest::keyClicks(dialog.titleEdit(), "Mounting plate");
  dialog.categoryEdit()->selectAll();
  QTest::keyClicks(dialog.categoryEdit(), "brackets and mounts");
  dialog.complexitySpin()->setValue(3);
  dialog.techniquesEdit()->selectAll();
  QTest::keyClicks(dialog.techniquesEdit(), "box, rarray, hole");
  QTest::keyClicks(dialog.tagsEdit(), "plate, mounting");

  QSignalSpy promoted(&dialog, &CurationDialog::promoted);
  QTest::mouseClick(dialog.promoteButton(), Qt::LeftButton);
  REQUIRE((promoted.count() > 0 || promoted.wait(5000)));
  CHECK(promoted.front().at(0).toLongLong() == a);
  const int64_t exampleId = promoted.front().at(1).toLongLong();
  CHECK(dialog.candidateCount() == 2);

  const store::LibraryExample e = f.s().library().get(exampleId);
  CHECK(e.status == "approved");
  CHECK(e.source == "curated");
  CHECK(e.sourceGenerationId == a);
  CHECK(e.title == "Mounting plate");
  CHECK(e.prompt == "A 50 x 40 mm mounting plate with two 4 mm holes");
  CHECK(e.category == "brackets and mounts");
  CHECK(e.complexity == 3);
  CHECK(e.techniques == std::vector<std::string>{"box", "rarray", "hole"});
  CHECK(e.tags == std::vector<std::string>{"plate", "mounting"});
  CHECK(e.score == Approx(8.5));
  // The code carries the header the seed examples have, then the generation's script.
  CHECK(e.code.rfind("// @prompt: A 50 x 40 mm mounting plate with two 4 mm holes\n"
                     "// @category: brackets and mounts\n"
                     "// @complexity: 3\n"
                     "// @techniques: box, rarray, hole\n",
                     0) == 0);
  CHECK(e.code.find(plateCode(50, 40, 10, 2)) != std::string::npos);
  const store::ExampleHeader header = store::parseExampleHeader(e.code);
  CHECK(header.prompt == e.prompt);
  CHECK(header.category == "brackets and mounts");
  CHECK(header.complexity == 3);
  REQUIRE(header.expectations.size() == 4);  // bbox.size, volume, solids, holes.length
  CHECK(header.expectations[0].path == "bbox.size");
  CHECK(header.expectations[1].path == "volume");
  CHECK(header.expectations[1].percent);
  // …and the expectations hold for what the generation measured, but not for another part.
  const auto facts = f.s().generations().get(a).facts;
  CHECK(store::checkExpectations(header.expectations, facts).empty());
  CHECK(store::checkExpectations(header.expectations, plateFacts(60, 40, 10, 2)).size() == 2);
  CHECK(e.expectations.size() == 4);

  // Reject the 80 mm plate with a note: off the queue, recorded as rejected.
  REQUIRE(dialog.selectCandidate(b));
  QTest::keyClicks(dialog.noteEdit(), "holes too close to the edge");
  QSignalSpy rejected(&dialog, &CurationDialog::rejected);
  QTest::mouseClick(dialog.rejectButton(), Qt::LeftButton);
  REQUIRE((rejected.count() > 0 || rejected.wait(5000)));
  CHECK(rejected.front().front().toLongLong() == b);
  CHECK(dialog.candidateCount() == 1);
  const auto left = f.s().curation().candidates();
  REQUIRE(left.size() == 1);
  CHECK(left.front().generationId == d);
  store::LibraryFilter any;
  any.status = "rejected";
  const auto rejects = f.s().library().list(any);
  REQUIRE(rejects.size() == 1);
  CHECK(rejects.front().sourceGenerationId == b);
  CHECK(rejects.front().reviewNote == std::string("holes too close to the edge"));

  // A reopened view offers only what is left.
  CurationDialog again(*f.worker);
  QSignalSpy loadedAgain(&again, &CurationDialog::candidatesLoaded);
  REQUIRE((loadedAgain.count() > 0 || loadedAgain.wait(5000)));
  CHECK(again.candidateCount() == 1);
  CHECK(again.currentGenerationId() == d);
  CHECK(again.candidateList()->currentItem()->text().contains("exported 1×"));
}

TEST_CASE("the example header round-trips through the store's parser", "[app][curation]") {
  const auto facts = plateFacts(50, 40, 10, 2);
  const std::string header =
      composeExampleHeader({"A plate\nwith holes", "plates", 2, {"box", "hole"}}, facts);
  CHECK(header.find("// @prompt: A plate with holes\n") == 0);  // one line, or the parser would stop
  const std::string code = withExampleHeader("// @prompt: old\n// @category: old\n// A note\nresult = 1;\n", header);
  CHECK(code.find("old") == std::string::npos);
  CHECK(code.find("// A note\nresult = 1;\n") != std::string::npos);
  const auto parsed = store::parseExampleHeader(code);
  CHECK(parsed.prompt == "A plate with holes");
  CHECK(parsed.techniques == std::vector<std::string>{"box", "hole"});
  CHECK(store::checkExpectations(parsed.expectations, facts).empty());
  // A part without holes still declares it, so a regression that adds one is caught.
  const auto solid = plateFacts(50, 40, 10, 0);
  CHECK(composeExampleHeader({"p", "", 0, {}}, solid).find("// @expect: holes.length = 0\n") != std::string::npos);
}
