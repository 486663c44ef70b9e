// Picked faces and edges become CadQuery selector references that the kernel's own selector
// engine confirms, with a geometric description as the fallback.
#include <catch2/catch.hpp>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <TopoDS.hxx>
#include <gp_Ax2.hxx>

#include "app/selection_reference.h"
#include "kernel/selector.h"
#include "kernel/shape_utils.h"

using partsmith::app::describeSelection;
using partsmith::kernel::shapeCenter;
using partsmith::kernel::subShapes;

namespace {

// 40 x 30 x 20 block with a vertical 12 mm hole through its middle.
TopoDS_Shape blockWithHole() {
  TopoDS_Shape block = BRepPrimAPI_MakeBox(40, 30, 20).Shape();
  TopoDS_Shape pin = BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(20, 15, -1), gp_Dir(0, 0, 1)), 6, 22).Shape();
  BRepAlgoAPI_Cut cut(block, pin);
  REQUIRE(cut.IsDone());
  return cut.Shape();
}

template <typename Pred>
TopoDS_Shape find(const TopoDS_Shape& shape, TopAbs_ShapeEnum type, Pred pred) {
  for (const auto& s : subShapes(shape, type))
    if (pred(s)) return s;
  FAIL("no such sub-shape");
  return {};
}

bool near(double a, double b) { return std::abs(a - b) < 1e-6; }

}  // namespace

TEST_CASE("faces get the simplest selector that isolates them", "[app][selection]") {
  const TopoDS_Shape part = blockWithHole();
  const TopoDS_Shape top = find(part, TopAbs_FACE, [](const TopoDS_Shape& f) {
    return partsmith::kernel::isPlanarFace(f) && near(shapeCenter(f).Z(), 20);
  });
  auto ref = describeSelection(part, top, "block", 0);
  CHECK(ref.selector == "faces(\">Z\")");
  CHECK(ref.kind == "face");
  CHECK(ref.geomType == "PLANE");
  REQUIRE(ref.direction);
  CHECK(near(ref.direction->Z(), 1));
  CHECK(std::abs(ref.size - (40 * 30 - M_PI * 36)) < 0.01);
  CHECK(ref.text() == "faces(\">Z\") on part \"block\" (PLANE face, centre (20, 15, 20) mm, normal (0, 0, 1), area 1087 mm²)");

  const TopoDS_Shape hole = find(part, TopAbs_FACE, [](const TopoDS_Shape& f) {
    return BRepAdaptor_Surface(TopoDS::Face(f)).GetType() == GeomAbs_Cylinder;
  });
  ref = describeSelection(part, hole, "block", 0);
  CHECK(ref.selector == "faces(\"%CYLINDER\")");
  REQUIRE(ref.radius);
  CHECK(near(*ref.radius, 6));
  CHECK(ref.text().find("radius 6 mm") != std::string::npos);
}

TEST_CASE("edges get a selector the kernel confirms, or a description", "[app][selection]") {
  const TopoDS_Shape part = blockWithHole();
  // The top edge along X at the back (Y = 30).
  const TopoDS_Shape edge = find(part, TopAbs_EDGE, [](const TopoDS_Shape& e) {
    const gp_Pnt c = shapeCenter(e);
    return near(c.Y(), 30) && near(c.Z(), 20) && near(c.X(), 20);
  });
  auto ref = describeSelection(part, edge, "block", 0);
  CHECK(ref.kind == "edge");
  CHECK(ref.geomType == "LINE");
  CHECK(near(ref.size, 40));
  REQUIRE_FALSE(ref.selector.empty());
  CHECK(ref.selector == "edges(\"|X and >Y and >Z\")");
  // Whatever the selector is, applying it to the part's edges yields exactly this edge.
  const std::string inner = ref.selector.substr(7, ref.selector.size() - 9);
  const auto kept = partsmith::kernel::selectShapes(subShapes(part, TopAbs_EDGE), inner);
  REQUIRE(kept.size() == 1);
  CHECK(kept.front().IsSame(edge));

  const TopoDS_Shape rim = find(part, TopAbs_EDGE, [](const TopoDS_Shape& e) {
    return BRepAdaptor_Curve(TopoDS::Edge(e)).GetType() == GeomAbs_Circle && near(shapeCenter(e).Z(), 20);
  });
  ref = describeSelection(part, rim, "block", 0);
  CHECK(ref.selector == "edges(\"%CIRCLE and >Z\")");
  CHECK(ref.text().find("CIRCLE edge") != std::string::npos);
  CHECK(ref.text().find("radius 6 mm") != std::string::npos);
}

TEST_CASE("a face no short selector isolates is described by its geometry", "[app][selection]") {
  // Nine separate cubes in a compound: nine faces at the same minimum Y.
  std::vector<TopoDS_Shape> cubes;
  for (int i = 0; i < 9; ++i) cubes.push_back(BRepPrimAPI_MakeBox(gp_Pnt(i * 20, 0, 0), 10, 10, 10).Shape());
  const TopoDS_Shape part = partsmith::kernel::makeCompound(cubes);
  const TopoDS_Shape middleFront = find(part, TopAbs_FACE, [](const TopoDS_Shape& f) {
    const gp_Pnt c = shapeCenter(f);
    return near(c.X(), 85) && near(c.Y(), 0);
  });
  auto ref = describeSelection(part, middleFront, "row", 2);
  CHECK(ref.selector.empty());
  CHECK(ref.summary() == "PLANE face");
  CHECK(ref.text() == "the PLANE face of part \"row\" (centre (85, 0, 5) mm, normal (0, -1, 0), area 100 mm²)");
  CHECK_THROWS_AS(describeSelection(part, TopoDS_Shape(), "row", 2), std::runtime_error);
}
