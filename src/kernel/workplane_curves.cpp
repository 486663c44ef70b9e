// Workplane 2D calls beyond lines and arcs: Bézier curves, elliptical arcs, parametric
// curves, in-plane mirroring, wire consolidation and 2D offsets. Like CadQuery, points are
// local to the plane and edges are built in world coordinates.
#include <cmath>
#include <sstream>

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <BRepOffsetAPI_MakeOffset.hxx>
#include <BRep_Tool.hxx>
#include <GC_MakeArcOfEllipse.hxx>
#include <GeomAPI_PointsToBSpline.hxx>
#include <Geom_BSplineCurve.hxx>
#include <Geom_BezierCurve.hxx>
#include <Precision.hxx>
#include <ShapeAnalysis_FreeBounds.hxx>
#include <TColgp_Array1OfPnt.hxx>
#include <TopExp.hxx>
#include <TopTools_HSequenceOfShape.hxx>
#include <TopoDS.hxx>
#include <gp_Ax1.hxx>
#include <gp_Ax2.hxx>
#include <gp_Elips.hxx>

#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

constexpr double kDegToRad = M_PI / 180.0;

void requirePoint(const std::string& op, const std::string& argument, const gp_XYZ& p) {
  WorkplaneOps::requireFinite(op, argument + " x", p.X());
  WorkplaneOps::requireFinite(op, argument + " y", p.Y());
  WorkplaneOps::requireFinite(op, argument + " z", p.Z());
}

// An edge goes to the pending edges, or (makeWire) becomes a one-edge pending wire.
WorkplanePtr addEdgeOrWire(const Workplane& wp, const TopoDS_Edge& edge, bool forConstruction, bool makeWire,
                           const std::string& op) {
  if (!makeWire) return WorkplaneOps::addEdge(wp, edge, forConstruction);
  TopoDS_Wire wire = guardOcct(op, [&] {
    BRepBuilderAPI_MakeWire maker(edge);
    if (!maker.IsDone()) throwGeometryError(op, "could not make a wire from the curve");
    return maker.Wire();
  });
  return WorkplaneOps::addWires(wp, {wire}, forConstruction);
}

// CadQuery Wire.combine: every edge of the pending edges and wires, connected into as few
// wires as possible (ShapeAnalysis_FreeBounds, tolerance 1e-9).
std::vector<TopoDS_Wire> combinePending(const Workplane& wp, const std::string& op) {
  const auto& ctx = *wp.context();
  if (ctx.pendingEdges.empty() && ctx.pendingWires.empty()) return {};
  return guardOcct(op, [&] {
    Handle(TopTools_HSequenceOfShape) edges = new TopTools_HSequenceOfShape();
    for (const auto& e : ctx.pendingEdges) edges->Append(e);
    for (const auto& w : ctx.pendingWires)
      for (const auto& e : subShapes(w, TopAbs_EDGE)) edges->Append(e);
    Handle(TopTools_HSequenceOfShape) wires;
    ShapeAnalysis_FreeBounds::ConnectEdgesToWires(edges, 1e-9, Standard_False, wires);
    std::vector<TopoDS_Wire> out;
    if (!wires.IsNull())
      for (int i = 1; i <= wires->Length(); ++i) out.push_back(TopoDS::Wire(wires->Value(i)));
    return out;
  });
}

TopoDS_Shape copyTransformed(const TopoDS_Shape& shape, const gp_Trsf& trsf, const std::string& op) {
  return guardOcct(op, [&] {
    BRepBuilderAPI_Transform maker(shape, trsf, Standard_True);
    if (!maker.IsDone()) throwGeometryError(op, "could not mirror the outline");
    return maker.Shape();
  });
}

