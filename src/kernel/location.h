// A CadQuery Location: a rigid placement (rotation + translation) kept as a gp_Trsf.
#pragma once
#include <TopLoc_Location.hxx>
#include <gp_Trsf.hxx>
#include <gp_Vec.hxx>

#include "kernel/plane.h"

namespace partsmith::kernel {

class Location {
 public:
  Location() = default;
  explicit Location(const gp_Trsf& trsf) : m_trsf(trsf) {}

  static Location translation(const gp_Vec& t);
  // Location(x, y, z, rx, ry, rz): extrinsic rotations about global X, then Y, then Z (degrees).
  static Location fromXYZ(double x, double y, double z, double rx, double ry, double rz);
  // Location(t, axis, angle): rotation about `axis` through the origin, then translation.
  static Location fromAxisAngle(const gp_Vec& t, const gp_Dir& axis, double angleDeg);
  static Location fromPlane(const Plane& plane, const gp_Vec& t = gp_Vec(0, 0, 0));

  const gp_Trsf& trsf() const { return m_trsf; }
  TopLoc_Location toTopLoc() const { return TopLoc_Location(m_trsf); }
  gp_Pnt position() const;
  Location inverse() const { return Location(m_trsf.Inverted()); }
  Location operator*(const Location& other) const { return Location(m_trsf * other.m_trsf); }

 private:
  gp_Trsf m_trsf;
};

}  // namespace partsmith::kernel
