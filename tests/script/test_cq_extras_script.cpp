// The late CadQuery additions from JavaScript: Shape.IsClosed and its neighbours, cutEach,
// spline tangents with null and 3D entries, 3D tangentArcPoint, Assembly.remove.
#include <catch2/catch.hpp>

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

script::ScriptError errorOf(const std::string& src) {
  auto r = runScript(src + "\nshow(cq.Workplane().box(1, 1, 1));\n");
  REQUIRE_FALSE(r.ok);
  return firstError(r);
}

}  // namespace

TEST_CASE("Shape methods: IsClosed, Closed, isEqual, distance, location, clean, fix, arcCenter, wires of a face",
          "[script][cqextras]") {
  auto log = logOf(
      "const open = cq.Workplane().spline([[0, 0], [1, 1], [2, 0]]).val();\n"
      "const loop = cq.Workplane().spline([[1, 0], [0, 1], [-1, 0], [0, -1]], {periodic: true}).val();\n"
      "const box = cq.Workplane().box(2, 2, 2).val();\n"
      "console.log(open.IsClosed(), loop.IsClosed(), loop.Closed(), box.Shells()[0].Closed(), box.Faces()[0].wires().IsClosed());\n"
      "const moved = box.moved(cq.Location([10, 0, 0]));\n"
      "console.log(box.isEqual(box), box.isEqual(moved), box.isSame(moved), box.distance(moved), moved.location().toTuple()[0]);\n"
      "const plate = cq.Workplane().rect(20, 20).circle(3).extrude(2).faces('>Z').val();\n"
      "console.log(plate.outerWire().Length(), plate.innerWires().length, plate.innerWires()[0].edges().arcCenter().toTuple());\n"
      "const two = cq.Workplane().box(2, 1, 1).union(cq.Workplane().box(2, 1, 1).translate([2, 0, 0]), {clean: false}).val();\n"
      "console.log(two.Faces().length, two.clean().Faces().length, two.fix().isValid());\n");
  REQUIRE(log.size() == 4);
  CHECK(log[0] == "false true true true true");
  CHECK(log[1] == "true false false 8 [10, 0, 0]");  // isSame also compares the location
  CHECK(log[2] == "80 1 [0, 0, 2]");
  CHECK(log[3] == "10 6 true");
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).val().outerWire();").message ==
        "outerWire: only a Face has wires, got a Solid");
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).edges().val().arcCenter();").message ==
        "arcCenter: the curve is not a circle or an ellipse, so it has no arc centre");
}

TEST_CASE("cutEach, spline tangents with null and 3D entries, 3D tangentArcPoint", "[script][cqextras]") {
  auto log = logOf(
      "const c = cq.Workplane().box(2, 2, 2).val();\n"
      "console.log(cq.Workplane().box(3, 2, 2).vertices().cutEach((loc) => c.located(loc)).val().Volume().toFixed(6));\n"
      "const s = cq.Workplane().spline([[0, 0], [1, 1], [2, 0], [1, -1]], {tangents: [[0, 1], null, [0, -1], [-1, 0]], parameters: [0, 1, 2, 3]});\n"
      "console.log(s.val().positionAt(1.5, 'parameter').toTuple().map((v) => v.toFixed(4)).join(' '));\n"
      "const up = cq.Workplane('XY').spline([[0, 20, 0], [20, 0, 100]], {tangents: [[0, 0, 1], [0, 0, 1]]}).val();\n"
      "console.log(up.endPoint().toTuple(), up.tangentAt(0).toTuple());\n"
      "const arc = cq.Workplane().lineTo(1, 1).tangentArcPoint([1, 1, 1]).val();\n"
      "const arcAbs = cq.Workplane().lineTo(1, 1).tangentArcPoint([2, 2, 1], {relative: false}).val();\n"
      "console.log(arc.endPoint().toTuple(), arcAbs.endPoint().toTuple());\n");
  REQUIRE(log.size() == 4);
  CHECK(log[0] == "4.000000");
  CHECK(log[1] == "1.6875 0.8750 0.0000");
  CHECK(log[2] == "[20, 0, 100] [0, 0, 1]");
  CHECK(log[3] == "[2, 2, 1] [2, 2, 1]");
  const auto noSolid = errorOf("cq.Workplane().rect(1, 1).cutEach((loc) => cq.Workplane().box(1, 1, 1).val().located(loc));");
  CHECK(noSolid.line == 1);
  CHECK(noSolid.message.rfind("cutEach", 0) == 0);
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).vertices().cutEach(5);").message.rfind("cutEach: fcn must be", 0) == 0);
  CHECK(errorOf("cq.Workplane().spline([[0, 0], [1, 1]], {tangents: [[0, 1], 'up']});").message ==
        "spline: tangents[1] must be a point [x, y, z] or cq.Vector, got string \"up\"");
}

TEST_CASE("Assembly.remove from JavaScript", "[script][cqextras][assembly]") {
  auto r = runScript(
      "const assy = cq.Assembly(null, {name: 'top'});\n"
      "assy.add(cq.Workplane().box(1, 1, 1), {name: 'a'});\n"
      "const sub = cq.Assembly(null, {name: 'sub'});\n"
      "sub.add(cq.Workplane().box(1, 1, 1), {name: 'b'}).add(cq.Workplane().sphere(1), {name: 'c', loc: cq.Location([3, 0, 0])});\n"
      "assy.add(sub);\n"
      "console.log(assy.remove('sub/c').partNames.join(','));\n"
      "console.log(assy.remove('a').partNames.join(','), Object.keys(assy.objects).length);\n"
      "show(assy);\n");
  INFO(firstError(r).message);
  REQUIRE(r.ok);
  REQUIRE(r.log.size() == 2);
  CHECK(r.log[0] == "top/a,top/sub/b");
  CHECK(r.log[1] == "top/sub/b 3");
  REQUIRE(r.parts.size() == 1);
  CHECK(r.parts[0].name == "top/sub/b");
  const auto err = errorOf("const a = cq.Assembly(); a.add(cq.Workplane().box(1, 1, 1), {name: 'x'}); a.remove('y');");
  CHECK(err.message == "remove: no object with name \"y\" found in the assembly");
  CHECK(err.hint == "its parts are: x");
}
