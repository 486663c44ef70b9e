#include <catch2/catch.hpp>

#include <cmath>

#include <BRepAdaptor_Surface.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakeSolid.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakeSphere.hxx>
#include <BRepTools.hxx>
#include <BRep_Tool.hxx>
#include <Poly_Triangulation.hxx>
#include <BRep_Builder.hxx>
#include <TopExp_Explorer.hxx>
#include <TopLoc_Location.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <TopoDS_Shell.hxx>
#include <gp_Pln.hxx>

#include "kernel/mesh.h"
#include "kernel/mesh_check.h"

using namespace partsmith::kernel;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kPi = 3.14159265358979323846;

TopoDS_Shape box(double dx, double dy, double dz) { return BRepPrimAPI_MakeBox(dx, dy, dz).Shape(); }

std::array<double, 3> sub(const std::array<float, 3>& a, const std::array<double, 3>& b) {
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}
double dot(const std::array<double, 3>& a, const std::array<float, 3>& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

bool hasReversedFace(const TopoDS_Shape& shape) {
  for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next())
    if (it.Current().Orientation() == TopAbs_REVERSED) return true;
  return false;
}

// For a convex shape around `centre`: every triangle's winding normal and every vertex
// normal point away from the centre.
void requireOutwardAround(const Mesh& mesh, const std::array<double, 3>& centre) {
  size_t inward = 0, badNormals = 0;
  for (const auto& t : mesh.triangles) {
    const auto& a = mesh.vertices[t[0]];
    const auto& b = mesh.vertices[t[1]];
    const auto& c = mesh.vertices[t[2]];
    const std::array<double, 3> ab{b[0] - a[0], b[1] - a[1], b[2] - a[2]}, ac{c[0] - a[0], c[1] - a[1], c[2] - a[2]};
    const std::array<float, 3> n{float(ab[1] * ac[2] - ab[2] * ac[1]), float(ab[2] * ac[0] - ab[0] * ac[2]),
                                 float(ab[0] * ac[1] - ab[1] * ac[0])};
    const std::array<float, 3> mid{(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3, (a[2] + b[2] + c[2]) / 3};
    if (dot(sub(mid, centre), n) <= 0) ++inward;
  }
  for (size_t i = 0; i < mesh.normals.size(); ++i)
    if (dot(sub(mesh.vertices[i], centre), mesh.normals[i]) <= 0) ++badNormals;
  CHECK(inward == 0);
  CHECK(badNormals == 0);
}

}  // namespace

TEST_CASE("mesh checks on hand-made meshes", "[mesh]") {
  Mesh tetra;
  tetra.vertices = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  tetra.triangles = {{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}};
  CHECK(isManifoldOriented(tetra));
  CHECK_THAT(meshVolume(tetra), WithinAbs(1.0 / 6, 1e-12));

  Mesh flipped = tetra;
  std::swap(flipped.triangles[3][1], flipped.triangles[3][2]);
  CHECK_FALSE(isManifoldOriented(flipped));

  Mesh open = tetra;
  open.triangles.pop_back();
  CHECK_FALSE(isManifoldOriented(open));

  Mesh inverted = tetra;
  for (auto& t : inverted.triangles) std::swap(t[1], t[2]);
  CHECK(isManifoldOriented(inverted));  // consistent, just inside out
  CHECK_THAT(meshVolume(inverted), WithinAbs(-1.0 / 6, 1e-12));

  Mesh degenerate = tetra;
  degenerate.triangles.push_back({1, 1, 2});
  CHECK_FALSE(isManifoldOriented(degenerate));

  Mesh outOfRange = tetra;
  outOfRange.triangles[0][0] = 7;
  CHECK_FALSE(isManifoldOriented(outOfRange));

  CHECK_FALSE(isManifoldOriented(Mesh{}));
}

