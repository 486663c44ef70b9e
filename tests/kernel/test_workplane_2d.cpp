// Workplane 2D drawing: closed shapes, lines and arcs, point patterns and the pending
// edges/wires -> faces step, checked against CadQuery's semantics with real OCCT geometry.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <BRepAdaptor_Curve.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <TopExp.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Vertex.hxx>

#include "kernel/kernel_error.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

using namespace partsmith::kernel;
using Catch::Matchers::Contains;

namespace {

struct Box3 {
  double xmin, ymin, zmin, xmax, ymax, zmax;
};

Box3 boxOf(const TopoDS_Shape& shape) {
  Bnd_Box b = tightBoundingBox(shape);
  Box3 r{};
  b.Get(r.xmin, r.ymin, r.zmin, r.xmax, r.ymax, r.zmax);
  return r;
}

const TopoDS_Shape& shapeAt(const WorkplanePtr& wp, size_t i) {
  REQUIRE(i < wp->objects().size());
  const auto* shape = std::get_if<TopoDS_Shape>(&wp->objects()[i]);
  REQUIRE(shape != nullptr);
  return *shape;
}

gp_Pnt pointAt(const WorkplanePtr& wp, size_t i) {
  REQUIRE(i < wp->objects().size());
  const auto* p = std::get_if<gp_Pnt>(&wp->objects()[i]);
  REQUIRE(p != nullptr);
  return *p;
}

gp_Pnt midPoint(const TopoDS_Shape& edge) {
  BRepAdaptor_Curve c(TopoDS::Edge(edge));
  return c.Value(0.5 * (c.FirstParameter() + c.LastParameter()));
}

gp_Pnt startOf(const TopoDS_Shape& edge) { return BRep_Tool::Pnt(TopExp::FirstVertex(TopoDS::Edge(edge), true)); }
gp_Pnt endOf(const TopoDS_Shape& edge) { return BRep_Tool::Pnt(TopExp::LastVertex(TopoDS::Edge(edge), true)); }

void requireNear(const gp_Pnt& p, double x, double y, double z, double tol = 1e-7) {
  INFO("point (" << p.X() << ", " << p.Y() << ", " << p.Z() << ") expected (" << x << ", " << y << ", " << z << ")");
  REQUIRE(p.Distance(gp_Pnt(x, y, z)) < tol);
}

size_t pendingWires(const WorkplanePtr& wp) { return wp->context()->pendingWires.size(); }
size_t pendingEdges(const WorkplanePtr& wp) { return wp->context()->pendingEdges.size(); }

// Faces from the chain's pending wires (consuming them, as extrude does).
std::vector<TopoDS_Face> facesOf(const WorkplanePtr& wp) { return WorkplaneOps::takeFaces(*wp, "extrude"); }

double totalArea(const std::vector<TopoDS_Face>& faces) {
  double a = 0;
  for (const auto& f : faces) a += shapeArea(f);
  return a;
}

std::string errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const KernelError& e) {
    return e.what();
  }
  return "<no error>";
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

// --- closed shapes ---------------------------------------------------------------------------

TEST_CASE("rect makes one pending wire per location, centred per axis", "[w2d]") {
  auto r = Workplane::create("XY")->rect(3, 2);
  CHECK(pendingWires(r) == 1);
  CHECK(pendingEdges(r) == 0);
  REQUIRE(r->size() == 1);
  CHECK(shapeAt(r, 0).ShapeType() == TopAbs_WIRE);
  CHECK(shapeLength(shapeAt(r, 0)) == Approx(10));
  Box3 b = boxOf(shapeAt(r, 0));
  CHECK(b.xmin == Approx(-1.5));
  CHECK(b.xmax == Approx(1.5));
  CHECK(b.ymin == Approx(-1));
  CHECK(b.ymax == Approx(1));
  auto faces = facesOf(r);
  REQUIRE(faces.size() == 1);
  CHECK(shapeArea(faces[0]) == Approx(6));
  CHECK(pendingWires(r) == 0);  // consumed

  SECTION("not centred: the corner sits on the point and grows towards +") {
    Box3 c = boxOf(shapeAt(Workplane::create("XY")->rect(3, 2, {false, false}), 0));
    CHECK(c.xmin == Approx(0).margin(1e-9));
    CHECK(c.xmax == Approx(3));
    CHECK(c.ymin == Approx(0).margin(1e-9));
    CHECK(c.ymax == Approx(2));
    Box3 d = boxOf(shapeAt(Workplane::create("XY")->rect(3, 2, {true, false}), 0));
    CHECK(d.xmin == Approx(-1.5));
    CHECK(d.ymin == Approx(0).margin(1e-9));
    CHECK(d.ymax == Approx(2));
  }
  SECTION("negative sizes flip the side when not centred") {
    Box3 c = boxOf(shapeAt(Workplane::create("XY")->rect(-3, 2, {false, false}), 0));
    CHECK(c.xmin == Approx(-3));
    CHECK(c.xmax == Approx(0).margin(1e-9));
  }
}

