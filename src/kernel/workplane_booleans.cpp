// Workplane booleans (union/cut/intersect/combine) and the checked OCCT booleans every
// method group uses (WorkplaneOps::fuse/cut/intersect).
#include <BOPAlgo_GlueEnum.hxx>
#include <BRepAlgoAPI_BooleanOperation.hxx>
#include <BRepAlgoAPI_Common.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepBuilderAPI_Copy.hxx>
#include <BRep_Builder.hxx>
#include <TopoDS_Compound.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopoDS_Iterator.hxx>
#include <memory>
#include <optional>
#include <sstream>

#include "kernel/op_cache.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {

namespace {

bool hasSubShape(const TopoDS_Shape& shape, TopAbs_ShapeEnum type) {
  if (shape.IsNull()) return false;
  TopExp_Explorer it(shape, type);
  return it.More();
}

// A shape with no vertex at all is empty (a null shape or an empty compound).
bool isEmptyShape(const TopoDS_Shape& shape) { return !hasSubShape(shape, TopAbs_VERTEX); }

// CadQuery's Compound.fuse(): a compound argument takes part as its children, so fusing a
// context compound of overlapping solids merges them. Nested compounds are opened too: OCCT
// requires each boolean argument to be free of self-interference.
void appendOperands(const TopoDS_Shape& shape, std::vector<TopoDS_Shape>& out) {
  if (shape.IsNull()) return;
  if (shape.ShapeType() == TopAbs_COMPOUND) {
    for (TopoDS_Iterator it(shape); it.More(); it.Next()) appendOperands(it.Value(), out);
    return;
  }
  out.push_back(shape);
}

// OCCT reports failures as alert names (BOPAlgo_Alert...); say what they mean.
std::string describeAlert(const std::string& alert) {
  struct Known {
    const char* key;
    const char* text;
  };
  static const Known known[] = {
      {"TooFewArguments", "there is nothing to combine"},
      {"NullInputShapes", "one of the shapes is empty"},
      {"IntersectionOfPairOfShapesFailed", "two of the shapes could not be intersected"},
      {"IntersectionFailed", "the shapes could not be intersected"},
      {"BuilderFailed", "the result could not be assembled from the pieces"},
      {"SelfInterferingShape", "one of the shapes intersects itself"},
      {"BOPNotAllowed", "this boolean is not defined for these kinds of shapes"},
      {"BOPNotSet", "the boolean type was not set"},
      {"SolidBuilderFailed", "the result solids could not be built"},
      {"SolidBuilderUnusedFaces", "some faces could not be placed into result solids"},
      {"MultiDimensionalArguments", "the shapes mix solids with faces or edges"},
      {"PostTreatFF", "the intersection curves could not be processed"},
      {"NotSplittableEdge", "an edge could not be split"},
      {"UnableToMakeClosedEdgeOnFace", "a closed edge could not be built on a face"},
      {"AcquiredSelfIntersection", "the shapes became self-intersecting during the operation"},
      {"TooSmallEdge", "an edge is too small for the tolerance"},
  };
  for (const Known& k : known)
    if (alert.find(k.key) != std::string::npos) return std::string(k.text) + " (" + alert + ")";
  return alert;
}

std::string firstReportLine(const BRepAlgoAPI_BooleanOperation& op, bool errors) {
  std::ostringstream out;
  if (errors)
    op.DumpErrors(out);
  else
    op.DumpWarnings(out);
  std::istringstream lines(out.str());
  std::string line;
  while (std::getline(lines, line)) {
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos) continue;
    return line.substr(start);
  }
  return {};
}

enum class BoolKind { Fuse, Cut, Common };

const char* verbOf(BoolKind kind) {
  switch (kind) {
    case BoolKind::Fuse:
      return "union";
    case BoolKind::Cut:
      return "cut";
    case BoolKind::Common:
      return "intersection";
  }
  return "boolean";
}

