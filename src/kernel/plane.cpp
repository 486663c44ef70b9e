#include "kernel/plane.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <gp_Ax1.hxx>

#include "kernel/kernel_error.h"

namespace partsmith::kernel {
namespace {

struct NamedPlane {
  gp_Dir x, z;
};

const std::map<std::string, NamedPlane>& namedTable() {
  static const std::map<std::string, NamedPlane> table = {
      {"xy", {gp_Dir(1, 0, 0), gp_Dir(0, 0, 1)}},     {"yz", {gp_Dir(0, 1, 0), gp_Dir(1, 0, 0)}},
      {"zx", {gp_Dir(0, 0, 1), gp_Dir(0, 1, 0)}},     {"xz", {gp_Dir(1, 0, 0), gp_Dir(0, -1, 0)}},
      {"yx", {gp_Dir(0, 1, 0), gp_Dir(0, 0, -1)}},    {"zy", {gp_Dir(0, 0, 1), gp_Dir(-1, 0, 0)}},
      {"front", {gp_Dir(1, 0, 0), gp_Dir(0, 0, 1)}},  {"back", {gp_Dir(-1, 0, 0), gp_Dir(0, 0, -1)}},
      {"left", {gp_Dir(0, 0, 1), gp_Dir(-1, 0, 0)}},  {"right", {gp_Dir(0, 0, -1), gp_Dir(1, 0, 0)}},
      {"top", {gp_Dir(1, 0, 0), gp_Dir(0, 1, 0)}},    {"bottom", {gp_Dir(1, 0, 0), gp_Dir(0, -1, 0)}},
  };
  return table;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

Plane::Plane(const gp_Pnt& origin, const std::optional<gp_Dir>& xDir, const gp_Dir& normal)
    : m_origin(origin), m_z(normal) {
  if (xDir) {
    if (xDir->IsParallel(normal, 1e-9)) throwApiError("Plane", "xDir is parallel to the normal");
    // Remove any component along the normal so the frame stays orthonormal.
    gp_XYZ x = xDir->XYZ() - normal.XYZ() * xDir->XYZ().Dot(normal.XYZ());
    m_x = gp_Dir(x);
  } else {
    m_x = gp_Ax3(origin, normal).XDirection();
  }
  m_y = gp_Dir(m_z.XYZ().Crossed(m_x.XYZ()));
}

Plane Plane::named(const std::string& name, const gp_Pnt& origin) {
  auto it = namedTable().find(lower(name));
  if (it == namedTable().end()) {
    std::string known;
    for (const auto& n : names()) known += (known.empty() ? "" : ", ") + n;
    throwApiError("Workplane", "unknown plane '" + name + "'", "use one of " + known);
  }
  return Plane(origin, it->second.x, it->second.z);
}

const std::vector<std::string>& Plane::names() {
  static const std::vector<std::string> list = {"XY", "YZ", "ZX", "XZ", "YX", "ZY", "front", "back",
                                                "left", "right", "top", "bottom"};
  return list;
}

gp_Pnt Plane::toWorld(double x, double y, double z) const {
  return gp_Pnt(m_origin.XYZ() + m_x.XYZ() * x + m_y.XYZ() * y + m_z.XYZ() * z);
}

gp_XYZ Plane::toLocal(const gp_Pnt& world) const {
  gp_XYZ d = world.XYZ() - m_origin.XYZ();
  return gp_XYZ(d.Dot(m_x.XYZ()), d.Dot(m_y.XYZ()), d.Dot(m_z.XYZ()));
}

gp_Dir Plane::toWorldDir(const gp_XYZ& local) const {
  return gp_Dir(m_x.XYZ() * local.X() + m_y.XYZ() * local.Y() + m_z.XYZ() * local.Z());
}

gp_XYZ Plane::toLocalDir(const gp_XYZ& world) const {
  return gp_XYZ(world.Dot(m_x.XYZ()), world.Dot(m_y.XYZ()), world.Dot(m_z.XYZ()));
}

Plane Plane::rotated(double rx, double ry, double rz) const {
  // CadQuery: rotation matrix Rx*Ry*Rz about the plane's own axes, applied to the local frame.
  const double k = M_PI / 180.0;
  gp_Trsf tx, ty, tz;
  tx.SetRotation(gp_Ax1(gp_Pnt(0, 0, 0), m_x), rx * k);
  ty.SetRotation(gp_Ax1(gp_Pnt(0, 0, 0), m_y), ry * k);
  tz.SetRotation(gp_Ax1(gp_Pnt(0, 0, 0), m_z), rz * k);
  gp_Trsf r = tx * ty * tz;
  gp_Dir nx = m_x.Transformed(r);
  gp_Dir nz = m_z.Transformed(r);
  return Plane(m_origin, nx, nz);
}

Plane Plane::withOrigin(const gp_Pnt& origin) const {
  Plane p = *this;
  p.m_origin = origin;
  return p;
}

gp_Trsf Plane::localToWorld() const {
  gp_Trsf t;
  t.SetTransformation(ax3(), gp_Ax3());  // maps coordinates in ax3 to the global frame
  return t;
}

}  // namespace partsmith::kernel
