// Workplane queries over the context solid's topology: section() slices it with the
// workplane, ancestors() and siblings() walk its shape graph (CadQuery's TopExp ancestor maps).
#include <algorithm>
#include <cctype>
#include <cmath>

#include <BRepAlgoAPI_Common.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <Bnd_Box.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopTools_MapOfShape.hxx>
#include <TopoDS_Iterator.hxx>
#include <gp_Pln.hxx>

#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

TopAbs_ShapeEnum kindOf(const std::string& op, const std::string& kind) {
  std::string k = kind;
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (k == "vertex") return TopAbs_VERTEX;
  if (k == "edge") return TopAbs_EDGE;
  if (k == "wire") return TopAbs_WIRE;
  if (k == "face") return TopAbs_FACE;
  if (k == "shell") return TopAbs_SHELL;
  if (k == "solid") return TopAbs_SOLID;
  if (k == "compsolid") return TopAbs_COMPSOLID;
  if (k == "compound") return TopAbs_COMPOUND;
  throwApiError(op, "kind must be \"Vertex\", \"Edge\", \"Wire\", \"Face\", \"Shell\", \"Solid\", \"CompSolid\" or "
                    "\"Compound\", got \"" + kind + "\"");
}

const Workplane& sourceOf(const Workplane& self, const std::string& tag, const std::string& op) {
  if (tag.empty()) return self;
  auto it = self.context()->tags.find(tag);
  if (it == self.context()->tags.end())
    throwApiError(op, "no object is tagged '" + tag + "'", "tag an object first with .tag(\"" + tag + "\")");
  return *it->second;
}

// A compound on the stack stands for its children (CadQuery's Compound.ancestors).
std::vector<TopoDS_Shape> members(const TopoDS_Shape& shape) {
  if (shape.ShapeType() != TopAbs_COMPOUND) return {shape};
  std::vector<TopoDS_Shape> out;
  for (TopoDS_Iterator it(shape); it.More(); it.Next()) out.push_back(it.Value());
  return out;
}

// Keeps the first occurrence of each shape (CadQuery builds a Python set; a stable order
// makes scripts reproducible).
void addUnique(std::vector<TopoDS_Shape>& out, TopTools_IndexedMapOfShape& seen, const TopoDS_Shape& s) {
  if (seen.Contains(s)) return;
  seen.Add(s);
  out.push_back(s);
}

}  // namespace

WorkplanePtr Workplane::section(double height) const {
  const std::string op = "section";
  WorkplaneOps::requireFinite(op, "height", height);
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, op);
  const gp_Pnt base = m_plane.origin().Translated(gp_Vec(m_plane.zDir()) * height);
  // A finite square larger than the solid cuts exactly like CadQuery's infinite plane face.
  Bnd_Box box = tightBoundingBox(solid);
  const double half = box.IsVoid() ? 1.0 : std::sqrt(box.SquareExtent()) + base.Distance(boundingBoxCenter(solid)) + 1.0;
  TopoDS_Shape result = guardOcct(op, [&] {
    BRepBuilderAPI_MakeFace face(gp_Pln(gp_Ax3(base, m_plane.zDir(), m_plane.xDir())), -half, half, -half, half);
    if (!face.IsDone()) throwGeometryError(op, "could not build the cutting plane");
    BRepAlgoAPI_Common common;
    TopTools_ListOfShape arguments, tools;
    arguments.Append(solid);
    tools.Append(face.Face());
    common.SetArguments(arguments);
    common.SetTools(tools);
    common.SetNonDestructive(true);  // the solid may be a result kept for the next run
    common.Build();
    if (!common.IsDone() || common.HasErrors()) throwGeometryError(op, "could not slice the solid");
    return common.Shape();
  });
  if (subShapes(result, TopAbs_FACE).empty())
    throwApiError(op, "the plane at height " + std::to_string(height) + " does not cut the solid",
                  "choose a height within the solid's extent along the workplane normal");
  return newObject({result});
}

WorkplanePtr Workplane::ancestors(const std::string& kind, const std::string& tag) const {
  const std::string op = "ancestors";
  const TopAbs_ShapeEnum target = kindOf(op, kind);
  TopoDS_Shape ctx = WorkplaneOps::requireSolid(*this, op);
  const Workplane& source = sourceOf(*this, tag, op);
  std::vector<TopoDS_Shape> out;
  TopTools_IndexedMapOfShape seen;
  guardOcct(op, [&] {
    for (const auto& item : source.objects()) {
      auto* shape = std::get_if<TopoDS_Shape>(&item);
      if (!shape || shape->IsNull()) continue;
      for (const auto& el : members(*shape)) {
        TopTools_IndexedDataMapOfShapeListOfShape map;
        TopExp::MapShapesAndAncestors(ctx, el.ShapeType(), target, map);
        if (!map.Contains(el)) continue;
        for (const auto& a : map.FindFromKey(el)) addUnique(out, seen, a);
      }
    }
    return 0;
  });
  std::vector<StackItem> items(out.begin(), out.end());
  return newObject(std::move(items));
}

WorkplanePtr Workplane::siblings(const std::string& kind, int level, const std::string& tag) const {
  const std::string op = "siblings";
  const TopAbs_ShapeEnum link = kindOf(op, kind);
  if (level < 1) throwApiError(op, "level must be 1 or more, got " + std::to_string(level));
  TopoDS_Shape ctx = WorkplaneOps::requireSolid(*this, op);
  const Workplane& source = sourceOf(*this, tag, op);
  std::vector<TopoDS_Shape> stackShapes;
  for (const auto& item : source.objects())
    if (auto* shape = std::get_if<TopoDS_Shape>(&item); shape && !shape->IsNull()) stackShapes.push_back(*shape);

  std::vector<TopoDS_Shape> out;
  TopTools_IndexedMapOfShape seen;
  guardOcct(op, [&] {
    for (const auto& start : stackShapes) {
      // Shapes of start's type that share a `kind` sub-shape with it, level times over;
      // already visited shapes are excluded across levels, as in CadQuery.
      TopTools_IndexedDataMapOfShapeListOfShape map;
      TopExp::MapShapesAndAncestors(ctx, link, start.ShapeType(), map);
      TopTools_MapOfShape exclude;
      std::vector<TopoDS_Shape> current{start};
      for (int l = 0; l < level; ++l) {
        for (const auto& s : current) exclude.Add(s);
        std::vector<TopoDS_Shape> next;
        TopTools_IndexedMapOfShape nextSeen;
        for (const auto& s : current) {
          for (const auto& child : subShapes(s, link)) {
            if (!map.Contains(child)) continue;
            for (const auto& el : map.FindFromKey(child))
              if (!exclude.Contains(el)) addUnique(next, nextSeen, el);
          }
        }
        current = std::move(next);
      }
      for (const auto& s : current) addUnique(out, seen, s);
    }
    return 0;
  });
  // The stack's own shapes are never their own siblings.
  TopTools_MapOfShape own;
  for (const auto& s : stackShapes) own.Add(s);
  std::vector<StackItem> items;
  for (const auto& s : out)
    if (!own.Contains(s)) items.emplace_back(s);
  return newObject(std::move(items));
}

}  // namespace partsmith::kernel
