// Sketch edge-based construction: segment and arc in their three call forms each, spline,
// bezier and close. Edges live in the sketch's local frame until assemble() makes faces.
#include <cmath>

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRep_Tool.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <GeomAPI_Interpolate.hxx>
#include <Geom_BezierCurve.hxx>
#include <Geom_TrimmedCurve.hxx>
#include <TColgp_Array1OfPnt.hxx>
#include <TColgp_Array1OfVec.hxx>
#include <TColgp_HArray1OfPnt.hxx>
#include <TColStd_HArray1OfBoolean.hxx>
#include <TopExp.hxx>
#include <TopoDS_Vertex.hxx>
#include <gp_Circ.hxx>

#include "kernel/sketch.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

constexpr double kDegToRad = M_PI / 180.0;

gp_Pnt pnt(const gp_XY& p) { return gp_Pnt(p.X(), p.Y(), 0); }

void requireFinitePoint(const std::string& operation, const std::string& name, const gp_XY& p) {
  WorkplaneOps::requireFinite(operation, name + " x", p.X());
  WorkplaneOps::requireFinite(operation, name + " y", p.Y());
}

TopoDS_Edge lineEdge(const gp_Pnt& a, const gp_Pnt& b, const std::string& operation) {
  if (a.Distance(b) < 1e-7)
    throwApiError(operation, "the segment would have zero length (its start and end are the same point)");
  BRepBuilderAPI_MakeEdge maker(a, b);
  if (!maker.IsDone()) throwGeometryError(operation, "could not build the segment");
  return maker.Edge();
}

TopoDS_Edge threePointArc(const gp_Pnt& a, const gp_Pnt& b, const gp_Pnt& c, const std::string& operation) {
  if (a.Distance(b) < 1e-7 || b.Distance(c) < 1e-7 || a.Distance(c) < 1e-7)
    throwApiError(operation, "two of the arc's three points coincide");
  gp_Vec ab(a, b), ac(a, c);
  if (ab.Crossed(ac).Magnitude() < 1e-9 * ab.Magnitude() * ac.Magnitude())
    throwApiError(operation, "the arc's three points lie on one line, so no circle passes through them",
                  "use segment() for a straight line, or move the middle point off the line");
  GC_MakeArcOfCircle arc(a, b, c);
  if (!arc.IsDone()) throwGeometryError(operation, "could not build an arc through the three points");
  return BRepBuilderAPI_MakeEdge(arc.Value()).Edge();
}

}  // namespace

gp_Pnt Sketch::endPoint(const std::string& operation) const {
  if (m_edges.empty())
    throwApiError(operation, "there is no previous edge to continue from",
                  "start with a form that gives both ends, e.g. .segment([0, 0], [10, 0])");
  // Construction edges (guides) do not take part in the outline's chain.
  for (auto it = m_edges.rbegin(); it != m_edges.rend(); ++it)
    if (!it->construction) return BRep_Tool::Pnt(TopExp::LastVertex(it->edge, /*CumOri=*/true));
  return BRep_Tool::Pnt(TopExp::LastVertex(m_edges.back().edge, /*CumOri=*/true));
}

gp_Pnt Sketch::startPoint(const std::string& operation) const {
  if (m_edges.empty()) throwApiError(operation, "there are no edges to close");
  for (const auto& e : m_edges)
    if (!e.construction) return BRep_Tool::Pnt(TopExp::FirstVertex(e.edge, /*CumOri=*/true));
  return BRep_Tool::Pnt(TopExp::FirstVertex(m_edges.front().edge, /*CumOri=*/true));
}

Sketch& Sketch::edge(const TopoDS_Edge& edge, const std::string& tag, bool forConstruction) {
  if (edge.IsNull()) throwApiError("edge", "the edge is empty");
  m_edges.push_back({edge, forConstruction});
  if (!tag.empty()) m_tags[tag] = {TopoDS_Shape(edge)};
  return *this;
}

Sketch& Sketch::segment(const gp_XY& p1, const gp_XY& p2, const std::string& tag, bool forConstruction) {
  requireFinitePoint("segment", "p1", p1);
  requireFinitePoint("segment", "p2", p2);
  return edge(guardOcct("segment", [&] { return lineEdge(pnt(p1), pnt(p2), "segment"); }), tag, forConstruction);
}

Sketch& Sketch::segmentTo(const gp_XY& p2, const std::string& tag, bool forConstruction) {
  requireFinitePoint("segment", "p2", p2);
  gp_Pnt start = endPoint("segment");
  return edge(guardOcct("segment", [&] { return lineEdge(start, pnt(p2), "segment"); }), tag, forConstruction);
}

Sketch& Sketch::segmentPolar(double length, double angle, const std::string& tag, bool forConstruction) {
  WorkplaneOps::requireFinite("segment", "length", length);
  WorkplaneOps::requireFinite("segment", "angle", angle);
  gp_Pnt start = endPoint("segment");
  gp_Pnt end(start.X() + length * std::cos(angle * kDegToRad), start.Y() + length * std::sin(angle * kDegToRad), 0);
  return edge(guardOcct("segment", [&] { return lineEdge(start, end, "segment"); }), tag, forConstruction);
}

Sketch& Sketch::arc(const gp_XY& p1, const gp_XY& p2, const gp_XY& p3, const std::string& tag, bool forConstruction) {
  requireFinitePoint("arc", "p1", p1);
  requireFinitePoint("arc", "p2", p2);
  requireFinitePoint("arc", "p3", p3);
  return edge(guardOcct("arc", [&] { return threePointArc(pnt(p1), pnt(p2), pnt(p3), "arc"); }), tag, forConstruction);
}

