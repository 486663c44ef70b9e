// CadQuery string selectors on real OCCT shapes: every grammar form, precedence, clustering,
// Nth indexing rules, and the error messages a script author sees.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepFilletAPI_MakeChamfer.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <TopoDS.hxx>
#include <gp_Ax2.hxx>
#include <gp_Pnt.hxx>
#include <gp_Vec.hxx>

#include "kernel/kernel_error.h"
#include "kernel/selector.h"
#include "kernel/selector_classes.h"
#include "kernel/shape_utils.h"

using namespace partsmith::kernel;

namespace {

using Shapes = std::vector<TopoDS_Shape>;

// 10 x 20 x 30 box at the origin: faces at x=0/10, y=0/20, z=0/30.
TopoDS_Shape box() { return BRepPrimAPI_MakeBox(10, 20, 30).Shape(); }

// 10 x 10 x 10 block with a 4 x 4 x 5 boss on top: horizontal faces at z = 0, 10, 15.
TopoDS_Shape stepped() {
  TopoDS_Shape base = BRepPrimAPI_MakeBox(10, 10, 10).Shape();
  TopoDS_Shape boss = BRepPrimAPI_MakeBox(gp_Pnt(3, 3, 10), 4, 4, 5).Shape();
  BRepAlgoAPI_Fuse fuse(base, boss);
  REQUIRE(fuse.IsDone());
  return cleanShape(fuse.Shape());
}

// 20 x 20 x 10 plate with a through hole of radius 3 at (10, 10).
TopoDS_Shape plateWithHole() {
  TopoDS_Shape plate = BRepPrimAPI_MakeBox(20, 20, 10).Shape();
  TopoDS_Shape pin = BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(10, 10, -1), gp_Dir(0, 0, 1)), 3, 12).Shape();
  BRepAlgoAPI_Cut cut(plate, pin);
  REQUIRE(cut.IsDone());
  return cut.Shape();
}

// The box with its vertical edge at (10, 20) chamfered: a face whose normal is (1, 1, 0)/√2.
TopoDS_Shape chamferedBox() {
  TopoDS_Shape b = box();
  BRepFilletAPI_MakeChamfer chamfer(b);
  for (const auto& e : subShapes(b, TopAbs_EDGE)) {
    gp_Pnt c = shapeCenter(e);
    if (std::abs(c.X() - 10) < 1e-9 && std::abs(c.Y() - 20) < 1e-9) chamfer.Add(2, TopoDS::Edge(e));
  }
  chamfer.Build();
  REQUIRE(chamfer.IsDone());
  return chamfer.Shape();
}

Shapes faces(const TopoDS_Shape& s) { return subShapes(s, TopAbs_FACE); }
Shapes edges(const TopoDS_Shape& s) { return subShapes(s, TopAbs_EDGE); }
Shapes vertices(const TopoDS_Shape& s) { return subShapes(s, TopAbs_VERTEX); }

gp_Pnt center(const Shapes& s) {
  REQUIRE(s.size() == 1);
  return shapeCenter(s.front());
}

bool near(double a, double b) { return std::abs(a - b) < 1e-6; }

// Every shape's centre has `value` on `axis` ('x', 'y' or 'z').
bool allAt(const Shapes& s, char axis, double value) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](const TopoDS_Shape& x) {
    gp_Pnt c = shapeCenter(x);
    return near(axis == 'x' ? c.X() : axis == 'y' ? c.Y() : c.Z(), value);
  });
}

// Message of the KernelError that selecting throws (empty if none).
std::string errorOf(const Shapes& objects, const std::string& selector) {
  try {
    selectShapes(objects, selector);
  } catch (const KernelError& e) {
    CHECK(e.kind() == ErrorKind::Api);
    CHECK(e.operation() == "selector");
    return e.message() + " | hint: " + e.hint();
  }
  return {};
}

std::string parseErrorOf(const std::string& selector) { return errorOf(faces(box()), selector); }

