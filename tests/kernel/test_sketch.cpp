// cq.Sketch in the kernel: face modes, shapes, location patterns, selection, modifiers, edge
// mode and Workplane integration, checked against CadQuery's numbers.
#include <catch2/catch.hpp>

#include <cmath>

#include <BRep_Tool.hxx>
#include <TopoDS.hxx>

#include "kernel/kernel_error.h"
#include "kernel/shape_utils.h"
#include "kernel/sketch.h"
#include "kernel/workplane.h"

using namespace partsmith::kernel;
using Catch::Matchers::Contains;

namespace {

double area(const Sketch& s) { return shapeArea(s.faceCompound()); }

gp_Pnt pointOf(const SketchItem& item) {
  if (auto* loc = std::get_if<Location>(&item)) return loc->position();
  return shapeCenter(std::get<TopoDS_Shape>(item));
}

SelectorPtr sel(const std::string& s) { return parseSelector(s); }

std::string apiError(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const KernelError& e) {
    if (e.kind() != ErrorKind::Api) return "wrong kind: " + e.message();
    return e.operation() + ": " + e.message();
  }
  return "no error";
}

}  // namespace

TEST_CASE("Sketch face modes add, subtract, intersect, replace", "[sketch]") {
  Sketch a;
  a.rect(2, 2).rect(1, 1, 0, SketchMode::Subtract);
  CHECK(area(a) == Approx(3.0));
  CHECK(a.faceCount() == 1);

  Sketch b;
  b.rect(2, 2).rect(1, 1);
  CHECK(b.faceCount() == 2);  // fuse splits the square, as in CadQuery
  CHECK(area(b) == Approx(4.0));
  b.clean();
  CHECK(b.faceCount() == 1);
  CHECK(area(b) == Approx(4.0));

  Sketch c;
  c.rect(2, 2).circle(1.2, SketchMode::Intersect);
  const double r = 1.2, d = 1.0;
  const double segment = r * r * std::acos(d / r) - d * std::sqrt(r * r - d * d);
  CHECK(area(c) == Approx(M_PI * r * r - 4 * segment).epsilon(1e-6));

  Sketch e;
  e.rect(2, 2).circle(1, SketchMode::Replace);
  CHECK(area(e) == Approx(M_PI));

  Sketch f;
  f.rect(4, 4, 0, SketchMode::Construction, "base");
  CHECK(f.faceCount() == 0);
  f.vertices(nullptr, "base").circle(0.5);
  CHECK(f.faceCount() == 4);
  CHECK(area(f) == Approx(4 * M_PI * 0.25));
}

TEST_CASE("Sketch shapes: slot, ellipse, trapezoid, regularPolygon, polygon", "[sketch]") {
  Sketch slot;
  slot.slot(4, 2);
  CHECK(area(slot) == Approx(4 * 2 + M_PI * 1 * 1));

  Sketch ellipse;
  ellipse.ellipse(2, 1);
  CHECK(area(ellipse) == Approx(M_PI * 2 * 1));
  Sketch tall;
  tall.ellipse(1, 3, 0);
  Bnd_Box box = tightBoundingBox(tall.faceCompound());
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  CHECK(y1 - y0 == Approx(6).epsilon(1e-4));

  Sketch trap;
  trap.trapezoid(4, 1, 45);
  CHECK(area(trap) == Approx((4 + 2) / 2.0 * 1));
  Sketch trap2;
  trap2.trapezoid(4, 1, 45, 90.0);
  CHECK(area(trap2) == Approx((4 + 3) / 2.0 * 1));

  Sketch hex;
  hex.regularPolygon(1, 6);
  CHECK(area(hex) == Approx(3 * std::sqrt(3) / 2));
  hex.vertices(sel(">Y"));
  auto top = hex.vals();
  REQUIRE(top.size() == 1);
  CHECK(pointOf(top[0]).X() == Approx(0).margin(1e-9));
  CHECK(pointOf(top[0]).Y() == Approx(1));

  Sketch tri;
  tri.polygon({gp_XY(0, 0), gp_XY(2, 0), gp_XY(0, 2)});
  CHECK(area(tri) == Approx(2));

  Sketch rotated;
  rotated.rect(4, 1, 90);
  Bnd_Box rb = tightBoundingBox(rotated.faceCompound());
  rb.Get(x0, y0, z0, x1, y1, z1);
  CHECK(x1 - x0 == Approx(1).epsilon(1e-4));
  CHECK(y1 - y0 == Approx(4).epsilon(1e-4));
}

