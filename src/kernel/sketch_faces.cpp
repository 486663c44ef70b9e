// Sketch face construction: the closed shapes (rect, circle, ...), face() from wires, edges,
// shapes or sketches, and CadQuery's each(): placing the local result at every selected
// location and combining it with the existing faces by mode.
#include <cmath>

#include <BRepAlgoAPI_Common.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRep_Builder.hxx>
#include <BRep_Tool.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <ShapeAnalysis_FreeBounds.hxx>
#include <ShapeFix_Face.hxx>
#include <TopTools_HSequenceOfShape.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopExp.hxx>
#include <TopoDS.hxx>
#include <gp_Circ.hxx>
#include <gp_Elips.hxx>

#include "kernel/shape_utils.h"
#include "kernel/sketch.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

constexpr double kDegToRad = M_PI / 180.0;

Location rotationZ(double degrees) {
  return Location::fromAxisAngle(gp_Vec(0, 0, 0), gp_Dir(0, 0, 1), degrees);
}

TopoDS_Wire polygonWire(const std::vector<gp_Pnt>& points, const std::string& operation) {
  BRepBuilderAPI_MakePolygon maker;
  for (const auto& p : points) maker.Add(p);  // coincident consecutive points are skipped
  maker.Close();
  if (!maker.IsDone()) throwApiError(operation, "the corners coincide, so there is no outline");
  return maker.Wire();
}

TopoDS_Wire wireOf(const std::vector<TopoDS_Edge>& edges, const std::string& operation) {
  BRepBuilderAPI_MakeWire maker;
  for (const auto& e : edges) maker.Add(e);
  if (!maker.IsDone()) throwGeometryError(operation, "could not join the outline into a wire");
  return maker.Wire();
}

bool wireClosed(const TopoDS_Wire& wire) {
  if (BRep_Tool::IsClosed(wire)) return true;
  TopoDS_Vertex first, last;
  TopExp::Vertices(wire, first, last);
  return !first.IsNull() && !last.IsNull() && BRep_Tool::Pnt(first).Distance(BRep_Tool::Pnt(last)) < 1e-6;
}

// CadQuery Face.makeFromWires: a planar face bounded by `outer` with `inners` as holes; the
// face is turned to look along local +z so every sketch face has the same orientation.
TopoDS_Face faceFromWires(const TopoDS_Wire& outer, const std::vector<TopoDS_Wire>& inners,
                          const std::string& operation, bool retried = false) {
  if (!wireClosed(outer))
    throwApiError(operation, "the outline is not closed, so it cannot bound a face",
                  "end an outline drawn with segment()/arc() with .close() before .assemble()");
  BRepBuilderAPI_MakeFace maker(outer, /*OnlyPlane=*/true);
  if (!maker.IsDone())
    throwGeometryError(operation, "could not make a flat face from the outline (is it planar and not self-crossing?)");
  for (const auto& w : inners) {
    if (!wireClosed(w)) throwApiError(operation, "an inner outline (hole) is not closed");
    maker.Add(w);
  }
  TopoDS_Face face = maker.Face();
  ShapeFix_Face fix(face);
  fix.FixOrientation();
  fix.Perform();
  face = TopoDS::Face(fix.Result());
  // An outer wire running clockwise against the plane found for it bounds "everything
  // outside" (negative area); build again from the reversed wire.
  if (shapeArea(face) < 0 && inners.empty() && !retried)
    return faceFromWires(TopoDS::Wire(outer.Reversed()), inners, operation, true);
  if (faceNormalAt(face).Z() < 0) face.Reverse();
  return face;
}

// The faces of a BOP result; an empty list when the result is empty.
std::vector<TopoDS_Shape> facesOfResult(BRepAlgoAPI_BooleanOperation& op, const std::string& operation) {
  op.SetRunParallel(false);
  op.Build();
  if (!op.IsDone() || op.HasErrors())
    throwGeometryError(operation, "could not combine the new face with the sketch's faces");
  return subShapes(op.Shape(), TopAbs_FACE);
}

