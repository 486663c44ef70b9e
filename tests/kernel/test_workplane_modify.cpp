// Booleans, fillet/chamfer/shell/split and transforms of the Workplane, checked against
// analytic volumes and bounding boxes on real OCCT shapes.
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <Bnd_Box.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopoDS.hxx>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <gp_Pln.hxx>
#include <stdexcept>

#include "kernel/kernel_error.h"
#include "kernel/selector.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"
#include "kernel_test_support.h"

using namespace partsmith::kernel;
using partsmith::kernel::testing::errorOf;
using Catch::Matchers::Contains;

namespace {

struct Box3 {
  double x0, y0, z0, x1, y1, z1;
};

Box3 boundsOf(const TopoDS_Shape& shape) {
  Bnd_Box b = tightBoundingBox(shape);
  Box3 r{};
  b.Get(r.x0, r.y0, r.z0, r.x1, r.y1, r.z1);
  return r;
}

TopoDS_Shape shapeOf(const WorkplanePtr& wp) { return wp->toShape(); }
double volumeOf(const WorkplanePtr& wp) { return shapeVolume(shapeOf(wp)); }
size_t solidCount(const TopoDS_Shape& s) { return subShapes(s, TopAbs_SOLID).size(); }
bool isValid(const TopoDS_Shape& s) { return BRepCheck_Analyzer(s).IsValid() == Standard_True; }

SelectorPtr sel(const std::string& text) { return parseSelector(text); }

WorkplanePtr xy() { return Workplane::create("XY"); }

// A box with its minimum corner at `corner` (CadQuery centered=false).
WorkplanePtr boxAt(double x, double y, double z, double l, double w, double h) {
  return xy()->box(l, w, h, {false, false, false})->translate(gp_Vec(x, y, z));
}

TopoDS_Shape rawBox(double x, double y, double z, double l, double w, double h) {
  return BRepPrimAPI_MakeBox(gp_Pnt(x, y, z), l, w, h).Shape();
}

const TopoDS_Shape& firstShape(const WorkplanePtr& wp, size_t index = 0) {
  return std::get<TopoDS_Shape>(wp->objects().at(index));
}

}  // namespace

// --- checked booleans on bare OCCT shapes ------------------------------------------------

