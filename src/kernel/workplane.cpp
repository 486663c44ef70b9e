// Workplane construction, workplane placement, selection and stack handling. The modelling
// methods live in workplane_<group>.cpp.
#include "kernel/workplane.h"

#include <cmath>

#include <BRepAdaptor_Curve.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>
#include <gp_Pln.hxx>

#include "kernel/kernel_error.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {
namespace {

// CadQuery _computeXdir: global Z x normal, or global X when the normal is (anti)parallel to Z.
gp_Dir computeXDir(const gp_Dir& normal) {
  gp_XYZ x = gp_XYZ(0, 0, 1).Crossed(normal.XYZ());
  if (x.Modulus() < 1e-4) return gp_Dir(1, 0, 0);
  return gp_Dir(x);
}

bool isFace(const StackItem& item) {
  auto* shape = std::get_if<TopoDS_Shape>(&item);
  return shape && !shape->IsNull() && shape->ShapeType() == TopAbs_FACE;
}

bool containsSolid(const TopoDS_Shape& shape) {
  if (shape.IsNull()) return false;
  switch (shape.ShapeType()) {
    case TopAbs_SOLID:
    case TopAbs_COMPSOLID:
      return true;
    case TopAbs_COMPOUND:
      return !subShapes(shape, TopAbs_SOLID).empty();
    default:
      return false;
  }
}

gp_Pnt itemCenter(const StackItem& item, CenterOption option) {
  if (auto* shape = std::get_if<TopoDS_Shape>(&item))
    return option == CenterOption::CenterOfBoundBox ? boundingBoxCenter(*shape) : shapeCenter(*shape);
  if (auto* point = std::get_if<gp_Pnt>(&item)) return *point;
  return std::get<Location>(item).position();
}

TopAbs_ShapeEnum shapeTypeFor(const char* name) {
  std::string n = name;
  if (n == "faces") return TopAbs_FACE;
  if (n == "edges") return TopAbs_EDGE;
  if (n == "vertices") return TopAbs_VERTEX;
  if (n == "wires") return TopAbs_WIRE;
  if (n == "solids") return TopAbs_SOLID;
  if (n == "shells") return TopAbs_SHELL;
  return TopAbs_COMPOUND;
}

}  // namespace

Workplane::Workplane(const Plane& plane, std::shared_ptr<WorkplaneContext> ctx)
    : m_plane(plane), m_ctx(std::move(ctx)) {}

WorkplanePtr Workplane::create(const Plane& plane) {
  return std::shared_ptr<Workplane>(new Workplane(plane, std::make_shared<WorkplaneContext>()));
}

WorkplanePtr Workplane::create(const std::string& planeName, const gp_Pnt& origin) {
  return create(Plane::named(planeName, origin));
}

WorkplanePtr Workplane::fromObject(const StackItem& item) {
  auto wp = std::shared_ptr<Workplane>(new Workplane(Plane::named("XY"), std::make_shared<WorkplaneContext>()));
  wp->m_objects.push_back(item);
  return wp;
}

WorkplanePtr Workplane::newObject(std::vector<StackItem> objects) const {
  auto wp = std::shared_ptr<Workplane>(new Workplane(m_plane, m_ctx));
  wp->m_objects = std::move(objects);
  wp->m_parent = shared_from_this();
  return wp;
}

WorkplanePtr WorkplaneOps::makeWithPlane(const Workplane& from, const Plane& plane, std::vector<StackItem> objects) {
  auto wp = std::shared_ptr<Workplane>(new Workplane(plane, from.m_ctx));
  wp->m_objects = std::move(objects);
  wp->m_parent = from.shared_from_this();
  return wp;
}

// --- workplanes and points ---------------------------------------------------------------

