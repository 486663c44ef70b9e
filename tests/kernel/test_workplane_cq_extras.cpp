// CadQuery behaviours completed late: cutEach, spline tangents left free or given in 3D,
// tangentArcPoint to a 3D end point, add() bringing the other chain's tags, sweeping a profile
// whose holes overlap, and Assembly::remove.
#include <catch2/catch.hpp>

#include <cmath>

#include <BRepAdaptor_Curve.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRep_Tool.hxx>
#include <TopoDS.hxx>

#include "kernel/assembly.h"
#include "kernel/kernel_error.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane.h"

using namespace partsmith::kernel;
using Catch::Matchers::Contains;

namespace {

TopoDS_Shape stackShape(const WorkplanePtr& wp, size_t i = 0) { return std::get<TopoDS_Shape>(wp->objects().at(i)); }

template <class F>
std::string errorOf(F&& fn) {
  try {
    fn();
  } catch (const KernelError& e) {
    return std::string(e.what()) + " | " + e.hint();
  }
  FAIL("expected a KernelError");
  return {};
}

gp_Pnt endOf(const TopoDS_Shape& edge) {
  BRepAdaptor_Curve c(TopoDS::Edge(edge));
  return c.Value(edge.Orientation() == TopAbs_REVERSED ? c.FirstParameter() : c.LastParameter());
}

gp_Vec startTangent(const TopoDS_Shape& edge) {
  BRepAdaptor_Curve c(TopoDS::Edge(edge));
  gp_Pnt p;
  gp_Vec v;
  c.D1(c.FirstParameter(), p, v);
  return v;
}

}  // namespace

TEST_CASE("cutEach cuts a tool at every stack location from the context solid", "[cqextras]") {
  const TopoDS_Shape cutter = BRepPrimAPI_MakeBox(gp_Pnt(-1, -1, -1), 2, 2, 2).Shape();
  // Every corner of a 3 x 2 x 2 box loses a 1 x 1 x 1 cube: 12 - 8 = 4 (CadQuery testCutEach).
  auto cut = Workplane::create()->box(3, 2, 2)->vertices()->cutEach(
      [&](const Location& loc) { return cutter.Moved(loc.toTopLoc()); });
  REQUIRE(cut->size() == 1);
  CHECK(shapeVolume(stackShape(cut)) == Approx(4).epsilon(1e-9));

  // useLocalCoordinates: the tool is built in the workplane's frame, then placed. On the
  // box's top face a tool 1 x 1 x 4 long along local x removes a bar across the top.
  auto top = Workplane::create()->box(10, 10, 10)->faces(parseSelector(">Z"))->workplane();
  const TopoDS_Shape bar = BRepPrimAPI_MakeBox(gp_Pnt(-2, -0.5, -1), 4, 1, 2).Shape();
  auto local = top->cutEach([&](const Location& loc) { return bar.Moved(loc.toTopLoc()); }, true);
  CHECK(shapeVolume(stackShape(local)) == Approx(1000 - 4).epsilon(1e-9));

  CHECK_THAT(errorOf([&] {
               Workplane::create()->rect(1, 1)->cutEach([&](const Location& loc) { return cutter.Moved(loc.toTopLoc()); });
             }),
             Contains("cutEach"));
  CHECK_THAT(errorOf([&] { Workplane::create()->box(1, 1, 1)->cutEach([](const Location&) { return TopoDS_Shape(); }); }),
             Contains("the callback returned no shape"));
}

TEST_CASE("spline: a null tangent leaves the curve free there; points and tangents may be 3D", "[cqextras]") {
  SplineOptions free;
  free.tangents = std::vector<std::optional<gp_XYZ>>{gp_XYZ(0, 1, 0), std::nullopt, gp_XYZ(0, -1, 0), gp_XYZ(-1, 0, 0)};
  free.parameters = std::vector<double>{0, 1, 2, 3};
  auto s = Workplane::create()->spline(std::vector<gp_XY>{{0, 0}, {1, 1}, {2, 0}, {1, -1}}, free);
  // CadQuery testSplineWithSpecifiedAndUnspecifiedTangents: the point at parameter 1.5.
  BRepAdaptor_Curve c(TopoDS::Edge(stackShape(s)));
  gp_Pnt p = c.Value(1.5);
  CHECK(p.Distance(gp_Pnt(1.6875, 0.875, 0)) < 1e-7);

  // On the XZ plane (normal -Y), local z leaves the plane along -Y.
  SplineOptions spatial;
  spatial.tangents = std::vector<std::optional<gp_XYZ>>{gp_XYZ(0, 0, 1), gp_XYZ(0, 0, 1)};
  auto up = Workplane::create("XZ")->spline(std::vector<gp_XYZ>{{0, 0, 0}, {10, 5, 20}}, spatial);
  const TopoDS_Shape edge = stackShape(up);
  CHECK(endOf(edge).Distance(gp_Pnt(10, -20, 5)) < 1e-9);
  CHECK(gp_Dir(startTangent(edge)).IsParallel(gp_Dir(0, -1, 0), 1e-9));
  CHECK(startTangent(edge).Dot(gp_Vec(0, -1, 0)) > 0);

  // All tangents null: the free curve.
  SplineOptions allNull;
  allNull.tangents = std::vector<std::optional<gp_XYZ>>{std::nullopt, std::nullopt, std::nullopt};
  const TopoDS_Shape freeCurve = stackShape(Workplane::create()->spline(std::vector<gp_XY>{{0, 0}, {1, 1}, {2, 0}}));
  const TopoDS_Shape nullCurve = stackShape(Workplane::create()->spline(std::vector<gp_XY>{{0, 0}, {1, 1}, {2, 0}}, allNull));
  CHECK(gp_Dir(startTangent(nullCurve)).IsParallel(gp_Dir(startTangent(freeCurve)), 1e-12));
  SplineOptions endNull;
  endNull.tangents = std::vector<std::optional<gp_XYZ>>{gp_XYZ(1, 0, 0), std::nullopt};
  CHECK_THAT(errorOf([&] { Workplane::create()->spline(std::vector<gp_XY>{{0, 0}, {1, 1}, {2, 0}}, endNull); }),
             Contains("start and end tangents must both be given"));
}

