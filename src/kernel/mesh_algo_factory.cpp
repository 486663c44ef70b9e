#include "kernel/mesh_algo_factory.h"

#include <BRepMesh_BaseMeshAlgo.hxx>
#include <BRepMesh_DataStructureOfDelaun.hxx>
#include <BRepMesh_DelabellaMeshAlgoFactory.hxx>
#include <BRepMesh_Edge.hxx>
#include <BRepMesh_Triangle.hxx>
#include <IMeshData_Edge.hxx>
#include <IMeshData_Face.hxx>
#include <IMeshData_PCurve.hxx>
#include <IMeshData_Wire.hxx>

#include <algorithm>
#include <cmath>
#include <vector>

namespace partsmith::kernel {

namespace {

struct UvBox {
  double umin = 1e300, umax = -1e300, vmin = 1e300, vmax = -1e300;
  double tolU() const { return 1e-9 * std::max(1.0, umax - umin); }
  double tolV() const { return 1e-9 * std::max(1.0, vmax - vmin); }
};

// The (u, v) box of the face's boundary when every boundary point lies on its bottom or top
// row (so the two vertical sides are single links: seams or straight rulings).
bool rectangleDomain(const IMeshData::IFaceHandle& face, UvBox& box) {
  if (face->WiresNb() != 1) return false;
  const IMeshData::IWireHandle& wire = face->GetWire(0);
  std::vector<gp_Pnt2d> points;
  for (int e = 0; e < wire->EdgesNb(); ++e) {
    const IMeshData::IEdgeHandle edge = wire->GetEdge(e);
    const IMeshData::IPCurveHandle& pcurve = edge->GetPCurve(face.get(), wire->GetEdgeOrientation(e));
    if (pcurve.IsNull()) return false;
    for (int k = 0; k < pcurve->ParametersNb(); ++k) points.push_back(pcurve->GetPoint(k));
  }
  if (points.size() < 4) return false;
  for (const auto& p : points) {
    box.umin = std::min(box.umin, p.X());
    box.umax = std::max(box.umax, p.X());
    box.vmin = std::min(box.vmin, p.Y());
    box.vmax = std::max(box.vmax, p.Y());
  }
  if (!(box.umax - box.umin > 1e-9) || !(box.vmax - box.vmin > 1e-9)) return false;
  for (const auto& p : points)
    if (std::abs(p.Y() - box.vmin) > box.tolV() && std::abs(p.Y() - box.vmax) > box.tolV()) return false;
  return true;
}

// A cylinder face whose domain is a rectangle, triangulated as one strip between its bottom
// and top rows of boundary nodes; anything else is left to OCCT's algorithm.
class CylinderStripAlgo : public BRepMesh_BaseMeshAlgo {
 public:
  explicit CylinderStripAlgo(const Handle(IMeshTools_MeshAlgo) & occt) : m_occt(occt) {}

  void Perform(const IMeshData::IFaceHandle& face, const IMeshTools_Parameters& parameters,
               const Message_ProgressRange& range) override {
    if (!rectangleDomain(face, m_box)) {
      m_occt->Perform(face, parameters, range);
      return;
    }
    BRepMesh_BaseMeshAlgo::Perform(face, parameters, range);
  }

 protected:
  void generateMesh(const Message_ProgressRange&) override {
    const Handle(BRepMesh_DataStructureOfDelaun)& structure = getStructure();
    std::vector<std::pair<double, int>> bottom, top;
    for (int i = 1; i <= structure->NbNodes(); ++i) {
      const gp_XY& uv = structure->GetNode(i).Coord();
      if (std::abs(uv.Y() - m_box.vmin) <= m_box.tolV())
        bottom.emplace_back(uv.X(), i);
      else if (std::abs(uv.Y() - m_box.vmax) <= m_box.tolV())
        top.emplace_back(uv.X(), i);
      else
        return;  // no triangles: BRepMesh reports the face and our mesher redoes the shape
    }
    std::sort(bottom.begin(), bottom.end());
    std::sort(top.begin(), top.end());
    if (bottom.size() < 2 || top.size() < 2) return;
    for (const auto* row : {&bottom, &top}) {
      // Both rows run from the left side to the right side of the rectangle...
      if (std::abs(row->front().first - m_box.umin) > m_box.tolU() ||
          std::abs(row->back().first - m_box.umax) > m_box.tolU())
        return;
      // ...with distinct nodes.
      for (size_t k = 1; k < row->size(); ++k)
        if (!((*row)[k].first - (*row)[k - 1].first > m_box.tolU())) return;
    }

    // Zip the rows from left to right: each step advances the row whose next node comes
    // first, so every triangle spans at most one boundary step in u (counter-clockwise in
    // (u, v), as BRepMesh's own triangles are).
    size_t i = 0, j = 0;
    const size_t m = bottom.size() - 1, n = top.size() - 1;
    while (i < m || j < n) {
      if (j == n || (i < m && bottom[i + 1].first <= top[j + 1].first)) {
        addTriangle(bottom[i].second, bottom[i + 1].second, top[j].second);
        ++i;
      } else {
        addTriangle(bottom[i].second, top[j + 1].second, top[j].second);
        ++j;
      }
    }
  }

 private:
  void addTriangle(int a, int b, int c) {
    const Handle(BRepMesh_DataStructureOfDelaun)& structure = getStructure();
    const int nodes[3] = {a, b, c};
    int edges[3];
    bool orientations[3];
    for (int k = 0; k < 3; ++k) {
      const int link = structure->AddLink(BRepMesh_Edge(nodes[k], nodes[(k + 1) % 3], BRepMesh_Free));
      edges[k] = std::abs(link);
      orientations[k] = link > 0;
    }
    structure->AddElement(BRepMesh_Triangle(edges, orientations, BRepMesh_Free));
  }

  Handle(IMeshTools_MeshAlgo) m_occt;
  UvBox m_box;
};

}  // namespace

MeshAlgoFactory::MeshAlgoFactory() : m_occt(new BRepMesh_DelabellaMeshAlgoFactory()) {}

Handle(IMeshTools_MeshAlgo) MeshAlgoFactory::GetAlgo(const GeomAbs_SurfaceType surfaceType,
                                                     const IMeshTools_Parameters& parameters) const {
  Handle(IMeshTools_MeshAlgo) occt = m_occt->GetAlgo(surfaceType, parameters);
  if (surfaceType == GeomAbs_Cylinder) return new CylinderStripAlgo(occt);
  return occt;
}

}  // namespace partsmith::kernel