TEST_CASE("closed shapes are placed at every stack point", "[w2d]") {
  auto base = Workplane::create("XY");
  auto construction = base->rect(4, 4, {true, true}, true);
  CHECK(pendingWires(construction) == 0);  // for construction: on the stack only
  REQUIRE(construction->size() == 1);
  auto circles = construction->vertices()->circle(0.25);
  REQUIRE(circles->size() == 4);
  CHECK(pendingWires(circles) == 4);
  for (size_t i = 0; i < 4; ++i) {
    gp_Pnt c = shapeCenter(shapeAt(circles, i));
    CHECK(std::abs(c.X()) == Approx(2));
    CHECK(std::abs(c.Y()) == Approx(2));
    CHECK(shapeLength(shapeAt(circles, i)) == Approx(2 * M_PI * 0.25));
  }
  auto faces = facesOf(circles);
  CHECK(faces.size() == 4);
  CHECK(totalArea(faces) == Approx(4 * M_PI * 0.0625));
}

TEST_CASE("circle and ellipse sizes and orientation", "[w2d]") {
  auto c = Workplane::create("XY")->circle(2);
  CHECK(shapeLength(shapeAt(c, 0)) == Approx(4 * M_PI));
  CHECK(totalArea(facesOf(c)) == Approx(4 * M_PI));

  auto e = Workplane::create("XY")->ellipse(2, 1);
  CHECK(totalArea(facesOf(e)) == Approx(2 * M_PI));
  Box3 b = boxOf(shapeAt(e, 0));
  CHECK(b.xmax == Approx(2));
  CHECK(b.ymax == Approx(1));

  Box3 tall = boxOf(shapeAt(Workplane::create("XY")->ellipse(1, 3), 0));
  CHECK(tall.xmax == Approx(1));
  CHECK(tall.ymax == Approx(3));

  Box3 rotated = boxOf(shapeAt(Workplane::create("XY")->ellipse(2, 1, 90), 0));
  CHECK(rotated.xmax == Approx(1));
  CHECK(rotated.ymax == Approx(2));

  auto construction = Workplane::create("XY")->circle(1, true);
  CHECK(pendingWires(construction) == 0);
  CHECK(construction->size() == 1);
}

TEST_CASE("polygon vertices: inscribed and circumscribed", "[w2d]") {
  SECTION("inscribed: vertex 0 on local +x at the circle") {
    auto p = Workplane::create("XY")->polygon(6, 2);
    auto verts = subShapes(shapeAt(p, 0), TopAbs_VERTEX);
    REQUIRE(verts.size() == 6);
    bool onX = false;
    for (const auto& v : verts) {
      gp_Pnt q = BRep_Tool::Pnt(TopoDS::Vertex(v));
      CHECK(std::hypot(q.X(), q.Y()) == Approx(1));
      if (q.Distance(gp_Pnt(1, 0, 0)) < 1e-9) onX = true;
    }
    CHECK(onX);
    CHECK(totalArea(facesOf(p)) == Approx(3 * std::sqrt(3.0) / 2));
  }
  SECTION("circumscribed: the circle touches the edges, first edge mid-point on +x") {
    auto p = Workplane::create("XY")->polygon(6, 2, false, true);
    const double r = 1 / std::cos(M_PI / 6);
    for (const auto& v : subShapes(shapeAt(p, 0), TopAbs_VERTEX)) {
      gp_Pnt q = BRep_Tool::Pnt(TopoDS::Vertex(v));
      CHECK(std::hypot(q.X(), q.Y()) == Approx(r));
    }
    bool midOnX = false;
    for (const auto& e : subShapes(shapeAt(p, 0), TopAbs_EDGE))
      if (midPoint(e).Distance(gp_Pnt(1, 0, 0)) < 1e-9) midOnX = true;
    CHECK(midOnX);
    Box3 b = boxOf(shapeAt(p, 0));
    CHECK(b.xmax == Approx(1));
  }
  SECTION("a square") {
    auto p = Workplane::create("XY")->polygon(4, 2);
    CHECK(totalArea(facesOf(p)) == Approx(2));
  }
}

