#include "script/value_types_binding.h"

#include <cmath>
#include <map>

#include <BRepCheck_Analyzer.hxx>
#include <Bnd_Box.hxx>
#include <QJSEngine>
#include <gp_Ax1.hxx>
#include <gp_Quaternion.hxx>

#include "kernel/color.h"
#include "kernel/kernel_error.h"
#include "kernel/shape_utils.h"
#include "script/method_table.h"
#include "script/script_host.h"
#include "script/value_conversion.h"

namespace partsmith::script {

namespace {

using ShapeFn = std::function<QJSValue(const TopoDS_Shape&, CallArgs&)>;

MethodSpec spec(const std::string& owner, const std::string& name, const std::string& params) {
  MethodSpec s;
  s.owner = owner;
  s.name = name;
  s.params = parseParamList(params);
  return s;
}

QJSValue shapeList(ScriptHost& h, const TopoDS_Shape& s, TopAbs_ShapeEnum type) {
  auto list = kernel::subShapes(s, type);
  QJSValue arr = h.engine().newArray(uint(list.size()));
  for (size_t i = 0; i < list.size(); ++i) arr.setProperty(quint32(i), h.wrapShape(list[i]));
  return arr;
}

std::string shapeTypeName(TopAbs_ShapeEnum t) {
  switch (t) {
    case TopAbs_COMPOUND: return "Compound";
    case TopAbs_COMPSOLID: return "CompSolid";
    case TopAbs_SOLID: return "Solid";
    case TopAbs_SHELL: return "Shell";
    case TopAbs_FACE: return "Face";
    case TopAbs_WIRE: return "Wire";
    case TopAbs_EDGE: return "Edge";
    case TopAbs_VERTEX: return "Vertex";
    default: return "Shape";
  }
}

kernel::Location locationArg(CallArgs& a, int i) {
  if (auto loc = a.host().locationOf(a.raw(i))) return *loc;
  a.fail(i, "a cq.Location");
}

const std::map<std::string, std::pair<MethodSpec, ShapeFn>>& shapeTable() {
  static const auto table = [] {
    std::map<std::string, std::pair<MethodSpec, ShapeFn>> t;
    auto def = [&t](const std::string& name, const std::string& params, ShapeFn fn) {
      t[name] = {spec("Shape", name, params), std::move(fn)};
    };
    def("Volume", "", [](const TopoDS_Shape& s, CallArgs&) { return QJSValue(kernel::shapeVolume(s)); });
    def("Area", "", [](const TopoDS_Shape& s, CallArgs&) { return QJSValue(kernel::shapeArea(s)); });
    def("Length", "", [](const TopoDS_Shape& s, CallArgs&) { return QJSValue(kernel::shapeLength(s)); });
    def("Center", "", [](const TopoDS_Shape& s, CallArgs& a) { return a.host().wrapVector(kernel::shapeCenter(s).XYZ()); });
    def("CenterOfBoundBox", "", [](const TopoDS_Shape& s, CallArgs& a) {
      return a.host().wrapVector(kernel::boundingBoxCenter(s).XYZ());
    });
    def("BoundingBox", "", [](const TopoDS_Shape& s, CallArgs& a) {
      Bnd_Box box = kernel::tightBoundingBox(s);
      if (box.IsVoid()) throw ArgumentError("BoundingBox: the shape is empty");
      double x0, y0, z0, x1, y1, z1;
      box.Get(x0, y0, z0, x1, y1, z1);
      QJSValue o = a.host().engine().newObject();
      o.setProperty("xmin", x0), o.setProperty("ymin", y0), o.setProperty("zmin", z0);
      o.setProperty("xmax", x1), o.setProperty("ymax", y1), o.setProperty("zmax", z1);
      o.setProperty("xlen", x1 - x0), o.setProperty("ylen", y1 - y0), o.setProperty("zlen", z1 - z0);
      o.setProperty("center", a.host().wrapVector(gp_XYZ((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2)));
      o.setProperty("DiagonalLength", std::sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0) + (z1 - z0) * (z1 - z0)));
      return o;
    });
    def("isValid", "", [](const TopoDS_Shape& s, CallArgs&) { return QJSValue(BRepCheck_Analyzer(s).IsValid()); });
    def("ShapeType", "", [](const TopoDS_Shape& s, CallArgs&) {
      return QJSValue(QString::fromStdString(shapeTypeName(s.ShapeType())));
    });
    def("geomType", "", [](const TopoDS_Shape& s, CallArgs&) { return QJSValue(QString::fromStdString(kernel::geomType(s))); });
    def("isNull", "", [](const TopoDS_Shape& s, CallArgs&) { return QJSValue(s.IsNull()); });
    def("translate", "vector", [](const TopoDS_Shape& s, CallArgs& a) {
      gp_Trsf t;
      t.SetTranslation(gp_Vec(a.xyz(0)));
      return a.host().wrapShape(s.Moved(TopLoc_Location(t)));
    });
    def("rotate", "startVector,endVector,angleDegrees", [](const TopoDS_Shape& s, CallArgs& a) {
      gp_XYZ p0 = a.xyz(0), p1 = a.xyz(1);
      if ((p1 - p0).Modulus() < 1e-12) throw ArgumentError("rotate: the axis start and end points are the same");
      gp_Trsf t;
      t.SetRotation(gp_Ax1(gp_Pnt(p0), gp_Dir(p1 - p0)), a.number(2) * M_PI / 180.0);
      return a.host().wrapShape(s.Moved(TopLoc_Location(t)));
    });
    def("moved", "loc", [](const TopoDS_Shape& s, CallArgs& a) {
      return a.host().wrapShape(s.Moved(locationArg(a, 0).toTopLoc()));
    });
    def("located", "loc", [](const TopoDS_Shape& s, CallArgs& a) {
      return a.host().wrapShape(s.Located(locationArg(a, 0).toTopLoc()));
    });
    def("Solids", "", [](const TopoDS_Shape& s, CallArgs& a) { return shapeList(a.host(), s, TopAbs_SOLID); });
    def("Shells", "", [](const TopoDS_Shape& s, CallArgs& a) { return shapeList(a.host(), s, TopAbs_SHELL); });
    def("Faces", "", [](const TopoDS_Shape& s, CallArgs& a) { return shapeList(a.host(), s, TopAbs_FACE); });
    def("Wires", "", [](const TopoDS_Shape& s, CallArgs& a) { return shapeList(a.host(), s, TopAbs_WIRE); });
    def("Edges", "", [](const TopoDS_Shape& s, CallArgs& a) { return shapeList(a.host(), s, TopAbs_EDGE); });
    def("Vertices", "", [](const TopoDS_Shape& s, CallArgs& a) { return shapeList(a.host(), s, TopAbs_VERTEX); });
    return t;
  }();
  return table;
}

int length(const QJSValue& arr) { return arr.property("length").toInt(); }

}  // namespace

