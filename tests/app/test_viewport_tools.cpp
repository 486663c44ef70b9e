// The viewport's tools on known geometry: a 20×30×10 box and a Ø10 cylinder. Measurements
// through the API and through simulated clicks, the section plane changing the rendered image,
// bounding-box dimensions, the keyboard actions, and the native window itself (overlays on
// screen, coalesced frames, resize, a recreated window). Screenshots in test-output/app/.
#include <catch2/catch.hpp>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QScreen>
#include <QSignalSpy>
#include <QSlider>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QVBoxLayout>

#include <BRepMesh_IncrementalMesh.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <gp_Ax2.hxx>

#include "app/measure_tool.h"
#include "app/section_plane_tool.h"
#include "app/viewport_actions.h"
#include "app_test_support.h"
#include "kernel/part.h"
#include "kernel/shape_utils.h"

using namespace partsmith;
using namespace partsmith::app;
using namespace partsmith::app::testing;

namespace {

// Box (0,0,0)-(20,30,10); cylinder radius 5, height 20, axis Z through (40, 0).
struct Fixture {
  TopoDS_Shape box = BRepPrimAPI_MakeBox(20, 30, 10).Shape();
  TopoDS_Shape cylinder = BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(40, 0, 0), gp_Dir(0, 0, 1)), 5, 20).Shape();
  // The viewport sits in a window as in the app (a top-level viewport would make its overlay
  // labels paint-on-screen too).
  std::unique_ptr<QWidget> window;
  OcctViewport* view = nullptr;

  Fixture() {
    BRepMesh_IncrementalMesh(box, 0.05);
    BRepMesh_IncrementalMesh(cylinder, 0.05);
  }
  void show() {
    application();
    window = std::make_unique<QWidget>();
    auto* layout = new QVBoxLayout(window.get());
    layout->setContentsMargins(0, 0, 0, 0);
    view = new OcctViewport(window.get());
    layout->addWidget(view);
    window->resize(800, 600);
    window->show();
    REQUIRE(QTest::qWaitForWindowExposed(window.get()));
    kernel::Part a{"box", box, kernel::Color{0.55, 0.65, 0.80, 1}};
    kernel::Part b{"cylinder", cylinder, kernel::Color{0.70, 0.75, 0.55, 1}};
    view->setParts({a, b});
    view->setStandardView("iso");
    QTest::qWait(50);
    REQUIRE(view->isViewReady());
  }
  TopoDS_Shape face(const TopoDS_Shape& s, const std::string& type, const gp_Dir& normal) const {
    for (const auto& f : kernel::subShapes(s, TopAbs_FACE))
      if (kernel::geomType(f) == type && (type != "PLANE" || kernel::faceNormalAt(f).IsEqual(normal, 1e-6))) return f;
    FAIL("no such face");
    return {};
  }
  TopoDS_Shape circleEdge(const TopoDS_Shape& s) const {
    for (const auto& e : kernel::subShapes(s, TopAbs_EDGE))
      if (kernel::geomType(e) == "CIRCLE") return e;
    FAIL("no circular edge");
    return {};
  }
};

double imageDifference(const QImage& a, const QImage& b) {
  const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
  if (x.size() != y.size()) return 1;
  long long differing = 0;
  for (int r = 0; r < x.height(); ++r)
    for (int c = 0; c < x.width(); ++c) {
      const QRgb p = x.pixel(c, r), q = y.pixel(c, r);
      if (std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q)) > 40) ++differing;
    }
  return double(differing) / (double(x.width()) * x.height());
}

// True when the pixel at `p` looks like the background: the left-most pixel of its row is
// background (a vertical gradient) in these views.
bool isBackground(const QImage& image, const QPoint& p) {
  const QImage img = image.convertToFormat(QImage::Format_RGB32);
  const QRgb px = img.pixel(p), bg = img.pixel(1, p.y());
  return std::abs(qRed(px) - qRed(bg)) + std::abs(qGreen(px) - qGreen(bg)) + std::abs(qBlue(px) - qBlue(bg)) < 30;
}