TopoDS_Shape computeBoolean(BoolKind kind, const std::vector<TopoDS_Shape>& arguments,
                            const std::vector<TopoDS_Shape>& tools, const std::string& operation, bool glue,
                            std::optional<double> tol, bool* hadWarnings) {
  return guardOcct(operation, [&]() -> TopoDS_Shape {
    std::unique_ptr<BRepAlgoAPI_BooleanOperation> op;
    switch (kind) {
      case BoolKind::Fuse:
        op = std::make_unique<BRepAlgoAPI_Fuse>();
        break;
      case BoolKind::Cut:
        op = std::make_unique<BRepAlgoAPI_Cut>();
        break;
      case BoolKind::Common:
        op = std::make_unique<BRepAlgoAPI_Common>();
        break;
    }
    TopTools_ListOfShape args, toolList;
    for (const auto& s : arguments) args.Append(s);
    for (const auto& s : tools) toolList.Append(s);
    op->SetArguments(args);
    op->SetTools(toolList);
    op->SetRunParallel(true);
    op->SetToFillHistory(false);  // nothing reads Modified/Generated; building it costs ~1 %
    if (tol && *tol > 0) op->SetFuzzyValue(*tol);
    if (glue) op->SetGlue(BOPAlgo_GlueShift);
    op->Build();

    if (op->HasErrors() || !op->IsDone()) {
      std::string alert = firstReportLine(*op, true);
      if (alert.empty()) alert = firstReportLine(*op, false);
      std::string message = std::string("the ") + verbOf(kind) + " failed";
      if (!alert.empty()) message += ": " + describeAlert(alert);
      throwGeometryError(operation, message,
                         "check that the shapes are closed solids that really overlap or are clearly apart; "
                         "for nearly touching faces pass a small tol such as 1e-4");
    }
    if (hadWarnings) *hadWarnings = op->HasWarnings();
    return op->Shape();
  });
}

// OCCT's booleans raise tolerances and add p-curves on their arguments in place. Stored
// results must stay as built, so when an argument is or shares parts with one, the operation
// runs on a copy of the topology (geometry is shared; OCCT's non-destructive mode would
// protect them too but costs about a tenth of every boolean). Everything is copied as one
// compound so that arguments sharing faces or edges still share them.
template <class Run>
TopoDS_Shape protectStoredResults(const OpCache& cache, const std::vector<TopoDS_Shape>& arguments,
                                  const std::vector<TopoDS_Shape>& tools, Run&& run) {
  bool touches = false;
  for (const auto* list : {&arguments, &tools})
    for (const auto& s : *list) touches = touches || cache.touchesStoredResult(s);
  if (!touches) return run(arguments, tools);
  BRep_Builder builder;
  TopoDS_Compound all;
  builder.MakeCompound(all);
  for (const auto* list : {&arguments, &tools})
    for (const auto& s : *list) builder.Add(all, s);
  const TopoDS_Shape copy = BRepBuilderAPI_Copy(all, /*copyGeom=*/false, /*copyMesh=*/false).Shape();
  std::vector<TopoDS_Shape> copied;
  for (TopoDS_Iterator it(copy); it.More(); it.Next()) copied.push_back(it.Value());
  if (copied.size() != arguments.size() + tools.size()) return run(arguments, tools);
  std::vector<TopoDS_Shape> args(copied.begin(), copied.begin() + static_cast<long>(arguments.size()));
  std::vector<TopoDS_Shape> toolList(copied.begin() + static_cast<long>(arguments.size()), copied.end());
  return run(args, toolList);
}

TopoDS_Shape runBoolean(BoolKind kind, const std::vector<TopoDS_Shape>& arguments,
                        const std::vector<TopoDS_Shape>& tools, const std::string& operation, bool glue,
                        std::optional<double> tol, bool* hadWarnings = nullptr) {
  OpCache* cache = OpCache::current();
  if (!cache) return computeBoolean(kind, arguments, tools, operation, glue, tol, hadWarnings);
  OpKey key = cache->key("boolean");
  key.integer(static_cast<int>(kind)).shapes(arguments).shapes(tools).flag(glue).number(tol.value_or(0));
  if (!key.usable()) {
    cache->noteUncacheable();
    return protectStoredResults(*cache, arguments, tools, [&](const auto& args, const auto& toolList) {
      return computeBoolean(kind, args, toolList, operation, glue, tol, hadWarnings);
    });
  }
  int warned = 0;
  TopoDS_Shape hit = cache->find(key, &warned);
  if (!hit.IsNull()) {
    if (hadWarnings) *hadWarnings = warned != 0;
    return hit;
  }
  bool warnings = false;
  TopoDS_Shape result = protectStoredResults(*cache, arguments, tools, [&](const auto& args, const auto& toolList) {
    return computeBoolean(kind, args, toolList, operation, glue, tol, &warnings);
  });
  cache->insert(key, result, warnings ? 1 : 0);
  if (hadWarnings) *hadWarnings = warnings;
  return result;
}

// Non-null leaves of `shapes` with compounds opened (see appendOperands).
std::vector<TopoDS_Shape> operandsOf(const std::vector<TopoDS_Shape>& shapes) {
  std::vector<TopoDS_Shape> out;
  for (const auto& s : shapes) appendOperands(s, out);
  return out;
}

