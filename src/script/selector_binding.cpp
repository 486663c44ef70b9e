// cq.selectors.*: CadQuery's selector classes as selector objects, and their combinators
// (.and/.or/.sub/.not for Python's & + - and unary -). Workplane.faces() and friends take
// these objects wherever they take selector strings (CallArgs::selector).
#include "script/selector_binding.h"

#include <sstream>

#include <QJSEngine>
#include <gp_Pnt.hxx>
#include <gp_Vec.hxx>

#include "kernel/selector.h"
#include "kernel/selector_classes.h"
#include "script/script_host.h"
#include "script/surface_binding.h"
#include "script/value_conversion.h"

namespace partsmith::script {

namespace {

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

std::string vecText(const gp_XYZ& v) { return "(" + num(v.X()) + ", " + num(v.Y()) + ", " + num(v.Z()) + ")"; }

gp_Vec direction(CallArgs& a, int i) {
  gp_XYZ v = a.xyz(i);
  if (v.Modulus() < 1e-12) a.fail(i, "a non-zero direction such as [0, 0, 1]");
  return gp_Vec(v);
}

double tolerance(CallArgs& a, int i) {
  double t = a.number(i, kernel::kSelectorTolerance);
  if (!(t > 0)) a.fail(i, "a positive tolerance");
  return t;
}

kernel::SelectorPtr selfSelector(const QJSValue& self, CallArgs& a) {
  kernel::SelectorPtr s = a.host().selectorOf(self);
  if (!s) throw ArgumentError(a.operation() + ": must be called on a selector");
  return s;
}

kernel::SelectorPtr otherSelector(CallArgs& a, int i) {
  kernel::SelectorPtr s = a.selector(i);
  if (!s) a.fail(i, "a selector object or selector string");
  return s;
}

using MakeFn = std::function<kernel::SelectorPtr(CallArgs&)>;

void defSel(SurfaceTable& t, const std::string& name, const std::string& params, MakeFn make) {
  defineSurfaceMethod(t, "selectors." + name, params, [make = std::move(make)](const QJSValue&, CallArgs& a) {
    return a.host().wrapSelector(make(a));
  });
}

}  // namespace

std::vector<std::string> selectorClassNames() {
  return {"NearestToPointSelector", "BoxSelector",         "RadiusNthSelector",       "LengthNthSelector",
          "AreaNthSelector",        "CenterNthSelector",   "DirectionMinMaxSelector", "DirectionNthSelector",
          "ParallelDirSelector",    "PerpendicularDirSelector", "DirectionSelector",  "TypeSelector",
          "StringSyntaxSelector",   "AndSelector",         "SumSelector",             "SubtractSelector",
          "InverseSelector"};
}

void addSelectorMethods(SurfaceTable& t) {
  defSel(t, "NearestToPointSelector", "pnt", [](CallArgs& a) {
    gp_XYZ p = a.xyz(0);
    return kernel::nearestToPointSelector(gp_Pnt(p), "NearestToPointSelector(" + vecText(p) + ")");
  });
  defSel(t, "BoxSelector", "point0,point1,boundingbox?", [](CallArgs& a) {
    gp_XYZ p0 = a.xyz(0), p1 = a.xyz(1);
    return kernel::boxSelector(gp_Pnt(p0), gp_Pnt(p1), a.boolean(2, false),
                               "BoxSelector(" + vecText(p0) + ", " + vecText(p1) + ")");
  });
  using Nth = kernel::SelectorPtr (*)(int, bool, const std::string&, double);
  const std::pair<const char*, Nth> nths[] = {{"RadiusNthSelector", &kernel::radiusNthSelector},
                                              {"LengthNthSelector", &kernel::lengthNthSelector},
                                              {"AreaNthSelector", &kernel::areaNthSelector}};
  for (const auto& [name, make] : nths) {
    defSel(t, name, "N,directionMax?,tolerance?", [name = std::string(name), make = make](CallArgs& a) {
      int n = a.integer(0);
      return make(n, a.boolean(1, true), name + "(" + std::to_string(n) + ")", tolerance(a, 2));
    });
  }
  defSel(t, "CenterNthSelector", "vector,N,directionMax?,tolerance?", [](CallArgs& a) {
    gp_Vec v = direction(a, 0);
    int n = a.integer(1);
    return kernel::centerNthSelector(v, n, a.boolean(2, true),
                                     "CenterNthSelector(" + vecText(v.XYZ()) + ", " + std::to_string(n) + ")",
                                     tolerance(a, 3));
  });
  defSel(t, "DirectionMinMaxSelector", "vector,directionMax?,tolerance?", [](CallArgs& a) {
    gp_Vec v = direction(a, 0);
    bool max = a.boolean(1, true);
    return kernel::directionMinMaxSelector(
        v, max, "DirectionMinMaxSelector(" + vecText(v.XYZ()) + (max ? "" : ", false") + ")", tolerance(a, 2));
  });
  defSel(t, "DirectionNthSelector", "vector,N,directionMax?,tolerance?", [](CallArgs& a) {
    gp_Vec v = direction(a, 0);
    int n = a.integer(1);
    return kernel::directionNthSelector(v, n, a.boolean(2, true),
                                        "DirectionNthSelector(" + vecText(v.XYZ()) + ", " + std::to_string(n) + ")",
                                        tolerance(a, 3));
  });
  using Dir = kernel::SelectorPtr (*)(const gp_Vec&, const std::string&, double);
  const std::pair<const char*, Dir> dirs[] = {{"ParallelDirSelector", &kernel::parallelDirSelector},
                                              {"PerpendicularDirSelector", &kernel::perpendicularDirSelector},
                                              {"DirectionSelector", &kernel::directionSelector}};
  for (const auto& [name, make] : dirs) {
    defSel(t, name, "vector,tolerance?", [name = std::string(name), make = make](CallArgs& a) {
      gp_Vec v = direction(a, 0);
      return make(v, name + "(" + vecText(v.XYZ()) + ")", tolerance(a, 1));
    });
  }
  defSel(t, "TypeSelector", "typeString", [](CallArgs& a) {
    std::string type = a.string(0);
    return kernel::typeSelector(type, "TypeSelector(\"" + type + "\")");
  });
  defSel(t, "StringSyntaxSelector", "selectorString", [](CallArgs& a) { return kernel::parseSelector(a.string(0)); });

  // CadQuery's combinator classes, the named forms of & + - and unary -.
  defSel(t, "AndSelector", "left,right", [](CallArgs& a) { return kernel::selectorAnd(otherSelector(a, 0), otherSelector(a, 1)); });
  defSel(t, "SumSelector", "left,right", [](CallArgs& a) { return kernel::selectorOr(otherSelector(a, 0), otherSelector(a, 1)); });
  defSel(t, "SubtractSelector", "left,right",
         [](CallArgs& a) { return kernel::selectorSubtract(otherSelector(a, 0), otherSelector(a, 1)); });
  defSel(t, "InverseSelector", "selector", [](CallArgs& a) { return kernel::selectorNot(otherSelector(a, 0)); });

  // Combinators on a selector object; the other operand may be a selector string too.
  using Combinator = kernel::SelectorPtr (*)(kernel::SelectorPtr, kernel::SelectorPtr);
  const std::pair<const char*, Combinator> combinators[] = {
      {"and", &kernel::selectorAnd}, {"or", &kernel::selectorOr}, {"sub", &kernel::selectorSubtract}};
  for (const auto& [name, combine] : combinators) {
    defineSurfaceMethod(t, std::string("selectors.") + name, "other", [combine = combine](const QJSValue& self, CallArgs& a) {
      return a.host().wrapSelector(combine(selfSelector(self, a), otherSelector(a, 0)));
    });
  }
  defineSurfaceMethod(t, "selectors.not", "", [](const QJSValue& self, CallArgs& a) {
    return a.host().wrapSelector(kernel::selectorNot(selfSelector(self, a)));
  });
  defineSurfaceMethod(t, "selectors.classNames", "", [](const QJSValue&, CallArgs& a) {
    auto names = selectorClassNames();
    QJSValue arr = a.host().engine().newArray(uint(names.size()));
    for (size_t i = 0; i < names.size(); ++i) arr.setProperty(quint32(i), QString::fromStdString(names[i]));
    return arr;
  });
  defineSurfaceMethod(t, "selectors.describe", "", [](const QJSValue& self, CallArgs& a) {
    return QJSValue(QString::fromStdString(selfSelector(self, a)->describe()));
  });
}

}  // namespace partsmith::script
