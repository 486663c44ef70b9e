// Kernel side of the CadQuery surface additions: Assembly, text, 2D extras and topology.
#include <catch2/catch.hpp>

#include <cmath>

#include <BRepCheck_Analyzer.hxx>
#include <Bnd_Box.hxx>
#include <TopoDS.hxx>

#include "kernel/assembly.h"
#include "kernel/kernel_error.h"
#include "kernel/shape_utils.h"
#include "kernel/text.h"
#include "kernel/workplane.h"

using namespace partsmith::kernel;

namespace {

struct Box3 {
  double x0, y0, z0, x1, y1, z1;
};

Box3 boxOf(const TopoDS_Shape& s) {
  Bnd_Box b = tightBoundingBox(s);
  Box3 r{};
  b.Get(r.x0, r.y0, r.z0, r.x1, r.y1, r.z1);
  return r;
}

TopoDS_Shape shapeOf(const WorkplanePtr& wp) { return wp->toShape(); }

}  // namespace

TEST_CASE("Assembly: names, composed locations, inherited colours", "[surface][assembly]") {
  TopoDS_Shape box = shapeOf(Workplane::create()->box(2, 2, 2));
  Assembly sub(TopoDS_Shape(), Location(), "arm", Color{1, 0, 0, 1});
  sub.add(box, Location::translation(gp_Vec(5, 0, 0)), "tip");
  Assembly root(box, Location::translation(gp_Vec(0, 0, 10)), "robot");
  root.add(sub, Location::fromXYZ(0, 0, 0, 0, 0, 90));
  root.add(box, std::nullopt, "", Color{0, 0, 1, 1});

  CHECK(root.nodeCount() == 4);
  REQUIRE(root.children().size() == 2);
  CHECK(root.children()[1].name() == "robot_2");
  PartList parts = root.parts();
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].name == "robot");
  CHECK_FALSE(parts[0].color);
  CHECK(parts[1].name == "robot/arm/tip");
  REQUIRE(parts[1].color);
  CHECK(parts[1].color->r == 1);
  CHECK(parts[2].name == "robot/robot_2");
  CHECK(parts[2].color->b == 1);
  // tip: (5, 0, 0) turned 90° about Z by the arm, then lifted 10 by the root.
  gp_Pnt tip = shapeCenter(parts[1].shape);
  CHECK(tip.X() == Approx(0).margin(1e-9));
  CHECK(tip.Y() == Approx(5).margin(1e-9));
  CHECK(tip.Z() == Approx(10).margin(1e-9));

  TopoDS_Shape compound = root.toCompound();
  CHECK(compound.ShapeType() == TopAbs_COMPOUND);
  CHECK(subShapes(compound, TopAbs_SOLID).size() == 3);
  CHECK(shapeVolume(compound) == Approx(24));
  CHECK(root.parts("kit")[1].name == "kit/arm/tip");
  CHECK(root.parts({}, Color{0, 1, 0, 1})[0].color->g == 1);

  CHECK_THROWS_WITH(root.add(box, std::nullopt, "arm"),
                    "add: unique name is required: \"arm\" is already in the assembly");
  CHECK_THROWS_WITH(root.add(box, std::nullopt, "robot"), Catch::Contains("unique name is required"));
  CHECK_THROWS_WITH(root.add(box, std::nullopt, "a/b"), Catch::Contains("contains '/'"));
  CHECK_THROWS_WITH(root.add(TopoDS_Shape()), "add: the object to add has no shape");
  CHECK_THROWS_WITH(Assembly::constraintsUnsupported("solve"), "solve: constraint solving is not supported by Partsmith");
  // Adding copies: later changes to `sub` do not reach the root.
  sub.add(box, std::nullopt, "later");
  CHECK(root.parts().size() == 3);
}