// Distinct shapes in first-seen order (TopTools map keyed on TShape + location + orientation).
std::vector<TopoDS_Shape> distinct(const std::vector<TopoDS_Shape>& shapes) {
  TopTools_IndexedMapOfShape seen;
  std::vector<TopoDS_Shape> out;
  for (const auto& s : shapes)
    if (!s.IsNull() && seen.Add(s) > static_cast<int>(out.size())) out.push_back(s);
  return out;
}

}  // namespace

// --- WorkplaneOps: checked booleans -------------------------------------------------------

TopoDS_Shape WorkplaneOps::fuse(const TopoDS_Shape& a, const std::vector<TopoDS_Shape>& tools,
                                const std::string& operation, bool glue, std::optional<double> tol) {
  std::vector<TopoDS_Shape> operands;
  appendOperands(a, operands);
  for (const auto& t : operandsOf(tools)) operands.push_back(t);
  if (operands.empty()) throwApiError(operation, "there is nothing to union: no shapes were given");
  if (operands.size() == 1) return operands.front();
  std::vector<TopoDS_Shape> rest(operands.begin() + 1, operands.end());
  bool warned = false;
  TopoDS_Shape result = runBoolean(BoolKind::Fuse, {operands.front()}, rest, operation, glue, tol, &warned);
  if (warned && rest.size() > 1) {
    // OCCT 7.6 can drop pieces when several tools overlap each other at sphere poles or seams
    // (it only warns). Fusing one tool at a time is slower but sound; keep whichever result
    // holds more material, since a correct union never loses any.
    TopoDS_Shape stepwise = operands.front();
    for (const auto& tool : rest) stepwise = runBoolean(BoolKind::Fuse, {stepwise}, {tool}, operation, glue, tol);
    if (shapeVolume(stepwise) > shapeVolume(result) * (1 + 1e-9)) result = stepwise;
  }
  if (isEmptyShape(result))
    throwGeometryError(operation, "the union produced an empty shape",
                       "check that every shape is a valid closed solid");
  return result;
}

TopoDS_Shape WorkplaneOps::cut(const TopoDS_Shape& a, const std::vector<TopoDS_Shape>& tools,
                               const std::string& operation, std::optional<double> tol) {
  if (a.IsNull()) throwApiError(operation, "there is no solid to cut from");
  std::vector<TopoDS_Shape> toolList = operandsOf(tools);
  if (toolList.empty()) return a;  // cutting nothing leaves the part unchanged
  TopoDS_Shape result = runBoolean(BoolKind::Cut, operandsOf({a}), toolList, operation, false, tol);
  const bool hadSolids = hasSubShape(a, TopAbs_SOLID);
  if (isEmptyShape(result) || (hadSolids && !hasSubShape(result, TopAbs_SOLID)))
    throwGeometryError(operation, "the cut removed everything: the tool covers the whole part",
                       "make the tool smaller or move it so that part of the solid remains");
  return result;
}

TopoDS_Shape WorkplaneOps::intersect(const TopoDS_Shape& a, const std::vector<TopoDS_Shape>& tools,
                                     const std::string& operation, std::optional<double> tol) {
  if (a.IsNull()) throwApiError(operation, "there is no solid to intersect with");
  std::vector<TopoDS_Shape> toolList = operandsOf(tools);
  if (toolList.empty())
    throwApiError(operation, "there is nothing to intersect with: the other object holds no shapes");
  TopoDS_Shape result = runBoolean(BoolKind::Common, operandsOf({a}), toolList, operation, false, tol);
  const bool hadSolids = hasSubShape(a, TopAbs_SOLID);
  if (isEmptyShape(result) || (hadSolids && !hasSubShape(result, TopAbs_SOLID)))
    throwGeometryError(operation, "the shapes do not overlap", "move the shapes so that they share some volume");
  return result;
}

std::vector<TopoDS_Shape> WorkplaneOps::shapesOf(const ShapeSource& source) {
  if (const auto* wp = std::get_if<WorkplanePtr>(&source)) {
    if (!*wp) return {};
    std::vector<TopoDS_Shape> out;
    for (const auto& item : (*wp)->objects())
      if (const auto* s = std::get_if<TopoDS_Shape>(&item))
        if (!s->IsNull()) out.push_back(*s);
    return out;
  }
  const auto& shape = std::get<TopoDS_Shape>(source);
  if (shape.IsNull()) return {};
  return {shape};
}

std::vector<TopoDS_Shape> WorkplaneOps::solidsOfSource(const ShapeSource& source) {
  if (std::holds_alternative<WorkplanePtr>(source)) {
    std::vector<TopoDS_Shape> all;
    for (const auto& s : shapesOf(source))
      for (const auto& solid : solidsOf(s)) all.push_back(solid);
    return distinct(all);
  }
  // CadQuery: a bare Solid or Compound is used as given.
  return shapesOf(source);
}

