// Workplane line-type calls (lines, arcs, splines) that append edges to the chain's pending
// edges, plus close() and wire() that join them into a pending wire. Coordinates are local
// to the current plane; edges are built in world coordinates like CadQuery's.
#include <cmath>
#include <sstream>

#include <BRepAdaptor_Curve.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <GeomAPI_Interpolate.hxx>
#include <Geom_BSplineCurve.hxx>
#include <Geom_TrimmedCurve.hxx>
#include <Precision.hxx>
#include <TColStd_HArray1OfBoolean.hxx>
#include <TColStd_HArray1OfReal.hxx>
#include <TColgp_Array1OfVec.hxx>
#include <TColgp_HArray1OfPnt.hxx>
#include <TopoDS.hxx>

#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

constexpr double kDegToRad = M_PI / 180.0;

std::string formatLocal(const Plane& plane, const gp_Pnt& world) {
  gp_XYZ p = plane.toLocal(world);
  return "(" + formatNumber(p.X()) + ", " + formatNumber(p.Y()) + ")";
}

void requirePoint(const std::string& operation, const std::string& argument, const gp_XY& p) {
  WorkplaneOps::requireFinite(operation, argument + " x", p.X());
  WorkplaneOps::requireFinite(operation, argument + " y", p.Y());
}

TopoDS_Edge lineEdge(const Workplane& wp, const gp_Pnt& from, const gp_Pnt& to, const std::string& operation) {
  if (from.Distance(to) <= Precision::Confusion())
    throwApiError(operation,
                  "the line has zero length: it starts and ends at " + formatLocal(wp.plane(), from),
                  "the end point must differ from the current point");
  return guardOcct(operation, [&] {
    BRepBuilderAPI_MakeEdge maker(from, to);
    if (!maker.IsDone()) throwGeometryError(operation, "could not build the line");
    return maker.Edge();
  });
}

TopoDS_Edge threePointArcEdge(const Workplane& wp, const gp_Pnt& p0, const gp_Pnt& p1, const gp_Pnt& p2,
                              const std::string& operation) {
  const Plane& plane = wp.plane();
  if (p0.Distance(p2) <= Precision::Confusion())
    throwApiError(operation, "the arc starts and ends at the same point " + formatLocal(plane, p0),
                  "use circle() for a full circle");
  return guardOcct(operation, [&] {
    GC_MakeArcOfCircle maker(p0, p1, p2);
    if (!maker.IsDone())
      throwApiError(operation,
                    "no arc passes through " + formatLocal(plane, p0) + ", " + formatLocal(plane, p1) + " and " +
                        formatLocal(plane, p2) + ": the points are in a straight line or coincide",
                    "use lineTo for a straight segment, or move the middle point off the line");
    return BRepBuilderAPI_MakeEdge(maker.Value()).Edge();
  });
}

// Tangent at the end of `edge` in the direction of travel (edge orientation respected).
gp_Vec endTangent(const TopoDS_Edge& edge) {
  BRepAdaptor_Curve curve(edge);
  const bool reversed = edge.Orientation() == TopAbs_REVERSED;
  gp_Pnt p;
  gp_Vec d;
  curve.D1(reversed ? curve.FirstParameter() : curve.LastParameter(), p, d);
  return reversed ? -d : d;
}

// CadQuery wire(): pending edges -> one wire; non-edge stack items are kept before it.
WorkplanePtr joinPendingEdges(const Workplane& wp, bool forConstruction, const std::string& operation) {
  auto& ctx = *wp.context();
  if (ctx.pendingEdges.empty()) return wp.shared_from_this();
  TopoDS_Wire w = WorkplaneOps::consumePendingEdgesAsWire(wp, operation);
  if (forConstruction) ctx.pendingWires.pop_back();
  std::vector<StackItem> items;
  for (const auto& item : wp.objects()) {
    auto* shape = std::get_if<TopoDS_Shape>(&item);
    if (shape && !shape->IsNull() && shape->ShapeType() == TopAbs_EDGE) continue;
    items.push_back(item);
  }
  items.emplace_back(TopoDS_Shape(w));
  return wp.newObject(std::move(items));
}

}  // namespace

// --- straight lines -----------------------------------------------------------------------

