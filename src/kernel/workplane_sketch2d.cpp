// Workplane closed 2D shapes: rect, circle, ellipse, polygon, slot2D. Each wire is built once
// in plane-local coordinates (centred on the local origin), then placed at every stack
// location and queued as a pending wire, as CadQuery's eachpoint(..., useLocalCoordinates).
#include <cmath>
#include <sstream>

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <TopoDS.hxx>
#include <gp_Ax2.hxx>
#include <gp_Circ.hxx>
#include <gp_Elips.hxx>

#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

constexpr double kDegToRad = M_PI / 180.0;

// A non-zero finite size (rect sides may be negative: they flip the side the corner grows to).
void requireNonZero(const std::string& operation, const std::string& argument, double value) {
  WorkplaneOps::requireFinite(operation, argument, value);
  if (value == 0) throwApiError(operation, argument + " must not be 0");
  WorkplaneOps::requireSize(operation, "|" + argument + "|", std::abs(value));
}

TopoDS_Wire wireFromEdges(const std::vector<TopoDS_Edge>& edges, const std::string& operation) {
  BRepBuilderAPI_MakeWire maker;
  for (const auto& e : edges) maker.Add(e);
  if (!maker.IsDone()) throwGeometryError(operation, "could not join the outline into a wire");
  return maker.Wire();
}

TopoDS_Wire closedPolygon(const std::vector<gp_Pnt>& points, const std::string& operation) {
  BRepBuilderAPI_MakePolygon maker;
  for (const auto& p : points) maker.Add(p);
  maker.Close();
  if (!maker.IsDone()) throwGeometryError(operation, "could not build the outline (corners coincide)");
  return maker.Wire();
}

TopoDS_Wire rotatedAboutZ(const TopoDS_Wire& wire, double degrees) {
  if (degrees == 0) return wire;
  gp_Trsf rotation;
  rotation.SetRotation(gp_Ax1(gp_Pnt(0, 0, 0), gp_Dir(0, 0, 1)), degrees * kDegToRad);
  return TopoDS::Wire(BRepBuilderAPI_Transform(wire, rotation, /*Copy=*/true).Shape());
}

// One placed copy of `local` per stack location; queued as pending wires unless for construction.
WorkplanePtr placeWires(const Workplane& wp, const TopoDS_Wire& local, bool forConstruction) {
  std::vector<TopoDS_Wire> placed;
  for (const Location& loc : WorkplaneOps::locations(wp))
    placed.push_back(TopoDS::Wire(local.Moved(loc.toTopLoc())));
  return WorkplaneOps::addWires(wp, placed, forConstruction);
}

}  // namespace

WorkplanePtr Workplane::rect(double xLen, double yLen, Centered2 centered, bool forConstruction) const {
  requireNonZero("rect", "xLen", xLen);
  requireNonZero("rect", "yLen", yLen);
  // Not centred on an axis: the corner sits on the point and the rectangle grows towards +.
  const double ox = centered[0] ? 0 : xLen / 2, oy = centered[1] ? 0 : yLen / 2;
  TopoDS_Wire local = guardOcct("rect", [&] {
    return closedPolygon({gp_Pnt(ox - xLen / 2, oy - yLen / 2, 0), gp_Pnt(ox + xLen / 2, oy - yLen / 2, 0),
                          gp_Pnt(ox + xLen / 2, oy + yLen / 2, 0), gp_Pnt(ox - xLen / 2, oy + yLen / 2, 0)},
                         "rect");
  });
  return placeWires(*this, local, forConstruction);
}

WorkplanePtr Workplane::circle(double radius, bool forConstruction) const {
  WorkplaneOps::requireSize("circle", "radius", radius);
  TopoDS_Wire local = guardOcct("circle", [&] {
    gp_Circ circ(gp_Ax2(gp_Pnt(0, 0, 0), gp_Dir(0, 0, 1), gp_Dir(1, 0, 0)), radius);
    BRepBuilderAPI_MakeEdge edge(circ);
    if (!edge.IsDone()) throwGeometryError("circle", "could not build a circle of radius " + formatNumber(radius));
    return wireFromEdges({edge.Edge()}, "circle");
  });
  return placeWires(*this, local, forConstruction);
}

