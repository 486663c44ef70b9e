// Pending 2D geometry shared by one Workplane chain: edges drawn by line-type calls, wires
// from closed shapes and close()/wire(), and the faces extrude & co. make from those wires.
#include <optional>
#include <TopoDS_Iterator.hxx>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include <BRepAdaptor_Curve.hxx>
#include <BRepBndLib.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepClass_FaceClassifier.hxx>
#include <BRepExtrema_DistShapeShape.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <GeomAdaptor_Surface.hxx>
#include <Geom_Surface.hxx>
#include <IntRes2d_SequenceOfIntersectionPoint.hxx>
#include <ShapeAnalysis_Wire.hxx>
#include <ShapeExtend_WireData.hxx>
#include <ShapeFix_Face.hxx>
#include <TColStd_SequenceOfReal.hxx>
#include <TColgp_SequenceOfPnt.hxx>
#include <ShapeFix_Shape.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Vertex.hxx>
#include <gp_Pln.hxx>

#include "kernel/shape_utils.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

// Coplanarity and containment tolerance in model units (mm); far above the 1e-7 vertex
// tolerance OCCT gives the edges we build, far below anything a user would draw.
constexpr double kPlaneTol = 1e-5;

std::string formatLocal(const Plane& plane, const gp_Pnt& world) {
  gp_XYZ p = plane.toLocal(world);
  std::string s = "(" + formatNumber(p.X()) + ", " + formatNumber(p.Y());
  if (std::abs(p.Z()) > 1e-9) s += ", " + formatNumber(p.Z());
  return s + ")";
}

gp_Pnt edgeStart(const TopoDS_Edge& e) { return BRep_Tool::Pnt(TopExp::FirstVertex(e, true)); }
gp_Pnt edgeEnd(const TopoDS_Edge& e) { return BRep_Tool::Pnt(TopExp::LastVertex(e, true)); }

// Says where a chain of edges breaks, in the workplane's local coordinates, so the user can
// find the line or arc that does not start where the previous one ended.
std::string describeGap(const std::vector<TopoDS_Edge>& edges, const Plane& plane) {
  for (size_t i = 0; i + 1 < edges.size(); ++i) {
    gp_Pnt end = edgeEnd(edges[i]);
    gp_Pnt next = edgeStart(edges[i + 1]);
    if (end.Distance(next) > 1e-7)
      return "edge " + std::to_string(i + 1) + " ends at " + formatLocal(plane, end) + " but edge " +
             std::to_string(i + 2) + " starts at " + formatLocal(plane, next);
  }
  return "some edges meet at the same point more than twice or cross each other";
}

struct WireInfo {
  TopoDS_Wire wire;
  TopoDS_Face face;  // the planar face the wire bounds on its own
  double area = 0;
  Bnd_Box box;
  int parent = -1;
  int depth = 0;
};

// Points spread along a wire (edge ends and mid-points) for the containment test.
std::vector<gp_Pnt> samplePoints(const TopoDS_Wire& wire) {
  std::vector<gp_Pnt> points;
  for (TopExp_Explorer ex(wire, TopAbs_EDGE); ex.More(); ex.Next()) {
    BRepAdaptor_Curve curve(TopoDS::Edge(ex.Current()));
    const double a = curve.FirstParameter(), b = curve.LastParameter();
    points.push_back(curve.Value(a));
    points.push_back(curve.Value(0.5 * (a + b)));
    points.push_back(curve.Value(a + 0.25 * (b - a)));
  }
  return points;
}

// `inner` lies inside `outer` if no sample point is outside and at least one is strictly in;
// wires that touch the outer boundary everywhere (a copy of it) do not count as nested.
bool containedIn(const WireInfo& inner, const WireInfo& outer) {
  if (inner.area >= outer.area) return false;
  Bnd_Box enlarged = outer.box;
  enlarged.Enlarge(kPlaneTol);
  if (enlarged.IsOut(inner.box.CornerMin()) || enlarged.IsOut(inner.box.CornerMax())) return false;
  int in = 0;
  for (const gp_Pnt& p : samplePoints(inner.wire)) {
    BRepClass_FaceClassifier classifier(outer.face, p, kPlaneTol);
    TopAbs_State state = classifier.State();
    if (state == TopAbs_OUT) return false;
    if (state == TopAbs_IN) ++in;
  }
  return in > 0;
}

