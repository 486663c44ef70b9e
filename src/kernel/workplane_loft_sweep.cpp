// Workplane.loft and Workplane.sweep: solids through sections (ThruSections) and along paths
// (MakePipeShell), with CadQuery's section gathering and sweep modes.
#include <cmath>

#include <BRepAdaptor_CompCurve.hxx>
#include <BRepLib_FindSurface.hxx>
#include <BRep_Builder.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <TopoDS_Compound.hxx>
#include <gp_Pln.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepOffsetAPI_MakePipeShell.hxx>
#include <BRepOffsetAPI_ThruSections.hxx>
#include <BRepTools.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <gp_Ax2.hxx>

#include <Geom_Plane.hxx>

#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

std::string shapeTypeName(const TopoDS_Shape& shape) {
  switch (shape.ShapeType()) {
    case TopAbs_COMPOUND: return "compound";
    case TopAbs_COMPSOLID: return "compound solid";
    case TopAbs_SOLID: return "solid";
    case TopAbs_SHELL: return "shell";
    case TopAbs_FACE: return "face";
    case TopAbs_WIRE: return "wire";
    case TopAbs_EDGE: return "edge";
    case TopAbs_VERTEX: return "vertex";
    default: return "shape";
  }
}

std::string stackItemName(const StackItem& item) {
  if (std::holds_alternative<gp_Pnt>(item)) return "point";
  if (std::holds_alternative<Location>(item)) return "location";
  const auto& shape = std::get<TopoDS_Shape>(item);
  return shape.IsNull() ? "empty shape" : shapeTypeName(shape);
}

// A path or auxiliary spine as a wire: a Workplane contributes its first stack object (after
// wire() has assembled its pending edges, as CadQuery's sweep does), a shape itself.
TopoDS_Wire wireOf(const ShapeSource& source, bool assemble, const std::string& what) {
  StackItem item;
  if (const auto* wp = std::get_if<WorkplanePtr>(&source)) {
    if (!*wp) throwApiError("sweep", what + " is missing");
    item = assemble ? (*wp)->wire()->val() : (*wp)->val();
  } else {
    item = std::get<TopoDS_Shape>(source);
  }
  const auto* shape = std::get_if<TopoDS_Shape>(&item);
  if (!shape || shape->IsNull() || (shape->ShapeType() != TopAbs_WIRE && shape->ShapeType() != TopAbs_EDGE))
    throwApiError("sweep", what + " must be a wire or an edge, got a " + stackItemName(item),
                  "draw the path on its own Workplane, e.g. cq.Workplane(\"XZ\").lineTo(0, 10).threePointArc(...)");
  if (shape->ShapeType() == TopAbs_WIRE) return TopoDS::Wire(*shape);
  return guardOcct("sweep", [&] { return BRepBuilderAPI_MakeWire(TopoDS::Edge(*shape)).Wire(); });
}

BRepBuilderAPI_TransitionMode transitionMode(const std::string& name) {
  if (name == "right") return BRepBuilderAPI_RightCorner;
  if (name == "round") return BRepBuilderAPI_RoundCorner;
  if (name == "transformed") return BRepBuilderAPI_Transformed;
  throwApiError("sweep", "unknown transition '" + name + "'", "use \"right\", \"round\" or \"transformed\"");
}

// Configures the trihedron law; returns whether profiles must be rotated to follow it.
bool setSweepMode(BRepOffsetAPI_MakePipeShell& pipe, const TopoDS_Wire& path, const SweepOptions& options) {
  if (options.normal) {
    if (options.normal->Magnitude() < 1e-12) throwApiError("sweep", "normal must not be a zero vector");
    BRepAdaptor_CompCurve curve(path);
    gp_Ax2 frame;
    frame.SetLocation(curve.Value(curve.FirstParameter()));
    frame.SetDirection(gp_Dir(*options.normal));
    pipe.SetMode(frame);
    return true;
  }
  if (options.auxSpine) {
    pipe.SetMode(wireOf(*options.auxSpine, false, "auxSpine"), true);
    return false;
  }
  pipe.SetMode(options.isFrenet);
  return false;
}