WorkplanePtr Workplane::ellipse(double xRadius, double yRadius, double rotationAngle, bool forConstruction) const {
  WorkplaneOps::requireSize("ellipse", "xRadius", xRadius);
  WorkplaneOps::requireSize("ellipse", "yRadius", yRadius);
  WorkplaneOps::requireFinite("ellipse", "rotationAngle", rotationAngle);
  TopoDS_Wire local = guardOcct("ellipse", [&] {
    // gp_Elips wants major >= minor: a taller-than-wide ellipse has its major axis on local y.
    const bool wide = xRadius >= yRadius;
    gp_Ax2 axes(gp_Pnt(0, 0, 0), gp_Dir(0, 0, 1), wide ? gp_Dir(1, 0, 0) : gp_Dir(0, 1, 0));
    gp_Elips elips(axes, wide ? xRadius : yRadius, wide ? yRadius : xRadius);
    BRepBuilderAPI_MakeEdge edge(elips);
    if (!edge.IsDone()) throwGeometryError("ellipse", "could not build the ellipse");
    return rotatedAboutZ(wireFromEdges({edge.Edge()}, "ellipse"), rotationAngle);
  });
  return placeWires(*this, local, forConstruction);
}

WorkplanePtr Workplane::polygon(int nSides, double diameter, bool forConstruction, bool circumscribed) const {
  if (nSides < 3) throwApiError("polygon", "nSides must be at least 3, got " + std::to_string(nSides));
  if (nSides > 10000)
    throw KernelError(ErrorKind::Limit, "polygon", "nSides is " + std::to_string(nSides) + ", more than 10000",
                      "use circle() for a round outline");
  WorkplaneOps::requireSize("polygon", "diameter", diameter);
  const double step = 2 * M_PI / nSides;
  // Inscribed (default): the vertices lie on the circle, vertex 0 on local +x. Circumscribed:
  // the circle touches the edge mid-points, the first of which is on local +x.
  const double radius = circumscribed ? diameter / 2 / std::cos(step / 2) : diameter / 2;
  const double phase = circumscribed ? step / 2 : 0;
  // Many sides on a small diameter: sides shorter than OCCT's tolerance make no outline.
  const double side = 2 * radius * std::sin(step / 2);
  if (side < 1e-6)
    throw KernelError(ErrorKind::Limit, "polygon",
                      "diameter " + formatNumber(diameter) + " is too small for " + std::to_string(nSides) +
                          " sides: each side would be " + formatNumber(side) + " mm long",
                      "use fewer sides or a larger diameter (in mm)");
  std::vector<gp_Pnt> points;
  for (int i = 0; i < nSides; ++i)
    points.emplace_back(radius * std::cos(phase + step * i), radius * std::sin(phase + step * i), 0);
  TopoDS_Wire local = guardOcct("polygon", [&] { return closedPolygon(points, "polygon"); });
  return placeWires(*this, local, forConstruction);
}

WorkplanePtr Workplane::slot2D(double length, double diameter, double angle) const {
  WorkplaneOps::requireSize("slot2D", "length", length);
  WorkplaneOps::requireSize("slot2D", "diameter", diameter);
  WorkplaneOps::requireFinite("slot2D", "angle", angle);
  if (length <= diameter)
    throwApiError("slot2D",
                  "length (" + formatNumber(length) + ") must be greater than diameter (" + formatNumber(diameter) +
                      "): length is the overall end-to-end size",
                  "for a round hole use circle(" + formatNumber(diameter / 2) + ")");
  // Along local x: two straight sides joined by half circles, end to end = length.
  const double r = diameter / 2, half = length / 2 - r;
  TopoDS_Wire local = guardOcct("slot2D", [&] {
    gp_Pnt p1(-half, r, 0), p2(half, r, 0), p3(half, -r, 0), p4(-half, -r, 0);
    Handle(Geom_TrimmedCurve) right = GC_MakeArcOfCircle(p2, gp_Pnt(half + r, 0, 0), p3).Value();
    Handle(Geom_TrimmedCurve) left = GC_MakeArcOfCircle(p4, gp_Pnt(-half - r, 0, 0), p1).Value();
    std::vector<TopoDS_Edge> edges = {BRepBuilderAPI_MakeEdge(p1, p2).Edge(), BRepBuilderAPI_MakeEdge(right).Edge(),
                                      BRepBuilderAPI_MakeEdge(p3, p4).Edge(), BRepBuilderAPI_MakeEdge(left).Edge()};
    return rotatedAboutZ(wireFromEdges(edges, "slot2D"), angle);
  });
  return placeWires(*this, local, false);
}

}  // namespace partsmith::kernel
