// Parts whose shapes carry a location (moved, located, or the children of an Assembly placed
// by their loc) keep their names and colours through STEP and back, at the right place.
#include <catch2/catch.hpp>

#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>

#include "io/step_reader.h"
#include "io/step_writer.h"
#include "io_test_helpers.h"
#include "kernel/assembly.h"
#include "kernel/shape_utils.h"

using namespace partsmith;
using namespace partsmith::iotest;

namespace {

const kernel::Part* findPart(const kernel::PartList& parts, const std::string& name) {
  for (const auto& part : parts)
    if (part.name == name) return &part;
  return nullptr;
}

std::string namesOf(const kernel::PartList& parts) {
  std::string names;
  for (const auto& p : parts) names += "[" + p.name + "]";
  return names;
}

kernel::PartList roundTrip(const kernel::PartList& parts, const std::string& path, io::ExportOptions options = {}) {
  io::StepWriter writer(options);
  writer.transfer(parts);
  writer.writeFile(path);
  return io::StepReader().read(path);
}

}  // namespace

TEST_CASE("STEP keeps names and colours of located shapes (assembly children placed by loc)",
          "[io][step][assembly]") {
  // An assembly whose children are placed by locations only: their shapes are the same
  // unmoved box and pin, and the placement lives in the TopLoc_Location of each part.
  const TopoDS_Shape box = BRepPrimAPI_MakeBox(gp_Pnt(-5, -5, 0), 10, 10, 4).Shape();
  const TopoDS_Shape pin = BRepPrimAPI_MakeCylinder(1.5, 8).Shape();
  kernel::Assembly assy(TopoDS_Shape(), kernel::Location(), "fixture");
  assy.add(box, kernel::Location::translation(gp_Vec(0, 0, -4)), "base", kernel::Color{0.2, 0.7, 0.3, 1});
  assy.add(pin, kernel::Location::translation(gp_Vec(20, 0, 0)), "pin a", kernel::Color{0.8, 0.1, 0.1, 1});
  // Rotated 90 degrees about X, then moved: the pin lies along -Y at x = -20.
  gp_Trsf turn;
  turn.SetRotation(gp_Ax1(gp_Pnt(0, 0, 0), gp_Dir(1, 0, 0)), M_PI / 2);
  gp_Trsf shift;
  shift.SetTranslation(gp_Vec(-20, 0, 0));
  assy.add(pin, kernel::Location(shift * turn), "pin b", kernel::Color{0.1, 0.2, 0.9, 1});

  kernel::PartList located;
  for (const auto& child : assy.children())
    located.push_back({child.name(), child.shape().Moved(child.location().toTopLoc()), child.color()});
  for (const auto& part : located) REQUIRE_FALSE(part.shape.Location().IsIdentity());

  struct Expected {
    const char* name;
    kernel::Color color;
    gp_Pnt center;
    double volume;
  };
  const Expected expected[] = {{"base", {0.2, 0.7, 0.3, 1}, gp_Pnt(0, 0, -2), 400.0},
                               {"pin a", {0.8, 0.1, 0.1, 1}, gp_Pnt(20, 0, 4), M_PI * 2.25 * 8},
                               {"pin b", {0.1, 0.2, 0.9, 1}, gp_Pnt(-20, -4, 0), M_PI * 2.25 * 8}};
  auto checkParts = [&](const kernel::PartList& read) {
    INFO("read back: " << namesOf(read));
    REQUIRE(read.size() == 3);
    for (const auto& e : expected) {
      INFO(e.name);
      const kernel::Part* back = findPart(read, e.name);
      REQUIRE(back != nullptr);
      REQUIRE(back->color.has_value());
      CHECK(back->color->r == Approx(e.color.r).margin(1.0 / 255));
      CHECK(back->color->g == Approx(e.color.g).margin(1.0 / 255));
      CHECK(back->color->b == Approx(e.color.b).margin(1.0 / 255));
      CHECK(kernel::shapeCenter(back->shape).Distance(e.center) < 1e-6);
      CHECK(kernel::shapeVolume(back->shape) == Approx(e.volume).epsilon(1e-6));
    }
  };

  TempDir dir;
  SECTION("located parts written directly") {
    const std::string path = dir.file("located.step");
    const kernel::PartList read = roundTrip(located, path);
    CHECK(readFile(path).find("PRODUCT('pin b'") != std::string::npos);
    checkParts(read);
  }
  SECTION("the parts the assembly flattens to") {
    kernel::PartList flattened;
    for (auto part : assy.parts()) {
      if (part.name.rfind("fixture/", 0) == 0) part.name = part.name.substr(8);
      flattened.push_back(part);
    }
    checkParts(roundTrip(flattened, dir.file("flattened.step")));
  }
  SECTION("merged into one body, the located parts stay named sub-shapes") {
    io::ExportOptions merged;
    merged.merged = true;
    const std::string path = dir.file("merged.step");
    roundTrip(located, path, merged);
    const std::string text = readFile(path);
    for (const auto& e : expected) {
      INFO(e.name);
      CHECK(text.find(std::string("'") + e.name + "'") != std::string::npos);
    }
  }
}