WorkplanePtr Workplane::workplane(double offset, bool invert, CenterOption centerOption,
                                  const std::optional<gp_Pnt>& origin) const {
  WorkplaneOps::requireFinite("workplane", "offset", offset);
  gp_Pnt center;
  gp_Dir normal, xDir;
  if (m_objects.size() > 1) {
    std::vector<TopoDS_Shape> faces;
    for (const auto& item : m_objects) {
      if (!isFace(item) || !isPlanarFace(std::get<TopoDS_Shape>(item)))
        throwApiError("workplane", "with several objects selected, they must all be planar faces",
                      "select a single face, e.g. faces(\">Z\"), or use workplane() on one object");
      faces.push_back(std::get<TopoDS_Shape>(item));
    }
    normal = faceNormalAt(faces.front());
    gp_Pln reference(shapeCenter(faces.front()), normal);
    for (size_t i = 1; i < faces.size(); ++i) {
      gp_Dir n = faceNormalAt(faces[i]);
      if (!n.IsParallel(normal, 1e-4) || reference.Distance(shapeCenter(faces[i])) > 1e-4)
        throwApiError("workplane", "the selected faces are not coplanar",
                      "select faces lying in one plane, or a single face");
    }
    TopoDS_Shape all = makeCompound(faces);
    center = centerOption == CenterOption::CenterOfBoundBox ? boundingBoxCenter(all) : shapeCenter(all);
    xDir = computeXDir(normal);
  } else {
    StackItem obj = val();
    if (isFace(obj)) {
      const TopoDS_Shape& face = std::get<TopoDS_Shape>(obj);
      center = itemCenter(obj, centerOption);
      normal = faceNormalAt(face, center);
      xDir = computeXDir(normal);
    } else if (std::holds_alternative<TopoDS_Shape>(obj) || std::holds_alternative<gp_Pnt>(obj)) {
      center = itemCenter(obj, centerOption);
      StackItem parentVal = m_parent ? m_parent->val() : StackItem(gp_Pnt());
      if (m_parent && isFace(parentVal)) {
        normal = faceNormalAt(std::get<TopoDS_Shape>(parentVal), center);
        xDir = computeXDir(normal);
      } else {
        normal = m_plane.zDir();
        xDir = m_plane.xDir();
      }
    } else {
      throwApiError("workplane", "needs a face, a vertex or a point on the stack, found a Location",
                    "select a face first, e.g. faces(\">Z\").workplane()");
    }
  }
  if (centerOption == CenterOption::ProjectedOrigin) {
    gp_Pnt from = origin ? *origin : m_plane.origin();
    gp_XYZ d = from.XYZ() - center.XYZ();
    center = gp_Pnt(from.XYZ() - normal.XYZ() * d.Dot(normal.XYZ()));
  }
  if (invert) normal.Reverse();
  gp_Pnt newOrigin(center.XYZ() + normal.XYZ() * offset);
  return WorkplaneOps::makeWithPlane(*this, Plane(newOrigin, xDir, normal), {});
}

WorkplanePtr Workplane::transformed(const gp_Vec& rotate, const gp_Vec& offset) const {
  Plane p = m_plane.rotated(rotate.X(), rotate.Y(), rotate.Z());
  p = p.withOrigin(m_plane.toWorld(offset.XYZ()));
  return WorkplaneOps::makeWithPlane(*this, p, {p.origin()});
}

WorkplanePtr Workplane::center(double x, double y) const {
  WorkplaneOps::requireFinite("center", "x", x);
  WorkplaneOps::requireFinite("center", "y", y);
  gp_Pnt newOrigin = m_plane.toWorld(x, y);
  return WorkplaneOps::makeWithPlane(*this, m_plane.withOrigin(newOrigin), {newOrigin});
}

WorkplanePtr Workplane::moveTo(double x, double y) const {
  WorkplaneOps::requireFinite("moveTo", "x", x);
  WorkplaneOps::requireFinite("moveTo", "y", y);
  return newObject({m_plane.toWorld(x, y)});
}

WorkplanePtr Workplane::move(double dx, double dy) const {
  WorkplaneOps::requireFinite("move", "xDist", dx);
  WorkplaneOps::requireFinite("move", "yDist", dy);
  gp_Pnt local = WorkplaneOps::currentPoint(*this, true);
  return newObject({m_plane.toWorld(local.X() + dx, local.Y() + dy)});
}

WorkplanePtr Workplane::copyWorkplane(const WorkplanePtr& other) const {
  if (!other) throwApiError("copyWorkplane", "needs a Workplane");
  return WorkplaneOps::makeWithPlane(*this, other->plane(), {});
}

WorkplanePtr Workplane::workplaneFromTagged(const std::string& name) const {
  auto it = m_ctx->tags.find(name);
  if (it == m_ctx->tags.end())
    throwApiError("workplaneFromTagged", "no object is tagged '" + name + "'", "tag it first with .tag(\"" + name + "\")");
  return copyWorkplane(it->second);
}

// --- selection -------------------------------------------------------------------------------

