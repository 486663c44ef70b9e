// What to export and how: the file format (from the file extension) and per-format options.
#pragma once
#include <string>

#include "kernel/mesh.h"
#include "kernel/part.h"

namespace partsmith::io {

enum class ExportFormat { Stl, Step, ThreeMf, Brep };

struct ExportOptions {
  kernel::MeshOptions mesh;         // STL and 3MF tessellation
  bool asciiStl = false;            // binary STL unless asked
  std::string stepSchema = "AP214"; // AP203, AP214 or AP242
  bool merged = false;              // STEP/3MF: all parts as one body/object instead of one each
};

// The format for a file name's extension, case-insensitive: .stl .step .stp .3mf .brep .brp.
// Throws ExportError naming the path and listing the supported extensions otherwise.
ExportFormat formatFromPath(const std::string& path);

const char* formatName(ExportFormat format);  // "STL", "STEP", "3MF", "BREP"

// The name a merged body or object gets: the part's own name if there is only one.
std::string mergedBodyName(const kernel::PartList& parts);

}  // namespace partsmith::io
