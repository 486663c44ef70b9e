// Shape methods beyond value_types_binding (mirror, fuse/cut/intersect, scale, copy) and the
// class constructors cq.Solid/Wire/Edge/Face/Compound/Vertex.make*, for the surface native.
#pragma once
#include "script/surface_binding.h"

namespace partsmith::script {

void addShapeApiMethods(SurfaceTable& table);

}  // namespace partsmith::script
