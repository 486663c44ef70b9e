// WorkplaneOps helpers used by every method group: stack locations, the current point,
// faces from pending wires, combining new shapes with the context solid, argument checks.
#include "kernel/workplane_ops.h"

#include <cmath>
#include <sstream>

#include <BRepAdaptor_Curve.hxx>
#include <BRepTools.hxx>
#include <BRep_Tool.hxx>
#include <TopoDS.hxx>

#include "kernel/shape_utils.h"

namespace partsmith::kernel {
namespace {

}  // namespace

std::vector<Location> WorkplaneOps::locations(const Workplane& wp) {
  const Plane& plane = wp.plane();
  Location planeLoc(plane.localToWorld());
  std::vector<Location> out;
  for (const auto& item : wp.objects()) {
    if (auto* loc = std::get_if<Location>(&item)) {
      out.push_back(planeLoc * *loc);
    } else {
      gp_Pnt c = std::holds_alternative<gp_Pnt>(item) ? std::get<gp_Pnt>(item) : shapeCenter(std::get<TopoDS_Shape>(item));
      out.push_back(Location(plane.withOrigin(c).localToWorld()));
    }
  }
  if (out.empty()) out.push_back(planeLoc);
  return out;
}

gp_Pnt WorkplaneOps::currentPoint(const Workplane& wp, bool useLocalCoords) {
  gp_Pnt p;
  if (wp.objects().empty()) {
    p = wp.plane().origin();
  } else {
    const StackItem& last = wp.objects().back();
    if (auto* point = std::get_if<gp_Pnt>(&last)) {
      p = *point;
    } else if (auto* shape = std::get_if<TopoDS_Shape>(&last); shape && !shape->IsNull() &&
                                                              shape->ShapeType() == TopAbs_EDGE) {
      BRepAdaptor_Curve curve(TopoDS::Edge(*shape));
      p = curve.Value(curve.LastParameter());
    } else if (shape && !shape->IsNull() && shape->ShapeType() == TopAbs_VERTEX) {
      p = BRep_Tool::Pnt(TopoDS::Vertex(*shape));
    } else {
      throwApiError("current point",
                    "cannot continue a line from the last object on the stack (it is not a point or an edge)",
                    "start the outline with moveTo(x, y), or call it right after a line, arc or point");
    }
  }
  if (useLocalCoords) return gp_Pnt(wp.plane().toLocal(p));
  return p;
}

namespace {

std::vector<TopoDS_Face> stackFaces(const Workplane& wp) {
  std::vector<TopoDS_Face> faces;
  for (const auto& item : wp.objects()) {
    auto* shape = std::get_if<TopoDS_Shape>(&item);
    if (!shape || shape->IsNull()) continue;
    if (shape->ShapeType() == TopAbs_FACE) {
      faces.push_back(TopoDS::Face(*shape));
    } else if (shape->ShapeType() == TopAbs_COMPOUND) {
      for (const auto& f : subShapes(*shape, TopAbs_FACE)) faces.push_back(TopoDS::Face(f));
    }
  }
  return faces;
}

std::vector<TopoDS_Wire> popPendingWires(const Workplane& wp, const std::string& operation) {
  auto& ctx = *wp.context();
  if (ctx.pendingWires.empty()) {
    if (!ctx.pendingEdges.empty())
      throwApiError(operation, "no pending wires present: the outline you drew is not closed",
                    "end the outline with .close() before " + operation + "()");
    throwApiError(operation, "no pending wires present: there is no 2D outline to " + operation,
                  "draw a closed outline first, e.g. .rect(20, 10) or .circle(5), then ." + operation + "(...)");
  }
  std::vector<TopoDS_Wire> wires = std::move(ctx.pendingWires);
  ctx.pendingWires.clear();
  return wires;
}

}  // namespace

std::vector<TopoDS_Face> WorkplaneOps::takeFaces(const Workplane& wp, const std::string& operation) {
  std::vector<TopoDS_Face> faces = stackFaces(wp);
  if (!faces.empty()) return faces;
  return wiresToFaces(popPendingWires(wp, operation), operation);
}

std::vector<WorkplaneOps::WireGroup> WorkplaneOps::takeProfiles(const Workplane& wp, const std::string& operation) {
  std::vector<TopoDS_Face> faces = stackFaces(wp);
  if (faces.empty()) return nestWires(popPendingWires(wp, operation), operation);
  std::vector<WireGroup> groups;
  for (const auto& face : faces) {
    WireGroup g{BRepTools::OuterWire(face), {}};
    for (const auto& w : subShapes(face, TopAbs_WIRE))
      if (!w.IsSame(g.outer)) g.holes.push_back(TopoDS::Wire(w));
    groups.push_back(std::move(g));
  }
  return groups;
}

TopoDS_Shape WorkplaneOps::requireSolid(const Workplane& wp, const std::string& operation) {
  TopoDS_Shape solid = wp.findSolid();
  if (solid.IsNull())
    throwApiError(operation, "needs a solid to work on, but there is none on the stack or in the chain before it",
                  "create a solid first, e.g. cq.Workplane(\"XY\").box(20, 20, 10)");
  return solid;
}

WorkplanePtr WorkplaneOps::combineNew(const Workplane& wp, const std::vector<TopoDS_Shape>& created, Combine combine,
                                      bool clean, const std::string& operation) {
  if (created.empty()) throwGeometryError(operation, "produced no geometry");
  auto cleaned = [&](const TopoDS_Shape& shape) {
    return clean ? guardOcct(operation, [&] { return cleanShape(shape); }) : shape;
  };
  if (combine == Combine::None) {
    // CadQuery cleans each result even when it stays separate.
    std::vector<StackItem> items;
    for (const auto& shape : created) items.push_back(cleaned(shape));
    return make(wp, std::move(items));
  }
  TopoDS_Shape base = wp.findSolid();
  TopoDS_Shape result;
  if (combine == Combine::Union) {
    if (!base.IsNull()) {
      result = fuse(base, created, operation);
    } else {
      // CadQuery fuses the new solids with each other (Compound.fuse), also when they come
      // as one compound.
      std::vector<TopoDS_Shape> pieces;
      for (const auto& shape : created) {
        if (shape.ShapeType() == TopAbs_COMPOUND) {
          auto solids = subShapes(shape, TopAbs_SOLID);
          if (!solids.empty()) {
            pieces.insert(pieces.end(), solids.begin(), solids.end());
            continue;
          }
        }
        pieces.push_back(shape);
      }
      if (pieces.size() > 1) {
        std::vector<TopoDS_Shape> rest(pieces.begin() + 1, pieces.end());
        result = fuse(pieces.front(), rest, operation);
      } else {
        result = pieces.front();
      }
    }
  } else {
    // CadQuery: with nothing to cut from, the new shapes stand on their own.
    result = base.IsNull() ? makeCompound(created) : cut(base, created, operation);
  }
  return make(wp, {cleaned(result)});
}

void WorkplaneOps::requireFinite(const std::string& operation, const std::string& argument, double value) {
  if (!std::isfinite(value))
    throwApiError(operation, argument + " must be a finite number, got " + formatNumber(value));
}

void WorkplaneOps::requirePositive(const std::string& operation, const std::string& argument, double value) {
  requireFinite(operation, argument, value);
  if (value <= 0) throwApiError(operation, argument + " must be greater than 0, got " + formatNumber(value));
  if (value > 1e6)
    throw KernelError(ErrorKind::Limit, operation,
                      argument + " is " + formatNumber(value) + " mm, larger than the 1 km modelling limit",
                      "sizes are in millimetres");
}

void WorkplaneOps::requireSize(const std::string& operation, const std::string& argument, double value) {
  requirePositive(operation, argument, value);
  if (value < kMinSize)
    throw KernelError(ErrorKind::Limit, operation,
                      argument + " is " + formatNumber(value) + " mm, below the " + formatNumber(kMinSize) +
                          " mm smallest size the kernel can model",
                      "sizes are in millimetres: give " + argument + " in mm, e.g. 0.5 for half a millimetre");
}

}  // namespace partsmith::kernel