// CadQuery mirrorX/mirrorY: join pending edges into a wire, consolidate, add the mirror
// image of every wire on the stack about the plane's X or Y axis, and consolidate again so
// a half outline whose ends lie on the axis becomes one closed wire.
WorkplanePtr mirrorInPlane(const Workplane& wp, bool aboutX, const std::string& op) {
  WorkplanePtr joined = wp.wire(false);
  WorkplanePtr consolidated = joined->consolidateWires();
  std::vector<TopoDS_Shape> wires;
  for (const auto& item : consolidated->objects()) {
    auto* shape = std::get_if<TopoDS_Shape>(&item);
    if (!shape || shape->IsNull()) continue;
    for (const auto& w : subShapes(*shape, TopAbs_WIRE)) wires.push_back(w);
  }
  if (wires.empty())
    throwApiError(op, "there is no outline to mirror",
                  "draw half of a symmetric outline first, e.g. .lineTo(2, 2).threePointArc((3, 1), (2, 0))." + op +
                      "()");
  const Plane& plane = wp.plane();
  gp_Trsf trsf;
  trsf.SetMirror(gp_Ax1(plane.origin(), aboutX ? plane.xDir() : plane.yDir()));
  // CadQuery appends to the consolidated object's own stack (the stack is `mutable`).
  auto& objects = const_cast<std::vector<StackItem>&>(consolidated->objects());
  for (const auto& w : wires) {
    TopoDS_Wire mirrored = TopoDS::Wire(copyTransformed(w, trsf, op));
    objects.emplace_back(TopoDS_Shape(mirrored));
    consolidated->context()->pendingWires.push_back(mirrored);
  }
  return consolidated->consolidateWires();
}

}  // namespace

// --- curves -----------------------------------------------------------------------------------

WorkplanePtr Workplane::bezier(const std::vector<gp_XYZ>& points, bool forConstruction, bool includeCurrent,
                               bool makeWire) const {
  const std::string op = "bezier";
  std::vector<gp_Pnt> poles;
  if (includeCurrent) poles.push_back(WorkplaneOps::currentPoint(*this));
  for (size_t i = 0; i < points.size(); ++i) {
    requirePoint(op, "point " + std::to_string(i + 1), points[i]);
    poles.push_back(m_plane.toWorld(points[i]));
  }
  if (poles.size() < 2)
    throwApiError(op, "needs at least 2 points (start and end), got " + std::to_string(poles.size()),
                  includeCurrent ? "" : "pass includeCurrent=true to start from the current point");
  if (int(poles.size()) > Geom_BezierCurve::MaxDegree() + 1)
    throwApiError(op,
                  "a Bézier curve takes at most " + std::to_string(Geom_BezierCurve::MaxDegree() + 1) +
                      " points, got " + std::to_string(poles.size()),
                  "use spline() for long point lists");
  if (poles.front().Distance(poles.back()) <= Precision::Confusion() && poles.size() == 2)
    throwApiError(op, "the curve starts and ends at the same point");
  TopoDS_Edge edge = guardOcct(op, [&] {
    TColgp_Array1OfPnt arr(1, int(poles.size()));
    for (size_t i = 0; i < poles.size(); ++i) arr.SetValue(int(i) + 1, poles[i]);
    Handle(Geom_BezierCurve) curve = new Geom_BezierCurve(arr);
    BRepBuilderAPI_MakeEdge maker(curve);
    if (!maker.IsDone()) throwGeometryError(op, "could not build the Bézier curve");
    return maker.Edge();
  });
  return addEdgeOrWire(*this, edge, forConstruction, makeWire, op);
}

