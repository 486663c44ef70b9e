// Workplane methods of the surface native (text, offset2D, mirrorX/Y, bezier, ellipseArc,
// parametricCurve, section, ancestors, siblings, consolidateWires).
#pragma once
#include "script/surface_binding.h"

namespace partsmith::script {

void addSurfaceWorkplaneMethods(SurfaceTable& table);

}  // namespace partsmith::script
