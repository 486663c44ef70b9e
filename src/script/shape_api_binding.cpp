// The Shape-level API that CadQuery code reaches for beyond the Workplane: Shape.mirror,
// fuse/cut/intersect returning Shapes, and the class constructors cq.Solid.makeBox ...,
// cq.Wire.makeHelix ..., cq.Edge.makeLine ..., cq.Face.makeFromWires, cq.Compound.makeCompound,
// with CadQuery's argument orders and defaults.
#include "script/shape_api_binding.h"

#include <cmath>

#include <Adaptor3d_Curve.hxx>
#include <BRepBuilderAPI_Copy.hxx>
#include <BRepAdaptor_CompCurve.hxx>
#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepBuilderAPI_MakeVertex.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepClass3d_SolidClassifier.hxx>
#include <BRepExtrema_DistShapeShape.hxx>
#include <BRepGProp_Face.hxx>
#include <BRepLib.hxx>
#include <BRepLib_FindSurface.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCone.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <BRepPrimAPI_MakeSphere.hxx>
#include <BRepPrimAPI_MakeTorus.hxx>
#include <BRepTools.hxx>
#include <BRepTools_WireExplorer.hxx>
#include <BRep_Tool.hxx>
#include <GCPnts_AbscissaPoint.hxx>
#include <GeomAPI_ProjectPointOnSurf.hxx>
#include <GCE2d_MakeSegment.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <Geom2d_Line.hxx>
#include <Geom_ConicalSurface.hxx>
#include <Geom_CylindricalSurface.hxx>
#include <LocOpe_DPrism.hxx>
#include <QJSEngine>
#include <ShapeAnalysis.hxx>
#include <ShapeFix_Face.hxx>
#include <ShapeFix_Shape.hxx>
#include <TopoDS.hxx>
#include <gp_Ax2.hxx>
#include <gp_Ax3.hxx>
#include <gp_Circ.hxx>

#include "kernel/selector.h"
#include "kernel/shape_utils.h"
#include "kernel/workplane.h"
#include "kernel/workplane_ops.h"
#include "script/script_host.h"
#include "script/surface_binding.h"
#include "script/value_conversion.h"