WorkplanePtr Workplane::ellipseArc(double xRadius, double yRadius, double angle1, double angle2,
                                   double rotationAngle, int sense, bool forConstruction, bool startAtCurrent,
                                   bool makeWire) const {
  const std::string op = "ellipseArc";
  WorkplaneOps::requirePositive(op, "x_radius", xRadius);
  WorkplaneOps::requirePositive(op, "y_radius", yRadius);
  WorkplaneOps::requireFinite(op, "angle1", angle1);
  WorkplaneOps::requireFinite(op, "angle2", angle2);
  WorkplaneOps::requireFinite(op, "rotation_angle", rotationAngle);
  if (sense != 1 && sense != -1)
    throwApiError(op, "sense must be 1 (counter-clockwise) or -1 (clockwise), got " + std::to_string(sense));
  const gp_Pnt center = WorkplaneOps::currentPoint(*this);
  TopoDS_Edge edge = guardOcct(op, [&] {
    gp_Ax2 ax2(center, m_plane.zDir(), m_plane.xDir());
    gp_Ax1 ax1(center, m_plane.zDir());
    // gp_Elips needs major >= minor: a taller ellipse is built lying down and turned 90°,
    // and the arc angles are corrected for the turn, as CadQuery does.
    double correction = 0;
    gp_Elips elips;
    if (yRadius > xRadius) {
      correction = M_PI / 2;
      elips = gp_Elips(ax2, yRadius, xRadius).Rotated(ax1, correction);
    } else {
      elips = gp_Elips(ax2, xRadius, yRadius);
    }
    TopoDS_Edge e;
    if (angle1 == angle2) {
      e = BRepBuilderAPI_MakeEdge(elips).Edge();
    } else {
      GC_MakeArcOfEllipse arc(elips, angle1 * kDegToRad - correction, angle2 * kDegToRad - correction, sense == 1);
      if (!arc.IsDone()) throwGeometryError(op, "could not build the elliptical arc");
      e = BRepBuilderAPI_MakeEdge(arc.Value()).Edge();
    }
    if (rotationAngle != 0) {
      gp_Trsf rot;
      rot.SetRotation(ax1, rotationAngle * kDegToRad);
      e = TopoDS::Edge(BRepBuilderAPI_Transform(e, rot, Standard_True).Shape());
    }
    if (startAtCurrent) {
      gp_Pnt start = BRep_Tool::Pnt(TopExp::FirstVertex(e, Standard_True));
      gp_Trsf move;
      move.SetTranslation(start, center);
      e = TopoDS::Edge(BRepBuilderAPI_Transform(e, move, Standard_True).Shape());
    }
    return e;
  });
  return addEdgeOrWire(*this, edge, forConstruction, makeWire, op);
}

WorkplanePtr Workplane::parametricCurve(const std::function<gp_XYZ(double)>& func, int N, double start, double stop,
                                        double tol, int minDeg, int maxDeg, bool makeWire) const {
  const std::string op = "parametricCurve";
  if (N < 2) throwApiError(op, "N must be at least 2, got " + std::to_string(N));
  if (N > 100000)
    throw KernelError(ErrorKind::Limit, op, "N = " + std::to_string(N) + " samples is more than 100000",
                      "a few hundred samples describe a smooth curve");
  WorkplaneOps::requireFinite(op, "start", start);
  WorkplaneOps::requireFinite(op, "stop", stop);
  WorkplaneOps::requirePositive(op, "tol", tol);
  if (start == stop) throwApiError(op, "start and stop are equal (" + formatNumber(start) + "): the curve is a point");
  if (minDeg < 1 || maxDeg < minDeg || maxDeg > 25)
    throwApiError(op, "degrees must satisfy 1 <= minDeg <= maxDeg <= 25, got minDeg " + std::to_string(minDeg) +
                          ", maxDeg " + std::to_string(maxDeg));
  std::vector<gp_Pnt> pts;
  pts.reserve(size_t(N) + 1);
  for (int i = 0; i <= N; ++i) {
    const double t = start + (stop - start) * i / N;
    gp_XYZ p = func(t);
    requirePoint(op, "func(" + formatNumber(t) + ")", p);
    pts.push_back(m_plane.toWorld(p));
  }
  TopoDS_Edge edge = guardOcct(op, [&] {
    TColgp_Array1OfPnt arr(1, N + 1);
    for (int i = 0; i <= N; ++i) arr.SetValue(i + 1, pts[size_t(i)]);
    // CadQuery's default smoothing weights (1, 1, 1): the variational smoothing builder.
    GeomAPI_PointsToBSpline approx(arr, 1.0, 1.0, 1.0, maxDeg, GeomAbs_C2, tol);
    if (!approx.IsDone() || approx.Curve().IsNull())
      throwGeometryError(op, "could not approximate a curve through the sampled points",
                         "check that func returns distinct points along a smooth path");
    Handle(Geom_BSplineCurve) curve = approx.Curve();
    // A closed sample loop (func(start) == func(stop)) must give a closed edge, which the
    // approximation only meets within its tolerance: pin the last pole onto the first.
    if (pts.front().Distance(pts.back()) <= tol && curve->NbPoles() > 2)
      curve->SetPole(curve->NbPoles(), curve->Pole(1));
    BRepBuilderAPI_MakeEdge maker(curve);
    if (!maker.IsDone()) throwGeometryError(op, "could not build an edge from the approximated curve");
    return maker.Edge();
  });
  // CadQuery's parametricCurve has no forConstruction: the curve is always pending.
  return addEdgeOrWire(*this, edge, false, makeWire, op);
}