bool isSubsequence(const Shapes& part, const Shapes& whole) {
  size_t j = 0;
  for (const auto& s : whole)
    if (j < part.size() && part[j].IsSame(s)) ++j;
  return j == part.size();
}

}  // namespace

TEST_CASE("min/max and direction atoms on a box", "[selector]") {
  const Shapes f = faces(box());
  REQUIRE(f.size() == 6);

  CHECK(near(center(selectShapes(f, ">Z")).Z(), 30));
  CHECK(near(center(selectShapes(f, "<Z")).Z(), 0));
  CHECK(near(center(selectShapes(f, ">X")).X(), 10));
  CHECK(near(center(selectShapes(f, "<Y")).Y(), 0));
  // Bare direction = "+dir": the face whose outward normal points that way.
  CHECK(near(center(selectShapes(f, "Z")).Z(), 30));
  CHECK(near(center(selectShapes(f, "+Z")).Z(), 30));
  CHECK(near(center(selectShapes(f, "-Z")).Z(), 0));
  CHECK(near(center(selectShapes(f, "-X")).X(), 0));
  CHECK(selectShapes(f, "|Z").size() == 2);
  CHECK(selectShapes(f, "#Z").size() == 4);
  CHECK(allAt(selectShapes(f, "#Z"), 'z', 15));
  CHECK(selectShapes(f, "%PLANE").size() == 6);
  CHECK(selectShapes(f, "%plane").size() == 6);  // type names are case-insensitive
  CHECK(selectShapes(f, " > Z ").size() == 1);   // whitespace between tokens, as pyparsing

  const Shapes e = edges(box());
  REQUIRE(e.size() == 12);
  CHECK(selectShapes(e, "|Z").size() == 4);
  CHECK(allAt(selectShapes(e, "|Z"), 'z', 15));
  CHECK(selectShapes(e, "#Z").size() == 8);
  CHECK(selectShapes(e, ">Z").size() == 4);  // min/max works on every type, clusters kept whole
  CHECK(allAt(selectShapes(e, ">Z"), 'z', 30));
  CHECK(selectShapes(e, "+Z or -Z").size() == 4);  // edge sense follows the curve, both cover all
  CHECK(selectShapes(e, "%LINE").size() == 12);
  CHECK(selectShapes(vertices(box()), "<X").size() == 4);
}

TEST_CASE("named views are min/max shortcuts", "[selector]") {
  const Shapes f = faces(box());
  CHECK(near(center(selectShapes(f, "front")).Z(), 30));
  CHECK(near(center(selectShapes(f, "back")).Z(), 0));
  CHECK(near(center(selectShapes(f, "right")).X(), 10));
  CHECK(near(center(selectShapes(f, "left")).X(), 0));
  CHECK(near(center(selectShapes(f, "top")).Y(), 20));
  CHECK(near(center(selectShapes(f, "bottom")).Y(), 0));
}

TEST_CASE("curved shapes: type selectors, seam edge, direction filters drop curves", "[selector]") {
  const TopoDS_Shape cyl = BRepPrimAPI_MakeCylinder(5, 10).Shape();
  const Shapes f = faces(cyl);
  const Shapes e = edges(cyl);
  REQUIRE(f.size() == 3);
  CHECK(selectShapes(f, "%CYLINDER").size() == 1);
  CHECK(selectShapes(f, "%PLANE").size() == 2);
  CHECK(selectShapes(f, "|Z").size() == 2);
  CHECK(selectShapes(f, "#Z").empty());  // the cylindrical face is not planar: dropped
  CHECK(selectShapes(e, "%CIRCLE").size() == 2);
  CHECK(selectShapes(e, "%LINE").size() == 1);  // the seam
  CHECK(selectShapes(e, "|Z").size() == 1);
  CHECK(near(center(selectShapes(f, ">Z")).Z(), 10));

  const Shapes holed = faces(plateWithHole());
  REQUIRE(holed.size() == 7);
  CHECK(selectShapes(holed, "%CYLINDER").size() == 1);
  CHECK(selectShapes(holed, "not %PLANE").size() == 1);
  CHECK(selectShapes(edges(plateWithHole()), "%CIRCLE").size() == 2);
  CHECK(selectShapes(edges(plateWithHole()), "%CIRCLE and >Z").size() == 1);
}