WorkplanePtr Workplane::polyline(const std::vector<gp_XY>& points, bool forConstruction, bool includeCurrent) const {
  for (size_t i = 0; i < points.size(); ++i) requirePoint("polyline", "point " + std::to_string(i + 1), points[i]);
  const size_t needed = includeCurrent ? 1 : 2;
  if (points.size() < needed)
    throwApiError("polyline",
                  "needs at least " + std::to_string(needed) + " point" + (needed > 1 ? "s" : "") + ", got " +
                      std::to_string(points.size()),
                  includeCurrent ? "" : "pass includeCurrent=true to start from the current point");
  gp_Pnt start = includeCurrent ? WorkplaneOps::currentPoint(*this) : m_plane.toWorld(points[0].X(), points[0].Y());
  const gp_Pnt chainStart = start;
  std::vector<TopoDS_Edge> edges;
  for (size_t i = includeCurrent ? 0 : 1; i < points.size(); ++i) {
    gp_Pnt end = m_plane.toWorld(points[i].X(), points[i].Y());
    edges.push_back(lineEdge(*this, start, end, "polyline"));
    start = end;
  }
  std::vector<StackItem> items;
  for (const auto& e : edges) {
    if (!forConstruction) m_ctx->pendingEdges.push_back(e);
    items.emplace_back(TopoDS_Shape(e));
  }
  if (!forConstruction && !m_ctx->firstPoint) m_ctx->firstPoint = chainStart;
  return newObject(std::move(items));
}

WorkplanePtr Workplane::lineTo(double x, double y, bool forConstruction) const {
  WorkplaneOps::requireFinite("lineTo", "x", x);
  WorkplaneOps::requireFinite("lineTo", "y", y);
  gp_Pnt start = WorkplaneOps::currentPoint(*this);
  return WorkplaneOps::addEdge(*this, lineEdge(*this, start, m_plane.toWorld(x, y), "lineTo"), forConstruction);
}

WorkplanePtr Workplane::line(double xDist, double yDist, bool forConstruction) const {
  WorkplaneOps::requireFinite("line", "xDist", xDist);
  WorkplaneOps::requireFinite("line", "yDist", yDist);
  gp_Pnt p = WorkplaneOps::currentPoint(*this, true);
  gp_Pnt start = WorkplaneOps::currentPoint(*this);
  gp_Pnt end = m_plane.toWorld(p.X() + xDist, p.Y() + yDist);
  return WorkplaneOps::addEdge(*this, lineEdge(*this, start, end, "line"), forConstruction);
}

WorkplanePtr Workplane::hLine(double distance, bool forConstruction) const {
  WorkplaneOps::requireFinite("hLine", "distance", distance);
  return line(distance, 0, forConstruction);
}

WorkplanePtr Workplane::vLine(double distance, bool forConstruction) const {
  WorkplaneOps::requireFinite("vLine", "distance", distance);
  return line(0, distance, forConstruction);
}

WorkplanePtr Workplane::hLineTo(double x, bool forConstruction) const {
  WorkplaneOps::requireFinite("hLineTo", "x", x);
  return lineTo(x, WorkplaneOps::currentPoint(*this, true).Y(), forConstruction);
}

WorkplanePtr Workplane::vLineTo(double y, bool forConstruction) const {
  WorkplaneOps::requireFinite("vLineTo", "y", y);
  return lineTo(WorkplaneOps::currentPoint(*this, true).X(), y, forConstruction);
}

WorkplanePtr Workplane::polarLine(double distance, double angle, bool forConstruction) const {
  WorkplaneOps::requireFinite("polarLine", "distance", distance);
  WorkplaneOps::requireFinite("polarLine", "angle", angle);
  return line(distance * std::cos(angle * kDegToRad), distance * std::sin(angle * kDegToRad), forConstruction);
}

WorkplanePtr Workplane::polarLineTo(double distance, double angle, bool forConstruction) const {
  WorkplaneOps::requireFinite("polarLineTo", "distance", distance);
  WorkplaneOps::requireFinite("polarLineTo", "angle", angle);
  return lineTo(distance * std::cos(angle * kDegToRad), distance * std::sin(angle * kDegToRad), forConstruction);
}

// --- arcs ---------------------------------------------------------------------------------

WorkplanePtr Workplane::threePointArc(const gp_XY& point1, const gp_XY& point2, bool forConstruction) const {
  requirePoint("threePointArc", "point1", point1);
  requirePoint("threePointArc", "point2", point2);
  gp_Pnt start = WorkplaneOps::currentPoint(*this);
  TopoDS_Edge arc = threePointArcEdge(*this, start, m_plane.toWorld(point1.X(), point1.Y()),
                                      m_plane.toWorld(point2.X(), point2.Y()), "threePointArc");
  return WorkplaneOps::addEdge(*this, arc, forConstruction);
}

