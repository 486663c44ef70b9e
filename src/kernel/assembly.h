// CadQuery's Assembly: a tree of named nodes, each with an optional shape, a location relative
// to its parent and an optional colour. Flattened, every node with a shape becomes one Part
// named by its path ("top/child") with the composed location and the nearest colour up the
// tree, which is what show(), STEP and 3MF receive.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "kernel/color.h"
#include "kernel/location.h"
#include "kernel/part.h"

namespace partsmith::kernel {

class Assembly {
 public:
  // An empty `name` gets a generated one ("assembly" for a root).
  explicit Assembly(const TopoDS_Shape& shape = {}, const Location& loc = {}, const std::string& name = {},
                    const std::optional<Color>& color = std::nullopt);

  const std::string& name() const { return m_name; }
  const Location& location() const { return m_loc; }
  const std::optional<Color>& color() const { return m_color; }
  const TopoDS_Shape& shape() const { return m_shape; }  // null for a node without an object
  const std::vector<Assembly>& children() const { return m_children; }

  // CadQuery add(obj, loc, name, color): the shape becomes a new child node. Without a name
  // the child is called "<parent name>_<n>". A name already used by this node or one of its
  // children is an Api error (CadQuery: "Unique name is required").
  Assembly& add(const TopoDS_Shape& shape, const std::optional<Location>& loc = std::nullopt,
                const std::string& name = {}, const std::optional<Color>& color = std::nullopt);
  // A copy of `sub` becomes a child; a given loc/name/color replaces sub's own.
  Assembly& add(const Assembly& sub, const std::optional<Location>& loc = std::nullopt,
                const std::string& name = {}, const std::optional<Color>& color = std::nullopt);

  // CadQuery remove(name): drops the child called `name` (a path "sub/child" reaches into
  // nested assemblies) with everything below it. An unknown name is an Api error listing the
  // children.
  Assembly& remove(const std::string& name);

  // Every shape in the tree at its composed location, as one compound.
  TopoDS_Shape toCompound() const;
  // One Part per node with a shape, in depth-first order, its geometry copied into place. `rootName` replaces this node's
  // name in the paths; `defaultColor` applies where no node up the tree has a colour.
  PartList parts(const std::string& rootName = {}, const std::optional<Color>& defaultColor = std::nullopt) const;
  // Number of nodes in the tree, this one included.
  size_t nodeCount() const;

  // constrain()/solve(): Partsmith places parts by explicit locations only.
  [[noreturn]] static void constraintsUnsupported(const std::string& operation);

 private:
  void checkName(const std::string& name, const std::string& operation) const;
  bool contains(const std::string& name) const;  // a node of that name anywhere below
  std::string generatedName() const;
  void collect(PartList& out, const std::string& prefix, const Location& parentLoc,
               const std::optional<Color>& inherited) const;

  TopoDS_Shape m_shape;
  Location m_loc;
  std::string m_name;
  std::optional<Color> m_color;
  std::vector<Assembly> m_children;
};

}  // namespace partsmith::kernel