TEST_CASE("indexed selectors: DirectionNth and CenterNth", "[selector]") {
  const Shapes f = faces(stepped());
  // >Z[n]: ascending list of the horizontal-face groups z = 0, 10, 15.
  CHECK(near(center(selectShapes(f, ">Z[-2]")).Z(), 10));
  CHECK(near(center(selectShapes(f, ">Z[0]")).Z(), 0));
  CHECK(near(center(selectShapes(f, ">Z[-1]")).Z(), 15));
  // <Z[n]: the same list descending, so [0] is the highest.
  CHECK(near(center(selectShapes(f, "<Z[0]")).Z(), 15));
  CHECK(near(center(selectShapes(f, "<Z[1]")).Z(), 10));
  CHECK(near(center(selectShapes(f, "<Z[-1]")).Z(), 0));
  CHECK(near(center(selectShapes(f, "> Z [ - 2 ]")).Z(), 10));

  // >>/<< rank every face by its centre, with no parallel filter.
  const Shapes b = faces(box());
  CHECK(near(center(selectShapes(b, ">>X[2]")).X(), 10));
  CHECK(selectShapes(b, ">>X[1]").size() == 4);  // four faces centred at x = 5
  CHECK(near(center(selectShapes(b, ">>X[0]")).X(), 0));
  CHECK(near(center(selectShapes(b, "<<Y")).Y(), 0));
  CHECK(near(center(selectShapes(b, "<<Y[0]")).Y(), 20));
  CHECK(near(center(selectShapes(b, ">>Z")).Z(), 30));

  // Indexed > keeps only planar faces / line edges parallel to the direction.
  const Shapes ce = edges(BRepPrimAPI_MakeCylinder(5, 10).Shape());
  CHECK(selectShapes(ce, ">Z[0]").size() == 1);   // only the seam is parallel to Z
  CHECK(selectShapes(ce, ">>Z[0]").size() == 1);  // the bottom circle
  CHECK(geomType(selectShapes(ce, ">>Z[0]").front()) == "CIRCLE");
}

TEST_CASE("clustering uses a 1e-4 tolerance on the key", "[selector]") {
  auto twoBoxes = [](double dz) {
    TopoDS_Shape a = BRepPrimAPI_MakeBox(gp_Pnt(0, 0, 0), 1, 1, 10).Shape();
    TopoDS_Shape b = BRepPrimAPI_MakeBox(gp_Pnt(5, 0, 0), 1, 1, 10 + dz).Shape();
    return makeCompound({a, b});
  };
  CHECK(selectShapes(faces(twoBoxes(5e-5)), ">Z").size() == 2);
  CHECK(selectShapes(faces(twoBoxes(1e-3)), ">Z").size() == 1);
  CHECK(near(center(selectShapes(faces(twoBoxes(1e-3)), ">Z")).Z(), 10 + 1e-3));
}

TEST_CASE("boolean combinations, precedence and order", "[selector]") {
  const Shapes f = faces(box());
  const Shapes e = edges(box());
  CHECK(selectShapes(f, "not(<X or >X or <Y or >Y)").size() == 2);
  CHECK(allAt(selectShapes(f, "not(<X or >X or <Y or >Y)"), 'x', 5));
  CHECK(selectShapes(e, "|Z or <Z").size() == 8);
  const Shapes corner = selectShapes(e, ">X and <Y");
  REQUIRE(corner.size() == 1);
  CHECK(near(shapeCenter(corner.front()).X(), 10));
  CHECK(near(shapeCenter(corner.front()).Y(), 0));
  CHECK(near(shapeCenter(corner.front()).Z(), 15));
  CHECK(selectShapes(e, "|Z exc >X").size() == 2);
  CHECK(selectShapes(f, "#Z except >X").size() == 3);
  // "not" is the lowest: not (>X and >Y) = everything.
  CHECK(selectShapes(f, "not >X and >Y").size() == 6);
  // and binds tighter than or: >X or (>Y and <Y) = just the >X face.
  CHECK(selectShapes(f, ">X or >Y and <Y").size() == 1);
  // or binds tighter than exc: (#Z or >Z) exc (<X or >X) = 2 y-faces + top.
  CHECK(selectShapes(f, "#Z or >Z exc <X or >X").size() == 3);
  // Extension: unparenthesised not after a binary operator.
  CHECK(selectShapes(f, ">X and not >Y").size() == 1);
  CHECK(selectShapes(f, "#Z and not (>X or <X)").size() == 2);
  CHECK(selectShapes(f, "#Z and (not >X)").size() == 3);
  CHECK(selectShapes(f, "not not >Z").size() == 1);

  const Shapes mixed = selectShapes(e, "<Z or |Z");
  CHECK(isSubsequence(mixed, e));  // input order, not set order
  CHECK(selectShapes(e, "<Z or |Z").front().IsSame(selectShapes(e, "|Z or <Z").front()));
}

