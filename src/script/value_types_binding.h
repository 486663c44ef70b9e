// The value types of the cq namespace on the C++ side: Shape methods (Volume, BoundingBox,
// ...), cq.Location, cq.Plane and cq.Color construction and methods.
#pragma once
#include <QJSValue>
#include <QString>

namespace partsmith::script {

class ScriptHost;

QJSValue callShapeMethod(ScriptHost& host, const QString& name, const QJSValue& self, const QJSValue& args);
QJSValue constructLocation(ScriptHost& host, const QJSValue& args);
QJSValue callLocationMethod(ScriptHost& host, const QString& name, const QJSValue& self, const QJSValue& args);
QJSValue constructPlane(ScriptHost& host, const QJSValue& args);
QJSValue namedPlane(ScriptHost& host, const QJSValue& args);
QJSValue callPlaneMethod(ScriptHost& host, const QString& name, const QJSValue& self, const QJSValue& args);
// {r, g, b, a} in 0..1 from "red", "#3a7bd5", (r, g, b[, a]) or [r, g, b[, a]].
QJSValue constructColor(ScriptHost& host, const QJSValue& args);

}  // namespace partsmith::script
