// Scripts that used to end ok with a broken or wrong part: each now gives the right part or a
// clear KernelError naming the method and argument.
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <Bnd_Box.hxx>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "kernel/facts.h"
#include "kernel/kernel_error.h"
#include "kernel/selector.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel_test_support.h"

using namespace partsmith::kernel;
using partsmith::kernel::testing::errorOf;
using Catch::Matchers::Contains;

namespace {

WorkplanePtr xy() { return Workplane::create("XY"); }

double volumeOf(const WorkplanePtr& wp) { return shapeVolume(wp->toShape()); }
bool isValid(const WorkplanePtr& wp) { return BRepCheck_Analyzer(wp->toShape()).IsValid() == Standard_True; }

double heightOf(const WorkplanePtr& wp) {
  Bnd_Box box = tightBoundingBox(wp->toShape());
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  return z1 - z0;
}

WorkplanePtr polylineOf(const std::vector<gp_XY>& points) { return xy()->polyline(points)->close(); }

}  // namespace

TEST_CASE("clean keeps the uncleaned fuse when merging faces would break it", "[audit][clean]") {
  for (double r : {0.7, 0.6}) {
    DYNAMIC_SECTION("box(1,1,1) union sphere(" << r << ")") {
      WorkplanePtr raw = xy()->box(1, 1, 1)->unionWith(ShapeSource(xy()->sphere(r)), /*clean=*/false);
      WorkplanePtr cleaned = xy()->box(1, 1, 1)->unionWith(ShapeSource(xy()->sphere(r)));
      REQUIRE(isValid(raw));
      CHECK(isValid(cleaned));
      CHECK(volumeOf(cleaned) == Approx(volumeOf(raw)).epsilon(1e-9));
      CHECK(volumeOf(cleaned) > 1.1);
    }
  }
  SECTION("an ordinary clean still merges the faces of two touching boxes") {
    WorkplanePtr two =
        xy()->box(10, 10, 10)->unionWith(ShapeSource(xy()->box(10, 10, 10)->translate(gp_Vec(10, 0, 0))));
    CHECK(subShapes(two->toShape(), TopAbs_FACE).size() == 6);
    CHECK(volumeOf(two) == Approx(2000));
  }
}

TEST_CASE("loft between sections in one plane is an error", "[audit][loft]") {
  KernelError e = errorOf([] { xy()->rect(10, 10)->workplane()->circle(3)->loft(); });
  CHECK(e.kind() == ErrorKind::Api);
  CHECK(e.operation() == "loft");
  CHECK_THAT(e.message(), Contains("the sections lie in one plane"));
  CHECK_THAT(e.hint(), Contains("workplane({offset: 10})"));
  SECTION("sections on offset workplanes still loft") {
    WorkplanePtr ok = xy()->rect(10, 10)->workplane(10)->circle(3)->loft();
    CHECK(isValid(ok));
    CHECK(heightOf(ok) == Approx(10));
    CHECK(volumeOf(ok) > 300);
  }
}

TEST_CASE("a taper that closes the profile before the distance is an error", "[audit][taper]") {
  SECTION("circle(3).extrude(5, taper 80)") {
    KernelError e = errorOf([] { xy()->circle(3)->extrude(ExtentUntil::of(5), Combine::Union, true, false, 80.0); });
    CHECK(e.kind() == ErrorKind::Api);
    CHECK(e.operation() == "extrude");
    CHECK_THAT(e.message(), Contains("taper 80") && Contains("distance 5"));
    // The circle closes when 5 * tan(taper) reaches its radius 3: taper atan(3/5) = 30.96.
    CHECK_THAT(e.hint(), Contains("taper below 30.9 degrees") && Contains("distance below 0.52"));
  }
  SECTION("rect(10,10).extrude(10, taper 40)") {
    KernelError e =
        errorOf([] { xy()->rect(10, 10)->extrude(ExtentUntil::of(10), Combine::Union, true, false, 40.0); });
    CHECK(e.operation() == "extrude");
    CHECK_THAT(e.hint(), Contains("taper below 26.5 degrees") && Contains("distance below 5.95"));
  }
  SECTION("the suggested taper keeps the full height") {
    WorkplanePtr ok = xy()->rect(10, 10)->extrude(ExtentUntil::of(10), Combine::Union, true, false, 26.5);
    CHECK(heightOf(ok) == Approx(10).epsilon(1e-6));
    CHECK(isValid(ok));
    WorkplanePtr out = xy()->circle(3)->extrude(ExtentUntil::of(5), Combine::Union, true, false, -30.0);
    CHECK(heightOf(out) == Approx(5).epsilon(1e-6));
  }
  SECTION("cutBlind names itself") {
    KernelError e = errorOf([] {
      xy()->box(20, 20, 20)
          ->faces(parseSelector(">Z"))
          ->workplane()
          ->circle(3)
          ->cutBlind(ExtentUntil::of(-5), true, false, 80.0);
    });
    CHECK(e.operation() == "cutBlind");
    CHECK_THAT(e.message(), Contains("taper 80"));
  }
}

