// Workplane prismatic features: extrude (distance, both, taper, "next"/"last"/face),
// cutBlind, cutThruAll and twistExtrude, following CadQuery's _extrude/dprism logic.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <BRepClass3d_SolidClassifier.hxx>
#include <BRepFeat_MakeDPrism.hxx>
#include <BRepIntCurveSurface_Inter.hxx>
#include <BRepLib.hxx>
#include <BRepOffsetAPI_MakePipeShell.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <BRepTools.hxx>
#include <BRep_Tool.hxx>
#include <TopExp.hxx>
#include <BRep_Builder.hxx>
#include <Bnd_Box.hxx>
#include <GCE2d_MakeSegment.hxx>
#include <Geom_CylindricalSurface.hxx>
#include <LocOpe_DPrism.hxx>
#include <ShapeFix_Solid.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <gp_Lin.hxx>

#include "kernel/op_cache.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

constexpr double kDegToRad = M_PI / 180.0;

bool hasInnerWires(const TopoDS_Face& face) {
  int wires = 0;
  for (TopExp_Explorer it(face, TopAbs_WIRE); it.More(); it.Next()) ++wires;
  return wires > 1;
}

void checkTaper(const std::vector<TopoDS_Face>& faces, double taper, const std::string& operation) {
  WorkplaneOps::requireFinite(operation, "taper", taper);
  if (taper == 0) return;
  if (std::abs(taper) >= 90)
    throwApiError(operation, "taper must be between -90 and 90 degrees, got " + formatNumber(taper));
  for (const auto& face : faces)
    if (hasInnerWires(face))
      throwApiError(operation, "a tapered extrusion cannot have inner wires (holes in the profile)",
                    "extrude without taper, or cut the holes afterwards");
}

std::string formatShort(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", value);
  return buf;
}

// Decimals for a limit the user must stay below: rounded down so the suggestion works.
std::string formatBelow(double value) {
  const double scale = value >= 10 ? 10 : value >= 0.1 ? 100 : 10000;
  return formatNumber(std::floor(value * scale) / scale);
}

// A taper that shrinks the profile to nothing before `vec` is reached makes LocOpe_DPrism
// stop there: a cone 0.5 mm tall where 5 mm was asked. CadQuery keeps the height or fails; so
// do we. The profile vanishes once the inward offset h * tan(taper) reaches its inner radius,
// which the height reached tells: r = reached * tan(taper).
void checkTaperedHeight(const TopoDS_Shape& shape, const TopoDS_Face& face, const gp_Vec& vec, double taper,
                        const std::string& operation) {
  if (taper <= 0) return;  // an outward draft never closes
  const double height = vec.Magnitude();
  const gp_Dir dir(vec);
  const gp_Pnt base = BRep_Tool::Pnt(TopExp::FirstVertex(TopoDS::Edge(TopExp_Explorer(face, TopAbs_EDGE).Current())));
  double reached = 0;
  for (TopExp_Explorer it(shape, TopAbs_VERTEX); it.More(); it.Next())
    reached = std::max(reached, gp_Vec(base, BRep_Tool::Pnt(TopoDS::Vertex(it.Current()))).Dot(gp_Vec(dir)));
  if (reached >= height * (1 - 1e-6) - 1e-7) return;
  if (reached < 1e-6)
    throwGeometryError(operation, "could not build the tapered extrusion (taper " + formatNumber(taper) + ")",
                       "try a smaller taper angle or a shorter distance");
  const double tanTaper = std::tan(taper * kDegToRad);
  const double maxTaper = std::atan(reached * tanTaper / height) / kDegToRad;
  throwApiError(operation,
                "taper " + formatNumber(taper) + " shrinks the profile to nothing " + formatShort(reached) +
                    " mm up, before the distance " + formatNumber(height) + " is reached",
                "for this profile and distance use a taper below " + formatBelow(maxTaper) +
                    " degrees, or keep taper " + formatNumber(taper) + " with a distance below " +
                    formatBelow(reached));
}

// A straight prism of `face` along `vec`; with a taper (degrees, positive shrinks) the height
// along `vec` is kept, as CadQuery's extrudeLinear does with LocOpe_DPrism.
TopoDS_Shape linearPrism(const TopoDS_Face& face, const gp_Vec& vec, double taper, const std::string& operation) {
  return cachedOp(
      "prism", [&](OpKey& key) { key.shape(face).number(vec.X()).number(vec.Y()).number(vec.Z()).number(taper); },
      [&] {
        return guardOcct(operation, [&]() -> TopoDS_Shape {
          if (taper == 0) {
            BRepPrimAPI_MakePrism maker(face, vec, true);
            if (!maker.IsDone()) throwGeometryError(operation, "could not extrude the profile");
            return maker.Shape();
          }
          // LocOpe_DPrism extrudes along the face normal; flip height and angle when the
          // requested direction points against it.
          const double d = vec.Angle(gp_Vec(faceNormalAt(face))) < M_PI / 2 ? 1.0 : -1.0;
          LocOpe_DPrism maker(face, d * vec.Magnitude() / std::cos(taper * kDegToRad), d * taper * kDegToRad);
          if (!maker.IsDone() || maker.Shape().IsNull())
            throwGeometryError(operation, "could not build the tapered extrusion",
                               "try a smaller taper angle or a shorter distance");
          TopoDS_Shape shape = maker.Shape();
          if (shape.ShapeType() == TopAbs_SHELL) shape = ShapeFix_Solid().SolidFromShell(TopoDS::Shell(shape));
          checkTaperedHeight(shape, face, vec, taper, operation);
          return shape;
        });
      });
}