// --- in-plane mirroring, consolidation, offsets -----------------------------------------------

WorkplanePtr Workplane::mirrorX() const { return mirrorInPlane(*this, true, "mirrorX"); }
WorkplanePtr Workplane::mirrorY() const { return mirrorInPlane(*this, false, "mirrorY"); }

WorkplanePtr Workplane::consolidateWires() const {
  std::vector<TopoDS_Wire> wires = combinePending(*this, "consolidateWires");
  if (wires.empty()) return shared_from_this();
  std::vector<StackItem> items(wires.begin(), wires.end());
  WorkplanePtr result = newObject(std::move(items));
  m_ctx->pendingWires = wires;
  m_ctx->pendingEdges.clear();
  return result;
}

WorkplanePtr Workplane::offset2D(double d, const std::string& kind, bool forConstruction) const {
  const std::string op = "offset2D";
  WorkplaneOps::requireFinite(op, "d", d);
  GeomAbs_JoinType join;
  if (kind == "arc")
    join = GeomAbs_Arc;
  else if (kind == "intersection")
    join = GeomAbs_Intersection;
  else if (kind == "tangent")
    join = GeomAbs_Tangent;
  else
    throwApiError(op, "kind must be \"arc\", \"intersection\" or \"tangent\", got \"" + kind + "\"");
  std::vector<TopoDS_Wire> wires = combinePending(*this, op);
  if (wires.empty())
    throwApiError(op, "there is no pending outline to offset",
                  "draw a closed outline first, e.g. .rect(20, 10).offset2D(2)");
  std::vector<TopoDS_Wire> result;
  for (const auto& w : wires) {
    TopoDS_Shape shape = guardOcct(op, [&] {
      BRepOffsetAPI_MakeOffset maker;
      maker.Init(join);
      maker.AddWire(w);
      maker.Perform(d);
      if (!maker.IsDone())
        throwGeometryError(op, "could not offset the outline by " + formatNumber(d),
                           d < 0 ? "an inward offset larger than half the outline's width removes it" : "");
      return maker.Shape();
    });
    for (const auto& sub : subShapes(shape, TopAbs_WIRE)) result.push_back(TopoDS::Wire(sub));
  }
  // An inward offset that swallows an outline leaves no wire, as in CadQuery (no error here;
  // a later extrude reports the missing outline).
  m_ctx->pendingEdges.clear();
  m_ctx->firstPoint.reset();
  if (forConstruction)
    m_ctx->pendingWires.clear();
  else
    m_ctx->pendingWires = result;
  std::vector<StackItem> items(result.begin(), result.end());
  return newObject(std::move(items));
}

}  // namespace partsmith::kernel
