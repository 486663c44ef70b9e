#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>

#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <RWStl.hxx>
#include <Poly_Triangulation.hxx>

#include "io/export_error.h"
#include "io/stl_writer.h"
#include "io_test_helpers.h"
#include "kernel/mesh.h"
#include "kernel/shape_utils.h"

using namespace partsmith;
using namespace partsmith::iotest;

namespace {

struct StlFacet {
  float normal[3];
  float v[3][3];
};

std::vector<StlFacet> parseBinaryStl(const std::string& bytes) {
  uint32_t count = 0;
  std::memcpy(&count, bytes.data() + 80, 4);
  std::vector<StlFacet> facets(count);
  for (uint32_t i = 0; i < count; ++i) {
    const char* record = bytes.data() + 84 + 50 * size_t(i);
    std::memcpy(facets[i].normal, record, 12);
    std::memcpy(facets[i].v, record + 12, 36);
  }
  return facets;
}

size_t tessellatedTriangles(const kernel::PartList& parts, const io::ExportOptions& options) {
  size_t n = 0;
  for (const auto& part : parts)
    n += kernel::tessellate(part.shape, options.mesh, /*weld=*/false).triangleCount();
  return n;
}

// Signed volume enclosed by the facets: positive and close to the solid's volume only if
// every triangle winds counter-clockwise seen from outside.
double signedVolume(const std::vector<StlFacet>& facets) {
  double sum = 0;
  for (const auto& f : facets) {
    const float* a = f.v[0];
    const float* b = f.v[1];
    const float* c = f.v[2];
    sum += (double(a[0]) * (double(b[1]) * c[2] - double(b[2]) * c[1]) -
            double(a[1]) * (double(b[0]) * c[2] - double(b[2]) * c[0]) +
            double(a[2]) * (double(b[0]) * c[1] - double(b[1]) * c[0])) /
           6.0;
  }
  return sum;
}

}  // namespace

TEST_CASE("binary STL has the tessellation's triangle count and outward normals", "[io][stl]") {
  TempDir dir;
  const kernel::PartList parts = twoColouredParts();
  io::ExportOptions options;
  io::StlWriter writer(options);
  writer.transfer(parts);
  const std::string path = dir.file("parts.stl");
  writer.writeFile(path);

  const size_t n = tessellatedTriangles(parts, options);
  REQUIRE(n > 100);
  CHECK(writer.triangleCount() == n);
  const std::string bytes = readFile(path);
  REQUIRE(bytes.size() == 84 + 50 * n);
  CHECK(bytes.compare(0, 5, "solid") != 0);  // or readers would take it for ASCII

  const std::vector<StlFacet> facets = parseBinaryStl(bytes);
  REQUIRE(facets.size() == n);
  const double expected = kernel::shapeVolume(parts[0].shape) + kernel::shapeVolume(parts[1].shape);
  CHECK(signedVolume(facets) == Approx(expected).epsilon(0.01));

  // Each stored normal is unit length and agrees with the triangle's winding.
  int disagreeing = 0;
  for (const auto& f : facets) {
    const double u[3] = {f.v[1][0] - f.v[0][0], f.v[1][1] - f.v[0][1], f.v[1][2] - f.v[0][2]};
    const double w[3] = {f.v[2][0] - f.v[0][0], f.v[2][1] - f.v[0][1], f.v[2][2] - f.v[0][2]};
    const double cross[3] = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2],
                             u[0] * w[1] - u[1] * w[0]};
    const double dot = cross[0] * f.normal[0] + cross[1] * f.normal[1] + cross[2] * f.normal[2];
    const double len = std::sqrt(double(f.normal[0]) * f.normal[0] +
                                 double(f.normal[1]) * f.normal[1] +
                                 double(f.normal[2]) * f.normal[2]);
    if (dot <= 0 || std::abs(len - 1.0) > 1e-4)
      ++disagreeing;
  }
  CHECK(disagreeing == 0);

  const Handle(Poly_Triangulation) reread = RWStl::ReadFile(path.c_str());
  REQUIRE(!reread.IsNull());
  CHECK(size_t(reread->NbTriangles()) == n);
}

TEST_CASE("STL normals of a box point away from its centre", "[io][stl]") {
  TempDir dir;
  kernel::PartList parts{{"box", BRepPrimAPI_MakeBox(gp_Pnt(-5, -5, -5), 10, 20, 30).Shape(), {}}};
  io::StlWriter writer({});
  writer.transfer(parts);
  writer.writeFile(dir.file("box.stl"));
  const std::vector<StlFacet> facets = parseBinaryStl(readFile(dir.file("box.stl")));
  REQUIRE(facets.size() == 12);
  const double centre[3] = {0, 5, 10};
  for (const auto& f : facets) {
    double toFacet[3];
    for (int k = 0; k < 3; ++k)
      toFacet[k] = (f.v[0][k] + f.v[1][k] + f.v[2][k]) / 3.0 - centre[k];
    CHECK(toFacet[0] * f.normal[0] + toFacet[1] * f.normal[1] + toFacet[2] * f.normal[2] > 0);
  }
}

TEST_CASE("ASCII STL on request", "[io][stl]") {
  TempDir dir;
  const kernel::PartList parts = twoColouredParts();
  io::ExportOptions options;
  options.asciiStl = true;
  io::StlWriter writer(options);
  writer.transfer(parts);
  const std::string path = dir.file("parts.stl");
  writer.writeFile(path);

  const std::string text = readFile(path);
  REQUIRE(text.rfind("solid model\n", 0) == 0);
  CHECK(text.find("endsolid model\n") == text.size() - std::strlen("endsolid model\n"));
  size_t facets = 0;
  for (size_t at = text.find("facet normal"); at != std::string::npos;
       at = text.find("facet normal", at + 1))
    ++facets;
  const size_t n = tessellatedTriangles(parts, options);
  CHECK(facets == n);
  const Handle(Poly_Triangulation) reread = RWStl::ReadFile(path.c_str());
  REQUIRE(!reread.IsNull());
  CHECK(size_t(reread->NbTriangles()) == n);
}

TEST_CASE("STL writer reports parts without faces and a full disk", "[io][stl]") {
  io::StlWriter writer({});
  kernel::PartList wire{{"axis", BRepBuilderAPI_MakeEdge(gp_Pnt(0, 0, 0), gp_Pnt(0, 0, 10)).Shape(), {}}};
  CHECK_THROWS_WITH(writer.transfer(wire), Catch::Contains("part 'axis' has no faces"));
  CHECK_THROWS_WITH(writer.transfer({}), Catch::Contains("no geometry to export"));

  if (std::filesystem::exists("/dev/full")) {
    writer.transfer(twoColouredParts());
    try {
      writer.writeFile("/dev/full");
      FAIL("writing to /dev/full succeeded");
    } catch (const io::ExportError& error) {
      CHECK(error.reason() == "disk full");
      CHECK(std::string(error.what()) == "cannot write /dev/full: disk full");
    }
  }
}
