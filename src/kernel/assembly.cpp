#include "kernel/assembly.h"

#include <functional>

#include <BRep_Builder.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <TopoDS_Compound.hxx>

#include "kernel/workplane_ops.h"

#include "kernel/kernel_error.h"

namespace partsmith::kernel {

Assembly::Assembly(const TopoDS_Shape& shape, const Location& loc, const std::string& name,
                   const std::optional<Color>& color)
    : m_shape(shape), m_loc(loc), m_name(name.empty() ? "assembly" : name), m_color(color) {
  checkName(m_name, "Assembly");
}

void Assembly::checkName(const std::string& name, const std::string& operation) const {
  // "/" separates the levels of part paths ("top/child"); a name containing it would make
  // paths ambiguous.
  if (name.find('/') != std::string::npos)
    throwApiError(operation, "the name \"" + name + "\" contains '/', which separates assembly levels",
                  "use another character, e.g. \"" + name.substr(0, name.find('/')) + "_...\"");
}

std::string Assembly::generatedName() const {
  for (size_t n = m_children.size() + 1;; ++n) {
    std::string candidate = m_name + "_" + std::to_string(n);
    bool used = candidate == m_name;
    for (const auto& c : m_children) used = used || c.m_name == candidate;
    if (!used) return candidate;
  }
}

Assembly& Assembly::add(const TopoDS_Shape& shape, const std::optional<Location>& loc, const std::string& name,
                        const std::optional<Color>& color) {
  if (shape.IsNull())
    throwApiError("add", "the object to add has no shape",
                  "add a Workplane with a solid, e.g. cq.Workplane().box(10, 10, 10)");
  Assembly node(shape, loc.value_or(Location()), name.empty() ? generatedName() : name, color);
  return add(node);
}

Assembly& Assembly::add(const Assembly& sub, const std::optional<Location>& loc, const std::string& name,
                        const std::optional<Color>& color) {
  const std::string childName = name.empty() ? sub.m_name : name;
  checkName(childName, "add");
  bool used = childName == m_name;
  for (const auto& c : m_children) used = used || c.m_name == childName;
  if (used)
    throwApiError("add", "unique name is required: \"" + childName + "\" is already in the assembly",
                  "give each part its own name, e.g. {name: \"" + childName + "_2\"}");
  Assembly copy = sub;
  copy.m_name = childName;
  if (loc) copy.m_loc = *loc;
  if (color) copy.m_color = color;
  m_children.push_back(std::move(copy));
  return *this;
}

Assembly& Assembly::remove(const std::string& name) {
  // A path "sub/child" walks down; a bare name is looked for anywhere below (CadQuery's
  // objects are keyed by the bare, tree-unique name).
  const auto slash = name.find('/');
  if (slash != std::string::npos) {
    const std::string head = name.substr(0, slash);
    for (auto& c : m_children)
      if (c.m_name == head) {
        c.remove(name.substr(slash + 1));
        return *this;
      }
  } else {
    for (auto it = m_children.begin(); it != m_children.end(); ++it)
      if (it->m_name == name) {
        m_children.erase(it);
        return *this;
      }
    for (auto& c : m_children)
      if (c.contains(name)) {
        c.remove(name);
        return *this;
      }
  }
  if (name == m_name)
    throwApiError("remove", "an assembly cannot remove itself (\"" + name + "\")",
                  "remove one of its children by name");
  std::string known;
  std::function<void(const Assembly&)> list = [&](const Assembly& node) {
    for (const auto& c : node.m_children) {
      known += (known.empty() ? "" : ", ") + c.m_name;
      list(c);
    }
  };
  list(*this);
  throwApiError("remove", "no object with name \"" + name + "\" found in the assembly",
                known.empty() ? "the assembly has no children" : "its parts are: " + known);
}

bool Assembly::contains(const std::string& name) const {
  for (const auto& c : m_children)
    if (c.m_name == name || c.contains(name)) return true;
  return false;
}

TopoDS_Shape Assembly::toCompound() const {
  std::vector<TopoDS_Shape> shapes;
  if (!m_shape.IsNull()) shapes.push_back(m_shape);
  for (const auto& c : m_children) {
    TopoDS_Shape s = c.toCompound();
    if (!s.IsNull()) shapes.push_back(s);
  }
  if (shapes.empty()) return {};
  // Always a compound (CadQuery's Compound.makeCompound), so a single shape is wrapped too.
  TopoDS_Compound compound;
  BRep_Builder builder;
  builder.MakeCompound(compound);
  for (const auto& s : shapes) builder.Add(compound, s);
  return compound.Moved(m_loc.toTopLoc());
}

namespace {

// The shape moved into place with the transform applied to a copy of its geometry. A part
// that only carries a TopLoc location would reach STEP as an instance of an unnamed product
// (read back as "1", "2", ...), losing the part name.
TopoDS_Shape placedCopy(const TopoDS_Shape& shape, const Location& loc) {
  gp_Trsf total = loc.trsf() * shape.Location().Transformation();
  TopoDS_Shape bare = shape.Located(TopLoc_Location());
  if (total.Form() == gp_Identity) return bare;
  return guardOcct("show", [&] {
    BRepBuilderAPI_Transform transform(bare, total, Standard_True);
    if (!transform.IsDone()) throwGeometryError("show", "could not place an assembly part");
    return transform.Shape();
  });
}

}  // namespace

void Assembly::collect(PartList& out, const std::string& prefix, const Location& parentLoc,
                       const std::optional<Color>& inherited) const {
  const Location loc = parentLoc * m_loc;
  const std::optional<Color> color = m_color ? m_color : inherited;
  if (!m_shape.IsNull()) out.push_back({prefix, placedCopy(m_shape, loc), color});
  for (const auto& c : m_children) c.collect(out, prefix + "/" + c.m_name, loc, color);
}

PartList Assembly::parts(const std::string& rootName, const std::optional<Color>& defaultColor) const {
  PartList out;
  collect(out, rootName.empty() ? m_name : rootName, Location(), defaultColor);
  return out;
}

size_t Assembly::nodeCount() const {
  size_t n = 1;
  for (const auto& c : m_children) n += c.nodeCount();
  return n;
}

void Assembly::constraintsUnsupported(const std::string& operation) {
  throwApiError(operation, "constraint solving is not supported by Partsmith",
                "place each part explicitly with loc, e.g. assy.add(part, {loc: cq.Location([0, 0, 10])})");
}

}  // namespace partsmith::kernel
