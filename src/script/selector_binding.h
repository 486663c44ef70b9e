// cq.selectors: CadQuery's selector classes and combinators for the surface native.
#pragma once
#include <string>
#include <vector>

#include "script/surface_binding.h"

namespace partsmith::script {

std::vector<std::string> selectorClassNames();
void addSelectorMethods(SurfaceTable& table);

}  // namespace partsmith::script
