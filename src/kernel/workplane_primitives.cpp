// Workplane 3D primitives: box, sphere, cylinder, wedge. Each is built once in plane-local
// coordinates, then placed at every stack location and combined, as CadQuery's eachpoint does.
#include <cmath>

#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakeSphere.hxx>
#include <BRepPrimAPI_MakeWedge.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <gp_Ax2.hxx>

#include "kernel/op_cache.h"
#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

constexpr double kDegToRad = M_PI / 180.0;

// One copy of `local` per stack location, then the combine step shared by all creators.
WorkplanePtr placeAtLocations(const Workplane& wp, const TopoDS_Shape& local, Combine combine, bool clean,
                              const std::string& operation) {
  std::vector<TopoDS_Shape> created;
  for (const Location& loc : WorkplaneOps::locations(wp)) created.push_back(WorkplaneOps::locate(local, loc));
  return WorkplaneOps::combineNew(wp, created, combine, clean, operation);
}

void requireAngle(const std::string& operation, const std::string& argument, double degrees) {
  WorkplaneOps::requireFinite(operation, argument, degrees);
  if (degrees <= 0 || degrees > 360)
    throwApiError(operation, argument + " must be in (0, 360] degrees, got " + formatNumber(degrees));
}

}  // namespace

WorkplanePtr Workplane::box(double length, double width, double height, Centered3 centered, Combine combine,
                            bool clean) const {
  WorkplaneOps::requireSize("box", "length", length);
  WorkplaneOps::requireSize("box", "width", width);
  WorkplaneOps::requireSize("box", "height", height);
  const gp_Pnt corner(centered[0] ? -length / 2 : 0, centered[1] ? -width / 2 : 0, centered[2] ? -height / 2 : 0);
  // Cached so that everything built on it can be recognised as unchanged next run.
  TopoDS_Shape local = cachedOp(
      "box",
      [&](OpKey& key) {
        key.number(corner.X()).number(corner.Y()).number(corner.Z()).number(length).number(width).number(height);
      },
      [&] {
        return guardOcct("box", [&] {
          BRepPrimAPI_MakeBox maker(corner, length, width, height);
          maker.Build();
          if (!maker.IsDone()) throwGeometryError("box", "could not build a box of that size");
          return maker.Shape();
        });
      });
  return placeAtLocations(*this, local, combine, clean, "box");
}

WorkplanePtr Workplane::sphere(double radius, const gp_Dir& direct, double angle1, double angle2, double angle3,
                               Centered3 centered, Combine combine, bool clean) const {
  WorkplaneOps::requireSize("sphere", "radius", radius);
  WorkplaneOps::requireFinite("sphere", "angle1", angle1);
  WorkplaneOps::requireFinite("sphere", "angle2", angle2);
  if (angle1 < -90 || angle2 > 90 || angle1 >= angle2)
    throwApiError("sphere", "angle1 and angle2 are latitudes: need -90 <= angle1 < angle2 <= 90",
                  "the defaults angle1=-90, angle2=90 give a full sphere");
  requireAngle("sphere", "angle3", angle3);
  // Not centred on an axis: the bounding box corner sits on the point (shift by +radius).
  const gp_Pnt centre(centered[0] ? 0 : radius, centered[1] ? 0 : radius, centered[2] ? 0 : radius);
  // Cached so that everything built on it can be recognised as unchanged next run.
  TopoDS_Shape local = cachedOp(
      "sphere",
      [&](OpKey& key) {
        key.number(centre.X())
            .number(centre.Y())
            .number(centre.Z())
            .number(direct.X())
            .number(direct.Y())
            .number(direct.Z())
            .number(radius)
            .number(angle1)
            .number(angle2)
            .number(angle3);
      },
      [&] {
        return guardOcct("sphere", [&] {
          BRepPrimAPI_MakeSphere maker(gp_Ax2(centre, direct), radius, angle1 * kDegToRad, angle2 * kDegToRad,
                                       angle3 * kDegToRad);
          maker.Build();
          if (!maker.IsDone()) throwGeometryError("sphere", "could not build a sphere with these angles");
          return maker.Shape();
        });
      });
  return placeAtLocations(*this, local, combine, clean, "sphere");
}

