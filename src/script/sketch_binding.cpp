#include "script/sketch_binding.h"

#include <map>

#include <QJSEngine>
#include <TopoDS.hxx>

#include "kernel/kernel_error.h"
#include "kernel/sketch.h"
#include "script/method_table.h"
#include "script/script_host.h"
#include "script/value_conversion.h"

namespace partsmith::script {

using kernel::Sketch;
using kernel::SketchMode;
using kernel::SketchPtr;

namespace {

using Fn = std::function<QJSValue(const SketchPtr&, const QJSValue& self, CallArgs&)>;

bool isPoint(const QJSValue& v) {
  if (ScriptHost::kindOf(v) == QLatin1String("Vector")) return true;
  if (!v.isArray()) return false;
  int n = v.property("length").toInt();
  return (n == 2 || n == 3) && v.property(0).isNumber() && v.property(1).isNumber();
}

SketchMode modeOf(CallArgs& a, int i) {
  if (!a.given(i) || a.raw(i).isNull()) return SketchMode::Add;
  if (!a.raw(i).isString()) a.fail(i, "one of \"a\", \"s\", \"i\", \"r\", \"c\"");
  return kernel::parseSketchMode(a.raw(i).toString().toStdString(), a.operation());
}

std::string tagOf(CallArgs& a, int i) { return a.string(i, ""); }

kernel::Location locationOf(CallArgs& a, const QJSValue& v, const std::string& what) {
  if (auto loc = a.host().locationOf(v)) return *loc;
  return kernel::Location::translation(gp_Vec(a.toXyz(v, what)));
}

// push(locs): an array of points or Locations; one point or Location alone is accepted too.
std::vector<kernel::Location> locationList(CallArgs& a, int i) {
  const QJSValue& v = a.raw(i);
  if (!a.given(i)) a.number(i);  // "argument 'locs' (1st) is missing"
  if (isPoint(v) || a.host().locationOf(v)) return {locationOf(a, v, a.operation() + " location")};
  if (!v.isArray()) a.fail(i, "an array of points [[x, y], ...] or cq.Location objects");
  std::vector<kernel::Location> out;
  for (int k = 0, n = v.property("length").toInt(); k < n; ++k)
    out.push_back(locationOf(a, v.property(quint32(k)), "locs[" + std::to_string(k) + "]"));
  return out;
}

// Trailing (tag, forConstruction) after `geometric` positional arguments, or from the options
// object (the parameters named "tag" and "forConstruction" at tagSlot / tagSlot + 1).
struct EdgeExtras {
  std::string tag;
  bool forConstruction = false;
};
EdgeExtras edgeExtras(CallArgs& a, int geometric, int tagSlot) {
  EdgeExtras out;
  const int n = a.positionalCount();
  auto tagFrom = [&](const QJSValue& v) {
    if (v.isUndefined() || v.isNull()) return std::string();
    if (!v.isString())
      throw ArgumentError(a.operation() + ": tag must be a string, got " + describeValue(v),
                          "the call has more arguments than this form of " + a.operation() + "() takes");
    return v.toString().toStdString();
  };
  auto boolFrom = [&](const QJSValue& v) {
    if (v.isUndefined() || v.isNull()) return false;
    if (!v.isBool()) throw ArgumentError(a.operation() + ": forConstruction must be true or false, got " + describeValue(v));
    return v.toBool();
  };
  if (n > geometric) out.tag = tagFrom(a.raw(geometric));
  else if (tagSlot >= n) out.tag = tagFrom(a.raw(tagSlot));
  if (n > geometric + 1) out.forConstruction = boolFrom(a.raw(geometric + 1));
  else if (tagSlot + 1 >= n) out.forConstruction = boolFrom(a.raw(tagSlot + 1));
  if (n > geometric + 2)
    throw ArgumentError(a.operation() + ": too many arguments for this form of " + a.operation() + "()");
  return out;
}

SketchPtr sketchArg(CallArgs& a, int i) {
  if (auto s = a.host().sketchOf(a.raw(i))) return s;
  a.fail(i, "a cq.Sketch");
}

QJSValue wrapItem(ScriptHost& h, const kernel::SketchItem& item) {
  if (auto* s = std::get_if<TopoDS_Shape>(&item)) return h.wrapShape(*s);
  return h.wrapLocation(std::get<kernel::Location>(item));
}

std::map<std::string, MethodSpec> buildTable() {
  std::map<std::string, MethodSpec> t;
  auto def = [&t](const std::string& name, const std::string& params, Fn fn) {
    MethodSpec spec;
    spec.owner = "Sketch";
    spec.name = name;
    spec.params = parseParamList(params);
    spec.invoke = [fn = std::move(fn)](const QJSValue& self, CallArgs& a) {
      SketchPtr s = a.host().sketchOf(self);
      if (!s) throw ArgumentError(a.operation() + ": must be called on a Sketch (cq.Sketch()." + a.operation() + "(...))");
      return fn(s, self, a);
    };
    t[name] = std::move(spec);
  };

  // --- faces ---
  def("rect", "w,h,angle?,mode?,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->rect(a.number(0), a.number(1), a.number(2, 0), modeOf(a, 3), tagOf(a, 4));
    return self;
  });
  def("circle", "r,mode?,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->circle(a.number(0), modeOf(a, 1), tagOf(a, 2));
    return self;
  });
  def("ellipse", "a1,a2,angle?,mode?,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->ellipse(a.number(0), a.number(1), a.number(2, 0), modeOf(a, 3), tagOf(a, 4));
    return self;
  });
  def("trapezoid", "w,h,a1,a2?,angle?,mode?,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->trapezoid(a.number(0), a.number(1), a.number(2), a.optNumber(3), a.number(4, 0), modeOf(a, 5), tagOf(a, 6));
    return self;
  });
  def("slot", "w,h,angle?,mode?,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->slot(a.number(0), a.number(1), a.number(2, 0), modeOf(a, 3), tagOf(a, 4));
    return self;
  });
  def("regularPolygon", "r,n,angle?,mode?,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->regularPolygon(a.number(0), a.integer(1), a.number(2, 0), modeOf(a, 3), tagOf(a, 4));
    return self;
  });
  def("polygon", "pts,angle?,mode?,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->polygon(a.xyList(0), a.number(1, 0), modeOf(a, 2), tagOf(a, 3));
    return self;
  });
  def("face", "b,angle?,mode?,tag?,ignore_selection?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    const QJSValue& b = a.raw(0);
    double angle = a.number(1, 0);
    SketchMode mode = modeOf(a, 2);
    std::string tag = tagOf(a, 3);
    bool ignore = a.boolean(4, false);
    if (!a.given(0)) a.number(0);  // "argument 'b' (1st) is missing"
    if (auto other = a.host().sketchOf(b)) {
      s->face(*other, angle, mode, tag, ignore);
    } else if (auto shape = a.host().shapeOf(b)) {
      s->face(*shape, angle, mode, tag, ignore);
    } else if (auto wp = a.host().workplaneOf(b)) {
      TopoDS_Shape shape = wp->toShape();
      if (shape.IsNull()) a.fail(0, "a Sketch, a wire, edges or a shape with faces (the Workplane is empty)");
      s->face(shape, angle, mode, tag, ignore);
    } else if (b.isArray()) {
      std::vector<TopoDS_Edge> edges;
      for (int k = 0, n = b.property("length").toInt(); k < n; ++k) {
        auto e = a.host().shapeOf(b.property(quint32(k)));
        if (!e || e->ShapeType() != TopAbs_EDGE)
          throw ArgumentError("face: b[" + std::to_string(k) + "] must be an edge, got " +
                              describeValue(b.property(quint32(k))));
        edges.push_back(TopoDS::Edge(*e));
      }
      s->face(edges, angle, mode, tag, ignore);
    } else {
      a.fail(0, "a Sketch, a wire, an array of edges or a shape with faces");
    }
    return self;
  });

  // --- locations ---
  def("push", "locs,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->push(locationList(a, 0), tagOf(a, 1));
    return self;
  });
  def("rarray", "xs,ys,nx,ny", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->rarray(a.number(0), a.number(1), a.integer(2), a.integer(3));
    return self;
  });
  def("parray", "r,a1,da,n,rotate?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->parray(a.number(0), a.number(1), a.number(2), a.integer(3), a.boolean(4, true));
    return self;
  });
  def("distribute", "n,start?,stop?,rotate?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->distribute(a.integer(0), a.number(1, 0), a.number(2, 1), a.boolean(3, true));
    return self;
  });

  // --- selection ---
  using Select = Sketch& (Sketch::*)(const kernel::SelectorPtr&, const std::string&);
  const std::pair<const char*, Select> selections[] = {{"faces", &Sketch::faces},
                                                       {"wires", &Sketch::wires},
                                                       {"edges", &Sketch::edges},
                                                       {"vertices", &Sketch::vertices}};
  for (const auto& [name, method] : selections) {
    def(name, "s?,tag?", [method = method](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
      ((*s).*method)(a.selector(0), tagOf(a, 1));
      return self;
    });
  }
  def("reset", "", [](const SketchPtr& s, const QJSValue& self, CallArgs&) {
    s->reset();
    return self;
  });
  def("tag", "tag", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->tag(a.string(0));
    return self;
  });
  // select(...tags): prelude_sketch.js gathers the rest arguments into one array.
  def("select", "tags", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    std::vector<std::string> tags;
    const QJSValue& v = a.raw(0);
    for (int k = 0, n = v.property("length").toInt(); k < n; ++k) {
      QJSValue item = v.property(quint32(k));
      if (!item.isString()) throw ArgumentError("select: tags must be strings, got " + describeValue(item));
      tags.push_back(item.toString().toStdString());
    }
    if (tags.empty()) throw ArgumentError("select: give at least one tag, e.g. .select(\"holes\")");
    s->select(tags);
    return self;
  });
  // The selection replaced by script-side results (filter/sort/map/apply/item in prelude_sketch.js).
  def("__select", "items", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    const QJSValue& v = a.raw(0);
    std::vector<kernel::SketchItem> items;
    for (int k = 0, n = v.property("length").toInt(); k < n; ++k) {
      QJSValue item = v.property(quint32(k));
      if (auto shape = a.host().shapeOf(item)) items.push_back(*shape);
      else if (auto loc = a.host().locationOf(item)) items.push_back(*loc);
      else throw ArgumentError("the callback must give Shapes or Locations, got " + describeValue(item));
    }
    s->setSelection(std::move(items));
    return self;
  });
  def("delete", "", [](const SketchPtr& s, const QJSValue& self, CallArgs&) {
    s->deleteSelected();
    return self;
  });

  // --- modifiers ---
  def("fillet", "d", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->fillet(a.number(0));
    return self;
  });
  def("chamfer", "d", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->chamfer(a.number(0));
    return self;
  });
  def("hull", "mode?,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->hull(modeOf(a, 0), tagOf(a, 1));
    return self;
  });
  def("offset", "d,mode?,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->offset(a.number(0), modeOf(a, 1), tagOf(a, 2));
    return self;
  });
  def("clean", "", [](const SketchPtr& s, const QJSValue& self, CallArgs&) {
    s->clean();
    return self;
  });
  def("add", "", [](const SketchPtr& s, const QJSValue& self, CallArgs&) {
    s->addSelection();
    return self;
  });
  def("subtract", "", [](const SketchPtr& s, const QJSValue& self, CallArgs&) {
    s->subtractSelection();
    return self;
  });
  def("replace", "", [](const SketchPtr& s, const QJSValue& self, CallArgs&) {
    s->replaceWithSelection();
    return self;
  });

  // --- edges ---
  def("edge", "val,tag?,forConstruction?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    auto e = a.host().shapeOf(a.raw(0));
    if (!e || e->ShapeType() != TopAbs_EDGE) a.fail(0, "an edge (a Shape of type Edge)");
    s->edge(TopoDS::Edge(*e), tagOf(a, 1), a.boolean(2, false));
    return self;
  });
  // segment(p1, p2) | segment(p2) | segment(length, angle), each + tag, forConstruction.
  def("segment", "p1,p2?,p3?,p4?,tag?,forConstruction?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    const QJSValue &x = a.raw(0), &y = a.raw(1);
    const char* forms = "segment(p1, p2), segment(p2) or segment(length, angle)";
    if (x.isNumber()) {
      if (!y.isNumber())
        throw ArgumentError(std::string("segment: expected ") + forms + "; after a length comes the angle, got " +
                            describeValue(y));
      auto ex = edgeExtras(a, 2, 4);
      s->segmentPolar(x.toNumber(), y.toNumber(), ex.tag, ex.forConstruction);
    } else if (isPoint(x) && isPoint(y)) {
      auto ex = edgeExtras(a, 2, 4);
      s->segment(a.toXy(x, "p1"), a.toXy(y, "p2"), ex.tag, ex.forConstruction);
    } else if (isPoint(x)) {
      auto ex = edgeExtras(a, 1, 4);
      s->segmentTo(a.toXy(x, "p2"), ex.tag, ex.forConstruction);
    } else {
      throw ArgumentError(std::string("segment: expected ") + forms + ", got " + describeValue(x),
                          "write points as arrays: [1, 2] (Python tuples (1, 2) become arrays)");
    }
    return self;
  });
  // arc(p1, p2, p3) | arc(p2, p3) | arc(center, r, startAngle, angle), each + tag, forConstruction.
  def("arc", "p1,p2?,p3?,p4?,tag?,forConstruction?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    const QJSValue &x = a.raw(0), &y = a.raw(1), &z = a.raw(2);
    const char* forms = "arc(p1, p2, p3), arc(p2, p3) or arc(center, radius, startAngle, angle)";
    if (isPoint(x) && y.isNumber()) {
      if (!z.isNumber() || !a.raw(3).isNumber())
        throw ArgumentError(std::string("arc: expected ") + forms + "; arc(center, radius, ...) needs startAngle and angle");
      auto ex = edgeExtras(a, 4, 4);
      s->arcCentered(a.toXy(x, "center"), y.toNumber(), z.toNumber(), a.raw(3).toNumber(), ex.tag, ex.forConstruction);
    } else if (isPoint(x) && isPoint(y) && isPoint(z)) {
      auto ex = edgeExtras(a, 3, 4);
      s->arc(a.toXy(x, "p1"), a.toXy(y, "p2"), a.toXy(z, "p3"), ex.tag, ex.forConstruction);
    } else if (isPoint(x) && isPoint(y)) {
      auto ex = edgeExtras(a, 2, 4);
      s->arcTo(a.toXy(x, "p2"), a.toXy(y, "p3"), ex.tag, ex.forConstruction);
    } else {
      throw ArgumentError(std::string("arc: expected ") + forms + ", got " + describeValue(x) +
                              (a.given(1) ? " and " + describeValue(y) : std::string()),
                          "write points as arrays: [1, 2] (Python tuples (1, 2) become arrays)");
    }
    return self;
  });
  // spline(pts, tangents, periodic) | spline(pts), each + tag, forConstruction.
  def("spline", "pts,tangents?,periodic?,tag?,forConstruction?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    if (a.raw(1).isString()) {
      auto ex = edgeExtras(a, 1, 3);
      s->spline(a.xyList(0), std::nullopt, false, ex.tag, ex.forConstruction);
    } else {
      s->spline(a.xyList(0), a.optXyList(1), a.boolean(2, false), tagOf(a, 3), a.boolean(4, false));
    }
    return self;
  });
  def("bezier", "pts,tag?,forConstruction?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->bezier(a.xyList(0), tagOf(a, 1), a.boolean(2, false));
    return self;
  });
  def("close", "tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->close(tagOf(a, 0));
    return self;
  });
  def("assemble", "mode?,tag?", [](const SketchPtr& s, const QJSValue& self, CallArgs& a) {
    s->assemble(modeOf(a, 0), tagOf(a, 1));
    return self;
  });
  for (const char* name : {"constrain", "solve"}) {
    def(name, "a?,b?,c?,d?", [](const SketchPtr&, const QJSValue&, CallArgs& a) -> QJSValue {
      throw ArgumentError("Sketch." + a.operation() + ": constraint solving is not supported by Partsmith",
                          "give segment()/arc() their final coordinates directly instead of constraining them");
    });
  }

  // --- copies, values, Workplane ---
  def("copy", "", [](const SketchPtr& s, const QJSValue&, CallArgs& a) { return a.host().wrapSketch(s->copy()); });
  def("moved", "loc", [](const SketchPtr& s, const QJSValue&, CallArgs& a) {
    if (!a.given(0)) a.number(0);
    return a.host().wrapSketch(s->moved(locationOf(a, a.raw(0), "loc")));
  });
  def("located", "loc", [](const SketchPtr& s, const QJSValue&, CallArgs& a) {
    if (!a.given(0)) a.number(0);
    return a.host().wrapSketch(s->located(locationOf(a, a.raw(0), "loc")));
  });
  def("finalize", "", [](const SketchPtr& s, const QJSValue&, CallArgs& a) { return a.host().wrap(s->finalize()); });
  def("val", "", [](const SketchPtr& s, const QJSValue&, CallArgs& a) { return wrapItem(a.host(), s->val()); });
  def("vals", "", [](const SketchPtr& s, const QJSValue&, CallArgs& a) {
    auto list = s->vals();
    QJSValue arr = a.host().engine().newArray(uint(list.size()));
    for (size_t k = 0; k < list.size(); ++k) arr.setProperty(quint32(k), wrapItem(a.host(), list[k]));
    return arr;
  });
  return t;
}