TopTools_ListOfShape listOf(const std::vector<TopoDS_Shape>& shapes) {
  TopTools_ListOfShape list;
  for (const auto& s : shapes) list.Append(s);
  return list;
}

}  // namespace

SketchMode parseSketchMode(const std::string& text, const std::string& operation) {
  if (text == "a") return SketchMode::Add;
  if (text == "s") return SketchMode::Subtract;
  if (text == "i") return SketchMode::Intersect;
  if (text == "r") return SketchMode::Replace;
  if (text == "c") return SketchMode::Construction;
  throwApiError(operation, "mode must be \"a\" (add), \"s\" (subtract), \"i\" (intersect), \"r\" (replace) or \"c\" "
                           "(construction), got \"" + text + "\"");
}

Sketch::Sketch(WorkplanePtr parent, std::vector<Location> locs) : m_parent(std::move(parent)), m_locs(std::move(locs)) {
  BRep_Builder().MakeCompound(m_faces);
  if (m_locs.empty()) m_locs.push_back(Location());
}

size_t Sketch::faceCount() const { return subShapes(m_faces, TopAbs_FACE).size(); }

void Sketch::setFaces(const std::vector<TopoDS_Shape>& faces) {
  TopoDS_Compound compound;
  BRep_Builder builder;
  builder.MakeCompound(compound);
  for (const auto& f : faces) builder.Add(compound, f);
  m_faces = compound;
}

std::vector<Location> Sketch::selectionLocations(bool ignoreSelection) const {
  std::vector<Location> locs;
  if (m_selection && !m_selection->empty() && !ignoreSelection) {
    for (const auto& item : *m_selection) {
      if (auto* loc = std::get_if<Location>(&item)) locs.push_back(*loc);
      else locs.push_back(Location::translation(gp_Vec(shapeCenter(std::get<TopoDS_Shape>(item)).XYZ())));
    }
  } else {
    locs.push_back(Location());
  }
  return locs;
}

Sketch& Sketch::placeFaces(const std::vector<TopoDS_Shape>& local, const std::string& operation, SketchMode mode,
                           const std::string& tag, bool ignoreSelection, double angle) {
  if (mode == SketchMode::Construction && tag.empty())
    throwApiError(operation, "mode \"c\" (construction) needs a tag, otherwise the geometry cannot be reached",
                  "pass a tag, e.g. {mode: \"c\", tag: \"guide\"}, and select it later with .faces({tag: \"guide\"})");
  std::vector<TopoDS_Shape> localFaces;
  for (const auto& shape : local)
    for (const auto& f : subShapes(shape, TopAbs_FACE)) localFaces.push_back(f);
  if (localFaces.empty()) throwApiError(operation, "there is no face to add");
  if (angle != 0)
    for (auto& f : localFaces) f = f.Moved(rotationZ(angle).toTopLoc());

  std::vector<TopoDS_Shape> created;
  for (const Location& loc : selectionLocations(ignoreSelection))
    for (const auto& f : localFaces) created.push_back(f.Moved(loc.toTopLoc()));
  if (!tag.empty()) m_tags[tag] = std::vector<SketchItem>(created.begin(), created.end());

  guardOcct(operation, [&] {
    std::vector<TopoDS_Shape> current = subShapes(m_faces, TopAbs_FACE);
    switch (mode) {
      case SketchMode::Add: {
        if (current.empty() && created.size() == 1) {
          setFaces(created);
          break;
        }
        std::vector<TopoDS_Shape> args = current;
        std::vector<TopoDS_Shape> tools = created;
        if (args.empty()) {
          args.push_back(tools.front());
          tools.erase(tools.begin());
        }
        BRepAlgoAPI_Fuse op;
        op.SetArguments(listOf(args));
        op.SetTools(listOf(tools));
        op.SetNonDestructive(true);  // faces may be results kept for the next run
        setFaces(facesOfResult(op, operation));
        break;
      }
      case SketchMode::Subtract: {
        if (current.empty()) break;
        BRepAlgoAPI_Cut op;
        op.SetArguments(listOf(current));
        op.SetTools(listOf(created));
        op.SetNonDestructive(true);  // faces may be results kept for the next run
        setFaces(facesOfResult(op, operation));
        break;
      }
      case SketchMode::Intersect: {
        if (current.empty()) break;
        BRepAlgoAPI_Common op;
        op.SetArguments(listOf(current));
        op.SetTools(listOf(created));
        op.SetNonDestructive(true);  // faces may be results kept for the next run
        setFaces(facesOfResult(op, operation));
        break;
      }
      case SketchMode::Replace:
        setFaces(created);
        break;
      case SketchMode::Construction:
        break;
    }
    return 0;
  });
  return *this;
}

