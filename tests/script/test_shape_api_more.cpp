// CadQuery's queries on Shapes from JavaScript: Vertex toTuple/X/Y/Z, Edge/Wire startPoint,
// endPoint, positionAt, tangentAt, radius, Face normalAt, isSame, isInside, sub-shape selection
// on a Shape, Workplane.plane, Assembly.children/objects and the selector combinator classes.
#include <catch2/catch.hpp>

#include "script_test_support.h"

using namespace partsmith;
using partsmith::test::firstError;
using partsmith::test::runScript;

namespace {

// Runs src (which logs one line) and returns that line; numbers are rounded to 6 decimals by
// the helper r() the script may use.
std::string logLine(const std::string& src) {
  const std::string prelude =
      "const r = (v) => JSON.stringify(v, (k, x) => (typeof x === 'number' ? Math.round(x * 1e6) / 1e6 + 0 : x));\n";
  auto result = runScript(prelude + src + "\nshow(cq.Workplane().box(1, 1, 1));\n");
  INFO(firstError(result).message << " at line " << firstError(result).line);
  REQUIRE(result.ok);
  REQUIRE(result.log.size() == 1);
  return result.log[0];
}

std::string errorOf(const std::string& src) {
  auto r = runScript(src + "\nshow(cq.Workplane().box(1, 1, 1));\n");
  REQUIRE_FALSE(r.ok);
  return firstError(r).message;
}

}  // namespace

TEST_CASE("a Vertex gives its coordinates as toTuple() and X, Y, Z", "[shapeapi]") {
  CHECK(logLine("console.log(r(cq.Workplane().box(2, 4, 6).vertices('>X and >Y and >Z').val().toTuple()));") ==
        "[1,2,3]");
  CHECK(logLine("const v = cq.Vertex.makeVertex(1.5, -2, 7); console.log(r([v.X, v.Y, v.Z]));") == "[1.5,-2,7]");
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).val().toTuple();").find("toTuple: only a Vertex has coordinates, got a Solid") !=
        std::string::npos);
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).faces('>Z').val().X;").find("X: only a Vertex") != std::string::npos);
}

TEST_CASE("startPoint, endPoint, positionAt and tangentAt follow the curve", "[shapeapi]") {
  CHECK(logLine("const e = cq.Edge.makeLine([0, 0, 0], [10, 0, 0]);\n"
                "console.log(r([e.startPoint().toTuple(), e.endPoint().toTuple(), e.positionAt(0.25).toTuple(),\n"
                "  e.positionAt(4, 'parameter').toTuple(), e.tangentAt().toTuple()]));") ==
        "[[0,0,0],[10,0,0],[2.5,0,0],[4,0,0],[1,0,0]]");
  // A quarter circle: half way along the length is at 45 degrees; the tangent there is (-1, 1)/sqrt 2.
  CHECK(logLine("const e = cq.Edge.makeCircle(2, [0, 0, 0], [0, 0, 1], 0, 90);\n"
                "console.log(r([e.positionAt(0.5).toTuple(), e.tangentAt(0.5).toTuple(), e.endPoint().toTuple()]));") ==
        "[[1.414214,1.414214,0],[-0.707107,0.707107,0],[0,2,0]]");
  // A wire is walked in edge order across its edges: 3 + 4 long, 0.5 of 7 lies on the second edge.
  CHECK(logLine("const w = cq.Wire.makePolygon([[0, 0, 0], [3, 0, 0], [3, 4, 0]]);\n"
                "console.log(r([w.startPoint().toTuple(), w.endPoint().toTuple(), w.positionAt(0.5).toTuple(),\n"
                "  w.tangentAt(0.9).toTuple()]));") == "[[0,0,0],[3,4,0],[3,0.5,0],[0,1,0]]");
  // startPoint/endPoint apply the edge's orientation (CadQuery's startVertex/endVertex); on the
  // box's <Y face this vertical edge runs downwards although its line runs upwards.
  CHECK(logLine("const e = cq.Workplane().box(1, 1, 5).faces('<Y').edges('<X').val();\n"
                "console.log(r([e.startPoint().toTuple(), e.endPoint().toTuple(), e.positionAt(0).toTuple()]));") ==
        "[[-0.5,-0.5,2.5],[-0.5,-0.5,-2.5],[-0.5,-0.5,-2.5]]");
  CHECK(errorOf("cq.Edge.makeLine([0, 0, 0], [1, 0, 0]).positionAt(0.5, 'fraction');").find("\"length\" or \"parameter\"") !=
        std::string::npos);
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).val().startPoint();").find("startPoint: only an Edge or a Wire") !=
        std::string::npos);
}