const std::map<std::string, MethodSpec>& table() {
  static const std::map<std::string, MethodSpec> t = buildTable();
  return t;
}

const MethodSpec& ownSpec(const char* name, const char* params) {
  static std::map<std::string, MethodSpec> specs;
  auto it = specs.find(name);
  if (it != specs.end()) return it->second;
  MethodSpec s;
  s.owner = "cq";
  s.name = name;
  s.params = parseParamList(params);
  return specs.emplace(name, std::move(s)).first->second;
}

QJSValue construct(ScriptHost& host, const QJSValue& args) {
  CallArgs a(host, ownSpec("Sketch", "parent?,locs?,obj?"), args);
  kernel::WorkplanePtr parent;
  if (a.given(0) && !a.raw(0).isNull()) parent = a.workplane(0);
  std::vector<kernel::Location> locs = {kernel::Location()};
  if (a.given(1) && !a.raw(1).isNull()) locs = locationList(a, 1);
  auto sketch = std::make_shared<Sketch>(parent, locs);
  if (a.given(2) && !a.raw(2).isNull()) {
    auto shape = host.shapeOf(a.raw(2));
    if (!shape) a.fail(2, "a Shape holding faces");
    sketch->face(*shape, 0, SketchMode::Replace);
  }
  return host.wrapSketch(sketch);
}

}  // namespace