namespace partsmith::script {

using kernel::guardOcct;
using kernel::WorkplaneOps;

namespace {

constexpr double kDeg = M_PI / 180.0;

const char* typeName(TopAbs_ShapeEnum t) {
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

TopoDS_Shape toShape(CallArgs& a, const QJSValue& v, const std::string& what) {
  if (auto s = a.host().shapeOf(v)) return *s;
  if (auto wp = a.host().workplaneOf(v)) {
    TopoDS_Shape s = wp->toShape();
    if (!s.IsNull()) return s;
  }
  throw ArgumentError(a.operation() + ": " + what + " must be a Shape, got " + describeValue(v));
}

// A shape argument of one type; an Edge is accepted where a Wire is expected (as a one-edge
// wire), since CadQuery code often passes Edge.makeCircle(...) to wire-taking calls.
TopoDS_Shape typed(CallArgs& a, const QJSValue& v, const std::string& what, TopAbs_ShapeEnum type) {
  TopoDS_Shape s = toShape(a, v, what);
  if (type == TopAbs_WIRE && s.ShapeType() == TopAbs_EDGE)
    return guardOcct(a.operation(), [&] { return TopoDS_Shape(BRepBuilderAPI_MakeWire(TopoDS::Edge(s)).Wire()); });
  if (s.ShapeType() != type)
    throw ArgumentError(a.operation() + ": " + what + " must be a " + typeName(type) + ", got a " +
                        typeName(s.ShapeType()));
  return s;
}

std::vector<TopoDS_Shape> shapeList(CallArgs& a, int i, const std::string& what,
                                    std::optional<TopAbs_ShapeEnum> type = std::nullopt) {
  if (!a.given(i) || a.raw(i).isNull()) return {};
  const QJSValue& v = a.raw(i);
  std::vector<TopoDS_Shape> out;
  if (!v.isArray()) {
    out.push_back(type ? typed(a, v, what, *type) : toShape(a, v, what));
    return out;
  }
  for (int k = 0, n = v.property("length").toInt(); k < n; ++k) {
    std::string name = what + "[" + std::to_string(k) + "]";
    out.push_back(type ? typed(a, v.property(quint32(k)), name, *type) : toShape(a, v.property(quint32(k)), name));
  }
  return out;
}

TopoDS_Shape selfShape(const QJSValue& self, CallArgs& a) {
  auto s = a.host().shapeOf(self);
  if (!s) throw ArgumentError(a.operation() + ": must be called on a Shape");
  return *s;
}

gp_Ax2 axes(CallArgs& a, int pnt, int dir) {
  return gp_Ax2(gp_Pnt(a.xyz(pnt, gp_XYZ(0, 0, 0))), a.direction(dir, gp_Dir(0, 0, 1)));
}

void positive(CallArgs& a, int i) {
  if (!(a.number(i) > 0)) a.fail(i, "greater than 0");
}

using StaticFn = std::function<TopoDS_Shape(CallArgs&)>;

void defStatic(SurfaceTable& t, const std::string& key, const std::string& params, StaticFn fn) {
  defineSurfaceMethod(t, key, params, [fn = std::move(fn)](const QJSValue&, CallArgs& a) {
    TopoDS_Shape s = guardOcct(a.operation(), [&] { return fn(a); });
    if (s.IsNull()) kernel::throwGeometryError(a.operation(), "produced no shape");
    return a.host().wrapShape(s);
  });
}

void defShape(SurfaceTable& t, const std::string& name, const std::string& params,
              std::function<TopoDS_Shape(const TopoDS_Shape&, CallArgs&)> fn) {
  defineSurfaceMethod(t, "Shape." + name, params, [fn = std::move(fn)](const QJSValue& self, CallArgs& a) {
    return a.host().wrapShape(fn(selfShape(self, a), a));
  });
}

TopoDS_Shape faceFromWires(CallArgs& a, const TopoDS_Shape& outer, const std::vector<TopoDS_Shape>& inner) {
  const std::string op = a.operation();
  const TopoDS_Wire wo = TopoDS::Wire(outer);
  if (!inner.empty() && !BRep_Tool::IsClosed(wo))
    kernel::throwApiError(op, "cannot build the face: the outer wire is not closed");
  {
    std::vector<TopoDS_Shape> all{outer};
    all.insert(all.end(), inner.begin(), inner.end());
    if (!BRepLib_FindSurface(kernel::makeCompound(all), -1, Standard_True).Found())
      kernel::throwApiError(op, "cannot build the face: the wires are not planar",
                            "all wires of a face must lie in one plane");
  }
  ShapeFix_Shape fixWire(wo);
  fixWire.Perform();
  BRepBuilderAPI_MakeFace maker(TopoDS::Wire(fixWire.Shape()), Standard_True);
  for (const auto& w : inner) {
    if (!BRep_Tool::IsClosed(TopoDS::Wire(w)))
      kernel::throwApiError(op, "cannot build the face: an inner wire is not closed");
    maker.Add(TopoDS::Wire(w));
  }
  maker.Build();
  if (!maker.IsDone()) kernel::throwGeometryError(op, "cannot build the face from these wires");
  ShapeFix_Face fixFace(maker.Face());
  fixFace.FixOrientation();
  fixFace.Perform();
  return fixFace.Result();
}

TopoDS_Shape extrudeFace(CallArgs& a, const TopoDS_Shape& face, const gp_Vec& v, double taper) {
  if (v.Magnitude() < 1e-12) kernel::throwApiError(a.operation(), "vecNormal must not be the zero vector");
  if (taper == 0) {
    BRepPrimAPI_MakePrism prism(face, v, Standard_True);
    if (!prism.IsDone()) kernel::throwGeometryError(a.operation(), "could not extrude the face");
    return prism.Shape();
  }
  // As CadQuery: the signed height is divided by cos(taper) so the requested height holds.
  const gp_Dir n = kernel::faceNormalAt(face);
  const double d = gp_Vec(n).Angle(v) < M_PI / 2 ? 1.0 : -1.0;
  LocOpe_DPrism prism(TopoDS::Face(face), d * v.Magnitude() / std::cos(taper * kDeg), d * taper * kDeg);
  TopoDS_Shape s = prism.Shape();
  if (s.IsNull()) kernel::throwGeometryError(a.operation(), "could not extrude the face with a taper");
  return s;
}

// "a Solid", "an Edge".
std::string withArticle(TopAbs_ShapeEnum t) {
  const std::string name = typeName(t);
  return (name[0] == 'E' ? "an " : "a ") + name;
}

// --- the queries CadQuery's Shape mixins offer (Mixin1D, Face, Vertex, Mixin3D) ---

// CadQuery's curve view of an Edge or a Wire: an Edge's curve as stored (its orientation is not
// applied, as in CadQuery), a Wire's edges joined in wire order.
Handle(Adaptor3d_Curve) curveOf(const TopoDS_Shape& s, const std::string& op);

// startPoint/endPoint: the first/last vertex with the edge's (wire's) orientation applied, as
// CadQuery's startVertex/endVertex (ShapeAnalysis::FindBounds).
QJSValue boundPoint(const TopoDS_Shape& s, CallArgs& a, bool start) {
  curveOf(s, a.operation());  // checks the shape is an Edge or a non-empty Wire
  TopoDS_Vertex v1, v2;
  ShapeAnalysis::FindBounds(s, v1, v2);
  const TopoDS_Vertex& v = start ? v1 : v2;
  if (v.IsNull()) kernel::throwGeometryError(a.operation(), "the curve has no end vertices");
  return a.host().wrapVector(BRep_Tool::Pnt(v).XYZ());
}

Handle(Adaptor3d_Curve) curveOf(const TopoDS_Shape& s, const std::string& op) {
  if (s.ShapeType() == TopAbs_EDGE) {
    if (BRep_Tool::Degenerated(TopoDS::Edge(s))) kernel::throwApiError(op, "the edge is degenerated (a single point)");
    return new BRepAdaptor_Curve(TopoDS::Edge(s));
  }
  if (s.ShapeType() == TopAbs_WIRE) {
    auto edges = kernel::subShapes(s, TopAbs_EDGE);
    if (edges.empty()) kernel::throwApiError(op, "the wire has no edges");
    // A one-edge wire is read as its edge, as CadQuery's Wire._geomAdaptor does.
    if (edges.size() == 1) return curveOf(edges.front(), op);
    return new BRepAdaptor_CompCurve(TopoDS::Wire(s));
  }
  throw ArgumentError(op + ": only an Edge or a Wire has this, got " + withArticle(s.ShapeType()),
                      "select edges first, e.g. .edges().val()." + op + "(...)");
}

// CadQuery's mode argument: "length" reads d as a fraction of the curve's length (0 = start,
// 1 = end), "parameter" as the curve's own parameter.
double curveParam(CallArgs& a, const Adaptor3d_Curve& c, int dIndex, double dDefault, int modeIndex) {
  const double d = a.number(dIndex, dDefault);
  const std::string mode = a.string(modeIndex, "length");
  if (mode == "parameter") return d;
  if (mode != "length") a.fail(modeIndex, "\"length\" or \"parameter\"");
  return guardOcct(a.operation(), [&] {
    const double length = GCPnts_AbscissaPoint::Length(c);
    GCPnts_AbscissaPoint at(c, length * d, c.FirstParameter());
    if (!at.IsDone()) kernel::throwGeometryError(a.operation(), "could not find the point at this fraction of the length");
    return at.Parameter();
  });
}

const TopoDS_Shape& vertexOnly(const TopoDS_Shape& s, const std::string& op) {
  if (s.ShapeType() != TopAbs_VERTEX)
    throw ArgumentError(op + ": only a Vertex has coordinates, got " + withArticle(s.ShapeType()),
                        "use .Center() for the centre of other shapes");
  return s;
}

// Shape.faces(selector) ... : the sub-shapes, filtered; one result is returned as itself, several
// (or none) as a Compound, as CadQuery's Shape._select does.
void defSubShapes(SurfaceTable& t, const std::string& name, TopAbs_ShapeEnum type) {
  defineSurfaceMethod(t, "Shape." + name, "selector?", [type](const QJSValue& self, CallArgs& a) {
    std::vector<TopoDS_Shape> list = kernel::subShapes(selfShape(self, a), type);
    if (kernel::SelectorPtr sel = a.selector(0)) list = sel->filter(list);
    return a.host().wrapShape(list.size() == 1 ? list.front() : kernel::makeCompound(list));
  });
}

}  // namespace

void addShapeApiMethods(SurfaceTable& t) {
  // --- Shape methods ---
  defShape(t, "mirror", "mirrorPlane?,basePointVector?", [](const TopoDS_Shape& s, CallArgs& a) {
    gp_Dir normal(0, 0, 1);
    if (a.given(0) && a.raw(0).isString()) {
      std::string p = a.raw(0).toString().toUpper().toStdString();
      if (p == "XY" || p == "YX") normal = gp_Dir(0, 0, 1);
      else if (p == "XZ" || p == "ZX") normal = gp_Dir(0, 1, 0);
      else if (p == "YZ" || p == "ZY") normal = gp_Dir(1, 0, 0);
      else a.fail(0, "\"XY\", \"YX\", \"XZ\", \"ZX\", \"YZ\", \"ZY\" or a normal vector");
    } else {
      normal = a.direction(0, gp_Dir(0, 0, 1));
    }
    gp_Trsf trsf;
    trsf.SetMirror(gp_Ax2(gp_Pnt(a.xyz(1, gp_XYZ(0, 0, 0))), normal));
    return guardOcct("mirror", [&] { return BRepBuilderAPI_Transform(s, trsf, Standard_True).Shape(); });
  });
  defShape(t, "fuse", "toFuse,glue?,tol?", [](const TopoDS_Shape& s, CallArgs& a) {
    return WorkplaneOps::fuse(s, shapeList(a, 0, "toFuse"), "fuse", a.boolean(1, false), a.optNumber(2));
  });
  defShape(t, "cut", "toCut,tol?", [](const TopoDS_Shape& s, CallArgs& a) {
    return WorkplaneOps::cut(s, shapeList(a, 0, "toCut"), "cut", a.optNumber(1));
  });
  defShape(t, "intersect", "toIntersect,tol?", [](const TopoDS_Shape& s, CallArgs& a) {
    return WorkplaneOps::intersect(s, shapeList(a, 0, "toIntersect"), "intersect", a.optNumber(1));
  });
  defShape(t, "scale", "factor", [](const TopoDS_Shape& s, CallArgs& a) {
    positive(a, 0);
    gp_Trsf trsf;
    trsf.SetScale(gp_Pnt(0, 0, 0), a.number(0));
    return guardOcct("scale", [&] { return BRepBuilderAPI_Transform(s, trsf, Standard_True).Shape(); });
  });
  defShape(t, "copy", "", [](const TopoDS_Shape& s, CallArgs&) {
    return guardOcct("copy", [&] { return BRepBuilderAPI_Transform(s, gp_Trsf(), Standard_True).Shape(); });
  });

  // --- Shape queries (CadQuery's Mixin1D, Face, Vertex and Mixin3D methods) ---
  defineSurfaceMethod(t, "Shape.startPoint", "", [](const QJSValue& self, CallArgs& a) {
    return boundPoint(selfShape(self, a), a, true);
  });
  defineSurfaceMethod(t, "Shape.endPoint", "", [](const QJSValue& self, CallArgs& a) {
    return boundPoint(selfShape(self, a), a, false);
  });
  defineSurfaceMethod(t, "Shape.positionAt", "d,mode?", [](const QJSValue& self, CallArgs& a) {
    auto c = curveOf(selfShape(self, a), "positionAt");
    const double u = curveParam(a, *c, 0, 0, 1);
    return a.host().wrapVector(guardOcct("positionAt", [&] { return c->Value(u); }).XYZ());
  });
  defineSurfaceMethod(t, "Shape.tangentAt", "locationParam?,mode?", [](const QJSValue& self, CallArgs& a) {
    auto c = curveOf(selfShape(self, a), "tangentAt");
    const double u = curveParam(a, *c, 0, 0.5, 1);
    gp_Pnt p;
    gp_Vec d1;
    guardOcct("tangentAt", [&] { c->D1(u, p, d1); });
    if (d1.Magnitude() < 1e-12) kernel::throwGeometryError("tangentAt", "the curve has no tangent at this point");
    return a.host().wrapVector(d1.Normalized().XYZ());
  });
  defineSurfaceMethod(t, "Shape.radius", "", [](const QJSValue& self, CallArgs& a) {
    TopoDS_Shape s = selfShape(self, a);
    curveOf(s, "radius");  // checks the shape kind
    // A wire's radius is its first edge's, as CadQuery's (BRepAdaptor_CompCurve::Circle()).
    if (s.ShapeType() == TopAbs_WIRE) s = BRepTools_WireExplorer(TopoDS::Wire(s)).Current();
    Handle(Adaptor3d_Curve) c = curveOf(s, "radius");
    if (c->GetType() != GeomAbs_Circle)
      kernel::throwApiError("radius", "the shape is not a circle or an arc of a circle",
                            "radius() works on circular edges, e.g. .edges(\"%CIRCLE\").val().radius()");
    return QJSValue(c->Circle().Radius());
  });
  defineSurfaceMethod(t, "Shape.normalAt", "locationVector?", [](const QJSValue& self, CallArgs& a) {
    TopoDS_Shape s = selfShape(self, a);
    if (s.ShapeType() != TopAbs_FACE)
      throw ArgumentError(std::string("normalAt: only a Face has a normal, got ") + withArticle(s.ShapeType()),
                          "select a face first, e.g. .faces(\">Z\").val().normalAt()");
    const TopoDS_Face face = TopoDS::Face(s);
    return guardOcct("normalAt", [&] {
      double u, v;
      if (!a.given(0) || a.raw(0).isNull()) {  // the middle of the face's (u, v) bounds
        double u0, u1, v0, v1;
        BRepTools::UVBounds(face, u0, u1, v0, v1);
        u = 0.5 * (u0 + u1), v = 0.5 * (v0 + v1);
      } else {
        GeomAPI_ProjectPointOnSurf proj(gp_Pnt(a.xyz(0)), BRep_Tool::Surface(face));
        if (!proj.IsDone() || proj.NbPoints() == 0)
          kernel::throwGeometryError("normalAt", "could not project the point onto the face");
        proj.LowerDistanceParameters(u, v);
      }
      gp_Pnt p;
      gp_Vec n;
      BRepGProp_Face(face).Normal(u, v, p, n);  // applies the face's orientation
      if (n.Magnitude() < 1e-12) kernel::throwGeometryError("normalAt", "the face has no normal at this point");
      return a.host().wrapVector(n.Normalized().XYZ());
    });
  });
  defineSurfaceMethod(t, "Shape.toTuple", "", [](const QJSValue& self, CallArgs& a) {
    gp_Pnt p = BRep_Tool::Pnt(TopoDS::Vertex(vertexOnly(selfShape(self, a), "toTuple")));
    QJSValue arr = a.host().engine().newArray(3);
    arr.setProperty(0, p.X()), arr.setProperty(1, p.Y()), arr.setProperty(2, p.Z());
    return arr;
  });
  const char* coordNames[] = {"X", "Y", "Z"};
  for (int i = 0; i < 3; ++i) {
    defineSurfaceMethod(t, std::string("Shape.") + coordNames[i], "", [i, name = std::string(coordNames[i])](const QJSValue& self, CallArgs& a) {
      gp_Pnt p = BRep_Tool::Pnt(TopoDS::Vertex(vertexOnly(selfShape(self, a), name)));
      return QJSValue(p.Coord(i + 1));
    });
  }
  defineSurfaceMethod(t, "Shape.isSame", "other", [](const QJSValue& self, CallArgs& a) {
    return QJSValue(selfShape(self, a).IsSame(toShape(a, a.raw(0), "other")));
  });
  defineSurfaceMethod(t, "Shape.isInside", "point,tolerance?", [](const QJSValue& self, CallArgs& a) {
    TopoDS_Shape s = selfShape(self, a);
    if (kernel::subShapes(s, TopAbs_SOLID).empty())
      throw ArgumentError(std::string("isInside: only a Solid (or a Compound of solids) has an inside, got ") +
                              withArticle(s.ShapeType()),
                          "call isInside on a solid, e.g. wp.val().isInside([0, 0, 0])");
    const double tol = a.number(1, 1e-6);
    if (!(tol > 0)) a.fail(1, "a positive tolerance");
    const gp_Pnt p(a.xyz(0));
    return QJSValue(guardOcct("isInside", [&] {
      BRepClass3d_SolidClassifier classifier(s, p, tol);
      const TopAbs_State state = classifier.State();
      return state == TopAbs_IN || state == TopAbs_ON;  // on the surface counts, as in CadQuery
    }));
  });
  // IsClosed (CadQuery's Edge/Wire) and Closed: an edge or wire whose ends meet, a shell without
  // free edges; other shapes report their closed flag. Both answer for any shape.
  for (const char* name : {"IsClosed", "Closed"}) {
    defineSurfaceMethod(t, std::string("Shape.") + name, "", [](const QJSValue& self, CallArgs& a) {
      TopoDS_Shape s = selfShape(self, a);
      return QJSValue(guardOcct(a.operation(), [&] { return bool(BRep_Tool::IsClosed(s)); }));
    });
  }
  defineSurfaceMethod(t, "Shape.isEqual", "other", [](const QJSValue& self, CallArgs& a) {
    return QJSValue(selfShape(self, a).IsEqual(toShape(a, a.raw(0), "other")));
  });
  defineSurfaceMethod(t, "Shape.distance", "other", [](const QJSValue& self, CallArgs& a) {
    TopoDS_Shape s = selfShape(self, a), other = toShape(a, a.raw(0), "other");
    return QJSValue(guardOcct("distance", [&] {
      BRepExtrema_DistShapeShape dist(s, other);
      if (!dist.IsDone()) kernel::throwGeometryError("distance", "could not measure the distance between the shapes");
      return dist.Value();
    }));
  });
  defineSurfaceMethod(t, "Shape.location", "", [](const QJSValue& self, CallArgs& a) {
    return a.host().wrapLocation(kernel::Location(selfShape(self, a).Location().Transformation()));
  });
  defShape(t, "clean", "", [](const TopoDS_Shape& s, CallArgs&) {
    return guardOcct("clean", [&] { return kernel::cleanShape(s); });
  });
  // fix(): ShapeFix only when BRepCheck finds a defect, as CadQuery's.
  defShape(t, "fix", "", [](const TopoDS_Shape& s, CallArgs&) {
    return guardOcct("fix", [&] {
      if (BRepCheck_Analyzer(s).IsValid()) return s;
      // On a copy: ShapeFix repairs in place, and `s` may be a result kept for the next run.
      ShapeFix_Shape fixer(BRepBuilderAPI_Copy(s, /*copyGeom=*/true, /*copyMesh=*/false).Shape());
      fixer.Perform();
      return fixer.Shape();
    });
  });
  defineSurfaceMethod(t, "Shape.arcCenter", "", [](const QJSValue& self, CallArgs& a) {
    TopoDS_Shape s = selfShape(self, a);
    Handle(Adaptor3d_Curve) c = curveOf(s, "arcCenter");
    if (c->GetType() == GeomAbs_Circle) return a.host().wrapVector(c->Circle().Location().XYZ());
    if (c->GetType() == GeomAbs_Ellipse) return a.host().wrapVector(c->Ellipse().Location().XYZ());
    kernel::throwApiError("arcCenter", "the curve is not a circle or an ellipse, so it has no arc centre",
                          "select a circular edge, e.g. .edges(\"%CIRCLE\").val().arcCenter()");
  });
  auto faceOnly = [](const TopoDS_Shape& s, const std::string& op) {
    if (s.ShapeType() != TopAbs_FACE)
      throw ArgumentError(op + ": only a Face has wires, got " + withArticle(s.ShapeType()),
                          "select a face first, e.g. .faces(\">Z\").val()." + op + "()");
    return TopoDS::Face(s);
  };
  defShape(t, "outerWire", "", [faceOnly](const TopoDS_Shape& s, CallArgs&) {
    TopoDS_Wire w = BRepTools::OuterWire(faceOnly(s, "outerWire"));
    if (w.IsNull()) kernel::throwGeometryError("outerWire", "the face has no outer wire");
    return TopoDS_Shape(w);
  });
  defineSurfaceMethod(t, "Shape.innerWires", "", [faceOnly](const QJSValue& self, CallArgs& a) {
    const TopoDS_Face face = faceOnly(selfShape(self, a), "innerWires");
    const TopoDS_Wire outer = BRepTools::OuterWire(face);
    std::vector<TopoDS_Shape> inner;
    for (const auto& w : kernel::subShapes(face, TopAbs_WIRE))
      if (!w.IsSame(outer)) inner.push_back(w);
    QJSValue arr = a.host().engine().newArray(uint(inner.size()));
    for (size_t i = 0; i < inner.size(); ++i) arr.setProperty(quint32(i), a.host().wrapShape(inner[i]));
    return arr;
  });
  defSubShapes(t, "solids", TopAbs_SOLID);
  defSubShapes(t, "shells", TopAbs_SHELL);
  defSubShapes(t, "faces", TopAbs_FACE);
  defSubShapes(t, "wires", TopAbs_WIRE);
  defSubShapes(t, "edges", TopAbs_EDGE);
  defSubShapes(t, "vertices", TopAbs_VERTEX);
  // Workplane.plane (a read-only property in CadQuery): the current workplane's Plane.
  defineSurfaceMethod(t, "Workplane.plane", "", [](const QJSValue& self, CallArgs& a) {
    auto wp = a.host().workplaneOf(self);
    if (!wp) throw ArgumentError("plane: must be read on a Workplane");
    return a.host().wrapPlane(wp->plane());
  });

  // --- cq.Solid ---
  defStatic(t, "Solid.makeBox", "length,width,height,pnt?,dir?", [](CallArgs& a) {
    for (int i = 0; i < 3; ++i) positive(a, i);
    return BRepPrimAPI_MakeBox(axes(a, 3, 4), a.number(0), a.number(1), a.number(2)).Shape();
  });
  defStatic(t, "Solid.makeCylinder", "radius,height,pnt?,dir?,angleDegrees?", [](CallArgs& a) {
    positive(a, 0), positive(a, 1);
    return BRepPrimAPI_MakeCylinder(axes(a, 2, 3), a.number(0), a.number(1), a.number(4, 360) * kDeg).Shape();
  });
  defStatic(t, "Solid.makeCone", "radius1,radius2,height,pnt?,dir?,angleDegrees?", [](CallArgs& a) {
    if (a.number(0) < 0 || a.number(1) < 0 || (a.number(0) == 0 && a.number(1) == 0))
      throw ArgumentError("makeCone: the radii must be 0 or more and not both 0");
    positive(a, 2);
    return BRepPrimAPI_MakeCone(axes(a, 3, 4), a.number(0), a.number(1), a.number(2), a.number(5, 360) * kDeg).Shape();
  });
  defStatic(t, "Solid.makeSphere", "radius,pnt?,dir?,angleDegrees1?,angleDegrees2?,angleDegrees3?", [](CallArgs& a) {
    positive(a, 0);
    // CadQuery's defaults (0, 90, 360) make the upper half sphere; Workplane.sphere() passes -90.
    return BRepPrimAPI_MakeSphere(axes(a, 1, 2), a.number(0), a.number(3, 0) * kDeg, a.number(4, 90) * kDeg,
                                  a.number(5, 360) * kDeg)
        .Shape();
  });
  defStatic(t, "Solid.makeTorus", "radius1,radius2,pnt?,dir?,angleDegrees1?,angleDegrees2?", [](CallArgs& a) {
    positive(a, 0), positive(a, 1);
    return BRepPrimAPI_MakeTorus(axes(a, 2, 3), a.number(0), a.number(1), a.number(4, 0) * kDeg,
                                 a.number(5, 360) * kDeg)
        .Shape();
  });
  // extrudeLinear(face, vecNormal, taper=0) or extrudeLinear(outerWire, innerWires, vecNormal, taper=0).
  defStatic(t, "Solid.extrudeLinear", "obj,arg2,arg3?,taper?", [](CallArgs& a) {
    TopoDS_Shape first = toShape(a, a.raw(0), "the first argument");
    if (first.ShapeType() == TopAbs_FACE) {
      if (a.given(3)) throw ArgumentError("extrudeLinear: extrudeLinear(face, vecNormal, taper) takes 3 arguments");
      return extrudeFace(a, first, gp_Vec(a.xyz(1)), a.number(2, 0));
    }
    TopoDS_Shape outer = typed(a, a.raw(0), "outerWire", TopAbs_WIRE);
    std::vector<TopoDS_Shape> inner = shapeList(a, 1, "innerWires", TopAbs_WIRE);
    if (!a.given(2)) throw ArgumentError("extrudeLinear: vecNormal (3rd argument) is missing");
    double taper = a.number(3, 0);
    TopoDS_Shape face = faceFromWires(a, outer, taper == 0 ? inner : std::vector<TopoDS_Shape>{});
    return extrudeFace(a, face, gp_Vec(a.xyz(2)), taper);
  });

  // --- cq.Wire ---
  defStatic(t, "Wire.makeHelix", "pitch,height,radius,center?,dir?,angle?,lefthand?", [](CallArgs& a) {
    positive(a, 0), positive(a, 1), positive(a, 2);
    const double pitch = a.number(0), height = a.number(1), radius = a.number(2), angle = a.number(5, 360);
    if (height / pitch > 10000) throw ArgumentError("makeHelix: more than 10000 turns (height / pitch)");
    gp_Ax3 ax(gp_Pnt(a.xyz(3, gp_XYZ(0, 0, 0))), a.direction(4, gp_Dir(0, 0, 1)));
    Handle(Geom_Surface) surface;
    if (angle == 360.0)
      surface = new Geom_CylindricalSurface(ax, radius);
    else
      surface = new Geom_ConicalSurface(ax, angle * kDeg, radius);
    // A straight line in the surface's (u, v) domain rising one pitch per turn.
    Handle(Geom2d_Line) line =
        new Geom2d_Line(gp_Pnt2d(0, 0), gp_Dir2d(a.boolean(6, false) ? -2 * M_PI : 2 * M_PI, pitch));
    const double turns = height / pitch;
    gp_Pnt2d start = line->Value(0), stop = line->Value(turns * std::sqrt(4 * M_PI * M_PI + pitch * pitch));
    Handle(Geom2d_TrimmedCurve) segment = GCE2d_MakeSegment(start, stop).Value();
    TopoDS_Edge edge = BRepBuilderAPI_MakeEdge(segment, surface).Edge();
    TopoDS_Wire wire = BRepBuilderAPI_MakeWire(edge).Wire();
    BRepLib::BuildCurves3d(wire, 1e-6, GeomAbs_C1, 14, 2000);
    return TopoDS_Shape(wire);
  });
  defStatic(t, "Wire.makePolygon", "listOfVertices,forConstruction?,close?", [](CallArgs& a) {
    const QJSValue& v = a.raw(0);
    if (!v.isArray()) a.fail(0, "an array of points");
    BRepBuilderAPI_MakePolygon maker;
    const int n = v.property("length").toInt();
    if (n < 2) a.fail(0, "at least 2 points");
    for (int k = 0; k < n; ++k)
      maker.Add(gp_Pnt(a.toXyz(v.property(quint32(k)), "listOfVertices[" + std::to_string(k) + "]")));
    if (a.boolean(2, false)) maker.Close();
    if (!maker.IsDone()) kernel::throwApiError("makePolygon", "could not make a polygon: the points coincide");
    return TopoDS_Shape(maker.Wire());
  });
  defStatic(t, "Wire.makeCircle", "radius,center,normal", [](CallArgs& a) {
    positive(a, 0);
    gp_Circ circ(gp_Ax2(gp_Pnt(a.xyz(1)), a.direction(2, gp_Dir(0, 0, 1))), a.number(0));
    return TopoDS_Shape(BRepBuilderAPI_MakeWire(BRepBuilderAPI_MakeEdge(circ).Edge()).Wire());
  });
  defStatic(t, "Wire.assembleEdges", "listOfEdges", [](CallArgs& a) {
    auto edges = shapeList(a, 0, "listOfEdges", TopAbs_EDGE);
    if (edges.empty()) a.fail(0, "a non-empty array of edges");
    BRepBuilderAPI_MakeWire maker;
    TopTools_ListOfShape list;
    for (const auto& e : edges) list.Append(e);
    maker.Add(list);
    if (!maker.IsDone()) kernel::throwApiError("assembleEdges", "the edges do not form one connected wire");
    return TopoDS_Shape(maker.Wire());
  });

  // --- cq.Edge ---
  defStatic(t, "Edge.makeLine", "v1,v2", [](CallArgs& a) {
    gp_Pnt p1(a.xyz(0)), p2(a.xyz(1));
    if (p1.Distance(p2) < 1e-7) kernel::throwApiError("makeLine", "the two points coincide");
    return TopoDS_Shape(BRepBuilderAPI_MakeEdge(p1, p2).Edge());
  });
  defStatic(t, "Edge.makeCircle", "radius,pnt?,dir?,angle1?,angle2?,orientation?", [](CallArgs& a) {
    positive(a, 0);
    gp_Circ circ(axes(a, 1, 2), a.number(0));
    double a1 = a.number(3, 360), a2 = a.number(4, 360);
    if (a1 == a2) return TopoDS_Shape(BRepBuilderAPI_MakeEdge(circ).Edge());
    GC_MakeArcOfCircle arc(circ, a1 * kDeg, a2 * kDeg, a.boolean(5, true));
    if (!arc.IsDone()) kernel::throwGeometryError("makeCircle", "could not build the arc");
    return TopoDS_Shape(BRepBuilderAPI_MakeEdge(arc.Value()).Edge());
  });

  // --- cq.Face, cq.Compound, cq.Vertex ---
  defStatic(t, "Face.makeFromWires", "outerWire,innerWires?", [](CallArgs& a) {
    TopoDS_Shape outer = typed(a, a.raw(0), "outerWire", TopAbs_WIRE);
    return faceFromWires(a, outer, shapeList(a, 1, "innerWires", TopAbs_WIRE));
  });
  defStatic(t, "Compound.makeCompound", "listOfShapes", [](CallArgs& a) {
    if (!a.given(0)) a.fail(0, "an array of shapes");
    auto shapes = shapeList(a, 0, "listOfShapes");
    TopoDS_Compound c;
    BRep_Builder b;
    b.MakeCompound(c);
    for (const auto& s : shapes) b.Add(c, s);
    return TopoDS_Shape(c);
  });
  defStatic(t, "Vertex.makeVertex", "x,y,z", [](CallArgs& a) {
    return TopoDS_Shape(BRepBuilderAPI_MakeVertex(gp_Pnt(a.number(0), a.number(1), a.number(2))).Vertex());
  });
}

}  // namespace partsmith::script
