#include "kernel/location.h"

#include <cmath>

#include <gp_Ax1.hxx>
#include <gp_Quaternion.hxx>

namespace partsmith::kernel {

Location Location::translation(const gp_Vec& t) {
  gp_Trsf trsf;
  trsf.SetTranslation(t);
  return Location(trsf);
}

Location Location::fromXYZ(double x, double y, double z, double rx, double ry, double rz) {
  const double k = M_PI / 180.0;
  gp_Quaternion q;
  q.SetEulerAngles(gp_Extrinsic_XYZ, rx * k, ry * k, rz * k);
  gp_Trsf trsf;
  trsf.SetRotation(q);
  trsf.SetTranslationPart(gp_Vec(x, y, z));
  return Location(trsf);
}

Location Location::fromAxisAngle(const gp_Vec& t, const gp_Dir& axis, double angleDeg) {
  gp_Trsf trsf;
  trsf.SetRotation(gp_Ax1(gp_Pnt(0, 0, 0), axis), angleDeg * M_PI / 180.0);
  trsf.SetTranslationPart(t);
  return Location(trsf);
}

Location Location::fromPlane(const Plane& plane, const gp_Vec& t) {
  gp_Trsf trsf = plane.localToWorld();
  if (t.SquareMagnitude() > 0) {
    gp_Trsf move;
    move.SetTranslation(t);
    trsf = trsf * move;
  }
  return Location(trsf);
}

gp_Pnt Location::position() const { return gp_Pnt(m_trsf.TranslationPart()); }

}  // namespace partsmith::kernel
