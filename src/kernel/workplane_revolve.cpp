// Workplane.revolve: pending faces turned about an axis given in plane-local coordinates,
// with CadQuery's angle normalisation and its axisStart-only quirk.
#include <cmath>

#include <BRepAdaptor_Curve.hxx>
#include <BRepPrimAPI_MakeRevol.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <gp_Ax1.hxx>

#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

// A profile lying in a plane through the axis must stay on one side of it, otherwise the
// revolved solid intersects itself (OCCT builds it anyway, and later booleans fail).
void requireOneSideOfAxis(const TopoDS_Face& face, const gp_Ax1& axis) {
  if (!isPlanarFace(face)) return;
  const gp_Dir normal = faceNormalAt(face);
  if (std::abs(normal.Dot(axis.Direction())) > 1e-6) return;
  const gp_XYZ origin = axis.Location().XYZ();
  if (std::abs((origin - shapeCenter(face).XYZ()).Dot(normal.XYZ())) > 1e-6) return;
  const gp_XYZ side = normal.XYZ().Crossed(axis.Direction().XYZ());
  double lo = 0, hi = 0;
  for (TopExp_Explorer it(face, TopAbs_EDGE); it.More(); it.Next()) {
    BRepAdaptor_Curve curve(TopoDS::Edge(it.Current()));
    const int samples = 16;
    for (int i = 0; i <= samples; ++i) {
      const double u = curve.FirstParameter() + (curve.LastParameter() - curve.FirstParameter()) * i / samples;
      const double d = (curve.Value(u).XYZ() - origin).Dot(side);
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
  }
  const double tol = 1e-6 * std::max(1.0, hi - lo);
  if (lo < -tol && hi > tol)
    throwApiError("revolve", "the profile crosses the axis of revolution",
                  "move the profile to one side of the axis (axisStart/axisEnd are in workplane coordinates)");
}

}  // namespace

WorkplanePtr Workplane::revolve(double angleDegrees, const std::optional<gp_XYZ>& axisStart,
                                const std::optional<gp_XYZ>& axisEnd, Combine combine, bool clean) const {
  const std::string op = "revolve";
  WorkplaneOps::requireFinite(op, "angleDegrees", angleDegrees);
  // Python's %: the result takes the divisor's sign, so -90 becomes 270; 0 means a full turn.
  double angle = std::fmod(angleDegrees, 360.0);
  if (angle < 0) angle += 360.0;
  if (angle == 0) angle = 360.0;

  const gp_Pnt start = m_plane.toWorld(axisStart.value_or(gp_XYZ(0, 0, 0)));
  gp_Pnt end;
  if (axisEnd) {
    end = m_plane.toWorld(*axisEnd);
  } else {
    // CadQuery quirk: with only axisStart the end is toWorld((0, y)) where y is the *world*
    // y of the start point; scripts depend on the resulting axis.
    end = start.Y() != 0 ? m_plane.toWorld(0, start.Y()) : m_plane.toWorld(0, 1);
  }
  if (start.Distance(end) < 1e-9)
    throwApiError(op, "axisStart and axisEnd are the same point, so there is no axis to revolve about",
                  "give axisEnd explicitly, e.g. revolve(360, [0, 0], [0, 1])");
  const gp_Ax1 axis(start, gp_Dir(gp_Vec(start, end)));

  auto faces = WorkplaneOps::takeFaces(*this, op);
  std::vector<TopoDS_Shape> solids;
  for (const auto& face : faces) {
    requireOneSideOfAxis(face, axis);
    solids.push_back(guardOcct(op, [&]() -> TopoDS_Shape {
      BRepPrimAPI_MakeRevol maker(face, axis, angle * M_PI / 180.0, true);
      if (!maker.IsDone() || maker.Shape().IsNull()) throwGeometryError(op, "could not revolve the profile");
      return maker.Shape();
    }));
  }
  // CadQuery keeps the solids as one compound on the stack when not combining.
  if (combine == Combine::None) solids = {makeCompound(solids)};
  return WorkplaneOps::combineNew(*this, solids, combine, clean, op);
}

}  // namespace partsmith::kernel
