// Workplane 3D features (primitives, extrude family, revolve, loft, sweep, holes), checked
// against analytic volumes and bounding boxes on real OCCT geometry.
#include <catch2/catch.hpp>

#include <cmath>

#include <BRepCheck_Analyzer.hxx>
#include <Bnd_Box.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Shape.hxx>

#include "kernel/kernel_error.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel_test_support.h"

using namespace partsmith::kernel;
using partsmith::kernel::testing::errorOf;
using Catch::Matchers::Contains;

namespace {

constexpr double kPi = M_PI;

struct Box3 {
  double xmin, ymin, zmin, xmax, ymax, zmax;
};

TopoDS_Shape shapeOf(const WorkplanePtr& wp) { return wp->toShape(); }

double volumeOf(const WorkplanePtr& wp) { return shapeVolume(shapeOf(wp)); }

Box3 boxOf(const TopoDS_Shape& shape) {
  Box3 b{};
  tightBoundingBox(shape).Get(b.xmin, b.ymin, b.zmin, b.xmax, b.ymax, b.zmax);
  return b;
}

void requireBox(const WorkplanePtr& wp, Box3 expected, double tol = 1e-6) {
  const Box3 b = boxOf(shapeOf(wp));
  CHECK(b.xmin == Approx(expected.xmin).margin(tol));
  CHECK(b.ymin == Approx(expected.ymin).margin(tol));
  CHECK(b.zmin == Approx(expected.zmin).margin(tol));
  CHECK(b.xmax == Approx(expected.xmax).margin(tol));
  CHECK(b.ymax == Approx(expected.ymax).margin(tol));
  CHECK(b.zmax == Approx(expected.zmax).margin(tol));
}

bool isValid(const WorkplanePtr& wp) { return BRepCheck_Analyzer(shapeOf(wp)).IsValid(); }

size_t solidCount(const WorkplanePtr& wp) { return solidsOf(shapeOf(wp)).size(); }

TopoDS_Shape stackShape(const WorkplanePtr& wp, size_t i) { return std::get<TopoDS_Shape>(wp->objects().at(i)); }

WorkplanePtr xy() { return Workplane::create("XY"); }

// The plate every hole test drills into: 20 x 20 x 10 centred at the origin.
WorkplanePtr plateTop() { return xy()->box(20, 20, 10)->faces(parseSelector(">Z"))->workplane(); }

}  // namespace

TEST_CASE("box is centred per axis and placed in plane coordinates", "[w3d]") {
  auto centred = xy()->box(10, 20, 30);
  CHECK(volumeOf(centred) == Approx(6000));
  requireBox(centred, {-5, -10, -15, 5, 10, 15});

  requireBox(xy()->box(10, 20, 30, {false, false, false}), {0, 0, 0, 10, 20, 30});
  requireBox(xy()->box(10, 20, 30, {true, true, false}), {-5, -10, 0, 5, 10, 30});
  requireBox(xy()->box(10, 20, 30, {false, true, true}), {0, -10, -15, 10, 10, 15});

  // XZ: local x = +X, local y = +Z, normal = -Y.
  requireBox(Workplane::create("XZ")->box(1, 2, 3, {false, false, false}), {0, -3, 0, 1, 0, 2});
  // An offset origin moves the box with the plane.
  requireBox(Workplane::create("XY", gp_Pnt(100, 0, 0))->box(2, 2, 2), {99, -1, -1, 101, 1, 1});
}

TEST_CASE("box at pushed points fuses into one object, combine=false keeps them apart", "[w3d]") {
  auto overlapping = xy()->pushPoints({gp_Pnt(0, 0, 0), gp_Pnt(5, 0, 0)})->box(10, 10, 10);
  REQUIRE(overlapping->size() == 1);
  CHECK(solidCount(overlapping) == 1);
  CHECK(volumeOf(overlapping) == Approx(1500));
  // clean merged the coplanar faces of the two boxes back into a box with 6 faces.
  CHECK(subShapes(shapeOf(overlapping), TopAbs_FACE).size() == 6);

  auto unclean = xy()->pushPoints({gp_Pnt(0, 0, 0), gp_Pnt(5, 0, 0)})->box(10, 10, 10, {true, true, true},
                                                                           Combine::Union, false);
  CHECK(subShapes(shapeOf(unclean), TopAbs_FACE).size() > 6);

  auto disjoint = xy()->pushPoints({gp_Pnt(0, 0, 0), gp_Pnt(20, 0, 0)})->box(10, 10, 10);
  REQUIRE(disjoint->size() == 1);
  CHECK(solidCount(disjoint) == 2);
  CHECK(volumeOf(disjoint) == Approx(2000));

  auto separate = xy()->pushPoints({gp_Pnt(0, 0, 0), gp_Pnt(5, 0, 0)})->box(10, 10, 10, {true, true, true},
                                                                           Combine::None);
  REQUIRE(separate->size() == 2);
  CHECK(shapeVolume(stackShape(separate, 0)) == Approx(1000));
  CHECK(shapeVolume(stackShape(separate, 1)) == Approx(1000));
  CHECK(boxOf(stackShape(separate, 1)).xmin == Approx(0).margin(1e-9));
}