namespace {

WorkplanePtr selectSubShapes(const Workplane& self, const char* method, const SelectorPtr& selector,
                             const std::string& tag) {
  const Workplane* source = &self;
  if (!tag.empty()) {
    auto it = self.context()->tags.find(tag);
    if (it == self.context()->tags.end())
      throwApiError(method, "no object is tagged '" + tag + "'", "tag an object first with .tag(\"" + tag + "\")");
    source = it->second.get();
  }
  TopAbs_ShapeEnum type = shapeTypeFor(method);
  std::vector<TopoDS_Shape> collected;
  TopTools_IndexedMapOfShape seen;
  for (const auto& item : source->objects()) {
    auto* shape = std::get_if<TopoDS_Shape>(&item);
    if (!shape || shape->IsNull()) continue;
    // CadQuery: solids() of a compound of solids gives the compound's solids; other
    // collections map every distinct sub-shape.
    for (const auto& sub : subShapes(*shape, type)) {
      if (seen.Contains(sub)) continue;
      seen.Add(sub);
      collected.push_back(sub);
    }
  }
  if (selector) collected = selector->filter(collected);
  std::vector<StackItem> items(collected.begin(), collected.end());
  return WorkplaneOps::make(self, std::move(items));
}

}  // namespace

WorkplanePtr Workplane::faces(const SelectorPtr& s, const std::string& tag) const { return selectSubShapes(*this, "faces", s, tag); }
WorkplanePtr Workplane::edges(const SelectorPtr& s, const std::string& tag) const { return selectSubShapes(*this, "edges", s, tag); }
WorkplanePtr Workplane::vertices(const SelectorPtr& s, const std::string& tag) const { return selectSubShapes(*this, "vertices", s, tag); }
WorkplanePtr Workplane::wires(const SelectorPtr& s, const std::string& tag) const { return selectSubShapes(*this, "wires", s, tag); }
WorkplanePtr Workplane::solids(const SelectorPtr& s, const std::string& tag) const { return selectSubShapes(*this, "solids", s, tag); }
WorkplanePtr Workplane::shells(const SelectorPtr& s, const std::string& tag) const { return selectSubShapes(*this, "shells", s, tag); }
WorkplanePtr Workplane::compounds(const SelectorPtr& s, const std::string& tag) const { return selectSubShapes(*this, "compounds", s, tag); }

// --- stack -----------------------------------------------------------------------------------

WorkplanePtr Workplane::tag(const std::string& name) const {
  m_tag = name;
  m_ctx->tags[name] = shared_from_this();
  return shared_from_this();
}

WorkplanePtr Workplane::end(int n) const {
  if (n < 1) throwApiError("end", "n must be at least 1, got " + std::to_string(n));
  WorkplanePtr current = shared_from_this();
  for (int i = 0; i < n; ++i) {
    if (!current->m_parent)
      throwApiError("end", "cannot go back " + std::to_string(n) + " step(s): the chain has only " +
                               std::to_string(i) + " parent(s)");
    current = current->m_parent;
  }
  return current;
}

StackItem Workplane::val() const {
  if (m_objects.empty()) return m_plane.origin();
  return m_objects.front();
}

WorkplanePtr Workplane::item(int index) const {
  int n = static_cast<int>(m_objects.size());
  int i = index < 0 ? n + index : index;
  if (i < 0 || i >= n)
    throwApiError("item", "index " + std::to_string(index) + " is out of range: the stack holds " +
                              std::to_string(n) + " object(s)");
  return newObject({m_objects[i]});
}

std::vector<WorkplanePtr> Workplane::all() const {
  std::vector<WorkplanePtr> out;
  for (const auto& o : m_objects) out.push_back(newObject({o}));
  return out;
}

WorkplanePtr Workplane::add(const std::vector<StackItem>& items) const {
  m_objects.insert(m_objects.end(), items.begin(), items.end());
  return shared_from_this();
}

WorkplanePtr Workplane::add(const WorkplanePtr& other) const {
  if (!other) return shared_from_this();
  add(other->objects());
  // CadQuery _mergeTags(): the added chain's tags become reachable from this one (ours win).
  if (other->context() != m_ctx)
    for (const auto& [name, tagged] : other->context()->tags) m_ctx->tags.emplace(name, tagged);
  return shared_from_this();
}

WorkplanePtr Workplane::each(const std::function<TopoDS_Shape(const StackItem&)>& fn, bool useLocalCoordinates,
                             Combine combine, bool clean) const {
  std::vector<TopoDS_Shape> results;
  gp_Trsf toWorld = m_plane.localToWorld();
  for (const auto& item : m_objects) {
    TopoDS_Shape r;
    if (useLocalCoordinates) {
      StackItem local = item;
      if (auto* shape = std::get_if<TopoDS_Shape>(&item))
        local = shape->Moved(TopLoc_Location(toWorld.Inverted()));
      else if (auto* point = std::get_if<gp_Pnt>(&item))
        local = gp_Pnt(m_plane.toLocal(*point));
      r = fn(local);
      if (!r.IsNull()) r = r.Moved(TopLoc_Location(toWorld));
    } else {
      r = fn(item);
    }
    if (r.IsNull()) throwApiError("each", "the callback returned no shape");
    if (r.ShapeType() == TopAbs_WIRE) m_ctx->pendingWires.push_back(TopoDS::Wire(r));
    results.push_back(r);
  }
  return WorkplaneOps::combineNew(*this, results, combine, clean, "each");
}

