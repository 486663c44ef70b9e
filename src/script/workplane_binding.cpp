#include "script/workplane_binding.h"

#include <algorithm>
#include <map>

#include <QJSEngine>
#include <TopoDS.hxx>

#include "kernel/workplane.h"
#include "script/script_host.h"
#include "script/value_conversion.h"

namespace partsmith::script {

using kernel::Combine;
using kernel::WorkplanePtr;

namespace {

using Fn = std::function<QJSValue(const WorkplanePtr&, CallArgs&)>;

kernel::ExtentUntil untilOf(CallArgs& a, int i) {
  const QJSValue& v = a.raw(i);
  if (v.isString()) {
    QString s = v.toString();
    if (s == "next") return {kernel::ExtentUntil::Kind::Next, 0, {}};
    if (s == "last") return {kernel::ExtentUntil::Kind::Last, 0, {}};
    a.fail(i, "a distance, \"next\", \"last\" or a face");
  }
  if (auto shape = a.host().shapeOf(v)) {
    if (shape->ShapeType() != TopAbs_FACE) a.fail(i, "a distance, \"next\", \"last\" or a face");
    return {kernel::ExtentUntil::Kind::Face, 0, TopoDS::Face(*shape)};
  }
  return kernel::ExtentUntil::of(a.number(i));
}

kernel::CenterOption centerOptionOf(CallArgs& a, int i) {
  std::string s = a.string(i, "ProjectedOrigin");
  if (s == "ProjectedOrigin") return kernel::CenterOption::ProjectedOrigin;
  if (s == "CenterOfMass") return kernel::CenterOption::CenterOfMass;
  if (s == "CenterOfBoundBox") return kernel::CenterOption::CenterOfBoundBox;
  a.fail(i, "\"ProjectedOrigin\", \"CenterOfMass\" or \"CenterOfBoundBox\"");
}

kernel::MirrorPlane mirrorPlaneOf(CallArgs& a, int i) {
  if (!a.given(i) || a.raw(i).isNull()) return std::string("XY");
  const QJSValue& v = a.raw(i);
  if (v.isString()) return v.toString().toStdString();
  auto faceOf = [&](const TopoDS_Shape& s) -> kernel::MirrorPlane {
    if (s.ShapeType() != TopAbs_FACE) a.fail(i, "a plane name, a normal vector or a face");
    return TopoDS::Face(s);
  };
  if (auto shape = a.host().shapeOf(v)) return faceOf(*shape);
  if (auto wp = a.host().workplaneOf(v)) {
    auto item = wp->val();
    if (auto s = std::get_if<TopoDS_Shape>(&item)) return faceOf(*s);
    a.fail(i, "a plane name, a normal vector or a face");
  }
  return gp_Vec(a.xyz(i));
}

// A point list whose entries may be 2D or 3D ([x, y] has z = 0), for spline().
std::vector<gp_XYZ> xyzList(CallArgs& a, int i) {
  const QJSValue& v = a.raw(i);
  if (!a.given(i) || !v.isArray()) a.fail(i, "an array of points [[x, y], ...] or [[x, y, z], ...]");
  std::vector<gp_XYZ> out;
  for (int k = 0, n = v.property("length").toInt(); k < n; ++k)
    out.push_back(a.toXyz(v.property(quint32(k)), "listOfXYTuple[" + std::to_string(k) + "]"));
  return out;
}

// spline tangents: 2D or 3D vectors, null (or undefined) where the curve is free, as CadQuery's None.
std::optional<std::vector<std::optional<gp_XYZ>>> tangentList(CallArgs& a, int i) {
  if (!a.given(i) || a.raw(i).isNull()) return std::nullopt;
  const QJSValue& v = a.raw(i);
  if (!v.isArray()) a.fail(i, "an array of tangent vectors, e.g. [[0, 1], [1, 0]] (null for a free point)");
  std::vector<std::optional<gp_XYZ>> out;
  for (int k = 0, n = v.property("length").toInt(); k < n; ++k) {
    QJSValue e = v.property(quint32(k));
    if (e.isNull() || e.isUndefined()) out.emplace_back();
    else out.emplace_back(a.toXyz(e, "tangents[" + std::to_string(k) + "]"));
  }
  return out;
}

QJSValue items(ScriptHost& h, const std::vector<kernel::StackItem>& list) {
  QJSValue arr = h.engine().newArray(uint(list.size()));
  for (size_t k = 0; k < list.size(); ++k) arr.setProperty(quint32(k), h.wrapItem(list[k]));
  return arr;
}

std::map<std::string, MethodSpec> buildTable() {
  std::map<std::string, MethodSpec> t;
  auto def = [&t](const std::string& name, const std::string& params, Fn fn) {
    MethodSpec spec;
    spec.owner = "Workplane";
    spec.name = name;
    spec.params = parseParamList(params);
    spec.invoke = [fn = std::move(fn)](const QJSValue& self, CallArgs& a) {
      WorkplanePtr wp = a.host().workplaneOf(self);
      if (!wp) throw ArgumentError(a.operation() + ": must be called on a Workplane (cq.Workplane(...)." + a.operation() + "(...))");
      return fn(wp, a);
    };
    t[name] = std::move(spec);
  };
  auto W = [](CallArgs& a, const WorkplanePtr& r) { return a.host().wrap(r); };

  // --- workplanes and points ---
  def("workplane", "offset?,invert?,centerOption?,origin?", [W](const WorkplanePtr& w, CallArgs& a) {
    std::optional<gp_Pnt> origin;
    if (auto o = a.optXyz(3)) origin = gp_Pnt(*o);
    return W(a, w->workplane(a.number(0, 0.0), a.boolean(1, false), centerOptionOf(a, 2), origin));
  });
  def("transformed", "rotate?,offset?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->transformed(gp_Vec(a.xyz(0, gp_XYZ(0, 0, 0))), gp_Vec(a.xyz(1, gp_XYZ(0, 0, 0)))));
  });
  def("center", "x,y", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->center(a.number(0), a.number(1))); });
  def("moveTo", "x?,y?", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->moveTo(a.number(0, 0), a.number(1, 0))); });
  def("move", "xDist?,yDist?", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->move(a.number(0, 0), a.number(1, 0))); });
  def("copyWorkplane", "obj", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->copyWorkplane(a.workplane(0))); });
  def("workplaneFromTagged", "name", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->workplaneFromTagged(a.string(0))); });

  // --- 3D primitives ---
  def("box", "length,width,height,centered?,combine?,clean?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->box(a.number(0), a.number(1), a.number(2), a.centered3(3), a.combine(4, Combine::Union),
                       a.boolean(5, true)));
  });
  def("sphere", "radius,direct?,angle1?,angle2?,angle3?,centered?,combine?,clean?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->sphere(a.number(0), a.direction(1, gp_Dir(0, 0, 1)), a.number(2, -90), a.number(3, 90),
                          a.number(4, 360), a.centered3(5), a.combine(6, Combine::Union), a.boolean(7, true)));
  });
  def("cylinder", "height,radius,direct?,angle?,centered?,combine?,clean?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->cylinder(a.number(0), a.number(1), a.direction(2, gp_Dir(0, 0, 1)), a.number(3, 360),
                            a.centered3(4), a.combine(5, Combine::Union), a.boolean(6, true)));
  });
  def("wedge", "dx,dy,dz,xmin,zmin,xmax,zmax,pnt?,dir?,centered?,combine?,clean?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->wedge(a.number(0), a.number(1), a.number(2), a.number(3), a.number(4), a.number(5), a.number(6),
                         gp_Pnt(a.xyz(7, gp_XYZ(0, 0, 0))), a.direction(8, gp_Dir(0, 0, 1)), a.centered3(9),
                         a.combine(10, Combine::Union), a.boolean(11, true)));
  });

  // --- 2D closed shapes ---
  def("rect", "xLen,yLen,centered?,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->rect(a.number(0), a.number(1), a.centered2(2), a.boolean(3, false)));
  });
  def("circle", "radius,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->circle(a.number(0), a.boolean(1, false)));
  });
  def("ellipse", "x_radius,y_radius,rotation_angle?,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->ellipse(a.number(0), a.number(1), a.number(2, 0), a.boolean(3, false)));
  });
  def("polygon", "nSides,diameter,forConstruction?,circumscribed?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->polygon(a.integer(0), a.number(1), a.boolean(2, false), a.boolean(3, false)));
  });
  def("slot2D", "length,diameter,angle?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->slot2D(a.number(0), a.number(1), a.number(2, 0)));
  });

  // --- 2D edges ---
  def("polyline", "listOfXYTuple,forConstruction?,includeCurrent?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->polyline(a.xyList(0), a.boolean(1, false), a.boolean(2, false)));
  });
  def("lineTo", "x,y,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->lineTo(a.number(0), a.number(1), a.boolean(2, false)));
  });
  def("line", "xDist,yDist,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->line(a.number(0), a.number(1), a.boolean(2, false)));
  });
  def("hLine", "distance,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->hLine(a.number(0), a.boolean(1, false))); });
  def("vLine", "distance,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->vLine(a.number(0), a.boolean(1, false))); });
  def("hLineTo", "xCoord,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->hLineTo(a.number(0), a.boolean(1, false))); });
  def("vLineTo", "yCoord,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->vLineTo(a.number(0), a.boolean(1, false))); });
  def("polarLine", "distance,angle,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->polarLine(a.number(0), a.number(1), a.boolean(2, false)));
  });
  def("polarLineTo", "distance,angle,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->polarLineTo(a.number(0), a.number(1), a.boolean(2, false)));
  });
  def("threePointArc", "point1,point2,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->threePointArc(a.xy(0), a.xy(1), a.boolean(2, false)));
  });
  def("sagittaArc", "endPoint,sag,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->sagittaArc(a.xy(0), a.number(1), a.boolean(2, false)));
  });
  def("radiusArc", "endPoint,radius,forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->radiusArc(a.xy(0), a.number(1), a.boolean(2, false)));
  });
  def("tangentArcPoint", "endpoint,forConstruction?,relative?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->tangentArcPoint(a.xyz(0), a.boolean(1, false), a.boolean(2, true)));
  });
  def("spline", "listOfXYTuple,tangents?,periodic?,parameters?,scale?,tol?,forConstruction?,includeCurrent?,makeWire?",
      [W](const WorkplanePtr& w, CallArgs& a) {
        kernel::SplineOptions o;
        o.tangents = tangentList(a, 1);
        o.periodic = a.boolean(2, false);
        o.parameters = a.optNumberList(3);
        o.scale = a.boolean(4, true);
        o.tol = a.optNumber(5);
        o.forConstruction = a.boolean(6, false);
        o.includeCurrent = a.boolean(7, false);
        o.makeWire = a.boolean(8, false);
        return W(a, w->spline(xyzList(a, 0), o));
      });
  def("close", "", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->close()); });
  def("wire", "forConstruction?", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->wire(a.boolean(0, false))); });

  // --- point patterns ---
  def("pushPoints", "pntList", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->pushPoints(a.stackItems(0))); });
  def("rarray", "xSpacing,ySpacing,xCount,yCount,center?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->rarray(a.number(0), a.number(1), a.integer(2), a.integer(3), a.centered2(4)));
  });
  def("polarArray", "radius,startAngle,angle,count,fill?,rotate?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->polarArray(a.number(0), a.number(1), a.number(2), a.integer(3), a.boolean(4, true), a.boolean(5, true)));
  });

  // --- 3D features ---
  def("extrude", "until,combine?,clean?,both?,taper?", [W](const WorkplanePtr& w, CallArgs& a) {
    if (!a.given(0)) a.number(0);  // "argument 'until' (1st) is missing"
    return W(a, w->extrude(untilOf(a, 0), a.combine(1, Combine::Union), a.boolean(2, true), a.boolean(3, false),
                           a.optNumber(4)));
  });
  def("cutBlind", "until,clean?,both?,taper?", [W](const WorkplanePtr& w, CallArgs& a) {
    if (!a.given(0)) a.number(0);
    return W(a, w->cutBlind(untilOf(a, 0), a.boolean(1, true), a.boolean(2, false), a.optNumber(3)));
  });
  def("cutThruAll", "clean?,taper?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->cutThruAll(a.boolean(0, true), a.number(1, 0)));
  });
  def("twistExtrude", "distance,angleDegrees,combine?,clean?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->twistExtrude(a.number(0), a.number(1), a.combine(2, Combine::Union), a.boolean(3, true)));
  });
  def("revolve", "angleDegrees?,axisStart?,axisEnd?,combine?,clean?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->revolve(a.number(0, 360), a.optXyz(1), a.optXyz(2), a.combine(3, Combine::Union), a.boolean(4, true)));
  });
  def("loft", "ruled?,combine?,clean?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->loft(a.boolean(0, false), a.combine(1, Combine::Union), a.boolean(2, true)));
  });
  def("sweep", "path,multisection?,sweepAlongWires?,makeSolid?,isFrenet?,combine?,clean?,transition?,normal?,auxSpine?",
      [W](const WorkplanePtr& w, CallArgs& a) {
        kernel::SweepOptions o;
        o.multisection = a.boolean(1, false) || a.boolean(2, false);  // sweepAlongWires: deprecated alias
        o.makeSolid = a.boolean(3, true);
        o.isFrenet = a.boolean(4, false);
        o.combine = a.combine(5, Combine::Union);
        o.clean = a.boolean(6, true);
        o.transition = a.string(7, "right");
        if (o.transition != "right" && o.transition != "round" && o.transition != "transformed")
          a.fail(7, "\"right\", \"round\" or \"transformed\"");
        if (auto n = a.optXyz(8)) o.normal = gp_Vec(*n);
        o.auxSpine = a.optShapeSource(9);
        return W(a, w->sweep(a.shapeSource(0), o));
      });
  def("hole", "diameter,depth?,clean?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->hole(a.number(0), a.optNumber(1), a.boolean(2, true)));
  });
  def("cboreHole", "diameter,cboreDiameter,cboreDepth,depth?,clean?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->cboreHole(a.number(0), a.number(1), a.number(2), a.optNumber(3), a.boolean(4, true)));
  });
  def("cskHole", "diameter,cskDiameter,cskAngle,depth?,clean?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->cskHole(a.number(0), a.number(1), a.number(2), a.optNumber(3), a.boolean(4, true)));
  });
  def("fillet", "radius", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->fillet(a.number(0))); });
  def("chamfer", "length,length2?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->chamfer(a.number(0), a.optNumber(1)));
  });
  def("shell", "thickness,kind?", [W](const WorkplanePtr& w, CallArgs& a) {
    std::string kind = a.string(1, "arc");
    if (kind != "arc" && kind != "intersection") a.fail(1, "\"arc\" or \"intersection\"");
    return W(a, w->shell(a.number(0), kind));
  });
  // split(keepTop, keepBottom) or split(splitter): the first argument decides.
  def("split", "keepTop?,keepBottom?", [W](const WorkplanePtr& w, CallArgs& a) {
    const QJSValue& first = a.raw(0);
    if (a.given(0) && !first.isBool() && !first.isNull()) {
      if (a.host().workplaneOf(first)) return W(a, w->split(kernel::ShapeSource(a.host().workplaneOf(first))));
      if (auto s = a.host().shapeOf(first)) return W(a, w->split(kernel::ShapeSource(*s)));
      a.fail(0, "true/false (keepTop) or a splitting Workplane or Shape");
    }
    return W(a, w->split(a.boolean(0, false), a.boolean(1, false)));
  });

  // --- booleans and transforms ---
  def("union", "toUnion?,clean?,glue?,tol?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->unionWith(a.optShapeSource(0), a.boolean(1, true), a.boolean(2, false), a.optNumber(3)));
  });
  def("cut", "toCut,clean?,tol?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->cut(a.shapeSource(0), a.boolean(1, true), a.optNumber(2)));
  });
  def("intersect", "toIntersect,clean?,tol?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->intersect(a.shapeSource(0), a.boolean(1, true), a.optNumber(2)));
  });
  def("combine", "clean?,glue?,tol?", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->combine(a.boolean(0, true), a.boolean(1, false), a.optNumber(2)));
  });
  def("translate", "vec", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->translate(gp_Vec(a.xyz(0)))); });
  def("rotate", "axisStartPoint,axisEndPoint,angleDegrees", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->rotate(gp_Pnt(a.xyz(0)), gp_Pnt(a.xyz(1)), a.number(2)));
  });
  def("rotateAboutCenter", "axisEndPoint,angleDegrees", [W](const WorkplanePtr& w, CallArgs& a) {
    return W(a, w->rotateAboutCenter(gp_Vec(a.xyz(0)), a.number(1)));
  });
  def("mirror", "mirrorPlane?,basePointVector?,union?", [W](const WorkplanePtr& w, CallArgs& a) {
    std::optional<gp_Pnt> base;
    if (auto b = a.optXyz(1)) base = gp_Pnt(*b);
    return W(a, w->mirror(mirrorPlaneOf(a, 0), base, a.boolean(2, false)));
  });

  // --- selection ---
  using Select = WorkplanePtr (kernel::Workplane::*)(const kernel::SelectorPtr&, const std::string&) const;
  const std::pair<const char*, Select> selections[] = {
      {"faces", &kernel::Workplane::faces},   {"edges", &kernel::Workplane::edges},
      {"vertices", &kernel::Workplane::vertices}, {"wires", &kernel::Workplane::wires},
      {"solids", &kernel::Workplane::solids}, {"shells", &kernel::Workplane::shells},
      {"compounds", &kernel::Workplane::compounds}};
  for (const auto& [name, method] : selections) {
    def(name, "selector?,tag?", [W, method = method](const WorkplanePtr& w, CallArgs& a) {
      return W(a, ((*w).*method)(a.selector(0), a.string(1, "")));
    });
  }

  // --- stack ---
  def("tag", "name", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->tag(a.string(0))); });
  def("end", "n?", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->end(a.integer(0, 1))); });
  def("val", "", [](const WorkplanePtr& w, CallArgs& a) { return a.host().wrapItem(w->val()); });
  def("vals", "", [](const WorkplanePtr& w, CallArgs& a) { return items(a.host(), w->vals()); });
  def("item", "i", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->item(a.integer(0))); });
  def("first", "", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->first()); });
  def("last", "", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->last()); });
  def("size", "", [](const WorkplanePtr& w, CallArgs&) { return QJSValue(int(w->size())); });
  def("all", "", [](const WorkplanePtr& w, CallArgs& a) {
    auto list = w->all();
    QJSValue arr = a.host().engine().newArray(uint(list.size()));
    for (size_t k = 0; k < list.size(); ++k) arr.setProperty(quint32(k), a.host().wrap(list[k]));
    return arr;
  });
  def("add", "obj", [W](const WorkplanePtr& w, CallArgs& a) {
    if (auto other = a.host().workplaneOf(a.raw(0))) return W(a, w->add(other));
    return W(a, w->add(a.stackItems(0)));
  });
  def("newObject", "objlist", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->newObject(a.stackItems(0))); });
  // Callbacks get the stack item (Shape, Vector or Location) and return a Shape or Workplane.
  auto shapeFromCallback = [](CallArgs& a, const QJSValue& fn, const QJSValue& arg) {
    QJSValue r = a.host().callScript(fn, {arg});
    if (auto wp = a.host().workplaneOf(r)) return wp->toShape();
    if (auto s = a.host().shapeOf(r)) return *s;
    throw ArgumentError(a.operation() + ": the callback must return a Shape or a Workplane, got " + describeValue(r));
  };
  def("each", "callback,useLocalCoordinates?,combine?,clean?", [W, shapeFromCallback](const WorkplanePtr& w, CallArgs& a) {
    QJSValue fn = a.callable(0);
    auto cb = [&a, fn, shapeFromCallback](const kernel::StackItem& item) {
      return shapeFromCallback(a, fn, a.host().wrapItem(item));
    };
    return W(a, w->each(cb, a.boolean(1, false), a.combine(2, Combine::Union), a.boolean(3, true)));
  });
  def("eachpoint", "arg,useLocalCoordinates?,combine?,clean?", [W, shapeFromCallback](const WorkplanePtr& w, CallArgs& a) {
    std::function<TopoDS_Shape(const kernel::Location&)> cb;
    const QJSValue& arg = a.raw(0);
    if (arg.isCallable()) {
      cb = [&a, arg, shapeFromCallback](const kernel::Location& loc) {
        return shapeFromCallback(a, arg, a.host().wrapLocation(loc));
      };
    } else {
      // A Shape or Workplane placed at every point, as CadQuery moves a copy to each location.
      TopoDS_Shape shape;
      if (auto wp = a.host().workplaneOf(arg)) shape = wp->toShape();
      else if (auto s = a.host().shapeOf(arg)) shape = *s;
      else a.fail(0, "a function (loc) => Shape, a Shape or a Workplane");
      cb = [shape](const kernel::Location& loc) { return shape.Moved(loc.toTopLoc()); };
    }
    return W(a, w->eachpoint(cb, a.boolean(1, false), a.combine(2, Combine::None), a.boolean(3, true)));
  });
  def("cutEach", "fcn,useLocalCoords?,clean?", [W, shapeFromCallback](const WorkplanePtr& w, CallArgs& a) {
    QJSValue fn = a.callable(0);
    auto cb = [&a, fn, shapeFromCallback](const kernel::Location& loc) {
      return shapeFromCallback(a, fn, a.host().wrapLocation(loc));
    };
    return W(a, w->cutEach(cb, a.boolean(1, false), a.boolean(2, true)));
  });
  def("toPending", "", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->toPending()); });
  def("clean", "", [W](const WorkplanePtr& w, CallArgs& a) { return W(a, w->clean()); });
  def("findSolid", "", [](const WorkplanePtr& w, CallArgs& a) {
    TopoDS_Shape s = w->findSolid();
    if (s.IsNull()) throw ArgumentError("findSolid: there is no solid on the stack or in the parent chain");
    return a.host().wrapShape(s);
  });
  def("largestDimension", "", [](const WorkplanePtr& w, CallArgs&) { return QJSValue(w->largestDimension()); });
  def("toOCC", "", [](const WorkplanePtr& w, CallArgs& a) { return a.host().wrapShape(w->toShape()); });
  return t;
}