TEST_CASE("box with combine cut removes material from the context solid", "[w3d]") {
  auto cut = xy()->box(10, 10, 10, {false, false, false})->box(4, 4, 4, {false, false, false}, Combine::Cut);
  CHECK(volumeOf(cut) == Approx(1000 - 64));
  CHECK(isValid(cut));
  // A second box fused on top grows the context solid.
  auto fused = xy()->box(10, 10, 10, {false, false, false})
                   ->faces(parseSelector(">Z"))
                   ->workplane()
                   ->box(2, 2, 2, {true, true, false});
  CHECK(volumeOf(fused) == Approx(1008));
  CHECK(solidCount(fused) == 1);
}

TEST_CASE("cylinder: height first, centred about the axis, direct re-orients", "[w3d]") {
  auto c = xy()->cylinder(10, 2);
  CHECK(volumeOf(c) == Approx(kPi * 4 * 10));
  requireBox(c, {-2, -2, -5, 2, 2, 5});
  requireBox(xy()->cylinder(10, 2, gp_Dir(0, 0, 1), 360, {false, false, false}), {0, 0, 0, 4, 4, 10});
  requireBox(xy()->cylinder(10, 2, gp_Dir(1, 0, 0)), {-5, -2, -2, 5, 2, 2});
  CHECK(volumeOf(xy()->cylinder(10, 2, gp_Dir(0, 0, 1), 90)) == Approx(kPi * 4 * 10 / 4));
}

TEST_CASE("sphere: full, hemisphere by latitude, uncentred, wedge of longitude", "[w3d]") {
  CHECK(volumeOf(xy()->sphere(3)) == Approx(4.0 / 3.0 * kPi * 27));
  requireBox(xy()->sphere(3), {-3, -3, -3, 3, 3, 3});
  auto upper = xy()->sphere(3, gp_Dir(0, 0, 1), 0, 90);
  CHECK(volumeOf(upper) == Approx(2.0 / 3.0 * kPi * 27));
  CHECK(boxOf(shapeOf(upper)).zmin == Approx(0).margin(1e-7));
  requireBox(xy()->sphere(3, gp_Dir(0, 0, 1), -90, 90, 360, {false, false, false}), {0, 0, 0, 6, 6, 6});
  CHECK(volumeOf(xy()->sphere(3, gp_Dir(0, 0, 1), -90, 90, 90)) == Approx(kPi * 9));
}

TEST_CASE("wedge volume matches the prismatoid formula", "[w3d]") {
  // Bottom face dx*dz = 10*8 at y=0, top face [2,6]x[1,5] at y=5: V = h/6 (A0 + 4 Am + A1).
  auto w = xy()->wedge(10, 5, 8, 2, 1, 6, 5, gp_Pnt(0, 0, 0), gp_Dir(0, 0, 1), {false, false, false});
  CHECK(volumeOf(w) == Approx(5.0 / 6.0 * (80 + 4 * 7 * 6 + 16)));
  requireBox(w, {0, 0, 0, 10, 5, 8});
  requireBox(xy()->wedge(10, 5, 8, 2, 1, 6, 5), {-5, -2.5, -4, 5, 2.5, 4});
}