WorkplanePtr Workplane::cylinder(double height, double radius, const gp_Dir& direct, double angle, Centered3 centered,
                                 Combine combine, bool clean) const {
  WorkplaneOps::requireSize("cylinder", "height", height);
  WorkplaneOps::requireSize("cylinder", "radius", radius);
  requireAngle("cylinder", "angle", angle);
  const gp_Pnt base(centered[0] ? 0 : radius, centered[1] ? 0 : radius, centered[2] ? -height / 2 : 0);
  // Cached so that everything built on it can be recognised as unchanged next run.
  TopoDS_Shape local = cachedOp(
      "cylinder",
      [&](OpKey& key) {
        key.number(base.X())
            .number(base.Y())
            .number(base.Z())
            .number(direct.X())
            .number(direct.Y())
            .number(direct.Z())
            .number(radius)
            .number(height)
            .number(angle);
      },
      [&] {
        return guardOcct("cylinder", [&] {
          BRepPrimAPI_MakeCylinder maker(gp_Ax2(base, gp_Dir(0, 0, 1)), radius, height, angle * kDegToRad);
          maker.Build();
          if (!maker.IsDone()) throwGeometryError("cylinder", "could not build a cylinder of that size");
          // CadQuery centres along +Z first, then turns the result to `direct` with the frame of
          // Plane(origin, default xDir, direct), so centring stays about the new axis.
          const Plane frame(gp_Pnt(0, 0, 0), std::nullopt, direct);
          return BRepBuilderAPI_Transform(maker.Shape(), frame.localToWorld(), true).Shape();
        });
      });
  return placeAtLocations(*this, local, combine, clean, "cylinder");
}

WorkplanePtr Workplane::wedge(double dx, double dy, double dz, double xmin, double zmin, double xmax, double zmax,
                              const gp_Pnt& /*pnt*/, const gp_Dir& dir, Centered3 centered, Combine combine,
                              bool clean) const {
  // CadQuery's Workplane.wedge accepts `pnt` but never uses it (only the centring offset
  // positions the wedge); we copy that so scripts produce the same parts.
  WorkplaneOps::requireSize("wedge", "dx", dx);
  WorkplaneOps::requireSize("wedge", "dy", dy);
  WorkplaneOps::requireSize("wedge", "dz", dz);
  for (auto [name, value] : {std::pair{"xmin", xmin}, {"zmin", zmin}, {"xmax", xmax}, {"zmax", zmax}})
    WorkplaneOps::requireFinite("wedge", name, value);
  if (xmax < xmin) throwApiError("wedge", "xmax must not be smaller than xmin");
  if (zmax < zmin) throwApiError("wedge", "zmax must not be smaller than zmin");
  const gp_Pnt corner(centered[0] ? -dx / 2 : 0, centered[1] ? -dy / 2 : 0, centered[2] ? -dz / 2 : 0);
  // Cached so that everything built on it can be recognised as unchanged next run.
  TopoDS_Shape local = cachedOp(
      "wedge",
      [&](OpKey& key) {
        key.number(corner.X())
            .number(corner.Y())
            .number(corner.Z())
            .number(dir.X())
            .number(dir.Y())
            .number(dir.Z())
            .number(dx)
            .number(dy)
            .number(dz)
            .number(xmin)
            .number(zmin)
            .number(xmax)
            .number(zmax);
      },
      [&] {
        return guardOcct("wedge", [&] {
          BRepPrimAPI_MakeWedge maker(gp_Ax2(corner, dir), dx, dy, dz, xmin, zmin, xmax, zmax);
          maker.Build();
          if (!maker.IsDone()) throwGeometryError("wedge", "could not build a wedge with these dimensions");
          return TopoDS_Shape(maker.Solid());
        });
      });
  return placeAtLocations(*this, local, combine, clean, "wedge");
}

}  // namespace partsmith::kernel