TEST_CASE("WorkplaneOps booleans on primitive boxes", "[wmod]") {
  const TopoDS_Shape a = rawBox(0, 0, 0, 10, 10, 10);
  const TopoDS_Shape b = rawBox(5, 0, 0, 10, 10, 10);
  const TopoDS_Shape far = rawBox(50, 0, 0, 10, 10, 10);

  SECTION("fuse of overlapping boxes: inclusion-exclusion") {
    TopoDS_Shape r = WorkplaneOps::fuse(a, {b}, "union");
    CHECK(shapeVolume(r) == Approx(1500).epsilon(1e-6));
    CHECK(solidCount(r) == 1);
    CHECK(isValid(r));
  }
  SECTION("fuse of disjoint boxes keeps both solids in one compound") {
    TopoDS_Shape r = WorkplaneOps::fuse(a, {far}, "union");
    CHECK(solidCount(r) == 2);
    CHECK(shapeVolume(r) == Approx(2000).epsilon(1e-6));
  }
  SECTION("a compound argument is fused with itself (CadQuery Compound.fuse)") {
    TopoDS_Shape r = WorkplaneOps::fuse(makeCompound({a, b}), {}, "union");
    CHECK(solidCount(r) == 1);
    CHECK(shapeVolume(r) == Approx(1500).epsilon(1e-6));
  }
  SECTION("glue mode and a fuzzy tolerance still fuse touching boxes") {
    TopoDS_Shape touching = rawBox(10, 0, 0, 10, 10, 10);
    TopoDS_Shape glued = WorkplaneOps::fuse(a, {touching}, "union", /*glue=*/true);
    CHECK(shapeVolume(glued) == Approx(2000).epsilon(1e-6));
    TopoDS_Shape fuzzy = WorkplaneOps::fuse(a, {rawBox(10.00001, 0, 0, 10, 10, 10)}, "union", false, 1e-4);
    CHECK(solidCount(cleanShape(fuzzy)) == 1);
  }
  SECTION("cut and intersect volumes") {
    CHECK(shapeVolume(WorkplaneOps::cut(a, {b}, "cut")) == Approx(500).epsilon(1e-6));
    CHECK(shapeVolume(WorkplaneOps::intersect(a, {b}, "intersect")) == Approx(500).epsilon(1e-6));
    // Nothing to cut leaves the part as it was.
    CHECK(shapeVolume(WorkplaneOps::cut(a, {}, "cut")) == Approx(1000).epsilon(1e-6));
  }
  SECTION("a tool covering the whole part is a clear error") {
    KernelError e = errorOf([&] { WorkplaneOps::cut(a, {rawBox(-1, -1, -1, 12, 12, 12)}, "cut"); });
    CHECK(e.kind() == ErrorKind::Geometry);
    CHECK(e.operation() == "cut");
    CHECK_THAT(std::string(e.what()), Contains("cut removed everything: the tool covers the whole part"));
  }
  SECTION("intersecting apart shapes is a clear error") {
    KernelError e = errorOf([&] { WorkplaneOps::intersect(a, {far}, "intersect"); });
    CHECK(std::string(e.what()) == "intersect: the shapes do not overlap");
    CHECK_FALSE(e.hint().empty());
  }
  SECTION("OCCT's alerts are reported in words") {
    TopoDS_Shape empty = makeCompound({});
    KernelError e = errorOf([&] { WorkplaneOps::cut(empty, {b}, "cut"); });
    CHECK(e.kind() == ErrorKind::Geometry);
    CHECK_THAT(e.message(), Contains("the cut failed: there is nothing to combine (BOPAlgo_AlertTooFewArguments)"));
    CHECK_FALSE(e.hint().empty());
  }
  SECTION("nothing at all to fuse is an argument error") {
    KernelError e = errorOf([&] { WorkplaneOps::fuse(TopoDS_Shape(), {}, "union"); });
    CHECK(e.kind() == ErrorKind::Api);
  }
}

TEST_CASE("WorkplaneOps shapesOf / solidsOfSource / locate", "[wmod]") {
  const TopoDS_Shape a = rawBox(0, 0, 0, 1, 1, 1);
  CHECK(WorkplaneOps::shapesOf(ShapeSource(a)).size() == 1);
  CHECK(WorkplaneOps::shapesOf(ShapeSource(TopoDS_Shape())).empty());

  WorkplanePtr two =
      Workplane::fromObject(StackItem(a))->add({StackItem(rawBox(5, 0, 0, 1, 1, 1)), StackItem(gp_Pnt(1, 2, 3))});
  CHECK(WorkplaneOps::shapesOf(ShapeSource(two)).size() == 2);
  // The same solid twice on the stack counts once.
  WorkplanePtr dup = Workplane::fromObject(StackItem(a))->add({StackItem(a)});
  CHECK(WorkplaneOps::solidsOfSource(ShapeSource(dup)).size() == 1);

  TopoDS_Shape moved = WorkplaneOps::locate(a, Location::translation(gp_Vec(1, 2, 3)));
  gp_Pnt c = shapeCenter(moved);
  CHECK(c.X() == Approx(1.5));
  CHECK(c.Y() == Approx(2.5));
  CHECK(c.Z() == Approx(3.5));
  // Moved composes with the shape's own location (CadQuery moved(), not located()).
  TopoDS_Shape twice = WorkplaneOps::locate(moved, Location::translation(gp_Vec(1, 0, 0)));
  CHECK(shapeCenter(twice).X() == Approx(2.5));
}

// --- Workplane booleans -------------------------------------------------------------------