QJSValue callShapeMethod(ScriptHost& host, const QString& name, const QJSValue& self, const QJSValue& args) {
  auto it = shapeTable().find(name.toStdString());
  if (it == shapeTable().end()) throw ArgumentError("Shape has no method '" + name.toStdString() + "'");
  CallArgs a(host, it->second.first, args);
  auto shape = host.shapeOf(self);
  if (!shape) throw ArgumentError(name.toStdString() + ": must be called on a Shape");
  return it->second.second(*shape, a);
}

QJSValue constructLocation(ScriptHost& host, const QJSValue& args) {
  int n = length(args);
  QJSValue first = args.property(0);
  // Location(plane[, t])
  if (auto plane = ScriptHost::planeOf(first)) {
    static const MethodSpec s = spec("cq", "Location", "plane,t?");
    CallArgs a(host, s, args);
    return host.wrapLocation(kernel::Location::fromPlane(*plane, gp_Vec(a.xyz(1, gp_XYZ(0, 0, 0)))));
  }
  if (n == 0) return host.wrapLocation(kernel::Location());
  if (auto loc = host.locationOf(first); loc && n == 1) return host.wrapLocation(*loc);
  if (first.isNumber() || (n == 1 && first.isObject() && !first.isArray() && ScriptHost::kindOf(first).isEmpty())) {
    static const MethodSpec s = spec("cq", "Location", "x?,y?,z?,rx?,ry?,rz?");
    CallArgs a(host, s, args);
    return host.wrapLocation(kernel::Location::fromXYZ(a.number(0, 0), a.number(1, 0), a.number(2, 0), a.number(3, 0),
                                                       a.number(4, 0), a.number(5, 0)));
  }
  if (n >= 3) {  // Location(t, axis, angle)
    static const MethodSpec s = spec("cq", "Location", "t,axis,angle");
    CallArgs a(host, s, args);
    gp_XYZ axis = a.xyz(1);
    if (axis.Modulus() < 1e-12) a.fail(1, "a non-zero axis");
    return host.wrapLocation(kernel::Location::fromAxisAngle(gp_Vec(a.xyz(0)), gp_Dir(axis), a.number(2)));
  }
  static const MethodSpec s = spec("cq", "Location", "t,angles?");  // Location(t[, [rx, ry, rz]])
  CallArgs a(host, s, args);
  gp_XYZ t = a.xyz(0), r = a.xyz(1, gp_XYZ(0, 0, 0));
  return host.wrapLocation(kernel::Location::fromXYZ(t.X(), t.Y(), t.Z(), r.X(), r.Y(), r.Z()));
}