// Share of pixels in the unlit cap colour (sRGB 0.80, 0.25, 0.20).
double capShare(const QImage& image) {
  const QImage img = image.convertToFormat(QImage::Format_RGB32);
  long long count = 0;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) {
      const QRgb p = img.pixel(x, y);
      if (std::abs(qRed(p) - 204) + std::abs(qGreen(p) - 64) + std::abs(qBlue(p) - 51) < 40) ++count;
    }
  return double(count) / (double(img.width()) * img.height());
}

}  // namespace

TEST_CASE("measure: distances, radius and angles of a box and a cylinder", "[app][viewtools]") {
  Fixture f;
  const TopoDS_Shape top = f.face(f.box, "PLANE", gp_Dir(0, 0, 1));
  const TopoDS_Shape bottom = f.face(f.box, "PLANE", gp_Dir(0, 0, -1));
  const TopoDS_Shape right = f.face(f.box, "PLANE", gp_Dir(1, 0, 0));
  const TopoDS_Shape round = f.face(f.cylinder, "CYLINDER", gp_Dir(0, 0, 1));

  CHECK(measureDistance(top, bottom).value == Approx(10).margin(1e-6));
  const Measurement gap = measureDistance(right, round);
  CHECK(gap.value == Approx(15).margin(1e-6));  // 40 - 5 - 20
  CHECK(gap.first.X() == Approx(20).margin(1e-6));
  CHECK(gap.second.X() == Approx(35).margin(1e-6));
  CHECK(gap.text.rfind("Distance 15 mm", 0) == 0);
  CHECK(measureDistance(f.box, f.cylinder).value == Approx(15).margin(1e-6));

  const Measurement r = measureRadius(round);
  CHECK(r.value == Approx(5).margin(1e-9));
  CHECK(r.diameter() == Approx(10).margin(1e-9));
  CHECK(r.text == "Radius 5 mm  ·  Ø 10 mm");
  CHECK(measureRadius(f.circleEdge(f.cylinder)).value == Approx(5).margin(1e-9));

  CHECK(measureAngle(top, right).value == Approx(90).margin(1e-9));
  CHECK(measureAngle(top, bottom).value == Approx(180).margin(1e-9));
  CHECK(measureAngle(top, right).text == "Angle 90°");
  // Two box edges along X and Y meet at 90°; an edge lying in the top face is at 0° to it.
  TopoDS_Shape alongX, alongY;
  for (const auto& e : kernel::subShapes(f.box, TopAbs_EDGE)) {
    const gp_Dir d = kernel::edgeTangentAt(e);
    if (std::abs(d.X()) > 0.99 && alongX.IsNull()) alongX = e;
    if (std::abs(d.Y()) > 0.99 && alongY.IsNull()) alongY = e;
  }
  CHECK(measureAngle(alongX, alongY).value == Approx(90).margin(1e-9));
  CHECK(measureAngle(alongX, top).value == Approx(0).margin(1e-9));

  // What cannot be measured says why, in the user's words.
  CHECK_THROWS_WITH(measureRadius(top), Catch::Contains("Radius needs a circular edge or a round face") &&
                                            Catch::Contains("PLANE"));
  CHECK_THROWS_WITH(measureAngle(round, top), Catch::Contains("Angle needs two flat faces"));
  CHECK_THROWS_WITH(measureDistance(TopoDS_Shape(), top), Catch::Contains("nothing was picked"));
  CHECK(formatMeasure(12.5) == "12.5");
  CHECK(formatMeasure(1.0 / 3) == "0.333");
}