Sketch& Sketch::rect(double w, double h, double angle, SketchMode mode, const std::string& tag) {
  WorkplaneOps::requirePositive("rect", "w", w);
  WorkplaneOps::requirePositive("rect", "h", h);
  WorkplaneOps::requireFinite("rect", "angle", angle);
  TopoDS_Face face = guardOcct("rect", [&] {
    return faceFromWires(polygonWire({gp_Pnt(-w / 2, -h / 2, 0), gp_Pnt(w / 2, -h / 2, 0), gp_Pnt(w / 2, h / 2, 0),
                                      gp_Pnt(-w / 2, h / 2, 0)},
                                     "rect"),
                         {}, "rect");
  });
  return placeFaces({face}, "rect", mode, tag, false, angle);
}

Sketch& Sketch::circle(double r, SketchMode mode, const std::string& tag) {
  WorkplaneOps::requirePositive("circle", "r", r);
  TopoDS_Face face = guardOcct("circle", [&] {
    gp_Circ circ(gp_Ax2(gp_Pnt(0, 0, 0), gp_Dir(0, 0, 1)), r);
    return faceFromWires(wireOf({BRepBuilderAPI_MakeEdge(circ).Edge()}, "circle"), {}, "circle");
  });
  return placeFaces({face}, "circle", mode, tag, false);
}

Sketch& Sketch::ellipse(double a1, double a2, double angle, SketchMode mode, const std::string& tag) {
  WorkplaneOps::requirePositive("ellipse", "a1", a1);
  WorkplaneOps::requirePositive("ellipse", "a2", a2);
  WorkplaneOps::requireFinite("ellipse", "angle", angle);
  TopoDS_Face face = guardOcct("ellipse", [&] {
    // gp_Elips needs major >= minor: a taller-than-wide ellipse has its major axis on local y.
    const bool wide = a1 >= a2;
    gp_Ax2 axes(gp_Pnt(0, 0, 0), gp_Dir(0, 0, 1), wide ? gp_Dir(1, 0, 0) : gp_Dir(0, 1, 0));
    gp_Elips elips(axes, wide ? a1 : a2, wide ? a2 : a1);
    return faceFromWires(wireOf({BRepBuilderAPI_MakeEdge(elips).Edge()}, "ellipse"), {}, "ellipse");
  });
  return placeFaces({face}, "ellipse", mode, tag, false, angle);
}

Sketch& Sketch::trapezoid(double w, double h, double a1, std::optional<double> a2, double angle, SketchMode mode,
                          const std::string& tag) {
  WorkplaneOps::requirePositive("trapezoid", "w", w);
  WorkplaneOps::requirePositive("trapezoid", "h", h);
  WorkplaneOps::requireFinite("trapezoid", "a1", a1);
  const double b = a2 ? *a2 : a1;
  WorkplaneOps::requireFinite("trapezoid", "a2", b);
  if (std::fmod(std::abs(a1), 180.0) == 0 || std::fmod(std::abs(b), 180.0) == 0)
    throwApiError("trapezoid", "the side angles a1/a2 must not be 0 or 180 degrees (the sides would be flat)");
  // Base on y = -h/2 with the full width; the top is shortened by h / tan(angle) on each side.
  const double left = -w / 2 + h / std::tan(a1 * kDegToRad);
  const double right = w / 2 - h / std::tan(b * kDegToRad);
  if (right - left <= 1e-9)
    throwApiError("trapezoid", "the side angles are too small for this width and height: the sides cross",
                  "use larger angles a1/a2 or a larger width");
  return polygon({gp_XY(-w / 2, -h / 2), gp_XY(w / 2, -h / 2), gp_XY(right, h / 2), gp_XY(left, h / 2)}, angle, mode,
                 tag);
}

