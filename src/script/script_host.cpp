#include "script/script_host.h"

#include <algorithm>
#include <map>
#include <new>

#include <QJSEngine>
#include <QJSValueIterator>
#include <Standard_Failure.hxx>

#include "kernel/kernel_error.h"
#include "kernel/sketch.h"
#include "script/assembly_binding.h"
#include "script/surface_binding.h"
#include "script/text_distance.h"
#include "script/value_conversion.h"
#include "script/sketch_binding.h"
#include "script/value_types_binding.h"
#include "script/workplane_binding.h"

namespace partsmith::script {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int idOf(const QJSValue& v) {
  QJSValue id = v.property(QStringLiteral("__id"));
  return id.isNumber() ? id.toInt() : -1;
}

QJSValue arrayItem(const QJSValue& args, quint32 i) { return args.property(i); }

}  // namespace

ScriptHost::ScriptHost(QJSEngine& engine) : m_engine(engine) {}

QString ScriptHost::kindOf(const QJSValue& v) {
  if (!v.isObject()) return {};
  QJSValue k = v.property(QStringLiteral("__kind"));
  return k.isString() ? k.toString() : QString();
}

kernel::WorkplanePtr ScriptHost::workplaneOf(const QJSValue& v) const {
  if (kindOf(v) != QLatin1String("Workplane")) return nullptr;
  int id = idOf(v);
  return id >= 0 && size_t(id) < m_workplanes.size() ? m_workplanes[size_t(id)] : nullptr;
}

std::optional<TopoDS_Shape> ScriptHost::shapeOf(const QJSValue& v) const {
  if (kindOf(v) != QLatin1String("Shape")) return std::nullopt;
  int id = idOf(v);
  if (id < 0 || size_t(id) >= m_shapes.size()) return std::nullopt;
  return m_shapes[size_t(id)];
}

std::optional<kernel::Location> ScriptHost::locationOf(const QJSValue& v) const {
  if (kindOf(v) != QLatin1String("Location")) return std::nullopt;
  int id = idOf(v);
  if (id < 0 || size_t(id) >= m_locations.size()) return std::nullopt;
  return m_locations[size_t(id)];
}

kernel::SelectorPtr ScriptHost::selectorOf(const QJSValue& v) const {
  if (kindOf(v) != QLatin1String("Selector")) return nullptr;
  int id = idOf(v);
  return id >= 0 && size_t(id) < m_selectors.size() ? m_selectors[size_t(id)] : nullptr;
}

std::shared_ptr<kernel::Sketch> ScriptHost::sketchOf(const QJSValue& v) const {
  if (kindOf(v) != QLatin1String("Sketch")) return nullptr;
  int id = idOf(v);
  return id >= 0 && size_t(id) < m_sketches.size() ? m_sketches[size_t(id)] : nullptr;
}

QJSValue ScriptHost::wrapSketch(const std::shared_ptr<kernel::Sketch>& sketch) {
  checkObjectLimit(m_sketches.size());
  m_sketches.push_back(sketch);
  return makeObject(m_sketchProto, int(m_sketches.size() - 1));
}

std::optional<kernel::Plane> ScriptHost::planeOf(const QJSValue& v) {
  if (kindOf(v) != QLatin1String("Plane")) return std::nullopt;
  auto vec = [&](const char* name) {
    QJSValue p = v.property(QString::fromLatin1(name));
    return gp_XYZ(p.property("x").toNumber(), p.property("y").toNumber(), p.property("z").toNumber());
  };
  return kernel::Plane(gp_Pnt(vec("origin")), gp_Dir(vec("xDir")), gp_Dir(vec("zDir")));
}

void ScriptHost::checkObjectLimit(size_t count) const {
  if (count >= kMaxObjects)
    throw kernel::KernelError(kernel::ErrorKind::Limit, "",
                              "the script created more than " + std::to_string(kMaxObjects) + " objects",
                              "look for a loop that runs far more often than intended");
}

QJSValue ScriptHost::makeObject(const QJSValue& proto, int id) {
  QJSValue o = m_engine.newObject();
  o.setPrototype(proto);
  // Non-enumerable, so Object.keys() and JSON.stringify() of a Workplane show nothing internal.
  if (m_attachId.isUndefined())
    m_attachId = m_engine.evaluate(QStringLiteral(
        "(function (o, id) { Object.defineProperty(o, '__id', { value: id }); return o; })"));
  m_attachId.call({o, id});
  return o;
}