bool wiresTouch(const TopoDS_Wire& a, const TopoDS_Wire& b) {
  BRepExtrema_DistShapeShape dist(a, b);
  return !dist.IsDone() || dist.Value() <= kPlaneTol;
}

// BRepCheck_Analyzer compares every pair of wires of a face, which takes seconds for a plate
// with hundreds of holes; there only pairs whose boxes overlap can touch.
bool holesAreClear(const std::vector<WireInfo>& infos, const WireInfo& outer, const std::vector<size_t>& holes) {
  for (size_t a = 0; a < holes.size(); ++a) {
    const WireInfo& ha = infos[holes[a]];
    if (wiresTouch(outer.wire, ha.wire)) return false;
    for (size_t b = a + 1; b < holes.size(); ++b) {
      const WireInfo& hb = infos[holes[b]];
      Bnd_Box enlarged = ha.box;
      enlarged.Enlarge(kPlaneTol);
      if (!enlarged.IsOut(hb.box) && wiresTouch(ha.wire, hb.wire)) return false;
    }
  }
  return true;
}

std::string formatPoint(const gp_Pnt& p) {
  auto round = [](double v) { return formatNumber(std::round(v * 1000) / 1000); };
  std::string s = "(" + round(p.X()) + ", " + round(p.Y());
  if (std::abs(p.Z()) > 1e-6) s += ", " + round(p.Z());
  return s + ")";
}

struct Segment {
  gp_Pnt a, b;
};

// The closest points of two straight segments (clamped to their ends).
std::pair<gp_Pnt, gp_Pnt> closestPoints(const Segment& p, const Segment& q) {
  const gp_Vec d1(p.a, p.b), d2(q.a, q.b), r(q.a, p.a);
  const double a = d1.SquareMagnitude(), e = d2.SquareMagnitude(), f = d2.Dot(r);
  const double c = d1.Dot(r), b = d1.Dot(d2), denom = a * e - b * b;
  double s = denom > 1e-18 ? std::clamp((b * f - c * e) / denom, 0.0, 1.0) : 0.0;
  double t = (b * s + f) / e;
  if (t < 0 || t > 1) {
    t = std::clamp(t, 0.0, 1.0);
    s = std::clamp((b * t - c) / a, 0.0, 1.0);
  }
  return {p.a.Translated(d1 * s), q.a.Translated(d2 * t)};
}

// Where two straight edges of one outline meet other than end to end at a corner: crossing,
// a corner on the other's inside, or running back along each other from a shared corner.
std::optional<gp_Pnt> linesMeet(const Segment& p, const Segment& q) {
  const gp_Pnt* shared = nullptr;
  const gp_Pnt* pFar = nullptr;
  const gp_Pnt* qFar = nullptr;
  for (const gp_Pnt* u : {&p.a, &p.b})
    for (const gp_Pnt* v : {&q.a, &q.b})
      if (u->Distance(*v) <= kPlaneTol) {
        // Two edges between the same two points: a zero-width slit, as CadQuery's mirrorY
        // makes of an outline that starts along the axis (its I-beam test). CadQuery builds
        // it with the right volume, so it is let through.
        if (shared) return std::nullopt;
        shared = u;
        pFar = u == &p.a ? &p.b : &p.a;
        qFar = v == &q.a ? &q.b : &q.a;
      }
  if (!shared) {
    const auto [a, b] = closestPoints(p, q);
    if (a.Distance(b) <= kPlaneTol) return a;
    return std::nullopt;
  }
  const gp_Vec u(*shared, *pFar), v(*shared, *qFar);
  if (u.Dot(v) > 0 && u.Crossed(v).Magnitude() <= kPlaneTol * std::max(u.Magnitude(), v.Magnitude()))
    return u.Magnitude() < v.Magnitude() ? *pFar : *qFar;
  return std::nullopt;
}

