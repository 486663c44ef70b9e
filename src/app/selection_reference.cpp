#include "app/selection_reference.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRep_Tool.hxx>
#include <Standard_Failure.hxx>
#include <TopoDS.hxx>

#include "kernel/kernel_error.h"
#include "kernel/selector.h"
#include "kernel/shape_utils.h"

namespace partsmith::app {

namespace {

std::string number(double v) {
  if (std::fabs(v) < 5e-4) v = 0;  // no "-0"
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string triple(double x, double y, double z) { return "(" + number(x) + ", " + number(y) + ", " + number(z) + ")"; }

const char* kAxes[] = {"X", "Y", "Z"};

// Simple selectors first: the first one that isolates the picked element wins.
std::vector<std::string> faceCandidates() {
  std::vector<std::string> out;
  for (const char* axis : kAxes)
    for (const char* side : {">", "<"}) out.push_back(std::string(side) + axis);
  for (const char* type : {"%CYLINDER", "%CONE", "%SPHERE", "%TORUS"}) out.push_back(type);
  for (const char* axis : kAxes)
    for (const char* side : {">", "<"})
      for (const char* index : {"[-2]", "[-3]", "[1]", "[2]"}) out.push_back(std::string(side) + axis + index);
  for (const char* type : {"%CYLINDER", "%PLANE"})
    for (const char* axis : kAxes)
      for (const char* side : {">", "<"}) out.push_back(std::string(type) + " and " + side + axis);
  return out;
}

std::vector<std::string> edgeCandidates() {
  std::vector<std::string> out;
  for (const char* axis : kAxes)
    for (const char* side : {">", "<"}) out.push_back(std::string(side) + axis);
  out.push_back("%CIRCLE");
  for (int a = 0; a < 3; ++a)
    for (int d = 0; d < 3; ++d)
      if (a != d)
        for (const char* side : {">", "<"})
          out.push_back(std::string("|") + kAxes[a] + " and " + side + kAxes[d]);
  for (int a = 0; a < 3; ++a)
    for (int d1 = 0; d1 < 3; ++d1)
      for (int d2 = d1 + 1; d2 < 3; ++d2)
        if (a != d1 && a != d2)
          for (const char* s1 : {">", "<"})
            for (const char* s2 : {">", "<"})
              out.push_back(std::string("|") + kAxes[a] + " and " + s1 + kAxes[d1] + " and " + s2 + kAxes[d2]);
  for (const char* axis : kAxes)
    for (const char* side : {">", "<"}) out.push_back(std::string("%CIRCLE and ") + side + axis);
  return out;
}

bool selectsExactly(const std::vector<TopoDS_Shape>& objects, const std::string& selector, const TopoDS_Shape& target) {
  try {
    const std::vector<TopoDS_Shape> kept = kernel::selectShapes(objects, selector);
    return kept.size() == 1 && kept.front().IsSame(target);
  } catch (const kernel::KernelError&) {
    return false;
  } catch (const Standard_Failure&) {
    return false;
  }
}

std::string quoted(const std::string& method, const std::string& selector) { return method + "(\"" + selector + "\")"; }

std::string findFaceSelector(const TopoDS_Shape& part, const TopoDS_Shape& face) {
  const auto faces = kernel::subShapes(part, TopAbs_FACE);
  for (const auto& candidate : faceCandidates())
    if (selectsExactly(faces, candidate, face)) return quoted("faces", candidate);
  return {};
}

std::string findEdgeSelector(const TopoDS_Shape& part, const TopoDS_Shape& edge) {
  const auto edges = kernel::subShapes(part, TopAbs_EDGE);
  const auto candidates = edgeCandidates();
  for (const auto& candidate : candidates)
    if (selectsExactly(edges, candidate, edge)) return quoted("edges", candidate);
  // Two steps, as CadQuery scripts usually write it: a face that is easy to name, then the
  // edge on it.
  const auto faces = kernel::subShapes(part, TopAbs_FACE);
  for (const char* axis : kAxes)
    for (const char* side : {">", "<"}) {
      const std::string faceSelector = std::string(side) + axis;
      std::vector<TopoDS_Shape> picked;
      try {
        picked = kernel::selectShapes(faces, faceSelector);
      } catch (const kernel::KernelError&) {
        continue;
      }
      if (picked.size() != 1) continue;
      const auto faceEdges = kernel::subShapes(picked.front(), TopAbs_EDGE);
      bool onFace = false;
      for (const auto& e : faceEdges) onFace = onFace || e.IsSame(edge);
      if (!onFace) continue;
      for (const auto& candidate : candidates)
        if (selectsExactly(faceEdges, candidate, edge))
          return quoted("faces", faceSelector) + "." + quoted("edges", candidate);
    }
  return {};
}

}  // namespace

std::string SelectionReference::summary() const {
  return selector.empty() ? geomType + " " + kind : selector;
}

std::string SelectionReference::text() const {
  std::string details = geomType + " " + kind + ", centre " + triple(center.X(), center.Y(), center.Z()) + " mm";
  if (direction) {
    const char* label = kind == "face" ? (geomType == "PLANE" ? "normal" : "axis") : (geomType == "LINE" ? "direction" : "axis");
    details += std::string(", ") + label + " " + triple(direction->X(), direction->Y(), direction->Z());
  }
  if (radius) details += ", radius " + number(*radius) + " mm";
  if (kind == "face") details += ", area " + number(size) + " mm²";
  if (kind == "edge") details += ", length " + number(size) + " mm";
  const std::string part = "part \"" + partName + "\"";
  if (selector.empty()) return "the " + geomType + " " + kind + " of " + part + " (" + details.substr(details.find(", ") + 2) + ")";
  return selector + " on " + part + " (" + details + ")";
}

SelectionReference describeSelection(const TopoDS_Shape& partShape, const TopoDS_Shape& picked,
                                     const std::string& partName, int partIndex) {
  if (picked.IsNull()) throw std::runtime_error("nothing was picked");
  SelectionReference ref;
  ref.partName = partName;
  ref.partIndex = partIndex;
  ref.center = kernel::shapeCenter(picked);
  switch (picked.ShapeType()) {
    case TopAbs_FACE: {
      ref.kind = "face";
      ref.geomType = kernel::geomType(picked);
      ref.size = kernel::shapeArea(picked);
      BRepAdaptor_Surface surface(TopoDS::Face(picked));
      if (surface.GetType() == GeomAbs_Plane) {
        ref.direction = kernel::faceNormalAt(picked);
      } else if (surface.GetType() == GeomAbs_Cylinder) {
        ref.direction = surface.Cylinder().Axis().Direction();
        ref.radius = surface.Cylinder().Radius();
      } else if (surface.GetType() == GeomAbs_Cone) {
        ref.direction = surface.Cone().Axis().Direction();
      } else if (surface.GetType() == GeomAbs_Sphere) {
        ref.radius = surface.Sphere().Radius();
      }
      ref.selector = findFaceSelector(partShape, picked);
      break;
    }
    case TopAbs_EDGE: {
      ref.kind = "edge";
      ref.geomType = kernel::geomType(picked);
      ref.size = kernel::shapeLength(picked);
      BRepAdaptor_Curve curve(TopoDS::Edge(picked));
      if (curve.GetType() == GeomAbs_Line) {
        ref.direction = curve.Line().Direction();
      } else if (curve.GetType() == GeomAbs_Circle) {
        ref.direction = curve.Circle().Axis().Direction();
        ref.radius = curve.Circle().Radius();
      }
      ref.selector = findEdgeSelector(partShape, picked);
      break;
    }
    case TopAbs_VERTEX: {
      ref.kind = "vertex";
      ref.geomType = "POINT";
      ref.center = BRep_Tool::Pnt(TopoDS::Vertex(picked));
      break;
    }
    default:
      ref.kind = "shape";
      ref.geomType = kernel::geomType(picked);
      break;
  }
  return ref;
}

}  // namespace partsmith::app