WorkplanePtr Workplane::eachpoint(const std::function<TopoDS_Shape(const Location&)>& fn, bool useLocalCoordinates,
                                  Combine combine, bool clean) const {
  std::vector<TopoDS_Shape> results;
  Location planeLoc(m_plane.localToWorld());
  for (const auto& world : WorkplaneOps::locations(*this)) {
    TopoDS_Shape r;
    if (useLocalCoordinates) {
      r = fn(planeLoc.inverse() * world);
      if (!r.IsNull()) r = r.Moved(planeLoc.toTopLoc());
    } else {
      r = fn(world);
    }
    if (r.IsNull()) throwApiError("eachpoint", "the callback returned no shape");
    if (r.ShapeType() == TopAbs_WIRE) m_ctx->pendingWires.push_back(TopoDS::Wire(r));
    results.push_back(r);
  }
  return WorkplaneOps::combineNew(*this, results, combine, clean, "eachpoint");
}

WorkplanePtr Workplane::cutEach(const std::function<TopoDS_Shape(const Location&)>& fn, bool useLocalCoordinates,
                                bool clean) const {
  const std::string op = "cutEach";
  TopoDS_Shape context = WorkplaneOps::requireSolid(*this, op);
  std::vector<TopoDS_Shape> tools;
  Location planeLoc(m_plane.localToWorld());
  for (const auto& world : WorkplaneOps::locations(*this)) {
    TopoDS_Shape r = useLocalCoordinates ? fn(planeLoc.inverse() * world) : fn(world);
    if (r.IsNull()) throwApiError(op, "the callback returned no shape");
    if (useLocalCoordinates) r = r.Moved(planeLoc.toTopLoc());
    tools.push_back(r);
  }
  TopoDS_Shape result = WorkplaneOps::cut(context, tools, op);
  if (clean) result = guardOcct(op, [&] { return cleanShape(result); });
  return newObject({result});
}

WorkplanePtr Workplane::toPending() const {
  for (const auto& item : m_objects) {
    auto* shape = std::get_if<TopoDS_Shape>(&item);
    if (!shape || shape->IsNull()) continue;
    if (shape->ShapeType() == TopAbs_WIRE) m_ctx->pendingWires.push_back(TopoDS::Wire(*shape));
    if (shape->ShapeType() == TopAbs_EDGE) m_ctx->pendingEdges.push_back(TopoDS::Edge(*shape));
  }
  return shared_from_this();
}

WorkplanePtr Workplane::clean() const {
  std::vector<StackItem> cleaned;
  for (const auto& item : m_objects) {
    if (auto* shape = std::get_if<TopoDS_Shape>(&item))
      cleaned.push_back(guardOcct("clean", [&] { return cleanShape(*shape); }));
    else
      cleaned.push_back(item);
  }
  return newObject(std::move(cleaned));
}

TopoDS_Shape Workplane::findSolid() const {
  for (const Workplane* wp = this; wp; wp = wp->m_parent.get()) {
    std::vector<TopoDS_Shape> found;
    for (const auto& item : wp->m_objects) {
      auto* shape = std::get_if<TopoDS_Shape>(&item);
      if (shape && containsSolid(*shape)) found.push_back(*shape);
    }
    if (!found.empty()) return makeCompound(found);
  }
  return TopoDS_Shape();
}

double Workplane::largestDimension() const {
  TopoDS_Shape solid = WorkplaneOps::requireSolid(*this, "largestDimension");
  Bnd_Box box = tightBoundingBox(solid);
  if (box.IsVoid()) return 0;
  return std::sqrt(box.SquareExtent());
}

std::vector<TopoDS_Shape> Workplane::shapes() const {
  std::vector<TopoDS_Shape> out;
  for (const auto& item : m_objects)
    if (auto* shape = std::get_if<TopoDS_Shape>(&item))
      if (!shape->IsNull()) out.push_back(*shape);
  return out;
}

TopoDS_Shape Workplane::toShape() const {
  std::vector<TopoDS_Shape> own = shapes();
  if (!own.empty()) return makeCompound(own);
  return findSolid();
}

}  // namespace partsmith::kernel
