#include "kernel/mesh_algo_factory.h"
#include "kernel/mesh.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <BRepBndLib.hxx>
#include <BRepMesh_Context.hxx>
#include <BRepMesh_FaceDiscret.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRepTools.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <GeomLib.hxx>
#include <Geom_Surface.hxx>
#include <IMeshTools_Parameters.hxx>
#include <Poly_Triangulation.hxx>
#include <Precision.hxx>
#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>
#include <TopExp_Explorer.hxx>
#include <TopLoc_Location.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Face.hxx>
#include <gp_Vec.hxx>

#include "kernel/kernel_error.h"

namespace partsmith::kernel {

namespace {

constexpr double kPi = 3.14159265358979323846;

double boxDiagonal(const TopoDS_Shape& shape) {
  Bnd_Box box;
  // The padded, geometry-based box is enough to scale a tolerance and much cheaper than
  // the optimal one.
  BRepBndLib::Add(shape, box, /*useTriangulation=*/false);
  if (box.IsVoid()) return 0;
  return std::sqrt(box.SquareExtent());
}

std::array<float, 3> toFloat(const gp_XYZ& p) { return {float(p.X()), float(p.Y()), float(p.Z())}; }

// One face's triangles in world coordinates, counter-clockwise seen from outside.
struct FaceMesh {
  std::vector<gp_Pnt> nodes;
  std::vector<gp_Dir> normals;  // filled only when asked for
  std::vector<std::array<int, 3>> triangles;  // 0-based into nodes
};

// Per-node normals from the surface at the node's UV, falling back to the area-weighted
// normal of the node's triangles where the surface normal is undefined (poles, cusps).
void computeNormals(const TopoDS_Face& face, const Poly_Triangulation& tri, FaceMesh& out) {
  const size_t n = out.nodes.size();
  std::vector<gp_XYZ> accumulated(n, gp_XYZ(0, 0, 0));
  for (const auto& t : out.triangles) {
    const gp_XYZ a = out.nodes[t[0]].XYZ(), b = out.nodes[t[1]].XYZ(), c = out.nodes[t[2]].XYZ();
    const gp_XYZ cross = (b - a).Crossed(c - a);  // length = 2 x area: area weighting
    for (int k = 0; k < 3; ++k) accumulated[t[k]] += cross;
  }
  out.normals.assign(n, gp_Dir(0, 0, 1));
  for (size_t i = 0; i < n; ++i)
    if (accumulated[i].Modulus() > 1e-300) out.normals[i] = gp_Dir(accumulated[i]);

  TopLoc_Location surfaceLocation;
  const Handle(Geom_Surface) surface = BRep_Tool::Surface(face, surfaceLocation);
  if (surface.IsNull() || !tri.HasUVNodes()) return;
  const gp_Trsf toWorld = surfaceLocation.Transformation();
  const bool reversed = face.Orientation() == TopAbs_REVERSED;
  for (size_t i = 0; i < n; ++i) {
    gp_Dir normal;
    // 0: from first derivatives; 1: estimated from second derivatives; > 1: undefined.
    if (GeomLib::NormEstim(surface, tri.UVNode(int(i) + 1), Precision::Confusion(), normal) > 1) continue;
    normal.Transform(toWorld);
    if (reversed) normal.Reverse();
    out.normals[i] = normal;
  }
}

bool collectFace(const TopoDS_Face& face, bool withNormals, FaceMesh& out) {
  TopLoc_Location location;
  const Handle(Poly_Triangulation) tri = BRep_Tool::Triangulation(face, location);
  if (tri.IsNull() || tri->NbTriangles() == 0) return false;
  const gp_Trsf toWorld = location.Transformation();
  const bool moved = !location.IsIdentity();
  out.nodes.resize(size_t(tri->NbNodes()));
  for (int i = 1; i <= tri->NbNodes(); ++i) {
    gp_Pnt p = tri->Node(i);
    if (moved) p.Transform(toWorld);
    out.nodes[size_t(i - 1)] = p;
  }
  // Triangles follow the surface's parametric orientation; a reversed face's outside is the
  // other side, so its winding is swapped. A mirroring location flips it once more.
  bool swap = face.Orientation() == TopAbs_REVERSED;
  if (moved && toWorld.IsNegative()) swap = !swap;
  out.triangles.clear();
  out.triangles.reserve(size_t(tri->NbTriangles()));
  for (int i = 1; i <= tri->NbTriangles(); ++i) {
    int a, b, c;
    tri->Triangle(i).Get(a, b, c);
    if (swap) std::swap(b, c);
    out.triangles.push_back({a - 1, b - 1, c - 1});
  }
  if (withNormals) computeNormals(face, *tri, out);
  return true;
}

// Merges points closer than `tolerance` with a uniform grid hash. Cells are larger than the
// tolerance so that most look-ups touch a single cell; neighbours are visited only for
// points near a cell wall.
class VertexWelder {
 public:
  explicit VertexWelder(double tolerance)
      : m_tolerance(tolerance), m_tolerance2(tolerance * tolerance), m_cell(4 * tolerance) {}

