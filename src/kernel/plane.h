// A CadQuery Plane: origin plus orthonormal x/y/z directions, with CadQuery's named planes.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <gp_Ax3.hxx>
#include <gp_Dir.hxx>
#include <gp_Pnt.hxx>
#include <gp_Trsf.hxx>

namespace partsmith::kernel {

class Plane {
 public:
  // xDir unset: OCCT's gp_Ax3(origin, normal) default x direction, as CadQuery does.
  // Throws KernelError (Api) when xDir is parallel to the normal.
  Plane(const gp_Pnt& origin, const std::optional<gp_Dir>& xDir, const gp_Dir& normal);
  Plane() : Plane(gp_Pnt(0, 0, 0), gp_Dir(1, 0, 0), gp_Dir(0, 0, 1)) {}

  // XY YZ ZX XZ YX ZY front back left right top bottom (CadQuery's table; case-insensitive).
  static Plane named(const std::string& name, const gp_Pnt& origin = gp_Pnt(0, 0, 0));
  static const std::vector<std::string>& names();

  const gp_Pnt& origin() const { return m_origin; }
  const gp_Dir& xDir() const { return m_x; }
  const gp_Dir& yDir() const { return m_y; }
  const gp_Dir& zDir() const { return m_z; }

  gp_Pnt toWorld(double x, double y, double z = 0.0) const;
  gp_Pnt toWorld(const gp_XYZ& local) const { return toWorld(local.X(), local.Y(), local.Z()); }
  gp_XYZ toLocal(const gp_Pnt& world) const;
  gp_Dir toWorldDir(const gp_XYZ& local) const;
  gp_XYZ toLocalDir(const gp_XYZ& world) const;

  // Rotated about the plane's own axes (degrees), z first then y then x, origin kept.
  Plane rotated(double rx, double ry, double rz) const;
  Plane withOrigin(const gp_Pnt& origin) const;
  Plane withOrigin2d(double x, double y) const { return withOrigin(toWorld(x, y)); }

  gp_Ax3 ax3() const { return gp_Ax3(m_origin, m_z, m_x); }
  // Maps plane-local coordinates to world coordinates.
  gp_Trsf localToWorld() const;

 private:
  gp_Pnt m_origin;
  gp_Dir m_x, m_y, m_z;
};

}  // namespace partsmith::kernel