TEST_CASE("slot2D: overall length, area and angle", "[w2d]") {
  auto s = Workplane::create("XY")->slot2D(10, 2);
  CHECK(pendingWires(s) == 1);
  Box3 b = boxOf(shapeAt(s, 0));
  CHECK(b.xmin == Approx(-5));
  CHECK(b.xmax == Approx(5));
  CHECK(b.ymax == Approx(1));
  CHECK(totalArea(facesOf(s)) == Approx((10 - 2) * 2 + M_PI * 4 / 4));

  Box3 r = boxOf(shapeAt(Workplane::create("XY")->slot2D(6, 1, 90), 0));
  CHECK(r.xmax == Approx(0.5));
  CHECK(r.ymin == Approx(-3));
  CHECK(r.ymax == Approx(3));
}

TEST_CASE("2D shapes on other planes map local coordinates to world", "[w2d]") {
  SECTION("XZ: local y is world +Z, the normal is -Y") {
    auto wp = Workplane::create("XZ")->rect(2, 4);
    Box3 b = boxOf(shapeAt(wp, 0));
    CHECK(b.xmax == Approx(1));
    CHECK(b.zmin == Approx(-2));
    CHECK(b.zmax == Approx(2));
    CHECK(b.ymax - b.ymin == Approx(0).margin(1e-6));
    auto faces = facesOf(wp);
    REQUIRE(faces.size() == 1);
    gp_Dir n = faceNormalAt(faces[0]);
    CHECK(n.IsEqual(gp_Dir(0, -1, 0), 1e-9));
  }
  SECTION("a circle at a local point of a YZ plane with an origin") {
    auto wp = Workplane::create("YZ", gp_Pnt(5, 0, 0))->moveTo(1, 2)->circle(0.5);
    requireNear(shapeCenter(shapeAt(wp, 0)), 5, 1, 2);
  }
  SECTION("lines follow the plane") {
    auto wp = Workplane::create("XZ")->lineTo(3, 4);
    requireNear(endOf(shapeAt(wp, 0)), 3, 0, 4);
  }
}

// --- lines and arcs --------------------------------------------------------------------------

TEST_CASE("lines append pending edges and close() makes the wire", "[w2d]") {
  auto base = Workplane::create("XY");
  auto open = base->lineTo(2, 0)->lineTo(2, 1);
  CHECK(pendingEdges(open) == 2);
  CHECK(pendingWires(open) == 0);
  REQUIRE(base->context()->firstPoint.has_value());
  requireNear(*base->context()->firstPoint, 0, 0, 0);
  REQUIRE(open->size() == 1);
  CHECK(shapeAt(open, 0).ShapeType() == TopAbs_EDGE);

  auto closed = open->close();
  CHECK(pendingEdges(closed) == 0);
  CHECK(pendingWires(closed) == 1);
  CHECK_FALSE(closed->context()->firstPoint.has_value());
  REQUIRE(closed->size() == 1);
  const TopoDS_Shape& w = shapeAt(closed, 0);
  CHECK(w.ShapeType() == TopAbs_WIRE);
  CHECK(subShapes(w, TopAbs_EDGE).size() == 3);
  CHECK(BRep_Tool::IsClosed(w));
  CHECK(shapeLength(w) == Approx(3 + std::sqrt(5.0)));
  CHECK(totalArea(facesOf(closed)) == Approx(1));
}

TEST_CASE("close() adds no edge when the outline already ends at its start", "[w2d]") {
  auto wp = Workplane::create("XY")->polyline({{0, 0}, {1, 0}, {1, 1}, {0, 0}});
  CHECK(pendingEdges(wp) == 3);
  CHECK(wp->size() == 3);
  auto closed = wp->close();
  CHECK(subShapes(shapeAt(closed, 0), TopAbs_EDGE).size() == 3);
  CHECK(totalArea(facesOf(closed)) == Approx(0.5));
}