TEST_CASE("union of Workplane chains", "[wmod]") {
  WorkplanePtr a = boxAt(0, 0, 0, 10, 10, 10);
  SECTION("overlapping boxes: volume by inclusion-exclusion, one solid") {
    WorkplanePtr r = a->unionWith(ShapeSource(boxAt(5, 5, 0, 10, 10, 10)));
    CHECK(r->size() == 1);
    CHECK(volumeOf(r) == Approx(1000 + 1000 - 5 * 5 * 10).epsilon(1e-6));
    CHECK(solidCount(shapeOf(r)) == 1);
    CHECK(isValid(shapeOf(r)));
  }
  SECTION("disjoint boxes: two solids") {
    WorkplanePtr r = a->unionWith(ShapeSource(boxAt(20, 0, 0, 10, 10, 10)));
    CHECK(solidCount(shapeOf(r)) == 2);
    CHECK(volumeOf(r) == Approx(2000).epsilon(1e-6));
  }
  SECTION("union on an empty workplane (cq.Workplane().union(a).union(b))") {
    WorkplanePtr r = xy()->unionWith(ShapeSource(a))->unionWith(ShapeSource(boxAt(5, 0, 0, 10, 10, 10)));
    CHECK(volumeOf(r) == Approx(1500).epsilon(1e-6));
    CHECK(solidCount(shapeOf(r)) == 1);
  }
  SECTION("clean merges the coplanar faces; clean=false keeps them split") {
    WorkplanePtr other = boxAt(5, 0, 0, 10, 10, 10);
    CHECK(subShapes(shapeOf(a->unionWith(ShapeSource(other))), TopAbs_FACE).size() == 6);
    CHECK(subShapes(shapeOf(a->unionWith(ShapeSource(other), false)), TopAbs_FACE).size() > 6);
  }
  SECTION("no argument fuses the solids of the context stack") {
    WorkplanePtr stacked = xy()->pushPoints({StackItem(gp_Pnt(0, 0, 0)), StackItem(gp_Pnt(5, 0, 0))})
                               ->box(10, 10, 10, {true, true, true}, Combine::None);
    REQUIRE(stacked->size() == 2);
    WorkplanePtr r = stacked->unionWith();
    CHECK(solidCount(shapeOf(r)) == 1);
    CHECK(volumeOf(r) == Approx(1500).epsilon(1e-6));
  }
  SECTION("a Workplane without solids is an argument error") {
    KernelError e = errorOf([&] { a->unionWith(ShapeSource(xy())); });
    CHECK(e.kind() == ErrorKind::Api);
    CHECK(e.operation() == "union");
  }
  SECTION("tags of the other chain become visible") {
    WorkplanePtr other = boxAt(5, 0, 0, 10, 10, 10);
    other->tag("theOther");
    WorkplanePtr r = a->unionWith(ShapeSource(other));
    CHECK(r->context()->tags.count("theOther") == 1);
  }
}