// CadQuery's _extrude for a distance: one solid per face (both: the two halves glued).
std::vector<TopoDS_Shape> blindPrisms(const std::vector<TopoDS_Face>& faces, const gp_Dir& normal, double distance,
                                      bool both, double taper, const std::string& operation) {
  std::vector<TopoDS_Shape> solids;
  const gp_Vec vec = gp_Vec(normal) * distance;
  for (const auto& face : faces) {
    TopoDS_Shape s1 = linearPrism(face, vec, taper, operation);
    if (both) {
      TopoDS_Shape s2 = linearPrism(face, vec.Reversed(), taper, operation);
      solids.push_back(WorkplaneOps::fuse(s1, {s2}, operation, /*glue=*/true));
    } else {
      solids.push_back(s1);
    }
  }
  return solids;
}

// Faces of `solid` crossed by the line through `point` along `axis`, nearest first. Only
// hits on the `along` side of the point count (CadQuery's facesIntersectedByLine with
// direction "AlongAxis" / "Opposite"), and not the face the point lies on.
std::vector<TopoDS_Face> facesCrossedByLine(const TopoDS_Shape& solid, const gp_Pnt& point, const gp_Dir& axis,
                                            bool along) {
  const double tol = 1e-4;
  std::vector<std::pair<double, TopoDS_Face>> hits;
  BRepIntCurveSurface_Inter inter;
  inter.Init(solid, gp_Lin(point, axis), tol);
  for (; inter.More(); inter.Next()) {
    const gp_Pnt hit = inter.Pnt();
    const double dist2 = point.SquareDistance(hit);
    if (dist2 <= tol) continue;
    const gp_Vec toHit(point, hit);
    const bool opposite = toHit.Dot(gp_Vec(axis)) < 0;
    if (opposite == along) continue;
    hits.emplace_back(dist2, inter.Face());
  }
  std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<TopoDS_Face> faces;
  for (auto& h : hits) faces.push_back(h.second);
  return faces;
}

std::vector<TopoDS_Face> limitFaces(const TopoDS_Shape& solid, const TopoDS_Face& face, const gp_Dir& dir,
                                    bool additive, bool both, const std::string& operation) {
  const gp_Pnt centre = shapeCenter(face);
  auto faces = facesCrossedByLine(solid, centre, dir, additive);
  if (faces.empty() && both)
    throwApiError(operation, "with both=true, found no face to stop at on one of the two sides",
                  "the solid must lie on both sides of the workplane, or extrude to one side only");
  if (faces.empty()) {
    // The workplane may simply face the other way: look behind it as CadQuery does.
    faces = facesCrossedByLine(solid, centre, dir.Reversed(), additive);
    if (faces.empty())
      throwApiError(operation, "found no face of the solid to extrude up to",
                    "check the workplane orientation: the solid must lie along its normal");
  }
  return faces;
}

TopoDS_Shape dprismUpTo(const TopoDS_Shape& base, const TopoDS_Face& face, const TopoDS_Face& until, double taper,
                        bool additive, const std::string& operation) {
  return guardOcct(operation, [&]() -> TopoDS_Shape {
    BRepFeat_MakeDPrism feat(base, face, TopoDS_Face(), taper * kDegToRad, additive ? 1 : 0, false);
    feat.Perform(until);
    if (!feat.IsDone() || feat.CurrentStatusError() != BRepFeat_OK || feat.Shape().IsNull())
      throwGeometryError(operation, "could not extrude the profile up to the limiting face",
                         "give a distance instead of \"next\"/\"last\"/a face");
    return feat.Shape();
  });
}