Sketch& Sketch::slot(double w, double h, double angle, SketchMode mode, const std::string& tag) {
  WorkplaneOps::requirePositive("slot", "w", w);
  WorkplaneOps::requirePositive("slot", "h", h);
  WorkplaneOps::requireFinite("slot", "angle", angle);
  TopoDS_Face face = guardOcct("slot", [&] {
    gp_Pnt p1(-w / 2, h / 2, 0), p2(w / 2, h / 2, 0), p3(-w / 2, -h / 2, 0), p4(w / 2, -h / 2, 0);
    gp_Pnt p5(-w / 2 - h / 2, 0, 0), p6(w / 2 + h / 2, 0, 0);
    std::vector<TopoDS_Edge> edges = {BRepBuilderAPI_MakeEdge(p1, p2).Edge(),
                                      BRepBuilderAPI_MakeEdge(GC_MakeArcOfCircle(p2, p6, p4).Value()).Edge(),
                                      BRepBuilderAPI_MakeEdge(p4, p3).Edge(),
                                      BRepBuilderAPI_MakeEdge(GC_MakeArcOfCircle(p3, p5, p1).Value()).Edge()};
    return faceFromWires(wireOf(edges, "slot"), {}, "slot");
  });
  return placeFaces({face}, "slot", mode, tag, false, angle);
}

Sketch& Sketch::regularPolygon(double r, int n, double angle, SketchMode mode, const std::string& tag) {
  WorkplaneOps::requirePositive("regularPolygon", "r", r);
  if (n < 3) throwApiError("regularPolygon", "n must be at least 3, got " + std::to_string(n));
  if (n > 10000) throw KernelError(ErrorKind::Limit, "regularPolygon", "n is " + std::to_string(n) + ", more than 10000 sides");
  std::vector<gp_XY> points;
  for (int i = 0; i < n; ++i)
    points.emplace_back(r * std::sin(i * 2 * M_PI / n), r * std::cos(i * 2 * M_PI / n));
  return polygon(points, angle, mode, tag);
}

Sketch& Sketch::polygon(const std::vector<gp_XY>& points, double angle, SketchMode mode, const std::string& tag) {
  WorkplaneOps::requireFinite("polygon", "angle", angle);
  if (points.size() < 3)
    throwApiError("polygon", "needs at least 3 points, got " + std::to_string(points.size()));
  std::vector<gp_Pnt> pts;
  for (const auto& p : points) pts.emplace_back(p.X(), p.Y(), 0);
  TopoDS_Face face = guardOcct("polygon", [&] { return faceFromWires(polygonWire(pts, "polygon"), {}, "polygon"); });
  return placeFaces({face}, "polygon", mode, tag, false, angle);
}

Sketch& Sketch::face(const TopoDS_Shape& shape, double angle, SketchMode mode, const std::string& tag,
                     bool ignoreSelection) {
  if (shape.IsNull()) throwApiError("face", "the shape is empty");
  WorkplaneOps::requireFinite("face", "angle", angle);
  if (shape.ShapeType() == TopAbs_EDGE) return face(std::vector<TopoDS_Edge>{TopoDS::Edge(shape)}, angle, mode, tag, ignoreSelection);
  std::vector<TopoDS_Shape> faces;
  if (shape.ShapeType() == TopAbs_WIRE) {
    faces.push_back(guardOcct("face", [&] { return faceFromWires(TopoDS::Wire(shape), {}, "face"); }));
  } else {
    faces = subShapes(shape, TopAbs_FACE);
    if (faces.empty()) {
      auto edges = subShapes(shape, TopAbs_EDGE);
      if (edges.empty()) throwApiError("face", "the shape has no faces or edges to make a face from");
      std::vector<TopoDS_Edge> list;
      for (const auto& e : edges) list.push_back(TopoDS::Edge(e));
      return face(list, angle, mode, tag, ignoreSelection);
    }
  }
  return placeFaces(faces, "face", mode, tag, ignoreSelection, angle);
}

