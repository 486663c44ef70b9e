// Per-run state behind the JavaScript API: the objects scripts hold (Workplanes, shapes,
// locations, selectors) kept in tables that JS objects refer to by index, the parts that
// show() collected, the captured log, and the dispatcher that NativeBridge forwards to.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <QJSValue>
#include <QString>

#include "kernel/location.h"
#include "kernel/part.h"
#include "kernel/plane.h"
#include "kernel/selector.h"
#include "kernel/workplane.h"

class QJSEngine;

namespace partsmith::kernel {
class Sketch;
}

namespace partsmith::script {

// A JavaScript exception raised inside a callback the kernel called (each, eachpoint); it
// travels through the kernel as a C++ exception and is re-thrown unchanged in JavaScript.
struct JsException {
  QJSValue error;
};

class ScriptHost {
 public:
  explicit ScriptHost(QJSEngine& engine);

  QJSEngine& engine() { return m_engine; }

  // NativeBridge entry point: `function` names the native, `args` is a JS array.
  QJSValue dispatch(const QString& function, const QJSValue& args);

  // --- what a run produced ---
  kernel::PartList& parts() { return m_parts; }
  std::vector<std::string>& log() { return m_log; }
  std::vector<std::string>& notes() { return m_notes; }
  double kernelMs() const { return m_kernelMs; }
  bool showCalled() const { return m_showCalled; }
  // Objects passed to cq.exporters.export, shown when the script has no show() and no result.
  const std::vector<QJSValue>& exported() const { return m_exported; }
  // show() for the C++ side (result / export fallbacks); throws like the JS show().
  void addPart(const QJSValue& object, const std::string& name, const QJSValue& options);

  // --- JS <-> C++ objects ---
  QJSValue wrap(const kernel::WorkplanePtr& wp);
  QJSValue wrapShape(const TopoDS_Shape& shape);
  QJSValue wrapLocation(const kernel::Location& loc);
  QJSValue wrapVector(const gp_XYZ& v);
  QJSValue wrapPlane(const kernel::Plane& plane);
  QJSValue wrapSelector(const kernel::SelectorPtr& selector);
  QJSValue wrapItem(const kernel::StackItem& item);

  // The script-visible type of a wrapped object ("Workplane", "Shape", "Vector", "Location",
  // "Plane", "Color", "Selector"), or "" for plain values.
  static QString kindOf(const QJSValue& v);
  kernel::WorkplanePtr workplaneOf(const QJSValue& v) const;  // null if not a Workplane
  std::optional<TopoDS_Shape> shapeOf(const QJSValue& v) const;
  std::optional<kernel::Location> locationOf(const QJSValue& v) const;
  kernel::SelectorPtr selectorOf(const QJSValue& v) const;
  // cq.Sketch objects (sketch_binding.cpp); the prototype comes from prelude_sketch.js.
  QJSValue wrapSketch(const std::shared_ptr<kernel::Sketch>& sketch);
  std::shared_ptr<kernel::Sketch> sketchOf(const QJSValue& v) const;
  void setSketchProto(const QJSValue& proto) { m_sketchProto = proto; }
  static std::optional<kernel::Plane> planeOf(const QJSValue& v);

  // Calls a script function from C++ (each/eachpoint callbacks); a thrown exception becomes
  // JsException. Time spent in it is not counted as kernel time.
  QJSValue callScript(const QJSValue& fn, const QJSValueList& args);

  // Upper bound on objects a run may create, so a runaway loop ends with a clear error.
  static constexpr size_t kMaxObjects = 2'000'000;
  static constexpr size_t kMaxLogLines = 2000;

 private:
  QJSValue setup(const QJSValue& args);
  QJSValue log(const QJSValue& args);
  QJSValue show(const QJSValue& args);
  QJSValue showOptions(QJSValue& name, const QJSValue& options);
  QJSValue exportRequest(const QJSValue& args);
  // `call` is the JS method being run (its `.call(` locates the column when the kernel names
  // a different operation, e.g. "selector" inside faces()).
  void throwToScript(const std::string& kind, const std::string& operation, const std::string& message,
                     const std::string& hint, const std::string& call = {});
  void checkObjectLimit(size_t count) const;
  QJSValue makeObject(const QJSValue& proto, int id);

  QJSEngine& m_engine;
  QJSValue m_workplaneProto, m_shapeProto, m_locationProto, m_vectorProto, m_planeProto, m_selectorProto;
  QJSValue m_attachId;  // (object, id) => object with a non-enumerable __id
  std::vector<kernel::WorkplanePtr> m_workplanes;
  std::vector<TopoDS_Shape> m_shapes;
  std::vector<kernel::Location> m_locations;
  std::vector<kernel::SelectorPtr> m_selectors;
  QJSValue m_sketchProto;
  std::vector<std::shared_ptr<kernel::Sketch>> m_sketches;

  kernel::PartList m_parts;
  std::vector<std::string> m_log;
  size_t m_logBytes = 0;
  std::vector<std::string> m_notes;
  std::vector<QJSValue> m_exported;
  bool m_showCalled = false;
  double m_kernelMs = 0;
  double m_callbackMs = 0;  // script time inside kernel calls (callbacks), subtracted
  int m_depth = 0;          // nesting of native calls (callbacks re-enter)
};

}  // namespace partsmith::script