TEST_CASE("extrude a rectangle: positive, negative, both, from a face", "[w3d]") {
  auto up = xy()->rect(10, 20)->extrude(ExtentUntil::of(5));
  CHECK(volumeOf(up) == Approx(1000));
  requireBox(up, {-5, -10, 0, 5, 10, 5});
  requireBox(xy()->rect(10, 20)->extrude(ExtentUntil::of(-5)), {-5, -10, -5, 5, 10, 0});
  auto both = xy()->rect(10, 20)->extrude(ExtentUntil::of(5), Combine::Union, true, true);
  CHECK(volumeOf(both) == Approx(2000));
  requireBox(both, {-5, -10, -5, 5, 10, 5});
  CHECK(solidCount(both) == 1);

  // A rect with a circle inside extrudes to a plate with a hole.
  auto plate = xy()->rect(10, 10)->circle(2)->extrude(ExtentUntil::of(1));
  CHECK(volumeOf(plate) == Approx(100 - kPi * 4));
  CHECK(subShapes(shapeOf(plate), TopAbs_FACE).size() == 7);

  // Faces on the stack are extruded along the plane normal; the result fuses with the box.
  auto grown = xy()->box(10, 10, 10)->faces(parseSelector(">Z"))->workplane()->rect(4, 4)->extrude(
      ExtentUntil::of(3));
  CHECK(volumeOf(grown) == Approx(1048));
  CHECK(solidCount(grown) == 1);

  // combine=false leaves the new prism alone on the stack.
  auto alone = xy()->box(10, 10, 10)->faces(parseSelector(">Z"))->workplane()->rect(4, 4)->extrude(
      ExtentUntil::of(3), Combine::None);
  CHECK(volumeOf(alone) == Approx(48));
}

TEST_CASE("extrude on a rotated workplane follows its normal", "[w3d]") {
  requireBox(Workplane::create("YZ")->rect(2, 4)->extrude(ExtentUntil::of(3)), {0, -1, -2, 3, 1, 2});
  requireBox(Workplane::create("XZ")->rect(2, 4)->extrude(ExtentUntil::of(3)), {-1, -3, -2, 1, 0, 2});
}

TEST_CASE("tapered extrude keeps the height and shrinks the profile", "[w3d]") {
  const double t = 10 * kPi / 180;
  const double h = 5;
  auto square = xy()->rect(10, 10)->extrude(ExtentUntil::of(h), Combine::Union, true, false, 10.0);
  const double a = 10, b = 10 - 2 * h * std::tan(t);
  CHECK(volumeOf(square) == Approx(h / 3 * (a * a + b * b + a * b)).epsilon(1e-3));
  requireBox(square, {-5, -5, 0, 5, 5, h}, 1e-4);
  CHECK(isValid(square));

  auto cone = xy()->circle(5)->extrude(ExtentUntil::of(10), Combine::Union, true, false, 5.0);
  const double r1 = 5, r2 = 5 - 10 * std::tan(5 * kPi / 180);
  CHECK(volumeOf(cone) == Approx(kPi * 10 / 3 * (r1 * r1 + r1 * r2 + r2 * r2)).epsilon(1e-3));

  // A negative taper grows the profile; a negative distance goes below the plane. The draft
  // prism (LocOpe_DPrism, as in CadQuery) rounds convex corners when growing, so the section
  // at depth z is a^2 + 4 a d + pi d^2 with d = z tan(t).
  auto flare = xy()->rect(10, 10)->extrude(ExtentUntil::of(-h), Combine::Union, true, false, -10.0);
  const double k = std::tan(t);
  CHECK(volumeOf(flare) == Approx(a * a * h + 2 * a * k * h * h + kPi * k * k * h * h * h / 3).epsilon(1e-4));
  CHECK(boxOf(shapeOf(flare)).zmin == Approx(-h).margin(1e-4));

  // cutBlind with taper: a 4 x 4 pocket 5 deep narrowing to 4 - 2*5*tan(5deg).
  const double k5 = std::tan(5 * kPi / 180);
  const double bottom = 4 - 2 * 5 * k5;
  CHECK(volumeOf(plateTop()->rect(4, 4)->cutBlind(ExtentUntil::of(-5), true, false, 5.0)) ==
        Approx(4000 - 5.0 / 3 * (16 + bottom * bottom + 4 * bottom)).epsilon(1e-5));

  auto err = errorOf([] { xy()->rect(10, 10)->circle(2)->extrude(ExtentUntil::of(5), Combine::Union, true, false, 5.0); });
  CHECK(err.kind() == ErrorKind::Api);
  CHECK_THAT(err.message(), Contains("inner wires"));
}