QJSValue ScriptHost::wrap(const kernel::WorkplanePtr& wp) {
  checkObjectLimit(m_workplanes.size());
  m_workplanes.push_back(wp);
  return makeObject(m_workplaneProto, int(m_workplanes.size() - 1));
}

QJSValue ScriptHost::wrapShape(const TopoDS_Shape& shape) {
  checkObjectLimit(m_shapes.size());
  m_shapes.push_back(shape);
  return makeObject(m_shapeProto, int(m_shapes.size() - 1));
}

QJSValue ScriptHost::wrapLocation(const kernel::Location& loc) {
  checkObjectLimit(m_locations.size());
  m_locations.push_back(loc);
  return makeObject(m_locationProto, int(m_locations.size() - 1));
}

QJSValue ScriptHost::wrapSelector(const kernel::SelectorPtr& selector) {
  checkObjectLimit(m_selectors.size());
  m_selectors.push_back(selector);
  return makeObject(m_selectorProto, int(m_selectors.size() - 1));
}

QJSValue ScriptHost::wrapVector(const gp_XYZ& v) {
  QJSValue o = m_engine.newObject();
  o.setPrototype(m_vectorProto);
  o.setProperty("x", v.X());
  o.setProperty("y", v.Y());
  o.setProperty("z", v.Z());
  return o;
}

QJSValue ScriptHost::wrapPlane(const kernel::Plane& plane) {
  QJSValue o = m_engine.newObject();
  o.setPrototype(m_planeProto);
  o.setProperty("origin", wrapVector(plane.origin().XYZ()));
  o.setProperty("xDir", wrapVector(plane.xDir().XYZ()));
  o.setProperty("yDir", wrapVector(plane.yDir().XYZ()));
  o.setProperty("zDir", wrapVector(plane.zDir().XYZ()));
  return o;
}

QJSValue ScriptHost::wrapItem(const kernel::StackItem& item) {
  if (auto s = std::get_if<TopoDS_Shape>(&item)) return wrapShape(*s);
  if (auto p = std::get_if<gp_Pnt>(&item)) return wrapVector(p->XYZ());
  return wrapLocation(std::get<kernel::Location>(item));
}

QJSValue ScriptHost::callScript(const QJSValue& fn, const QJSValueList& args) {
  auto start = Clock::now();
  QJSValue r = fn.call(args);
  m_callbackMs += msSince(start);
  // QJSValue::call catches a thrown exception and returns it.
  if (r.isError()) throw JsException{r};
  return r;
}

void ScriptHost::throwToScript(const std::string& kind, const std::string& operation, const std::string& message,
                               const std::string& hint, const std::string& call) {
  // "fillet(6) failed ..." already names its operation.
  const bool named = message.rfind(operation + ":", 0) == 0 || message.rfind(operation + "(", 0) == 0;
  QString text = QString::fromStdString(operation.empty() || named ? message : operation + ": " + message);
  QJSValue error = m_engine.newErrorObject(kind == "api" ? QJSValue::TypeError : QJSValue::GenericError, text);
  error.setProperty("kind", QString::fromStdString(kind));
  error.setProperty("operation", QString::fromStdString(operation));
  error.setProperty("hint", QString::fromStdString(hint));
  error.setProperty("call", QString::fromStdString(call));
  m_engine.throwError(error);
}

