// The rest of CadQuery's Workplane surface from JavaScript, with CadQuery's own test numbers
// (tests/test_cadquery.py) where it has them.
#include <catch2/catch.hpp>

#include "kernel/shape_utils.h"
#include "script_test_support.h"

using namespace partsmith;
using partsmith::test::firstError;
using partsmith::test::runScript;

namespace {

std::vector<std::string> logOf(const std::string& src) {
  auto r = runScript(src + "\nshow(cq.Workplane().box(1, 1, 1));\n");
  INFO(firstError(r).message << " at line " << firstError(r).line << ": " << firstError(r).source);
  REQUIRE(r.ok);
  return r.log;
}

std::string errorOf(const std::string& src) {
  auto r = runScript(src + "\nshow(cq.Workplane().box(1, 1, 1));\n");
  REQUIRE_FALSE(r.ok);
  return firstError(r).message;
}

}  // namespace

TEST_CASE("offset2D kinds and counts as in CadQuery", "[surface][script]") {
  auto log = logOf(
      "console.log(cq.Workplane().rect(1, 1).offset2D(0.5, 'arc').edges().size());\n"
      "console.log(cq.Workplane().rect(1, 1).offset2D(0.5, 'tangent').edges().size());\n"
      "console.log(cq.Workplane().rect(1, 1).offset2D(0.5, 'intersection').edges().size());\n"
      "console.log(cq.Workplane().pushPoints([[0, 0], [0, 5]]).rect(1, 1).offset2D(-0.25).wires().size());\n"
      "const w6 = cq.Workplane().hLine(1).vLine(1).close().offset2D(0.5, {forConstruction: true});\n"
      "console.log(w6.size(), w6.val().ShapeType());\n"
      "const body = cq.Workplane().rect(10, 10).offset2D(1, 'intersection').extrude(1);\n"
      "console.log(body.val().Volume().toFixed(6));\n"
      "const rounded = cq.Workplane().rect(10, 10).offset2D(1).extrude(1);\n"
      "console.log(rounded.val().Volume().toFixed(4));\n");
  REQUIRE(log.size() == 7);
  CHECK(log[0] == "8");
  CHECK(log[1] == "4");
  CHECK(log[2] == "4");
  CHECK(log[3] == "2");
  CHECK(log[4] == "1 Wire");
  CHECK(log[5] == "144.000000");
  // 10x10 square grown by 1 with round corners: 100 + 4*10*1 + pi*1^2.
  CHECK(std::stod(log[6]) == Approx(140 + M_PI).epsilon(1e-6));
  CHECK(errorOf("cq.Workplane().rect(1, 1).offset2D(1, 'round');") ==
        "offset2D: kind must be \"arc\", \"intersection\" or \"tangent\", got string \"round\"");
}

TEST_CASE("offset2D of CadQuery's mirrored polyline gives 4 solids", "[surface][script]") {
  auto log = logOf(
      "const r = 20, s = 7, t = 1.5;\n"
      "const points = [[0, t / 2], [r / 2 - 1.5 * t, r / 2 - t], [s / 2, r / 2 - t], [s / 2, r / 2], [r / 2, r / 2],\n"
      "  [r / 2, s / 2], [r / 2 - t, s / 2], [r / 2 - t, r / 2 - 1.5 * t], [t / 2, 0]];\n"
      "const w = cq.Workplane('XY').polyline(points).mirrorX().mirrorY().offset2D(-0.9).extrude(1);\n"
      "console.log(w.solids().size());\n");
  REQUIRE(log.size() == 1);
  CHECK(log[0] == "4");
}

