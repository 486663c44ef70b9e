// Sketch locations (push, rarray, parray, distribute) and selection (faces/wires/edges/
// vertices with selectors or tags, tag, select, reset, delete, val/vals).
#include <algorithm>
#include <cmath>

#include <BRepAdaptor_CompCurve.hxx>
#include <BRepAdaptor_Curve.hxx>
#include <BRep_Builder.hxx>
#include <GCPnts_AbscissaPoint.hxx>
#include <TopTools_MapOfShape.hxx>
#include <TopoDS.hxx>
#include <gp_Ax3.hxx>

#include "kernel/shape_utils.h"
#include "kernel/sketch.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

constexpr double kDegToRad = M_PI / 180.0;
constexpr double kTol = 1e-6;

const char* kindName(TopAbs_ShapeEnum kind) {
  switch (kind) {
    case TopAbs_FACE: return "faces";
    case TopAbs_WIRE: return "wires";
    case TopAbs_EDGE: return "edges";
    default: return "vertices";
  }
}

Location locationOfItem(const SketchItem& item) {
  if (auto* loc = std::get_if<Location>(&item)) return *loc;
  return Location::translation(gp_Vec(shapeCenter(std::get<TopoDS_Shape>(item)).XYZ()));
}

// Point and planar frame along an edge or wire at a length fraction: local z stays +z, local
// x is the curve's left normal (towards the centre of a counter-clockwise arc), as CadQuery's
// locations(planar=True) with the Frenet frame gives for arcs.
Location locationAlong(const TopoDS_Shape& shape, double fraction, bool rotate) {
  auto eval = [&](auto& curve) {
    double first = curve.FirstParameter(), last = curve.LastParameter();
    double length = GCPnts_AbscissaPoint::Length(curve);
    double param = first;
    if (fraction <= 0) param = first;
    else if (fraction >= 1) param = last;
    else {
      GCPnts_AbscissaPoint ap(curve, fraction * length, first);
      param = ap.IsDone() ? ap.Parameter() : first + fraction * (last - first);
    }
    gp_Pnt p;
    gp_Vec tangent;
    curve.D1(param, p, tangent);
    return std::make_pair(p, tangent);
  };
  std::pair<gp_Pnt, gp_Vec> pv;
  if (shape.ShapeType() == TopAbs_EDGE) {
    BRepAdaptor_Curve curve(TopoDS::Edge(shape));
    pv = eval(curve);
    if (shape.Orientation() == TopAbs_REVERSED) pv.second.Reverse();
  } else {
    BRepAdaptor_CompCurve curve(TopoDS::Wire(shape));
    pv = eval(curve);
  }
  if (!rotate || pv.second.Magnitude() < 1e-12) return Location::translation(gp_Vec(pv.first.XYZ()));
  gp_Vec normal = gp_Vec(0, 0, 1).Crossed(pv.second);
  if (normal.Magnitude() < 1e-12) return Location::translation(gp_Vec(pv.first.XYZ()));
  gp_Trsf t;
  t.SetTransformation(gp_Ax3(pv.first, gp_Dir(0, 0, 1), gp_Dir(normal)), gp_Ax3());
  return Location(t);
}

bool isClosedCurve(const TopoDS_Shape& shape) {
  auto ends = [](auto& curve) {
    return curve.Value(curve.FirstParameter()).Distance(curve.Value(curve.LastParameter())) < 1e-7;
  };
  if (shape.ShapeType() == TopAbs_EDGE) {
    BRepAdaptor_Curve c(TopoDS::Edge(shape));
    return ends(c);
  }
  BRepAdaptor_CompCurve c(TopoDS::Wire(shape));
  return ends(c);
}

}  // namespace

// --- locations -----------------------------------------------------------------------------

Sketch& Sketch::push(const std::vector<Location>& locs, const std::string& tag) {
  m_selection = std::vector<SketchItem>(locs.begin(), locs.end());
  m_selectionOrigin = "push()";
  if (!tag.empty()) m_tags[tag] = *m_selection;
  return *this;
}

Sketch& Sketch::rarray(double xs, double ys, int nx, int ny) {
  WorkplaneOps::requireFinite("rarray", "xs", xs);
  WorkplaneOps::requireFinite("rarray", "ys", ys);
  if (nx < 1 || ny < 1)
    throwApiError("rarray", "needs at least 1 element in each direction, got nx=" + std::to_string(nx) +
                                ", ny=" + std::to_string(ny));
  if (double(nx) * ny > 100000)
    throw KernelError(ErrorKind::Limit, "rarray", "nx * ny is more than 100000 locations");
  const double ox = (nx - 1) * xs * 0.5, oy = (ny - 1) * ys * 0.5;
  std::vector<SketchItem> base = m_selection && !m_selection->empty() ? *m_selection
                                                                      : std::vector<SketchItem>{Location()};
  std::vector<Location> out;
  for (int i = 0; i < nx; ++i)
    for (int j = 0; j < ny; ++j) {
      Location l = Location::translation(gp_Vec(i * xs - ox, j * ys - oy, 0));
      for (const auto& el : base) out.push_back(l * locationOfItem(el));
    }
  push(out);
  m_selectionOrigin = "rarray()";
  return *this;
}