TEST_CASE("Sketch locations: push, rarray, parray, distribute", "[sketch]") {
  Sketch pushed;
  pushed.push({Location::translation(gp_Vec(0, 0, 0)), Location::translation(gp_Vec(3, 0, 0))}).circle(0.5);
  CHECK(pushed.faceCount() == 2);
  CHECK(area(pushed) == Approx(2 * M_PI * 0.25));

  Sketch grid;
  grid.rarray(2, 2, 3, 2);
  auto locs = grid.vals();
  REQUIRE(locs.size() == 6);
  CHECK(pointOf(locs.front()).X() == Approx(-2));
  CHECK(pointOf(locs.front()).Y() == Approx(-1));
  CHECK(pointOf(locs.back()).X() == Approx(2));
  CHECK(pointOf(locs.back()).Y() == Approx(1));
  grid.circle(0.1);
  CHECK(grid.faceCount() == 6);

  Sketch polar;
  polar.parray(5, 0, 360, 4);
  auto p = polar.vals();
  REQUIRE(p.size() == 4);
  CHECK(pointOf(p[1]).X() == Approx(0).margin(1e-9));
  CHECK(pointOf(p[1]).Y() == Approx(5));
  CHECK(pointOf(p[2]).X() == Approx(-5));
  // rotate=true turns each location by its angle: a rect placed there turns with it.
  polar.rect(2, 0.5);
  polar.reset().faces(sel(">Y"));
  Bnd_Box pb = tightBoundingBox(std::get<TopoDS_Shape>(polar.val()));
  double x0, y0, z0, x1, y1, z1;
  pb.Get(x0, y0, z0, x1, y1, z1);
  CHECK(x1 - x0 == Approx(0.5).epsilon(1e-4));

  Sketch arc;
  arc.parray(1, 0, 90, 3);  // partial arc: copies at both ends
  auto q = arc.vals();
  REQUIRE(q.size() == 3);
  CHECK(pointOf(q[2]).Y() == Approx(1));

  Sketch along;
  along.circle(5).reset().edges().distribute(4);
  auto d = along.vals();
  REQUIRE(d.size() == 4);
  for (const auto& item : d) CHECK(pointOf(item).Distance(gp_Pnt(0, 0, 0)) == Approx(5));

  CHECK_THAT(apiError([] { Sketch().rarray(1, 1, 0, 2); }), Contains("at least 1"));
  CHECK_THAT(apiError([] { Sketch().rect(1, 1).distribute(3); }), Contains("needs a selection"));
}

TEST_CASE("Sketch selection, tags and delete", "[sketch]") {
  Sketch s;
  s.push({Location(), Location::translation(gp_Vec(5, 0, 0))}).rect(1, 1).reset();
  CHECK(s.faceCount() == 2);
  s.vertices(sel("<X")).tag("left").reset();
  s.select({"left"});
  CHECK(s.vals().size() == 2);
  s.reset().faces(sel(">X")).deleteSelected();
  REQUIRE(s.faceCount() == 1);
  CHECK(shapeCenter(s.faceCompound()).X() == Approx(0).margin(1e-9));

  s.edges();
  CHECK(s.vals().size() == 4);
  s.reset().wires();
  CHECK(s.vals().size() == 1);

  CHECK_THAT(apiError([&] { s.select({"nope"}); }), Contains("no tag 'nope'"));
  CHECK_THAT(apiError([&] { s.reset().tag("x"); }), Contains("nothing is selected"));
  CHECK_THAT(apiError([&] { s.reset().deleteSelected(); }), Contains("needs a selection"));
  CHECK_THAT(apiError([&] { s.reset().vertices().deleteSelected(); }), Contains("only faces and free edges"));
}

