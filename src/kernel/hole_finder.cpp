#include "kernel/hole_finder.h"

#include <algorithm>
#include <bitset>
#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include <Bnd_Box.hxx>
#include <BRep_Tool.hxx>
#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepClass3d_SolidClassifier.hxx>
#include <BRepTools.hxx>
#include <Geom2d_Curve.hxx>
#include <gp_Cylinder.hxx>
#include <gp_Pnt2d.hxx>
#include <gp_Trsf.hxx>
#include <gp_Vec.hxx>
#include <Precision.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopLoc_Location.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Face.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopTools_ListIteratorOfListOfShape.hxx>

namespace partsmith::kernel {

namespace {

constexpr double kTwoPi = 6.28318530717958647692;
constexpr int kAngleBins = 72;  // 5° resolution for "covers the full circle"

// One concave cylindrical face and its parameter bounds.
struct Bore {
  TopoDS_Face face;
  int solid = 0;
  gp_Cylinder cylinder;
  double u0 = 0, u1 = 0, v0 = 0, v1 = 0;
};

// Coaxial bores of one radius in one solid.
struct Group {
  int solid = 0;
  double radius = 0;
  gp_Ax3 frame;  // origin on the axis, Z along it
  std::vector<Bore> bores;
};

struct Segment {
  double tMin = 0, tMax = 0;
  std::bitset<kAngleBins> coverage;
  std::vector<const Bore*> bores;
};

enum class EndState { Open, Closed, Unknown };

bool isConcave(const BRepAdaptor_Surface& surface, const TopoDS_Face& face, double u, double v) {
  gp_Pnt p;
  gp_Vec du, dv;
  surface.D1(u, v, p, du, dv);
  gp_Vec normal = du.Crossed(dv);
  if (face.Orientation() == TopAbs_REVERSED) normal.Reverse();
  const gp_Ax1 axis = surface.Cylinder().Axis();
  const gp_Vec fromAxis(axis.Location(), p);
  const gp_Vec radial = fromAxis - gp_Vec(axis.Direction()) * fromAxis.Dot(gp_Vec(axis.Direction()));
  return normal.Dot(radial) < 0;
}

bool sameAxis(const Group& group, const gp_Cylinder& cylinder, double tolerance) {
  const gp_Dir& groupDir = group.frame.Direction();
  const gp_Dir& dir = cylinder.Axis().Direction();
  if (groupDir.XYZ().Crossed(dir.XYZ()).Modulus() > 1e-6) return false;
  const gp_Vec offset(group.frame.Location(), cylinder.Location());
  const gp_Vec across = offset - gp_Vec(groupDir) * offset.Dot(gp_Vec(groupDir));
  return across.Magnitude() <= tolerance;
}

// True when every edge of a cylindrical face is a ruling (line) or a cross-section
// (circle), so its V bounds are exact.
bool hasSquareRims(const TopoDS_Face& face) {
  for (TopExp_Explorer it(face, TopAbs_EDGE); it.More(); it.Next()) {
    const TopoDS_Edge& edge = TopoDS::Edge(it.Current());
    if (BRep_Tool::Degenerated(edge)) continue;
    const GeomAbs_CurveType type = BRepAdaptor_Curve(edge).GetType();
    if (type != GeomAbs_Line && type != GeomAbs_Circle) return false;
  }
  return true;
}

// Axial extent of a bore along the group axis, and the angles it covers around it.
Segment measure(const Group& group, const Bore& bore) {
  const gp_Ax3& f = group.frame;
  const gp_Dir& z = f.Direction();
  const gp_Ax3& pos = bore.cylinder.Position();
  auto axial = [&](double v) {
    const gp_Pnt onAxis = pos.Location().Translated(gp_Vec(pos.Direction()) * v);
    return gp_Vec(f.Location(), onAxis).Dot(gp_Vec(z));
  };
  Segment s;
  s.bores.push_back(&bore);
  if (hasSquareRims(bore.face)) {
    s.tMin = std::min(axial(bore.v0), axial(bore.v1));
    s.tMax = std::max(axial(bore.v0), axial(bore.v1));
  } else {
    // UV bounds of sinusoidal pcurves (a bore meeting a slanted face) are loose: take the
    // tight box of the face seen in the group's frame, whose Z is the axial parameter.
    gp_Trsf toFrame;
    toFrame.SetTransformation(f);
    Bnd_Box box;
    BRepBndLib::AddOptimal(bore.face.Moved(TopLoc_Location(toFrame)), box, false, false);
    double x0, y0, z0, x1, y1, z1;
    box.Get(x0, y0, z0, x1, y1, z1);
    s.tMin = z0;
    s.tMax = z1;
  }
  // Sample the face's U range every half bin and mark the bins its directions fall in;
  // each face may have its own seam and handedness, so angles are measured in the group frame.
  const double span = bore.u1 - bore.u0;
  const int steps = std::max(2, int(std::ceil(span / (kTwoPi / kAngleBins / 2))));
  const gp_Vec x(pos.XDirection()), y(pos.YDirection()), gx(f.XDirection()), gy(f.YDirection());
  for (int i = 0; i <= steps; ++i) {
    const double u = bore.u0 + span * i / steps;
    const gp_Vec d = x * std::cos(u) + y * std::sin(u);
    double angle = std::atan2(d.Dot(gy), d.Dot(gx));
    if (angle < 0) angle += kTwoPi;
    s.coverage.set(std::min(kAngleBins - 1, int(angle / kTwoPi * kAngleBins)));
  }
  return s;
}

// Merges the bores of a group into runs that touch along the axis.
std::vector<Segment> segmentsOf(const Group& group, double tolerance) {
  std::vector<Segment> parts;
  for (const auto& bore : group.bores) parts.push_back(measure(group, bore));
  std::sort(parts.begin(), parts.end(), [](const Segment& a, const Segment& b) { return a.tMin < b.tMin; });
  std::vector<Segment> runs;
  for (const auto& p : parts) {
    if (!runs.empty() && p.tMin <= runs.back().tMax + tolerance) {
      runs.back().tMax = std::max(runs.back().tMax, p.tMax);
      runs.back().coverage |= p.coverage;
      runs.back().bores.insert(runs.back().bores.end(), p.bores.begin(), p.bores.end());
    } else {
      runs.push_back(p);
    }
  }
  return runs;
}


double axialOf(const gp_Ax3& frame, const gp_Pnt& p) { return gp_Vec(frame.Location(), p).Dot(gp_Vec(frame.Direction())); }

// Outward normal of `face` where `edge` bounds it, at the edge's middle; nullopt when the
// face has no usable parametrisation there.
std::optional<gp_Dir> normalAlong(const TopoDS_Face& face, const TopoDS_Edge& edge) {
  double first, last;
  const Handle(Geom2d_Curve) pcurve = BRep_Tool::CurveOnSurface(edge, face, first, last);
  if (pcurve.IsNull()) return std::nullopt;
  const gp_Pnt2d uv = pcurve->Value((first + last) / 2);
  BRepAdaptor_Surface surface(face, /*restriction=*/false);
  gp_Pnt p;
  gp_Vec du, dv;
  surface.D1(uv.X(), uv.Y(), p, du, dv);
  const gp_Vec n = du.Crossed(dv);
  if (n.Magnitude() < 1e-12) return std::nullopt;
  return face.Orientation() == TopAbs_REVERSED ? gp_Dir(n.Reversed()) : gp_Dir(n);
}

// Decides whether an end is capped from the faces bordering the bore along its end rim,
// when that rim lies square to the axis (the usual drilled, cut or counterbored hole). A
// bordering face that looks back into the bore (a floor, a counterbore shoulder, a drill
// point cone) closes the end; one that looks away from it (the surface the bore exits
// through) leaves it open. Anything else is left to the point classifier.
EndState endByTopology(const Group& group, const Segment& run, bool high,
                       const TopTools_IndexedDataMapOfShapeListOfShape& edgeFaces, double tolerance) {
  const double target = high ? run.tMax : run.tMin;
  const gp_Vec beyond = gp_Vec(group.frame.Direction()) * (high ? 1.0 : -1.0);
  auto inRun = [&](const TopoDS_Shape& face) {
    return std::any_of(run.bores.begin(), run.bores.end(), [&](const Bore* b) { return b->face.IsSame(face); });
  };
  bool open = false, closed = false;
  for (const Bore* bore : run.bores) {
    for (TopExp_Explorer it(bore->face, TopAbs_EDGE); it.More(); it.Next()) {
      const TopoDS_Edge& edge = TopoDS::Edge(it.Current());
      if (BRep_Tool::Degenerated(edge) || BRep_Tool::IsClosed(edge, bore->face)) continue;
      const double rimTolerance = std::max(10 * tolerance, BRep_Tool::Tolerance(edge));
      BRepAdaptor_Curve curve(edge);
      bool onRim = true;
      for (double w : {0.0, 0.25, 0.5, 0.75, 1.0}) {
        const double u = curve.FirstParameter() + w * (curve.LastParameter() - curve.FirstParameter());
        if (std::abs(axialOf(group.frame, curve.Value(u)) - target) > rimTolerance) onRim = false;
      }
      if (!onRim) continue;
      const int index = edgeFaces.FindIndex(edge);
      if (index == 0) continue;
      for (TopTools_ListIteratorOfListOfShape f(edgeFaces(index)); f.More(); f.Next()) {
        if (inRun(f.Value())) continue;
        const auto normal = normalAlong(TopoDS::Face(f.Value()), edge);
        if (!normal) return EndState::Unknown;
        const double facing = gp_Vec(*normal).Dot(beyond);
        if (facing < -1e-6) closed = true;
        else if (facing > 1e-6) open = true;
        else return EndState::Unknown;
      }
    }
  }
  if (closed) return EndState::Closed;
  return open ? EndState::Open : EndState::Unknown;
}

class EndProbe {
 public:
  EndProbe(const TopoDS_Shape& solid, double tolerance) : m_classifier(solid), m_tolerance(tolerance) {}