TEST_CASE("measure mode: clicks on the cylinder and the box give radius and distance", "[app][viewtools]") {
  Fixture f;
  f.show();
  OcctViewport& v = *f.view;
  QSignalSpy changed(&v, &OcctViewport::measurementChanged);
  QSignalSpy picks(&v, &OcctViewport::pickChanged);

  v.setStandardView("front");  // looking along +Y: the cylinder's round side faces the camera
  QTest::qWait(50);
  v.setMeasureMode(OcctViewport::MeasureMode::Radius);
  CHECK(v.measureText().contains("click a circular edge"));
  const QPoint onCylinder = v.projectToWidget(40, -5, 12);
  QTest::mouseMove(&v, onCylinder);
  QTest::qWait(30);
  v.pickAt(onCylinder);
  REQUIRE(v.lastMeasurement().has_value());
  CHECK(v.lastMeasurement()->kind == Measurement::Kind::Radius);
  CHECK(v.lastMeasurement()->value == Approx(5).margin(1e-6));
  CHECK(v.measureText() == "Radius 5 mm  ·  Ø 10 mm");
  CHECK(picks.count() >= 1);  // reference picking still sees the click
  QTest::qWait(50);
  saveShot(v.grab().toImage(), "vt_01_measure_radius");

  v.setMeasureMode(OcctViewport::MeasureMode::Distance);
  CHECK_FALSE(v.lastMeasurement().has_value());
  const QPoint onBox = v.projectToWidget(10, 0, 5);  // the box's front face (y = 0)
  QTest::mouseMove(&v, onBox);
  v.pickAt(onBox);
  CHECK(v.measureText().contains("second"));
  QTest::mouseMove(&v, onCylinder);
  v.pickAt(onCylinder);
  REQUIRE(v.lastMeasurement().has_value());
  CHECK(v.lastMeasurement()->value == Approx(15).margin(1e-3));
  CHECK(v.measureText().startsWith("Distance 15 mm"));
  v.setStandardView("iso");
  QTest::qWait(50);
  saveShot(v.grab().toImage(), "vt_02_measure_distance");

  // A real mouse click goes the same way (through AIS_ViewController).
  v.setMeasureMode(OcctViewport::MeasureMode::Radius);
  v.setStandardView("front");
  QTest::qWait(50);
  QTest::mouseMove(&v, onCylinder);
  QTest::qWait(30);
  QTest::mouseClick(&v, Qt::LeftButton, Qt::NoModifier, onCylinder);
  v.update();
  REQUIRE(waitUntil([&] { return v.lastMeasurement().has_value(); }, 3000));
  CHECK(v.lastMeasurement()->value == Approx(5).margin(1e-6));

  // Wrong element for the mode: the reason is shown, nothing is measured.
  CHECK_FALSE(v.measureShapes(OcctViewport::MeasureMode::Radius, f.face(f.box, "PLANE", gp_Dir(0, 0, 1)), {}));
  CHECK(v.measureText().contains("round face"));
  CHECK_FALSE(v.lastMeasurement().has_value());
  CHECK(v.measureShapes(OcctViewport::MeasureMode::Angle, f.face(f.box, "PLANE", gp_Dir(0, 0, 1)),
                        f.face(f.box, "PLANE", gp_Dir(1, 0, 0))));
  CHECK(v.measureText() == "Angle 90°");
  v.setStandardView("iso");
  QTest::qWait(50);
  saveShot(v.grab().toImage(), "vt_03_measure_angle");
  v.setMeasureMode(OcctViewport::MeasureMode::Off);
  CHECK(v.measureText().isEmpty());
  CHECK(changed.count() > 4);
}