bool isSketchNative(const QString& function) {
  return function == QLatin1String("sketch") || function == QLatin1String("sketchSetup") ||
         function == QLatin1String("sketchNew") || function == QLatin1String("sketchOn") ||
         function == QLatin1String("sketchPlace");
}

QJSValue callSketchNative(ScriptHost& host, const QString& function, const QJSValue& args, std::string& operation) {
  if (function == QLatin1String("sketch")) {
    operation = args.property(0).toString().toStdString();
    auto it = table().find(operation);
    if (it == table().end()) throw ArgumentError("Sketch has no method '" + operation + "'");
    CallArgs callArgs(host, it->second, args.property(2));
    return it->second.invoke(args.property(1), callArgs);
  }
  if (function == QLatin1String("sketchNew")) {
    operation = "Sketch";
    return construct(host, args.property(0));
  }
  if (function == QLatin1String("sketchOn")) {
    operation = "sketch";
    auto wp = host.workplaneOf(args.property(0));
    if (!wp) throw ArgumentError("sketch: must be called on a Workplane (cq.Workplane(\"XY\").sketch())");
    return host.wrapSketch(Sketch::onWorkplane(wp));
  }
  if (function == QLatin1String("sketchPlace")) {
    operation = "placeSketch";
    auto wp = host.workplaneOf(args.property(0));
    if (!wp) throw ArgumentError("placeSketch: must be called on a Workplane");
    std::vector<SketchPtr> sketches;
    QJSValue list = args.property(1);
    for (int k = 0, n = list.property("length").toInt(); k < n; ++k) {
      auto s = host.sketchOf(list.property(quint32(k)));
      if (!s)
        throw ArgumentError("placeSketch: sketch " + std::to_string(k + 1) + " must be a cq.Sketch, got " +
                            describeValue(list.property(quint32(k))));
      sketches.push_back(s);
    }
    return host.wrap(Sketch::place(wp, sketches));
  }
  // sketchSetup: the Sketch prototype in, the method names out.
  operation = "setup";
  host.setSketchProto(args.property(0));
  QJSValue names = host.engine().newArray();
  quint32 i = 0;
  for (const auto& [name, spec] : table()) names.setProperty(i++, QString::fromStdString(name));
  return names;
}

}  // namespace partsmith::script
