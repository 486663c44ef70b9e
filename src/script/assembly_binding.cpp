// cq.Assembly for scripts: the JS object (prelude_surface.js) holds a shared kernel::Assembly
// in a hidden `__ref` variant, so add() mutates it in place as CadQuery's does; show() turns
// it into one named, coloured part per node with a shape.
#include "script/assembly_binding.h"

#include <functional>
#include <memory>

#include <QJSEngine>
#include <QVariant>

#include "kernel/assembly.h"
#include "kernel/shape_utils.h"
#include "script/script_host.h"
#include "script/value_conversion.h"
#include "script/value_types_binding.h"

namespace partsmith::script {
struct AssemblyHandle {
  std::shared_ptr<kernel::Assembly> assembly;
};
}  // namespace partsmith::script

Q_DECLARE_METATYPE(partsmith::script::AssemblyHandle)

namespace partsmith::script {

namespace {

std::shared_ptr<kernel::Assembly> assemblyOf(const QJSValue& v) {
  if (ScriptHost::kindOf(v) != QLatin1String("Assembly")) return nullptr;
  QVariant ref = v.property(QStringLiteral("__ref")).toVariant();
  if (!ref.canConvert<AssemblyHandle>()) return nullptr;
  return ref.value<AssemblyHandle>().assembly;
}

std::shared_ptr<kernel::Assembly> selfAssembly(const QJSValue& self, CallArgs& a) {
  auto assy = assemblyOf(self);
  if (!assy) throw ArgumentError(a.operation() + ": must be called on a cq.Assembly");
  return assy;
}

// A Workplane contributes the shapes on its stack (CadQuery: obj.vals()), a Shape itself.
TopoDS_Shape objectShape(CallArgs& a, int i) {
  const QJSValue& v = a.raw(i);
  if (auto wp = a.host().workplaneOf(v)) {
    std::vector<TopoDS_Shape> shapes = wp->shapes();
    if (shapes.empty())
      throw ArgumentError(a.operation() + ": the Workplane (" + ordinal(i + 1) + " argument) holds no shape",
                          "add a Workplane with a solid, e.g. cq.Workplane().box(10, 10, 10)");
    return kernel::makeCompound(shapes);
  }
  if (auto s = a.host().shapeOf(v)) return *s;
  a.fail(i, "a Workplane, a Shape or a cq.Assembly");
}

std::optional<kernel::Location> locationArg(CallArgs& a, int i) {
  if (!a.given(i) || a.raw(i).isNull()) return std::nullopt;
  if (auto loc = a.host().locationOf(a.raw(i))) return *loc;
  if (a.raw(i).isArray()) return kernel::Location::translation(gp_Vec(a.xyz(i)));
  a.fail(i, "a cq.Location (or a translation [x, y, z])");
}

std::optional<kernel::Color> colorArg(CallArgs& a, int i) {
  if (!a.given(i) || a.raw(i).isNull()) return std::nullopt;
  QJSValue list = a.host().engine().newArray(1);
  list.setProperty(0, a.raw(i));
  QJSValue c = constructColor(a.host(), list);
  return kernel::Color{c.property("r").toNumber(), c.property("g").toNumber(), c.property("b").toNumber(),
                       c.property("a").toNumber()};
}

std::string nameArg(CallArgs& a, int i) {
  std::string name = a.string(i, "");
  if (a.given(i) && !a.raw(i).isNull() && name.empty()) a.fail(i, "a non-empty name");
  return name;
}

QJSValue colorValue(ScriptHost& host, const std::optional<kernel::Color>& c) {
  if (!c) return QJSValue(QJSValue::NullValue);
  QJSValue arr = host.engine().newArray(4);
  arr.setProperty(0, c->r), arr.setProperty(1, c->g), arr.setProperty(2, c->b), arr.setProperty(3, c->a);
  return arr;
}

}  // namespace

void addAssemblyMethods(SurfaceTable& t) {
  // material and metadata are accepted for compatibility; Partsmith has no use for them.
  defineSurfaceMethod(t, "Assembly.new", "obj?,loc?,name?,color?,material?,metadata?",
                      [](const QJSValue&, CallArgs& a) {
                        TopoDS_Shape shape;
                        if (a.given(0) && !a.raw(0).isNull()) shape = objectShape(a, 0);
                        auto assy = std::make_shared<kernel::Assembly>(
                            shape, locationArg(a, 1).value_or(kernel::Location()), nameArg(a, 2), colorArg(a, 3));
                        return a.host().engine().toScriptValue(QVariant::fromValue(AssemblyHandle{assy}));
                      });
  defineSurfaceMethod(t, "Assembly.add", "obj,loc?,name?,color?,material?,metadata?",
                      [](const QJSValue& self, CallArgs& a) {
                        auto assy = selfAssembly(self, a);
                        if (!a.given(0)) a.fail(0, "a Workplane, a Shape or a cq.Assembly");
                        if (auto sub = assemblyOf(a.raw(0))) {
                          if (sub == assy) throw ArgumentError("add: an assembly cannot be added to itself");
                          assy->add(*sub, locationArg(a, 1), nameArg(a, 2), colorArg(a, 3));
                        } else {
                          assy->add(objectShape(a, 0), locationArg(a, 1), nameArg(a, 2), colorArg(a, 3));
                        }
                        return self;
                      });
  defineSurfaceMethod(t, "Assembly.remove", "name", [](const QJSValue& self, CallArgs& a) {
    selfAssembly(self, a)->remove(a.string(0));
    return self;
  });
  defineSurfaceMethod(t, "Assembly.toCompound", "", [](const QJSValue& self, CallArgs& a) {
    TopoDS_Shape c = selfAssembly(self, a)->toCompound();
    if (c.IsNull()) throw ArgumentError("toCompound: the assembly has no shapes", "add parts with assy.add(...)");
    return a.host().wrapShape(c);
  });
  defineSurfaceMethod(t, "Assembly.name", "", [](const QJSValue& self, CallArgs& a) {
    return QJSValue(QString::fromStdString(selfAssembly(self, a)->name()));
  });
  defineSurfaceMethod(t, "Assembly.loc", "", [](const QJSValue& self, CallArgs& a) {
    return a.host().wrapLocation(selfAssembly(self, a)->location());
  });
  defineSurfaceMethod(t, "Assembly.color", "", [](const QJSValue& self, CallArgs& a) {
    return colorValue(a.host(), selfAssembly(self, a)->color());
  });
  // Names of the child nodes, in order (CadQuery: [c.name for c in assy.children]).
  defineSurfaceMethod(t, "Assembly.childNames", "", [](const QJSValue& self, CallArgs& a) {
    const auto& children = selfAssembly(self, a)->children();
    QJSValue arr = a.host().engine().newArray(uint(children.size()));
    for (size_t i = 0; i < children.size(); ++i)
      arr.setProperty(quint32(i), QString::fromStdString(children[i].name()));
    return arr;
  });
  // children / objects (CadQuery attributes): the nodes as Assembly objects. They are copies
  // taken when read, so changing one (add) does not change this assembly.
  defineSurfaceMethod(t, "Assembly.children", "", [](const QJSValue& self, CallArgs& a) {
    const auto& children = selfAssembly(self, a)->children();
    QJSValue arr = a.host().engine().newArray(uint(children.size()));
    for (size_t i = 0; i < children.size(); ++i)
      arr.setProperty(quint32(i), a.host().engine().toScriptValue(
                                      QVariant::fromValue(AssemblyHandle{std::make_shared<kernel::Assembly>(children[i])})));
    return arr;
  });
  // Every node of the tree, this one included, by name.
  defineSurfaceMethod(t, "Assembly.objects", "", [](const QJSValue& self, CallArgs& a) {
    QJSValue out = a.host().engine().newObject();
    std::function<void(const kernel::Assembly&)> visit = [&](const kernel::Assembly& node) {
      out.setProperty(QString::fromStdString(node.name()),
                      a.host().engine().toScriptValue(QVariant::fromValue(AssemblyHandle{std::make_shared<kernel::Assembly>(node)})));
      for (const auto& child : node.children()) visit(child);
    };
    visit(*selfAssembly(self, a));
    return out;
  });
  // Path names of the parts show() would produce ("top/child").
  defineSurfaceMethod(t, "Assembly.partNames", "", [](const QJSValue& self, CallArgs& a) {
    auto parts = selfAssembly(self, a)->parts();
    QJSValue arr = a.host().engine().newArray(uint(parts.size()));
    for (size_t i = 0; i < parts.size(); ++i) arr.setProperty(quint32(i), QString::fromStdString(parts[i].name));
    return arr;
  });
  defineSurfaceMethod(t, "Assembly.constrain", "args?", [](const QJSValue&, CallArgs&) -> QJSValue {
    kernel::Assembly::constraintsUnsupported("constrain");
  });
  defineSurfaceMethod(t, "Assembly.solve", "args?", [](const QJSValue&, CallArgs&) -> QJSValue {
    kernel::Assembly::constraintsUnsupported("solve");
  });
}

bool isAssembly(const QJSValue& v) { return assemblyOf(v) != nullptr; }

void addAssemblyParts(ScriptHost& host, const QJSValue& object, const std::string& name, const QJSValue& options) {
  auto assy = assemblyOf(object);
  if (!assy) throw ArgumentError("show: expected a cq.Assembly, got " + describeValue(object));
  kernel::PartList parts = assy->parts(name);
  if (parts.empty())
    throw ArgumentError("show: the assembly has no parts to show", "add parts with assy.add(obj, {name: ...})");
  const bool hasOptions = options.isObject() && !options.isArray();
  for (const auto& part : parts) {
    QJSValue partOptions = options;
    if (part.color) {
      // The node's own (or inherited) colour wins over show()'s colour; show()'s alpha applies.
      partOptions = host.engine().newObject();
      partOptions.setProperty("color", colorValue(host, part.color));
      if (hasOptions && !options.property("alpha").isUndefined())
        partOptions.setProperty("alpha", options.property("alpha"));
    }
    host.addPart(host.wrapShape(part.shape), part.name, partOptions);
  }
}

}  // namespace partsmith::script
