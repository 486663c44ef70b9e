#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include <BRepBuilderAPI_MakeFace.hxx>
#include <gp_Pln.hxx>

#include "io/export_error.h"
#include "io/threemf_writer.h"
#include "io_test_helpers.h"
#include "kernel/mesh.h"

// lib3mf v1 only in this test file (its BOOL typedef).
#include <Model/COM/NMR_DLLInterfaces.h>

using namespace partsmith;
using namespace partsmith::iotest;

namespace {

using namespace NMR;

// Releases a lib3mf instance at scope exit.
struct Owned {
  PLib3MFBase* ptr = nullptr;
  ~Owned() {
    if (ptr)
      lib3mf_release(ptr);
  }
};

struct ReadObject {
  std::string name;
  DWORD triangles = 0;
  BOOL manifold = 0;
  std::optional<std::array<int, 4>> colour;  // RGBA bytes
};

struct ReadModel {
  DWORD unit = 0;
  std::vector<ReadObject> objects;
  DWORD buildItems = 0;
};

ReadModel read3mf(const std::string& path) {
  ReadModel result;
  Owned model;
  REQUIRE(lib3mf_createmodel(&model.ptr) == LIB3MF_OK);
  Owned reader;
  REQUIRE(lib3mf_model_queryreader(model.ptr, "3mf", &reader.ptr) == LIB3MF_OK);
  REQUIRE(lib3mf_reader_readfromfileutf8(reader.ptr, path.c_str()) == LIB3MF_OK);
  REQUIRE(lib3mf_model_getunit(model.ptr, &result.unit) == LIB3MF_OK);

  Owned meshes;
  REQUIRE(lib3mf_model_getmeshobjects(model.ptr, &meshes.ptr) == LIB3MF_OK);
  BOOL hasNext = 0;
  while (lib3mf_resourceiterator_movenext(meshes.ptr, &hasNext) == LIB3MF_OK && hasNext) {
    Owned mesh;
    REQUIRE(lib3mf_resourceiterator_getcurrent(meshes.ptr, &mesh.ptr) == LIB3MF_OK);
    ReadObject object;
    char name[256] = {};
    ULONG needed = 0;
    REQUIRE(lib3mf_object_getnameutf8(mesh.ptr, name, sizeof name, &needed) == LIB3MF_OK);
    object.name = name;
    REQUIRE(lib3mf_meshobject_gettrianglecount(mesh.ptr, &object.triangles) == LIB3MF_OK);
    REQUIRE(lib3mf_meshobject_ismanifoldandoriented(mesh.ptr, &object.manifold) == LIB3MF_OK);

    Owned defaults;
    DWORD group = 0, index = 0;
    if (lib3mf_object_createdefaultpropertyhandler(mesh.ptr, &defaults.ptr) == LIB3MF_OK &&
        lib3mf_defaultpropertyhandler_getbasematerial(defaults.ptr, &group, &index) ==
            LIB3MF_OK &&
        group != 0) {
      Owned materials;
      REQUIRE(lib3mf_model_getbasematerialbyid(model.ptr, group, &materials.ptr) == LIB3MF_OK);
      BYTE r = 0, g = 0, b = 0, a = 0;
      REQUIRE(lib3mf_basematerial_getdisplaycolor(materials.ptr, index, &r, &g, &b, &a) ==
              LIB3MF_OK);
      object.colour = std::array<int, 4>{r, g, b, a};
    }
    result.objects.push_back(object);
  }

  Owned items;
  REQUIRE(lib3mf_model_getbuilditems(model.ptr, &items.ptr) == LIB3MF_OK);
  while (lib3mf_builditemiterator_movenext(items.ptr, &hasNext) == LIB3MF_OK && hasNext)
    ++result.buildItems;
  return result;
}

void write3mf(const kernel::PartList& parts, const std::string& path,
              io::ExportOptions options = {}) {
  io::ThreeMfWriter writer(options);
  writer.transfer(parts);
  writer.writeFile(path);
}

}  // namespace

TEST_CASE("3MF round trip: one named manifold object per part, in millimetres", "[io][3mf]") {
  TempDir dir;
  const kernel::PartList parts = twoColouredParts();
  const std::string path = dir.file("parts.3mf");
  write3mf(parts, path);
  REQUIRE(readFile(path).rfind("PK", 0) == 0);  // a zip package

  const ReadModel model = read3mf(path);
  CHECK(model.unit == MODELUNIT_MILLIMETER);
  REQUIRE(model.objects.size() == 2);
  CHECK(model.buildItems == 2);
  for (size_t i = 0; i < parts.size(); ++i) {
    const ReadObject& object = model.objects[i];
    CHECK(object.name == parts[i].name);
    CHECK(object.manifold);
    const size_t expected =
        kernel::tessellate(parts[i].shape, io::ExportOptions().mesh, /*weld=*/true)
            .triangleCount();
    CHECK(object.triangles == expected);
    REQUIRE(object.colour.has_value());
    CHECK((*object.colour)[0] == std::lround(parts[i].color->r * 255));
    CHECK((*object.colour)[1] == std::lround(parts[i].color->g * 255));
    CHECK((*object.colour)[2] == std::lround(parts[i].color->b * 255));
    CHECK((*object.colour)[3] == 255);  // opaque
  }
}

TEST_CASE("merged 3MF is one manifold object holding every part", "[io][3mf]") {
  TempDir dir;
  const kernel::PartList parts = twoColouredParts();
  io::ExportOptions options;
  options.merged = true;
  write3mf(parts, dir.file("merged.3mf"), options);
  const ReadModel model = read3mf(dir.file("merged.3mf"));
  REQUIRE(model.objects.size() == 1);
  CHECK(model.buildItems == 1);
  CHECK(model.objects[0].name == "model");
  CHECK(model.objects[0].manifold);
  size_t expected = 0;
  for (const auto& part : parts)
    expected += kernel::tessellate(part.shape, options.mesh, true).triangleCount();
  CHECK(model.objects[0].triangles == expected);
}

TEST_CASE("3MF refuses open geometry, naming the part", "[io][3mf]") {
  kernel::PartList parts = twoColouredParts();
  parts.push_back({"loose sheet", BRepBuilderAPI_MakeFace(gp_Pln(gp::XOY()), 0, 10, 0, 10).Shape(),
                   {}});
  io::ThreeMfWriter writer({});
  CHECK_THROWS_WITH(writer.transfer(parts),
                    Catch::Contains("part 'loose sheet' is not a closed, consistently oriented "
                                    "solid"));
  CHECK_THROWS_WITH(writer.transfer({}), Catch::Contains("no geometry to export"));
}

TEST_CASE("3MF keeps a part's transparency", "[io][3mf]") {
  TempDir dir;
  write3mf({{"glass", cylinder(), kernel::Color{0.2, 0.6, 1.0, 0.5}}}, dir.file("glass.3mf"));
  const ReadModel model = read3mf(dir.file("glass.3mf"));
  REQUIRE(model.objects.size() == 1);
  REQUIRE(model.objects[0].colour.has_value());
  CHECK(*model.objects[0].colour == std::array<int, 4>{51, 153, 255, 128});
}

TEST_CASE("3MF parts without colour carry no material", "[io][3mf]") {
  TempDir dir;
  write3mf({{"plain", cylinder(), std::nullopt}}, dir.file("plain.3mf"));
  const ReadModel model = read3mf(dir.file("plain.3mf"));
  REQUIRE(model.objects.size() == 1);
  CHECK(model.objects[0].name == "plain");
  CHECK(model.objects[0].manifold);
  CHECK_FALSE(model.objects[0].colour.has_value());
}
