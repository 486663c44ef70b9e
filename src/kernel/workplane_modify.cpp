// Workplane features that modify the context solid: fillet, chamfer, shell and split.
#include <BRepAlgoAPI_Splitter.hxx>
#include <BRepBuilderAPI_Copy.hxx>
#include <BRepBuilderAPI_MakeSolid.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepFilletAPI_MakeChamfer.hxx>
#include <BRepFilletAPI_MakeFillet.hxx>
#include <BRepOffsetAPI_MakeThickSolid.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <Bnd_Box.hxx>
#include <ShapeFix_Shape.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Vertex.hxx>
#include <algorithm>
#include <cmath>
#include <gp_Ax2.hxx>
#include <limits>
#include <sstream>

#include "kernel/op_cache.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {

namespace {

// Numbers in messages: at most two decimals, no trailing zeros ("6.2", "3.1", "5").
std::string fmt(double v) {
  std::ostringstream out;
  double rounded = std::round(v * 100.0) / 100.0;
  if (std::fabs(rounded) < 0.005 && v != 0) {
    out.precision(2);
    out << v;  // tiny values keep their significant digits
    return out.str();
  }
  out.setf(std::ios::fixed);
  out.precision(2);
  out << rounded;
  std::string s = out.str();
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

bool isValidSolidResult(const TopoDS_Shape& shape) {
  if (shape.IsNull()) return false;
  if (subShapes(shape, TopAbs_SOLID).empty()) return false;
  BRepCheck_Analyzer check(shape);
  return check.IsValid() == Standard_True;
}

// this.edges(): every distinct edge of the selected objects, keeping only those of `solid`
// (OCCT crashes on edges of another shape, so foreign edges are an argument error).
std::vector<TopoDS_Edge> selectedEdgesOf(const Workplane& wp, const TopoDS_Shape& solid, const std::string& op,
                                         const std::string& example) {
  std::vector<TopoDS_Edge> edges;
  const WorkplanePtr selected = wp.edges();  // keeps the stack alive while we read it
  for (const auto& item : selected->objects())
    if (const auto* s = std::get_if<TopoDS_Shape>(&item))
      if (!s->IsNull() && s->ShapeType() == TopAbs_EDGE) edges.push_back(TopoDS::Edge(*s));
  if (edges.empty()) throwApiError(op, "no edges selected — select edges first, e.g. " + example);

  TopTools_IndexedMapOfShape solidEdges;
  TopExp::MapShapes(solid, TopAbs_EDGE, solidEdges);
  size_t foreign = 0;
  for (const auto& e : edges)
    if (!solidEdges.Contains(e)) ++foreign;
  if (foreign > 0)
    throwApiError(op,
                  std::to_string(foreign) + " of the " + std::to_string(edges.size()) +
                      " selected edges do not belong to the solid being modified",
                  "select the edges from the solid itself in the same chain, e.g. part.edges(\"|Z\")." +
                      example.substr(example.find_last_of('.') + 1));
  return edges;
}

// The length that limits a fillet/chamfer on these edges: how far each face next to an edge
// reaches across it, i.e. the edges of that face meeting the edge's ends that do not run on
// along it (two roundings on a 10 mm face meet at r = 5). The edge's own length does not
// limit its rounding: a 3 mm tall vertical edge takes a 4 mm fillet.
double limitingLength(const TopoDS_Shape& solid, const std::vector<TopoDS_Edge>& edges) {
  TopTools_IndexedDataMapOfShapeListOfShape edgeFaces;
  TopExp::MapShapesAndAncestors(solid, TopAbs_EDGE, TopAbs_FACE, edgeFaces);
  double limit = std::numeric_limits<double>::infinity();
  for (const auto& e : edges) {
    if (!edgeFaces.Contains(e)) continue;
    TopoDS_Vertex v1, v2;
    TopExp::Vertices(e, v1, v2);
    const gp_Dir along = edgeTangentAt(e);
    for (const auto& face : edgeFaces.FindFromKey(e))
      for (const auto& shape : subShapes(face, TopAbs_EDGE)) {
        const TopoDS_Edge& fe = TopoDS::Edge(shape);
        if (fe.IsSame(e)) continue;
        TopoDS_Vertex w1, w2;
        TopExp::Vertices(fe, w1, w2);
        const bool touches = (!v1.IsNull() && (v1.IsSame(w1) || v1.IsSame(w2))) ||
                             (!v2.IsNull() && (v2.IsSame(w1) || v2.IsSame(w2)));
        if (!touches) continue;
        // An edge continuing the same line (a split edge) is not a width across it.
        if (geomType(fe) == "LINE" && geomType(e) == "LINE" && edgeTangentAt(fe).IsParallel(along, 1e-6)) continue;
        const double l = shapeLength(fe);
        if (l > 1e-9) limit = std::min(limit, l);
      }
  }
  return limit;
}

std::string edgeCount(size_t n) { return std::to_string(n) + (n == 1 ? " edge" : " edges"); }

[[noreturn]] void throwEdgeFeatureFailure(const std::string& op, const std::string& call, const std::string& sizeName,
                                          double size, const TopoDS_Shape& solid, const std::vector<TopoDS_Edge>& edges,
                                          const std::string& detail) {
  double limit = limitingLength(solid, edges);
  std::string head = call + " failed on " + edgeCount(edges.size()) + ": ";
  if (std::isfinite(limit) && size >= limit / 2 - 1e-9) {
    throwGeometryError(op, head + "the " + sizeName + " is too large for an edge of length " + fmt(limit) + " mm next to " +
                               (edges.size() == 1 ? "it" : "them"),
                       "try a " + sizeName + " below " + fmt(limit / 2));
  }
  throwGeometryError(op, head + "the geometry kernel could not build the " + detail,
                     "try a smaller " + sizeName +
                         ", select fewer edges, or apply it before cutting holes and "
                         "pockets near these edges");
}

}  // namespace

WorkplanePtr Workplane::fillet(double radius) const {
  const std::string op = "fillet";
  WorkplaneOps::requirePositive(op, "radius", radius);
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);
  std::vector<TopoDS_Edge> edges = selectedEdgesOf(*this, solid, op, ".edges(\"|Z\").fillet(2)");
  const std::string call = "fillet(" + fmt(radius) + ")";