TEST_CASE("extrude up to the next and the last face of the context solid", "[w3d]") {
  // A 20x20x10 block (z 0..10) with a tunnel 4 high (z 3..7) through it along X: a vertical
  // line through the middle crosses faces at z = 0, 3, 7 and 10.
  // Each sketch starts a fresh chain: pending wires are shared by the whole chain.
  auto solid = [] {
    auto block = xy()->box(20, 20, 10, {true, true, false});
    return block->cut(Workplane::create("XY", gp_Pnt(0, 0, 5))->box(30, 10, 4));
  };
  const double base = 4000 - 20 * 10 * 4;
  REQUIRE(volumeOf(solid()) == Approx(base));

  // A sketch 3 below the block, normal +Z.
  auto below = [&] { return solid()->faces(parseSelector("<Z"))->workplane(-3, true)->rect(4, 4); };
  auto next = below()->extrude(ExtentUntil{ExtentUntil::Kind::Next, 0, {}});
  CHECK(volumeOf(next) == Approx(base + 4 * 4 * 3));
  CHECK(boxOf(shapeOf(next)).zmin == Approx(-3).margin(1e-6));
  auto last = below()->extrude(ExtentUntil{ExtentUntil::Kind::Last, 0, {}});
  CHECK(volumeOf(last) == Approx(base + 4 * 4 * 3 + 4 * 4 * 4));
  CHECK(solidCount(last) == 1);

  // Up to a given face (the top one): 3 below the block plus the 4 high tunnel.
  const auto topFace = TopoDS::Face(std::get<TopoDS_Shape>(solid()->faces(parseSelector(">Z"))->val()));
  CHECK(volumeOf(below()->extrude(ExtentUntil{ExtentUntil::Kind::Face, 0, topFace})) ==
        Approx(base + 4 * 4 * 3 + 4 * 4 * 4));
  // both: from the middle of the tunnel to its floor and ceiling.
  auto inTunnel = solid()->copyWorkplane(Workplane::create("XY", gp_Pnt(0, 0, 5)))->rect(2, 2);
  CHECK(volumeOf(inTunnel->extrude(ExtentUntil{ExtentUntil::Kind::Next, 0, {}}, Combine::Union, true, true)) ==
        Approx(base + 2 * 2 * 4));
  auto oneSided = errorOf([&] {
    solid()->faces(parseSelector("<Z"))->workplane(-3, true)->rect(2, 2)->extrude(
        ExtentUntil{ExtentUntil::Kind::Next, 0, {}}, Combine::Union, true, true);
  });
  CHECK_THAT(oneSided.message(), Contains("both"));

  auto err = errorOf([&] { below()->extrude(ExtentUntil{ExtentUntil::Kind::Next, 0, {}}, Combine::None); });
  CHECK_THAT(err.message(), Contains("combine"));

  // cutBlind to the next / last face below the top face.
  auto top = [&] { return solid()->faces(parseSelector(">Z"))->workplane()->rect(4, 4); };
  CHECK(volumeOf(top()->cutBlind(ExtentUntil{ExtentUntil::Kind::Next, 0, {}})) == Approx(base - 4 * 4 * 3));
  CHECK(volumeOf(top()->cutBlind(ExtentUntil{ExtentUntil::Kind::Last, 0, {}})) == Approx(base - 4 * 4 * 6));
}

TEST_CASE("cutBlind removes exactly the pocket; needs a solid and a non-zero distance", "[w3d]") {
  auto pocket = plateTop()->rect(4, 6)->cutBlind(ExtentUntil::of(-3));
  CHECK(volumeOf(pocket) == Approx(4000 - 4 * 6 * 3));
  CHECK(isValid(pocket));
  // extrude with combine "cut" goes through cutBlind.
  auto viaExtrude = plateTop()->rect(4, 6)->extrude(ExtentUntil::of(-3), Combine::Cut);
  CHECK(volumeOf(viaExtrude) == Approx(4000 - 4 * 6 * 3));
  // both: symmetric about the workplane, so only the lower half is in the material.
  auto both = plateTop()->rect(4, 6)->cutBlind(ExtentUntil::of(3), true, true);
  CHECK(volumeOf(both) == Approx(4000 - 4 * 6 * 3));

  auto noSolid = errorOf([] { xy()->rect(4, 4)->cutBlind(ExtentUntil::of(-2)); });
  CHECK(noSolid.kind() == ErrorKind::Api);
  CHECK(noSolid.operation() == "cutBlind");
  auto zero = errorOf([] { xy()->rect(4, 4)->extrude(ExtentUntil::of(0)); });
  CHECK(zero.operation() == "extrude");
  CHECK_THAT(zero.message(), Contains("distance must not be 0"));
  auto nothing = errorOf([] { xy()->extrude(ExtentUntil::of(3)); });
  CHECK_THAT(nothing.message(), Contains("no pending wires"));
}

