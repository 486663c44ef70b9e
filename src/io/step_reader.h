// Reads a STEP file through XCAF into parts with their names and sRGB colours, in mm.
#pragma once
#include <string>

#include "kernel/part.h"

namespace partsmith::io {

class StepReader {
 public:
  // One part per top-level product; assemblies are flattened into their leaf products,
  // placed by their instance locations. Throws ImportError for a missing or unreadable
  // file and for one without any shape.
  kernel::PartList read(const std::string& path) const;
};

}  // namespace partsmith::io