TEST_CASE("vector directions", "[selector]") {
  const Shapes v = vertices(box());
  const Shapes far = selectShapes(v, ">(1, 1, 0)");
  CHECK(far.size() == 2);
  CHECK(allAt(far, 'x', 10));
  CHECK(allAt(far, 'y', 20));
  CHECK(selectShapes(v, ">XY").size() == 2);
  const Shapes other = selectShapes(v, ">(-1, 1, 0)");
  CHECK(other.size() == 2);
  CHECK(allAt(other, 'x', 0));
  CHECK(allAt(other, 'y', 20));
  CHECK(selectShapes(v, ">( -1.0 ,1., 0 )").size() == 2);

  const Shapes cf = faces(chamferedBox());
  REQUIRE(cf.size() == 7);
  CHECK(selectShapes(cf, "(1, 1, 0)").size() == 1);
  CHECK(selectShapes(cf, "+XY").size() == 1);
  CHECK(selectShapes(cf, "|XY").size() == 1);
  CHECK(selectShapes(cf, "-(1, 1, 0)").empty());
  CHECK(selectShapes(cf, "#Z").size() == 5);
  CHECK(selectShapes(cf, "#Z and not (1,1,0)").size() == 4);
}

TEST_CASE("malformed selector strings name the position and what was expected", "[selector]") {
  CHECK_THAT(parseErrorOf("foo"), Catch::Contains("unknown selector 'foo' at position 0"));
  CHECK_THAT(parseErrorOf("foo"), Catch::Contains("valid selectors"));
  CHECK_THAT(parseErrorOf(""), Catch::Contains("empty selector"));
  CHECK_THAT(parseErrorOf(">Q"), Catch::Contains("expected a direction after '>' at position 0, found 'Q'"));
  CHECK_THAT(parseErrorOf(">z"), Catch::Contains("did you mean '>Z'"));
  CHECK_THAT(parseErrorOf("|ZX"), Catch::Contains("did you mean '|XZ'"));
  CHECK_THAT(parseErrorOf("z"), Catch::Contains("did you mean 'Z'"));
  CHECK_THAT(parseErrorOf("Front"), Catch::Contains("did you mean 'front'"));
  CHECK_THAT(parseErrorOf(">"), Catch::Contains("found the end of the selector"));
  CHECK_THAT(parseErrorOf(">Z["), Catch::Contains("expected a whole number index"));
  CHECK_THAT(parseErrorOf(">Z[1"), Catch::Contains("expected ']'"));
  CHECK_THAT(parseErrorOf(">Z[x]"), Catch::Contains("found 'x' at position 3"));
  CHECK_THAT(parseErrorOf("(>Z or <Z"), Catch::Contains("missing ')' to close the '(' at position 0"));
  CHECK_THAT(parseErrorOf(">Z)"), Catch::Contains("unmatched ')' at position 2"));
  CHECK_THAT(parseErrorOf(">Z or"), Catch::Contains("'or' at position 3 needs a selector after it"));
  CHECK_THAT(parseErrorOf("and >Z"), Catch::Contains("'and' at position 0 needs a selector before it"));
  CHECK_THAT(parseErrorOf(">Z <Z"), Catch::Contains("unexpected '<' at position 3"));
  CHECK_THAT(parseErrorOf("%FOO"), Catch::Contains("unknown geometry type 'FOO' at position 1"));
  CHECK_THAT(parseErrorOf("%FOO"), Catch::Contains("CYLINDER"));
  CHECK_THAT(parseErrorOf("%"), Catch::Contains("expected a geometry type after '%'"));
  CHECK_THAT(parseErrorOf("(1, 1)"), Catch::Contains("expected ','"));
  CHECK_THAT(parseErrorOf(">(1, .5, 0)"), Catch::Contains("expected a number at position 5"));
  CHECK_THAT(parseErrorOf(">(1e3, 0, 0)"), Catch::Contains("no exponent"));
  CHECK_THAT(parseErrorOf("(0, 0, 0)"), Catch::Contains("zero length"));
  CHECK_THAT(parseErrorOf("not"), Catch::Contains("needs a selector after it"));
  CHECK_THAT(parseErrorOf(">Z and and <Z"), Catch::Contains("needs a selector before it"));
  CHECK_NOTHROW(parseSelector(">Z[-2] or (<<X[1] and %PLANE) except front"));
}