TEST_CASE("cutThruAll cuts through the whole solid in both directions", "[w3d]") {
  auto through = plateTop()->circle(2)->cutThruAll();
  CHECK(volumeOf(through) == Approx(4000 - kPi * 4 * 10));
  CHECK(isValid(through));
  // From a workplane in the middle of the part, and from one far away above it.
  auto middle = xy()->box(20, 20, 10)->rect(2, 2)->cutThruAll();
  CHECK(volumeOf(middle) == Approx(4000 - 40));
  auto far = xy()->box(20, 20, 10)->faces(parseSelector(">Z"))->workplane(50)->rect(2, 2)->cutThruAll();
  CHECK(volumeOf(far) == Approx(4000 - 40));
  // Tapered: narrows by 2*10*tan(5deg) through the 10 thick plate (CadQuery's draft prism).
  const double b = 4 - 2 * 10 * std::tan(5 * kPi / 180);
  CHECK(volumeOf(plateTop()->rect(4, 4)->cutThruAll(true, 5)) ==
        Approx(4000 - 10.0 / 3 * (16 + b * b + 4 * b)).epsilon(1e-5));
  // Sideways through a box from a YZ workplane.
  auto side = xy()->box(20, 20, 10)->copyWorkplane(Workplane::create("YZ"))->rect(2, 2)->cutThruAll();
  CHECK(volumeOf(side) == Approx(4000 - 80));
}

TEST_CASE("twistExtrude keeps the cross-section area and turns the top", "[w3d]") {
  auto twisted = xy()->rect(10, 10)->twistExtrude(10, 45);
  CHECK(volumeOf(twisted) == Approx(1000).epsilon(1e-3));
  CHECK(isValid(twisted));
  const Box3 b = boxOf(shapeOf(twisted));
  CHECK(b.zmin == Approx(0).margin(1e-6));
  CHECK(b.zmax == Approx(10).margin(1e-6));
  // The top square is turned by 45 degrees: its corners reach 5*sqrt(2) along x.
  CHECK(b.xmax == Approx(5 * std::sqrt(2.0)).epsilon(1e-3));
  // No twist is a plain prism.
  CHECK(volumeOf(xy()->rect(10, 10)->twistExtrude(10, 0)) == Approx(1000));
  // With a hole.
  CHECK(volumeOf(xy()->rect(10, 10)->circle(2)->twistExtrude(5, 30)) == Approx(5 * (100 - kPi * 4)).epsilon(1e-3));
}

TEST_CASE("revolve: Pappus volumes, angle normalisation, axisStart-only quirk", "[w3d]") {
  // A 2 x 4 rect centred 10 from the local Y axis: V = 2 pi R A.
  auto ring = xy()->moveTo(10, 0)->rect(2, 4)->revolve();
  CHECK(volumeOf(ring) == Approx(2 * kPi * 10 * 8));
  requireBox(ring, {-11, -2, -11, 11, 2, 11});
  CHECK(isValid(ring));
  CHECK(volumeOf(xy()->moveTo(10, 0)->rect(2, 4)->revolve(180)) == Approx(kPi * 10 * 8));
  // -90 % 360 = 270; 720 % 360 = 0 -> a full turn.
  CHECK(volumeOf(xy()->moveTo(10, 0)->rect(2, 4)->revolve(-90)) == Approx(1.5 * kPi * 10 * 8));
  CHECK(volumeOf(xy()->moveTo(10, 0)->rect(2, 4)->revolve(720)) == Approx(2 * kPi * 10 * 8));

  // rect x -5..5, y -2..2; axisStart (-5,-2) alone: axisEnd = toWorld((0, -2)), an axis
  // parallel to X along the rect's lower edge (centroid 2 away: V = 2 pi * 2 * 40).
  auto quirk = xy()->rect(10, 4)->revolve(360, gp_XYZ(-5, -2, 0));
  CHECK(volumeOf(quirk) == Approx(2 * kPi * 2 * 40));
  requireBox(quirk, {-5, -6, -4, 5, 2, 4});
  // Both ends given: the axis along local Y at x = -5.
  auto explicitAxis = xy()->rect(10, 4)->revolve(360, gp_XYZ(-5, -2, 0), gp_XYZ(-5, 2, 0));
  CHECK(volumeOf(explicitAxis) == Approx(2 * kPi * 5 * 40));

  auto crossing = errorOf([] { xy()->rect(10, 4)->revolve(); });
  CHECK(crossing.operation() == "revolve");
  CHECK_THAT(crossing.message(), Contains("crosses the axis"));
}