  uint32_t add(const gp_Pnt& p, std::vector<gp_Pnt>& points) {
    const double c[3] = {p.X() / m_cell, p.Y() / m_cell, p.Z() / m_cell};
    long long cell[3];
    int lo[3], hi[3];
    for (int k = 0; k < 3; ++k) {
      const double f = std::floor(c[k]);
      cell[k] = (long long)f;
      const double inside = (c[k] - f) * m_cell;
      lo[k] = inside < m_tolerance ? -1 : 0;
      hi[k] = m_cell - inside < m_tolerance ? 1 : 0;
    }
    for (int dx = lo[0]; dx <= hi[0]; ++dx)
      for (int dy = lo[1]; dy <= hi[1]; ++dy)
        for (int dz = lo[2]; dz <= hi[2]; ++dz) {
          auto it = m_grid.find(key(cell[0] + dx, cell[1] + dy, cell[2] + dz));
          if (it == m_grid.end()) continue;
          for (uint32_t index : it->second)
            if (points[index].SquareDistance(p) <= m_tolerance2) return index;
        }
    const auto index = uint32_t(points.size());
    points.push_back(p);
    m_grid[key(cell[0], cell[1], cell[2])].push_back(index);
    return index;
  }

 private:
  static uint64_t key(long long x, long long y, long long z) {
    // Mix three signed cell coordinates into one hash key; collisions only cost a compare.
    uint64_t h = uint64_t(x) * 0x9E3779B97F4A7C15ull;
    h ^= uint64_t(y) * 0xC2B2AE3D27D4EB4Full + (h << 6) + (h >> 2);
    h ^= uint64_t(z) * 0x165667B19E3779F9ull + (h << 6) + (h >> 2);
    return h;
  }

  double m_tolerance, m_tolerance2, m_cell;
  std::unordered_map<uint64_t, std::vector<uint32_t>> m_grid;
};

bool everyFaceMeshed(const TopoDS_Shape& shape) {
  for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next()) {
    TopLoc_Location location;
    const Handle(Poly_Triangulation) tri = BRep_Tool::Triangulation(TopoDS::Face(it.Current()), location);
    if (tri.IsNull() || tri->NbTriangles() == 0) return false;
  }
  return true;
}

void runMesher(const TopoDS_Shape& shape, const MeshOptions& options) {
  IMeshTools_Parameters params;
  params.Deflection = effectiveDeflection(shape, options);
  params.Relative = options.linearDeflection > 0 && options.relative;
  const double angleDeg = options.angularDeflectionDeg > 0 ? std::clamp(options.angularDeflectionDeg, 1.0, 90.0) : 20.0;
  params.Angle = angleDeg * kPi / 180.0;
  params.InParallel = true;
  // Delabella triangulates the same boundary nodes as OCCT's own Delaunay (so welded meshes
  // stay watertight) but two to three times faster on planar faces with many holes, which
  // dominate mechanical parts. Where it gives up on a face, the classic algorithm redoes
  // the shape.
  params.MeshAlgo = IMeshTools_MeshAlgoType_Delabella;
  // Old triangulations (from the viewport at another tolerance) would be reused as is.
  BRepTools::Clean(shape);
  try {
    Handle(BRepMesh_Context) context = new BRepMesh_Context(IMeshTools_MeshAlgoType_Delabella);
    context->SetFaceDiscret(new BRepMesh_FaceDiscret(new MeshAlgoFactory()));
    BRepMesh_IncrementalMesh mesher;
    mesher.SetShape(shape);
    mesher.ChangeParameters() = params;
    mesher.Perform(context);
    if (mesher.IsDone() && everyFaceMeshed(shape)) return;
  } catch (const Standard_Failure&) {
    // fall through to the classic algorithm
  }
  params.MeshAlgo = IMeshTools_MeshAlgoType_Watson;
  BRepTools::Clean(shape);
  BRepMesh_IncrementalMesh mesher(shape, params);
  if (!mesher.IsDone())
    throwGeometryError("tessellate", "the mesher could not triangulate the shape",
                       "check that the shape is valid (facts.valid)");
}

}  // namespace