const std::map<std::string, MethodSpec>& table() {
  static const std::map<std::string, MethodSpec> t = buildTable();
  return t;
}

}  // namespace

const MethodSpec* findWorkplaneMethod(const std::string& name) {
  auto it = table().find(name);
  return it == table().end() ? nullptr : &it->second;
}

std::vector<std::string> workplaneMethodNames() {
  std::vector<std::string> names;
  for (const auto& [name, spec] : table()) names.push_back(name);
  return names;
}

const std::vector<std::string>& unsupportedWorkplaneMethods() {
  static const std::vector<std::string> names = {
      // bezier, ellipseArc, parametricCurve, mirrorX/Y, consolidateWires, offset2D, section, text,
      // ancestors, siblings, filter/map/apply/sort/invoke: prelude_surface.js.
      "splineApprox", "parametricSurface", "interpPlate", "toSvg", "exportSvg", "sketch", "placeSketch"};
  return names;
}

QJSValue constructWorkplane(ScriptHost& host, const QJSValue& args) {
  static const MethodSpec spec = [] {
    MethodSpec s;
    s.owner = "cq";
    s.name = "Workplane";
    s.params = parseParamList("inPlane?,origin?,obj?");
    return s;
  }();
  CallArgs a(host, spec, args);
  gp_Pnt origin(a.xyz(1, gp_XYZ(0, 0, 0)));
  std::optional<kernel::StackItem> obj;
  if (a.given(2) && !a.raw(2).isNull()) obj = a.stackItems(2).front();
  WorkplanePtr wp;
  const QJSValue& in = a.raw(0);
  if (!a.given(0) || in.isNull()) {
    wp = kernel::Workplane::create("XY", origin);
  } else if (in.isString()) {
    wp = kernel::Workplane::create(in.toString().toStdString(), origin);
  } else if (auto plane = ScriptHost::planeOf(in)) {
    wp = kernel::Workplane::create(*plane);
  } else if (host.shapeOf(in) || host.locationOf(in) || ScriptHost::kindOf(in) == QLatin1String("Vector")) {
    obj = a.stackItems(0).front();
    wp = kernel::Workplane::create("XY", origin);
  } else {
    a.fail(0, "a plane name such as \"XY\", a cq.Plane, a Shape, a Vector or a Location");
  }
  if (obj) wp = wp->add(std::vector<kernel::StackItem>{*obj});
  return host.wrap(wp);
}

}  // namespace partsmith::script
