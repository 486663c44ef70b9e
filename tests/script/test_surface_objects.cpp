// cq.Assembly, text(), cq.selectors and the Shape-level API from JavaScript.
#include <catch2/catch.hpp>

#include <algorithm>

#include "kernel/shape_utils.h"
#include "script_test_support.h"

using namespace partsmith;
using partsmith::test::firstError;
using partsmith::test::runScript;

namespace {

script::RunResult runOk(const std::string& src) {
  auto r = runScript(src);
  INFO(firstError(r).message << " at line " << firstError(r).line << ": " << firstError(r).source);
  REQUIRE(r.ok);
  return r;
}

std::vector<std::string> logOf(const std::string& src) {
  return runOk(src + "\nshow(cq.Workplane().box(1, 1, 1));\n").log;
}

std::string errorOf(const std::string& src) {
  auto r = runScript(src + "\nshow(cq.Workplane().box(1, 1, 1));\n");
  REQUIRE_FALSE(r.ok);
  return firstError(r).message;
}

const kernel::Part& part(const script::RunResult& r, const std::string& name) {
  auto it = std::find_if(r.parts.begin(), r.parts.end(), [&](const kernel::Part& p) { return p.name == name; });
  INFO("part " << name);
  REQUIRE(it != r.parts.end());
  return *it;
}

}  // namespace

TEST_CASE("show(assembly) gives one named, coloured part per leaf", "[surface][assembly][script]") {
  auto r = runOk(
      "const base = cq.Workplane().box(10, 10, 2);\n"
      "const pin = cq.Workplane().cylinder(6, 1);\n"
      "const sub = cq.Assembly(null, {name: 'pins', color: cq.Color('red')})\n"
      "  .add(pin, {name: 'a', loc: cq.Location([2, 0, 0])})\n"
      "  .add(pin, {name: 'b', loc: cq.Location([-2, 0, 0]), color: 'blue'});\n"
      "const assy = new cq.Assembly(base, {name: 'top', color: cq.Color(0, 1, 0)})\n"
      "  .add(sub, {loc: cq.Location([0, 0, 4])})\n"
      "  .add(cq.Workplane().sphere(1).val(), {loc: cq.Location([0, 0, -3])});\n"
      "console.log(assy.name, assy.childNames.join(','), assy.partNames.join(','));\n"
      "console.log(assy.toCompound().Solids().length, assy.toCompound().Volume().toFixed(3));\n"
      "show(assy);\n");
  REQUIRE(r.log.size() == 2);
  CHECK(r.log[0] == "top pins,top_2 top,top/pins/a,top/pins/b,top/top_2");
  CHECK(r.log[1] == "4 " + [] {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", 200 + 2 * M_PI * 6 + 4.0 / 3 * M_PI);
    return std::string(buf);
  }());
  REQUIRE(r.parts.size() == 4);
  const auto& top = part(r, "top");
  REQUIRE(top.color);
  CHECK(top.color->g == Approx(1));
  const auto& a = part(r, "top/pins/a");
  REQUIRE(a.color);
  CHECK(a.color->r == Approx(1));  // red, from the "pins" node
  CHECK(a.color->b == Approx(0));
  const auto& b = part(r, "top/pins/b");
  REQUIRE(b.color);
  CHECK(b.color->b == Approx(1));  // its own blue
  const auto& sphere = part(r, "top/top_2");
  REQUIRE(sphere.color);
  CHECK(sphere.color->g == Approx(1));  // inherited from the root
  // Composed locations: the sub-assembly at z = 4, pin a at x = 2 inside it.
  gp_Pnt ca = kernel::shapeCenter(a.shape);
  CHECK(ca.X() == Approx(2).margin(1e-9));
  CHECK(ca.Z() == Approx(4).margin(1e-9));
  CHECK(kernel::shapeCenter(sphere.shape).Z() == Approx(-3).margin(1e-9));
}

