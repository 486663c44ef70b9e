// Workplane hole, cboreHole and cskHole: one drill tool per stack location, built in
// plane-local coordinates going down -z from the workplane surface, cut from the context
// solid (CadQuery's cutEach).
#include <cmath>

#include <BRepPrimAPI_MakeCone.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <gp_Ax2.hxx>

#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

const gp_Ax2 kDownAxis(gp_Pnt(0, 0, 0), gp_Dir(0, 0, -1));

TopoDS_Shape drillCylinder(double radius, double depth, const std::string& operation) {
  return guardOcct(operation, [&]() -> TopoDS_Shape {
    BRepPrimAPI_MakeCylinder maker(kDownAxis, radius, depth);
    maker.Build();
    if (!maker.IsDone()) throwGeometryError(operation, "could not build the drill");
    return maker.Shape();
  });
}

// The depth of a hole: given (positive) or through the whole part (its bbox diagonal).
double holeDepth(const Workplane& wp, std::optional<double> depth, const std::string& operation) {
  if (!depth) return wp.largestDimension();
  WorkplaneOps::requirePositive(operation, "depth", *depth);
  return *depth;
}

WorkplanePtr cutAtLocations(const Workplane& wp, const TopoDS_Shape& solid, const TopoDS_Shape& tool, bool clean,
                            const std::string& operation) {
  std::vector<TopoDS_Shape> tools;
  for (const Location& loc : WorkplaneOps::locations(wp)) tools.push_back(WorkplaneOps::locate(tool, loc));
  TopoDS_Shape result = WorkplaneOps::cut(solid, tools, operation);
  if (clean) result = cleanShape(result);
  return WorkplaneOps::make(wp, {result});
}

void requireLarger(const std::string& operation, const std::string& bigName, double big, const std::string& smallName,
                   double small) {
  if (big <= small)
    throwApiError(operation,
                  bigName + " (" + formatNumber(big) + ") must be larger than " + smallName + " (" +
                      formatNumber(small) + ")");
}

}  // namespace

WorkplanePtr Workplane::hole(double diameter, std::optional<double> depth, bool clean) const {
  const std::string op = "hole";
  WorkplaneOps::requirePositive(op, "diameter", diameter);
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);
  TopoDS_Shape tool = drillCylinder(diameter / 2, holeDepth(*this, depth, op), op);
  return cutAtLocations(*this, solid, tool, clean, op);
}

WorkplanePtr Workplane::cboreHole(double diameter, double cboreDiameter, double cboreDepth,
                                  std::optional<double> depth, bool clean) const {
  const std::string op = "cboreHole";
  WorkplaneOps::requirePositive(op, "diameter", diameter);
  WorkplaneOps::requirePositive(op, "cboreDiameter", cboreDiameter);
  WorkplaneOps::requirePositive(op, "cboreDepth", cboreDepth);
  requireLarger(op, "cboreDiameter", cboreDiameter, "diameter", diameter);
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);
  TopoDS_Shape bore = drillCylinder(diameter / 2, holeDepth(*this, depth, op), op);
  TopoDS_Shape counterbore = drillCylinder(cboreDiameter / 2, cboreDepth, op);
  TopoDS_Shape tool = WorkplaneOps::fuse(bore, {counterbore}, op);
  return cutAtLocations(*this, solid, tool, clean, op);
}

WorkplanePtr Workplane::cskHole(double diameter, double cskDiameter, double cskAngle, std::optional<double> depth,
                                bool clean) const {
  const std::string op = "cskHole";
  WorkplaneOps::requirePositive(op, "diameter", diameter);
  WorkplaneOps::requirePositive(op, "cskDiameter", cskDiameter);
  WorkplaneOps::requireFinite(op, "cskAngle", cskAngle);
  if (cskAngle <= 0 || cskAngle >= 180)
    throwApiError(op, "cskAngle must be between 0 and 180 degrees, got " + formatNumber(cskAngle),
                  "82 or 90 degrees are common countersink angles");
  requireLarger(op, "cskDiameter", cskDiameter, "diameter", diameter);
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);
  TopoDS_Shape bore = drillCylinder(diameter / 2, holeDepth(*this, depth, op), op);
  // The cone runs from the countersink diameter at the surface to a point below it.
  const double r = cskDiameter / 2;
  const double coneDepth = r / std::tan(cskAngle * M_PI / 360.0);
  TopoDS_Shape cone = guardOcct(op, [&]() -> TopoDS_Shape {
    BRepPrimAPI_MakeCone maker(kDownAxis, r, 0.0, coneDepth);
    maker.Build();
    if (!maker.IsDone()) throwGeometryError(op, "could not build the countersink cone");
    return maker.Shape();
  });
  TopoDS_Shape tool = WorkplaneOps::fuse(bore, {cone}, op);
  return cutAtLocations(*this, solid, tool, clean, op);
}

}  // namespace partsmith::kernel
