#include "kernel/shape_utils.h"

#include <cmath>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepGProp.hxx>
#include <BRepGProp_Face.hxx>
#include <BRepLProp_SLProps.hxx>
#include <BRepTools.hxx>
#include <BRep_Builder.hxx>
#include <BRep_Tool.hxx>
#include <BRepTools_History.hxx>
#include <Bnd_Box.hxx>
#include <GProp_GProps.hxx>
#include <ShapeUpgrade_UnifySameDomain.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopTools_MapOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <gp_Vec.hxx>

#include "kernel/op_cache.h"

namespace partsmith::kernel {

namespace {
gp_Pnt computeCenter(const TopoDS_Shape& shape);
}

gp_Pnt shapeCenter(const TopoDS_Shape& shape) {
  if (shape.IsNull()) return gp_Pnt(0, 0, 0);
  OpCache* cache = OpCache::current();
  double xyz[3];
  if (cache && cache->findCenter(shape, xyz)) return gp_Pnt(xyz[0], xyz[1], xyz[2]);
  const gp_Pnt center = computeCenter(shape);
  if (cache) {
    const double value[3] = {center.X(), center.Y(), center.Z()};
    cache->storeCenter(shape, value);
  }
  return center;
}

namespace {
gp_Pnt computeCenter(const TopoDS_Shape& shape) {
  GProp_GProps props;
  switch (shape.ShapeType()) {
    case TopAbs_VERTEX:
      return BRep_Tool::Pnt(TopoDS::Vertex(shape));
    case TopAbs_EDGE:
    case TopAbs_WIRE:
      BRepGProp::LinearProperties(shape, props);
      return props.CentreOfMass();
    case TopAbs_FACE:
    case TopAbs_SHELL:
      BRepGProp::SurfaceProperties(shape, props);
      return props.CentreOfMass();
    default:
      break;
  }
  BRepGProp::VolumeProperties(shape, props);
  if (props.Mass() > 1e-12) return props.CentreOfMass();
  GProp_GProps surface;
  BRepGProp::SurfaceProperties(shape, surface);
  if (surface.Mass() > 1e-12) return surface.CentreOfMass();
  GProp_GProps linear;
  BRepGProp::LinearProperties(shape, linear);
  if (linear.Mass() > 1e-12) return linear.CentreOfMass();
  return boundingBoxCenter(shape);
}
}  // namespace

Bnd_Box tightBoundingBox(const TopoDS_Shape& shape) {
  Bnd_Box box;
  if (!shape.IsNull()) BRepBndLib::AddOptimal(shape, box, /*useTriangulation=*/false, /*useShapeTolerance=*/false);
  return box;
}

gp_Pnt boundingBoxCenter(const TopoDS_Shape& shape) {
  Bnd_Box box = tightBoundingBox(shape);
  if (box.IsVoid()) return gp_Pnt(0, 0, 0);
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  return gp_Pnt((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2);
}

std::vector<TopoDS_Shape> subShapes(const TopoDS_Shape& shape, TopAbs_ShapeEnum type) {
  std::vector<TopoDS_Shape> out;
  if (shape.IsNull()) return out;
  TopTools_IndexedMapOfShape map;
  TopExp::MapShapes(shape, type, map);
  out.reserve(map.Extent());
  for (int i = 1; i <= map.Extent(); ++i) {
    // As CadQuery's Shape.Edges(): the zero-length edges at sphere and cone poles are not edges
    // a person can select, fillet or count.
    if (type == TopAbs_EDGE && BRep_Tool::Degenerated(TopoDS::Edge(map(i)))) continue;
    out.push_back(map(i));
  }
  return out;
}

std::vector<TopoDS_Shape> solidsOf(const TopoDS_Shape& shape) {
  if (shape.IsNull()) return {};
  if (shape.ShapeType() == TopAbs_SOLID) return {shape};
  return subShapes(shape, TopAbs_SOLID);
}

TopoDS_Shape makeCompound(const std::vector<TopoDS_Shape>& shapes) {
  if (shapes.size() == 1) return shapes.front();
  BRep_Builder builder;
  TopoDS_Compound compound;
  builder.MakeCompound(compound);
  for (const auto& s : shapes)
    if (!s.IsNull()) builder.Add(compound, s);
  return compound;
}

gp_Dir faceNormalAt(const TopoDS_Shape& shape) {
  const TopoDS_Face& face = TopoDS::Face(shape);
  double u0, u1, v0, v1;
  BRepTools::UVBounds(face, u0, u1, v0, v1);
  BRepAdaptor_Surface surface(face);
  BRepLProp_SLProps props(surface, (u0 + u1) / 2, (v0 + v1) / 2, 1, 1e-6);
  if (!props.IsNormalDefined()) return gp_Dir(0, 0, 1);
  gp_Dir n = props.Normal();
  if (face.Orientation() == TopAbs_REVERSED) n.Reverse();
  return n;
}

gp_Dir faceNormalAt(const TopoDS_Shape& shape, const gp_Pnt& nearPoint) {
  const TopoDS_Face& face = TopoDS::Face(shape);
  BRepAdaptor_Surface surface(face);
  if (surface.GetType() == GeomAbs_Plane) {
    gp_Dir n = surface.Plane().Axis().Direction();
    if (face.Orientation() == TopAbs_REVERSED) n.Reverse();
    return n;
  }
  (void)nearPoint;
  return faceNormalAt(shape);
}

bool isPlanarFace(const TopoDS_Shape& shape) {
  if (shape.IsNull() || shape.ShapeType() != TopAbs_FACE) return false;
  return BRepAdaptor_Surface(TopoDS::Face(shape)).GetType() == GeomAbs_Plane;
}

std::string geomType(const TopoDS_Shape& shape) {
  if (shape.IsNull()) return "";
  if (shape.ShapeType() == TopAbs_FACE) {
    switch (BRepAdaptor_Surface(TopoDS::Face(shape)).GetType()) {
      case GeomAbs_Plane:
        return "PLANE";
      case GeomAbs_Cylinder:
        return "CYLINDER";
      case GeomAbs_Cone:
        return "CONE";
      case GeomAbs_Sphere:
        return "SPHERE";
      case GeomAbs_Torus:
        return "TORUS";
      case GeomAbs_BezierSurface:
        return "BEZIER";
      case GeomAbs_BSplineSurface:
        return "BSPLINE";
      case GeomAbs_SurfaceOfRevolution:
        return "REVOLUTION";
      case GeomAbs_SurfaceOfExtrusion:
        return "EXTRUSION";
      case GeomAbs_OffsetSurface:
        return "OFFSET";
      default:
        return "OTHER";
    }
  }
  if (shape.ShapeType() == TopAbs_EDGE) {
    const TopoDS_Edge& edge = TopoDS::Edge(shape);
    if (BRep_Tool::Degenerated(edge)) return "OTHER";
    switch (BRepAdaptor_Curve(edge).GetType()) {
      case GeomAbs_Line:
        return "LINE";
      case GeomAbs_Circle:
        return "CIRCLE";
      case GeomAbs_Ellipse:
        return "ELLIPSE";
      case GeomAbs_Hyperbola:
        return "HYPERBOLA";
      case GeomAbs_Parabola:
        return "PARABOLA";
      case GeomAbs_BezierCurve:
        return "BEZIER";
      case GeomAbs_BSplineCurve:
        return "BSPLINE";
      case GeomAbs_OffsetCurve:
        return "OFFSET";
      default:
        return "OTHER";
    }
  }
  return "";
}

gp_Dir edgeTangentAt(const TopoDS_Shape& shape) {
  const TopoDS_Edge& edge = TopoDS::Edge(shape);
  BRepAdaptor_Curve curve(edge);
  double mid = (curve.FirstParameter() + curve.LastParameter()) / 2;
  gp_Pnt p;
  gp_Vec d;
  curve.D1(mid, p, d);
  if (d.Magnitude() < 1e-12) return gp_Dir(0, 0, 1);
  gp_Dir t(d);
  if (edge.Orientation() == TopAbs_REVERSED) t.Reverse();
  return t;
}

namespace {
// UnifySameDomain sometimes breaks a valid shape while merging faces of one surface (a box
// fused with a sphere keeps an invalid sphere face: the part loses half its volume). Only the
// faces it merged or rebuilt are checked, which costs a fraction of the merge (checking the
// whole solid costs 5x the merge on a 100-face gear): each new curved face must be valid and
// together the new faces must cover exactly the area of the faces they replace.
bool mergedFacesIntact(const TopoDS_Shape& before, const BRepTools_History& history) {
  TopTools_IndexedMapOfShape faces;
  TopExp::MapShapes(before, TopAbs_FACE, faces);
  TopTools_MapOfShape created;
  double areaBefore = 0, areaAfter = 0;
  for (int i = 1; i <= faces.Extent(); ++i) {
    const TopoDS_Shape& face = faces(i);
    const bool removed = history.IsRemoved(face);
    const TopTools_ListOfShape& images = history.Modified(face);
    if (!removed && images.IsEmpty()) continue;
    areaBefore += shapeArea(face);
    for (const TopoDS_Shape& image : images) {
      if (image.ShapeType() != TopAbs_FACE || !created.Add(image)) continue;
      // The check costs more than the merge for plain planar faces, where UnifySameDomain has
      // not been seen to fail and a broken boundary would show in the area anyway.
      if (BRepAdaptor_Surface(TopoDS::Face(image), false).GetType() != GeomAbs_Plane &&
          !BRepCheck_Analyzer(image).IsValid())
        return false;
      areaAfter += shapeArea(image);
    }
  }
  return std::abs(areaAfter - areaBefore) <= 1e-6 * areaBefore + 1e-9;
}
}  // namespace

TopoDS_Shape cleanShape(const TopoDS_Shape& shape) {
  if (shape.IsNull()) return shape;
  return cachedOp(
      "clean", [&](OpKey& key) { key.shape(shape); },
      [&] {
        ShapeUpgrade_UnifySameDomain unify(shape, true, true, true);
        unify.AllowInternalEdges(false);
        unify.Build();
        TopoDS_Shape out = unify.Shape();
        if (out.IsNull()) return shape;
        // Nothing merged (most cleans of a slider step): nothing can have broken, so the
        // checks below are skipped.
        const Handle(BRepTools_History)& history = unify.History();
        if (history.IsNull() || (!history->HasModified() && !history->HasRemoved())) return out;
        return mergedFacesIntact(shape, *history) ? out : shape;
      });
}

double shapeVolume(const TopoDS_Shape& shape) {
  if (shape.IsNull()) return 0;
  GProp_GProps props;
  BRepGProp::VolumeProperties(shape, props);
  return props.Mass();
}

double shapeArea(const TopoDS_Shape& shape) {
  if (shape.IsNull()) return 0;
  GProp_GProps props;
  BRepGProp::SurfaceProperties(shape, props);
  return props.Mass();
}

double shapeLength(const TopoDS_Shape& shape) {
  if (shape.IsNull()) return 0;
  GProp_GProps props;
  BRepGProp::LinearProperties(shape, props);
  return props.Mass();
}

}  // namespace partsmith::kernel