TEST_CASE("Assembly names, errors and result fallback", "[surface][assembly][script]") {
  CHECK(errorOf("const a = cq.Assembly(); a.add(cq.Workplane().box(1, 1, 1), {name: 'x'});\n"
                "a.add(cq.Workplane().box(1, 1, 1), {name: 'x'});") ==
        "add: unique name is required: \"x\" is already in the assembly");
  CHECK(errorOf("cq.Assembly().add(cq.Workplane().box(1, 1, 1)).constrain('a@faces@>Z', 'b@faces@<Z', 'Plane');") ==
        "constrain: constraint solving is not supported by Partsmith");
  CHECK(errorOf("cq.Assembly().solve();") == "solve: constraint solving is not supported by Partsmith");
  CHECK(errorOf("cq.Assembly().add(42);") == "add: obj must be a Workplane, a Shape or a cq.Assembly, got number 42");
  CHECK(errorOf("cq.Assembly().add(cq.Workplane());").rfind("add: the Workplane (1st argument) holds no shape", 0) == 0);
  CHECK(errorOf("cq.Assembly().remove('x');") == "remove: no object with name \"x\" found in the assembly");
  CHECK(errorOf("cq.Assembly().addSubshape();") == "Assembly.addSubshape() is not supported by Partsmith yet");
  // `result = assy` without show(): the assembly's parts, with the show() path names.
  auto r = runOk("const assy = cq.Assembly(cq.Workplane().box(1, 1, 1), {name: 'body'})\n"
                 "  .add(cq.Workplane().box(1, 1, 1), {name: 'lid', loc: cq.Location([0, 0, 2])});\n"
                 "const result = assy;\n");
  REQUIRE(r.parts.size() == 2);
  CHECK(r.parts[0].name == "result");
  CHECK(r.parts[1].name == "result/lid");
  // show(assy, name) renames the root; show(assy, {color}) colours uncoloured leaves.
  auto named = runOk("const assy = cq.Assembly().add(cq.Workplane().box(1, 1, 1), {name: 'a'});\n"
                     "show(assy, 'kit', {color: 'orange'});\n");
  REQUIRE(named.parts.size() == 1);
  CHECK(named.parts[0].name == "kit/a");
  REQUIRE(named.parts[0].color);
  CHECK(named.parts[0].color->r == Approx(1));
}

TEST_CASE("text(): size, alignment, cut and an unknown font", "[surface][text][script]") {
  auto log = logOf(
      "const w1 = cq.Workplane().text('I', 10, 2).val().BoundingBox().xlen;\n"
      "const w3 = cq.Workplane().text('III', 10, 2).val().BoundingBox().xlen;\n"
      "console.log(w3 > 2 * w1, cq.Workplane().text('Hi', 10, 2).val().Volume() > 0);\n"
      "const lb = cq.Workplane().text('I', 10, 0, {halign: 'left', valign: 'bottom'}).val().BoundingBox();\n"
      "const c = cq.Workplane().text('I', 10, 0).val().BoundingBox();\n"
      "const rt = cq.Workplane().text('I', 10, 0, {halign: 'right', valign: 'top'}).val().BoundingBox();\n"
      "console.log(lb.xmin >= 0, lb.ymin >= 0, Math.abs(c.center.x) < 0.5, Math.abs(c.center.y) < 0.5, rt.xmax <= 0, rt.ymax <= 0);\n"
      // CadQuery testText: the default combine cuts from the box, combine: true adds to it.
      "const box = cq.Workplane('XY').box(4, 4, 0.5);\n"
      "const cut = box.faces('>Z').workplane().text('CQ 2.0', 0.5, -0.05, {halign: 'left', valign: 'bottom', font: 'Sans'});\n"
      "const added = box.faces('>Z').workplane().text('CQ 2.0', 0.5, 0.05, {combine: true, font: 'Sans'});\n"
      "const apart = box.faces('>Z').workplane().text('CQ 2.0', 0.5, 0.05, {combine: false, halign: 'right', valign: 'top', font: 'Sans'});\n"
      "console.log(box.val().Volume() > cut.val().Volume(), box.val().Volume() < added.val().Volume(), apart.solids().size());\n"
      "const up = cq.Workplane('XZ').text('L', 5, 1).val().BoundingBox();\n"
      "console.log(up.ylen.toFixed(3), up.zlen > 3);\n");
  REQUIRE(log.size() == 4);
  CHECK(log[0] == "true true");
  CHECK(log[1] == "true true true true true true");
  CHECK(log[2] == "true true 5");
  CHECK(log[3] == "1.000 true");  // extruded along the XZ normal (-Y), glyph height along Z

  // CadQuery raises for a font that is not installed; so does Partsmith, saying how to list
  // the installed families. No font given means DejaVu Sans, without a note.
  auto missing = runScript("show(cq.Workplane().text('A', 10, 1, {font: 'NoSuchFontXYZ'}));\n");
  REQUIRE_FALSE(missing.ok);
  CHECK(firstError(missing).kind == "api");
  CHECK(firstError(missing).line == 1);
  CHECK(firstError(missing).message == "text: font \"NoSuchFontXYZ\" is not installed");
  CHECK_THAT(firstError(missing).hint, Catch::Contains("leave font out to use the default DejaVu Sans") &&
                                           Catch::Contains("`fc-list : family`") && Catch::Contains("fontPath"));
  auto plain = runOk("show(cq.Workplane().text('A', 10, 1));\n");
  CHECK(plain.notes.empty());
  auto bold = runOk("show(cq.Workplane().text('A', 10, 1, {fontPath: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'}));\n");
  CHECK(bold.notes.empty());
  CHECK(errorOf("cq.Workplane().text('A', 10, 1, {fontPath: '/nope/missing.ttf'});") ==
        "text: fontPath: there is no font file at \"/nope/missing.ttf\"");
  CHECK(errorOf("cq.Workplane().text('A', 10, 1, {kind: 'heavy'});") ==
        "text: kind must be \"regular\", \"bold\" or \"italic\", got string \"heavy\"");
  CHECK(errorOf("cq.Workplane().text('  ', 10, 1);") == "text: the text is empty or only spaces");
}

