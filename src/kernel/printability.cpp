#include "kernel/printability.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepGProp.hxx>
#include <BRepTools.hxx>
#include <BRepTopAdaptor_FClass2d.hxx>
#include <Bnd_Box.hxx>
#include <ElSLib.hxx>
#include <Precision.hxx>
#include <GProp_GProps.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Face.hxx>
#include <gp_Cylinder.hxx>
#include <gp_Pln.hxx>
#include <gp_Vec.hxx>

#include "kernel/hole_finder.h"

namespace partsmith::kernel {

namespace {

// Exactly 45° prints fine: the margin keeps such faces out despite rounding.
constexpr double kTwoPi = 6.28318530717958647692;
const double kCos45 = std::sqrt(0.5) + 1e-9;

// UV samples for a curved face. Cylinders and cones vary only around the axis (U), so
// they get fine U steps (5°) and few V rows (for trimmed faces); other surfaces a square grid.
std::pair<int, int> gridFor(GeomAbs_SurfaceType type) {
  if (type == GeomAbs_Cylinder || type == GeomAbs_Cone) return {72, 4};
  return {24, 24};
}

double faceArea(const TopoDS_Face& face) {
  GProp_GProps props;
  BRepGProp::SurfaceProperties(face, props);
  return props.Mass();
}

struct PlanarFace {
  gp_Pln plane;  // placed in world coordinates; UV below are in its parametrisation
  gp_Dir outward;
  double u0 = 0, u1 = 0, v0 = 0, v1 = 0;
};

// Share of a curved face's area that overhangs, by a UV grid weighted with |Su x Sv|.
double overhangShare(const TopoDS_Face& face, const BRepAdaptor_Surface& surface) {
  double u0, u1, v0, v1;
  BRepTools::UVBounds(face, u0, u1, v0, v1);
  const auto [nu, nv] = gridFor(surface.GetType());
  const double du = (u1 - u0) / nu, dv = (v1 - v0) / nv;
  const bool reversed = face.Orientation() == TopAbs_REVERSED;
  struct Sample {
    double u, v, weight;
    bool overhang;
  };
  std::vector<Sample> samples;
  samples.reserve(size_t(nu * nv));
  bool anyOverhang = false;
  for (int i = 0; i < nu; ++i)
    for (int j = 0; j < nv; ++j) {
      const double u = u0 + (i + 0.5) * du, v = v0 + (j + 0.5) * dv;
      gp_Pnt p;
      gp_Vec su, sv;
      surface.D1(u, v, p, su, sv);
      gp_Vec n = su.Crossed(sv);
      const double weight = n.Magnitude();
      if (weight < 1e-300) continue;
      if (reversed) n.Reverse();
      const bool overhang = -n.Z() / weight > kCos45;
      anyOverhang = anyOverhang || overhang;
      samples.push_back({u, v, weight, overhang});
    }
  // Most curved faces (vertical bores, fillets on walls) never point down: skip the costly
  // in-face classification for them.
  if (!anyOverhang) return 0;
  BRepTopAdaptor_FClass2d classifier(face, Precision::PConfusion());
  double total = 0, down = 0;
  for (const auto& s : samples) {
    if (classifier.Perform(gp_Pnt2d(s.u, s.v)) == TopAbs_OUT) continue;
    total += s.weight;
    if (s.overhang) down += s.weight;
  }
  return total > 0 ? down / total : 0;
}

// Distance between two antiparallel planar faces when they bound material between them
// and overlap in projection; nullopt otherwise.
std::optional<double> wallBetween(const PlanarFace& a, const PlanarFace& b, double tolerance) {
  if (a.outward.Dot(b.outward) > -1 + 1e-9) return std::nullopt;
  const double distance = gp_Vec(b.plane.Location(), a.plane.Location()).Dot(gp_Vec(a.outward));
  if (distance <= tolerance) return std::nullopt;  // facing each other across a gap
  double bu0 = std::numeric_limits<double>::max(), bu1 = -bu0, bv0 = bu0, bv1 = -bu0;
  for (double u : {b.u0, b.u1})
    for (double v : {b.v0, b.v1}) {
      double pu, pv;
      ElSLib::Parameters(a.plane, ElSLib::Value(u, v, b.plane), pu, pv);
      bu0 = std::min(bu0, pu), bu1 = std::max(bu1, pu), bv0 = std::min(bv0, pv), bv1 = std::max(bv1, pv);
    }
  const double overlapU = std::min(a.u1, bu1) - std::max(a.u0, bu0);
  const double overlapV = std::min(a.v1, bv1) - std::max(a.v0, bv0);
  if (overlapU <= tolerance || overlapV <= tolerance) return std::nullopt;
  return distance;
}

struct CylinderFace {
  gp_Cylinder cylinder;  // placed in world coordinates
  bool concave = false;
  double u0 = 0, u1 = 0, v0 = 0, v1 = 0;