WorkplanePtr Workplane::sagittaArc(const gp_XY& endPoint, double sag, bool forConstruction) const {
  requirePoint("sagittaArc", "endPoint", endPoint);
  WorkplaneOps::requireFinite("sagittaArc", "sag", sag);
  if (sag == 0)
    throwApiError("sagittaArc", "sag must not be 0 (a zero sagitta is a straight line)", "use lineTo for a straight segment");
  gp_Pnt startLocal = WorkplaneOps::currentPoint(*this, true);
  gp_XY start(startLocal.X(), startLocal.Y());
  gp_XY chord = endPoint - start;
  if (chord.Modulus() <= Precision::Confusion())
    throwApiError("sagittaArc", "the arc starts and ends at the same point " + formatLocal(m_plane, m_plane.toWorld(start.X(), start.Y())));
  // CadQuery: positive sag puts the arc's middle to the left of start->end (chord turned +90°).
  gp_XY dir = chord / chord.Modulus();
  gp_XY left(-dir.Y(), dir.X());
  gp_XY middle = (start + endPoint) * 0.5 + left * sag;
  gp_Pnt startWorld = WorkplaneOps::currentPoint(*this);
  TopoDS_Edge arc = threePointArcEdge(*this, startWorld, m_plane.toWorld(middle.X(), middle.Y()),
                                      m_plane.toWorld(endPoint.X(), endPoint.Y()), "sagittaArc");
  return WorkplaneOps::addEdge(*this, arc, forConstruction);
}

WorkplanePtr Workplane::radiusArc(const gp_XY& endPoint, double radius, bool forConstruction) const {
  requirePoint("radiusArc", "endPoint", endPoint);
  WorkplaneOps::requireFinite("radiusArc", "radius", radius);
  if (radius == 0) throwApiError("radiusArc", "radius must not be 0", "positive and negative radii pick the side of the arc");
  gp_Pnt startLocal = WorkplaneOps::currentPoint(*this, true);
  const double halfChord = (endPoint - gp_XY(startLocal.X(), startLocal.Y())).Modulus() / 2;
  double underRoot = radius * radius - halfChord * halfChord;
  // A half circle computed from rounded inputs may come out a hair short; accept that.
  if (underRoot < 0 && underRoot > -1e-9 * radius * radius) underRoot = 0;
  if (underRoot < 0)
    throwApiError("radiusArc",
                  "radius " + formatNumber(std::abs(radius)) + " is too small to reach the end point: it must be at least " +
                      formatNumber(halfChord) + " (half the distance between the points)");
  // CadQuery: the sagitta of the shorter arc; positive radius = sagittaArc with positive sag.
  const double sag = std::abs(radius) - std::sqrt(underRoot);
  return sagittaArc(endPoint, radius > 0 ? sag : -sag, forConstruction);
}

WorkplanePtr Workplane::tangentArcPoint(const gp_XY& endpoint, bool forConstruction, bool relative) const {
  return tangentArcPoint(gp_XYZ(endpoint.X(), endpoint.Y(), 0), forConstruction, relative);
}

