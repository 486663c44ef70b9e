// The cq value types from JavaScript: Vector, Location, Plane, Color, Shape wrappers.
#include <catch2/catch.hpp>

#include "kernel/shape_utils.h"
#include "script_test_support.h"

using namespace partsmith;
using partsmith::test::firstError;
using partsmith::test::runScript;

namespace {
std::vector<std::string> logOf(const std::string& src) {
  auto r = runScript(src + "\nshow(cq.Workplane().box(1, 1, 1));\n");
  INFO(firstError(r).message << " at line " << firstError(r).line);
  REQUIRE(r.ok);
  return r.log;
}
}  // namespace

TEST_CASE("cq.Vector arithmetic", "[script]") {
  auto log = logOf(
      "const a = cq.Vector(1, 2, 3), b = new cq.Vector([4, 5, 6]);\n"
      "console.log(a.add(b), a.sub(b), a.mul(2), a.dot(b), a.cross(b));\n"
      "console.log(cq.Vector(3, 4).length(), cq.Vector(3, 4).Length, cq.Vector(0, 0, 2).normalized(), a.toTuple());\n");
  REQUIRE(log.size() == 2);
  CHECK(log[0] == "Vector(5, 7, 9) Vector(-3, -3, -3) Vector(2, 4, 6) 32 Vector(-3, 6, -3)");
  CHECK(log[1] == "5 5 Vector(0, 0, 1) [1, 2, 3]");
  auto r = runScript("cq.Vector(1, 'a', 2);");
  CHECK(firstError(r).message == "Vector: y must be a finite number, got \"a\"");
}

TEST_CASE("cq.Plane and cq.Location", "[script]") {
  auto log = logOf(
      "const p = cq.Plane.named('XZ');\n"
      "console.log(p.zDir, cq.Plane.XY([0, 0, 5]).origin, cq.Plane([0, 0, 0], [1, 0, 0], [0, 0, 1]).yDir);\n"
      "console.log(p.toWorldCoords([1, 2]));\n"
      "const l = cq.Location([1, 2, 3]);\n"
      "console.log(l.toTuple()[0], cq.Location(0, 0, 0, 0, 0, 90).toTuple()[1][2]);\n"
      "const w = cq.Workplane(cq.Plane.named('YZ')).box(1, 2, 3);\n"
      "console.log(w.val().BoundingBox().xlen);\n"
      "const moved = w.val().moved(cq.Location([10, 0, 0]));\n"
      "console.log(Math.round(moved.Center().x));\n");
  REQUIRE(log.size() == 5);
  CHECK(log[0] == "Vector(0, -1, 0) Vector(0, 0, 5) Vector(0, 1, 0)");
  CHECK(log[1] == "Vector(1, 0, 2)");
  CHECK(log[2] == "[1, 2, 3] 90");
  CHECK(log[3] == "3");
  CHECK(log[4] == "10");
}

TEST_CASE("Shape wrappers from val()", "[script]") {
  auto log = logOf(
      "const s = cq.Workplane().box(2, 3, 4).val();\n"
      "const bb = s.BoundingBox();\n"
      "console.log(s.Volume(), s.Area(), s.Center(), s.isValid(), s.ShapeType());\n"
      "console.log(bb.xmin, bb.ymax, bb.zlen, bb.center, s.Faces().length, s.Edges().length);\n"
      "console.log(cq.Workplane().val());\n");
  REQUIRE(log.size() == 3);
  CHECK(log[0] == "24 52 Vector(0, 0, 0) true Solid");
  CHECK(log[1] == "-1 1.5 4 Vector(0, 0, 0) 6 12");
  CHECK(log[2] == "Vector(0, 0, 0)");
}

TEST_CASE("Workplane accepts shapes and origins", "[script]") {
  auto r = runScript(
      "const s = cq.Workplane().box(1, 1, 1).val();\n"
      "show(cq.Workplane(s), 'copy');\n"
      "show(cq.Workplane('XY', [0, 0, 10]).box(1, 1, 1), 'high');\n"
      "show(cq.Workplane('XY', {origin: [5, 0, 0]}).box(1, 1, 1), 'side');\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.parts.size() == 3);
  CHECK(kernel::shapeCenter(r.parts[1].shape).Z() == Approx(10));
  CHECK(kernel::shapeCenter(r.parts[2].shape).X() == Approx(5));
  auto bad = runScript("cq.Workplane(5);");
  CHECK(firstError(bad).message ==
        "Workplane: inPlane must be a plane name such as \"XY\", a cq.Plane, a Shape, a Vector or a Location, got number 5");
}

TEST_CASE("a chained CadQuery-style part runs", "[script]") {
  auto r = runScript(
      "const width = 40, depth = 30, height = 10;\n"
      "const body = cq.Workplane('XY')\n"
      "  .box(width, depth, height)\n"
      "  .faces('>Z').workplane()\n"
      "  .rect(width - 10, depth - 10, {forConstruction: true})\n"
      "  .vertices()\n"
      "  .hole(3)\n"
      "  .edges('|Z').fillet(2);\n"
      "const pins = cq.Workplane('XY').pushPoints([[0, 0], [5, 5]]).circle(1).extrude(20);\n"
      "show(body.union(pins), 'body');\n");
  INFO(firstError(r).message << " line " << firstError(r).line);
  REQUIRE(r.ok);
  REQUIRE(r.parts.size() == 1);
  CHECK(kernel::shapeVolume(r.parts[0].shape) > 0);
}

TEST_CASE("callbacks run script code and their errors keep the script line", "[script]") {
  auto r = runScript(
      "const pts = cq.Workplane().rarray(10, 10, 2, 2);\n"
      "const posts = pts.eachpoint(loc => cq.Workplane().box(2, 2, 2).val().moved(loc), {combine: true});\n"
      "show(posts);\n");
  INFO(firstError(r).message << " line " << firstError(r).line);
  REQUIRE(r.ok);
  CHECK(kernel::shapeVolume(r.parts[0].shape) == Approx(32));

  r = runScript(
      "const pts = cq.Workplane().rarray(10, 10, 2, 2);\n"
      "pts.eachpoint(loc => {\n"
      "  throw new Error('inside callback');\n"
      "});\n");
  CHECK(firstError(r).message == "inside callback");
  CHECK(firstError(r).line == 3);
}

TEST_CASE("split takes booleans or a splitter; each takes a callback", "[script]") {
  auto r = runScript(
      "const b = cq.Workplane().box(10, 10, 10);\n"
      "const top = b.faces('>Z').workplane({offset: -5}).split({keepTop: true});\n"
      "const both = b.faces('>Z').workplane({offset: -5}).split(true, true);\n"
      "console.log(Math.round(top.val().Volume()), both.size());\n"
      "const cubes = cq.Workplane().rarray(5, 5, 2, 1).each(p => cq.Workplane().box(1, 1, 1).val().translate(p));\n"
      "console.log(Math.round(cubes.val().Volume()));\n"
      "show(top);\n");
  INFO(firstError(r).message << " line " << firstError(r).line);
  REQUIRE(r.ok);
  CHECK(r.log[0] == "500 2");
  CHECK(r.log[1] == "2");
}
