// cq.Sketch from JavaScript: CadQuery call forms (options objects for keyword arguments),
// CAD-Recode style chains, Workplane integration and errors.
#include <catch2/catch.hpp>

#include <cmath>

#include <Bnd_Box.hxx>

#include "kernel/shape_utils.h"
#include "script_test_support.h"

using namespace partsmith;
using Catch::Matchers::Contains;
using partsmith::test::firstError;
using partsmith::test::runScript;

namespace {

// Runs a script that shows exactly one part and returns its shape.
TopoDS_Shape shownShape(const std::string& src) {
  auto r = runScript(src);
  INFO(src);
  INFO(firstError(r).message << " (line " << firstError(r).line << ")");
  REQUIRE(r.ok);
  REQUIRE(r.parts.size() == 1);
  return r.parts.front().shape;
}

double volumeOf(const std::string& src) { return kernel::shapeVolume(shownShape(src)); }

std::vector<std::string> logOf(const std::string& src) {
  auto r = runScript(src + "\nshow(cq.Workplane().box(1, 1, 1));\n");
  INFO(firstError(r).message << " at line " << firstError(r).line);
  REQUIRE(r.ok);
  return r.log;
}

script::ScriptError errorOf(const std::string& src) {
  auto r = runScript(src);
  REQUIRE_FALSE(r.ok);
  return firstError(r);
}

}  // namespace

TEST_CASE("Sketch face mode from JavaScript", "[sketch][script]") {
  auto log = logOf(
      "console.log(cq.Sketch().rect(2, 2).rect(1, 1, {mode: 's'}).val().Area());\n"
      "const two = cq.Sketch().rect(2, 2).rect(1, 1);\n"
      "console.log(two.vals().length, two.clean().vals().length);\n"
      "console.log(cq.Sketch().slot(4, 2).val().Area(), 8 + Math.PI);\n"
      "console.log(cq.Sketch().trapezoid(4, 1, 45).val().Area(), cq.Sketch().ellipse(2, 1).val().Area());\n"
      "const v = cq.Sketch().regularPolygon(2, 6).vertices('>Y').val().Center();\n"
      "console.log(v.x, v.y);\n"
      "console.log(cq.Sketch().push([[0, 0], [3, 0]]).circle(0.5).vals().length);\n"
      "console.log(cq.Sketch().rarray(10, 10, 3, 2).circle(1).vals().length, cq.Sketch().parray(5, 0, 360, 6).rect(1, 1).vals().length);\n"
      "console.log(cq.Sketch().rect(2, 2).vertices('>X').fillet(0.25).reset().val().Area());\n"
      "console.log(cq.Sketch().rect(4, 1, {angle: 90}).val().BoundingBox().ylen);\n"
      "console.log(cq.Sketch().rect(4, 4, {mode: 'c', tag: 'base'}).vertices({tag: 'base'}).circle(0.5).vals().length);\n"
      "console.log(cq.Sketch().polygon([[0, 0], [2, 0], [0, 2]]).val().Area());\n"
      "const s = cq.Sketch(); s.circle(1); console.log(s.val().Area() > 3.14, String(s));\n");
  REQUIRE(log.size() == 12);
  CHECK(log[0] == "3");
  CHECK(log[1] == "2 1");
  CHECK(log[2] == "11.141593 11.141593");
  CHECK(log[3] == "3 6.283185");
  CHECK(log[4] == "0 2");
  CHECK(log[5] == "2");
  CHECK(log[6] == "6 6");
  CHECK(log[7] == "3.973175");  // 4 - 2 * 0.25^2 * (1 - pi/4)
  CHECK(log[8] == "4");
  CHECK(log[9] == "4");
  CHECK(log[10] == "2");
  CHECK(log[11] == "true Sketch");
}

