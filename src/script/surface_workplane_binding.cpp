// Workplane methods of the surface native: text, offset2D, mirrorX/Y, bezier, ellipseArc,
// parametricCurve, section, ancestors, siblings, consolidateWires.
#include <algorithm>

#include <QJSEngine>

#include "kernel/text.h"
#include "kernel/workplane.h"
#include "script/script_host.h"
#include "script/surface_binding.h"
#include "script/value_conversion.h"

namespace partsmith::script {

using kernel::WorkplanePtr;

namespace {

using WpFn = std::function<WorkplanePtr(const WorkplanePtr&, CallArgs&)>;

void defWp(SurfaceTable& t, const std::string& name, const std::string& params, WpFn fn) {
  defineSurfaceMethod(t, "Workplane." + name, params, [fn = std::move(fn)](const QJSValue& self, CallArgs& a) {
    WorkplanePtr wp = a.host().workplaneOf(self);
    if (!wp) throw ArgumentError(a.operation() + ": must be called on a Workplane");
    return a.host().wrap(fn(wp, a));
  });
}

std::vector<gp_XYZ> pointList(CallArgs& a, int i) {
  const QJSValue& v = a.raw(i);
  if (!a.given(i) || !v.isArray()) a.fail(i, "an array of points [[x, y], ...]");
  std::vector<gp_XYZ> out;
  const int n = v.property("length").toInt();
  for (int k = 0; k < n; ++k) out.push_back(a.toXyz(v.property(quint32(k)), "listOfXYTuple[" + std::to_string(k) + "]"));
  return out;
}

std::string choice(CallArgs& a, int i, const std::string& def, const std::vector<std::string>& allowed) {
  std::string s = a.string(i, def);
  if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
    std::string list;
    for (size_t k = 0; k < allowed.size(); ++k)
      list += (k == 0 ? "" : k + 1 == allowed.size() ? " or " : ", ") + ("\"" + allowed[k] + "\"");
    a.fail(i, list);
  }
  return s;
}

}  // namespace

void addSurfaceWorkplaneMethods(SurfaceTable& t) {
  defWp(t, "text", "txt,fontsize,distance,combine?,clean?,font?,fontPath?,kind?,halign?,valign?",
        [](const WorkplanePtr& w, CallArgs& a) {
          kernel::TextOptions o;
          o.combine = a.combine(3, kernel::Combine::Cut);
          o.clean = a.boolean(4, true);
          o.font = a.optString(5);  // none: kernel::kDefaultFont
          o.fontPath = a.optString(6);
          o.kind = choice(a, 7, "regular", {"regular", "bold", "italic"});
          o.halign = choice(a, 8, "center", {"center", "left", "right"});
          o.valign = choice(a, 9, "center", {"center", "top", "bottom"});
          return w->text(a.string(0), a.number(1), a.number(2), o);
        });
  defWp(t, "offset2D", "d,kind?,forConstruction?", [](const WorkplanePtr& w, CallArgs& a) {
    return w->offset2D(a.number(0), choice(a, 1, "arc", {"arc", "intersection", "tangent"}), a.boolean(2, false));
  });
  defWp(t, "mirrorX", "", [](const WorkplanePtr& w, CallArgs&) { return w->mirrorX(); });
  defWp(t, "mirrorY", "", [](const WorkplanePtr& w, CallArgs&) { return w->mirrorY(); });
  defWp(t, "consolidateWires", "", [](const WorkplanePtr& w, CallArgs&) { return w->consolidateWires(); });
  defWp(t, "bezier", "listOfXYTuple,forConstruction?,includeCurrent?,makeWire?", [](const WorkplanePtr& w, CallArgs& a) {
    return w->bezier(pointList(a, 0), a.boolean(1, false), a.boolean(2, false), a.boolean(3, false));
  });
  defWp(t, "ellipseArc",
        "x_radius,y_radius,angle1?,angle2?,rotation_angle?,sense?,forConstruction?,startAtCurrent?,makeWire?",
        [](const WorkplanePtr& w, CallArgs& a) {
          int sense = a.integer(5, 1);
          if (sense != 1 && sense != -1) a.fail(5, "1 (counter-clockwise) or -1 (clockwise)");
          return w->ellipseArc(a.number(0), a.number(1), a.number(2, 360), a.number(3, 360), a.number(4, 0), sense,
                               a.boolean(6, false), a.boolean(7, true), a.boolean(8, false));
        });
  defWp(t, "parametricCurve", "func,N?,start?,stop?,tol?,minDeg?,maxDeg?,smoothing?,makeWire?",
        [](const WorkplanePtr& w, CallArgs& a) {
          QJSValue fn = a.callable(0);
          // Only CadQuery's default variational smoothing (1, 1, 1) is offered.
          if (a.given(7) && !a.raw(7).isNull()) {
            const QJSValue& s = a.raw(7);
            bool isDefault = s.isArray() && s.property("length").toInt() == 3;
            for (quint32 k = 0; isDefault && k < 3; ++k)
              isDefault = s.property(k).isNumber() && s.property(k).toNumber() == 1.0;
            if (!isDefault) a.fail(7, "[1, 1, 1] (the only smoothing Partsmith supports)");
          }
          auto func = [&a, fn](double t) {
            QJSValue r = a.host().callScript(fn, {QJSValue(t)});
            return a.toXyz(r, "the value of func(" + std::to_string(t) + ")");
          };
          return w->parametricCurve(func, a.integer(1, 400), a.number(2, 0), a.number(3, 1), a.number(4, 1e-6),
                                    a.integer(5, 1), a.integer(6, 6), a.boolean(8, true));
        });
  defWp(t, "section", "height?", [](const WorkplanePtr& w, CallArgs& a) { return w->section(a.number(0, 0.0)); });
  defWp(t, "ancestors", "kind,tag?", [](const WorkplanePtr& w, CallArgs& a) {
    return w->ancestors(a.string(0), a.string(1, ""));
  });
  defWp(t, "siblings", "kind,level?,tag?", [](const WorkplanePtr& w, CallArgs& a) {
    return w->siblings(a.string(0), a.integer(1, 1), a.string(2, ""));
  });
}

}  // namespace partsmith::script