TEST_CASE("relative, horizontal, vertical and polar lines", "[w2d]") {
  auto wp = Workplane::create("XY")->moveTo(1, 1);
  requireNear(endOf(shapeAt(wp->line(2, 3), 0)), 3, 4, 0);
  requireNear(endOf(shapeAt(wp->hLine(-2), 0)), -1, 1, 0);
  requireNear(endOf(shapeAt(wp->vLine(5), 0)), 1, 6, 0);
  requireNear(endOf(shapeAt(wp->hLineTo(7), 0)), 7, 1, 0);
  requireNear(endOf(shapeAt(wp->vLineTo(-3), 0)), 1, -3, 0);
  requireNear(endOf(shapeAt(wp->polarLine(2, 90), 0)), 1, 3, 0);
  requireNear(endOf(shapeAt(wp->polarLineTo(2, 180), 0)), -2, 0, 0);
  requireNear(startOf(shapeAt(wp->polarLineTo(2, 180), 0)), 1, 1, 0);

  auto chain = Workplane::create("XY")->hLine(4)->vLine(2)->hLine(-4)->close();
  CHECK(totalArea(facesOf(chain)) == Approx(8));
}

TEST_CASE("forConstruction lines are not pending", "[w2d]") {
  auto wp = Workplane::create("XY")->lineTo(1, 0, true);
  CHECK(pendingEdges(wp) == 0);
  CHECK_FALSE(wp->context()->firstPoint.has_value());
  // ... but they still move the current point
  auto next = wp->lineTo(1, 1);
  requireNear(startOf(shapeAt(next, 0)), 1, 0, 0);
  requireNear(*next->context()->firstPoint, 1, 0, 0);
}

TEST_CASE("polyline with and without the current point", "[w2d]") {
  auto wp = Workplane::create("XY")->moveTo(5, 5)->polyline({{0, 0}, {1, 0}}, false, true);
  REQUIRE(wp->size() == 2);
  requireNear(startOf(shapeAt(wp, 0)), 5, 5, 0);
  requireNear(endOf(shapeAt(wp, 1)), 1, 0, 0);
  requireNear(*wp->context()->firstPoint, 5, 5, 0);
  CHECK_THAT(errorOf([] { Workplane::create("XY")->polyline({{1, 1}}); }), Contains("at least 2 points"));
}

TEST_CASE("sagittaArc and radiusArc pick the side by sign", "[w2d]") {
  auto start = Workplane::create("XY");
  // Travelling +x, positive = bulge to the left (+y), as CadQuery.
  CHECK(midPoint(shapeAt(start->sagittaArc({2, 0}, 0.5), 0)).Y() == Approx(0.5));
  CHECK(midPoint(shapeAt(start->sagittaArc({2, 0}, -0.5), 0)).Y() == Approx(-0.5));
  CHECK(midPoint(shapeAt(start->radiusArc({2, 0}, 1), 0)).Y() == Approx(1));
  CHECK(midPoint(shapeAt(start->radiusArc({2, 0}, -1), 0)).Y() == Approx(-1));
  CHECK(midPoint(shapeAt(start->radiusArc({2, 0}, 2), 0)).Y() == Approx(2 - std::sqrt(3.0)));
  CHECK(shapeLength(shapeAt(start->radiusArc({2, 0}, 1), 0)) == Approx(M_PI));
  // A clockwise contour (up, then back down) with a positive radius bulges outwards: a D.
  auto d = Workplane::create("XY")->lineTo(0, 2)->radiusArc({0, 0}, 1)->close();
  CHECK(boxOf(shapeAt(d, 0)).xmax == Approx(1));
  CHECK(totalArea(facesOf(d)) == Approx(M_PI / 2));

  CHECK_THAT(errorOf([&] { start->radiusArc({4, 0}, 1); }), Contains("radiusArc: radius 1 is too small"));
  CHECK_THAT(errorOf([&] { start->sagittaArc({2, 0}, 0); }), Contains("sag must not be 0"));
}

TEST_CASE("threePointArc goes through the middle point", "[w2d]") {
  auto arc = Workplane::create("XY")->threePointArc({1, 1}, {2, 0});
  CHECK(shapeLength(shapeAt(arc, 0)) == Approx(M_PI));
  requireNear(midPoint(shapeAt(arc, 0)), 1, 1, 0);
  requireNear(endOf(shapeAt(arc, 0)), 2, 0, 0);
  CHECK_THAT(errorOf([] { Workplane::create("XY")->threePointArc({1, 0}, {2, 0}); }), Contains("straight line"));
}