TEST_CASE("loft between sections gives frustum volumes", "[w3d]") {
  auto frustum = xy()->rect(10, 10)->workplane(5)->rect(4, 4)->loft();
  CHECK(volumeOf(frustum) == Approx(5.0 / 3.0 * (100 + 16 + 40)));
  requireBox(frustum, {-5, -5, 0, 5, 5, 5});
  CHECK(isValid(frustum));
  auto ruled = xy()->rect(10, 10)->workplane(5)->rect(4, 4)->workplane(5)->rect(10, 10)->loft(true);
  CHECK(volumeOf(ruled) == Approx(2 * 5.0 / 3.0 * (100 + 16 + 40)));
  auto cone = xy()->circle(4)->workplane(6)->circle(2)->loft();
  CHECK(volumeOf(cone) == Approx(kPi * 6 / 3 * (16 + 8 + 4)).epsilon(1e-4));

  auto one = errorOf([] { xy()->rect(10, 10)->loft(); });
  CHECK(one.operation() == "loft");
  CHECK_THAT(one.message(), Contains("at least 2 sections, found 1"));
  auto none = errorOf([] { xy()->loft(); });
  CHECK(none.kind() == ErrorKind::Api);
}

TEST_CASE("sweep along a line and an arc; multisection; bad path", "[w3d]") {
  // Path on XZ: local y is world +Z.
  auto line = Workplane::create("XZ")->lineTo(0, 10);
  auto straight = xy()->circle(1)->sweep(line);
  CHECK(volumeOf(straight) == Approx(kPi * 10).epsilon(1e-6));
  requireBox(straight, {-1, -1, 0, 1, 1, 10}, 1e-6);

  // Quarter arc of radius 10 starting along +Z: Pappus V = pi r^2 * (pi/2 * 10).
  const double s = 10 - 10 * std::cos(kPi / 4);
  auto arc = Workplane::create("XZ")->threePointArc(gp_XY(s, 10 * std::sin(kPi / 4)), gp_XY(10, 10));
  auto bent = xy()->circle(1)->sweep(arc);
  CHECK(volumeOf(bent) == Approx(kPi * 5 * kPi).epsilon(1e-4));
  CHECK(isValid(bent));
  SweepOptions frenet;
  frenet.isFrenet = true;
  CHECK(volumeOf(xy()->circle(1)->sweep(
            Workplane::create("XZ")->threePointArc(gp_XY(s, 10 * std::sin(kPi / 4)), gp_XY(10, 10)), frenet)) ==
        Approx(kPi * 5 * kPi).epsilon(1e-4));

  // A bare edge as the path; a tube (profile with a hole).
  auto tube = xy()->circle(2)->circle(1)->sweep(stackShape(Workplane::create("XZ")->lineTo(0, 10), 0));
  CHECK(volumeOf(tube) == Approx(kPi * 3 * 10).epsilon(1e-6));

  // Multisection: circle r=2 at the start, r=1 at the end -> a cone frustum.
  SweepOptions multi;
  multi.multisection = true;
  auto frustum = xy()->circle(2)->workplane(10)->circle(1)->sweep(Workplane::create("XZ")->lineTo(0, 10), multi);
  CHECK(volumeOf(frustum) == Approx(kPi * 10 / 3 * (4 + 2 + 1)).epsilon(1e-3));

  // Polyline path with a corner, round transition: still one valid solid.
  SweepOptions round;
  round.transition = "round";
  auto elbow = xy()->rect(1, 1)->sweep(Workplane::create("XZ")->polyline({gp_XY(0, 0), gp_XY(0, 10), gp_XY(10, 10)}),
                                       round);
  CHECK(solidCount(elbow) == 1);
  CHECK(volumeOf(elbow) > 19);

  // A fixed normal keeps the profile's orientation: horizontal 2 x 1 slices rising 10 -> 20.
  SweepOptions fixed;
  fixed.normal = gp_Vec(0, 0, 1);
  auto sheared = xy()->rect(2, 1)->sweep(
      Workplane::create("XZ")->threePointArc(gp_XY(s, 10 * std::sin(kPi / 4)), gp_XY(10, 10)), fixed);
  CHECK(volumeOf(sheared) == Approx(20).epsilon(1e-6));
  // A normal lying in the profile plane would flatten it: a clear error instead.
  SweepOptions flat;
  flat.normal = gp_Vec(0, 1, 0);
  CHECK_THAT(errorOf([&] {
               xy()->rect(2, 1)->sweep(
                   Workplane::create("XZ")->threePointArc(gp_XY(s, 10 * std::sin(kPi / 4)), gp_XY(10, 10)), flat);
             }).message(),
             Contains("flat"));
  // An auxiliary spine parallel to a straight path keeps the frame fixed.
  SweepOptions aux;
  aux.auxSpine = ShapeSource(Workplane::create("XZ")->moveTo(5, 0)->lineTo(5, 10));
  CHECK(volumeOf(xy()->rect(2, 1)->sweep(Workplane::create("XZ")->lineTo(0, 10), aux)) == Approx(20).epsilon(1e-6));
  // makeSolid=false gives the lateral shell only.
  SweepOptions shellOnly;
  shellOnly.makeSolid = false;
  auto shell = xy()->circle(1)->sweep(Workplane::create("XZ")->lineTo(0, 10), shellOnly);
  CHECK(solidCount(shell) == 0);
  CHECK(shapeArea(shapeOf(shell)) == Approx(2 * kPi * 10).epsilon(1e-6));

  SweepOptions bad;
  bad.transition = "sharp";
  CHECK_THAT(errorOf([&] { xy()->circle(1)->sweep(line, bad); }).message(), Contains("unknown transition"));
  auto notPath = errorOf([] { xy()->circle(1)->sweep(xy()->box(1, 1, 1)); });
  CHECK(notPath.operation() == "sweep");
  CHECK_THAT(notPath.message(), Contains("wire or an edge"));
}