Sketch& Sketch::face(const std::vector<TopoDS_Edge>& edges, double angle, SketchMode mode, const std::string& tag,
                     bool ignoreSelection) {
  return faceFromEdges(edges, angle, mode, tag, ignoreSelection, "face");
}

Sketch& Sketch::faceFromEdges(const std::vector<TopoDS_Edge>& edges, double angle, SketchMode mode,
                              const std::string& tag, bool ignoreSelection, const std::string& operation) {
  if (edges.empty())
    throwApiError(operation, "there are no edges to make a face from",
                  "draw the outline first with .segment(...), .arc(...), then .close()");
  TopoDS_Face built = guardOcct(operation, [&] {
    // CadQuery edgesToWires: join edges end to end into wires; the first wire is the outer
    // boundary, the others are holes.
    Handle(TopTools_HSequenceOfShape) input = new TopTools_HSequenceOfShape;
    for (const auto& e : edges) input->Append(e);
    Handle(TopTools_HSequenceOfShape) wires;
    ShapeAnalysis_FreeBounds::ConnectEdgesToWires(input, 1e-6, false, wires);
    if (wires.IsNull() || wires->Length() == 0) throwGeometryError(operation, "could not join the edges into an outline");
    std::vector<TopoDS_Wire> inners;
    for (int i = 2; i <= wires->Length(); ++i) inners.push_back(TopoDS::Wire(wires->Value(i)));
    for (int i = 1; i <= wires->Length(); ++i) {
      if (!wireClosed(TopoDS::Wire(wires->Value(i))))
        throwApiError(operation,
                      "the edges do not form a closed outline (" + std::to_string(wires->Length()) +
                          (wires->Length() == 1 ? " open chain" : " separate chains") + ")",
                      "end the outline with .close(), or make each segment/arc start where the previous one ended");
    }
    return faceFromWires(TopoDS::Wire(wires->Value(1)), inners, operation);
  });
  return placeFaces({built}, operation, mode, tag, ignoreSelection, angle);
}

Sketch& Sketch::face(const Sketch& other, double angle, SketchMode mode, const std::string& tag, bool ignoreSelection) {
  if (other.faceCount() == 0) {
    if (!other.m_edges.empty())
      throwApiError("face", "the sketch passed to face() has edges but no faces",
                    "call .assemble() on that sketch first (after .close())");
    throwApiError("face", "the sketch passed to face() is empty");
  }
  TopoDS_Shape faces = other.m_faces;  // copied first: `other` may be this sketch
  return placeFaces({faces}, "face", mode, tag, ignoreSelection, angle);
}

Sketch& Sketch::assemble(SketchMode mode, const std::string& tag) {
  std::vector<TopoDS_Edge> edges;
  for (const auto& e : m_edges)
    if (!e.construction) edges.push_back(e.edge);
  if (edges.empty())
    throwApiError("assemble", "there are no edges to assemble",
                  "draw an outline first, e.g. .segment([0, 0], [10, 0]).segment([10, 5]).close().assemble()");
  return faceFromEdges(edges, 0, mode, tag, false, "assemble");
}

Sketch& Sketch::clean() {
  if (faceCount() == 0) return *this;
  TopoDS_Shape cleaned = guardOcct("clean", [&] { return cleanShape(m_faces); });
  setFaces(subShapes(cleaned, TopAbs_FACE));
  return *this;
}

}  // namespace partsmith::kernel