TEST_CASE("section plane: on, axis, offset and flip change the rendered image", "[app][viewtools]") {
  Fixture f;
  f.show();
  OcctViewport& v = *f.view;
  SectionPlaneTool tool(&v);
  double lo = 0, hi = 0;
  REQUIRE(v.sectionRange(2, lo, hi));
  CHECK(lo == Approx(0).margin(1e-6));
  CHECK(hi == Approx(20).margin(1e-6));
  QTest::qWait(50);
  const QImage whole = v.grabFramebuffer();
  saveShot(whole, "vt_04_section_off");

  tool.enabledBox()->setChecked(true);  // as a person would
  CHECK(v.isSectionEnabled());
  CHECK(v.sectionAxis() == 2);
  CHECK(v.sectionOffset() == Approx(10).margin(1e-6));  // starts in the middle
  v.setSectionAxis(0);
  CHECK(tool.axisBox()->currentIndex() == 0);
  v.setSectionAxis(1);
  v.setSectionOffset(15);  // across Y through the middle of the box
  QTest::qWait(50);
  const QImage cut = v.grabFramebuffer();
  saveShot(cut, "vt_05_section_y15");
  CHECK(imageDifference(whole, cut) > 0.02);
  // Unflipped keeps y < 15: the cylinder (y -5..5) stays, the back of the box's top goes.
  const QPoint cylinderFront = v.projectToWidget(40, -5, 15);
  const QPoint boxBackTop = v.projectToWidget(10, 25, 10);
  CHECK_FALSE(isBackground(whole, boxBackTop));
  CHECK_FALSE(isBackground(cut, cylinderFront));
  CHECK(isBackground(cut, boxBackTop));

  tool.flipBox()->setChecked(true);
  CHECK(v.isSectionFlipped());
  QTest::qWait(50);
  const QImage flipped = v.grabFramebuffer();
  saveShot(flipped, "vt_06_section_y15_flipped");
  CHECK(imageDifference(cut, flipped) > 0.02);
  // Flipped keeps y > 15: the cylinder is gone, the box's back half is back, and its cut face
  // (towards the camera now) is capped in the flat cap colour.
  CHECK(isBackground(flipped, cylinderFront));
  CHECK_FALSE(isBackground(flipped, boxBackTop));
  CHECK(capShare(flipped) > 0.01);
  CHECK(capShare(whole) < 0.001);

  tool.slider()->setValue(0);  // the slider spans the parts' extent along Y: -5 .. 30
  CHECK(v.sectionOffset() == Approx(-5).margin(1e-6));
  CHECK(tool.offsetBox()->value() == Approx(-5).margin(1e-6));

  v.setSectionEnabled(false);
  CHECK_FALSE(tool.enabledBox()->isChecked());
  QTest::qWait(50);
  CHECK(imageDifference(whole, v.grabFramebuffer()) < 0.005);
}

TEST_CASE("bounding-box dimensions and keyboard actions", "[app][viewtools]") {
  Fixture f;
  f.show();
  OcctViewport& v = *f.view;
  ViewportActions actions(&v);
  double dx = 0, dy = 0, dz = 0;
  REQUIRE(v.boundingBoxSize(dx, dy, dz));
  CHECK(dx == Approx(45).margin(1e-6));
  CHECK(dy == Approx(35).margin(1e-6));
  CHECK(dz == Approx(20).margin(1e-6));

  v.setDimensionsText("X 45 × Y 35 × Z 20 mm");
  QTest::qWait(50);
  const QImage withBox = v.grabFramebuffer();
  saveShot(v.grab().toImage(), "vt_07_bounding_box");
  CHECK(v.isBoundingBoxVisible());
  CHECK(actions.boundingBoxAction()->isChecked());
  actions.boundingBoxAction()->trigger();
  CHECK_FALSE(v.isBoundingBoxVisible());
  CHECK_FALSE(v.findChild<QLabel*>("dimensionsOverlay")->isVisible());
  QTest::qWait(50);
  CHECK(imageDifference(withBox, v.grabFramebuffer()) > 0.002);  // the dimension lines are gone
  actions.boundingBoxAction()->trigger();
  CHECK(v.isBoundingBoxVisible());

  // Shortcuts work while the viewport has focus.
  v.activateWindow();
  QApplication::setActiveWindow(&v);
  v.setFocus();
  QTest::qWait(20);
  QTest::keyClick(&v, Qt::Key_S);
  CHECK(v.isSectionEnabled());
  CHECK(actions.sectionAction()->isChecked());
  QTest::keyClick(&v, Qt::Key_S, Qt::ShiftModifier);
  CHECK(v.isSectionFlipped());
  QTest::keyClick(&v, Qt::Key_S);
  CHECK_FALSE(v.isSectionEnabled());
  QTest::keyClick(&v, Qt::Key_M);
  CHECK(v.measureMode() == OcctViewport::MeasureMode::Distance);
  CHECK(actions.measureDistanceAction()->isChecked());
  QTest::keyClick(&v, Qt::Key_R);
  CHECK(v.measureMode() == OcctViewport::MeasureMode::Radius);
  CHECK_FALSE(actions.measureDistanceAction()->isChecked());
  QTest::keyClick(&v, Qt::Key_R);  // again: measuring ends
  CHECK(v.measureMode() == OcctViewport::MeasureMode::Off);
  QTest::keyClick(&v, Qt::Key_P);
  CHECK(v.isPerspective());
  CHECK(actions.all().size() == 19);
}