TEST_CASE("tangentArcPoint continues tangent to the previous edge", "[w2d]") {
  auto line = Workplane::create("XY")->lineTo(1, 0);
  auto arc = line->tangentArcPoint({0, 2});  // relative to (1, 0)
  const TopoDS_Shape& e = shapeAt(arc, 0);
  requireNear(startOf(e), 1, 0, 0);
  requireNear(endOf(e), 1, 2, 0);
  requireNear(midPoint(e), 2, 1, 0);  // heading +x first: a half circle bulging to +x
  CHECK(shapeLength(e) == Approx(M_PI));

  auto absolute = line->tangentArcPoint({1, 2}, false, false);
  requireNear(midPoint(shapeAt(absolute, 0)), 2, 1, 0);

  CHECK_THAT(errorOf([] { Workplane::create("XY")->tangentArcPoint({1, 1}); }),
             Contains("tangentArcPoint: needs a line or arc"));
  CHECK_THAT(errorOf([&] { line->tangentArcPoint({3, 0}); }), Contains("lies on the line of the previous edge"));
}

TEST_CASE("spline interpolates the points", "[w2d]") {
  auto s = Workplane::create("XY")->spline({{0, 0}, {1, 1}, {2, 0}});
  CHECK(pendingEdges(s) == 1);
  const TopoDS_Shape& e = shapeAt(s, 0);
  CHECK(geomType(e) == "BSPLINE");
  requireNear(startOf(e), 0, 0, 0);
  requireNear(endOf(e), 2, 0, 0);

  SECTION("includeCurrent starts at the current point") {
    SplineOptions o;
    o.includeCurrent = true;
    auto c = Workplane::create("XY")->lineTo(1, 0)->spline({{2, 1}, {3, 0}}, o);
    requireNear(startOf(shapeAt(c, 0)), 1, 0, 0);
  }
  SECTION("end tangents are honoured") {
    SplineOptions o;
    o.tangents = std::vector<std::optional<gp_XYZ>>{gp_XYZ(0, 1, 0), gp_XYZ(0, -1, 0)};
    auto t = Workplane::create("XY")->spline({{0, 0}, {1, 0.5}, {2, 0}}, o);
    BRepAdaptor_Curve curve(TopoDS::Edge(shapeAt(t, 0)));
    gp_Pnt p;
    gp_Vec v;
    curve.D1(curve.FirstParameter(), p, v);
    CHECK(gp_Dir(v).IsParallel(gp_Dir(0, 1, 0), 1e-6));
  }
  SECTION("a periodic spline as a wire makes a face") {
    SplineOptions o;
    o.periodic = true;
    o.makeWire = true;
    auto w = Workplane::create("XY")->spline({{1, 0}, {0, 1}, {-1, 0}, {0, -1}}, o);
    CHECK(pendingWires(w) == 1);
    CHECK(pendingEdges(w) == 0);
    double area = totalArea(facesOf(w));
    CHECK(area > 2.5);
    CHECK(area < 3.5);
  }
  SECTION("errors") {
    SplineOptions o;
    o.tangents = std::vector<std::optional<gp_XYZ>>{gp_XYZ(1, 0, 0), gp_XYZ(1, 0, 0), gp_XYZ(1, 0, 0)};
    CHECK_THAT(errorOf([&] { Workplane::create("XY")->spline({{0, 0}, {1, 1}, {2, 0}, {3, 1}}, o); }),
               Contains("3 tangents for 4 points"));
    CHECK_THAT(errorOf([] { Workplane::create("XY")->spline({{0, 0}, {0, 0}, {1, 1}}); }), Contains("coincide"));
  }
}

TEST_CASE("wire() joins pending edges; gaps are reported where they are", "[w2d]") {
  auto w = Workplane::create("XY")->lineTo(1, 0)->lineTo(1, 1)->wire();
  CHECK(pendingEdges(w) == 0);
  CHECK(pendingWires(w) == 1);
  CHECK_THAT(errorOf([&] { facesOf(w); }), Contains("not closed"));

  auto broken = Workplane::create("XY")->lineTo(1, 0)->moveTo(5, 5)->lineTo(6, 5);
  std::string err = errorOf([&] { broken->wire(); });
  CHECK_THAT(err, Contains("do not form a connected chain"));
  CHECK_THAT(err, Contains("ends at (1, 0)"));
  CHECK_THAT(err, Contains("starts at (5, 5)"));

  // No pending edges: wire() returns the same object.
  auto none = Workplane::create("XY")->rect(1, 1);
  CHECK(none->wire() == none);

  auto construction = Workplane::create("XY")->lineTo(1, 0)->lineTo(0, 1)->wire(true);
  CHECK(pendingWires(construction) == 0);
  CHECK(pendingEdges(construction) == 0);
  CHECK(shapeAt(construction, 0).ShapeType() == TopAbs_WIRE);
}