TEST_CASE("text: width grows, alignment shifts, default combine cuts", "[surface][text]") {
  TextOptions apart;
  apart.combine = Combine::None;
  auto width = [&](const std::string& t) {
    Box3 b = boxOf(shapeOf(Workplane::create()->text(t, 10, 2, apart)));
    return b.x1 - b.x0;
  };
  const double w1 = width("W"), w4 = width("WWWW");
  CHECK(w1 > 5);
  CHECK(w4 > 3.5 * w1);
  TopoDS_Shape hi = shapeOf(Workplane::create()->text("Hi", 10, 2, apart));
  CHECK(shapeVolume(hi) > 10);
  CHECK(BRepCheck_Analyzer(hi).IsValid());
  Box3 hb = boxOf(hi);
  CHECK(hb.z0 == Approx(0).margin(1e-6));
  CHECK(hb.z1 == Approx(2).margin(1e-6));

  TextOptions left = apart, right = apart, top = apart;
  left.halign = "left";
  left.valign = "bottom";
  right.halign = "right";
  top.valign = "top";
  Box3 lb = boxOf(shapeOf(Workplane::create()->text("I", 10, 1, left)));
  Box3 cb = boxOf(shapeOf(Workplane::create()->text("I", 10, 1, apart)));
  Box3 rb = boxOf(shapeOf(Workplane::create()->text("I", 10, 1, right)));
  Box3 tb = boxOf(shapeOf(Workplane::create()->text("I", 10, 1, top)));
  CHECK(lb.x0 >= 0);
  CHECK(lb.y0 >= -1e-6);
  CHECK(std::abs((cb.x0 + cb.x1) / 2) < 0.5);
  CHECK(rb.x1 <= 1e-6);
  CHECK(tb.y1 <= 1e-6);
  CHECK(lb.x0 > cb.x0);
  CHECK(rb.x0 < cb.x0);

  // Default combine is "cut": text with a negative distance engraves the top face.
  WorkplanePtr box = Workplane::create()->box(40, 20, 5);
  WorkplanePtr engraved = box->faces(parseSelector(">Z"))->workplane()->text("A1", 8, -1, TextOptions{});
  const double before = shapeVolume(box->toShape()), after = shapeVolume(engraved->toShape());
  CHECK(after < before - 1);
  CHECK(subShapes(engraved->toShape(), TopAbs_SOLID).size() == 1);
  TextOptions add;
  add.combine = Combine::Union;
  CHECK(shapeVolume(box->faces(parseSelector(">Z"))->workplane()->text("A1", 8, 1, add)->toShape()) > before + 1);

  // A named family that is not installed is an error naming it, with how to list the
  // installed ones (CadQuery raises too); no font at all means DejaVu Sans.
  TextOptions missing = apart;
  missing.font = "NoSuchFontXYZ";
  try {
    Workplane::create()->text("A", 5, 1, missing);
    FAIL("an unknown font must be an error");
  } catch (const KernelError& e) {
    CHECK(std::string(e.what()).find("text: font \"NoSuchFontXYZ\" is not installed") == 0);
    CHECK_THAT(e.hint(), Catch::Contains("fc-list : family") && Catch::Contains("DejaVu Sans") &&
                             Catch::Contains("fontPath"));
  }
  TextOptions dejavu = apart;
  dejavu.font = "DejaVu Sans";
  CHECK(shapeVolume(shapeOf(Workplane::create()->text("A", 5, 1, dejavu))) ==
        Approx(shapeVolume(shapeOf(Workplane::create()->text("A", 5, 1, apart)))).epsilon(1e-9));
  TextOptions badPath = apart;
  badPath.fontPath = "/no/such/font.ttf";
  CHECK_THROWS_WITH(Workplane::create()->text("A", 5, 1, badPath),
                    Catch::StartsWith("text: fontPath: there is no font file at \"/no/such/font.ttf\""));
  CHECK_THROWS_WITH(Workplane::create()->text("", 5, 1, apart), Catch::StartsWith("text: the text is empty"));
  CHECK_THROWS_AS(Workplane::create()->text("A", 0, 1, apart), KernelError);
}