TEST_CASE("index and empty-input errors at filter time", "[selector]") {
  const Shapes f = faces(stepped());
  CHECK(errorOf(f, ">Z[5]").find("selector '>Z[5]' asks for index 5 but only 3 groups exist") != std::string::npos);
  CHECK(errorOf(f, "<Z[-4]").find("asks for index -4 but only 3 groups exist") != std::string::npos);
  CHECK(errorOf(faces(box()), ">>X[3]").find("but only 3 groups exist") != std::string::npos);
  CHECK(errorOf(f, ">Z[5] or <Z").find("'>Z[5]'") != std::string::npos);  // names the atom
  const Shapes ce = edges(BRepPrimAPI_MakeCylinder(5, 10).Shape());
  CHECK(errorOf(ce, "<X[0]").find("no planar face or straight edge parallel to (1, 0, 0)") != std::string::npos);
  CHECK(errorOf({}, ">Z").find("nothing to choose from") != std::string::npos);
  CHECK(errorOf(f, ">Z[2]").empty());
}

TEST_CASE("selector objects: combinators, describe, Nth classes", "[selector]") {
  const Shapes e = edges(box());
  const Shapes f = faces(box());
  CHECK(selectorAnd(parseSelector("|Z"), parseSelector(">X"))->filter(e).size() == 2);
  CHECK(selectorOr(parseSelector(">Z"), parseSelector("<Z"))->filter(f).size() == 2);
  CHECK(selectorSubtract(parseSelector("#Z"), parseSelector("<X"))->filter(f).size() == 3);
  CHECK(selectorNot(parseSelector("%PLANE"))->filter(f).empty());
  CHECK(parseSelector(">Z")->describe() == ">Z");
  CHECK(parseSelector("|Z or <Z")->describe() == "|Z or <Z");
  CHECK(selectorAnd(parseSelector("|Z"), parseSelector(">X"))->describe() == "(|Z and >X)");

  CHECK(lengthNthSelector(0)->filter(e).size() == 4);
  CHECK(near(shapeLength(lengthNthSelector(-1)->filter(e).front()), 30));
  CHECK(areaNthSelector(-1)->filter(f).size() == 2);  // the 20 x 30 faces
  CHECK(radiusNthSelector(0)->filter(edges(plateWithHole())).size() == 2);
  CHECK(near(center(nearestToPointSelector(gp_Pnt(0, 0, 100))->filter(f)).Z(), 30));
  CHECK(boxSelector(gp_Pnt(-1, -1, 29), gp_Pnt(11, 21, 31))->filter(f).size() == 1);
  CHECK(directionSelector(gp_Vec(0, 0, 2))->filter(f).size() == 1);
  CHECK_THROWS_AS(typeSelector("SQUARE"), KernelError);
}