Sketch& Sketch::parray(double r, double a1, double da, int n, bool rotate) {
  WorkplaneOps::requireFinite("parray", "r", r);
  WorkplaneOps::requireFinite("parray", "a1", a1);
  WorkplaneOps::requireFinite("parray", "da", da);
  if (n < 1) throwApiError("parray", "needs at least 1 element, got n=" + std::to_string(n));
  if (n > 100000) throw KernelError(ErrorKind::Limit, "parray", "n is more than 100000 locations");
  // A full turn spreads n copies without doubling the first; a partial arc puts copies at both ends.
  double step;
  if (std::abs(std::remainder(da, 360.0)) < kTol) step = da / n;
  else step = n > 1 ? da / (n - 1) : a1;
  std::vector<SketchItem> base = m_selection && !m_selection->empty() ? *m_selection
                                                                      : std::vector<SketchItem>{Location()};
  std::vector<Location> out;
  for (int i = 0; i < n; ++i) {
    const double phi = a1 + step * i;
    Location l = Location::translation(gp_Vec(r * std::cos(phi * kDegToRad), r * std::sin(phi * kDegToRad), 0));
    Location spin = Location::fromAxisAngle(gp_Vec(0, 0, 0), gp_Dir(0, 0, 1), rotate ? phi : 0);
    for (const auto& el : base) out.push_back(l * locationOfItem(el) * spin);
  }
  push(out);
  m_selectionOrigin = "parray()";
  return *this;
}

Sketch& Sketch::distribute(int n, double start, double stop, bool rotate) {
  if (n < 1) throwApiError("distribute", "needs at least 1 element, got n=" + std::to_string(n));
  if (n > 100000) throw KernelError(ErrorKind::Limit, "distribute", "n is more than 100000 locations");
  WorkplaneOps::requireFinite("distribute", "start", start);
  WorkplaneOps::requireFinite("distribute", "stop", stop);
  const auto& selection = requireSelection("distribute");
  const bool trimmed = 1 - std::abs(stop - start) >= kTol;
  std::vector<Location> out;
  guardOcct("distribute", [&] {
    for (const auto& item : selection) {
      auto* shape = std::get_if<TopoDS_Shape>(&item);
      if (!shape || (shape->ShapeType() != TopAbs_EDGE && shape->ShapeType() != TopAbs_WIRE))
        throwApiError("distribute", "works on selected edges or wires only",
                      "select them first, e.g. .edges() or .wires(), then .distribute(n)");
      const bool closed = isClosedCurve(*shape) && !trimmed;
      for (int i = 0; i < n; ++i) {
        double t = closed ? start + i * (stop - start) / n : (n > 1 ? start + i * (stop - start) / (n - 1) : start);
        out.push_back(locationAlong(*shape, t, rotate));
      }
    }
    return 0;
  });
  push(out);
  m_selectionOrigin = "distribute()";
  return *this;
}

// --- selection -----------------------------------------------------------------------------

const std::vector<SketchItem>& Sketch::taggedItems(const std::string& tag, const std::string& operation) const {
  auto it = m_tags.find(tag);
  if (it == m_tags.end()) {
    std::string known;
    for (const auto& [name, items] : m_tags) known += (known.empty() ? "" : ", ") + ("'" + name + "'");
    throwApiError(operation, "there is no tag '" + tag + "' in this sketch",
                  known.empty() ? "tag geometry first with {tag: \"name\"} or .tag(\"name\")" : "known tags: " + known);
  }
  return it->second;
}

const std::vector<SketchItem>& Sketch::requireSelection(const std::string& operation) const {
  if (m_selection && !m_selection->empty()) return *m_selection;
  if (m_selection && !m_selectionOrigin.empty())
    throwApiError(operation, "nothing is selected: " + m_selectionOrigin + " matched nothing",
                  "check the selector, e.g. .vertices() selects every corner");
  throwApiError(operation, "needs a selection, but nothing is selected",
                "select first, e.g. .vertices(\">X\")." + operation + "(...) or .edges()." + operation + "(...)");
}