double effectiveDeflection(const TopoDS_Shape& shape, const MeshOptions& options) {
  if (options.linearDeflection > 0) return options.linearDeflection;
  const double diagonal = shape.IsNull() ? 0 : boxDiagonal(shape);
  return std::clamp(diagonal * 1e-3, 0.01, 0.5);
}

Mesh tessellate(const TopoDS_Shape& shape, const MeshOptions& options, bool weld) {
  Mesh mesh;
  if (shape.IsNull()) return mesh;
  try {
    OCC_CATCH_SIGNALS
    runMesher(shape, options);

    const double diagonal = boxDiagonal(shape);
    const double weldTolerance = std::max(diagonal * 1e-6, 1e-9);
    const double weldTolerance2 = weldTolerance * weldTolerance;
    VertexWelder welder(weldTolerance);
    std::vector<gp_Pnt> weldedPoints;
    int faceCount = 0, meshedFaces = 0;
    FaceMesh faceMesh;
    for (TopExp_Explorer it(shape, TopAbs_FACE); it.More(); it.Next()) {
      ++faceCount;
      const TopoDS_Face& face = TopoDS::Face(it.Current());
      // A face the mesher gave up on is left out; the caller's manifold check (3MF) sees
      // the gap, and the viewport still shows the rest.
      if (!collectFace(face, !weld, faceMesh)) continue;
      ++meshedFaces;
      if (weld) {
        std::vector<uint32_t> remap(faceMesh.nodes.size());
        for (size_t i = 0; i < faceMesh.nodes.size(); ++i) remap[i] = welder.add(faceMesh.nodes[i], weldedPoints);
        for (const auto& t : faceMesh.triangles) {
          const uint32_t a = remap[size_t(t[0])], b = remap[size_t(t[1])], c = remap[size_t(t[2])];
          if (a == b || b == c || a == c) continue;  // collapsed at a pole or a tiny edge
          mesh.triangles.push_back({a, b, c});
        }
      } else {
        const auto base = uint32_t(mesh.vertices.size());
        for (size_t i = 0; i < faceMesh.nodes.size(); ++i) {
          mesh.vertices.push_back(toFloat(faceMesh.nodes[i].XYZ()));
          mesh.normals.push_back(toFloat(faceMesh.normals[i].XYZ()));
        }
        const auto& n = faceMesh.nodes;
        for (const auto& t : faceMesh.triangles) {
          // Triangles with two nodes on one point (at a sphere's pole) cover nothing.
          if (n[t[0]].SquareDistance(n[t[1]]) <= weldTolerance2 || n[t[1]].SquareDistance(n[t[2]]) <= weldTolerance2 ||
              n[t[0]].SquareDistance(n[t[2]]) <= weldTolerance2)
            continue;
          mesh.triangles.push_back({base + uint32_t(t[0]), base + uint32_t(t[1]), base + uint32_t(t[2])});
        }
      }
    }
    if (faceCount > 0 && meshedFaces == 0)
      throwGeometryError("tessellate", "none of the " + std::to_string(faceCount) + " faces could be triangulated",
                         "check that the shape is valid (facts.valid)");
    if (weld) {
      mesh.vertices.reserve(weldedPoints.size());
      for (const auto& p : weldedPoints) mesh.vertices.push_back(toFloat(p.XYZ()));
    }
  } catch (const KernelError&) {
    throw;
  } catch (const Standard_Failure& failure) {
    std::string what = failure.GetMessageString() ? failure.GetMessageString() : "";
    throwGeometryError("tessellate", "the geometry kernel failed while triangulating the shape" +
                                         (what.empty() ? std::string() : " (" + what + ")"));
  }
  return mesh;
}

}  // namespace partsmith::kernel