TEST_CASE("Sketch edge mode from JavaScript: segment and arc call forms", "[sketch][script]") {
  auto log = logOf(
      "const a = cq.Sketch().segment([0, 0], [2, 0]).segment([2, 1]).segment([0, 1]).close().assemble();\n"
      "console.log(a.val().Area());\n"
      "const b = cq.Sketch().segment([0, 0], [1, 0]).segment(1, 90).segment(1, 180).close().assemble();\n"
      "console.log(b.val().Area());\n"
      "const c = cq.Sketch().segment([0, 0], [2, 0]).arc([3, 1], [2, 2]).segment([0, 2]).close().assemble();\n"
      "console.log(c.val().Area(), 4 + Math.PI / 2);\n"
      "const d = cq.Sketch().arc([0, 0], 1, 0, 180).close().assemble();\n"
      "console.log(d.val().Area(), Math.PI / 2);\n"
      "const e = cq.Sketch().arc([-1, 0], [0, 1], [1, 0], 'top').segment([-1, 0], {tag: 'base'}).assemble();\n"
      "console.log(e.edges({tag: 'top'}).vals().length, e.reset().val().Area() > 1.5);\n"
      "const f = cq.Sketch().segment([0, 0], [2, 0]).bezier([[2, 0], [3, 1], [2, 2]]).segment([0, 2]).close().assemble();\n"
      "console.log(f.val().Area());\n"
      "const g = cq.Sketch().segment([0, 0], [2, 0]).spline([[2, 0], [2.5, 1], [2, 2]]).segment([0, 2]).close().assemble();\n"
      "console.log(g.val().Area() > 4.2);\n"
      "console.log(cq.Sketch().segment([0, 0], [4, 0]).segment([4, 3]).close().segment([9, 9], [9, 10], 'guide', true).assemble().val().Area());\n");
  REQUIRE(log.size() == 8);
  CHECK(log[0] == "2");
  CHECK(log[1] == "1");
  CHECK(log[2] == "5.570796 5.570796");
  CHECK(log[3] == "1.570796 1.570796");
  CHECK(log[4] == "1 true");
  CHECK(log[5] == "4.666667");
  CHECK(log[6] == "true");
  CHECK(log[7] == "6");
}

TEST_CASE("CAD-Recode style Sketch chains", "[sketch][script]") {
  CHECK(volumeOf("const w0 = cq.Workplane('XY', {origin: [0, 0, 0]});\n"
                 "const r = w0.sketch().segment([-50, -30], [50, -30]).segment([50, 30]).segment([-50, 30]).close()"
                 ".assemble().finalize().extrude(20);\nshow(r);\n") == Approx(100 * 60 * 20));

  TopoDS_Shape cyl = shownShape(
      "const w0 = cq.Workplane('YZ', {origin: [-12, 0, 0]});\n"
      "const r = w0.sketch().circle(50).push([[10, 5]]).circle(8, {mode: 's'}).finalize().extrude(24);\nshow(r);\n");
  CHECK(kernel::shapeVolume(cyl) == Approx(M_PI * (2500 - 64) * 24).epsilon(1e-6));
  Bnd_Box box = kernel::tightBoundingBox(cyl);
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  CHECK(x0 == Approx(-12).margin(1e-6));
  CHECK(x1 == Approx(12).margin(1e-6));

  // The chain from the reference: outline with an arc, a sub-sketch cut by face(..., {mode: 's'}),
  // then a pushed circle cut, extruded.
  CHECK(volumeOf("const w0 = cq.Workplane('XY', {origin: [0, 0, 0]});\n"
                 "const r = w0.sketch().segment([0, 0], [40, 0]).arc([50, 10], [40, 20]).segment([0, 20]).close()"
                 ".assemble().reset()"
                 ".face(w0.sketch().segment([5, 5], [15, 5]).segment([15, 15]).segment([5, 15]).close().assemble(), {mode: 's'})"
                 ".push([[30, 10]]).circle(3, {mode: 's'}).finalize().extrude(5);\nshow(r);\n") ==
        Approx((800 + 50 * M_PI - 100 - 9 * M_PI) * 5).epsilon(1e-6));

  // Two sketched bodies unioned, the second on an offset workplane.
  CHECK(volumeOf("const w0 = cq.Workplane('XY', {origin: [0, 0, 0]});\n"
                 "const w1 = cq.Workplane('XY', {origin: [0, 0, 5]});\n"
                 "const r = w0.sketch().push([[-36, 0]]).rect(28, 100).push([[36, 0]]).rect(28, 100).reset()"
                 ".finalize().extrude(5)"
                 ".union(w1.sketch().circle(10).circle(6, {mode: 's'}).finalize().extrude(10));\nshow(r);\n") ==
        Approx(2 * 28 * 100 * 5 + M_PI * (100 - 36) * 10).epsilon(1e-6));

  // Mirrored outline on the XZ plane with arcs by centre, extruded both ways.
  CHECK(volumeOf("const w0 = cq.Workplane('XZ', {origin: [0, 3, 0]});\n"
                 "const r = w0.sketch().arc([0, 0], 10, 0, 180).close().assemble().finalize().extrude(3, {both: true});\n"
                 "show(r);\n") == Approx(M_PI * 50 * 6).epsilon(1e-6));
}