TEST_CASE("cut, intersect and combine", "[wmod]") {
  WorkplanePtr base = boxAt(0, 0, 0, 10, 10, 10);
  SECTION("cut a cylinder through a box") {
    WorkplanePtr tool = xy()->cylinder(30, 2)->translate(gp_Vec(5, 5, 0));
    WorkplanePtr r = base->cut(ShapeSource(tool));
    CHECK(volumeOf(r) == Approx(1000 - M_PI * 4 * 10).epsilon(1e-6));
    CHECK(subShapes(shapeOf(r), TopAbs_FACE).size() == 7);
  }
  SECTION("cut with a bare shape") {
    WorkplanePtr r = base->cut(ShapeSource(rawBox(5, 0, 0, 10, 10, 10)));
    CHECK(volumeOf(r) == Approx(500).epsilon(1e-6));
  }
  SECTION("intersect two overlapping boxes") {
    WorkplanePtr r = base->intersect(ShapeSource(boxAt(5, 5, 5, 10, 10, 10)));
    CHECK(volumeOf(r) == Approx(125).epsilon(1e-6));
    Box3 b = boundsOf(shapeOf(r));
    CHECK(b.x0 == Approx(5).margin(1e-6));
    CHECK(b.x1 == Approx(10).margin(1e-6));
  }
  SECTION("cutting away everything names the cause") {
    KernelError e = errorOf([&] { base->cut(ShapeSource(boxAt(-5, -5, -5, 20, 20, 20))); });
    CHECK(e.kind() == ErrorKind::Geometry);
    CHECK(e.operation() == "cut");
    CHECK_THAT(e.message(), Contains("cut removed everything: the tool covers the whole part"));
  }
  SECTION("intersecting apart shapes names the cause") {
    KernelError e = errorOf([&] { base->intersect(ShapeSource(boxAt(50, 0, 0, 1, 1, 1))); });
    CHECK(std::string(e.what()) == "intersect: the shapes do not overlap");
  }
  SECTION("cut and intersect need a context solid") {
    CHECK(errorOf([&] { xy()->cut(ShapeSource(base)); }).kind() == ErrorKind::Api);
    CHECK(errorOf([&] { xy()->intersect(ShapeSource(base)); }).operation() == "intersect");
  }
  SECTION("combine fuses everything on the stack") {
    WorkplanePtr stacked =
        xy()->pushPoints({StackItem(gp_Pnt(0, 0, 0)), StackItem(gp_Pnt(5, 0, 0)), StackItem(gp_Pnt(30, 0, 0))})
            ->box(10, 10, 10, {true, true, true}, Combine::None);
    WorkplanePtr r = stacked->combine();
    CHECK(r->size() == 1);
    CHECK(solidCount(shapeOf(r)) == 2);
    CHECK(volumeOf(r) == Approx(2500).epsilon(1e-6));
    CHECK(errorOf([&] { xy()->combine(); }).kind() == ErrorKind::Api);
  }
}

// --- fillet and chamfer ---------------------------------------------------------------------

TEST_CASE("fillet", "[wmod]") {
  WorkplanePtr part = xy()->box(20, 20, 10);
  SECTION("vertical edges of a box: analytic volume") {
    const double r = 2, h = 10;
    WorkplanePtr f = part->edges(sel("|Z"))->fillet(r);
    CHECK(f->size() == 1);
    CHECK(volumeOf(f) == Approx(4000 - 4 * (r * r - M_PI * r * r / 4) * h).epsilon(1e-6));
    CHECK(isValid(shapeOf(f)));
    CHECK(subShapes(shapeOf(f), TopAbs_FACE).size() == 10);
  }
  SECTION("a selected face contributes all its edges") {
    WorkplanePtr f = part->faces(sel(">Z"))->fillet(1);
    // 4 quarter-round strips along the top edges: the volume shrinks by (1 - pi/4) per mm of edge,
    // slightly less at the corners where the strips meet in a sphere octant.
    const double removedStraight = (1 - M_PI / 4) * 80;
    CHECK(volumeOf(f) < 4000 - removedStraight + 1.0);
    CHECK(volumeOf(f) > 4000 - removedStraight - 1.0);
  }
  SECTION("a radius too large for the part names the edge length and a radius that fits") {
    KernelError e = errorOf([&] { xy()->box(10, 10, 10)->edges(sel("|Z"))->fillet(6); });
    CHECK(e.kind() == ErrorKind::Geometry);
    CHECK(e.operation() == "fillet");
    CHECK_THAT(e.message(),
               Contains("fillet(6) failed on 4 edges: the radius is too large for an edge of length 10 mm next to them"));
    CHECK(e.hint() == "try a radius below 5");
  }
  SECTION("a thin plate limits the radius of its rim fillets") {
    // Top and bottom rim fillets meet on the 3 mm high sides when r >= 1.5.
    WorkplanePtr plate = xy()->box(20, 20, 3);
    KernelError e = errorOf([&] { plate->fillet(2); });
    CHECK_THAT(e.message(),
               Contains("fillet(2) failed on 12 edges: the radius is too large for an edge of length 3 mm next to them"));
    CHECK(e.hint() == "try a radius below 1.5");
    // The suggested radius works; along a vertical edge, its length does not matter.
    CHECK(volumeOf(plate->fillet(1.4)) < 1200);
    CHECK(volumeOf(plate->edges(sel("|Z"))->fillet(2.5)) ==
          Approx(1200 - 4 * (2.5 * 2.5 - M_PI * 2.5 * 2.5 / 4) * 3).epsilon(1e-6));
  }
  SECTION("no edges selected") {
    KernelError e = errorOf([&] { part->workplane()->fillet(1); });
    CHECK(e.kind() == ErrorKind::Api);
    CHECK(std::string(e.what()) == "fillet: no edges selected — select edges first, e.g. .edges(\"|Z\").fillet(2)");
  }
  SECTION("radius must be positive") {
    CHECK(errorOf([&] { part->edges(sel("|Z"))->fillet(0); }).kind() == ErrorKind::Api);
    CHECK(errorOf([&] { part->edges(sel("|Z"))->fillet(-1); }).kind() == ErrorKind::Api);
  }
  SECTION("edges of another solid are refused instead of crashing the kernel") {
    WorkplanePtr foreign = xy()->box(5, 5, 5)->edges(sel("|Z"));
    KernelError e = errorOf([&] { part->edges(sel("|Z"))->add(foreign)->fillet(1); });
    CHECK(e.kind() == ErrorKind::Api);
    CHECK_THAT(e.message(), Contains("do not belong to the solid"));
  }
}