  TopoDS_Shape result = cachedOp(
      op, [&](OpKey& key) { key.shape(solid).subShapes(solid, edges, TopAbs_EDGE).number(radius); },
      [&] {
        return guardOcct(op, [&]() -> TopoDS_Shape {
          BRepFilletAPI_MakeFillet maker(solid);
          for (const auto& e : edges) maker.Add(radius, e);
          bool built = false;
          try {
            OCC_CATCH_SIGNALS
            maker.Build();
            built = maker.IsDone() == Standard_True;
          } catch (const Standard_Failure&) {
            built = false;
          }
          if (!built) {
            std::string detail = "rounded surfaces";
            if (maker.NbFaultyContours() > 0) {
              int ic = maker.FaultyContour(1);
              switch (maker.StripeStatus(ic)) {
                case ChFiDS_WalkingFailure:
                  detail = "rounded surface along the edges (it runs off a neighbouring face)";
                  break;
                case ChFiDS_StartsolFailure:
                  detail = "start of the rounded surface (the edge is too short or too sharp)";
                  break;
                case ChFiDS_TwistedSurface:
                  detail = "rounded surface (it would twist through itself)";
                  break;
                default:
                  break;
              }
            } else if (maker.NbFaultyVertices() > 0) {
              detail = "corner where the rounded edges meet";
            }
            throwEdgeFeatureFailure(op, call, "radius", radius, solid, edges, detail);
          }
          TopoDS_Shape shape = maker.Shape();
          if (!isValidSolidResult(shape))
            throwEdgeFeatureFailure(op, call, "radius", radius, solid, edges, "a valid solid");
          return cleanShape(shape);
        });
      });
  return WorkplaneOps::make(*this, {result});
}

WorkplanePtr Workplane::chamfer(double length, std::optional<double> length2) const {
  const std::string op = "chamfer";
  WorkplaneOps::requirePositive(op, "length", length);
  if (length2) WorkplaneOps::requirePositive(op, "length2", *length2);
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);
  std::vector<TopoDS_Edge> edges = selectedEdgesOf(*this, solid, op, ".edges(\"|Z\").chamfer(1)");
  const double d1 = length;
  const double d2 = length2.value_or(length);
  const std::string call = "chamfer(" + fmt(length) + (length2 ? ", " + fmt(*length2) : std::string()) + ")";

  TopoDS_Shape result = cachedOp(
      op, [&](OpKey& key) { key.shape(solid).subShapes(solid, edges, TopAbs_EDGE).number(d1).number(d2); },
      [&] {
        return guardOcct(op, [&]() -> TopoDS_Shape {
          // CadQuery: `length` lies on the first face of the edge in OCCT's edge -> face map.
          TopTools_IndexedDataMapOfShapeListOfShape edgeFaces;
          TopExp::MapShapesAndAncestors(solid, TopAbs_EDGE, TopAbs_FACE, edgeFaces);
          BRepFilletAPI_MakeChamfer maker(solid);
          for (const auto& e : edges) {
            const TopTools_ListOfShape& faces = edgeFaces.FindFromKey(e);
            if (faces.IsEmpty())
              throwApiError(op, "a selected edge lies on no face of the solid", "select edges of the solid's faces");
            maker.Add(d1, d2, e, TopoDS::Face(faces.First()));
          }
          bool built = false;
          try {
            OCC_CATCH_SIGNALS
            maker.Build();
            built = maker.IsDone() == Standard_True;
          } catch (const Standard_Failure&) {
            built = false;
          }
          const double size = std::max(d1, d2);
          if (!built) throwEdgeFeatureFailure(op, call, "length", size, solid, edges, "bevelled faces");
          TopoDS_Shape shape = maker.Shape();
          if (!isValidSolidResult(shape))
            throwEdgeFeatureFailure(op, call, "length", size, solid, edges, "a valid solid");
          return shape;
        });
      });
  return WorkplaneOps::make(*this, {result});
}

