// Ratings through the real widget and a real database: thumbs, stars and a comment are saved
// as they are clicked and typed, shown again when the generation comes back (also in a new
// widget, as after a restart), and clicking a choice again clears it.
#include <catch2/catch.hpp>

#include <QLineEdit>
#include <QSignalSpy>
#include <QToolButton>

#include "app/rating_widget.h"
#include "store_fixture.h"

using namespace partsmith::app;
using namespace partsmith::app::testing;

namespace {

bool waitLoaded(RatingWidget& w, int64_t id) {
  return waitUntil([&] { return w.generationId() == id && !w.isLoading(); }, 5000);
}

std::optional<partsmith::store::Rating> rating(StoreFixture& f, int64_t id) { return f.s().feedback().rating(id); }

}  // namespace

TEST_CASE("ratings are saved as they are given and shown again", "[app][rating]") {
  StoreFixture f;
  const int64_t conv = f.s().conversations().create("Plates").id;
  const int64_t a = f.addGeneration(conv);
  GenerationSeed second;
  second.request = "Make it 60 mm wide";
  second.w = 60;
  const int64_t b = f.addGeneration(conv, second);

  RatingWidget w(*f.worker);
  w.resize(520, 40);
  w.show();
  REQUIRE(QTest::qWaitForWindowExposed(&w));
  CHECK_FALSE(w.thumbsUpButton()->isEnabled());  // nothing to rate yet

  w.setGeneration(a);
  REQUIRE(waitLoaded(w, a));
  CHECK(w.thumbsUpButton()->isEnabled());
  CHECK(w.thumbs() == 0);
  CHECK(w.stars() == 0);

  QSignalSpy saved(&w, &RatingWidget::ratingSaved);
  QTest::mouseClick(w.thumbsUpButton(), Qt::LeftButton);
  QTest::mouseClick(w.starButton(4), Qt::LeftButton);
  w.commentEdit()->setFocus();
  QTest::keyClicks(w.commentEdit(), "Good, but the holes could be countersunk");
  QTest::keyClick(w.commentEdit(), Qt::Key_Return);
  REQUIRE(waitUntil([&] { return saved.count() == 3; }, 5000));
  for (const auto& args : saved) CHECK(args.front().toLongLong() == a);
  auto r = rating(f, a);
  REQUIRE(r);
  CHECK(r->thumbs == 1);
  CHECK(r->stars == 4);
  CHECK(r->comment == std::string("Good, but the holes could be countersunk"));
  CHECK(w.thumbsUpButton()->isChecked());
  CHECK(w.starButton(4)->isChecked());
  CHECK(w.starButton(4)->text() == "★");
  CHECK(w.starButton(5)->text() == "☆");
  saveShot(w.grab().toImage(), "rating_widget_saved");

  // Another generation shows its own (empty) rating; coming back shows the saved one.
  w.setGeneration(b);
  REQUIRE(waitLoaded(w, b));
  CHECK(w.thumbs() == 0);
  CHECK(w.stars() == 0);
  CHECK(w.comment().isEmpty());
  CHECK_FALSE(w.thumbsUpButton()->isChecked());
  CHECK_FALSE(w.starButton(1)->isChecked());
  QTest::mouseClick(w.thumbsDownButton(), Qt::LeftButton);
  REQUIRE(waitUntil([&] { return rating(f, b) && rating(f, b)->thumbs == -1; }, 5000));
  CHECK(rating(f, a)->thumbs == 1);  // untouched

  w.setGeneration(a);
  REQUIRE(waitLoaded(w, a));
  CHECK(w.thumbs() == 1);
  CHECK(w.stars() == 4);
  CHECK(w.comment() == "Good, but the holes could be countersunk");
  CHECK(w.thumbsUpButton()->isChecked());
  CHECK_FALSE(w.thumbsDownButton()->isChecked());
  for (int i = 1; i <= 5; ++i) CHECK(w.starButton(i)->isChecked() == (i <= 4));

  // Clicking the chosen star or thumb again clears it.
  saved.clear();
  QTest::mouseClick(w.starButton(4), Qt::LeftButton);
  QTest::mouseClick(w.thumbsUpButton(), Qt::LeftButton);
  REQUIRE(waitUntil([&] { return saved.count() == 2; }, 5000));
  r = rating(f, a);
  REQUIRE(r);
  CHECK_FALSE(r->stars.has_value());
  CHECK_FALSE(r->thumbs.has_value());
  CHECK(r->comment == std::string("Good, but the holes could be countersunk"));
  QTest::mouseClick(w.starButton(2), Qt::LeftButton);
  REQUIRE(waitUntil([&] { return rating(f, a)->stars == 2; }, 5000));

  // A new widget (the app restarted) shows what was saved.
  RatingWidget again(*f.worker);
  again.setGeneration(b);
  REQUIRE(waitLoaded(again, b));
  CHECK(again.thumbs() == -1);
  CHECK(again.thumbsDownButton()->isChecked());
}

TEST_CASE("a comment typed without Enter is saved when another generation is shown", "[app][rating]") {
  StoreFixture f;
  const int64_t conv = f.s().conversations().create("Plates").id;
  const int64_t a = f.addGeneration(conv);
  const int64_t b = f.addGeneration(conv);
  RatingWidget w(*f.worker);
  w.show();
  REQUIRE(QTest::qWaitForWindowExposed(&w));
  w.setGeneration(a);
  REQUIRE(waitLoaded(w, a));
  w.commentEdit()->setFocus();
  QTest::keyClicks(w.commentEdit(), "too thin");
  w.setGeneration(b);
  REQUIRE(waitLoaded(w, b));
  REQUIRE(waitUntil([&] { return f.worker->pending() == 0; }, 5000));
  auto r = rating(f, a);
  REQUIRE(r);
  CHECK(r->comment == std::string("too thin"));
  CHECK_FALSE(rating(f, b).has_value());
  CHECK(w.comment().isEmpty());

  // A generation that does not exist cannot be rated: said plainly, nothing written.
  QSignalSpy errors(&w, &RatingWidget::errorOccurred);
  w.setGeneration(424242);
  REQUIRE(waitLoaded(w, 424242));
  QTest::mouseClick(w.thumbsUpButton(), Qt::LeftButton);
  REQUIRE(waitUntil([&] { return errors.count() > 0; }, 5000));
  CHECK(errors.front().front().toString().contains("424242"));
  CHECK_FALSE(rating(f, 424242).has_value());
  CHECK(w.thumbs() == 0);  // the widget shows what is stored, not what failed
  CHECK_FALSE(w.thumbsUpButton()->isChecked());
}