TEST_CASE("Workplane.sketch, placeSketch and sketches on faces", "[sketch][script]") {
  CHECK(volumeOf("show(cq.Workplane().box(10, 10, 10).faces('>Z').sketch().rect(4, 4).vertices().fillet(1)"
                 ".finalize().cutBlind(-2));") == Approx(1000 - (16 - 4 * (1 - M_PI / 4)) * 2).epsilon(1e-6));
  CHECK(volumeOf("show(cq.Workplane().box(10, 10, 10).faces('>Z').workplane().sketch().circle(2).finalize()"
                 ".cutThruAll());") == Approx(1000 - M_PI * 4 * 10).epsilon(1e-6));
  CHECK(volumeOf("show(cq.Workplane().pushPoints([[0, 0], [20, 0]]).sketch().circle(2).finalize().extrude(1));") ==
        Approx(2 * 4 * M_PI).epsilon(1e-6));
  CHECK(volumeOf("const s = cq.Sketch().trapezoid(4, 1, 45);\n"
                 "show(cq.Workplane().rarray(10, 1, 2, 1).placeSketch(s, s.moved(cq.Location(cq.Vector(0, 5, 0)))).extrude(2));") ==
        Approx(4 * 3 * 2));
  CHECK(volumeOf("const s = cq.Sketch().slot(4, 2).located(cq.Location([0, 0, 0]));\n"
                 "show(cq.Workplane('XZ').placeSketch(s).revolve(180, [-10, 0, 0], [-10, 1, 0]));") > 0);
  // show(sketch) shows its faces.
  TopoDS_Shape faces = shownShape("show(cq.Sketch().rect(3, 2).rect(1, 1, {mode: 's'}));");
  CHECK(kernel::shapeArea(faces) == Approx(5));
  CHECK(kernel::subShapes(faces, TopAbs_FACE).size() == 1);
}

TEST_CASE("Sketch errors name the method and the problem", "[sketch][script]") {
  auto e = errorOf("cq.Sketch().rect(1, 1, {mode: 'x'});");
  CHECK_THAT(e.message, Contains("mode must be \"a\""));
  CHECK(e.line == 1);
  e = errorOf("const s = cq.Sketch()\n  .segment([0, 0], [1, 0])\n  .segment([1, 1])\n  .assemble();");
  CHECK_THAT(e.message, Contains("assemble: the edges do not form a closed outline"));
  CHECK_THAT(e.hint, Contains("close()"));
  CHECK(e.line == 4);
  e = errorOf("cq.Sketch().rect(2, 2).edges('%CIRCLE').fillet(0.1);");
  CHECK_THAT(e.message, Contains("fillet: nothing is selected: edges(\"%CIRCLE\") matched nothing"));
  e = errorOf("cq.Sketch().rect(2, 2).fillet(0.1);");
  CHECK_THAT(e.message, Contains("needs a selection"));
  e = errorOf("cq.Sketch().segment('a', 'b');");
  CHECK_THAT(e.message, Contains("segment(p1, p2), segment(p2) or segment(length, angle)"));
  e = errorOf("cq.Sketch().rect(1, 1).constrain('a', 'Fixed', null);");
  CHECK_THAT(e.message, Contains("constraint solving is not supported"));
  e = errorOf("cq.Sketch().rect(1, 1).circel(2);");
  CHECK_THAT(e.message, Contains("did you mean 'circle'"));
  e = errorOf("cq.Sketch().importDXF('a.dxf');");
  CHECK_THAT(e.message, Contains("not supported"));
  e = errorOf("cq.Sketch().rect(1, 1).finalize();");
  CHECK_THAT(e.message, Contains("not made from a Workplane"));
  e = errorOf("show(cq.Workplane().sketch().segment([0, 0], [1, 0]).segment([1, 1]).close().finalize().extrude(1));");
  CHECK_THAT(e.message, Contains("edges but no faces"));
  e = errorOf("cq.Workplane().placeSketch(cq.Workplane().box(1, 1, 1));");
  CHECK_THAT(e.message, Contains("must be a cq.Sketch"));
  e = errorOf("cq.Sketch().select('nope');");
  CHECK_THAT(e.message, Contains("no tag 'nope'"));
  e = errorOf("cq.Sketch().circle('3');");
  CHECK_THAT(e.message, Contains("circle: r must be a number"));
}
