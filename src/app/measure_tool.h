// Measurements between picked faces, edges and vertices: minimum distance (BRepExtrema),
// radius and diameter of a circular edge or a cylindrical/spherical face, and the angle
// between planar faces or straight edges. Qt-free: the viewport shows the results, the tests
// call these functions on known parts.
#pragma once
#include <stdexcept>
#include <string>

#include <TopoDS_Shape.hxx>
#include <gp_Ax2.hxx>
#include <gp_Pnt.hxx>

namespace partsmith::app {

// A measurement that cannot be made from what was picked; what() says why in the user's terms
// ("Radius needs a circular edge or a round face; the picked edge is a LINE").
class MeasureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Measurement {
  enum class Kind { Distance, Radius, Angle };
  Kind kind = Kind::Distance;
  double value = 0;  // mm for Distance and Radius, degrees for Angle
  // Distance: the closest points. Radius: the circle's centre and a point on it.
  gp_Pnt first, second;
  gp_Ax2 circleAxis;  // Radius: the circle's plane and centre
  std::string text;   // "Distance 12.5 mm (ΔX 0 ΔY 12.5 ΔZ 0)", "Radius 5 mm · Ø 10 mm", "Angle 90°"

  double diameter() const { return 2 * value; }
};

// Minimum distance between two faces, edges or vertices (or whole shapes).
Measurement measureDistance(const TopoDS_Shape& a, const TopoDS_Shape& b);
// Radius of a circular edge (circle or arc) or a cylindrical, spherical or toroidal
// (minor radius) face.
Measurement measureRadius(const TopoDS_Shape& shape);
// Angle between two planar faces (between their outward normals, 0–180°), two straight edges
// (between the lines, 0–90°), or a straight edge and a planar face (line to plane, 0–90°).
Measurement measureAngle(const TopoDS_Shape& a, const TopoDS_Shape& b);

// "12.5", "0.333", "90": at most three decimals, no trailing zeros.
std::string formatMeasure(double value);

}  // namespace partsmith::app
