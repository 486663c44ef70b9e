// cq.Sketch for JavaScript: the natives behind prelude_sketch.js (construction, methods,
// Workplane.sketch() and Workplane.placeSketch()). A Sketch is mutable, so its methods return
// the same JS object they were called on.
#pragma once
#include <string>

#include <QJSValue>
#include <QString>

namespace partsmith::script {

class ScriptHost;

// True for the natives this module answers: sketchSetup, sketchNew, sketchOn, sketchPlace,
// sketch (a method call). `operation` receives the user-facing name for error messages.
bool isSketchNative(const QString& function);
QJSValue callSketchNative(ScriptHost& host, const QString& function, const QJSValue& args, std::string& operation);

}  // namespace partsmith::script