TEST_CASE("tangentArcPoint to a 3D end point, relative and absolute", "[cqextras]") {
  // CadQuery testTangentArcToPoint: lineTo(1, 1).tangentArcPoint((1, 1, 1)) rises to z = 1.
  auto rel = Workplane::create()->lineTo(1, 1)->tangentArcPoint(gp_XYZ(1, 1, 1));
  CHECK(endOf(stackShape(rel)).Distance(gp_Pnt(2, 2, 1)) < 1e-9);
  auto abs = Workplane::create()->lineTo(1, 1)->tangentArcPoint(gp_XYZ(2, 2, 1), false, false);
  CHECK(endOf(stackShape(abs)).Distance(gp_Pnt(2, 2, 1)) < 1e-9);
  // The arc leaves tangent to the line (along (1, 1, 0)).
  CHECK(gp_Dir(startTangent(stackShape(abs))).IsParallel(gp_Dir(1, 1, 0), 1e-9));
  // Local coordinates: on XZ with origin (1, 1, 1), local (2, 1, 3) is world (3, -2, 2).
  auto xz = Workplane::create("XZ", gp_Pnt(1, 1, 1))->hLine(1)->tangentArcPoint(gp_XYZ(2, 1, 3), false, false);
  CHECK(endOf(stackShape(xz)).Distance(gp_Pnt(3, -2, 2)) < 1e-9);
  CHECK_THAT(errorOf([] { Workplane::create()->lineTo(1, 0)->tangentArcPoint(gp_XYZ(2, 0, 0), false, false); }),
             Contains("lies on the line of the previous edge"));
}

TEST_CASE("add(workplane) brings the other chain's tags; this chain's win", "[cqextras]") {
  auto a = Workplane::create()->box(1, 1, 1)->tag("shared");
  auto b = Workplane::create("XY", gp_Pnt(5, 0, 0))->box(1, 1, 1);
  b->tag("shared");
  b->faces(parseSelector(">Z"))->tag("top");
  auto merged = a->add(b);
  CHECK(merged->faces(nullptr, "top")->size() == 1);
  CHECK(shapeCenter(stackShape(merged->faces(nullptr, "top"))).Distance(gp_Pnt(5, 0, 0.5)) < 1e-9);
  // "shared" still means a's box.
  CHECK(shapeCenter(stackShape(merged->solids(nullptr, "shared"))).Distance(gp_Pnt(0, 0, 0)) < 1e-9);
}

TEST_CASE("sweep cuts every hole, so holes may overlap each other", "[cqextras]") {
  // Two crossing slots inside a circle (CadQuery testSweep's nested profiles) along a straight
  // path: the solid is the tube minus the cross-shaped hole, area 4 pi - (2 + 2 - 1).
  auto path = Workplane::create("XZ")->polyline({{0, 0}, {0, 10}});
  auto swept = Workplane::create()->circle(2)->rect(2, 1)->rect(1, 2)->sweep(ShapeSource(path));
  const TopoDS_Shape solid = swept->toShape();
  CHECK(BRepCheck_Analyzer(solid).IsValid());
  CHECK(solidsOf(solid).size() == 1);
  CHECK(shapeVolume(solid) == Approx((4 * M_PI - 3) * 10).epsilon(1e-6));
  // extrude still reports such an outline: its single face with holes would be invalid.
  CHECK_THAT(errorOf([] { Workplane::create()->circle(2)->rect(2, 1)->rect(1, 2)->extrude(ExtentUntil::of(1)); }),
             Contains("could not make a face with holes"));
}

TEST_CASE("Assembly::remove drops a child by name or path", "[cqextras][assembly]") {
  const TopoDS_Shape box = BRepPrimAPI_MakeBox(1, 1, 1).Shape();
  Assembly sub(TopoDS_Shape(), Location(), "sub");
  sub.add(box, std::nullopt, "part1");
  sub.add(box, Location::translation(gp_Vec(5, 5, 5)), "part2");
  Assembly root(box, Location(), "root");
  root.add(box, std::nullopt, "top");
  root.add(sub);
  REQUIRE(root.nodeCount() == 5);

  root.remove("sub/part2");
  CHECK(root.nodeCount() == 4);
  CHECK(root.children().at(1).children().size() == 1);
  root.remove("part1");  // a bare name found below a child
  CHECK(root.children().at(1).children().empty());
  root.remove("sub");
  CHECK(root.children().size() == 1);
  CHECK(root.parts().size() == 2);

  CHECK_THAT(errorOf([&] { root.remove("nope"); }),
             Contains("remove: no object with name \"nope\" found in the assembly") && Contains("top"));
  CHECK_THAT(errorOf([&] { root.remove("root"); }), Contains("cannot remove itself"));
}
