// STL: every part's triangles in one solid (STL has no parts), binary unless asked for ASCII.
#pragma once
#include <string>
#include <vector>

#include "io/export_options.h"
#include "kernel/mesh.h"
#include "kernel/part.h"

namespace partsmith::io {

class FileOutput;

class StlWriter {
 public:
  explicit StlWriter(ExportOptions options) : m_options(std::move(options)) {}

  // Meshes the parts; throws ExportError (no path) for a part without faces.
  void transfer(const kernel::PartList& parts);
  // Writes the meshes; throws ExportError naming `path` (e.g. "disk full").
  void writeFile(const std::string& path) const;

  size_t triangleCount() const;

 private:
  void writeBinary(FileOutput& out) const;
  void writeAscii(FileOutput& out) const;

  ExportOptions m_options;
  std::string m_solidName;
  std::vector<kernel::Mesh> m_meshes;
};

}  // namespace partsmith::io