WorkplanePtr Workplane::shell(double thickness, const std::string& kind) const {
  const std::string op = "shell";
  WorkplaneOps::requireFinite(op, "thickness", thickness);
  if (thickness == 0)
    throwApiError(op, "thickness must not be 0",
                  "negative values shell inwards, positive values outwards, e.g. shell(-2)");
  GeomAbs_JoinType join;
  if (kind == "arc")
    join = GeomAbs_Arc;
  else if (kind == "intersection")
    join = GeomAbs_Intersection;
  else
    throwApiError(op, "kind must be \"arc\" or \"intersection\", got \"" + kind + "\"");
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);

  TopTools_IndexedMapOfShape solidFaces;
  TopExp::MapShapes(solid, TopAbs_FACE, solidFaces);
  TopTools_ListOfShape openings;
  for (const auto& item : m_objects) {
    const auto* s = std::get_if<TopoDS_Shape>(&item);
    if (!s || s->IsNull() || s->ShapeType() != TopAbs_FACE) continue;
    if (!solidFaces.Contains(*s))
      throwApiError(op, "a selected face does not belong to the solid being shelled",
                    "select the faces to remove from the solid itself, e.g. part.faces(\">Z\").shell(-2)");
    openings.Append(*s);
  }

  if (openings.IsEmpty() && solidsOf(solid).size() > 1)
    throwApiError(op,
                  "a closed hollow shell can be made of one solid at a time, but there are " +
                      std::to_string(solidsOf(solid).size()),
                  "union the solids first, or select a face to remove, e.g. .faces(\">Z\").shell(-2)");

  const std::string call = "shell(" + fmt(thickness) + ")";
  Bnd_Box box = tightBoundingBox(solid);
  double x0, y0, z0, x1, y1, z1;
  box.Get(x0, y0, z0, x1, y1, z1);
  const double smallest = std::min({x1 - x0, y1 - y0, z1 - z0});
  const std::string hint = "use a thinner wall, e.g. shell(" + fmt(thickness < 0 ? -smallest / 4 : smallest / 4) + ")" +
                           (thickness < 0 ? ", or shell outward with a positive thickness" : "");
  // Inward walls as thick as the part's thinnest extent leave no cavity at all.
  if (thickness < 0 && -thickness * (openings.IsEmpty() ? 2 : 1) >= smallest)
    throwGeometryError(
        op,
        call + " failed: the wall is thicker than the smallest feature (the part is " + fmt(smallest) + " mm thick)",
        hint);

  TopoDS_Shape result = cachedOp(
      op,
      [&](OpKey& key) {
        std::vector<TopoDS_Shape> faces(openings.begin(), openings.end());
        key.shape(solid).subShapes(solid, faces, TopAbs_FACE).number(thickness).integer(join);
      },
      [&] {
        return guardOcct(op, [&]() -> TopoDS_Shape {
          BRepOffsetAPI_MakeThickSolid maker;
          bool built = false;
          try {
            OCC_CATCH_SIGNALS
            maker.MakeThickSolidByJoin(solid, openings, thickness, 1e-4, BRepOffset_Skin, /*Intersection=*/true,
                                       /*SelfInter=*/false, join);
            maker.Build();
            built = maker.IsDone() == Standard_True && !maker.Shape().IsNull();
          } catch (const Standard_Failure&) {
            built = false;
          }
          if (!built)
            throwGeometryError(op,
                               call +
                                   " failed: the wall is thicker than the smallest feature, or the offset "
                                   "surfaces could not be joined",
                               hint);
          TopoDS_Shape shape = maker.Shape();
          if (openings.IsEmpty()) {
            // No face removed: a closed hollow solid bounded by the original and the offset shell.
            std::vector<TopoDS_Shape> offsetShells = subShapes(shape, TopAbs_SHELL);
            std::vector<TopoDS_Shape> originalShells = subShapes(solid, TopAbs_SHELL);
            if (offsetShells.empty() || originalShells.empty())
              throwGeometryError(op, call + " failed: the offset surface could not be built", hint);
            const TopoDS_Shell& offset = TopoDS::Shell(offsetShells.front());
            // A copy: ShapeFix below adjusts tolerances in place, and `solid` may be a cached result.
            const TopoDS_Shell original = TopoDS::Shell(BRepBuilderAPI_Copy(originalShells.front()).Shape());
            BRepBuilderAPI_MakeSolid makeSolid =
                thickness > 0 ? BRepBuilderAPI_MakeSolid(offset, original) : BRepBuilderAPI_MakeSolid(original, offset);
            if (!makeSolid.IsDone())
              throwGeometryError(op, call + " failed: the hollow solid could not be closed", hint);
            ShapeFix_Shape fix(makeSolid.Shape());
            fix.Perform();
            shape = fix.Shape();
          }
          if (!isValidSolidResult(shape) || shapeVolume(shape) <= 1e-9)
            throwGeometryError(op, call + " failed: the wall is thicker than the smallest feature", hint);
          return shape;
        });
      });
  return WorkplaneOps::make(*this, {result});
}