WorkplanePtr Workplane::tangentArcPoint(const gp_XYZ& endpoint, bool forConstruction, bool relative) const {
  requirePoint("tangentArcPoint", "endpoint", gp_XY(endpoint.X(), endpoint.Y()));
  WorkplaneOps::requireFinite("tangentArcPoint", "endpoint z", endpoint.Z());
  const TopoDS_Shape* previous = nullptr;
  if (!m_objects.empty()) previous = std::get_if<TopoDS_Shape>(&m_objects.back());
  if (!previous || previous->IsNull() || previous->ShapeType() != TopAbs_EDGE)
    throwApiError("tangentArcPoint", "needs a line or arc as the last object, to continue tangent to it",
                  "call it right after lineTo, line, threePointArc or another arc");
  const TopoDS_Edge& edge = TopoDS::Edge(*previous);
  gp_Pnt endLocal(endpoint);
  if (relative) {
    gp_Pnt current = WorkplaneOps::currentPoint(*this, true);
    endLocal = gp_Pnt(current.XYZ() + endLocal.XYZ());
  }
  gp_Pnt end = m_plane.toWorld(endLocal.XYZ());
  gp_Pnt start = WorkplaneOps::currentPoint(*this);
  if (start.Distance(end) <= Precision::Confusion())
    throwApiError("tangentArcPoint", "the arc starts and ends at the same point " + formatLocal(m_plane, start),
                  relative ? "endpoint is relative to the current point; (0, 0) means no movement" : "");
  TopoDS_Edge arc = guardOcct("tangentArcPoint", [&] {
    gp_Vec tangent = endTangent(edge);
    if (tangent.Magnitude() <= Precision::Confusion())
      throwGeometryError("tangentArcPoint", "the previous edge has no direction at its end");
    // GC_MakeArcOfCircle throws on a collinear end point instead of reporting it.
    const gp_Vec chord(start, end);
    const bool ahead = tangent.Crossed(chord).Magnitude() <= 1e-9 * tangent.Magnitude() * chord.Magnitude();
    if (ahead)
      throwApiError("tangentArcPoint",
                    "the end point " + formatLocal(m_plane, end) + " lies on the line of the previous edge, so no "
                        "tangent arc reaches it",
                    "use lineTo to continue in a straight line");
    GC_MakeArcOfCircle maker(start, tangent, end);
    if (!maker.IsDone())
      throwApiError("tangentArcPoint",
                    "no tangent arc reaches the end point " + formatLocal(m_plane, end));
    return BRepBuilderAPI_MakeEdge(maker.Value()).Edge();
  });
  return WorkplaneOps::addEdge(*this, arc, forConstruction);
}

// --- splines ------------------------------------------------------------------------------

WorkplanePtr Workplane::spline(const std::vector<gp_XY>& points, const SplineOptions& options) const {
  std::vector<gp_XYZ> points3;
  for (const auto& p : points) points3.emplace_back(p.X(), p.Y(), 0);
  return spline(points3, options);
}

