#include "kernel/printability.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include <BRepAdaptor_Surface.hxx>
#include <BRepGProp.hxx>
#include <BRepTools.hxx>
#include <BRepTopAdaptor_FClass2d.hxx>
#include <ElSLib.hxx>
#include <Precision.hxx>
#include <GProp_GProps.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Face.hxx>
#include <gp_Pln.hxx>
#include <gp_Vec.hxx>

namespace partsmith::kernel {

namespace {

// Exactly 45° prints fine: the margin keeps such faces out despite rounding.
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

}  // namespace

PrintabilityFacts PrintabilityEstimator::estimate(const TopoDS_Shape& shape, double bedZ) {
  PrintabilityFacts facts;
  if (shape.IsNull()) return facts;
  const double tolerance = 1e-6 * std::max(1.0, std::abs(bedZ));

  TopTools_IndexedMapOfShape faces;
  TopExp::MapShapes(shape, TopAbs_FACE, faces);
  for (int i = 1; i <= faces.Extent(); ++i) {
    const TopoDS_Face& face = TopoDS::Face(faces(i));
    BRepAdaptor_Surface surface(face);
    if (surface.GetType() == GeomAbs_Plane) {
      const double area = faceArea(face);
      facts.largestFlatFaceArea = std::max(facts.largestFlatFaceArea, area);
      gp_Dir n = surface.Plane().Axis().Direction();
      if (face.Orientation() == TopAbs_REVERSED) n.Reverse();
      const double down = -n.Z();
      if (down <= kCos45) continue;
      const bool onBed = down > 1 - 1e-9 && std::abs(surface.Plane().Location().Z() - bedZ) <= tolerance;
      if (!onBed) facts.overhangArea += area;
    } else {
      const double share = overhangShare(face, surface);
      if (share > 0) facts.overhangArea += share * faceArea(face);
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
    TopTools_IndexedMapOfShape bodyFaces;
    TopExp::MapShapes(body, TopAbs_FACE, bodyFaces);
    for (int i = 1; i <= bodyFaces.Extent(); ++i) {
      const TopoDS_Face& face = TopoDS::Face(bodyFaces(i));
      BRepAdaptor_Surface surface(face, /*restriction=*/false);
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
  }
  facts.thinnestWall = thinnest == std::numeric_limits<double>::max() ? 0 : thinnest;
  return facts;
}

}  // namespace partsmith::kernel