TEST_CASE("mesh default deflection follows the part size", "[mesh]") {
  MeshOptions defaults;
  // 0.1 % of the diagonal: 10x20x30 -> 0.0374 mm.
  CHECK_THAT(effectiveDeflection(box(10, 20, 30), defaults), WithinRel(std::sqrt(1400.0) * 1e-3, 1e-3));
  CHECK(effectiveDeflection(box(1, 1, 1), defaults) == 0.01);          // clamped below
  CHECK(effectiveDeflection(box(1000, 1000, 1000), defaults) == 0.5);  // clamped above
  CHECK(effectiveDeflection(TopoDS_Shape(), defaults) == 0.01);
  MeshOptions explicitOptions;
  explicitOptions.linearDeflection = 0.2;
  CHECK(effectiveDeflection(box(10, 20, 30), explicitOptions) == 0.2);
}

TEST_CASE("mesh of a box", "[mesh]") {
  const TopoDS_Shape shape = box(10, 20, 30);
  REQUIRE(hasReversedFace(shape));  // BRepPrim builds some faces reversed: winding must be swapped

  SECTION("welded: 8 vertices, 12 triangles, closed and outward") {
    const Mesh mesh = tessellate(shape, MeshOptions{}, true);
    CHECK(mesh.vertices.size() == 8);
    CHECK(mesh.triangleCount() == 12);
    CHECK(mesh.normals.empty());
    CHECK(isManifoldOriented(mesh));
    CHECK_THAT(meshVolume(mesh), WithinAbs(6000.0, 1e-6));
    requireOutwardAround(mesh, {5, 10, 15});
  }
  SECTION("per face: 4 vertices and normals per face") {
    const Mesh mesh = tessellate(shape, MeshOptions{}, false);
    CHECK(mesh.vertices.size() == 24);
    CHECK(mesh.triangleCount() == 12);
    REQUIRE(mesh.normals.size() == mesh.vertices.size());
    CHECK_FALSE(isManifoldOriented(mesh));  // faces do not share vertices
    CHECK_THAT(meshVolume(mesh), WithinAbs(6000.0, 1e-6));
    requireOutwardAround(mesh, {5, 10, 15});
    for (const auto& n : mesh.normals) {
      // Box normals are axis-aligned unit vectors.
      CHECK_THAT(std::abs(n[0]) + std::abs(n[1]) + std::abs(n[2]), WithinAbs(1.0, 1e-6));
    }
  }
}

