// Sketch modifiers: 2D fillet/chamfer at selected vertices, convex hull of lines and circles,
// offset of selected wires, and boolean use of the selection (add/subtract/replace).
#include <algorithm>
#include <cmath>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepAdaptor_Curve.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepFilletAPI_MakeFillet2d.hxx>
#include <BRepOffsetAPI_MakeOffset.hxx>
#include <BRepTools_WireExplorer.hxx>
#include <BRep_Tool.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopoDS.hxx>
#include <gp_Circ.hxx>

#include "kernel/shape_utils.h"
#include "kernel/sketch.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

// A hull input: a point (r = 0) or a full circle. Arcs count as their whole circle, as in
// CadQuery's find_hull.
struct Disc {
  double x, y, r;
};

std::vector<Disc> hullInput(const std::vector<TopoDS_Shape>& edges) {
  std::vector<Disc> discs;
  auto addPoint = [&](const gp_Pnt& p) {
    for (const auto& d : discs)
      if (d.r == 0 && std::hypot(d.x - p.X(), d.y - p.Y()) < 1e-9) return;
    discs.push_back({p.X(), p.Y(), 0});
  };
  for (const auto& shape : edges) {
    BRepAdaptor_Curve curve(TopoDS::Edge(shape));
    if (curve.GetType() == GeomAbs_Line) {
      addPoint(curve.Value(curve.FirstParameter()));
      addPoint(curve.Value(curve.LastParameter()));
    } else if (curve.GetType() == GeomAbs_Circle) {
      gp_Circ c = curve.Circle();
      auto same = std::find_if(discs.begin(), discs.end(), [&](const Disc& d) {
        return d.r > 0 && std::hypot(d.x - c.Location().X(), d.y - c.Location().Y()) < 1e-9;
      });
      if (same == discs.end()) discs.push_back({c.Location().X(), c.Location().Y(), c.Radius()});
      else same->r = std::max(same->r, c.Radius());
    } else {
      throwApiError("hull", "works on straight segments and circular arcs only, got a " + geomType(shape) + " edge",
                    "select only lines and arcs, e.g. .edges(\"%LINE or %CIRCLE\").hull()");
    }
  }
  return discs;
}

TopoDS_Wire circleWire(const Disc& d) {
  gp_Circ circ(gp_Ax2(gp_Pnt(d.x, d.y, 0), gp_Dir(0, 0, 1)), d.r);
  return BRepBuilderAPI_MakeWire(BRepBuilderAPI_MakeEdge(circ).Edge()).Wire();
}

// Convex hull of points and circles, counter-clockwise: every supporting tangent between two
// discs that keeps all discs on its left is a hull segment; arcs join the segments at circles.
TopoDS_Wire convexHull(const std::vector<Disc>& discs) {
  if (discs.empty()) throwApiError("hull", "there is nothing to build a hull from");
  double scale = 1;
  for (const auto& d : discs) scale = std::max({scale, std::abs(d.x), std::abs(d.y), d.r});
  const double eps = 1e-9 * scale;
  struct Tangent {
    int to = -1;
    gp_Pnt from, at;
    double length = -1;
  };
  std::vector<Tangent> out(discs.size());
  for (size_t i = 0; i < discs.size(); ++i) {
    for (size_t j = 0; j < discs.size(); ++j) {
      if (i == j) continue;
      const Disc &a = discs[i], &b = discs[j];
      double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
      if (len < eps) continue;
      double k = (a.r - b.r) / len;
      if (std::abs(k) >= 1) continue;  // one circle contains the other
      double ux = dx / len, uy = dy / len, wx = uy, wy = -ux;  // w: right of a->b
      double s = std::sqrt(1 - k * k);
      double nx = k * ux + s * wx, ny = k * uy + s * wy;
      double h = nx * a.x + ny * a.y + a.r;
      bool supporting = std::all_of(discs.begin(), discs.end(),
                                    [&](const Disc& d) { return nx * d.x + ny * d.y + d.r <= h + eps; });
      if (!supporting) continue;
      gp_Pnt from(a.x + a.r * nx, a.y + a.r * ny, 0), at(b.x + b.r * nx, b.y + b.r * ny, 0);
      double length = from.Distance(at);
      if (length > out[i].length) out[i] = {int(j), from, at, length};
    }
  }
  int start = -1;
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i].to >= 0) {
      start = int(i);
      break;
    }
  if (start < 0) {
    // No tangent: one disc holds all others.
    auto biggest = std::max_element(discs.begin(), discs.end(), [](const Disc& a, const Disc& b) { return a.r < b.r; });
    if (biggest->r > 0) return circleWire(*biggest);
    throwApiError("hull", "needs at least 3 points that are not on one line, or a circle");
  }
  std::vector<int> chain = {start};
  for (size_t guard = 0; guard <= discs.size(); ++guard) {
    int next = out[size_t(chain.back())].to;
    if (next < 0) throwGeometryError("hull", "could not close the convex hull");
    if (next == start) break;
    chain.push_back(next);
  }
  if (out[size_t(chain.back())].to != start) throwGeometryError("hull", "could not close the convex hull");
  if (chain.size() < 2 || (chain.size() == 2 && discs[size_t(chain[0])].r == 0 && discs[size_t(chain[1])].r == 0))
    throwApiError("hull", "the points lie on one line, so their hull has no area");

  BRepBuilderAPI_MakeWire wire;
  for (size_t k = 0; k < chain.size(); ++k) {
    int cur = chain[k];
    int prev = chain[(k + chain.size() - 1) % chain.size()];
    const Disc& d = discs[size_t(cur)];
    const gp_Pnt& arrive = out[size_t(prev)].at;
    const gp_Pnt& leave = out[size_t(cur)].from;
    if (d.r > 0 && arrive.Distance(leave) > 1e-9 * scale) {
      gp_Circ circ(gp_Ax2(gp_Pnt(d.x, d.y, 0), gp_Dir(0, 0, 1)), d.r);
      wire.Add(BRepBuilderAPI_MakeEdge(GC_MakeArcOfCircle(circ, arrive, leave, true).Value()).Edge());
    }
    wire.Add(BRepBuilderAPI_MakeEdge(leave, out[size_t(cur)].at).Edge());
  }
  if (!wire.IsDone()) throwGeometryError("hull", "could not join the hull outline");
  return wire.Wire();
}