TEST_CASE("Sketch fillet, chamfer, hull, offset", "[sketch]") {
  Sketch f;
  f.rect(2, 2).vertices(sel(">X")).fillet(0.25);
  const double corner = 0.25 * 0.25 * (1 - M_PI / 4);
  CHECK(area(f) == Approx(4 - 2 * corner));
  CHECK(f.faceCount() == 1);

  Sketch c;
  c.rect(2, 2).vertices().chamfer(0.5);
  CHECK(area(c) == Approx(4 - 4 * 0.125));

  CHECK_THAT(apiError([] { Sketch().rect(2, 2).edges(parseSelector("%CIRCLE")).fillet(0.1); }),
             Contains("matched nothing"));
  CHECK_THAT(apiError([] { Sketch().rect(2, 2).edges().fillet(0.1); }), Contains("selected vertices"));

  Sketch h;
  h.push({Location(), Location::translation(gp_Vec(4, 0, 0))}).circle(1).reset().hull();
  CHECK(area(h) == Approx(4 * 2 + M_PI).epsilon(1e-6));

  Sketch hp;
  hp.segment(gp_XY(0, 0), gp_XY(2, 0)).segmentTo(gp_XY(1, 3)).segment(gp_XY(1, 1), gp_XY(1.2, 1.5));
  hp.hull();
  CHECK(area(hp) == Approx(3.0));  // triangle (0,0) (2,0) (1,3); the inner segment is inside

  Sketch o;
  o.rect(2, 2).wires().offset(0.5);
  CHECK(area(o) == Approx(4 + 4 * 2 * 0.5 + M_PI * 0.25).epsilon(1e-6));
  Sketch in;
  in.rect(2, 2).wires().offset(-0.5, SketchMode::Replace);
  CHECK(area(in) == Approx(1.0));
}

TEST_CASE("Sketch edge mode: segment, arc, spline, bezier, close, assemble", "[sketch]") {
  Sketch box;
  box.segment(gp_XY(0, 0), gp_XY(2, 0)).segmentTo(gp_XY(2, 1)).segmentTo(gp_XY(0, 1)).close().assemble();
  CHECK(area(box) == Approx(2));

  Sketch polar;
  polar.segment(gp_XY(0, 0), gp_XY(1, 0)).segmentPolar(1, 90).segmentPolar(1, 180).close().assemble();
  CHECK(area(polar) == Approx(1));

  Sketch d;
  d.segment(gp_XY(0, 0), gp_XY(2, 0)).arcTo(gp_XY(3, 1), gp_XY(2, 2)).segmentTo(gp_XY(0, 2)).close().assemble();
  CHECK(area(d) == Approx(4 + M_PI / 2));

  Sketch three;
  three.arc(gp_XY(-1, 0), gp_XY(0, 1), gp_XY(1, 0)).close().assemble();
  CHECK(area(three) == Approx(M_PI / 2));

  Sketch centred;
  centred.arcCentered(gp_XY(0, 0), 1, 0, 180).close().assemble();
  CHECK(area(centred) == Approx(M_PI / 2));
  Sketch full;
  full.arcCentered(gp_XY(1, 1), 2, 0, 360).assemble();
  CHECK(area(full) == Approx(4 * M_PI));

  Sketch bez;
  bez.segment(gp_XY(0, 0), gp_XY(2, 0)).bezier({gp_XY(2, 0), gp_XY(3, 1), gp_XY(2, 2)}).segmentTo(gp_XY(0, 2)).close().assemble();
  CHECK(area(bez) == Approx(4 + 2.0 / 3.0));

  Sketch sp;
  sp.segment(gp_XY(0, 0), gp_XY(2, 0)).spline({gp_XY(2, 0), gp_XY(2.5, 1), gp_XY(2, 2)}).segmentTo(gp_XY(0, 2)).close().assemble();
  CHECK(area(sp) > 4.2);
  CHECK(area(sp) < 5);

  // Construction edges are left out of assemble; edges with a hole inside become a face with a hole.
  Sketch ring;
  ring.segment(gp_XY(0, 0), gp_XY(4, 0)).segmentTo(gp_XY(4, 4)).segmentTo(gp_XY(0, 4)).close();
  ring.segment(gp_XY(1, 1), gp_XY(3, 1)).segmentTo(gp_XY(3, 3)).segmentTo(gp_XY(1, 3)).segmentTo(gp_XY(1, 1));
  ring.segment(gp_XY(-5, -5), gp_XY(9, 9), "diag", true);
  ring.assemble();
  CHECK(area(ring) == Approx(16 - 4));

  CHECK_THAT(apiError([] { Sketch().segment(gp_XY(0, 0), gp_XY(1, 0)).segmentTo(gp_XY(1, 1)).assemble(); }),
             Contains("not form a closed outline"));
  CHECK_THAT(apiError([] { Sketch().segmentTo(gp_XY(1, 1)); }), Contains("no previous edge"));
  CHECK_THAT(apiError([] { Sketch().assemble(); }), Contains("no edges"));
  CHECK_THAT(apiError([] { Sketch().arc(gp_XY(0, 0), gp_XY(1, 1), gp_XY(2, 2)); }), Contains("one line"));
  CHECK_THAT(apiError([] { parseSketchMode("x", "rect"); }), Contains("mode must be"));
  CHECK_THAT(apiError([] { Sketch().rect(1, 1, 0, SketchMode::Construction); }), Contains("needs a tag"));
}