TEST_CASE("hole, cboreHole and cskHole remove the analytic volumes", "[w3d]") {
  const double r = 2.5;
  auto through = plateTop()->hole(5);
  CHECK(volumeOf(through) == Approx(4000 - kPi * r * r * 10));
  CHECK(isValid(through));
  CHECK(volumeOf(plateTop()->hole(5, 4.0)) == Approx(4000 - kPi * r * r * 4));

  // Counterbore 10 wide, 3 deep, then the 5 mm bore through the remaining 7.
  auto cbore = plateTop()->cboreHole(5, 10, 3);
  CHECK(volumeOf(cbore) == Approx(4000 - kPi * 25 * 3 - kPi * r * r * 7));
  CHECK(volumeOf(plateTop()->cboreHole(5, 10, 3, 6.0)) == Approx(4000 - kPi * 25 * 3 - kPi * r * r * 3));

  // Countersink 90 degrees, 10 wide: cone depth 5; above r=2.5 it is a frustum 2.5 deep.
  auto csk = plateTop()->cskHole(5, 10, 90);
  const double frustum = kPi * 2.5 / 3 * (25 + 12.5 + 6.25);
  CHECK(volumeOf(csk) == Approx(4000 - frustum - kPi * r * r * 7.5));
  CHECK(isValid(csk));

  // One hole per stack location; holes go into the face they were placed on.
  auto grid = plateTop()->rarray(10, 10, 2, 2)->hole(2);
  CHECK(volumeOf(grid) == Approx(4000 - 4 * kPi * 10));
  auto onVertices = plateTop()->rect(12, 12, {true, true}, true)->vertices()->hole(2, 3.0);
  CHECK(volumeOf(onVertices) == Approx(4000 - 4 * kPi * 3));
  // Without workplane(): at the face centre, drilled along -zDir of the current plane.
  CHECK(volumeOf(xy()->box(20, 20, 10)->faces(parseSelector(">Z"))->hole(4, 2.0)) ==
        Approx(4000 - kPi * 4 * 2));

  auto noSolid = errorOf([] { xy()->hole(5); });
  CHECK(noSolid.operation() == "hole");
  CHECK(noSolid.kind() == ErrorKind::Api);
  CHECK_THAT(errorOf([] { plateTop()->cboreHole(5, 4, 2); }).message(), Contains("must be larger than diameter"));
  CHECK_THAT(errorOf([] { plateTop()->cskHole(5, 10, 180); }).message(), Contains("cskAngle"));
}