TEST_CASE("radius() gives a circle's radius and refuses other curves", "[shapeapi]") {
  CHECK(logLine("console.log(r([cq.Edge.makeCircle(3).radius(), cq.Wire.makeCircle(1.25, [0, 0, 0], [0, 0, 1]).radius(),\n"
                "  cq.Workplane().cylinder(2, 4).faces('>Z').edges().val().radius()]));") == "[3,1.25,4]");
  CHECK(errorOf("cq.Edge.makeLine([0, 0, 0], [1, 0, 0]).radius();").find("radius: the shape is not a circle") !=
        std::string::npos);
}

TEST_CASE("normalAt() gives a face's outward normal, at its middle or nearest a point", "[shapeapi]") {
  CHECK(logLine("const b = cq.Workplane().box(2, 2, 2);\n"
                "console.log(r([b.faces('>Z').val().normalAt().toTuple(), b.faces('<X').val().normalAt().toTuple()]));") ==
        "[[0,0,1],[-1,0,0]]");
  CHECK(logLine("const f = cq.Workplane().sphere(5).faces().val();\n"
                "console.log(r(f.normalAt(cq.Vector(0, 10, 0)).toTuple()));") == "[0,1,0]");
  CHECK(errorOf("cq.Edge.makeLine([0, 0, 0], [1, 0, 0]).normalAt();").find("normalAt: only a Face has a normal, got an Edge") !=
        std::string::npos);
}

TEST_CASE("isInside() classifies points against a solid with a tolerance", "[shapeapi]") {
  CHECK(logLine("const s = cq.Workplane().box(10, 10, 10).val();\n"
                "console.log(r([s.isInside([0, 0, 0]), s.isInside(cq.Vector(6, 0, 0)), s.isInside([0, 0, 5]),\n"
                "  s.isInside([0, 0, 5.05], 0.1), s.isInside([0, 0, 5.2], 0.1)]));") == "[true,false,true,true,false]");
  CHECK(logLine("const h = cq.Workplane().box(10, 10, 10).faces('>Z').shell(-1).val();\n"
                "console.log(r([h.isInside([0, 0, 0]), h.isInside([4.5, 0, 0])]));") == "[false,true]");
  CHECK(errorOf("cq.Workplane().rect(1, 1).val().isInside([0, 0, 0]);").find("isInside: only a Solid") != std::string::npos);
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).val().isInside([0, 0, 0], -1);").find("tolerance") != std::string::npos);
}

TEST_CASE("isSame() compares topology, not geometry", "[shapeapi]") {
  CHECK(logLine("const b = cq.Workplane().box(1, 1, 1), c = cq.Workplane().box(1, 1, 1);\n"
                "console.log(r([b.faces('>Z').val().isSame(b.faces('>Z').val()), b.faces('>Z').val().isSame(b.faces('<Z').val()),\n"
                "  b.faces('>Z').val().isSame(c.faces('>Z').val())]));") == "[true,false,false]");
}