TEST_CASE("selector classes and combinators", "[surface][selector][script]") {
  auto log = logOf(
      "const s = cq.selectors;\n"
      "const b = cq.Workplane().box(2, 2, 2);\n"
      "console.log(b.faces(s.NearestToPointSelector([0, 0, 10])).val().Center().z);\n"
      "console.log(b.vertices(new s.BoxSelector([0, 0, 0], [2, 2, 2])).size(), b.faces(s.BoxSelector([-2, -2, 0.5], [2, 2, 2])).size());\n"
      "console.log(b.faces(s.DirectionMinMaxSelector(cq.Vector(0, 0, 1), false)).val().Center().z,\n"
      "  b.faces(s.ParallelDirSelector([0, 0, 1])).size(), b.faces(s.PerpendicularDirSelector([0, 0, 1])).size(),\n"
      "  b.faces(s.DirectionSelector([1, 0, 0])).val().Center().x, b.faces(s.TypeSelector('PLANE')).size());\n"
      "console.log(b.faces(s.DirectionNthSelector([0, 0, 1], 0)).val().Center().z, b.faces(s.CenterNthSelector([1, 0, 0], -2)).size());\n"
      "const c = cq.Workplane().box(10, 10, 10).faces('>Z').workplane().hole(2).faces('>Z').workplane().circle(4).cutBlind(-1);\n"
      "console.log(c.edges(s.RadiusNthSelector(0)).size(), c.edges(s.RadiusNthSelector(0, false)).size(),\n"
      "  c.edges(s.RadiusNthSelector(1)).vals().map((e) => e.Center().z).sort().join('/'));\n"
      "console.log(b.edges(s.LengthNthSelector(0)).size(), b.faces(s.AreaNthSelector(-1)).size());\n"
      "const top = s.StringSyntaxSelector('>Z');\n"
      "console.log(b.faces(top.or('<Z')).size(), b.faces(top.not()).size(), b.faces(s.TypeSelector('PLANE').sub(top)).size(),\n"
      "  b.faces(top.and(s.ParallelDirSelector([0, 0, 1]))).size(), b.faces(top.add(s.StringSyntaxSelector('>X'))).size());\n"
      "console.log(String(top), typeof cq.NearestToPointSelector);\n");
  REQUIRE(log.size() == 8);
  CHECK(log[0] == "1");
  CHECK(log[1] == "1 1");  // strictly inside: the corner (1, 1, 1); only the top face centre
  CHECK(log[2] == "-1 2 4 1 6");
  CHECK(log[3] == "-1 4");
  CHECK(log[4] == "2 2 4/5");  // r 1: the hole's rims; r 4: the pocket's rims at z 4 and 5
  CHECK(log[5] == "12 6");
  CHECK(log[6] == "2 5 5 1 2");
  CHECK(log[7] == "Selector(>Z) function");
  CHECK(errorOf("cq.selectors.TypeSelector('BLOB');").find("BLOB") != std::string::npos);
  CHECK(errorOf("cq.selectors.Nearest([0, 0, 0]);") ==
        "cq.selectors has no member 'Nearest' \xE2\x80\x94 did you mean 'NearestToPointSelector'?");
}