// Hover highlighting is drawn over OCCT's cached scene: it must appear in the highlight colour
// and leave no trace when the cursor moves off (a guard for any change to how frames are drawn).
TEST_CASE("hover highlight appears and clears", "[app][viewtools]") {
  Fixture f;
  f.show();
  OcctViewport& v = *f.view;
  // The box's top face (z = 10) near its middle, in the iso view.
  const QPoint onTop = v.projectToWidget(10, 15, 10);
  const QPoint offParts = QPoint(5, v.height() - 5);
  QTest::mouseMove(&v, offParts);
  QTest::qWait(50);
  const QImage before = v.grabFramebuffer();
  CHECK_FALSE(isBackground(before, onTop));
  auto cyanShare = [](const QImage& image) {
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    long long n = 0;
    for (int y = 0; y < img.height(); ++y)
      for (int x = 0; x < img.width(); ++x) {
        const QRgb p = img.pixel(x, y);
        if (qRed(p) < 90 && qGreen(p) > 170 && qBlue(p) > 170) ++n;  // the dynamic highlight's cyan
      }
    return double(n) / (double(img.width()) * img.height());
  };
  CHECK(cyanShare(before) < 0.001);

  QTest::mouseMove(&v, onTop);
  QTest::qWait(80);
  const QImage hovered = v.grabFramebuffer();
  saveShot(hovered, "vt_08_hover_top_face");
  CHECK(cyanShare(hovered) > 0.001);  // the face's outline in the highlight colour

  QTest::mouseMove(&v, offParts);
  QTest::qWait(80);
  const QImage after = v.grabFramebuffer();
  CHECK(cyanShare(after) < 0.001);
  CHECK(imageDifference(before, after) < 0.002);  // nothing of the highlight is left behind

  // What reaches the screen after Qt composes the window is what the view drew (no colour
  // conversion in between).
  const QImage screen = v.screen()->grabWindow(v.winId()).toImage();
  saveShot(screen, "vt_09_screen_after_compose");
  CHECK(imageDifference(after, screen.scaled(after.size())) < 0.002);
}

// What the X server shows in the viewport's window, overlays included.
QImage onScreen(OcctViewport& v) { return v.screen()->grabWindow(v.winId()).toImage().convertToFormat(QImage::Format_RGB32); }

// Share of the label's area (in the viewport's image) in its opaque background colour, and
// whether it holds darker text pixels.
double labelBackgroundShare(const QImage& image, const QRect& area, QRgb background, bool& hasText) {
  long long n = 0, total = 0;
  hasText = false;
  for (int y = area.top(); y <= area.bottom(); ++y)
    for (int x = area.left(); x <= area.right(); ++x) {
      const QRgb p = image.pixel(x, y);
      ++total;
      if (std::abs(qRed(p) - qRed(background)) + std::abs(qGreen(p) - qGreen(background)) +
              std::abs(qBlue(p) - qBlue(background)) < 12)
        ++n;
      if (qGray(p) < 90) hasText = true;
    }
  return total ? double(n) / double(total) : 0;
}