QJSValue ScriptHost::dispatch(const QString& function, const QJSValue& args) {
  // Native calls nest when a kernel operation calls back into the script (each()); only the
  // outermost one counts toward kernel time, minus the script time of the callbacks.
  bool outermost = m_depth == 0;
  ++m_depth;
  auto start = Clock::now();
  double callbackBefore = m_callbackMs;
  std::string operation;
  auto finish = [&] {
    --m_depth;
    if (outermost) m_kernelMs += msSince(start) - (m_callbackMs - callbackBefore);
  };
  try {
    QJSValue result;
    if (function == QLatin1String("wp")) {
      QString name = arrayItem(args, 0).toString();
      operation = name.toStdString();
      const MethodSpec* spec = findWorkplaneMethod(operation);
      if (!spec) throw ArgumentError("Workplane has no method '" + operation + "'");
      CallArgs callArgs(*this, *spec, arrayItem(args, 2));
      result = spec->invoke(arrayItem(args, 1), callArgs);
    } else if (function == QLatin1String("wpNew")) {
      operation = "Workplane";
      result = constructWorkplane(*this, arrayItem(args, 0));
    } else if (function == QLatin1String("shape")) {
      operation = arrayItem(args, 0).toString().toStdString();
      result = callShapeMethod(*this, arrayItem(args, 0).toString(), arrayItem(args, 1), arrayItem(args, 2));
    } else if (function == QLatin1String("location")) {
      operation = "Location";
      result = constructLocation(*this, arrayItem(args, 0));
    } else if (function == QLatin1String("locationOp")) {
      operation = arrayItem(args, 0).toString().toStdString();
      result = callLocationMethod(*this, arrayItem(args, 0).toString(), arrayItem(args, 1), arrayItem(args, 2));
    } else if (function == QLatin1String("plane")) {
      operation = "Plane";
      result = constructPlane(*this, arrayItem(args, 0));
    } else if (function == QLatin1String("planeNamed")) {
      operation = "Plane.named";
      result = namedPlane(*this, arrayItem(args, 0));
    } else if (function == QLatin1String("planeOp")) {
      operation = arrayItem(args, 0).toString().toStdString();
      result = callPlaneMethod(*this, arrayItem(args, 0).toString(), arrayItem(args, 1), arrayItem(args, 2));
    } else if (function == QLatin1String("color")) {
      operation = "Color";
      result = constructColor(*this, arrayItem(args, 0));
    } else if (isSketchNative(function)) {
      result = callSketchNative(*this, function, args, operation);
    } else if (function == QLatin1String("surface")) {
      QString key = arrayItem(args, 0).toString();
      operation = key.mid(key.lastIndexOf('.') + 1).toStdString();
      result = callSurfaceMethod(*this, key, arrayItem(args, 1), arrayItem(args, 2));
    } else if (function == QLatin1String("show")) {
      operation = "show";
      result = show(args);
    } else if (function == QLatin1String("log")) {
      result = log(args);
    } else if (function == QLatin1String("export")) {
      result = exportRequest(args);
    } else if (function == QLatin1String("setup")) {
      result = setup(args);
    } else {
      throw ArgumentError("internal: unknown native '" + function.toStdString() + "'");
    }
    finish();
    return result;
  } catch (const JsException& e) {
    finish();
    m_engine.throwError(e.error);
  } catch (const ArgumentError& e) {
    finish();
    throwToScript("api", "", e.what(), e.hint(), operation);
  } catch (const kernel::KernelError& e) {
    finish();
    throwToScript(kernel::errorKindName(e.kind()), e.operation().empty() ? operation : e.operation(), e.message(),
                  e.hint(), operation);
  } catch (const Standard_Failure& e) {
    finish();
    std::string what = e.GetMessageString() ? e.GetMessageString() : "";
    throwToScript("geometry", operation,
                  "the geometry kernel could not build this" + (what.empty() ? std::string() : " (" + what + ")"), "",
                  operation);
  } catch (const std::bad_alloc&) {
    finish();
    throwToScript("limit", operation, "ran out of memory", "reduce sizes, counts or detail", operation);
  } catch (const std::exception& e) {
    finish();
    throwToScript("api", operation, e.what(), "", operation);
  }
  return {};
}

QJSValue ScriptHost::setup(const QJSValue& args) {
  QJSValue protos = arrayItem(args, 0);
  m_workplaneProto = protos.property("Workplane");
  m_shapeProto = protos.property("Shape");
  m_locationProto = protos.property("Location");
  m_vectorProto = protos.property("Vector");
  m_planeProto = protos.property("Plane");
  m_selectorProto = protos.property("Selector");
  QJSValue names = m_engine.newObject();
  auto toArray = [this](const std::vector<std::string>& list) {
    QJSValue arr = m_engine.newArray(uint(list.size()));
    for (size_t i = 0; i < list.size(); ++i) arr.setProperty(quint32(i), QString::fromStdString(list[i]));
    return arr;
  };
  names.setProperty("workplane", toArray(workplaneMethodNames()));
  names.setProperty("unsupported", toArray(unsupportedWorkplaneMethods()));
  return names;
}

QJSValue ScriptHost::log(const QJSValue& args) {
  if (m_log.size() >= kMaxLogLines) return {};
  std::string level = arrayItem(args, 0).toString().toStdString();
  std::string text = arrayItem(args, 1).toString().toStdString();
  if (level != "log" && level != "info" && level != "debug") text = level + ": " + text;
  m_logBytes += text.size();
  m_log.push_back(std::move(text));
  if (m_log.size() == kMaxLogLines || m_logBytes > 1'000'000) {
    m_log.push_back("... (log truncated)");
    m_logBytes = 0;
    m_log.resize(kMaxLogLines);
  }
  return {};
}