TEST_CASE("Shape API and cq.Solid/Wire/Edge/Face/Compound", "[surface][shape][script]") {
  auto log = logOf(
      "const box = cq.Solid.makeBox(1, 2, 3);\n"
      "console.log(box.Volume(), box.BoundingBox().xmin, box.Center());\n"
      "console.log(cq.Solid.makeBox(1, 1, 1, [1, 1, 1], [0, 0, -1]).BoundingBox().zmin);\n"
      "console.log((cq.Solid.makeCylinder(2, 5).Volume() / (Math.PI * 20)).toFixed(6),\n"
      "  (cq.Solid.makeCone(2, 0, 3).Volume() / (Math.PI * 4)).toFixed(6),\n"
      "  (cq.Solid.makeSphere(1, [0, 0, 0], [0, 0, 1], -90, 90).Volume() / (4 / 3 * Math.PI)).toFixed(6),\n"
      "  (cq.Solid.makeSphere(1).Volume() / (2 / 3 * Math.PI)).toFixed(6),\n"
      "  (cq.Solid.makeTorus(5, 1).Volume() / (2 * Math.PI * Math.PI * 5)).toFixed(6));\n"
      "const h = cq.Wire.makeHelix(1.5, 10, 1.2);\n"
      "console.log(h.BoundingBox().zlen.toFixed(1), h.ShapeType(), cq.Wire.makeHelix(1, 5, 2, [0, 0, 0], [0, 0, 1], 360, true).isValid());\n"
      "const sq = cq.Wire.makePolygon([[0, 0], [4, 0], [4, 4], [0, 4]], false, true);\n"
      "const hole = cq.Wire.makeCircle(1, [2, 2, 0], [0, 0, 1]);\n"
      "const face = cq.Face.makeFromWires(sq, [hole]);\n"
      "console.log(face.Area().toFixed(6), sq.Length());\n"
      "console.log(cq.Solid.extrudeLinear(face, [0, 0, 2]).Volume().toFixed(6), cq.Solid.extrudeLinear(sq, [], [0, 0, 1], 10).isValid());\n"
      "const e = cq.Edge.makeLine([0, 0, 0], [3, 4, 0]);\n"
      "console.log(e.Length(), cq.Edge.makeCircle(2).geomType(), (cq.Edge.makeCircle(2, [0, 0, 0], [0, 0, 1], 0, 90).Length() / Math.PI).toFixed(6));\n"
      "const comp = cq.Compound.makeCompound([box, cq.Solid.makeBox(1, 1, 1, [5, 0, 0])]);\n"
      "console.log(comp.ShapeType(), comp.Solids().length, comp.Volume());\n"
      "const a = cq.Solid.makeBox(2, 2, 2), b2 = cq.Solid.makeBox(2, 2, 2, [1, 0, 0]);\n"
      "console.log(a.fuse(b2).Volume(), a.cut(b2).Volume(), a.intersect(b2).Volume(), a.fuse(b2, b2.translate([0, 0, 1])).Volume());\n"
      "console.log(a.mirror('YZ').BoundingBox().xmin, a.mirror([0, 0, 1], [0, 0, 5]).BoundingBox().zmin, a.scale(2).Volume(), a.copy().Volume());\n"
      "console.log(cq.Workplane().add(a.fuse(b2)).faces('>X').val().Center().x);\n");
  REQUIRE(log.size() == 11);
  CHECK(log[0] == "6 0 Vector(0.5, 1, 1.5)");
  CHECK(log[1] == "0");
  CHECK(log[2] == "1.000000 1.000000 1.000000 1.000000 1.000000");
  CHECK(log[3] == "10.0 Wire true");
  CHECK(std::stod(log[4].substr(0, log[4].find(' '))) == Approx(16 - M_PI).epsilon(1e-6));
  CHECK(log[4].substr(log[4].find(' ') + 1) == "16");
  CHECK(std::stod(log[5].substr(0, log[5].find(' '))) == Approx(2 * (16 - M_PI)).epsilon(1e-6));
  CHECK(log[5].substr(log[5].find(' ') + 1) == "true");
  CHECK(log[6] == "5 CIRCLE 1.000000");
  CHECK(log[7] == "Compound 2 7");
  CHECK(log[8] == "12 4 4 16");
  CHECK(log[9] == "-2 8 64 8");
  CHECK(log[10] == "3");
  CHECK(errorOf("cq.Solid.makeBox(1, 0, 1);") == "makeBox: width must be greater than 0, got number 0");
  CHECK(errorOf("cq.Face.makeFromWires(cq.Edge.makeLine([0, 0, 0], [1, 0, 0]).Faces());").rfind("makeFromWires: outerWire", 0) == 0);
  CHECK(errorOf("cq.Solid.makeBoxx(1, 1, 1);") == "cq.Solid has no method 'makeBoxx' \xE2\x80\x94 did you mean 'makeBox'?");
}