// --- Workplane booleans -------------------------------------------------------------------

namespace {

// CadQuery _mergeTags(): the other chain's tags become visible in this one (ours win).
void mergeTags(const Workplane& self, const ShapeSource& other) {
  const auto* wp = std::get_if<WorkplanePtr>(&other);
  if (!wp || !*wp || (*wp)->context() == self.context()) return;
  for (const auto& [name, tagged] : (*wp)->context()->tags) self.context()->tags.emplace(name, tagged);
}

TopoDS_Shape maybeClean(const TopoDS_Shape& shape, bool clean, const std::string& operation) {
  if (!clean) return shape;
  return guardOcct(operation, [&] { return cleanShape(shape); });
}

}  // namespace

WorkplanePtr Workplane::unionWith(const std::optional<ShapeSource>& other, bool clean, bool glue,
                                  std::optional<double> tol) const {
  const std::string op = "union";
  if (tol) WorkplaneOps::requireFinite(op, "tol", *tol);
  std::vector<TopoDS_Shape> newShapes;
  if (other) {
    newShapes = WorkplaneOps::solidsOfSource(*other);
    if (newShapes.empty()) {
      if (std::holds_alternative<WorkplanePtr>(*other))
        throwApiError(op, "the other Workplane has no solid on its stack to union",
                      "build a solid first, e.g. cq.Workplane().box(1, 1, 1)");
      throwApiError(op, "the shape to union is empty");
    }
    mergeTags(*this, *other);
  }
  TopoDS_Shape context = findSolid();
  TopoDS_Shape result;
  if (!context.IsNull()) {
    result = WorkplaneOps::fuse(context, newShapes, op, glue, tol);
  } else if (newShapes.size() > 1) {
    std::vector<TopoDS_Shape> rest(newShapes.begin() + 1, newShapes.end());
    result = WorkplaneOps::fuse(newShapes.front(), rest, op, glue, tol);
  } else if (newShapes.size() == 1) {
    result = newShapes.front();
  } else {
    throwApiError(op, "there is nothing to union: no solid on the stack or in the parent chain",
                  "pass the object to add, e.g. .union(other)");
  }
  return WorkplaneOps::make(*this, {maybeClean(result, clean, op)});
}

WorkplanePtr Workplane::cut(const ShapeSource& other, bool clean, std::optional<double> tol) const {
  const std::string op = "cut";
  if (tol) WorkplaneOps::requireFinite(op, "tol", *tol);
  TopoDS_Shape context = WorkplaneOps::requireSolid(*this, op);
  std::vector<TopoDS_Shape> tools = WorkplaneOps::shapesOf(other);
  if (tools.empty()) throwApiError(op, "the object to cut away holds no shapes", "cut a solid, e.g. .cut(otherPart)");
  mergeTags(*this, other);
  TopoDS_Shape result = WorkplaneOps::cut(context, tools, op, tol);
  return WorkplaneOps::make(*this, {maybeClean(result, clean, op)});
}

WorkplanePtr Workplane::intersect(const ShapeSource& other, bool clean, std::optional<double> tol) const {
  const std::string op = "intersect";
  if (tol) WorkplaneOps::requireFinite(op, "tol", *tol);
  TopoDS_Shape context = WorkplaneOps::requireSolid(*this, op);
  std::vector<TopoDS_Shape> tools = WorkplaneOps::shapesOf(other);
  if (tools.empty())
    throwApiError(op, "the object to intersect with holds no shapes", "intersect with a solid, e.g. .intersect(other)");
  mergeTags(*this, other);
  TopoDS_Shape result = WorkplaneOps::intersect(context, tools, op, tol);
  return WorkplaneOps::make(*this, {maybeClean(result, clean, op)});
}

WorkplanePtr Workplane::combine(bool clean, bool glue, std::optional<double> tol) const {
  const std::string op = "combine";
  if (tol) WorkplaneOps::requireFinite(op, "tol", *tol);
  std::vector<TopoDS_Shape> items;
  for (const auto& item : m_objects)
    if (const auto* s = std::get_if<TopoDS_Shape>(&item))
      if (!s->IsNull()) items.push_back(*s);
  if (items.empty()) throwApiError(op, "there are no shapes on the stack to combine", "select or create shapes first");
  std::vector<TopoDS_Shape> rest(items.begin() + 1, items.end());
  TopoDS_Shape result = rest.empty() ? items.front() : WorkplaneOps::fuse(items.front(), rest, op, glue, tol);
  return WorkplaneOps::make(*this, {maybeClean(result, clean, op)});
}

}  // namespace partsmith::kernel