TEST_CASE("mesh of curved solids is closed and close to the exact volume", "[mesh]") {
  SECTION("sphere") {
    const TopoDS_Shape sphere = BRepPrimAPI_MakeSphere(gp_Pnt(1, 2, 3), 10).Shape();
    const Mesh welded = tessellate(sphere, MeshOptions{}, true);
    CHECK(isManifoldOriented(welded));
    CHECK_THAT(meshVolume(welded), WithinRel(4.0 / 3 * kPi * 1000, 0.01));
    const Mesh smooth = tessellate(sphere, MeshOptions{}, false);
    requireOutwardAround(smooth, {1, 2, 3});
    // Vertex normals come from the surface: radial.
    double worst = 1;
    for (size_t i = 0; i < smooth.vertices.size(); ++i) {
      auto r = sub(smooth.vertices[i], {1, 2, 3});
      const double len = std::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
      worst = std::min(worst, dot(r, smooth.normals[i]) / len);
    }
    CHECK(worst > 0.999);
  }
  SECTION("cylinder, coarse and fine") {
    const TopoDS_Shape cylinder = BRepPrimAPI_MakeCylinder(5, 10).Shape();
    const double exact = kPi * 25 * 10;
    MeshOptions coarse;
    coarse.linearDeflection = 0.5;
    coarse.angularDeflectionDeg = 30;
    const Mesh a = tessellate(cylinder, coarse, true);
    CHECK(isManifoldOriented(a));
    CHECK_THAT(meshVolume(a), WithinRel(exact, 0.05));
    const Mesh b = tessellate(cylinder, MeshOptions{}, true);
    CHECK(isManifoldOriented(b));
    CHECK_THAT(meshVolume(b), WithinRel(exact, 0.01));
    CHECK(meshVolume(b) < exact);  // an inscribed polygon loses a little
    // Re-meshing at another tolerance really re-meshes (old triangulation cleared).
    CHECK(b.triangleCount() > a.triangleCount());
    const Mesh again = tessellate(cylinder, coarse, true);
    CHECK(again.triangleCount() == a.triangleCount());
  }
  SECTION("a plate with a hole has reversed faces and stays outward") {
    BRepAlgoAPI_Cut op(box(40, 40, 10), BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(20, 20, -1), gp_Dir(0, 0, 1)), 3, 12).Shape());
    REQUIRE(op.IsDone());
    const TopoDS_Shape plate = op.Shape();
    REQUIRE(hasReversedFace(plate));
    const Mesh mesh = tessellate(plate, MeshOptions{}, true);
    CHECK(isManifoldOriented(mesh));
    CHECK_THAT(meshVolume(mesh), WithinRel(16000 - kPi * 9 * 10, 0.001));
    // Vertex normals on the bore point towards its axis (into the hole, out of the material).
    const Mesh smooth = tessellate(plate, MeshOptions{}, false);
    size_t boreNodes = 0, wrong = 0;
    for (size_t i = 0; i < smooth.vertices.size(); ++i) {
      const auto& p = smooth.vertices[i];
      const double dx = p[0] - 20, dy = p[1] - 20;
      if (std::abs(std::hypot(dx, dy) - 3) > 1e-3) continue;
      const auto& n = smooth.normals[i];
      if (std::abs(n[2]) > 0.5) continue;  // a node on the rim belongs to a plane face
      ++boreNodes;
      if (dx * n[0] + dy * n[1] >= 0) ++wrong;
    }
    CHECK(boreNodes > 8);
    CHECK(wrong == 0);
  }
}

TEST_CASE("mesh honours reversed faces and locations", "[mesh]") {
  SECTION("a box whose faces are built on inward planes, then reversed") {
    // Each face lies on a plane whose natural normal points into the box; the face is
    // REVERSED so that the solid is still right side out. The mesh must follow the
    // orientation, not the plane.
    BRep_Builder builder;
    TopoDS_Shell shell;
    builder.MakeShell(shell);
    for (TopExp_Explorer it(box(10, 20, 30), TopAbs_FACE); it.More(); it.Next()) {
      const TopoDS_Face& original = TopoDS::Face(it.Current());
      gp_Pln plane = BRepAdaptor_Surface(original).Plane();
      gp_Dir outward = plane.Axis().Direction();
      if (original.Orientation() == TopAbs_REVERSED) outward.Reverse();
      const gp_Pln inward(plane.Location(), outward.Reversed());
      BRepBuilderAPI_MakeFace maker(inward, BRepTools::OuterWire(original), true);
      REQUIRE(maker.IsDone());
      TopoDS_Face face = maker.Face();
      // Orient so the face's effective normal is outward again.
      if (BRepAdaptor_Surface(face).Plane().Axis().Direction().Dot(outward) < 0) face.Orientation(TopAbs_REVERSED);
      else face.Orientation(TopAbs_FORWARD);
      builder.Add(shell, face);
    }
    shell.Closed(true);
    const TopoDS_Shape solid = BRepBuilderAPI_MakeSolid(shell).Solid();
    int reversed = 0;
    for (TopExp_Explorer it(solid, TopAbs_FACE); it.More(); it.Next())
      if (it.Current().Orientation() == TopAbs_REVERSED) ++reversed;
    CHECK(reversed == 6);
    const Mesh mesh = tessellate(solid, MeshOptions{}, true);
    CHECK(isManifoldOriented(mesh));
    CHECK_THAT(meshVolume(mesh), WithinAbs(6000.0, 1e-6));
    requireOutwardAround(tessellate(solid, MeshOptions{}, false), {5, 10, 15});
  }
  SECTION("a compound holding a moved copy") {
    const TopoDS_Shape a = box(10, 10, 10);
    gp_Trsf shift;
    shift.SetTranslation(gp_Vec(100, 0, 0));
    BRep_Builder builder;
    TopoDS_Compound compound;
    builder.MakeCompound(compound);
    builder.Add(compound, a);
    builder.Add(compound, a.Moved(TopLoc_Location(shift)));  // same TShape, another location
    const Mesh mesh = tessellate(compound, MeshOptions{}, true);
    CHECK(mesh.vertices.size() == 16);
    CHECK(mesh.triangleCount() == 24);
    CHECK(isManifoldOriented(mesh));
    CHECK_THAT(meshVolume(mesh), WithinAbs(2000.0, 1e-6));
    float maxX = 0;
    for (const auto& v : mesh.vertices) maxX = std::max(maxX, v[0]);
    CHECK(maxX == 110.0f);
  }
  SECTION("a null shape gives an empty mesh") {
    const Mesh mesh = tessellate(TopoDS_Shape(), MeshOptions{}, true);
    CHECK(mesh.vertices.empty());
    CHECK(mesh.triangles.empty());
  }
}