WorkplanePtr Workplane::spline(const std::vector<gp_XYZ>& points, const SplineOptions& options) const {
  const std::string op = "spline";
  for (size_t i = 0; i < points.size(); ++i) {
    requirePoint(op, "point " + std::to_string(i + 1), gp_XY(points[i].X(), points[i].Y()));
    WorkplaneOps::requireFinite(op, "point " + std::to_string(i + 1) + " z", points[i].Z());
  }
  std::vector<gp_Pnt> all;
  if (options.includeCurrent) all.push_back(WorkplaneOps::currentPoint(*this));
  for (const auto& p : points) all.push_back(m_plane.toWorld(p));
  if (all.size() < 2)
    throwApiError(op, "needs at least 2 points to interpolate, got " + std::to_string(all.size()));
  const int n = static_cast<int>(all.size());
  const double tol = options.tol ? *options.tol : 1e-6;
  WorkplaneOps::requirePositive(op, "tol", tol);
  for (int i = 0; i + 1 < n; ++i)
    if (all[i].Distance(all[i + 1]) <= tol)
      throwApiError(op, "points " + std::to_string(i + 1) + " and " + std::to_string(i + 2) + " coincide at " +
                            formatLocal(m_plane, all[i]),
                    "remove the repeated point");
  if (options.periodic && all.front().Distance(all.back()) <= tol)
    throwApiError(op, "a periodic spline closes itself: do not repeat the first point at the end");

  // An unset entry (CadQuery's None) leaves that point without a tangent constraint.
  std::vector<std::optional<gp_Vec>> tangents;
  if (options.tangents) {
    for (size_t i = 0; i < options.tangents->size(); ++i) {
      const auto& t = (*options.tangents)[i];
      if (!t) {
        tangents.emplace_back();
        continue;
      }
      requirePoint(op, "tangent " + std::to_string(i + 1), gp_XY(t->X(), t->Y()));
      WorkplaneOps::requireFinite(op, "tangent " + std::to_string(i + 1) + " z", t->Z());
      tangents.emplace_back(gp_Vec(m_plane.xDir()) * t->X() + gp_Vec(m_plane.yDir()) * t->Y() +
                            gp_Vec(m_plane.zDir()) * t->Z());
      if (tangents.back()->Magnitude() <= tol)
        throwApiError(op, "tangent " + std::to_string(i + 1) + " has zero length");
    }
    const bool endsOnly = tangents.size() == 2 && n != 2;
    if (endsOnly && (!tangents[0] || !tangents[1]))
      throwApiError(op, "the start and end tangents must both be given",
                    "give one tangent per point, with null where the curve is free");
    if (!endsOnly && static_cast<int>(tangents.size()) != n)
      throwApiError(op,
                    "got " + std::to_string(tangents.size()) + " tangents for " + std::to_string(n) +
                        " points: give one tangent per point, or just the start and end tangents",
                    options.includeCurrent ? "the current point counts as the first point (includeCurrent)" : "");
  }
  const int expectedParams = n + (options.periodic ? 1 : 0);
  if (options.parameters) {
    const auto& params = *options.parameters;
    if (static_cast<int>(params.size()) != expectedParams)
      throwApiError(op, "got " + std::to_string(params.size()) + " parameters, need " + std::to_string(expectedParams) +
                            (options.periodic ? " (one per point plus one, for a periodic spline)" : " (one per point)"));
    for (size_t i = 0; i < params.size(); ++i) {
      WorkplaneOps::requireFinite(op, "parameter " + std::to_string(i + 1), params[i]);
      if (i > 0 && !(params[i] > params[i - 1])) throwApiError(op, "parameters must be strictly increasing");
    }
  }

  TopoDS_Edge edge = guardOcct(op, [&] {
    Handle(TColgp_HArray1OfPnt) pnts = new TColgp_HArray1OfPnt(1, n);
    for (int i = 0; i < n; ++i) pnts->SetValue(i + 1, all[i]);
    std::unique_ptr<GeomAPI_Interpolate> interp;
    if (options.parameters) {
      Handle(TColStd_HArray1OfReal) params = new TColStd_HArray1OfReal(1, expectedParams);
      for (int i = 0; i < expectedParams; ++i) params->SetValue(i + 1, (*options.parameters)[i]);
      interp = std::make_unique<GeomAPI_Interpolate>(pnts, params, options.periodic, tol);
    } else {
      interp = std::make_unique<GeomAPI_Interpolate>(pnts, options.periodic, tol);
    }
    // All entries null constrain nothing: the same curve as without tangents.
    bool anyTangent = false;
    for (const auto& t : tangents) anyTangent = anyTangent || t.has_value();
    if (anyTangent) {
      if (tangents.size() == 2 && n != 2) {
        interp->Load(*tangents.front(), *tangents.back(), options.scale);
      } else {
        TColgp_Array1OfVec vecs(1, n);
        Handle(TColStd_HArray1OfBoolean) flags = new TColStd_HArray1OfBoolean(1, n);
        for (int i = 0; i < n; ++i) {
          vecs.SetValue(i + 1, tangents[i].value_or(gp_Vec(0, 0, 0)));
          flags->SetValue(i + 1, tangents[i].has_value());
        }
        interp->Load(vecs, flags, options.scale);
      }
    }
    interp->Perform();
    if (!interp->IsDone())
      throwGeometryError(op, "could not interpolate a spline through these points",
                         "check that the points are distinct and the tangents point along the curve");
    BRepBuilderAPI_MakeEdge maker(interp->Curve());
    if (!maker.IsDone()) throwGeometryError(op, "could not build an edge from the spline");
    return maker.Edge();
  });

  if (!options.makeWire) return WorkplaneOps::addEdge(*this, edge, options.forConstruction);
  TopoDS_Wire wire = guardOcct(op, [&] { return BRepBuilderAPI_MakeWire(edge).Wire(); });
  return WorkplaneOps::addWires(*this, {wire}, options.forConstruction);
}

// --- finishing an outline -------------------------------------------------------------------

WorkplanePtr Workplane::close() const {
  if (!m_ctx->firstPoint)
    throwApiError("close", "there is no outline to close: no line or arc was drawn since the last close()",
                  "draw the outline first, e.g. .moveTo(0, 0).lineTo(10, 0).lineTo(10, 5).close()");
  gp_Pnt end = WorkplaneOps::currentPoint(*this);
  const gp_Pnt start = *m_ctx->firstPoint;
  // CadQuery adds the closing line only for a real gap (> 1e-6), and keeps this object's
  // stack for wire(), so the closing edge is pending but not on the stack.
  if (end.Distance(start) > 1e-6) WorkplaneOps::addEdge(*this, lineEdge(*this, end, start, "close"), false);
  m_ctx->firstPoint.reset();
  return joinPendingEdges(*this, false, "close");
}

WorkplanePtr Workplane::wire(bool forConstruction) const { return joinPendingEdges(*this, forConstruction, "wire"); }

}  // namespace partsmith::kernel