TEST_CASE("viewport window: overlays show over the 3D view, frames coalesce, resize and a new window", "[app][viewtools]") {
  Fixture f;
  f.show();
  OcctViewport& v = *f.view;
  REQUIRE(QTest::qWaitFor([&] { return v.frameStats().paints > 0; }, 5000));

  SECTION("the overlay labels are on screen, above the GL window") {
    v.setDimensionsText(QStringLiteral("X 45.00 × Y 30.00 × Z 20.00 mm"));
    v.setPickText(QStringLiteral("PLANE face of \"box\""));
    REQUIRE(v.measureShapes(OcctViewport::MeasureMode::Radius, f.face(f.cylinder, "CYLINDER", gp_Dir(0, 0, 1)), {}));
    QTest::qWait(150);
    const QImage screen = onScreen(v);
    const QImage view = v.grabFramebuffer().convertToFormat(QImage::Format_RGB32);
    saveShot(screen, "vt_10_overlays_on_screen");
    REQUIRE(screen.size() == view.size());
    const struct {
      const char* name;
      QRgb background;
    } labels[] = {{"dimensionsOverlay", qRgb(0xf9, 0xfa, 0xfc)}, {"pickOverlay", qRgb(0xf9, 0xfa, 0xfc)},
                  {"measureOverlay", qRgb(0xff, 0xfa, 0xe7)}};
    for (const auto& label : labels) {
      INFO(label.name);
      auto* widget = v.findChild<QLabel*>(label.name);
      REQUIRE(widget);
      REQUIRE(widget->isVisible());
      const qreal ratio = v.devicePixelRatioF();
      const QRect area = QRect(widget->geometry().topLeft() * ratio, widget->size() * ratio).adjusted(2, 2, -2, -2);
      bool text = false;
      CHECK(labelBackgroundShare(screen, area, label.background, text) > 0.5);  // the label's own colour
      CHECK(text);
      bool viewText = false;
      CHECK(labelBackgroundShare(view, area, label.background, viewText) < 0.2);  // not the 3D view's
    }
  }

  SECTION("many update requests give one frame, drawn and swapped by OCCT") {
    QTest::qWait(100);
    QSignalSpy frames(&v, &OcctViewport::frameSwapped);
    const quint64 paints = v.frameStats().paints;
    v.setStandardView("top");
    for (int i = 0; i < 5; ++i) v.update();
    REQUIRE(frames.wait(5000));
    QTest::qWait(150);
    CHECK(frames.count() == 1);
    CHECK(v.frameStats().paints == paints + 1);
    CHECK(v.frameStats().paintMs > 0);
    // The frame on screen is the view: OCCT swapped it with no colour change on the way.
    CHECK(imageDifference(v.grabFramebuffer(), onScreen(v)) < 0.002);
  }

  SECTION("a resized window is drawn at its new size") {
    const QImage before = v.grabFramebuffer();
    f.window->resize(640, 420);
    QTest::qWait(200);
    REQUIRE(v.size() == QSize(640, 420));
    const QImage after = v.grabFramebuffer();
    CHECK(after.size() == QSize(640, 420) * v.devicePixelRatioF());
    CHECK(after.deviceIndependentSize() == QSizeF(640, 420));
    CHECK(coverage(after) > 0.05);
    CHECK(imageDifference(after, onScreen(v)) < 0.002);
    CHECK(before.size() != after.size());
  }

  // Qt announces a native window change (WinIdChange; on xcb it keeps and reparents the X
  // window): the view attaches to the current one and draws there.
  SECTION("moved to another top-level window, the view attaches again and draws") {
    const QImage before = v.grabFramebuffer();
    QWidget other;
    auto* layout = new QVBoxLayout(&other);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(&v);
    other.resize(800, 600);
    const quint64 paints = v.frameStats().paints;
    other.show();
    REQUIRE(QTest::qWaitForWindowExposed(&other));
    REQUIRE(QTest::qWaitFor([&] { return v.frameStats().paints > paints; }, 5000));
    CHECK(v.isViewReady());
    const QImage after = v.grabFramebuffer();
    CHECK(imageDifference(before, after) < 0.002);
    QTest::qWait(100);
    CHECK(imageDifference(after, onScreen(v)) < 0.002);
    saveShot(onScreen(v), "vt_11_after_reparent");
    layout->removeWidget(&v);
    v.setParent(f.window.get());  // back to the fixture, which deletes it
  }
}