TEST_CASE("cylinder faces with a rectangular domain are one strip between their rims", "[mesh]") {
  // A tall pin: the general algorithm would insert rows of interior nodes along its height.
  const TopoDS_Shape pin = BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(0, 0, 0), gp_Dir(0, 0, 1)), 3, 80).Shape();
  const Mesh smooth = tessellate(pin, MeshOptions{}, false);
  const Mesh welded = tessellate(pin, MeshOptions{}, true);
  CHECK(isManifoldOriented(welded));
  CHECK_THAT(meshVolume(welded), WithinRel(kPi * 9 * 80, 0.01));
  for (TopExp_Explorer it(pin, TopAbs_FACE); it.More(); it.Next()) {
    const TopoDS_Face face = TopoDS::Face(it.Current());
    if (BRepAdaptor_Surface(face).GetType() != GeomAbs_Cylinder) continue;
    TopLoc_Location location;
    const Handle(Poly_Triangulation) tri = BRep_Tool::Triangulation(face, location);
    REQUIRE(!tri.IsNull());
    size_t onRims = 0;
    for (int i = 1; i <= tri->NbNodes(); ++i) {
      const double z = tri->Node(i).Z();
      if (std::abs(z) < 1e-9 || std::abs(z - 80) < 1e-9) ++onRims;
    }
    CHECK(onRims == size_t(tri->NbNodes()));  // no interior nodes
    // Each rim has k segments (k + 1 nodes with the seam twice): 2k triangles in all.
    CHECK(tri->NbTriangles() == tri->NbNodes() - 2);
  }
  (void)smooth;

  SECTION("a cylinder pierced by a cross hole is not a rectangle and is meshed as before") {
    BRepAlgoAPI_Cut op(pin, BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(-10, 0, 40), gp_Dir(1, 0, 0)), 1, 20).Shape());
    REQUIRE(op.IsDone());
    const Mesh mesh = tessellate(op.Shape(), MeshOptions{}, true);
    CHECK(isManifoldOriented(mesh));
    CHECK_THAT(meshVolume(mesh), WithinRel(kPi * 9 * 80 - 2 * kPi * 1 * 1 * 3, 0.02));
  }
  SECTION("quarter cylinders of rounded corners") {
    const TopoDS_Shape rounded = BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(0, 0, 0), gp_Dir(0, 0, 1)), 5, 20, kPi / 2).Shape();
    const Mesh mesh = tessellate(rounded, MeshOptions{}, true);
    CHECK(isManifoldOriented(mesh));
    CHECK_THAT(meshVolume(mesh), WithinRel(kPi * 25 * 20 / 4, 0.01));
  }
}
