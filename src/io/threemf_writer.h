// 3MF through lib3mf v1: one welded, manifold, outward-oriented mesh object per part (or one
// for all when merged), named, with its colour as a base material, in millimetres.
#pragma once
#include <memory>
#include <string>

#include "io/export_options.h"
#include "kernel/part.h"

namespace partsmith::io {

class ThreeMfWriter {
 public:
  explicit ThreeMfWriter(ExportOptions options);
  ~ThreeMfWriter();

  // Meshes the parts into a lib3mf model. Throws ExportError (no path) naming the part when
  // one has no faces or its mesh is not closed and consistently oriented (3MF holds solids).
  void transfer(const kernel::PartList& parts);
  void writeFile(const std::string& path);

 private:
  struct Model;  // lib3mf stays out of headers: its BOOL typedef clashes with X11
  ExportOptions m_options;
  std::unique_ptr<Model> m_model;
};

}  // namespace partsmith::io
