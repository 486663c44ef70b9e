// What to export and how: the file format (from the file extension) and per-format options.
#pragma once
#include <string>
#include <vector>

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

// One file per part beside `path`: "<stem>-<part name><ext>" in path's folder, with names made
// safe for file systems ("Base plate/2" -> "Base_plate_2"), unnamed parts numbered, repeated
// names made distinct ("-2"). A single part keeps `path` itself.
std::vector<std::string> perPartPaths(const kernel::PartList& parts, const std::string& path);

}  // namespace partsmith::io
