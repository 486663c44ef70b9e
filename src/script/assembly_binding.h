// cq.Assembly for the surface native, and the hook show() uses to turn an assembly into one
// named, coloured part per node with a shape ("top/child", colours inherited downwards).
#pragma once
#include <string>

#include <QJSValue>

#include "script/surface_binding.h"

namespace partsmith::script {

class ScriptHost;

void addAssemblyMethods(SurfaceTable& table);

bool isAssembly(const QJSValue& v);
// `name` (may be empty) replaces the root's name in the part paths; `options` are show()'s.
void addAssemblyParts(ScriptHost& host, const QJSValue& assembly, const std::string& name, const QJSValue& options);

}  // namespace partsmith::script