  // Material just beyond the end at `t` (stepping `outward` along the axis): on the axis or
  // on a ring just inside the bore (the shoulder of a counterbore lies there).
  bool closedAt(const Group& group, double t, double outward) {
    const gp_Ax3& f = group.frame;
    const double step = std::max(1e-3 * group.radius, 10 * m_tolerance);
    const gp_Pnt centre = f.Location().Translated(gp_Vec(f.Direction()) * (t + outward * step));
    if (isIn(centre)) return true;
    const double ring = 0.95 * group.radius;
    const gp_Vec x(f.XDirection()), y(f.YDirection());
    for (int k = 0; k < 4; ++k) {
      const double a = kTwoPi * (k + 0.125) / 4;  // off the usual seam and quadrant lines
      if (isIn(centre.Translated(x * (ring * std::cos(a)) + y * (ring * std::sin(a))))) return true;
    }
    return false;
  }

 private:
  bool isIn(const gp_Pnt& p) {
    m_classifier.Perform(p, m_tolerance);
    return m_classifier.State() == TopAbs_IN;
  }

  BRepClass3d_SolidClassifier m_classifier;
  double m_tolerance;
};

// Picks the axis sense for a hole open at both ends: down, else -Y, else -X.
bool pointsDown(const gp_Dir& d) {
  const double eps = 1e-9;
  if (std::abs(d.Z()) > eps) return d.Z() < 0;
  if (std::abs(d.Y()) > eps) return d.Y() < 0;
  return d.X() < 0;
}

double cleanComponent(double c) { return std::abs(c) < 1e-12 ? 0.0 : c; }

}  // namespace

bool HoleFinder::isConcaveCylinder(const TopoDS_Face& face) {
  BRepAdaptor_Surface surface(face);
  if (surface.GetType() != GeomAbs_Cylinder) return false;
  double u0, u1, v0, v1;
  BRepTools::UVBounds(face, u0, u1, v0, v1);
  return isConcave(surface, face, (u0 + u1) / 2, (v0 + v1) / 2);
}

std::vector<HoleFact> HoleFinder::find(const TopoDS_Shape& shape) {
  std::vector<HoleFact> holes;
  if (shape.IsNull()) return holes;

  Bnd_Box box;
  BRepBndLib::Add(shape, box, false);
  const double diagonal = box.IsVoid() ? 1.0 : std::sqrt(box.SquareExtent());
  const double tolerance = std::max(1e-6 * diagonal, 1e-7);

  TopTools_IndexedMapOfShape solids;
  TopExp::MapShapes(shape, TopAbs_SOLID, solids);
  TopTools_IndexedDataMapOfShapeListOfShape faceSolids;
  TopExp::MapShapesAndUniqueAncestors(shape, TopAbs_FACE, TopAbs_SOLID, faceSolids);

  std::vector<Group> groups;
  for (int i = 1; i <= faceSolids.Extent(); ++i) {
    const TopTools_ListOfShape& owners = faceSolids(i);
    if (owners.IsEmpty()) continue;  // a loose face has no inside to classify against
    const TopoDS_Face& face = TopoDS::Face(faceSolids.FindKey(i));
    BRepAdaptor_Surface surface(face);
    if (surface.GetType() != GeomAbs_Cylinder) continue;
    Bore bore;
    bore.face = face;
    bore.solid = solids.FindIndex(owners.First());
    bore.cylinder = surface.Cylinder();
    BRepTools::UVBounds(face, bore.u0, bore.u1, bore.v0, bore.v1);
    if (!isConcave(surface, face, (bore.u0 + bore.u1) / 2, (bore.v0 + bore.v1) / 2)) continue;

    const double radius = bore.cylinder.Radius();
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.solid == bore.solid && std::abs(g.radius - radius) <= tolerance && sameAxis(g, bore.cylinder, tolerance);
    });
    if (it == groups.end()) {
      Group g;
      g.solid = bore.solid;
      g.radius = radius;
      g.frame = gp_Ax3(bore.cylinder.Location(), bore.cylinder.Axis().Direction());
      groups.push_back(g);
      it = groups.end() - 1;
    }
    it->bores.push_back(bore);
  }

  std::map<int, std::unique_ptr<EndProbe>> probes;
  TopTools_IndexedDataMapOfShapeListOfShape edgeFaces;
  for (const auto& group : groups) {
    for (const auto& run : segmentsOf(group, tolerance)) {
      if (!run.coverage.all()) continue;  // a fillet or a slot end, not a bore
      if (edgeFaces.IsEmpty()) TopExp::MapShapesAndUniqueAncestors(shape, TopAbs_EDGE, TopAbs_FACE, edgeFaces);
      auto isClosedEnd = [&](bool high) {
        const EndState state = endByTopology(group, run, high, edgeFaces, tolerance);
        if (state != EndState::Unknown) return state == EndState::Closed;
        // Slanted or irregular rims: look for material just beyond the end.
        auto& probe = probes[group.solid];
        if (!probe) probe = std::make_unique<EndProbe>(solids(group.solid), Precision::Confusion());
        return probe->closedAt(group, high ? run.tMax : run.tMin, high ? +1 : -1);
      };
      const bool closedLow = isClosedEnd(false);
      const bool closedHigh = isClosedEnd(true);
      if (closedLow && closedHigh) continue;  // an enclosed void

      const gp_Dir up = group.frame.Direction();
      bool enterLow;  // the entry is at tMin and the axis runs along +frame direction
      if (closedLow != closedHigh)
        enterLow = closedHigh;
      else
        enterLow = pointsDown(up);
      const gp_Dir axis = enterLow ? up : up.Reversed();
      const double tEntry = enterLow ? run.tMin : run.tMax;
      const gp_Pnt entry = group.frame.Location().Translated(gp_Vec(up) * tEntry);

      HoleFact hole;
      hole.diameter = 2 * group.radius;
      hole.depth = run.tMax - run.tMin;
      hole.through = !closedLow && !closedHigh;
      hole.axis = {cleanComponent(axis.X()), cleanComponent(axis.Y()), cleanComponent(axis.Z())};
      hole.position = {entry.X(), entry.Y(), entry.Z()};
      holes.push_back(hole);
    }
  }
  return holes;
}

}  // namespace partsmith::kernel