TEST_CASE("a Shape's faces(), edges() ... select sub-shapes: one as itself, several as a Compound", "[shapeapi]") {
  CHECK(logLine("const s = cq.Workplane().box(3, 2, 1).val();\n"
                "console.log(r([s.solids().ShapeType(), s.faces('>Z').ShapeType(), s.faces('>Z').Center().toTuple(),\n"
                "  s.edges('>Z').ShapeType(), s.edges('>Z').Edges().length, s.edges('>Z').edges('>X').Center().toTuple(),\n"
                "  s.vertices().Vertices().length, s.wires('>Z').ShapeType(), s.shells().ShapeType(),\n"
                "  s.faces(cq.selectors.DirectionMinMaxSelector([0, 0, 1])).Center().toTuple()]));") ==
        "[\"Solid\",\"Face\",[0,0,0.5],\"Compound\",4,[1.5,0,0.5],8,\"Wire\",\"Shell\",[0,0,0.5]]");
  CHECK(logLine("console.log(cq.Workplane().box(1, 1, 1).val().faces('>Z and <Z').Faces().length);") == "0");
}

TEST_CASE("Workplane.plane is the current workplane's Plane with Vector axes", "[shapeapi]") {
  CHECK(logLine("const p = cq.Workplane('XZ').center(2, 3).plane;\n"
                "console.log(r([p.origin.toTuple(), p.xDir.toTuple(), p.yDir.toTuple(), p.zDir.toTuple(),\n"
                "  p.origin instanceof cq.Vector, String(p.__kind)]));") ==
        "[[2,0,3],[1,0,0],[0,0,1],[0,-1,0],true,\"Plane\"]");
  CHECK(logLine("console.log(r(cq.Workplane().box(2, 2, 2).faces('>Z').workplane().plane.origin.toTuple()));") ==
        "[0,0,1]");
}

TEST_CASE("Assembly.children and .objects give the tree's nodes", "[shapeapi]") {
  CHECK(logLine("const box = cq.Workplane().box(1, 1, 1);\n"
                "const sub = cq.Assembly(box, { name: 'SUB' }).add(box, { name: 'LEAF' });\n"
                "const top = cq.Assembly(null, { name: 'TOP' }).add(sub).add(box, { name: 'B' });\n"
                "console.log(r([top.children.length, top.children.map((c) => c.name), Object.keys(top.objects).sort(),\n"
                "  top.objects.SUB.children[0].name, top.children[0].toCompound().Volume()]));") ==
        "[2,[\"SUB\",\"B\"],[\"B\",\"LEAF\",\"SUB\",\"TOP\"],\"LEAF\",2]");
}

TEST_CASE("SumSelector, InverseSelector, AndSelector and SubtractSelector combine selectors", "[shapeapi]") {
  CHECK(logLine("const c = cq.Workplane().box(1, 1, 1), S = cq.selectors.StringSyntaxSelector;\n"
                "console.log(r([c.faces(cq.selectors.SumSelector(S('>Z'), S('<Z'))).size(),\n"
                "  c.faces(cq.selectors.InverseSelector(S('>Z'))).size(),\n"
                "  c.edges(cq.selectors.AndSelector(S('|Z'), S('>X'))).size(),\n"
                "  c.edges(cq.selectors.SubtractSelector(S('|Z'), S('>X'))).size(), c.faces(cq.SumSelector('>X', '<X')).size()]));") ==
        "[2,5,2,2,2]");
  CHECK(errorOf("cq.selectors.InverseSelector(42);").find("InverseSelector") != std::string::npos);
}

TEST_CASE("BoundingBox().isInside(other) is true when the other box lies strictly inside", "[shapeapi]") {
  CHECK(logLine("const big = cq.Workplane().box(10, 10, 10).val().BoundingBox(), small = cq.Workplane().box(5, 5, 5).val().BoundingBox();\n"
                "console.log(r([big.isInside(small), small.isInside(big), big.isInside(big), Object.keys(big).includes('isInside')]));") ==
        "[true,false,false,false]");
  CHECK(errorOf("cq.Workplane().box(1, 1, 1).val().BoundingBox().isInside(3);").find("isInside: expected a bounding box") !=
        std::string::npos);
}