Sketch& Sketch::selectKind(const SelectorPtr& selector, TopAbs_ShapeEnum kind, const std::string& tag,
                           const std::string& operation) {
  std::vector<TopoDS_Shape> candidates;
  auto collect = [&](const TopoDS_Shape& s) {
    for (const auto& sub : subShapes(s, kind)) candidates.push_back(sub);
  };
  if (!tag.empty()) {
    for (const auto& item : taggedItems(tag, operation))
      if (auto* s = std::get_if<TopoDS_Shape>(&item)) collect(*s);
  } else if (m_selection && !m_selection->empty()) {
    for (const auto& item : *m_selection)
      if (auto* s = std::get_if<TopoDS_Shape>(&item)) collect(*s);
  } else {
    collect(m_faces);
    for (const auto& e : m_edges) collect(e.edge);
  }
  std::vector<TopoDS_Shape> kept = selector ? selector->filter(candidates) : candidates;
  std::vector<SketchItem> unique;
  TopTools_MapOfShape seen;
  for (const auto& s : kept)
    if (seen.Add(s)) unique.push_back(s);
  m_selection = std::move(unique);
  m_selectionOrigin = std::string(kindName(kind)) + "(" + (selector ? "\"" + selector->describe() + "\"" : "") +
                      (tag.empty() ? "" : (selector ? ", " : "") + std::string("tag \"") + tag + "\"") + ")";
  return *this;
}

Sketch& Sketch::faces(const SelectorPtr& selector, const std::string& tag) {
  return selectKind(selector, TopAbs_FACE, tag, "faces");
}
Sketch& Sketch::wires(const SelectorPtr& selector, const std::string& tag) {
  return selectKind(selector, TopAbs_WIRE, tag, "wires");
}
Sketch& Sketch::edges(const SelectorPtr& selector, const std::string& tag) {
  return selectKind(selector, TopAbs_EDGE, tag, "edges");
}
Sketch& Sketch::vertices(const SelectorPtr& selector, const std::string& tag) {
  return selectKind(selector, TopAbs_VERTEX, tag, "vertices");
}

Sketch& Sketch::reset() {
  m_selection.reset();
  m_selectionOrigin.clear();
  return *this;
}

Sketch& Sketch::tag(const std::string& name) {
  if (name.empty()) throwApiError("tag", "the tag name must not be empty");
  m_tags[name] = requireSelection("tag");
  return *this;
}

Sketch& Sketch::select(const std::vector<std::string>& tags) {
  std::vector<SketchItem> items;
  for (const auto& t : tags) {
    const auto& tagged = taggedItems(t, "select");
    items.insert(items.end(), tagged.begin(), tagged.end());
  }
  m_selection = std::move(items);
  m_selectionOrigin = "select()";
  return *this;
}

Sketch& Sketch::setSelection(std::vector<SketchItem> items) {
  m_selection = std::move(items);
  m_selectionOrigin = "the selection";
  return *this;
}

Sketch& Sketch::deleteSelected() {
  const auto selection = requireSelection("delete");
  std::vector<TopoDS_Shape> faces = subShapes(m_faces, TopAbs_FACE);
  for (const auto& item : selection) {
    auto* shape = std::get_if<TopoDS_Shape>(&item);
    if (!shape) throwApiError("delete", "a location (from push/rarray/parray) cannot be deleted, only faces and edges");
    if (shape->ShapeType() == TopAbs_FACE) {
      auto it = std::find_if(faces.begin(), faces.end(), [&](const TopoDS_Shape& f) { return f.IsSame(*shape); });
      if (it == faces.end()) throwApiError("delete", "the selected face is not one of the sketch's faces");
      faces.erase(it);
    } else if (shape->ShapeType() == TopAbs_EDGE) {
      auto it = std::find_if(m_edges.begin(), m_edges.end(), [&](const FreeEdge& e) { return e.edge.IsSame(*shape); });
      if (it == m_edges.end())
        throwApiError("delete", "the selected edge belongs to a face; only free edges (from segment/arc/...) can be deleted",
                      "select faces to delete them, e.g. .faces(\">X\").delete()");
      m_edges.erase(it);
    } else {
      throwApiError("delete", "only faces and free edges can be deleted, not " +
                                  std::string(shape->ShapeType() == TopAbs_VERTEX ? "vertices" : "wires"));
    }
  }
  setFaces(faces);
  reset();
  return *this;
}

SketchItem Sketch::val() const {
  if (m_selection) {
    if (m_selection->empty()) throwApiError("val", "the selection is empty");
    return m_selection->front();
  }
  if (faceCount() == 0 && !m_edges.empty()) return TopoDS_Shape(m_edges.front().edge);
  return TopoDS_Shape(m_faces);
}

std::vector<SketchItem> Sketch::vals() const {
  if (m_selection) return *m_selection;
  std::vector<SketchItem> out;
  if (faceCount() == 0 && !m_edges.empty()) {
    for (const auto& e : m_edges) out.push_back(TopoDS_Shape(e.edge));
    return out;
  }
  for (const auto& f : subShapes(m_faces, TopAbs_FACE)) out.push_back(f);
  return out;
}

}  // namespace partsmith::kernel