QJSValue callLocationMethod(ScriptHost& host, const QString& name, const QJSValue& self, const QJSValue& args) {
  auto loc = host.locationOf(self);
  if (!loc) throw ArgumentError(name.toStdString() + ": must be called on a Location");
  if (name == "inverse") return host.wrapLocation(loc->inverse());
  if (name == "mul") {
    static const MethodSpec s = spec("Location", "mul", "other");
    CallArgs a(host, s, args);
    return host.wrapLocation(*loc * locationArg(a, 0));
  }
  if (name == "position") return host.wrapVector(loc->position().XYZ());
  if (name == "toTuple") {
    double rx, ry, rz;
    loc->trsf().GetRotation().GetEulerAngles(gp_Extrinsic_XYZ, rx, ry, rz);
    QJSEngine& e = host.engine();
    gp_XYZ t = loc->trsf().TranslationPart();
    QJSValue out = e.newArray(2), tr = e.newArray(3), rot = e.newArray(3);
    tr.setProperty(0, t.X()), tr.setProperty(1, t.Y()), tr.setProperty(2, t.Z());
    rot.setProperty(0, rx * 180 / M_PI), rot.setProperty(1, ry * 180 / M_PI), rot.setProperty(2, rz * 180 / M_PI);
    out.setProperty(0, tr), out.setProperty(1, rot);
    return out;
  }
  throw ArgumentError("Location has no method '" + name.toStdString() + "'");
}

QJSValue constructPlane(ScriptHost& host, const QJSValue& args) {
  static const MethodSpec s = spec("cq", "Plane", "origin,xDir?,normal?");
  CallArgs a(host, s, args);
  std::optional<gp_Dir> xDir;
  if (auto x = a.optXyz(1)) {
    if (x->Modulus() < 1e-12) a.fail(1, "a non-zero direction");
    xDir = gp_Dir(*x);
  }
  return host.wrapPlane(kernel::Plane(gp_Pnt(a.xyz(0)), xDir, a.direction(2, gp_Dir(0, 0, 1))));
}

QJSValue namedPlane(ScriptHost& host, const QJSValue& args) {
  static const MethodSpec s = spec("Plane", "named", "name,origin?");
  CallArgs a(host, s, args);
  return host.wrapPlane(kernel::Plane::named(a.string(0), gp_Pnt(a.xyz(1, gp_XYZ(0, 0, 0)))));
}

QJSValue callPlaneMethod(ScriptHost& host, const QString& name, const QJSValue& self, const QJSValue& args) {
  auto plane = ScriptHost::planeOf(self);
  if (!plane) throw ArgumentError(name.toStdString() + ": must be called on a Plane");
  if (name == "toWorldCoords") {
    static const MethodSpec s = spec("Plane", "toWorldCoords", "tuplePoint");
    CallArgs a(host, s, args);
    return host.wrapVector(plane->toWorld(a.xyz(0)).XYZ());
  }
  if (name == "toLocalCoords") {
    static const MethodSpec s = spec("Plane", "toLocalCoords", "obj");
    CallArgs a(host, s, args);
    return host.wrapVector(plane->toLocal(gp_Pnt(a.xyz(0))));
  }
  if (name == "rotated") {
    static const MethodSpec s = spec("Plane", "rotated", "rotate?");
    CallArgs a(host, s, args);
    gp_XYZ r = a.xyz(0, gp_XYZ(0, 0, 0));
    return host.wrapPlane(plane->rotated(r.X(), r.Y(), r.Z()));
  }
  if (name == "setOrigin2d") {
    static const MethodSpec s = spec("Plane", "setOrigin2d", "x,y");
    CallArgs a(host, s, args);
    return host.wrapPlane(plane->withOrigin2d(a.number(0), a.number(1)));
  }
  throw ArgumentError("Plane has no method '" + name.toStdString() + "'");
}

QJSValue constructColor(ScriptHost& host, const QJSValue& args) {
  QJSValue first = args.property(0);
  kernel::Color c;
  if (first.isString()) {
    auto parsed = kernel::Color::parse(first.toString().toStdString());
    if (!parsed)
      throw ArgumentError("Color: unknown colour \"" + first.toString().toStdString() + "\"",
                          "use a CSS colour name such as \"red\" or \"steelblue\", or a hex code such as \"#3a7bd5\"");
    c = *parsed;
  } else if (ScriptHost::kindOf(first) == QLatin1String("Color")) {
    c = {first.property("r").toNumber(), first.property("g").toNumber(), first.property("b").toNumber(),
         first.property("a").toNumber()};
  } else {
    QJSValue list = first.isArray() ? first : args;
    static const MethodSpec s = spec("cq", "Color", "r,g,b,a?");
    CallArgs a(host, s, list);
    // Opaque by default: a script that asks for Color(1, 0, 0) wants to see red.
    c = {a.number(0), a.number(1), a.number(2), a.number(3, 1.0)};
    for (double v : {c.r, c.g, c.b, c.a}) {
      if (v < 0 || v > 1)
        throw ArgumentError("Color: components must be between 0 and 1, got " + kernel::formatNumber(v),
                            v > 1 ? "divide 0-255 values by 255, or use a hex code such as \"#ff8000\"" : "");
    }
  }
  QJSValue o = host.engine().newObject();
  o.setProperty("r", c.r), o.setProperty("g", c.g), o.setProperty("b", c.b), o.setProperty("a", c.a);
  return o;
}

}  // namespace partsmith::script
