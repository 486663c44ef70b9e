// A named, optionally coloured shape: one entry of a script's result (one `show` call).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "kernel/color.h"

namespace partsmith::kernel {

struct Part {
  std::string name;
  TopoDS_Shape shape;
  std::optional<Color> color;
};

using PartList = std::vector<Part>;

}  // namespace partsmith::kernel