TEST_CASE("Sketch on a Workplane: sketch, finalize, placeSketch", "[sketch]") {
  auto wp = Workplane::create("XY");
  auto s = Sketch::onWorkplane(wp);
  s->rect(2, 2).push({Location()}).circle(0.5, SketchMode::Subtract);
  auto solid = s->finalize()->extrude(ExtentUntil::of(3));
  CHECK(shapeVolume(solid->val().index() == 0 ? std::get<TopoDS_Shape>(solid->val()) : TopoDS_Shape()) ==
        Approx((4 - M_PI * 0.25) * 3));

  // On a face workplane: the sketch follows the face's plane.
  auto box = Workplane::create("XY")->box(10, 10, 10);
  auto top = Sketch::onWorkplane(box->faces(parseSelector(">Z"))->workplane());
  top->circle(2);
  auto cut = top->finalize()->cutBlind(ExtentUntil::of(-3));
  CHECK(shapeVolume(cut->findSolid()) == Approx(1000 - M_PI * 4 * 3).epsilon(1e-6));

  // One sketch per stack location.
  auto pts = Workplane::create("XY")->pushPoints({gp_Pnt(0, 0, 0), gp_Pnt(10, 0, 0)});
  auto multi = Sketch::onWorkplane(pts);
  multi->rect(2, 2);
  auto pair = multi->finalize()->extrude(ExtentUntil::of(1));
  CHECK(shapeVolume(pair->findSolid()) == Approx(8));

  auto standalone = std::make_shared<Sketch>();
  standalone->slot(4, 2);
  auto placed = Sketch::place(Workplane::create("XZ"), {standalone})->extrude(ExtentUntil::of(2));
  CHECK(shapeVolume(placed->findSolid()) == Approx((8 + M_PI) * 2));
  Bnd_Box pb = tightBoundingBox(placed->findSolid());
  double x0, y0, z0, x1, y1, z1;
  pb.Get(x0, y0, z0, x1, y1, z1);
  CHECK(y0 == Approx(-2).margin(1e-6));  // XZ normal is -Y

  CHECK_THAT(apiError([] { Sketch().rect(1, 1).finalize(); }), Contains("not made from a Workplane"));
  CHECK_THAT(apiError([&] { Sketch::onWorkplane(wp)->segment(gp_XY(0, 0), gp_XY(1, 0)).finalize(); }),
             Contains("edges but no faces"));

  // Partial copies keep only the faces.
  auto moved = standalone->moved(Location::translation(gp_Vec(5, 0, 0)));
  CHECK(shapeCenter(moved->faceCompound()).X() == Approx(5));
  auto located = standalone->located(Location::translation(gp_Vec(0, 7, 0)));
  CHECK(shapeCenter(located->locatedFaces()).Y() == Approx(7));
  CHECK(area(*standalone->copy()) == Approx(8 + M_PI));
}
