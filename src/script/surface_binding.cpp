#include "script/surface_binding.h"

#include "script/assembly_binding.h"
#include "script/selector_binding.h"
#include "script/shape_api_binding.h"
#include "script/surface_workplane_binding.h"
#include "script/value_conversion.h"

namespace partsmith::script {

namespace {

const SurfaceTable& table() {
  static const SurfaceTable t = [] {
    SurfaceTable out;
    addSurfaceWorkplaneMethods(out);
    addShapeApiMethods(out);
    addSelectorMethods(out);
    addAssemblyMethods(out);
    return out;
  }();
  return t;
}

}  // namespace

void defineSurfaceMethod(SurfaceTable& table, const std::string& key, const std::string& params,
                         std::function<QJSValue(const QJSValue& self, CallArgs& args)> invoke) {
  MethodSpec spec;
  auto dot = key.find('.');
  spec.owner = key.substr(0, dot);
  spec.name = dot == std::string::npos ? key : key.substr(dot + 1);
  spec.params = parseParamList(params);
  spec.invoke = std::move(invoke);
  table[key] = std::move(spec);
}

QJSValue callSurfaceMethod(ScriptHost& host, const QString& key, const QJSValue& self, const QJSValue& args) {
  auto it = table().find(key.toStdString());
  if (it == table().end()) throw ArgumentError("internal: unknown method '" + key.toStdString() + "'");
  CallArgs callArgs(host, it->second, args);
  return it->second.invoke(self, callArgs);
}

}  // namespace partsmith::script