TEST_CASE("close() without an outline is an error", "[w2d]") {
  CHECK_THAT(errorOf([] { Workplane::create("XY")->close(); }), Contains("close: there is no outline to close"));
  CHECK_THAT(errorOf([] { Workplane::create("XY")->lineTo(0, 0); }), Contains("zero length"));
}

// --- patterns --------------------------------------------------------------------------------

TEST_CASE("pushPoints converts local points to world and keeps Locations", "[w2d]") {
  auto wp = Workplane::create("XZ", gp_Pnt(0, 0, 10))->pushPoints({gp_Pnt(1, 2, 0), Location::translation(gp_Vec(3, 0, 0))});
  REQUIRE(wp->size() == 2);
  requireNear(pointAt(wp, 0), 1, 0, 12);
  CHECK(std::holds_alternative<Location>(wp->objects()[1]));
  auto circles = wp->circle(0.5);
  requireNear(shapeCenter(shapeAt(circles, 0)), 1, 0, 12);
  requireNear(shapeCenter(shapeAt(circles, 1)), 3, 0, 10);
  CHECK_THAT(errorOf([] { Workplane::create("XY")->pushPoints({gp_Pnt(kNaN, 0, 0)}); }),
             Contains("must be a finite number"));
}

TEST_CASE("rarray: x outer loop, y inner, centred offsets", "[w2d]") {
  auto wp = Workplane::create("XY")->rarray(1, 2, 3, 2);
  REQUIRE(wp->size() == 6);
  const double expected[6][2] = {{-1, -1}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 1}};
  for (size_t i = 0; i < 6; ++i) requireNear(pointAt(wp, i), expected[i][0], expected[i][1], 0);

  auto corner = Workplane::create("XY")->rarray(1, 2, 2, 2, {false, true});
  requireNear(pointAt(corner, 0), 0, -1, 0);
  requireNear(pointAt(corner, 3), 1, 1, 0);

  auto row = Workplane::create("XY")->rarray(2, 0, 3, 1);  // one spacing may be 0
  REQUIRE(row->size() == 3);
  requireNear(pointAt(row, 0), -2, 0, 0);

  auto holes = Workplane::create("XY")->rarray(3, 3, 2, 2)->circle(1);
  CHECK(pendingWires(holes) == 4);
  CHECK(facesOf(holes).size() == 4);

  CHECK_THAT(errorOf([] { Workplane::create("XY")->rarray(1, 1, 0, 2); }), Contains("xCount must be at least 1"));
  CHECK_THAT(errorOf([] { Workplane::create("XY")->rarray(0, 0, 2, 2); }), Contains("at least one direction"));
}

TEST_CASE("polarArray angles: full turn, partial sweep, no fill, rotation", "[w2d]") {
  auto positionOf = [](const WorkplanePtr& wp, size_t i) {
    const auto* loc = std::get_if<Location>(&wp->objects()[i]);
    REQUIRE(loc != nullptr);
    return loc->position();
  };
  SECTION("a full turn splits into count gaps") {
    auto wp = Workplane::create("XY")->polarArray(2, 0, 360, 4);
    REQUIRE(wp->size() == 4);
    requireNear(positionOf(wp, 0), 2, 0, 0);
    requireNear(positionOf(wp, 1), 0, 2, 0);
    requireNear(positionOf(wp, 2), -2, 0, 0);
    requireNear(positionOf(wp, 3), 0, -2, 0);
  }
  SECTION("a partial sweep includes both ends") {
    auto wp = Workplane::create("XY")->polarArray(2, 0, 90, 3);
    const double h = std::sqrt(2.0);
    requireNear(positionOf(wp, 1), h, h, 0);
    requireNear(positionOf(wp, 2), 0, 2, 0);
  }
  SECTION("fill=false: angle is the step") {
    auto wp = Workplane::create("XY")->polarArray(1, 10, 30, 3, false);
    for (int i = 0; i < 3; ++i) {
      const double a = (10 + 30 * i) * M_PI / 180;
      requireNear(positionOf(wp, i), std::cos(a), std::sin(a), 0);
    }
  }
  SECTION("rotate=true turns each item; rotate=false keeps it square to the plane") {
    auto turned = Workplane::create("XY")->polarArray(5, 0, 360, 4)->rect(2, 1);
    Box3 b = boxOf(shapeAt(turned, 1));  // at 90 degrees
    CHECK(b.xmax - b.xmin == Approx(1));
    CHECK(b.ymax - b.ymin == Approx(2));
    CHECK((b.ymax + b.ymin) / 2 == Approx(5));
    auto kept = Workplane::create("XY")->polarArray(5, 0, 360, 4, true, false)->rect(2, 1);
    Box3 k = boxOf(shapeAt(kept, 1));
    CHECK(k.xmax - k.xmin == Approx(2));
  }
  SECTION("on another plane the pattern lies in that plane") {
    auto wp = Workplane::create("XZ")->polarArray(2, 90, 360, 2)->circle(0.1);
    requireNear(shapeCenter(shapeAt(wp, 0)), 0, 0, 2);
    requireNear(shapeCenter(shapeAt(wp, 1)), 0, 0, -2);
  }
  CHECK_THAT(errorOf([] { Workplane::create("XY")->polarArray(1, 0, 360, 0); }), Contains("count must be at least 1"));
}

