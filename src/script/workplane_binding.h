// cq.Workplane for JavaScript: every method of kernel::Workplane under its CadQuery name,
// with CadQuery's parameter names for the options object.
#pragma once
#include <string>
#include <vector>

#include <QJSValue>

#include "script/method_table.h"

namespace partsmith::script {

class ScriptHost;

// nullptr for a name that is not a bound Workplane method.
const MethodSpec* findWorkplaneMethod(const std::string& name);
std::vector<std::string> workplaneMethodNames();
// CadQuery Workplane methods that Partsmith does not provide, for a clear message instead
// of "did you mean".
const std::vector<std::string>& unsupportedWorkplaneMethods();

// cq.Workplane(inPlane = "XY", origin = [0, 0, 0], obj = null)
QJSValue constructWorkplane(ScriptHost& host, const QJSValue& args);

}  // namespace partsmith::script
