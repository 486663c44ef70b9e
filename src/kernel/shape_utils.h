// Small helpers over OCCT shapes shared by the Workplane, selectors and facts.
#pragma once
#include <string>
#include <vector>

#include <TopAbs_ShapeEnum.hxx>
#include <TopoDS_Shape.hxx>
#include <gp_Dir.hxx>
#include <gp_Pnt.hxx>

#include "kernel/plane.h"

class Bnd_Box;

namespace partsmith::kernel {

// CadQuery's Shape.Center(): vertex point; edge/wire length centroid; face/shell area
// centroid; solid/compound volume centroid (falling back to area, then length, for
// compounds without volume).
gp_Pnt shapeCenter(const TopoDS_Shape& shape);
// Centre of the tight bounding box (CadQuery's CenterOfBoundBox).
gp_Pnt boundingBoxCenter(const TopoDS_Shape& shape);
// The tight box (BRepBndLib::AddOptimal), as CadQuery's BoundingBox() computes it.
Bnd_Box tightBoundingBox(const TopoDS_Shape& shape);

// Distinct sub-shapes of `type` in TopExp::MapShapes order; degenerated edges are left out.
std::vector<TopoDS_Shape> subShapes(const TopoDS_Shape& shape, TopAbs_ShapeEnum type);
// Every solid inside `shape` (the shape itself if it is a solid).
std::vector<TopoDS_Shape> solidsOf(const TopoDS_Shape& shape);
// Several shapes as one compound; a single shape is returned as is.
TopoDS_Shape makeCompound(const std::vector<TopoDS_Shape>& shapes);

// Normal of a planar (or any) face at its UV mid-point, respecting face orientation.
gp_Dir faceNormalAt(const TopoDS_Shape& face);
gp_Dir faceNormalAt(const TopoDS_Shape& face, const gp_Pnt& nearPoint);
bool isPlanarFace(const TopoDS_Shape& face);
// CadQuery's geomType(): PLANE CYLINDER CONE SPHERE TORUS BEZIER BSPLINE REVOLUTION
// EXTRUSION OFFSET OTHER for faces; LINE CIRCLE ELLIPSE HYPERBOLA PARABOLA BEZIER BSPLINE
// OFFSET OTHER for edges; "" for other shape types.
std::string geomType(const TopoDS_Shape& shape);
// Tangent direction of an edge at its parameter mid-point, respecting orientation.
gp_Dir edgeTangentAt(const TopoDS_Shape& edge);

// ShapeUpgrade_UnifySameDomain(shape, true, true, true) with AllowInternalEdges(false).
TopoDS_Shape cleanShape(const TopoDS_Shape& shape);

double shapeVolume(const TopoDS_Shape& shape);
double shapeArea(const TopoDS_Shape& shape);
double shapeLength(const TopoDS_Shape& shape);

}  // namespace partsmith::kernel