TopoDS_Shape sweepWire(const TopoDS_Wire& profile, const TopoDS_Wire& path, const SweepOptions& options) {
  return guardOcct("sweep", [&]() -> TopoDS_Shape {
    BRepOffsetAPI_MakePipeShell pipe(path);
    const bool rotate = setSweepMode(pipe, path, options);
    pipe.SetTransitionMode(transitionMode(options.transition));
    pipe.Add(profile, false, rotate);
    pipe.Build();
    if (!pipe.IsDone()) throwGeometryError("sweep", "could not sweep the profile along the path",
                                           "check that the path is smooth and the profile is small against its bends");
    if (options.makeSolid && !pipe.MakeSolid())
      throwGeometryError("sweep", "the swept shape does not close into a solid", "set makeSolid to false for a shell");
    return pipe.Shape();
  });
}

// Sections in one plane make ThruSections return a flat "solid" with no volume and a void
// bounding box, which every later operation chokes on.
bool sectionsCoplanar(const std::vector<TopoDS_Shape>& sections) {
  TopoDS_Compound wires;
  BRep_Builder builder;
  builder.MakeCompound(wires);
  bool anyWire = false;
  for (const auto& s : sections)
    if (s.ShapeType() == TopAbs_WIRE) {
      builder.Add(wires, s);
      anyWire = true;
    }
  if (!anyWire) return false;
  BRepLib_FindSurface find(wires, 1e-6, /*OnlyPlane=*/true);
  if (!find.Found()) return false;
  Handle(Geom_Plane) plane = Handle(Geom_Plane)::DownCast(find.Surface());
  if (plane.IsNull()) return false;
  const gp_Pln pln = plane->Pln();
  for (const auto& s : sections)
    if (s.ShapeType() == TopAbs_VERTEX && pln.Distance(BRep_Tool::Pnt(TopoDS::Vertex(s))) > 1e-6) return false;
  return true;
}

// What a loft or sweep built must be a real solid: some volume and a finite extent.
void requireSolidResult(const TopoDS_Shape& shape, const std::string& op, const std::string& message,
                        const std::string& hint) {
  const Bnd_Box box = tightBoundingBox(shape);
  bool finite = !box.IsVoid();
  if (finite) {
    double x0, y0, z0, x1, y1, z1;
    box.Get(x0, y0, z0, x1, y1, z1);
    finite = x1 - x0 < 1e7 && y1 - y0 < 1e7 && z1 - z0 < 1e7;
  }
  if (!finite || std::abs(shapeVolume(shape)) < 1e-9) throwGeometryError(op, message, hint);
}

}  // namespace

WorkplanePtr Workplane::loft(bool ruled, Combine combine, bool clean) const {
  const std::string op = "loft";
  std::vector<TopoDS_Shape> sections;
  if (!m_ctx->pendingWires.empty()) {
    for (const auto& w : m_ctx->pendingWires) sections.push_back(w);
    m_ctx->pendingWires.clear();
  } else {
    for (const auto& item : m_objects) {
      const auto* shape = std::get_if<TopoDS_Shape>(&item);
      if (!shape || shape->IsNull()) continue;
      std::vector<TopoDS_Shape> found;
      if (shape->ShapeType() == TopAbs_FACE || shape->ShapeType() == TopAbs_VERTEX) {
        found.push_back(*shape);
      } else if (shape->ShapeType() == TopAbs_COMPOUND) {
        for (TopoDS_Iterator it(*shape); it.More(); it.Next())
          if (it.Value().ShapeType() == TopAbs_FACE || it.Value().ShapeType() == TopAbs_VERTEX)
            found.push_back(it.Value());
      }
      for (const auto& s : found)
        sections.push_back(s.ShapeType() == TopAbs_FACE ? TopoDS_Shape(BRepTools::OuterWire(TopoDS::Face(s))) : s);
    }
  }
  if (sections.empty())
    throwApiError(op, "there is nothing to loft: no pending wires and no faces on the stack",
                  "draw at least two closed profiles, e.g. rect(...).workplane(offset=5).circle(...)");
  if (sections.size() == 1)
    throwApiError(op, "loft needs at least 2 sections, found 1",
                  "add another profile on an offset workplane before calling loft()");

  if (guardOcct(op, [&] { return sectionsCoplanar(sections); }))
    throwApiError(op, "the sections lie in one plane, so there is nothing to loft between them",
                  "give workplane() an offset, e.g. .workplane({offset: 10})");

  TopoDS_Shape solid = guardOcct(op, [&]() -> TopoDS_Shape {
    BRepOffsetAPI_ThruSections maker(true, ruled);
    for (const auto& s : sections) {
      if (s.ShapeType() == TopAbs_VERTEX) maker.AddVertex(TopoDS::Vertex(s));
      else maker.AddWire(TopoDS::Wire(s));
    }
    maker.Build();
    if (!maker.IsDone() || maker.Shape().IsNull())
      throwGeometryError(op, "could not loft through the sections",
                         "sections must be closed, must not cross each other and should have similar shapes");
    return maker.Shape();
  });
  guardOcct(op, [&] {
    requireSolidResult(solid, op, "the loft through the sections has no volume",
                       "sections must be closed, lie in different planes and not cross each other");
    return 0;
  });
  return WorkplaneOps::combineNew(*this, {solid}, combine, clean, op);
}

