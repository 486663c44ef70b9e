// Workplane transforms: translate, rotate, rotateAboutCenter and mirror copy every shape on
// the stack in world coordinates (CadQuery's Shape._apply_transform).
#include <BRepBuilderAPI_Transform.hxx>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <gp_Ax1.hxx>
#include <gp_Ax2.hxx>

#include "kernel/shape_utils.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {

namespace {

TopoDS_Shape transformedCopy(const TopoDS_Shape& shape, const gp_Trsf& trsf, const std::string& op) {
  return guardOcct(op, [&] {
    BRepBuilderAPI_Transform maker(shape, trsf, /*copy=*/true);
    if (!maker.IsDone()) throwGeometryError(op, "the shape could not be transformed");
    return maker.Shape();
  });
}

// Shapes are transformed; points and locations stay as they are (CadQuery keeps non-shapes).
std::vector<StackItem> transformStack(const std::vector<StackItem>& objects, const std::string& op,
                                      const std::function<gp_Trsf(const TopoDS_Shape&)>& trsfFor) {
  std::vector<StackItem> out;
  out.reserve(objects.size());
  for (const auto& item : objects) {
    const auto* shape = std::get_if<TopoDS_Shape>(&item);
    if (shape && !shape->IsNull())
      out.push_back(transformedCopy(*shape, trsfFor(*shape), op));
    else
      out.push_back(item);
  }
  return out;
}

void requireFiniteVec(const std::string& op, const std::string& arg, const gp_XYZ& v) {
  WorkplaneOps::requireFinite(op, arg + ".x", v.X());
  WorkplaneOps::requireFinite(op, arg + ".y", v.Y());
  WorkplaneOps::requireFinite(op, arg + ".z", v.Z());
}

gp_Trsf rotation(const gp_Pnt& start, const gp_Vec& axis, double degrees) {
  gp_Trsf trsf;
  trsf.SetRotation(gp_Ax1(start, gp_Dir(axis)), degrees * M_PI / 180.0);
  return trsf;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

}  // namespace

TopoDS_Shape WorkplaneOps::locate(const TopoDS_Shape& shape, const Location& loc) {
  // CadQuery moved(): the location is composed with the shape's own location.
  return shape.Moved(loc.toTopLoc());
}

WorkplanePtr Workplane::translate(const gp_Vec& v) const {
  const std::string op = "translate";
  requireFiniteVec(op, "vec", v.XYZ());
  gp_Trsf trsf;
  trsf.SetTranslation(v);
  return WorkplaneOps::make(*this, transformStack(m_objects, op, [&](const TopoDS_Shape&) { return trsf; }));
}

WorkplanePtr Workplane::rotate(const gp_Pnt& axisStart, const gp_Pnt& axisEnd, double angleDegrees) const {
  const std::string op = "rotate";
  requireFiniteVec(op, "axisStartPoint", axisStart.XYZ());
  requireFiniteVec(op, "axisEndPoint", axisEnd.XYZ());
  WorkplaneOps::requireFinite(op, "angleDegrees", angleDegrees);
  gp_Vec axis(axisStart, axisEnd);
  if (axis.Magnitude() < 1e-9)
    throwApiError(op, "axisStartPoint and axisEndPoint are the same point, so they give no axis",
                  "e.g. .rotate((0, 0, 0), (0, 0, 1), 90) turns about the Z axis");
  const gp_Trsf trsf = rotation(axisStart, axis, angleDegrees);
  return WorkplaneOps::make(*this, transformStack(m_objects, op, [&](const TopoDS_Shape&) { return trsf; }));
}

WorkplanePtr Workplane::rotateAboutCenter(const gp_Vec& axisEnd, double angleDegrees) const {
  const std::string op = "rotateAboutCenter";
  requireFiniteVec(op, "axisEndPoint", axisEnd.XYZ());
  WorkplaneOps::requireFinite(op, "angleDegrees", angleDegrees);
  if (axisEnd.Magnitude() < 1e-9)
    throwApiError(op, "the axis vector is zero, so it gives no axis",
                  "e.g. .rotateAboutCenter((0, 0, 1), 45) turns each object about a vertical axis");
  return WorkplaneOps::make(*this, transformStack(m_objects, op, [&](const TopoDS_Shape& s) {
    return rotation(shapeCenter(s), axisEnd, angleDegrees);
  }));
}

WorkplanePtr Workplane::mirror(const MirrorPlane& plane, const std::optional<gp_Pnt>& basePoint,
                               bool unionResult) const {
  const std::string op = "mirror";
  gp_Dir normal(0, 0, 1);
  gp_Pnt base = basePoint.value_or(gp_Pnt(0, 0, 0));
  if (basePoint) requireFiniteVec(op, "basePointVector", basePoint->XYZ());

  if (const auto* name = std::get_if<std::string>(&plane)) {
    const std::string n = upper(*name);
    if (n == "XY" || n == "YX")
      normal = gp_Dir(0, 0, 1);
    else if (n == "XZ" || n == "ZX")
      normal = gp_Dir(0, 1, 0);
    else if (n == "YZ" || n == "ZY")
      normal = gp_Dir(1, 0, 0);
    else
      throwApiError(
          op, "unknown mirror plane \"" + *name + "\"",
          "use \"XY\", \"YX\", \"XZ\", \"ZX\", \"YZ\" or \"ZY\", a normal vector such as (1, 0, 0), or a face");
  } else if (const auto* vec = std::get_if<gp_Vec>(&plane)) {
    requireFiniteVec(op, "mirrorPlane", vec->XYZ());
    if (vec->Magnitude() < 1e-9)
      throwApiError(op, "the mirror plane normal is the zero vector", "e.g. (1, 0, 0) mirrors across the YZ plane");
    normal = gp_Dir(*vec);
  } else {
    const TopoDS_Face& face = std::get<TopoDS_Face>(plane);
    if (face.IsNull())
      throwApiError(op, "the mirror face is empty", "select a planar face, e.g. part.faces(\">X\").val()");
    normal = guardOcct(op, [&] { return faceNormalAt(face); });
    if (!basePoint) base = guardOcct(op, [&] { return shapeCenter(face); });
  }

  gp_Trsf trsf;
  trsf.SetMirror(gp_Ax2(base, normal));
  std::vector<StackItem> mirrored;
  for (const auto& item : m_objects) {
    const auto* shape = std::get_if<TopoDS_Shape>(&item);
    if (shape && !shape->IsNull()) mirrored.push_back(transformedCopy(*shape, trsf, op));
  }
  WorkplanePtr result = WorkplaneOps::make(*this, std::move(mirrored));
  if (unionResult) return unionWith(ShapeSource(result));
  return result;
}

}  // namespace partsmith::kernel