// The offset's edges carry 2D curves on the offset algorithm's own plane, which can disagree
// with the face a later step builds; edges made again from their 3D curves have none.
TopoDS_Wire fromCurves(const TopoDS_Wire& wire) {
  BRepBuilderAPI_MakeWire out;
  for (BRepTools_WireExplorer it(wire); it.More(); it.Next()) {
    double first, last;
    Handle(Geom_Curve) curve = BRep_Tool::Curve(it.Current(), first, last);
    if (curve.IsNull()) return wire;
    TopoDS_Edge e = BRepBuilderAPI_MakeEdge(curve, first, last).Edge();
    if (it.Current().Orientation() == TopAbs_REVERSED) e.Reverse();
    out.Add(e);
  }
  return out.IsDone() ? out.Wire() : wire;
}

}  // namespace

Sketch& Sketch::modifyVertices(double d, bool fillet) {
  const std::string operation = fillet ? "fillet" : "chamfer";
  WorkplaneOps::requirePositive(operation, "d", d);
  const auto& selection = requireSelection(operation);
  std::vector<TopoDS_Shape> vertices;
  for (const auto& item : selection)
    if (auto* s = std::get_if<TopoDS_Shape>(&item); s && s->ShapeType() == TopAbs_VERTEX) vertices.push_back(*s);
  if (vertices.empty())
    throwApiError(operation, "works on selected vertices, but the selection holds none",
                  "select corners first, e.g. .vertices()." + operation + "(1) or .vertices(\">X\")." + operation + "(1)");
  std::vector<TopoDS_Shape> result;
  int used = 0;
  guardOcct(operation, [&] {
    for (const auto& faceShape : subShapes(m_faces, TopAbs_FACE)) {
      TopoDS_Face face = TopoDS::Face(faceShape);
      TopTools_IndexedDataMapOfShapeListOfShape vertexEdges;
      TopExp::MapShapesAndAncestors(face, TopAbs_VERTEX, TopAbs_EDGE, vertexEdges);
      BRepFilletAPI_MakeFillet2d maker(face);
      int here = 0;
      for (const auto& v : vertices) {
        int index = vertexEdges.FindIndex(v);
        if (index == 0) continue;
        if (fillet) {
          maker.AddFillet(TopoDS::Vertex(v), d);
        } else {
          const TopTools_ListOfShape& edges = vertexEdges.FindFromIndex(index);
          if (edges.Extent() != 2) throwApiError(operation, "cannot chamfer a corner that does not join exactly 2 edges");
          maker.AddChamfer(TopoDS::Edge(edges.First()), TopoDS::Edge(edges.Last()), d, d);
        }
        if (maker.Status() != ChFi2d_IsDone)
          throwGeometryError(operation, "could not " + operation + " a corner with d = " + std::to_string(d),
                             "d is probably larger than the edges next to the corner allow; try a smaller value");
        ++here;
      }
      if (here == 0) {
        result.push_back(face);
        continue;
      }
      maker.Build();
      if (!maker.IsDone())
        throwGeometryError(operation, "could not " + operation + " the selected corners",
                           "d is probably too large for the edges next to the corners; try a smaller value");
      result.push_back(maker.Shape());
      used += here;
    }
    return 0;
  });
  if (used == 0) throwApiError(operation, "none of the selected vertices is a corner of the sketch's faces");
  setFaces(result);
  return *this;
}