TEST_CASE("chamfer", "[wmod]") {
  WorkplanePtr part = xy()->box(20, 20, 10);
  SECTION("symmetric chamfer on vertical edges: analytic volume, no clean") {
    const double c = 2;
    WorkplanePtr r = part->edges(sel("|Z"))->chamfer(c);
    CHECK(volumeOf(r) == Approx(4000 - 4 * (c * c / 2) * 10).epsilon(1e-6));
    CHECK(subShapes(shapeOf(r), TopAbs_FACE).size() == 10);
  }
  SECTION("asymmetric chamfer puts length on the first face of the edge") {
    WorkplanePtr edgeWp = part->faces(sel(">Z"))->edges(sel(">Y"));
    REQUIRE(edgeWp->size() == 1);
    const TopoDS_Shape edge = firstShape(edgeWp);
    const TopoDS_Shape solid = part->findSolid();
    TopTools_IndexedDataMapOfShapeListOfShape map;
    TopExp::MapShapesAndAncestors(solid, TopAbs_EDGE, TopAbs_FACE, map);
    const TopoDS_Shape firstFace = map.FindFromKey(edge).First();
    const bool firstIsTop = faceNormalAt(firstFace).Z() > 0.5;

    WorkplanePtr r = edgeWp->chamfer(2, 1);
    CHECK(volumeOf(r) == Approx(4000 - (2 * 1 / 2.0) * 20).epsilon(1e-6));
    // The top face loses `length` or `length2` in Y; the +Y side face loses the other in Z.
    WorkplanePtr top = r->faces(sel(">Z"));
    WorkplanePtr side = r->faces(sel(">Y"));
    REQUIRE(top->size() == 1);
    REQUIRE(side->size() == 1);
    Box3 tb = boundsOf(firstShape(top));
    Box3 sb = boundsOf(firstShape(side));
    const double topLoss = 20 - (tb.y1 - tb.y0);
    const double sideLoss = 10 - (sb.z1 - sb.z0);
    CHECK(topLoss == Approx(firstIsTop ? 2 : 1).margin(1e-6));
    CHECK(sideLoss == Approx(firstIsTop ? 1 : 2).margin(1e-6));
  }
  SECTION("too long a chamfer is a clear error") {
    KernelError e = errorOf([&] { xy()->box(10, 10, 10)->edges(sel("|Z"))->chamfer(6); });
    CHECK_THAT(e.message(), Contains("chamfer(6) failed on 4 edges: the length is too large"));
    CHECK(e.hint() == "try a length below 5");
  }
  SECTION("argument and selection errors") {
    CHECK(errorOf([&] { part->edges(sel("|Z"))->chamfer(0); }).kind() == ErrorKind::Api);
    CHECK(errorOf([&] { part->edges(sel("|Z"))->chamfer(1, -1.0); }).kind() == ErrorKind::Api);
    CHECK_THAT(errorOf([&] { part->workplane()->chamfer(1); }).message(), Contains("no edges selected"));
  }
}