TEST_CASE("mirrorX / mirrorY close half outlines", "[surface][script]") {
  auto log = logOf(
      // CadQuery's docstring example: a flat heart.
      "const heart = cq.Workplane().lineTo(2, 2).threePointArc([3, 1], [2, 0]).mirrorX().extrude(0.25);\n"
      "const bb = heart.val().BoundingBox();\n"
      "console.log(heart.solids().size(), bb.ymin.toFixed(3), bb.ymax.toFixed(3), heart.val().isValid());\n"
      "const half = cq.Workplane().moveTo(0, 0).lineTo(5, 0).lineTo(5, 3).lineTo(0, 3).mirrorY().extrude(1);\n"
      "const hb = half.val().BoundingBox();\n"
      "console.log(half.val().Volume().toFixed(6), hb.xmin, hb.xmax, half.faces().size());\n"
      "const cw = cq.Workplane().lineTo(0, 1).lineTo(1, 1).consolidateWires();\n"
      "console.log(cw.size(), cq.Workplane().consolidateWires().size());\n");
  REQUIRE(log.size() == 3);
  CHECK(log[0] == "1 -2.000 2.000 true");
  // The mirrored half doubles the 5x3 rectangle into one 10x3 face (clean merges it).
  CHECK(log[1] == "30.000000 -5 5 6");
  CHECK(log[2] == "1 0");
  CHECK(errorOf("cq.Workplane().mirrorX();").rfind("mirrorX: there is no outline to mirror", 0) == 0);
}

TEST_CASE("bezier, ellipseArc and parametricCurve", "[surface][script]") {
  auto log = logOf(
      // CadQuery testEllipseArcsClockwise / CounterClockwise end points.
      "const cw = cq.Workplane('XY').moveTo(10, 15).ellipseArc(5, 4, -10, 190, 45, -1, {startAtCurrent: false});\n"
      "const v = cw.val().Vertices();\n"
      "const pts = v.map((p) => p.Center());\n"
      "console.log(pts.map((p) => p.x.toFixed(3) + ',' + p.y.toFixed(3)).sort().join(' '));\n"
      "const last = cw.ellipseArc(5, 4, -10, 190, 315, -1).ellipseArc(5, 4, -10, 190, 225, -1)\n"
      "  .ellipseArc(5, 4, -10, 190, 135, -1).val().Vertices().map((p) => p.Center());\n"
      "console.log(last.some((p) => Math.abs(p.x - 7.00933) < 1e-3 && Math.abs(p.y - 11.02703) < 1e-3), last.length);\n"
      "const e = cq.Workplane().ellipseArc(10, 5, 0, 90, 0, 1, {startAtCurrent: false}).val();\n"
      "console.log(e.geomType(), e.BoundingBox().xmax.toFixed(6), e.BoundingBox().ymax.toFixed(6));\n"
      // A quadratic Bezier from (0,0) via (1,2) to (2,0): apex at y = 1.
      "const b = cq.Workplane().bezier([[0, 0], [1, 2], [2, 0]]).val();\n"
      "console.log(b.geomType(), b.BoundingBox().ymax.toFixed(6), b.BoundingBox().xlen.toFixed(6));\n"
      "const bw = cq.Workplane().bezier([[0, 0], [1, 2], [2, 0]], {makeWire: true}).val();\n"
      "console.log(bw.ShapeType());\n"
      "const dome = cq.Workplane('XZ').moveTo(0, 0).bezier([[10, 0], [10, 10], [0, 10]], {includeCurrent: true}).close()"
      ".revolve(360, [0, 0], [0, 1]);\n"
      "console.log(dome.val().isValid(), dome.val().Volume() > 0);\n"
      // CadQuery testParametricCurve: the epicycloid (k = 4).
      "const k = 4, r = 1;\n"
      "const f = (t) => [r * (k + 1) * Math.cos(t) - r * Math.cos((k + 1) * t), r * (k + 1) * Math.sin(t) - r * Math.sin((k + 1) * t)];\n"
      "const res = cq.Workplane('XY').parametricCurve(f, {start: 0, stop: 2 * Math.PI}).extrude(3);\n"
      "console.log(res.solids().val().isValid(), res.faces().size());\n"
      "const circle = cq.Workplane().parametricCurve((t) => cq.Vector(5 * Math.cos(t), 5 * Math.sin(t)), {stop: 2 * Math.PI}).extrude(2);\n"
      "console.log((circle.val().Volume() / (Math.PI * 25 * 2)).toFixed(4));\n"
      "const edge = cq.Workplane().parametricCurve(f, {makeWire: false});\n"
      "console.log(edge.val().ShapeType());\n");
  REQUIRE(log.size() == 9);
  CHECK(log[0] == "13.973,17.991 7.009,11.027");
  CHECK(log[1] == "true 2");  // the fourth arc ends where the first started
  CHECK(log[2] == "ELLIPSE 10.000000 5.000000");
  CHECK(log[3] == "BEZIER 1.000000 2.000000");
  CHECK(log[4] == "Wire");
  CHECK(log[5] == "true true");
  CHECK(log[6] == "true 3");
  CHECK(log[7] == "1.0000");
  CHECK(log[8] == "Edge");
  CHECK(errorOf("cq.Workplane().parametricCurve((t) => [t, 'x']);").rfind("parametricCurve: the value of func(0", 0) == 0);
  CHECK(errorOf("cq.Workplane().parametricCurve(5);") ==
        "parametricCurve: func must be a function, got number 5");
  CHECK(errorOf("cq.Workplane().bezier([[0, 0]]);").rfind("bezier: needs at least 2 points", 0) == 0);
}