// Where a closed planar wire crosses, touches or runs back over itself, if it does. Such an
// outline still makes a face, and its extrusion an invalid solid that reports success. Pairs
// of edges are only tested when their boxes overlap (a sorted sweep along the wire's longest
// axis), so a 10000-sided polygon costs about as much as its edges. Straight edges (most
// outlines) are tested directly; curves with ShapeAnalysis_Wire.
std::optional<gp_Pnt> selfIntersection(const TopoDS_Wire& wire, const TopoDS_Face& face) {
  // In connection order, so that edges i and i+1 meet (ShapeAnalysis_Wire relies on it).
  Handle(ShapeExtend_WireData) data = new ShapeExtend_WireData(wire, /*chained=*/false);
  int edgeCount = 0;
  for (TopoDS_Iterator it(wire); it.More(); it.Next()) ++edgeCount;
  if (data->NbEdges() != edgeCount) data = new ShapeExtend_WireData(wire);
  const int n = data->NbEdges();
  std::vector<std::optional<Segment>> lines(static_cast<size_t>(n) + 1);
  for (int i = 1; i <= n; ++i) {
    BRepAdaptor_Curve curve(data->Edge(i));
    if (curve.GetType() == GeomAbs_Line) lines[i] = Segment{edgeStart(data->Edge(i)), edgeEnd(data->Edge(i))};
    else if (n == 1 && (curve.GetType() == GeomAbs_Circle || curve.GetType() == GeomAbs_Ellipse)) return std::nullopt;
  }
  ShapeAnalysis_Wire analysis(data, face, kPlaneTol);
  IntRes2d_SequenceOfIntersectionPoint points2d;
  TColgp_SequenceOfPnt points3d;
  TColStd_SequenceOfReal errors;
  auto found = [&](int edge) -> std::optional<gp_Pnt> {
    if (!points3d.IsEmpty()) return points3d.First();
    return edgeStart(data->Edge(edge));
  };
  // A curve may loop over itself or cross the edge after it; straight pairs are done below.
  for (int i = 1; i <= n; ++i) {
    const int next = i % n + 1;
    if (!lines[i] && analysis.CheckSelfIntersectingEdge(i, points2d, points3d)) return found(i);
    if (n > 1 && !(lines[i] && lines[next]) && analysis.CheckIntersectingEdges(next, points2d, points3d, errors))
      return found(next);
  }
  if (n < 2) return std::nullopt;

  std::vector<Bnd_Box> boxes(static_cast<size_t>(n) + 1);
  Bnd_Box all;
  for (int i = 1; i <= n; ++i) {
    BRepBndLib::Add(data->Edge(i), boxes[i]);
    boxes[i].Enlarge(kPlaneTol);
    all.Add(boxes[i]);
  }
  const gp_XYZ extent = all.CornerMax().XYZ() - all.CornerMin().XYZ();
  const int axis = extent.X() >= extent.Y() && extent.X() >= extent.Z() ? 1 : extent.Y() >= extent.Z() ? 2 : 3;
  auto low = [&](int i) { return boxes[i].CornerMin().Coord(axis); };
  std::vector<int> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 1);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return low(a) < low(b); });
  for (size_t a = 0; a < order.size(); ++a) {
    const double high = boxes[order[a]].CornerMax().Coord(axis);
    for (size_t b = a + 1; b < order.size() && low(order[b]) <= high; ++b) {
      const int i = std::min(order[a], order[b]), j = std::max(order[a], order[b]);
      if (boxes[i].IsOut(boxes[j])) continue;
      if (lines[i] && lines[j]) {
        if (auto p = linesMeet(*lines[i], *lines[j])) return p;
      } else if (j != i + 1 && !(i == 1 && j == n) &&
                 analysis.CheckIntersectingEdges(i, j, points2d, points3d, errors)) {
        return found(i);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

WorkplanePtr WorkplaneOps::addEdge(const Workplane& wp, const TopoDS_Edge& edge, bool forConstruction) {
  if (!forConstruction) {
    auto& ctx = *wp.context();
    ctx.pendingEdges.push_back(edge);
    if (!ctx.firstPoint) ctx.firstPoint = edgeStart(edge);
  }
  return make(wp, {TopoDS_Shape(edge)});
}

WorkplanePtr WorkplaneOps::addWires(const Workplane& wp, const std::vector<TopoDS_Wire>& wires, bool forConstruction) {
  std::vector<StackItem> items;
  for (const auto& w : wires) {
    if (!forConstruction) wp.context()->pendingWires.push_back(w);
    items.emplace_back(TopoDS_Shape(w));
  }
  return make(wp, std::move(items));
}

TopoDS_Wire WorkplaneOps::consumePendingEdgesAsWire(const Workplane& wp, const std::string& operation) {
  auto& ctx = *wp.context();
  if (ctx.pendingEdges.empty())
    throwApiError(operation, "there are no pending lines or arcs to join into a wire",
                  "draw an outline first, e.g. .moveTo(0, 0).lineTo(10, 0).lineTo(10, 5).close()");
  // Like CadQuery's popPendingEdges: the edges are consumed even if they cannot be joined,
  // and the next line starts a new chain.
  std::vector<TopoDS_Edge> edges = std::move(ctx.pendingEdges);
  ctx.pendingEdges.clear();
  ctx.firstPoint.reset();

  TopoDS_Wire wire = guardOcct(operation, [&] {
    TopTools_ListOfShape list;
    for (const auto& e : edges) list.Append(e);
    BRepBuilderAPI_MakeWire maker;
    maker.Add(list);
    int joined = 0;
    if (maker.IsDone()) {
      for (TopExp_Explorer ex(maker.Wire(), TopAbs_EDGE); ex.More(); ex.Next()) ++joined;
    }
    if (!maker.IsDone() || joined != static_cast<int>(edges.size()))
      throwApiError(operation, "the edges do not form a connected chain: " + describeGap(edges, wp.plane()),
                    "each line or arc must start where the previous one ended; start a separate outline "
                    "only after close() or wire()");
    return maker.Wire();
  });
  ctx.pendingWires.push_back(wire);
  return wire;
}

namespace {

// Wires sorted into outlines with their holes (see WorkplaneOps::nestWires).
struct Nesting {
  std::vector<WireInfo> infos;
  std::vector<std::pair<size_t, std::vector<size_t>>> groups;  // outline index, hole indices
};

Nesting nest(const std::vector<TopoDS_Wire>& wires, const std::string& operation) {
  if (wires.empty())
    throwApiError(operation, "no pending wires present: there is no 2D outline to make a face from");

  std::vector<WireInfo> infos(wires.size());
  for (size_t i = 0; i < wires.size(); ++i) {
    WireInfo& info = infos[i];
    info.wire = wires[i];
    const std::string which = wires.size() == 1 ? "the pending wire" : "pending wire " + std::to_string(i + 1);
    if (!BRep_Tool::IsClosed(info.wire))
      throwApiError(operation, which + " is not closed", "end the outline with .close()");
    info.face = guardOcct(operation, [&] {
      // A lone circle (holes, pockets, bosses: most profiles) lies in its own plane; fitting a
      // plane to it costs more than the rest of the extrusion.
      std::optional<gp_Pln> circlePlane;
      TopoDS_Iterator edgesOfWire(info.wire);
      if (edgesOfWire.More()) {
        const TopoDS_Edge first = TopoDS::Edge(edgesOfWire.Value());
        edgesOfWire.Next();
        if (!edgesOfWire.More()) {
          BRepAdaptor_Curve curve(first);
          if (curve.GetType() == GeomAbs_Circle) circlePlane = gp_Pln(curve.Circle().Position());
        }
      }
      BRepBuilderAPI_MakeFace maker = circlePlane ? BRepBuilderAPI_MakeFace(*circlePlane, info.wire, /*Inside=*/true)
                                                  : BRepBuilderAPI_MakeFace(info.wire, /*OnlyPlane=*/true);
      if (!maker.IsDone())
        throwApiError(operation, which + " is not planar or encloses no area",
                      "draw 2D outlines in one workplane; a straight back-and-forth line has no inside");
      return maker.Face();
    });
    if (auto crossing = guardOcct(operation, [&] { return selfIntersection(info.wire, info.face); }))
      throwApiError(operation,
                    (wires.size() == 1 ? "the profile" : which) + " crosses itself near " + formatPoint(*crossing),
                    "an outline must not cross or run back over itself: check the order of its points, or draw "
                    "the two loops as separate outlines");
    info.area = shapeArea(info.face);
    if (!(info.area > 1e-12)) throwApiError(operation, which + " encloses no area");
    BRepBndLib::Add(info.face, info.box);
  }

  // One plane for all wires, as CadQuery's Face.makeFromWires requires.
  auto planeOf = [](const TopoDS_Face& f) {
    GeomAdaptor_Surface surface(BRep_Tool::Surface(f));
    return surface.Plane();
  };
  const gp_Pln reference = planeOf(infos.front().face);
  for (size_t i = 1; i < infos.size(); ++i) {
    gp_Pln pln = planeOf(infos[i].face);
    bool parallel = pln.Axis().Direction().IsParallel(reference.Axis().Direction(), 1e-6);
    if (!parallel || reference.Distance(pln.Location()) > kPlaneTol)
      throwApiError(operation, "pending wires are not coplanar (wire " + std::to_string(i + 1) +
                                   " lies in a different plane than wire 1)",
                    "extrude each outline from its own workplane, or draw them all on one workplane");
  }

  // Nesting by area: a wire's parent is the smallest wire that contains it. Even depth =
  // outer boundary of a face, odd depth = hole in its parent, so islands inside holes
  // become faces of their own.
  std::vector<size_t> order(infos.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return infos[a].area > infos[b].area; });
  guardOcct(operation, [&] {
    for (size_t k = 0; k < order.size(); ++k) {
      WireInfo& inner = infos[order[k]];
      for (size_t j = k; j-- > 0;) {  // larger wires, smallest first
        const WireInfo& outer = infos[order[j]];
        if (containedIn(inner, outer)) {
          inner.parent = static_cast<int>(order[j]);
          inner.depth = outer.depth + 1;
          break;
        }
      }
    }
    return 0;
  });

  Nesting out;
  for (size_t i = 0; i < infos.size(); ++i) {
    if (infos[i].depth % 2 != 0) continue;
    std::vector<size_t> holes;
    for (size_t j = 0; j < infos.size(); ++j)
      if (infos[j].parent == static_cast<int>(i) && infos[j].depth % 2 == 1) holes.push_back(j);
    out.groups.emplace_back(i, std::move(holes));
  }
  // CadQuery's Face.makeFromWires runs ShapeFix on the outer wire, which puts its edges in
  // chain order (BRepBuilderAPI_MakeWire may have joined them in another order). The side
  // faces of an extrusion follow that order, so faces()[i] matches CadQuery's.
  guardOcct(operation, [&] {
    for (const auto& group : out.groups) {
      WireInfo& outer = infos[group.first];
      ShapeFix_Shape fix(outer.wire);
      fix.Perform();
      if (fix.Shape().IsNull() || fix.Shape().ShapeType() != TopAbs_WIRE || fix.Shape().IsSame(outer.wire)) continue;
      BRepBuilderAPI_MakeFace maker(TopoDS::Wire(fix.Shape()), /*OnlyPlane=*/true);
      if (!maker.IsDone()) continue;  // keep the wire as drawn; it made a face before
      outer.wire = TopoDS::Wire(fix.Shape());
      outer.face = maker.Face();
    }
    return 0;
  });
  out.infos = std::move(infos);
  return out;
}

}  // namespace

std::vector<WorkplaneOps::WireGroup> WorkplaneOps::nestWires(const std::vector<TopoDS_Wire>& wires,
                                                             const std::string& operation) {
  const Nesting n = nest(wires, operation);
  std::vector<WireGroup> groups;
  for (const auto& [outer, holes] : n.groups) {
    WireGroup g{n.infos[outer].wire, {}};
    for (size_t h : holes) g.holes.push_back(n.infos[h].wire);
    groups.push_back(std::move(g));
  }
  return groups;
}

std::vector<TopoDS_Face> WorkplaneOps::wiresToFaces(const std::vector<TopoDS_Wire>& wires,
                                                    const std::string& operation) {
  Nesting n = nest(wires, operation);
  std::vector<WireInfo>& infos = n.infos;
  std::vector<TopoDS_Face> faces;
  for (const auto& [i, holes] : n.groups) {
    if (holes.empty()) {
      faces.push_back(infos[i].face);
      continue;
    }
    faces.push_back(guardOcct(operation, [&] {
      BRepBuilderAPI_MakeFace maker(infos[i].face);
      double expected = infos[i].area;
      for (size_t j : holes) {
        maker.Add(infos[j].wire);
        expected -= infos[j].area;
      }
      if (!maker.IsDone()) throwGeometryError(operation, "could not cut the inner outlines out of the outer one");
      // Holes must run opposite to the outer boundary; ShapeFix_Face turns each inner wire
      // the right way round whatever direction it was drawn in.
      ShapeFix_Face fixer(maker.Face());
      fixer.FixOrientation();
      TopoDS_Face face = fixer.Face();
      const double area = shapeArea(face);
      // The area catches a hole left the wrong way round; the validity check catches holes
      // that cross each other or the outer outline.
      const bool clear = holes.size() <= 32 ? BRepCheck_Analyzer(face).IsValid() : holesAreClear(infos, infos[i], holes);
      if (!clear || std::abs(area - expected) > 1e-6 * infos[i].area + 1e-9)
        throwGeometryError(operation, "could not make a face with holes from the pending wires",
                           "make sure inner outlines do not cross or touch the outer outline or each other");
      return face;
    }));
  }
  return faces;
}

}  // namespace partsmith::kernel
