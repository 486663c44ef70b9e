// OCCT's native BREP: the exact geometry of every part as one compound (a single part is
// written as itself). Written as ASCII, TopTools format version 1, without triangulation:
// the most widely readable flavour (any OCCT, FreeCAD, CadQuery's importBrep). Names and
// colours are not part of the format; use STEP to keep them.
#pragma once
#include <string>

#include <TopoDS_Shape.hxx>

#include "kernel/part.h"

namespace partsmith::io {

class BrepWriter {
 public:
  void transfer(const kernel::PartList& parts);
  void writeFile(const std::string& path) const;

 private:
  TopoDS_Shape m_shape;
};

}  // namespace partsmith::io
