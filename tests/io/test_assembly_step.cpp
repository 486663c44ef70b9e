// An Assembly's parts (what show(assembly) produces) through STEP and back: one named,
// coloured product per leaf, at its composed location.
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

}  // namespace

TEST_CASE("an assembly exported to STEP keeps leaf names, inherited colours and placements",
          "[io][step][assembly][surface]") {
  TopoDS_Shape base = BRepPrimAPI_MakeBox(gp_Pnt(-10, -10, 0), 20, 20, 4).Shape();
  TopoDS_Shape pin = BRepPrimAPI_MakeCylinder(1.5, 8).Shape();
  kernel::Assembly pins(TopoDS_Shape(), kernel::Location::translation(gp_Vec(0, 0, 4)), "pins",
                        kernel::Color{0.8, 0.1, 0.1, 1});
  pins.add(pin, kernel::Location::translation(gp_Vec(6, 0, 0)), "left");
  pins.add(pin, kernel::Location::translation(gp_Vec(-6, 0, 0)), "right", kernel::Color{0.1, 0.2, 0.9, 1});
  kernel::Assembly root(base, kernel::Location(), "fixture", kernel::Color{0.2, 0.7, 0.3, 1});
  root.add(pins);
  const kernel::PartList parts = root.parts();
  REQUIRE(parts.size() == 3);

  TempDir dir;
  const std::string path = dir.file("fixture.step");
  io::StepWriter writer({});
  writer.transfer(parts);
  writer.writeFile(path);
  const std::string text = readFile(path);
  CHECK(text.find("PRODUCT('fixture/pins/left'") != std::string::npos);

  const kernel::PartList read = io::StepReader().read(path);
  std::string names;
  for (const auto& p : read) names += "[" + p.name + "]";
  INFO("read back: " << names);
  REQUIRE(read.size() == 3);
  struct Expected {
    const char* name;
    kernel::Color color;
    gp_Pnt center;
  };
  const Expected expected[] = {{"fixture", {0.2, 0.7, 0.3, 1}, gp_Pnt(0, 0, 2)},
                               {"fixture/pins/left", {0.8, 0.1, 0.1, 1}, gp_Pnt(6, 0, 8)},   // from "pins"
                               {"fixture/pins/right", {0.1, 0.2, 0.9, 1}, gp_Pnt(-6, 0, 8)}};  // its own
  for (const auto& e : expected) {
    INFO(e.name);
    const kernel::Part* back = findPart(read, e.name);
    REQUIRE(back != nullptr);
    REQUIRE(back->color.has_value());
    CHECK(back->color->r == Approx(e.color.r).margin(1.0 / 255));
    CHECK(back->color->g == Approx(e.color.g).margin(1.0 / 255));
    CHECK(back->color->b == Approx(e.color.b).margin(1.0 / 255));
    gp_Pnt c = kernel::shapeCenter(back->shape);
    CHECK(c.Distance(e.center) < 1e-6);
  }
  CHECK(kernel::shapeVolume(findPart(read, "fixture/pins/left")->shape) == Approx(M_PI * 2.25 * 8).epsilon(1e-6));
}