  const gp_Ax1& axis() const { return cylinder.Axis(); }
  // Whether the face exists in direction `d` (perpendicular to the axis) seen from the axis.
  bool covers(const gp_Dir& d) const {
    if (u1 - u0 >= kTwoPi - 1e-9) return true;
    double u, v;
    ElSLib::Parameters(cylinder, cylinder.Location().Translated(gp_Vec(d) * cylinder.Radius()), u, v);
    while (u < u0) u += kTwoPi;
    while (u >= u0 + kTwoPi) u -= kTwoPi;
    return u <= u1 + 1e-9;
  }
  // The axis points at the face's two V bounds.
  gp_Pnt axisAt(double v) const { return cylinder.Location().Translated(gp_Vec(cylinder.Axis().Direction()) * v); }
};

// Wall between a bore and a planar face parallel to its axis that faces away from it.
std::optional<double> wallBetween(const CylinderFace& bore, const PlanarFace& plane, double tolerance) {
  if (!bore.concave) return std::nullopt;
  const gp_Dir d = bore.axis().Direction();
  if (std::abs(d.Dot(plane.outward)) > 1e-9) return std::nullopt;
  const double reach = gp_Vec(bore.cylinder.Location(), plane.plane.Location()).Dot(gp_Vec(plane.outward));
  const double wall = reach - bore.cylinder.Radius();
  if (wall <= tolerance || !bore.covers(plane.outward)) return std::nullopt;
  // The bore's footprint on the plane must overlap the face.
  const gp_Vec across = gp_Vec(plane.outward.Crossed(d)) * bore.cylinder.Radius();
  double fu0 = std::numeric_limits<double>::max(), fu1 = -fu0, fv0 = fu0, fv1 = -fu0;
  for (double v : {bore.v0, bore.v1})
    for (double side : {-1.0, 1.0}) {
      double pu, pv;
      ElSLib::Parameters(plane.plane, bore.axisAt(v).Translated(across * side), pu, pv);
      fu0 = std::min(fu0, pu), fu1 = std::max(fu1, pu), fv0 = std::min(fv0, pv), fv1 = std::max(fv1, pv);
    }
  if (std::min(plane.u1, fu1) - std::max(plane.u0, fu0) <= tolerance) return std::nullopt;
  if (std::min(plane.v1, fv1) - std::max(plane.v0, fv0) <= tolerance) return std::nullopt;
  return wall;
}

// Wall between two parallel cylindrical faces: side by side bores, or a bore inside a
// coaxial boss (a tube).
std::optional<double> wallBetween(const CylinderFace& a, const CylinderFace& b, double tolerance) {
  const gp_Dir d = a.axis().Direction();
  if (d.XYZ().Crossed(b.axis().Direction().XYZ()).Modulus() > 1e-9) return std::nullopt;
  // Axial ranges must overlap.
  auto along = [&](const gp_Pnt& p) { return gp_Vec(a.cylinder.Location(), p).Dot(gp_Vec(d)); };
  const double b0 = along(b.axisAt(b.v0)), b1 = along(b.axisAt(b.v1));
  const double a0 = std::min(a.v0, a.v1), a1 = std::max(a.v0, a.v1);
  if (std::min(a1, std::max(b0, b1)) - std::max(a0, std::min(b0, b1)) <= tolerance) return std::nullopt;
  const gp_Vec offset(a.cylinder.Location(), b.cylinder.Location());
  const gp_Vec between = offset - gp_Vec(d) * offset.Dot(gp_Vec(d));
  const double distance = between.Magnitude();
  const double ra = a.cylinder.Radius(), rb = b.cylinder.Radius();
  double wall;
  if (distance <= tolerance) {
    if (a.concave == b.concave) return std::nullopt;  // coaxial: only a bore in a boss
    const double outer = a.concave ? rb : ra, inner = a.concave ? ra : rb;
    wall = outer - inner;
  } else {
    if (!a.concave || !b.concave) return std::nullopt;
    wall = distance - ra - rb;
    if (!a.covers(gp_Dir(between)) || !b.covers(gp_Dir(between.Reversed()))) return std::nullopt;
  }
  return wall > tolerance ? std::optional<double>(wall) : std::nullopt;
}

}  // namespace

PrintabilityFacts PrintabilityEstimator::estimate(const TopoDS_Shape& shape, double bedZ,
                                                   const std::vector<double>* faceAreas) {
  PrintabilityFacts facts;
  if (shape.IsNull()) return facts;
  Bnd_Box box;
  BRepBndLib::Add(shape, box, false);
  // Distances below a millionth of the part's size are modelling noise, not walls or gaps.
  const double tolerance = box.IsVoid() ? 1e-7 : std::max(1e-7, 1e-6 * std::sqrt(box.SquareExtent()));

  TopTools_IndexedMapOfShape faces;
  TopExp::MapShapes(shape, TopAbs_FACE, faces);
  if (faceAreas && int(faceAreas->size()) != faces.Extent()) faceAreas = nullptr;
  auto areaOf = [&](int i) { return faceAreas ? (*faceAreas)[size_t(i - 1)] : faceArea(TopoDS::Face(faces(i))); };
  for (int i = 1; i <= faces.Extent(); ++i) {
    const TopoDS_Face& face = TopoDS::Face(faces(i));
    BRepAdaptor_Surface surface(face);
    if (surface.GetType() == GeomAbs_Plane) {
      const double area = areaOf(i);
      facts.largestFlatFaceArea = std::max(facts.largestFlatFaceArea, area);
      gp_Dir n = surface.Plane().Axis().Direction();
      if (face.Orientation() == TopAbs_REVERSED) n.Reverse();
      const double down = -n.Z();
      if (down <= kCos45) continue;
      const bool onBed = down > 1 - 1e-9 && std::abs(surface.Plane().Location().Z() - bedZ) <= tolerance;
      if (!onBed) facts.overhangArea += area;
    } else {
      const double share = overhangShare(face, surface);
      if (share > 0) facts.overhangArea += share * areaOf(i);
    }
  }

  // Pairs are only sought inside one solid: two parts of a compound never form a wall.
  std::vector<TopoDS_Shape> bodies;
  TopTools_IndexedMapOfShape solids;
  TopExp::MapShapes(shape, TopAbs_SOLID, solids);
  for (int i = 1; i <= solids.Extent(); ++i) bodies.push_back(solids(i));
  if (bodies.empty()) bodies.push_back(shape);
  double thinnest = std::numeric_limits<double>::max();
  for (const auto& body : bodies) {
    std::vector<PlanarFace> planes;
    std::vector<CylinderFace> cylinders;
    TopTools_IndexedMapOfShape bodyFaces;
    TopExp::MapShapes(body, TopAbs_FACE, bodyFaces);
    for (int i = 1; i <= bodyFaces.Extent(); ++i) {
      const TopoDS_Face& face = TopoDS::Face(bodyFaces(i));
      BRepAdaptor_Surface surface(face, /*restriction=*/false);
      if (surface.GetType() == GeomAbs_Cylinder) {
        CylinderFace cf;
        cf.cylinder = surface.Cylinder();
        cf.concave = HoleFinder::isConcaveCylinder(face);
        BRepTools::UVBounds(face, cf.u0, cf.u1, cf.v0, cf.v1);
        cylinders.push_back(cf);
        continue;
      }
      if (surface.GetType() != GeomAbs_Plane) continue;
      PlanarFace pf;
      pf.plane = surface.Plane();
      pf.outward = pf.plane.Axis().Direction();
      if (face.Orientation() == TopAbs_REVERSED) pf.outward.Reverse();
      BRepTools::UVBounds(face, pf.u0, pf.u1, pf.v0, pf.v1);
      planes.push_back(pf);
    }
    for (size_t a = 0; a < planes.size(); ++a)
      for (size_t b = 0; b < planes.size(); ++b) {
        if (a == b) continue;
        if (auto d = wallBetween(planes[a], planes[b], tolerance)) thinnest = std::min(thinnest, *d);
      }
    for (const auto& cylinder : cylinders)
      for (const auto& plane : planes)
        if (auto d = wallBetween(cylinder, plane, tolerance)) thinnest = std::min(thinnest, *d);
    for (size_t a = 0; a < cylinders.size(); ++a)
      for (size_t b = a + 1; b < cylinders.size(); ++b)
        if (auto d = wallBetween(cylinders[a], cylinders[b], tolerance)) thinnest = std::min(thinnest, *d);
  }
  facts.thinnestWall = thinnest == std::numeric_limits<double>::max() ? 0 : thinnest;
  return facts;
}

}  // namespace partsmith::kernel
