// Triangle meshes of shapes, for export (STL, 3MF), the viewport and the IPC payload.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

namespace partsmith::kernel {

struct MeshOptions {
  // Chordal deflection in mm; <= 0 picks a size-relative default (0.1 % of the bbox diagonal,
  // clamped to [0.01, 0.5] mm).
  double linearDeflection = 0;
  double angularDeflectionDeg = 20;
  bool relative = false;
};

struct Mesh {
  std::vector<std::array<float, 3>> vertices;
  std::vector<std::array<uint32_t, 3>> triangles;  // counter-clockwise seen from outside
  std::vector<std::array<float, 3>> normals;       // per vertex; empty when welded for export

  size_t triangleCount() const { return triangles.size(); }
};

// Resolves a MeshOptions default against the shape's size.
double effectiveDeflection(const TopoDS_Shape& shape, const MeshOptions& options);

// Meshes `shape` (after clearing any old triangulation) and collects every face's triangles,
// honouring face orientation and location. `weld` merges coincident vertices, giving the
// shared-vertex, manifold mesh 3MF needs; without it each face keeps its own vertices and
// per-vertex normals (for smooth shading).
Mesh tessellate(const TopoDS_Shape& shape, const MeshOptions& options, bool weld);

}  // namespace partsmith::kernel
