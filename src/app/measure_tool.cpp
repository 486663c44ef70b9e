#include "app/measure_tool.h"

#include <cmath>
#include <cstdio>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepExtrema_DistShapeShape.hxx>
#include <Standard_Failure.hxx>
#include <TopoDS.hxx>
#include <gp_Circ.hxx>
#include <gp_Cylinder.hxx>
#include <gp_Sphere.hxx>
#include <gp_Torus.hxx>

#include "kernel/shape_utils.h"

namespace partsmith::app {

namespace {

constexpr double kPi = 3.14159265358979323846;

double toDegrees(double radians) { return radians * 180.0 / kPi; }

std::string describe(const TopoDS_Shape& shape) {
  switch (shape.ShapeType()) {
    case TopAbs_FACE: return "the picked face is " + kernel::geomType(shape);
    case TopAbs_EDGE: return "the picked edge is a " + kernel::geomType(shape);
    case TopAbs_VERTEX: return "a vertex was picked";
    default: return "a whole shape was picked";
  }
}

void requireShape(const TopoDS_Shape& shape, const char* what) {
  if (shape.IsNull()) throw MeasureError(std::string(what) + " needs a picked face, edge or vertex; nothing was picked");
}

bool isLine(const TopoDS_Shape& s) { return s.ShapeType() == TopAbs_EDGE && kernel::geomType(s) == "LINE"; }
bool isPlane(const TopoDS_Shape& s) { return s.ShapeType() == TopAbs_FACE && kernel::geomType(s) == "PLANE"; }

gp_Dir lineDirection(const TopoDS_Shape& edge) {
  return BRepAdaptor_Curve(TopoDS::Edge(edge)).Line().Direction();
}

}  // namespace

std::string formatMeasure(double value) {
  if (std::abs(value) < 5e-4) value = 0;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  std::string s = buffer;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

Measurement measureDistance(const TopoDS_Shape& a, const TopoDS_Shape& b) {
  requireShape(a, "Distance");
  requireShape(b, "Distance");
  Measurement m;
  m.kind = Measurement::Kind::Distance;
  try {
    BRepExtrema_DistShapeShape extrema(a, b);
    if (!extrema.IsDone() || extrema.NbSolution() < 1)
      throw MeasureError("Distance: the closest points of the two picked elements could not be found");
    m.value = extrema.Value();
    m.first = extrema.PointOnShape1(1);
    m.second = extrema.PointOnShape2(1);
  } catch (const Standard_Failure& e) {
    throw MeasureError(std::string("Distance: the geometry could not be measured (") + e.GetMessageString() + ")");
  }
  const gp_XYZ d = m.second.XYZ() - m.first.XYZ();
  m.text = "Distance " + formatMeasure(m.value) + " mm  (ΔX " + formatMeasure(std::abs(d.X())) + "  ΔY " +
           formatMeasure(std::abs(d.Y())) + "  ΔZ " + formatMeasure(std::abs(d.Z())) + ")";
  return m;
}

Measurement measureRadius(const TopoDS_Shape& shape) {
  requireShape(shape, "Radius");
  Measurement m;
  m.kind = Measurement::Kind::Radius;
  try {
    if (shape.ShapeType() == TopAbs_EDGE) {
      BRepAdaptor_Curve curve(TopoDS::Edge(shape));
      if (curve.GetType() != GeomAbs_Circle)
        throw MeasureError("Radius needs a circular edge or a round face; " + describe(shape));
      const gp_Circ circle = curve.Circle();
      m.value = circle.Radius();
      m.circleAxis = circle.Position();
      m.first = circle.Location();
      m.second = curve.Value(0.5 * (curve.FirstParameter() + curve.LastParameter()));
    } else if (shape.ShapeType() == TopAbs_FACE) {
      BRepAdaptor_Surface surface(TopoDS::Face(shape));
      const double u = 0.5 * (surface.FirstUParameter() + surface.LastUParameter());
      const double v = 0.5 * (surface.FirstVParameter() + surface.LastVParameter());
      const gp_Pnt onFace = surface.Value(u, v);
      switch (surface.GetType()) {
        case GeomAbs_Cylinder: {
          const gp_Cylinder cylinder = surface.Cylinder();
          m.value = cylinder.Radius();
          // The circle through the face's middle, in the plane across the axis.
          const gp_Ax1 axis = cylinder.Axis();
          const double along = gp_Vec(axis.Location(), onFace).Dot(gp_Vec(axis.Direction()));
          const gp_Pnt centre = axis.Location().Translated(gp_Vec(axis.Direction()) * along);
          m.circleAxis = gp_Ax2(centre, axis.Direction(), gp_Vec(centre, onFace));
          m.first = centre;
          m.second = onFace;
          break;
        }
        case GeomAbs_Sphere: {
          const gp_Sphere sphere = surface.Sphere();
          m.value = sphere.Radius();
          m.first = sphere.Location();
          m.second = onFace;
          m.circleAxis = gp_Ax2(sphere.Location(), sphere.Position().Direction(), sphere.Position().XDirection());
          break;
        }
        case GeomAbs_Torus: {
          const gp_Torus torus = surface.Torus();
          m.value = torus.MinorRadius();
          m.first = onFace;
          m.second = onFace;
          m.circleAxis = torus.Position().Ax2();
          break;
        }
        default:
          throw MeasureError("Radius needs a circular edge or a round face; " + describe(shape));
      }
    } else {
      throw MeasureError("Radius needs a circular edge or a round face; " + describe(shape));
    }
  } catch (const Standard_Failure& e) {
    throw MeasureError(std::string("Radius: the geometry could not be measured (") + e.GetMessageString() + ")");
  }
  m.text = "Radius " + formatMeasure(m.value) + " mm  ·  Ø " + formatMeasure(2 * m.value) + " mm";
  return m;
}

Measurement measureAngle(const TopoDS_Shape& a, const TopoDS_Shape& b) {
  requireShape(a, "Angle");
  requireShape(b, "Angle");
  Measurement m;
  m.kind = Measurement::Kind::Angle;
  try {
    if (isPlane(a) && isPlane(b)) {
      m.value = toDegrees(kernel::faceNormalAt(a).Angle(kernel::faceNormalAt(b)));
    } else if (isLine(a) && isLine(b)) {
      const double angle = toDegrees(lineDirection(a).Angle(lineDirection(b)));
      m.value = angle > 90 ? 180 - angle : angle;
    } else if ((isLine(a) && isPlane(b)) || (isPlane(a) && isLine(b))) {
      const gp_Dir line = lineDirection(isLine(a) ? a : b);
      const gp_Dir normal = kernel::faceNormalAt(isPlane(a) ? a : b);
      const double toNormal = toDegrees(line.Angle(normal));
      m.value = std::abs(90 - toNormal);
    } else {
      const TopoDS_Shape& wrong = isPlane(a) || isLine(a) ? b : a;
      throw MeasureError("Angle needs two flat faces, two straight edges, or one of each; " + describe(wrong));
    }
  } catch (const Standard_Failure& e) {
    throw MeasureError(std::string("Angle: the geometry could not be measured (") + e.GetMessageString() + ")");
  }
  BRepExtrema_DistShapeShape extrema(a, b);
  if (extrema.IsDone() && extrema.NbSolution() > 0) {
    m.first = extrema.PointOnShape1(1);
    m.second = extrema.PointOnShape2(1);
  }
  m.text = "Angle " + formatMeasure(m.value) + "°";
  return m;
}

}  // namespace partsmith::app
