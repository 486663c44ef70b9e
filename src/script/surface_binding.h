// The "surface" native: the rest of CadQuery's surface that prelude_surface.js exposes
// (Workplane extras, Shape API and cq.Solid/Wire/..., selector classes, Assembly). Every
// method is a MethodSpec under a key "<Owner>.<name>"; the binding files fill one table.
#pragma once
#include <map>
#include <string>

#include <QJSValue>
#include <QString>

#include "script/method_table.h"

namespace partsmith::script {

class ScriptHost;

using SurfaceTable = std::map<std::string, MethodSpec>;

// Adds `key` ("Owner.name") with CadQuery's parameter list to the table.
void defineSurfaceMethod(SurfaceTable& table, const std::string& key, const std::string& params,
                         std::function<QJSValue(const QJSValue& self, CallArgs& args)> invoke);

// Runs the method `key` on `self` with the JS argument array `args`.
QJSValue callSurfaceMethod(ScriptHost& host, const QString& key, const QJSValue& self, const QJSValue& args);

}  // namespace partsmith::script