// --- faces from pending wires ----------------------------------------------------------------

TEST_CASE("wiresToFaces nests wires into holes and islands", "[w2d]") {
  SECTION("a circle inside a rect is a hole") {
    auto faces = facesOf(Workplane::create("XY")->rect(4, 4)->circle(1));
    REQUIRE(faces.size() == 1);
    CHECK(shapeArea(faces[0]) == Approx(16 - M_PI));
    CHECK(subShapes(faces[0], TopAbs_WIRE).size() == 2);
  }
  SECTION("odd/even nesting: an island inside a hole is a face of its own") {
    auto faces = facesOf(Workplane::create("XY")->rect(10, 10)->rect(6, 6)->rect(2, 2));
    REQUIRE(faces.size() == 2);
    CHECK(totalArea(faces) == Approx(100 - 36 + 4));
  }
  SECTION("a hole drawn clockwise is turned the right way") {
    // slot2D runs clockwise, rect counter-clockwise.
    auto faces = facesOf(Workplane::create("XY")->rect(20, 10)->slot2D(8, 2));
    REQUIRE(faces.size() == 1);
    CHECK(shapeArea(faces[0]) == Approx(200 - (6 * 2 + M_PI)));
  }
  SECTION("disjoint wires give separate faces") {
    auto faces = facesOf(Workplane::create("XY")->pushPoints({gp_Pnt(-5, 0, 0), gp_Pnt(5, 0, 0)})->rect(2, 2));
    CHECK(faces.size() == 2);
    CHECK(totalArea(faces) == Approx(8));
  }
  SECTION("a perforated plate: 400 holes in one face") {
    auto faces = facesOf(Workplane::create("XY")->rect(100, 100)->rarray(4, 4, 20, 20)->circle(1));
    REQUIRE(faces.size() == 1);
    CHECK(subShapes(faces[0], TopAbs_WIRE).size() == 401);
    CHECK(shapeArea(faces[0]) == Approx(10000 - 400 * M_PI));
  }
  SECTION("many holes, two of them overlapping") {
    auto wp = Workplane::create("XY")->rect(100, 100)->rarray(4, 4, 10, 10)->circle(1)->pushPoints({gp_Pnt(-17, -18, 0)})->circle(1);
    CHECK(pendingWires(wp) == 102);
    CHECK_THAT(errorOf([&] { facesOf(wp); }), Contains("could not make a face with holes"));
  }
  SECTION("wires in different planes are refused") {
    auto a = Workplane::create("XY")->rect(2, 2);
    auto b = Workplane::create("XY", gp_Pnt(0, 0, 1))->rect(1, 1);
    std::vector<TopoDS_Wire> wires = {a->context()->pendingWires[0], b->context()->pendingWires[0]};
    CHECK_THAT(errorOf([&] { WorkplaneOps::wiresToFaces(wires, "extrude"); }),
               Contains("extrude: pending wires are not coplanar"));
  }
  SECTION("overlapping holes cannot make a valid face") {
    auto wp = Workplane::create("XY")->rect(10, 10)->pushPoints({gp_Pnt(0, 0, 0), gp_Pnt(1, 0, 0)})->circle(1);
    CHECK_THAT(errorOf([&] { facesOf(wp); }), Contains("could not make a face with holes"));
  }
}

// --- argument errors -------------------------------------------------------------------------