WorkplanePtr Workplane::sweep(const ShapeSource& path, const SweepOptions& options) const {
  const std::string op = "sweep";
  transitionMode(options.transition);  // reject a bad name before consuming pending wires
  const TopoDS_Wire spine = wireOf(path, true, "the path");

  std::vector<TopoDS_Shape> results;
  if (!options.multisection) {
    // Every wire is swept on its own and the holes are cut, as CadQuery's Solid.sweep does;
    // so holes may overlap each other (two crossing slots inside a tube).
    for (const auto& profile : WorkplaneOps::takeProfiles(*this, op)) {
      TopoDS_Shape swept = sweepWire(profile.outer, spine, options);
      std::vector<TopoDS_Shape> inner;
      for (const auto& hole : profile.holes) inner.push_back(sweepWire(hole, spine, options));
      if (!inner.empty()) {
        if (options.makeSolid) {
          swept = WorkplaneOps::cut(swept, inner, op);
        } else {
          inner.insert(inner.begin(), swept);
          swept = makeCompound(inner);
        }
      }
      results.push_back(swept);
    }
  } else {
    std::vector<TopoDS_Wire> sections;
    if (!m_ctx->pendingWires.empty()) {
      sections = m_ctx->pendingWires;
      m_ctx->pendingWires.clear();
    } else {
      for (const auto& face : WorkplaneOps::takeFaces(*this, op)) sections.push_back(BRepTools::OuterWire(face));
    }
    results.push_back(guardOcct(op, [&]() -> TopoDS_Shape {
      BRepOffsetAPI_MakePipeShell pipe(spine);
      const bool rotate = setSweepMode(pipe, spine, options);
      for (const auto& w : sections) pipe.Add(w, false, rotate);
      pipe.Build();
      if (!pipe.IsDone())
        throwGeometryError(op, "could not sweep through the sections along the path",
                           "sections should have the same number of edges and lie along the path");
      if (options.makeSolid && !pipe.MakeSolid())
        throwGeometryError(op, "the multisection sweep does not close into a solid");
      return pipe.Shape();
    }));
  }
  // A profile swept within its own plane (e.g. a fixed normal lying in the profile plane)
  // gives a flat "solid" that later operations choke on.
  if (options.makeSolid)
    for (const auto& r : results)
      guardOcct(op, [&] {
        requireSolidResult(r, op, "the swept solid is flat: the profile moves within its own plane",
                           "the profile should cross the path; with normal=..., give the profile's own normal");
        return 0;
      });
  // CadQuery keeps the results as one compound on the stack when not combining.
  if (options.combine == Combine::None) results = {makeCompound(results)};
  return WorkplaneOps::combineNew(*this, results, options.combine, options.clean, op);
}

}  // namespace partsmith::kernel