// --- shell ------------------------------------------------------------------------------------

TEST_CASE("shell", "[wmod]") {
  WorkplanePtr part = xy()->box(20, 20, 10);
  SECTION("top face removed, inward: outer minus inner volume") {
    WorkplanePtr r = part->faces(sel(">Z"))->shell(-1);
    CHECK(volumeOf(r) == Approx(4000 - 18 * 18 * 9).epsilon(1e-6));
    Box3 b = boundsOf(shapeOf(r));
    CHECK(b.x1 - b.x0 == Approx(20).margin(1e-6));
    CHECK(b.z1 - b.z0 == Approx(10).margin(1e-6));
    CHECK(isValid(shapeOf(r)));
  }
  SECTION("outward grows the part; intersection keeps sharp corners, arc rounds them") {
    WorkplanePtr sharp = part->faces(sel(">Z"))->shell(1, "intersection");
    CHECK(volumeOf(sharp) == Approx(22 * 22 * 11 - 4000).epsilon(1e-6));
    Box3 b = boundsOf(shapeOf(sharp));
    CHECK(b.x1 - b.x0 == Approx(22).margin(1e-6));
    CHECK(b.z0 == Approx(-6).margin(1e-6));
    CHECK(b.z1 == Approx(5).margin(1e-6));
    // Arc: flat slabs (bottom 20x20, four 20x10 sides), quarter cylinders along the 4 vertical
    // and 4 bottom edges, and four sphere octants at the bottom corners (all r = 1).
    WorkplanePtr round = part->faces(sel(">Z"))->shell(1);
    CHECK(volumeOf(round) == Approx(400 + 800 + M_PI / 4 * (4 * 10 + 4 * 20) + 4 * M_PI / 6).epsilon(1e-4));
  }
  SECTION("no face selected: a closed hollow solid") {
    WorkplanePtr r = xy()->box(10, 10, 10)->shell(-1);
    CHECK(volumeOf(r) == Approx(1000 - 512).epsilon(1e-6));
    CHECK(subShapes(shapeOf(r), TopAbs_SHELL).size() == 2);
    CHECK(solidCount(shapeOf(r)) == 1);
  }
  SECTION("a closed shell needs a single solid") {
    WorkplanePtr two = xy()->pushPoints({StackItem(gp_Pnt(0, 0, 0)), StackItem(gp_Pnt(30, 0, 0))})->box(10, 10, 10);
    REQUIRE(solidCount(shapeOf(two)) == 2);
    CHECK(errorOf([&] { two->shell(-1); }).kind() == ErrorKind::Api);
    CHECK_THAT(errorOf([&] { xy()->box(10, 10, 10)->shell(-5); }).message(), Contains("the wall is thicker"));
  }
  SECTION("a wall thicker than the part is a clear error") {
    KernelError e = errorOf([&] { xy()->box(20, 20, 2)->faces(sel(">Z"))->shell(-3); });
    CHECK(e.kind() == ErrorKind::Geometry);
    CHECK_THAT(e.message(), Contains("shell(-3) failed: the wall is thicker than the smallest feature"));
    CHECK_FALSE(e.hint().empty());
  }
  SECTION("argument errors") {
    CHECK(errorOf([&] { part->faces(sel(">Z"))->shell(0); }).kind() == ErrorKind::Api);
    CHECK_THAT(errorOf([&] { part->faces(sel(">Z"))->shell(1, "round"); }).message(), Contains("kind"));
    CHECK(errorOf([&] { xy()->shell(-1); }).kind() == ErrorKind::Api);
  }
}

// --- split --------------------------------------------------------------------------------------