// CadQuery's _extrude with upToFace: a BRepFeat prism on the context solid per face. The
// result already contains the context solid.
TopoDS_Shape extrudeUpTo(const Workplane& wp, const std::vector<TopoDS_Face>& faces, const ExtentUntil& until,
                         bool both, double taper, bool additive, const std::string& operation) {
  TopoDS_Shape res = WorkplaneOps::requireSolid(wp, operation);
  const gp_Dir dir = wp.plane().zDir();
  int index = until.kind == ExtentUntil::Kind::Next ? 0 : -1;
  auto pick = [&](const std::vector<TopoDS_Face>& list) {
    if (index >= static_cast<int>(list.size()))
      throwApiError(operation, "found no further face of the solid to extrude up to");
    return index < 0 ? list.back() : list[static_cast<size_t>(index)];
  };
  for (const auto& face : faces) {
    TopoDS_Face limit;
    if (until.kind == ExtentUntil::Kind::Face) {
      limit = until.face;
    } else {
      auto list = limitFaces(res, face, dir, additive, both, operation);
      // A profile starting inside the solid would stop at once: go to the next face out.
      BRepClass3d_SolidClassifier classifier(res);
      classifier.Perform(shapeCenter(BRepTools::OuterWire(face)), 1e-6);
      if ((classifier.State() == TopAbs_IN || classifier.IsOnAFace()) && additive && index == 0) index = 1;
      limit = pick(list);
    }
    res = dprismUpTo(res, face, limit, taper, additive, operation);
    if (both) {
      TopoDS_Face limit2 = until.kind == ExtentUntil::Kind::Face
                               ? until.face
                               : pick(limitFaces(res, face, dir.Reversed(), additive, both, operation));
      res = dprismUpTo(res, face, limit2, taper, additive, operation);
    }
  }
  return res;
}

WorkplanePtr finish(const Workplane& wp, TopoDS_Shape shape, bool clean) {
  if (clean) shape = cleanShape(shape);
  return WorkplaneOps::make(wp, {shape});
}

// A twisted prism of one wire: a pipe along the straight spine whose frame follows a helix
// of radius 1 about the same axis (CadQuery's extrudeLinearWithRotation).
TopoDS_Shape twistedWire(const TopoDS_Wire& wire, const gp_Pnt& centre, const gp_Dir& axis, double length,
                         double angleRad, const std::string& operation) {
  TopoDS_Wire spine =
      BRepBuilderAPI_MakeWire(BRepBuilderAPI_MakeEdge(centre, centre.Translated(gp_Vec(axis) * length)).Edge()).Wire();
  Handle(Geom_CylindricalSurface) cylinder = new Geom_CylindricalSurface(gp_Ax3(centre, axis), 1.0);
  Handle(Geom2d_TrimmedCurve) segment = GCE2d_MakeSegment(gp_Pnt2d(0, 0), gp_Pnt2d(angleRad, length)).Value();
  TopoDS_Edge helixEdge = BRepBuilderAPI_MakeEdge(segment, cylinder).Edge();
  BRepLib::BuildCurves3d(helixEdge, 1e-6);
  TopoDS_Wire helix = BRepBuilderAPI_MakeWire(helixEdge).Wire();

  BRepOffsetAPI_MakePipeShell pipe(spine);
  pipe.SetMode(helix, false);
  pipe.Add(wire);
  pipe.Build();
  if (!pipe.IsDone()) throwGeometryError(operation, "could not sweep the profile with a twist");
  if (!pipe.MakeSolid()) throwGeometryError(operation, "the twisted sweep did not close into a solid");
  return pipe.Shape();
}

}  // namespace

WorkplanePtr Workplane::extrude(const ExtentUntil& until, Combine combine, bool clean, bool both,
                                std::optional<double> taper) const {
  if (combine == Combine::Cut) return cutBlind(until, clean, both, taper);
  const std::string op = "extrude";
  if (until.kind == ExtentUntil::Kind::Distance) {
    WorkplaneOps::requireFinite(op, "distance", until.distance);
    if (until.distance == 0) throwApiError(op, "distance must not be 0");
  } else if (combine == Combine::None) {
    throwApiError(op, "combine cannot be false when extruding up to a face",
                  "leave combine at true, or extrude by a distance");
  } else if (until.kind == ExtentUntil::Kind::Face && until.face.IsNull()) {
    throwApiError(op, "the face to extrude up to is empty");
  }
  if (until.kind != ExtentUntil::Kind::Distance) WorkplaneOps::requireSolid(*this, op);

  auto faces = WorkplaneOps::takeFaces(*this, op);
  const double t = taper.value_or(0.0);
  checkTaper(faces, t, op);

  if (until.kind == ExtentUntil::Kind::Distance) {
    auto solids = blindPrisms(faces, m_plane.zDir(), until.distance, both, t, op);
    // CadQuery keeps the solids as one compound on the stack when not combining.
    if (combine == Combine::None) solids = {makeCompound(solids)};
    return WorkplaneOps::combineNew(*this, solids, combine, clean, op);
  }
  return finish(*this, extrudeUpTo(*this, faces, until, both, t, true, op), clean);
}