Sketch& Sketch::arcTo(const gp_XY& p2, const gp_XY& p3, const std::string& tag, bool forConstruction) {
  requireFinitePoint("arc", "p2", p2);
  requireFinitePoint("arc", "p3", p3);
  gp_Pnt start = endPoint("arc");
  return edge(guardOcct("arc", [&] { return threePointArc(start, pnt(p2), pnt(p3), "arc"); }), tag, forConstruction);
}

Sketch& Sketch::arcCentered(const gp_XY& center, double r, double a, double da, const std::string& tag,
                            bool forConstruction) {
  requireFinitePoint("arc", "center", center);
  WorkplaneOps::requirePositive("arc", "r", r);
  WorkplaneOps::requireFinite("arc", "startAngle", a);
  WorkplaneOps::requireFinite("arc", "angle", da);
  if (da == 0) throwApiError("arc", "the swept angle must not be 0");
  TopoDS_Edge e = guardOcct("arc", [&] {
    gp_Pnt c = pnt(center);
    if (std::abs(da) >= 360) {
      // A full circle starting (and ending) at angle a, turning the way da turns.
      gp_Circ circ(gp_Ax2(c, gp_Dir(0, 0, da > 0 ? 1 : -1), gp_Dir(std::cos(a * kDegToRad), std::sin(a * kDegToRad), 0)),
                   r);
      return BRepBuilderAPI_MakeEdge(circ).Edge();
    }
    auto at = [&](double deg) {
      return gp_Pnt(c.X() + r * std::cos(deg * kDegToRad), c.Y() + r * std::sin(deg * kDegToRad), 0);
    };
    return threePointArc(at(a), at(a + da / 2), at(a + da), "arc");
  });
  return edge(e, tag, forConstruction);
}

Sketch& Sketch::spline(const std::vector<gp_XY>& points, const std::optional<std::vector<gp_XY>>& tangents,
                       bool periodic, const std::string& tag, bool forConstruction) {
  if (points.size() < 2) throwApiError("spline", "needs at least 2 points, got " + std::to_string(points.size()));
  for (size_t i = 0; i < points.size(); ++i) requireFinitePoint("spline", "pts[" + std::to_string(i) + "]", points[i]);
  for (size_t i = 1; i < points.size(); ++i)
    if ((points[i] - points[i - 1]).Modulus() < 1e-7)
      throwApiError("spline", "points " + std::to_string(i - 1) + " and " + std::to_string(i) + " coincide");
  if (tangents && tangents->size() != 2 && tangents->size() != points.size())
    throwApiError("spline", "tangents must hold 2 vectors (start and end) or one per point, got " +
                                std::to_string(tangents->size()));
  TopoDS_Edge e = guardOcct("spline", [&] {
    Handle(TColgp_HArray1OfPnt) pts = new TColgp_HArray1OfPnt(1, int(points.size()));
    for (size_t i = 0; i < points.size(); ++i) pts->SetValue(int(i) + 1, pnt(points[i]));
    GeomAPI_Interpolate interp(pts, periodic, 1e-6);
    if (tangents && tangents->size() == 2) {
      interp.Load(gp_Vec((*tangents)[0].X(), (*tangents)[0].Y(), 0), gp_Vec((*tangents)[1].X(), (*tangents)[1].Y(), 0),
                  true);
    } else if (tangents) {
      TColgp_Array1OfVec vecs(1, int(tangents->size()));
      Handle(TColStd_HArray1OfBoolean) flags = new TColStd_HArray1OfBoolean(1, int(tangents->size()));
      for (size_t i = 0; i < tangents->size(); ++i) {
        vecs.SetValue(int(i) + 1, gp_Vec((*tangents)[i].X(), (*tangents)[i].Y(), 0));
        flags->SetValue(int(i) + 1, true);
      }
      interp.Load(vecs, flags, true);
    }
    interp.Perform();
    if (!interp.IsDone()) throwGeometryError("spline", "could not fit a spline through the points");
    return BRepBuilderAPI_MakeEdge(interp.Curve()).Edge();
  });
  return edge(e, tag, forConstruction);
}

Sketch& Sketch::bezier(const std::vector<gp_XY>& points, const std::string& tag, bool forConstruction) {
  if (points.size() < 2) throwApiError("bezier", "needs at least 2 points, got " + std::to_string(points.size()));
  if (points.size() > 26) throwApiError("bezier", "supports at most 26 points (degree 25), got " + std::to_string(points.size()));
  for (size_t i = 0; i < points.size(); ++i) requireFinitePoint("bezier", "pts[" + std::to_string(i) + "]", points[i]);
  TopoDS_Edge e = guardOcct("bezier", [&] {
    TColgp_Array1OfPnt poles(1, int(points.size()));
    for (size_t i = 0; i < points.size(); ++i) poles.SetValue(int(i) + 1, pnt(points[i]));
    Handle(Geom_BezierCurve) curve = new Geom_BezierCurve(poles);
    BRepBuilderAPI_MakeEdge maker(curve);
    if (!maker.IsDone()) throwGeometryError("bezier", "could not build the curve (do the end points coincide?)");
    return maker.Edge();
  });
  return edge(e, tag, forConstruction);
}

Sketch& Sketch::close(const std::string& tag) {
  gp_Pnt end = endPoint("close");
  gp_Pnt start = startPoint("close");
  // Already closed (the last edge ends where the first starts): nothing to add.
  if (end.Distance(start) < 1e-7) return *this;
  return edge(guardOcct("close", [&] { return lineEdge(end, start, "close"); }), tag, false);
}

}  // namespace partsmith::kernel