TEST_CASE("2D argument errors name the operation and argument", "[w2d]") {
  auto wp = Workplane::create("XY");
  CHECK(errorOf([&] { wp->circle(-2); }) == "circle: radius must be greater than 0, got -2");
  CHECK(errorOf([&] { wp->rect(kNaN, 1); }) == "rect: xLen must be a finite number, got NaN");
  CHECK_THAT(errorOf([&] { wp->rect(1, 0); }), Contains("rect: yLen must not be 0"));
  CHECK_THAT(errorOf([&] { wp->rect(std::numeric_limits<double>::infinity(), 1); }), Contains("finite"));
  CHECK_THAT(errorOf([&] { wp->polygon(2, 1); }), Contains("polygon: nSides must be at least 3, got 2"));
  CHECK_THAT(errorOf([&] { wp->slot2D(1, 2); }), Contains("slot2D: length (1) must be greater than diameter (2)"));
  CHECK_THAT(errorOf([&] { wp->ellipse(1, 0); }), Contains("ellipse: yRadius must be greater than 0"));
  CHECK_THAT(errorOf([&] { wp->lineTo(kNaN, 0); }), Contains("lineTo: x must be a finite number"));
  // Nothing was queued by the failed calls.
  CHECK(pendingWires(wp) == 0);
  CHECK(pendingEdges(wp) == 0);
}

// --- profiles extruded (with the 3D engineer's extrude) ----------------------------------------

namespace {

double solidVolume(const WorkplanePtr& wp) { return shapeVolume(wp->toShape()); }

}  // namespace

TEST_CASE("2D profiles extrude into the expected solids", "[w2d]") {
  SECTION("plate with a hole: 7 faces") {
    auto plate = Workplane::create("XY")->rect(2, 2)->circle(0.25)->extrude(ExtentUntil::of(0.5));
    TopoDS_Shape s = plate->toShape();
    CHECK(subShapes(s, TopAbs_SOLID).size() == 1);
    CHECK(subShapes(s, TopAbs_FACE).size() == 7);
    CHECK(shapeVolume(s) == Approx(4 * 0.5 - M_PI * 0.0625 * 0.5));
  }
  SECTION("concentric circles make a ring") {
    auto ring = Workplane::create("XY")->circle(2)->circle(1)->extrude(ExtentUntil::of(1));
    CHECK(solidVolume(ring) == Approx(3 * M_PI));
    CHECK(subShapes(ring->toShape(), TopAbs_FACE).size() == 4);
  }
  SECTION("a clockwise slot extrudes along +normal") {
    auto slot = Workplane::create("XY")->slot2D(10, 2)->extrude(ExtentUntil::of(1));
    CHECK(solidVolume(slot) == Approx(16 + M_PI));
    Box3 b = boxOf(slot->toShape());
    CHECK(b.zmin == Approx(0).margin(1e-6));
    CHECK(b.zmax == Approx(1));
  }
  SECTION("a closed polyline with an arc") {
    auto part = Workplane::create("XY")->hLine(4)->vLine(2)->threePointArc({2, 4}, {0, 2})->close()->extrude(ExtentUntil::of(3));
    CHECK(solidVolume(part) == Approx((8 + M_PI * 2) * 3));
  }
  SECTION("on XZ the extrusion goes towards -Y") {
    auto part = Workplane::create("XZ")->rect(2, 2)->extrude(ExtentUntil::of(1));
    Box3 b = boxOf(part->toShape());
    CHECK(b.ymin == Approx(-1));
    CHECK(b.ymax == Approx(0).margin(1e-6));
  }
  SECTION("nested outlines: ring plus island") {
    auto part = Workplane::create("XY")->rect(10, 10)->rect(6, 6)->rect(2, 2)->extrude(ExtentUntil::of(1));
    CHECK(subShapes(part->toShape(), TopAbs_SOLID).size() == 2);
    CHECK(solidVolume(part) == Approx(64 + 4));
  }
  SECTION("a polar pattern of bosses") {
    auto part = Workplane::create("XY")->polarArray(5, 0, 360, 6)->circle(1)->extrude(ExtentUntil::of(2));
    CHECK(subShapes(part->toShape(), TopAbs_SOLID).size() == 6);
    CHECK(solidVolume(part) == Approx(6 * M_PI * 2));
  }
  SECTION("an open outline cannot be extruded") {
    auto open = Workplane::create("XY")->lineTo(1, 0)->lineTo(1, 1);
    CHECK_THAT(errorOf([&] { open->extrude(ExtentUntil::of(1)); }), Contains("not closed"));
  }
}