QJSValue ScriptHost::exportRequest(const QJSValue& args) {
  QJSValue target = arrayItem(args, 0);
  QString file = arrayItem(args, 1).toString();
  std::string note = "cq.exporters.export(..., \"" + file.toStdString() +
                     "\") was ignored: exports are made from the app or with partsmith-cli run FILE.js --export PATH";
  if (std::find(m_notes.begin(), m_notes.end(), note) == m_notes.end()) m_notes.push_back(note);
  if (workplaneOf(target) || shapeOf(target)) m_exported.push_back(target);
  return {};
}

namespace {

const std::vector<std::string> kShowOptions = {"name", "color", "alpha", "rgba", "options"};
const std::vector<std::string> kNestedShowOptions = {"color", "alpha", "rgba"};

[[noreturn]] void unknownShowOption(const std::string& key, const std::string& prefix,
                                    const std::vector<std::string>& allowed) {
  std::string list;
  for (const auto& n : allowed) list += (list.empty() ? "" : ", ") + n;
  auto guess = closestMatch(key, allowed);
  throw ArgumentError("show: unknown option '" + prefix + key + "'" +
                      (guess ? " \xE2\x80\x94 did you mean '" + *guess + "'?" : " (options are: " + list + ")"));
}

bool isPlainObject(const QJSValue& v) {
  return v.isObject() && !v.isArray() && !v.isCallable() && ScriptHost::kindOf(v).isEmpty();
}

// CQ-editor colours are tuples of 0-255 integers (64, 164, 223) or of 0-1 floats; JavaScript
// has one number type, so a component above 1 marks the 0-255 form.
QJSValue colorFromTuple(QJSEngine& engine, const QJSValue& list, int components) {
  bool bytes = false;
  for (int i = 0; i < components; ++i) {
    QJSValue c = list.property(quint32(i));
    if (!c.isNumber()) return list;  // Color() reports the wrong type
    if (c.toNumber() > 1) bytes = true;
  }
  if (!bytes) return list;
  QJSValue out = engine.newArray(quint32(components));
  for (int i = 0; i < components; ++i) {
    double v = list.property(quint32(i)).toNumber();
    if (v > 255)
      throw ArgumentError("show: colour components must be 0-1, or 0-255 as in CQ-editor, got " +
                          kernel::formatNumber(v));
    out.setProperty(quint32(i), v / 255.0);
  }
  return out;
}

}  // namespace

// Accepts show(obj, name?, options?) with options {name, color, alpha, rgba, options}: the
// nested `options` is CQ-editor's show_object(obj, name=..., options={"color": ..., "alpha":
// ..., "rgba": (r, g, b, a)}). Returns the options as addPart reads them: {color?, alpha?}.
QJSValue ScriptHost::showOptions(QJSValue& name, const QJSValue& options) {
  QJSValue out = m_engine.newObject();
  if (options.isUndefined() || options.isNull()) return out;
  if (!isPlainObject(options))
    throw ArgumentError("show: options must be an object such as {color: \"red\"}, got " + describeValue(options));
  std::map<std::string, QJSValue> given;
  auto collect = [&](const QJSValue& object, const std::string& prefix, const std::vector<std::string>& allowed) {
    QJSValueIterator it(object);
    while (it.hasNext()) {
      it.next();
      std::string key = it.name().toStdString();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) unknownShowOption(key, prefix, allowed);
      if (key == "options") continue;
      if (given.count(key))
        throw ArgumentError("show: '" + key + "' is given twice, in the options and in options.options");
      given[key] = it.value();
    }
  };
  collect(options, "", kShowOptions);
  QJSValue nested = options.property("options");
  if (!nested.isUndefined() && !nested.isNull()) {
    if (!isPlainObject(nested))
      throw ArgumentError("show: options.options must be an object such as {color: \"red\", alpha: 0.5}, got " +
                          describeValue(nested));
    collect(nested, "options.", kNestedShowOptions);
  }

  if (given.count("name") && !given["name"].isUndefined()) {
    QJSValue n = given["name"];
    if (!n.isString()) throw ArgumentError("show: name must be a string, got " + describeValue(n));
    if (name.isString() && name.toString() != n.toString())
      throw ArgumentError("show: the name is given twice, as \"" + name.toString().toStdString() + "\" and as {name: \"" +
                          n.toString().toStdString() + "\"}",
                          "give it once: show(obj, \"name\") or show(obj, {name: \"name\"})");
    name = n;
  }
  if (given.count("rgba") && !given["rgba"].isUndefined() && !given["rgba"].isNull()) {
    QJSValue rgba = given["rgba"];
    if (!rgba.isArray() || rgba.property("length").toInt() != 4)
      throw ArgumentError("show: rgba must be [r, g, b, a], got " + describeValue(rgba));
    if (given.count("color") || given.count("alpha"))
      throw ArgumentError("show: give either rgba or color/alpha, not both");
    QJSValue rgb = m_engine.newArray(3);
    for (quint32 i = 0; i < 3; ++i) rgb.setProperty(i, rgba.property(i));
    out.setProperty("color", colorFromTuple(m_engine, rgb, 3));
    out.setProperty("alpha", rgba.property(3));
  }
  if (given.count("color")) {
    QJSValue color = given["color"];
    if (color.isArray()) {
      int n = color.property("length").toInt();
      if (n == 3 || n == 4) color = colorFromTuple(m_engine, color, n);
    }
    out.setProperty("color", color);
  }
  if (given.count("alpha")) out.setProperty("alpha", given["alpha"]);
  return out;
}