TEST_CASE("section, ancestors and siblings", "[surface][script]") {
  auto log = logOf(
      // CadQuery testSection.
      "const box = cq.Workplane('XY', [1, 2, 3]).box(1, 1, 1);\n"
      "console.log(box.section().faces().val().Area().toFixed(6), box.section(0.5).faces().val().Area().toFixed(6));\n"
      "const cyl = cq.Workplane().cylinder(10, 3);\n"
      "console.log((cyl.section(2).faces().val().Area() / (Math.PI * 9)).toFixed(6), cyl.section(2).val().Center().z);\n"
      "const cube = cq.Workplane().box(1, 1, 1);\n"
      "console.log(cube.faces('>Z').edges().ancestors('Face').size());\n"
      "console.log(cube.vertices('>Z and >X and >Y').ancestors('Edge').size());\n"
      "console.log(cube.faces('>Z').siblings('Edge').size(), cube.faces('>Z').siblings('Vertex').size());\n"
      "console.log(cube.faces('>Z').siblings('Edge', 2).size());\n"
      "console.log(cube.edges('>Z and >X').siblings('Vertex').size());\n");
  REQUIRE(log.size() == 7);
  CHECK(log[0] == "1.000000 1.000000");
  CHECK(log[1] == "1.000000 2");
  CHECK(log[2] == "5");  // the top face and its 4 side neighbours
  CHECK(log[3] == "3");
  CHECK(log[4] == "4 4");  // the 4 side faces (sharing an edge / a vertex)
  CHECK(log[5] == "1");    // two steps away: the bottom face
  CHECK(log[6] == "4");    // edges touching the end points of one top edge
  CHECK(errorOf("cq.Workplane().hLine(1).section();").rfind("section: needs a solid", 0) == 0);
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).faces().ancestors('Plate');").rfind("ancestors: kind must be", 0) == 0);
}

TEST_CASE("filter, map, apply, sort and invoke", "[surface][script]") {
  auto log = logOf(
      // CadQuery test_map_apply_filter_sort and test_invoke.
      "const w = cq.Workplane().box(1, 1, 1).moveTo(3, 0).box(1, 1, 3).solids();\n"
      "console.log(w.filter((s) => s.Volume() > 2).size(), w.filter((s) => s.Volume() > 5).size());\n"
      "console.log(w.sort((s) => -s.Volume()).item(-1).val().Volume().toFixed(6));\n"
      "console.log(w.sort((s) => [s.Center().x, 0]).item(0).val().Center().x);\n"
      "console.log(w.apply((objs) => []).size(), w.map((s) => s.Faces()[0]).faces().size());\n"
      "const five = cq.Workplane().rarray(2, 0, 5, 1).box(1, 1, 1, {combine: false});\n"
      "console.log(five.invoke(() => 1).size(), five.invoke((x) => undefined).size(),\n"
      "  five.invoke((x) => x.newObject([x.val()])).size());\n");
  REQUIRE(log.size() == 5);
  CHECK(log[0] == "1 0");
  CHECK(log[1] == "1.000000");
  CHECK(log[2] == "0");
  CHECK(log[3] == "0 2");
  CHECK(log[4] == "5 5 1");
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).invoke((a, b) => 1);") ==
        "invoke: the function takes 2 arguments; it must take 0 or 1");
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).filter(3);") == "filter: expected a function, got number");
}

TEST_CASE("findSolid and largestDimension", "[surface][script]") {
  auto log = logOf(
      "const b = cq.Workplane().box(3, 4, 12).faces('>Z').workplane();\n"
      "console.log(b.findSolid().Volume(), b.largestDimension());\n");
  REQUIRE(log.size() == 1);
  CHECK(log[0] == "144 13");
}
