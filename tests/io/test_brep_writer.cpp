#include <catch2/catch.hpp>

#include <BRepTools.hxx>
#include <BRep_Builder.hxx>

#include "io/brep_writer.h"
#include "io/export_error.h"
#include "io_test_helpers.h"
#include "kernel/shape_utils.h"

using namespace partsmith;
using namespace partsmith::iotest;

TEST_CASE("BREP round trip keeps the exact geometry of every part", "[io][brep]") {
  TempDir dir;
  const kernel::PartList parts = twoColouredParts();
  io::BrepWriter writer;
  writer.transfer(parts);
  const std::string path = dir.file("parts.brep");
  writer.writeFile(path);

  const std::string text = readFile(path);
  CHECK(text.find("CASCADE Topology V1") != std::string::npos);  // ASCII, format version 1
  CHECK(text.find("Triangulations 0") != std::string::npos);      // exact geometry only

  TopoDS_Shape read;
  BRep_Builder builder;
  REQUIRE(BRepTools::Read(read, path.c_str(), builder));
  CHECK(kernel::solidsOf(read).size() == 2);
  CHECK(kernel::shapeVolume(read) ==
        Approx(kernel::shapeVolume(parts[0].shape) + kernel::shapeVolume(parts[1].shape))
            .epsilon(1e-9));
}

TEST_CASE("BREP of a single part is that part itself", "[io][brep]") {
  TempDir dir;
  io::BrepWriter writer;
  writer.transfer({{"pin", cylinder(), {}}});
  writer.writeFile(dir.file("pin.brp"));
  TopoDS_Shape read;
  BRep_Builder builder;
  REQUIRE(BRepTools::Read(read, dir.file("pin.brp").c_str(), builder));
  CHECK(read.ShapeType() == TopAbs_SOLID);
  CHECK(kernel::shapeVolume(read) == Approx(M_PI * 36 * 20).epsilon(1e-9));
  CHECK_THROWS_WITH(writer.transfer({{"nothing", TopoDS_Shape(), {}}}),
                    Catch::Contains("part 'nothing' has no geometry"));
}