WorkplanePtr Workplane::split(bool keepTop, bool keepBottom) const {
  const std::string op = "split";
  if (!keepTop && !keepBottom)
    throwApiError(op, "keepTop and keepBottom are both false — keep at least one side",
                  "e.g. .split(keepTop=true) in Python, or .split({keepTop: true}) in JavaScript");
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);

  // Half-spaces as huge boxes on the current plane: top = +normal side.
  Bnd_Box bbox = tightBoundingBox(solid);
  const double diag = bbox.IsVoid() ? 1.0 : std::sqrt(bbox.SquareExtent());
  const gp_Pnt centre = boundingBoxCenter(solid);
  const double size = 10.0 * (diag + centre.Distance(m_plane.origin())) + 1.0;
  const gp_Vec x(m_plane.xDir()), y(m_plane.yDir()), z(m_plane.zDir());
  const gp_Pnt corner = m_plane.origin().Translated(-size * x - size * y);
  auto halfSpace = [&](bool above) {
    gp_Pnt c = above ? corner : corner.Translated(-size * z);
    return guardOcct(op, [&] {
      return BRepPrimAPI_MakeBox(gp_Ax2(c, m_plane.zDir(), m_plane.xDir()), 2 * size, 2 * size, size).Shape();
    });
  };
  auto keepSide = [&](bool top) {
    try {
      return WorkplaneOps::cut(solid, {halfSpace(!top)}, op);
    } catch (const KernelError& e) {
      if (e.message().find("removed everything") == std::string::npos) throw;
      throwGeometryError(op,
                         std::string("nothing of the solid lies ") + (top ? "above" : "below") +
                             " the workplane, so the " + (top ? "top" : "bottom") + " side is empty",
                         "move the workplane into the part, e.g. .faces(\">Z\").workplane(offset=-5).split(...)");
    }
  };

  std::vector<StackItem> kept;
  if (keepTop) kept.push_back(keepSide(true));
  if (keepBottom) kept.push_back(keepSide(false));
  return WorkplaneOps::make(*this, std::move(kept));
}

WorkplanePtr Workplane::split(const ShapeSource& splitter) const {
  const std::string op = "split";
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);
  std::vector<TopoDS_Shape> tools = WorkplaneOps::shapesOf(splitter);
  if (tools.empty())
    throwApiError(op, "the splitter holds no shapes", "split with a face, a solid or a Workplane holding one");

  TopoDS_Shape result = guardOcct(op, [&]() -> TopoDS_Shape {
    TopTools_ListOfShape args, toolList;
    args.Append(solid);
    for (const auto& t : tools) toolList.Append(t);
    BRepAlgoAPI_Splitter splitterOp;
    splitterOp.SetArguments(args);
    splitterOp.SetTools(toolList);
    splitterOp.SetRunParallel(true);
    splitterOp.SetNonDestructive(true);  // the solid may be a result kept for the next run
    splitterOp.Build();
    if (!splitterOp.IsDone() || splitterOp.HasErrors()) {
      std::ostringstream report;
      splitterOp.DumpErrors(report);
      std::string first = report.str();
      first = first.substr(0, first.find('\n'));
      throwGeometryError(op, "the split failed" + (first.empty() ? std::string() : " (" + first + ")"),
                         "check that the splitter is a face or solid that crosses the part");
    }
    return splitterOp.Shape();
  });
  if (subShapes(result, TopAbs_SOLID).empty())
    throwGeometryError(op, "the split produced no solid", "check that the splitter crosses the part");
  return WorkplaneOps::make(*this, {result});
}

}  // namespace partsmith::kernel