TEST_CASE("split", "[wmod]") {
  // Box from z=-5 to 5; the workplane 3 below the top face sits at z=2.
  WorkplanePtr cutPlane = xy()->box(10, 10, 10)->faces(sel(">Z"))->workplane(-3);
  SECTION("keepTop keeps the +normal side") {
    WorkplanePtr r = cutPlane->split(true, false);
    REQUIRE(r->size() == 1);
    CHECK(volumeOf(r) == Approx(300).epsilon(1e-6));
    Box3 b = boundsOf(firstShape(r));
    CHECK(b.z0 == Approx(2).margin(1e-6));
    CHECK(b.z1 == Approx(5).margin(1e-6));
  }
  SECTION("keepBottom") {
    WorkplanePtr r = cutPlane->split(false, true);
    CHECK(volumeOf(r) == Approx(700).epsilon(1e-6));
    CHECK(boundsOf(firstShape(r)).z1 == Approx(2).margin(1e-6));
  }
  SECTION("both sides: [top, bottom] on the stack") {
    WorkplanePtr r = cutPlane->split(true, true);
    REQUIRE(r->size() == 2);
    CHECK(shapeVolume(firstShape(r, 0)) == Approx(300).epsilon(1e-6));
    CHECK(shapeVolume(firstShape(r, 1)) == Approx(700).epsilon(1e-6));
  }
  SECTION("the centred workplane halves a centred box") {
    WorkplanePtr r = xy()->box(10, 10, 10)->workplane()->split(true, false);
    CHECK(volumeOf(r) == Approx(500).epsilon(1e-6));
  }
  SECTION("keeping neither side is an argument error") {
    KernelError e = errorOf([&] { cutPlane->split(false, false); });
    CHECK(std::string(e.what()) == "split: keepTop and keepBottom are both false — keep at least one side");
  }
  SECTION("a plane outside the part leaves one side empty") {
    WorkplanePtr above = xy()->box(10, 10, 10)->faces(sel(">Z"))->workplane(5);
    CHECK_THAT(errorOf([&] { above->split(true, false); }).message(), Contains("nothing of the solid lies above"));
    CHECK(volumeOf(above->split(false, true)) == Approx(1000).epsilon(1e-6));
  }
  SECTION("split by a face shape") {
    TopoDS_Shape face = BRepBuilderAPI_MakeFace(gp_Pln(gp_Pnt(0, 0, 0), gp_Dir(1, 0, 0)), -20, 20, -20, 20).Shape();
    WorkplanePtr r = xy()->box(10, 10, 10)->split(ShapeSource(face));
    CHECK(solidCount(shapeOf(r)) == 2);
    CHECK(volumeOf(r) == Approx(1000).epsilon(1e-6));
    CHECK(errorOf([&] { xy()->box(1, 1, 1)->split(ShapeSource(xy())); }).kind() == ErrorKind::Api);
  }
}

// --- transforms ---------------------------------------------------------------------------------