WorkplanePtr Workplane::cutBlind(const ExtentUntil& until, bool clean, bool both, std::optional<double> taper) const {
  const std::string op = "cutBlind";
  if (until.kind == ExtentUntil::Kind::Distance) {
    WorkplaneOps::requireFinite(op, "distance", until.distance);
    if (until.distance == 0) throwApiError(op, "distance must not be 0");
  } else if (until.kind == ExtentUntil::Kind::Face && until.face.IsNull()) {
    throwApiError(op, "the face to cut up to is empty");
  }
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);
  auto faces = WorkplaneOps::takeFaces(*this, op);
  const double t = taper.value_or(0.0);
  checkTaper(faces, t, op);

  if (until.kind == ExtentUntil::Kind::Distance) {
    auto tools = blindPrisms(faces, m_plane.zDir(), until.distance, both, t, op);
    return finish(*this, WorkplaneOps::cut(solid, tools, op), clean);
  }
  return finish(*this, extrudeUpTo(*this, faces, until, both, t, false, op), clean);
}

WorkplanePtr Workplane::cutThruAll(bool clean, double taper) const {
  const std::string op = "cutThruAll";
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);
  auto faces = WorkplaneOps::takeFaces(*this, op);
  checkTaper(faces, taper, op);

  if (taper != 0) {
    // Tapered: the BRepFeat draft prism through all material, as CadQuery does.
    TopoDS_Shape res = solid;
    for (const auto& face : faces) {
      res = guardOcct(op, [&]() -> TopoDS_Shape {
        BRepFeat_MakeDPrism feat(res, face, TopoDS_Face(), -taper * kDegToRad, 0, false);
        feat.PerformThruAll();
        // PerformThruAll never sets the status on success (it stays "not initialized").
        if (!feat.IsDone() || feat.Shape().IsNull())
          throwGeometryError(op, "could not cut the tapered profile through the solid",
                             "try without taper, or cutBlind with a distance");
        return feat.Shape();
      });
    }
    return finish(*this, res, clean);
  }

  // Untapered: a prism through the whole solid on both sides of the workplane, long enough
  // to pass the solid wherever the profile sits relative to it.
  Bnd_Box box = tightBoundingBox(solid);
  const double diagonal = std::sqrt(box.SquareExtent());
  const gp_Pnt boxCentre = boundingBoxCenter(solid);
  const gp_Dir normal = m_plane.zDir();
  std::vector<TopoDS_Shape> tools;
  for (const auto& face : faces) {
    const double reach = diagonal + shapeCenter(face).Distance(boxCentre) + 1.0;
    TopoDS_Face start = guardOcct(op, [&] {
      gp_Trsf back;
      back.SetTranslation(gp_Vec(normal) * -reach);
      return TopoDS::Face(BRepBuilderAPI_Transform(face, back, true).Shape());
    });
    tools.push_back(linearPrism(start, gp_Vec(normal) * (2 * reach), 0, op));
  }
  return finish(*this, WorkplaneOps::cut(solid, tools, op), clean);
}

WorkplanePtr Workplane::twistExtrude(double distance, double angleDegrees, Combine combine, bool clean) const {
  const std::string op = "twistExtrude";
  WorkplaneOps::requireFinite(op, "distance", distance);
  WorkplaneOps::requireFinite(op, "angleDegrees", angleDegrees);
  if (distance == 0) throwApiError(op, "distance must not be 0");
  auto faces = WorkplaneOps::takeFaces(*this, op);

  const gp_Dir axis = distance > 0 ? m_plane.zDir() : m_plane.zDir().Reversed();
  const double length = std::abs(distance);
  std::vector<TopoDS_Shape> solids;
  for (const auto& face : faces) {
    if (angleDegrees == 0) {
      solids.push_back(linearPrism(face, gp_Vec(axis) * length, 0, op));
      continue;
    }
    const TopoDS_Wire outer = BRepTools::OuterWire(face);
    TopoDS_Shape solid =
        guardOcct(op, [&] { return twistedWire(outer, m_plane.origin(), axis, length, angleDegrees * kDegToRad, op); });
    std::vector<TopoDS_Shape> holes;
    for (TopExp_Explorer it(face, TopAbs_WIRE); it.More(); it.Next())
      if (!it.Current().IsSame(outer))
        holes.push_back(guardOcct(op, [&] {
          return twistedWire(TopoDS::Wire(it.Current()), m_plane.origin(), axis, length, angleDegrees * kDegToRad, op);
        }));
    solids.push_back(holes.empty() ? solid : WorkplaneOps::cut(solid, holes, op));
  }
  TopoDS_Shape created =
      solids.size() == 1 ? solids.front() : WorkplaneOps::fuse(solids.front(), {solids.begin() + 1, solids.end()}, op);
  return WorkplaneOps::combineNew(*this, {created}, combine, clean, op);
}

}  // namespace partsmith::kernel
