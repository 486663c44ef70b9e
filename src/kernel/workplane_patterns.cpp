// Workplane point patterns: pushPoints, rarray, polarArray. Points go on the stack in world
// coordinates; polarArray pushes plane-local Locations so later shapes can follow the circle.
#include <cmath>
#include <sstream>

#include <gp_Ax1.hxx>

#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

// Patterns beyond this many points are almost certainly a unit mistake and would stall the
// booleans that follow.
constexpr long kMaxPatternPoints = 100000;

void requireCount(const std::string& operation, const std::string& argument, int count) {
  if (count < 1) throwApiError(operation, argument + " must be at least 1, got " + std::to_string(count));
}

void requirePatternSize(const std::string& operation, long total) {
  if (total > kMaxPatternPoints)
    throw KernelError(ErrorKind::Limit, operation,
                      "the pattern has " + std::to_string(total) + " points, more than " +
                          std::to_string(kMaxPatternPoints));
}

}  // namespace

WorkplanePtr Workplane::pushPoints(const std::vector<StackItem>& points) const {
  requirePatternSize("pushPoints", static_cast<long>(points.size()));
  std::vector<StackItem> items;
  items.reserve(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    const StackItem& item = points[i];
    if (auto* p = std::get_if<gp_Pnt>(&item)) {
      const std::string name = "point " + std::to_string(i + 1);
      WorkplaneOps::requireFinite("pushPoints", name + " x", p->X());
      WorkplaneOps::requireFinite("pushPoints", name + " y", p->Y());
      WorkplaneOps::requireFinite("pushPoints", name + " z", p->Z());
      items.emplace_back(m_plane.toWorld(p->XYZ()));
    } else if (std::holds_alternative<Location>(item)) {
      items.push_back(item);  // plane-local; WorkplaneOps::locations applies the plane
    } else {
      throwApiError("pushPoints", "item " + std::to_string(i + 1) + " is a shape, not a point",
                    "pass points as [x, y] pairs in workplane coordinates, or cq.Location objects");
    }
  }
  return newObject(std::move(items));
}

WorkplanePtr Workplane::rarray(double xSpacing, double ySpacing, int xCount, int yCount, Centered2 center) const {
  WorkplaneOps::requireFinite("rarray", "xSpacing", xSpacing);
  WorkplaneOps::requireFinite("rarray", "ySpacing", ySpacing);
  requireCount("rarray", "xCount", xCount);
  requireCount("rarray", "yCount", yCount);
  if (xSpacing <= 0 && ySpacing <= 0)
    throwApiError("rarray", "spacing must be > 0 in at least one direction (got xSpacing " +
                                formatNumber(xSpacing) + ", ySpacing " + formatNumber(ySpacing) + ")");
  requirePatternSize("rarray", static_cast<long>(xCount) * yCount);
  const double ox = center[0] ? -xSpacing * (xCount - 1) * 0.5 : 0;
  const double oy = center[1] ? -ySpacing * (yCount - 1) * 0.5 : 0;
  std::vector<StackItem> points;
  points.reserve(static_cast<size_t>(xCount) * yCount);
  // CadQuery order: x outer, y inner.
  for (int x = 0; x < xCount; ++x)
    for (int y = 0; y < yCount; ++y) points.emplace_back(gp_Pnt(ox + xSpacing * x, oy + ySpacing * y, 0));
  return pushPoints(points);
}

WorkplanePtr Workplane::polarArray(double radius, double startAngle, double angle, int count, bool fill,
                                   bool rotate) const {
  WorkplaneOps::requireFinite("polarArray", "radius", radius);
  WorkplaneOps::requireFinite("polarArray", "startAngle", startAngle);
  WorkplaneOps::requireFinite("polarArray", "angle", angle);
  requireCount("polarArray", "count", count);
  requirePatternSize("polarArray", count);
  double step = angle;
  if (fill) {
    // A whole turn would put the last item on top of the first, so it is split into `count`
    // gaps; any other sweep includes both ends.
    if (std::abs(std::remainder(angle, 360.0)) < 1e-6)
      step = angle / count;
    else
      step = count > 1 ? angle / (count - 1) : 0;
  }
  std::vector<StackItem> locs;
  locs.reserve(count);
  for (int i = 0; i < count; ++i) {
    const double deg = startAngle + step * i;
    const double rad = deg * M_PI / 180.0;
    gp_Trsf trsf;
    if (rotate) trsf.SetRotation(gp_Ax1(gp_Pnt(0, 0, 0), gp_Dir(0, 0, 1)), rad);
    trsf.SetTranslationPart(gp_Vec(radius * std::cos(rad), radius * std::sin(rad), 0));
    locs.emplace_back(Location(trsf));
  }
  return pushPoints(locs);
}

}  // namespace partsmith::kernel