TEST_CASE("a profile that crosses itself is an error when it becomes a face", "[audit][profile]") {
  SECTION("an asymmetric crossing outline") {
    KernelError e = errorOf([] {
      polylineOf({{0, 0}, {10, 0}, {10, 10}, {5, -5}, {0, 10}})->extrude(ExtentUntil::of(5));
    });
    CHECK(e.kind() == ErrorKind::Api);
    CHECK(e.operation() == "extrude");
    CHECK_THAT(e.message(), Contains("the profile crosses itself near ("));
    // It crosses the bottom edge at x = 10/3 and x = 20/3.
    CHECK((Contains("(3.333, 0)").match(e.message()) || Contains("(6.667, 0)").match(e.message())));
    CHECK_FALSE(e.hint().empty());
  }
  SECTION("a line that runs back over the previous one") {
    KernelError e = errorOf([] { polylineOf({{0, 0}, {10, 0}, {5, 0}, {5, 5}})->extrude(ExtentUntil::of(1)); });
    CHECK_THAT(e.message(), Contains("crosses itself"));
  }
  SECTION("one crossing hole among several outlines names its wire") {
    KernelError e = errorOf([] {
      xy()->rect(40, 40)
          ->moveTo(0, 0)
          ->polyline({{0, 0}, {5, 0}, {5, 5}, {2, -2}, {0, 5}})
          ->close()
          ->extrude(ExtentUntil::of(2));
    });
    CHECK_THAT(e.message(), Contains("pending wire 2 crosses itself"));
  }
  SECTION("ordinary outlines still extrude, and a 2000-sided polygon stays cheap") {
    CHECK(volumeOf(polylineOf({{0, 0}, {10, 0}, {10, 2}, {2, 2}, {2, 10}, {0, 10}})->extrude(ExtentUntil::of(1))) ==
          Approx(36));
    CHECK(volumeOf(xy()->rect(20, 20)->circle(5)->extrude(ExtentUntil::of(2))) == Approx((400 - M_PI * 25) * 2));
    // Many edges: the crossing check only compares edges whose boxes overlap.
    WorkplanePtr many = xy()->polygon(2000, 50)->extrude(ExtentUntil::of(1));
    CHECK(volumeOf(many) == Approx(M_PI * 625).epsilon(1e-3));
  }
}

TEST_CASE("a fillet that is too large names the neighbouring edge that limits it, not its own length", "[audit][fillet]") {
  WorkplanePtr plate = xy()->box(10, 10, 3);
  KernelError e = errorOf([&] { plate->edges(parseSelector("|Z"))->fillet(5.5); });
  CHECK(e.operation() == "fillet");
  CHECK_THAT(e.message(), Contains("too large for an edge of length 10 mm next to them"));
  CHECK(e.hint() == "try a radius below 5");
  // The hint tells the truth: below 5 works on these 3 mm tall edges.
  CHECK(isValid(plate->edges(parseSelector("|Z"))->fillet(4.9)));
  SECTION("chamfer the same way") {
    KernelError c = errorOf([&] { plate->edges(parseSelector("|Z"))->chamfer(5.5); });
    CHECK(c.hint() == "try a length below 5");
  }
}

TEST_CASE("absurdly small sizes are a clear error", "[audit][size]") {
  KernelError e = errorOf([] { xy()->polygon(3, 1e-9)->extrude(ExtentUntil::of(1)); });
  CHECK(e.kind() == ErrorKind::Limit);
  CHECK(e.operation() == "polygon");
  CHECK_THAT(e.message(), Contains("diameter is 1e-09 mm, below the 0.0001 mm"));
  CHECK_THAT(e.hint(), Contains("millimetres"));
  CHECK(errorOf([] { xy()->polygon(10000, 0.001); }).kind() == ErrorKind::Limit);
  CHECK(errorOf([] { xy()->box(1e-9, 1, 1); }).operation() == "box");
  CHECK(errorOf([] { xy()->sphere(1e-9); }).kind() == ErrorKind::Limit);
  CHECK_THAT(errorOf([] { xy()->rect(1e-9, 1); }).message(), Contains("xLen"));
  CHECK_THAT(errorOf([] { xy()->circle(1e-6); }).message(), Contains("radius"));
  // Small but real sizes still build.
  CHECK(volumeOf(xy()->polygon(6, 0.01)->extrude(ExtentUntil::of(0.01))) > 0);
}

TEST_CASE("facts of an invalid part come with a note saying so", "[audit][facts]") {
  CHECK(factsNotes(computeFacts(xy()->box(10, 10, 10)->toShape())).empty());
  // A face on a bow-tie outline is invalid (its boundary crosses itself).
  BRepBuilderAPI_MakePolygon bowtie(gp_Pnt(0, 0, 0), gp_Pnt(10, 10, 0), gp_Pnt(10, 0, 0), gp_Pnt(0, 10, 0), true);
  TopoDS_Shape face = BRepBuilderAPI_MakeFace(bowtie.Wire(), true).Face();
  Facts facts = computeFacts(face);
  REQUIRE_FALSE(facts.valid);
  auto notes = factsNotes(facts);
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Contains("not a valid solid") && Contains("STL") && Contains("STEP"));
}