Sketch& Sketch::fillet(double d) { return modifyVertices(d, true); }
Sketch& Sketch::chamfer(double d) { return modifyVertices(d, false); }

Sketch& Sketch::hull(SketchMode mode, const std::string& tag) {
  std::vector<TopoDS_Shape> edges;
  const bool selected = m_selection && !m_selection->empty();
  if (selected) {
    for (const auto& item : *m_selection)
      if (auto* s = std::get_if<TopoDS_Shape>(&item); s && s->ShapeType() == TopAbs_EDGE) edges.push_back(*s);
    if (edges.empty())
      throwApiError("hull", "works on selected edges, but the selection holds none", "select edges, e.g. .edges().hull()");
  } else if (faceCount() > 0) {
    edges = subShapes(m_faces, TopAbs_EDGE);
  } else {
    for (const auto& e : m_edges) edges.push_back(e.edge);
  }
  if (edges.empty()) throwApiError("hull", "there is nothing to build a hull from", "draw edges or faces first");
  TopoDS_Wire wire = guardOcct("hull", [&] { return convexHull(hullInput(edges)); });
  return face(wire, 0, mode, tag, selected);
}

Sketch& Sketch::offset(double d, SketchMode mode, const std::string& tag) {
  WorkplaneOps::requireFinite("offset", "d", d);
  const auto selection = requireSelection("offset");
  std::vector<TopoDS_Wire> offsets;
  guardOcct("offset", [&] {
    for (const auto& item : selection) {
      auto* s = std::get_if<TopoDS_Shape>(&item);
      if (!s || s->ShapeType() != TopAbs_WIRE) continue;
      BRepOffsetAPI_MakeOffset maker;
      maker.Init(GeomAbs_Arc);
      maker.AddWire(TopoDS::Wire(*s));
      maker.Perform(d);
      if (!maker.IsDone())
        throwGeometryError("offset", "could not offset the wire by " + std::to_string(d),
                           "a large inward offset makes the outline vanish; try a smaller distance");
      for (const auto& w : subShapes(maker.Shape(), TopAbs_WIRE)) offsets.push_back(fromCurves(TopoDS::Wire(w)));
    }
    return 0;
  });
  if (offsets.empty())
    throwApiError("offset", "works on selected wires, but the selection holds none",
                  "select wires first, e.g. .wires().offset(1)");
  for (const auto& w : offsets) face(w, 0, mode, tag, true);
  return *this;
}

namespace {
std::vector<TopoDS_Shape> selectedFaces(const std::vector<SketchItem>& selection) {
  std::vector<TopoDS_Shape> faces;
  for (const auto& item : selection)
    if (auto* s = std::get_if<TopoDS_Shape>(&item))
      for (const auto& f : subShapes(*s, TopAbs_FACE)) faces.push_back(f);
  return faces;
}
}  // namespace

Sketch& Sketch::addSelection() {
  if (!m_selection || m_selection->empty()) return *this;
  auto faces = selectedFaces(*m_selection);
  if (faces.empty()) return *this;
  return placeFaces(faces, "add", SketchMode::Add, {}, true);
}

Sketch& Sketch::subtractSelection() {
  if (!m_selection || m_selection->empty()) return *this;
  auto faces = selectedFaces(*m_selection);
  if (faces.empty()) return *this;
  return placeFaces(faces, "subtract", SketchMode::Subtract, {}, true);
}

Sketch& Sketch::replaceWithSelection() {
  auto faces = selectedFaces(requireSelection("replace"));
  if (faces.empty()) throwApiError("replace", "the selection holds no faces");
  setFaces(faces);
  return *this;
}

}  // namespace partsmith::kernel