TEST_CASE("2D extras: offset2D, mirrorX/Y, bezier, ellipseArc, parametricCurve", "[surface][curves]") {
  // offset2D(-1) of a 10 x 6 rectangle: an 8 x 4 one.
  WorkplanePtr inner = Workplane::create()->rect(10, 6)->offset2D(-1, "arc")->extrude(ExtentUntil::of(1));
  CHECK(shapeVolume(inner->toShape()) == Approx(32));
  WorkplanePtr grown = Workplane::create()->rect(10, 6)->offset2D(2, "intersection")->extrude(ExtentUntil::of(1));
  CHECK(shapeVolume(grown->toShape()) == Approx(140));
  // Arc corners: 10*6 + 2*(10+6)*2 + pi*4.
  WorkplanePtr rounded = Workplane::create()->rect(10, 6)->offset2D(2)->extrude(ExtentUntil::of(1));
  CHECK(shapeVolume(rounded->toShape()) == Approx(124 + 4 * M_PI).epsilon(1e-6));
  CHECK_THROWS_WITH(Workplane::create()->offset2D(1), Catch::StartsWith("offset2D: there is no pending outline"));

  // A quarter outline mirrored twice: a full 8 x 6 rectangle around the origin.
  WorkplanePtr quarter = Workplane::create()->polyline({{0, 3}, {4, 3}, {4, 0}})->mirrorX()->mirrorY();
  WorkplanePtr plate = quarter->extrude(ExtentUntil::of(2));
  CHECK(shapeVolume(plate->toShape()) == Approx(96));
  Box3 pb = boxOf(plate->toShape());
  CHECK(pb.x0 == Approx(-4));
  CHECK(pb.y0 == Approx(-3));

  // Cubic Bezier with symmetric control points: the apex is 3/4 of the control height.
  WorkplanePtr bz = Workplane::create()->bezier({gp_XYZ(0, 0, 0), gp_XYZ(0, 4, 0), gp_XYZ(4, 4, 0), gp_XYZ(4, 0, 0)});
  CHECK(geomType(shapeOf(bz)) == "BEZIER");
  CHECK(boxOf(shapeOf(bz)).y1 == Approx(3).margin(1e-6));
  CHECK_THROWS_AS(Workplane::create()->bezier({gp_XYZ(0, 0, 0)}), KernelError);

  // Full ellipse centred on the current point, and a closed ellipse face.
  WorkplanePtr el = Workplane::create()->moveTo(1, 2)->ellipseArc(4, 2, 360, 360, 0, 1, false, false, true)
                        ->extrude(ExtentUntil::of(1));
  CHECK(shapeVolume(el->toShape()) == Approx(M_PI * 8).epsilon(1e-6));
  CHECK(shapeCenter(el->toShape()).X() == Approx(1).margin(1e-6));
  // Taller than wide: built turned by 90°; quarter arc from angle 0 ends at (0, 5) from the centre.
  WorkplanePtr tall = Workplane::create()->ellipseArc(2, 5, 0, 90, 0, 1, false, false);
  Box3 tb = boxOf(shapeOf(tall));
  CHECK(tb.x1 == Approx(2).margin(1e-6));
  CHECK(tb.y1 == Approx(5).margin(1e-6));
  CHECK_THROWS_AS(Workplane::create()->ellipseArc(2, 5, 0, 90, 0, 2), KernelError);

  // parametricCurve: a closed circle of radius 3 extruded by 1.
  auto circle = [](double t) { return gp_XYZ(3 * std::cos(t), 3 * std::sin(t), 0); };
  WorkplanePtr disk = Workplane::create()->parametricCurve(circle, 200, 0, 2 * M_PI)->extrude(ExtentUntil::of(1));
  CHECK(shapeVolume(disk->toShape()) == Approx(9 * M_PI).epsilon(1e-4));
  WorkplanePtr open = Workplane::create()->parametricCurve(circle, 50, 0, M_PI, 1e-6, 1, 6, false);
  CHECK(open->context()->pendingEdges.size() == 1);
  CHECK(open->context()->pendingWires.empty());
  CHECK_THROWS_AS(Workplane::create()->parametricCurve(circle, 1), KernelError);
}

TEST_CASE("section, ancestors, siblings", "[surface][topology]") {
  WorkplanePtr cone = Workplane::create()->box(10, 10, 10);
  WorkplanePtr cut = cone->section(2.5);
  CHECK(shapeArea(cut->toShape()) == Approx(100));
  CHECK(shapeCenter(cut->toShape()).Z() == Approx(2.5));
  CHECK_THROWS_WITH(cone->section(20), Catch::StartsWith("section: the plane at height"));
  WorkplanePtr side = Workplane::create("XZ")->box(4, 4, 4)->section(1);
  CHECK(shapeCenter(side->toShape()).Y() == Approx(-1));  // XZ's normal is -Y

  WorkplanePtr top = cone->faces(parseSelector(">Z"));
  CHECK(top->edges()->ancestors("Face")->size() == 5);
  CHECK(top->siblings("Edge")->size() == 4);
  CHECK(top->siblings("Edge", 2)->size() == 1);
  CHECK(top->siblings("edge", 2)->faces(parseSelector("<Z"))->size() == 1);
  CHECK_THROWS_WITH(top->siblings("Edge", 0), "siblings: level must be 1 or more, got 0");
  top->tag("lid");
  CHECK(cone->faces(parseSelector("<Z"))->ancestors("Solid", "lid")->size() == 1);
  CHECK_THROWS_WITH(cone->ancestors("Solid", "nope"), Catch::StartsWith("ancestors: no object is tagged 'nope'"));
}