QJSValue ScriptHost::show(const QJSValue& args) {
  QJSValue name = arrayItem(args, 1);
  QJSValue options = arrayItem(args, 2);
  // show(obj, {name, color}) without a positional name, as CadQuery's show_object(obj, name=...,
  // options=...) reads with keyword arguments.
  if (isPlainObject(name) && options.isUndefined()) {
    options = name;
    name = QJSValue();
  }
  if (!name.isUndefined() && !name.isNull() && !name.isString())
    throw ArgumentError("show: name must be a string, got " + describeValue(name));
  QJSValue normalized = showOptions(name, options);
  m_showCalled = true;
  addPart(arrayItem(args, 0), name.isString() ? name.toString().toStdString() : std::string(), normalized);
  return {};
}

void ScriptHost::addPart(const QJSValue& object, const std::string& requestedName, const QJSValue& options) {
  if (isAssembly(object)) return addAssemblyParts(*this, object, requestedName, options);
  TopoDS_Shape shape;
  if (auto wp = workplaneOf(object)) {
    shape = wp->toShape();
    if (shape.IsNull())
      throw ArgumentError("show: the Workplane holds no shape to show",
                          "build a solid first, e.g. cq.Workplane(\"XY\").box(10, 10, 10)");
  } else if (auto s = shapeOf(object)) {
    shape = *s;
  } else if (auto sketch = sketchOf(object)) {
    shape = sketch->locatedFaces();
    if (shape.IsNull()) throw ArgumentError("show: the Sketch has no faces to show", "call .assemble() after drawing edges");
  } else {
    throw ArgumentError("show: expected a Workplane or a Shape, got " + describeValue(object));
  }
  if (shape.IsNull()) throw ArgumentError("show: the shape is empty");

  kernel::Part part;
  part.shape = shape;
  if (!options.isUndefined() && !options.isNull()) {
    if (!options.isObject() || options.isArray())
      throw ArgumentError("show: options must be an object such as {color: \"red\"}, got " + describeValue(options));
    QJSValue color = options.property("color");
    QJSValue alpha = options.property("alpha");
    QJSValueIterator it(options);
    while (it.hasNext()) {
      it.next();
      std::string key = it.name().toStdString();
      if (key == "color" || key == "alpha") continue;
      auto guess = closestMatch(key, {"color", "alpha"});
      throw ArgumentError("show: unknown option '" + key + "'" +
                          (guess ? " \xE2\x80\x94 did you mean '" + *guess + "'?" : " (options are: color, alpha)"));
    }
    if (!color.isUndefined() && !color.isNull()) {
      QJSValue list = m_engine.newArray(1);
      list.setProperty(0, color);
      QJSValue c = constructColor(*this, list);
      part.color = kernel::Color{c.property("r").toNumber(), c.property("g").toNumber(), c.property("b").toNumber(),
                                 c.property("a").toNumber()};
    }
    if (!alpha.isUndefined()) {
      if (!alpha.isNumber() || alpha.toNumber() < 0 || alpha.toNumber() > 1)
        throw ArgumentError("show: alpha must be a number from 0 to 1, got " + describeValue(alpha));
      if (!part.color) part.color = kernel::Color{};
      part.color->a = alpha.toNumber();
    }
  }
  std::string name = requestedName.empty() ? "part" + std::to_string(m_parts.size() + 1) : requestedName;
  auto taken = [&](const std::string& n) {
    return std::any_of(m_parts.begin(), m_parts.end(), [&](const kernel::Part& p) { return p.name == n; });
  };
  if (taken(name)) {
    int k = 2;
    while (taken(name + "_" + std::to_string(k))) ++k;
    name += "_" + std::to_string(k);
  }
  part.name = name;
  m_parts.push_back(std::move(part));
}

}  // namespace partsmith::script