// The viewport is the only native child: the rest of the main window (menu bar, panels) and a
// menu opened over the 3D view must reach the screen as Qt painted them.
TEST_CASE("main window: widgets and a menu paint on screen around and over the native viewport", "[app][viewtools]") {
  WindowFixture f;
  REQUIRE(f.ready);
  MainWindow& w = *f.window;
  QTest::qWait(200);
  // Only the part of the window inside the screen (Xvfb's screen may be narrower) was drawn.
  const QRect visible = QRect(w.mapToGlobal(QPoint(0, 0)), w.size()).intersected(w.screen()->geometry())
                            .translated(-w.mapToGlobal(QPoint(0, 0)));
  REQUIRE(visible.width() > 600);
  const qreal ratio = w.devicePixelRatioF();
  const QRect pixels(visible.topLeft() * ratio, visible.size() * ratio);
  const QImage screen = w.screen()->grabWindow(w.winId()).toImage().copy(pixels);
  const QImage rendered = w.grab().toImage().copy(pixels);
  saveShot(screen, "vt_12_main_window_on_screen");
  CHECK(imageDifference(screen, rendered) < 0.01);

  QMenu* menu = nullptr;
  for (QAction* action : w.menuBar()->actions())
    if (action->menu() && action->text().remove('&') == "View") menu = action->menu();
  REQUIRE(menu);
  menu->popup(w.viewport()->mapToGlobal(QPoint(40, 40)));
  REQUIRE(QTest::qWaitForWindowExposed(menu));
  w.viewport()->update();  // a frame while the menu is open must not draw over it
  QTest::qWait(200);
  const QImage shown = w.screen()->grabWindow(0, menu->x(), menu->y(), menu->width(), menu->height()).toImage();
  const QImage menuImage = menu->grab().toImage();
  saveShot(shown, "vt_13_menu_over_viewport");
  CHECK(shown.size() == menuImage.size());
  CHECK(imageDifference(shown, menuImage) < 0.01);
  menu->hide();
}

TEST_CASE("a new version of the part keeps the camera while it stays well in view", "[app][viewtools]") {
  Fixture f;
  f.show();
  OcctViewport& v = *f.view;
  v.setStandardView("top");
  QTest::qWait(50);
  REQUIRE(v.partsWellInView());
  const auto chosen = v.cameraState();

  // A slightly bigger box: the user's view stays.
  const TopoDS_Shape bigger = BRepPrimAPI_MakeBox(24, 30, 10).Shape();
  BRepMesh_IncrementalMesh(bigger, 0.05);
  v.fitOnNextPartsIfOutOfView();
  v.setParts({kernel::Part{"box", bigger, {}}, kernel::Part{"cylinder", f.cylinder, {}}});
  CHECK(v.cameraState() == chosen);

  // Ten times the size runs out of the view: fitted.
  const TopoDS_Shape huge = BRepPrimAPI_MakeBox(400, 300, 100).Shape();
  BRepMesh_IncrementalMesh(huge, 0.5);
  v.fitOnNextPartsIfOutOfView();
  v.setParts({kernel::Part{"box", huge, {}}});
  CHECK(v.cameraState() != chosen);
  CHECK(v.partsWellInView());

  // A tiny part would be a speck in that view: fitted as well.
  const auto afterHuge = v.cameraState();
  const TopoDS_Shape tiny = BRepPrimAPI_MakeBox(2, 2, 2).Shape();
  BRepMesh_IncrementalMesh(tiny, 0.01);
  v.fitOnNextPartsIfOutOfView();
  v.setParts({kernel::Part{"box", tiny, {}}});
  CHECK(v.cameraState() != afterHuge);
  CHECK(v.partsWellInView());

  // Without asking, the camera never moves.
  const auto afterTiny = v.cameraState();
  v.setParts({kernel::Part{"box", huge, {}}});
  CHECK(v.cameraState() == afterTiny);
}