TEST_CASE("translate, rotate, rotateAboutCenter", "[wmod]") {
  WorkplanePtr part = xy()->box(10, 20, 30, {false, false, false});
  SECTION("translate copies every shape and keeps points") {
    // add() mutates its Workplane (as in CadQuery), so it works on a fresh chain.
    WorkplanePtr withPoint = xy()->box(10, 20, 30, {false, false, false})->add({StackItem(gp_Pnt(1, 1, 1))});
    WorkplanePtr r = withPoint->translate(gp_Vec(5, -5, 1));
    REQUIRE(r->size() == 2);
    Box3 b = boundsOf(firstShape(r));
    CHECK(b.x0 == Approx(5).margin(1e-6));
    CHECK(b.y0 == Approx(-5).margin(1e-6));
    CHECK(b.z1 == Approx(31).margin(1e-6));
    CHECK(std::get<gp_Pnt>(r->objects()[1]).X() == Approx(1));
    // The original chain is untouched.
    CHECK(boundsOf(firstShape(part)).x0 == Approx(0).margin(1e-6));
  }
  SECTION("rotate about the world Z axis") {
    WorkplanePtr r = part->rotate(gp_Pnt(0, 0, 0), gp_Pnt(0, 0, 1), 90);
    Box3 b = boundsOf(firstShape(r));
    CHECK(b.x0 == Approx(-20).margin(1e-6));
    CHECK(b.x1 == Approx(0).margin(1e-6));
    CHECK(b.y0 == Approx(0).margin(1e-6));
    CHECK(b.y1 == Approx(10).margin(1e-6));
    CHECK(volumeOf(r) == Approx(6000).epsilon(1e-6));
    CHECK(errorOf([&] { part->rotate(gp_Pnt(1, 1, 1), gp_Pnt(1, 1, 1), 10); }).kind() == ErrorKind::Api);
  }
  SECTION("rotate about an X axis through an offset point") {
    WorkplanePtr r = part->rotate(gp_Pnt(0, 0, 30), gp_Pnt(1, 0, 30), 180);
    Box3 b = boundsOf(firstShape(r));
    CHECK(b.y0 == Approx(-20).margin(1e-6));
    CHECK(b.z0 == Approx(30).margin(1e-6));
    CHECK(b.z1 == Approx(60).margin(1e-6));
  }
  SECTION("rotateAboutCenter keeps each object's centre") {
    WorkplanePtr r = part->rotateAboutCenter(gp_Vec(0, 0, 1), 90);
    const gp_Pnt before = shapeCenter(firstShape(part));
    const gp_Pnt after = shapeCenter(firstShape(r));
    CHECK(after.Distance(before) < 1e-6);
    Box3 b = boundsOf(firstShape(r));
    CHECK(b.x1 - b.x0 == Approx(20).margin(1e-6));
    CHECK(b.y1 - b.y0 == Approx(10).margin(1e-6));
  }
}

TEST_CASE("mirror", "[wmod]") {
  WorkplanePtr part = xy()->box(10, 20, 30, {false, false, false});
  SECTION("named plane YZ flips x") {
    WorkplanePtr r = part->mirror(std::string("YZ"));
    Box3 b = boundsOf(firstShape(r));
    CHECK(b.x0 == Approx(-10).margin(1e-6));
    CHECK(b.x1 == Approx(0).margin(1e-6));
    CHECK(b.y1 == Approx(20).margin(1e-6));
    CHECK(volumeOf(r) == Approx(6000).epsilon(1e-6));
    CHECK(isValid(firstShape(r)));
  }
  SECTION("union doubles the part") {
    WorkplanePtr r = part->mirror(std::string("YZ"), std::nullopt, true);
    CHECK(volumeOf(r) == Approx(12000).epsilon(1e-6));
    CHECK(solidCount(shapeOf(r)) == 1);
    Box3 b = boundsOf(shapeOf(r));
    CHECK(b.x0 == Approx(-10).margin(1e-6));
    CHECK(b.x1 == Approx(10).margin(1e-6));
  }
  SECTION("XY default, a base point, and a normal vector") {
    CHECK(boundsOf(firstShape(part->mirror())).z0 == Approx(-30).margin(1e-6));
    CHECK(boundsOf(firstShape(part->mirror(std::string("XZ"), gp_Pnt(0, 20, 0)))).y1 == Approx(40).margin(1e-6));
    CHECK(boundsOf(firstShape(part->mirror(gp_Vec(1, 0, 0), gp_Pnt(10, 0, 0)))).x1 == Approx(20).margin(1e-6));
  }
  SECTION("a face mirrors about its own plane") {
    TopoDS_Face face = TopoDS::Face(firstShape(part->faces(sel(">X"))));
    WorkplanePtr r = part->mirror(face);
    Box3 b = boundsOf(firstShape(r));
    CHECK(b.x0 == Approx(10).margin(1e-6));
    CHECK(b.x1 == Approx(20).margin(1e-6));
  }
  SECTION("an unknown plane name is an argument error") {
    KernelError e = errorOf([&] { part->mirror(std::string("XX")); });
    CHECK(e.kind() == ErrorKind::Api);
    CHECK_THAT(e.hint(), Contains("YZ"));
  }
}
