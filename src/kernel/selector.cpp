#include "kernel/selector.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>
#include <utility>

#include <BRepAdaptor_Curve.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_MapOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Edge.hxx>
#include <TopoDS_Face.hxx>
#include <TopoDS_Wire.hxx>
#include <gp_Circ.hxx>
#include <gp_Pnt.hxx>
#include <gp_Vec.hxx>

#include "kernel/kernel_error.h"
#include "kernel/selector_classes.h"
#include "kernel/shape_utils.h"

namespace partsmith::kernel {
namespace {

using Shapes = std::vector<TopoDS_Shape>;

std::string formatVec(const gp_Vec& v) {
  return "(" + formatNumber(v.X()) + ", " + formatNumber(v.Y()) + ", " + formatNumber(v.Z()) + ")";
}

std::string orDefault(const std::string& text, const std::string& fallback) {
  return text.empty() ? fallback : text;
}

// Distinct objects of `objects` (IsSame identity) that satisfy `keep`, in input order.
Shapes keepDistinct(const Shapes& objects, const std::function<bool(const TopoDS_Shape&)>& keep) {
  Shapes out;
  TopTools_MapOfShape seen;
  for (const auto& s : objects) {
    if (!seen.Add(s)) continue;
    if (keep(s)) out.push_back(s);
  }
  return out;
}

TopTools_MapOfShape toMap(const Shapes& shapes) {
  TopTools_MapOfShape map;
  for (const auto& s : shapes) map.Add(s);
  return map;
}

// Tangent of the underlying curve at its mid-parameter, ignoring the edge orientation:
// CadQuery's Edge.tangentAt() evaluates BRepAdaptor_Curve the same way.
gp_Vec curveTangent(const TopoDS_Edge& edge) {
  BRepAdaptor_Curve curve(edge);
  gp_Pnt p;
  gp_Vec d;
  curve.D1((curve.FirstParameter() + curve.LastParameter()) / 2, p, d);
  return d;
}

// The vector CadQuery's direction selectors test: planar face normal or LINE edge tangent.
std::optional<gp_Vec> testVector(const TopoDS_Shape& s) {
  if (s.IsNull()) return std::nullopt;
  if (s.ShapeType() == TopAbs_FACE && isPlanarFace(s)) return gp_Vec(faceNormalAt(s));
  if (s.ShapeType() == TopAbs_EDGE && geomType(s) == "LINE") {
    gp_Vec t = curveTangent(TopoDS::Edge(s));
    if (t.Magnitude() < 1e-12) return std::nullopt;
    return t.Normalized();
  }
  return std::nullopt;
}

class DirSelector : public Selector {
 public:
  enum class Mode { Parallel, Perpendicular, Direction };
  DirSelector(Mode mode, const gp_Vec& dir, std::string text, double tol)
      : m_mode(mode), m_dir(dir), m_text(std::move(text)), m_tol(tol) {
    if (m_text.empty()) {
      const char* names[] = {"ParallelDirSelector", "PerpendicularDirSelector", "DirectionSelector"};
      m_text = std::string(names[static_cast<int>(mode)]) + "(" + formatVec(dir) + ")";
    }
    if (dir.Magnitude() < 1e-12)
      throwApiError("selector", "selector '" + m_text + "' has a zero-length direction",
                    "give a direction such as Z, XY or (0, 0, 1)");
  }

  Shapes filter(const Shapes& objects) const override {
    Shapes out;
    for (const auto& s : objects) {
      auto v = testVector(s);
      if (v && test(*v)) out.push_back(s);
    }
    return out;
  }
  std::string describe() const override { return m_text; }

 private:
  bool test(const gp_Vec& v) const {
    switch (m_mode) {
      case Mode::Parallel: return m_dir.Crossed(v).Magnitude() < m_tol;
      case Mode::Perpendicular: return std::abs(m_dir.Angle(v) - M_PI / 2) < m_tol;
      case Mode::Direction: return m_dir.Angle(v) < m_tol;
    }
    return false;
  }

  Mode m_mode;
  gp_Vec m_dir;
  std::string m_text;
  double m_tol;
};

const std::vector<std::string>& geomTypeNames() {
  static const std::vector<std::string> names = {
      "PLANE", "CYLINDER", "CONE",   "SPHERE",    "TORUS",     "BEZIER",   "BSPLINE", "REVOLUTION",
      "EXTRUSION", "OFFSET", "OTHER", "LINE",    "CIRCLE",    "ELLIPSE", "HYPERBOLA", "PARABOLA"};
  return names;
}

class TypeSel : public Selector {
 public:
  TypeSel(std::string type, std::string text) : m_type(std::move(type)), m_text(std::move(text)) {
    std::transform(m_type.begin(), m_type.end(), m_type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (m_text.empty()) m_text = "%" + m_type;
    const auto& names = geomTypeNames();
    if (std::find(names.begin(), names.end(), m_type) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      throwApiError("selector", "unknown geometry type '" + m_type + "' in selector '" + m_text + "'",
                    "valid types: " + list);
    }
  }
  Shapes filter(const Shapes& objects) const override {
    Shapes out;
    for (const auto& s : objects)
      if (geomType(s) == m_type) out.push_back(s);
    return out;
  }
  std::string describe() const override { return m_text; }

 private:
  std::string m_type;
  std::string m_text;
};

// Base of the Nth family: key, sort, cluster, pick one group.
class NthSelector : public Selector {
 public:
  NthSelector(int n, bool directionMax, std::string text, double tol)
      : m_n(n), m_max(directionMax), m_text(std::move(text)), m_tol(tol) {}

  Shapes filter(const Shapes& objects) const override { return pick(objects); }
  std::string describe() const override { return m_text; }

 protected:
  // nullopt = this object has no key and is skipped (CadQuery's ValueError in key()).
  virtual std::optional<double> key(const TopoDS_Shape& s) const = 0;
  virtual std::string keyName() const = 0;

  Shapes pick(const Shapes& objects) const {
    if (objects.empty())
      throwApiError("selector", "selector '" + m_text + "' has nothing to choose from: the selection is empty",
                    "check the selection before this selector");
    std::vector<std::pair<double, size_t>> keyed;
    for (size_t i = 0; i < objects.size(); ++i)
      if (auto k = key(objects[i])) keyed.emplace_back(*k, i);
    if (keyed.empty())
      throwApiError("selector", "selector '" + m_text + "' found no object with a " + keyName() + " among " +
                                    std::to_string(objects.size()) + " candidates");
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::vector<size_t>> groups(1);
    double start = keyed.front().first;
    for (const auto& [k, i] : keyed) {
      if (std::abs(k - start) <= m_tol) {
        groups.back().push_back(i);
      } else {
        groups.push_back({i});
        start = k;
      }
    }
    if (!m_max) std::reverse(groups.begin(), groups.end());
    const long count = static_cast<long>(groups.size());
    const long index = m_n < 0 ? count + m_n : m_n;
    if (index < 0 || index >= count)
      throwApiError("selector",
                    "selector '" + m_text + "' asks for index " + std::to_string(m_n) + " but only " +
                        std::to_string(count) + (count == 1 ? " group exists" : " groups exist"),
                    "use an index from 0 to " + std::to_string(count - 1) + ", or from -" +
                        std::to_string(count) + " to -1 to count from the other end");
    std::vector<size_t> chosen = groups[static_cast<size_t>(index)];
    std::sort(chosen.begin(), chosen.end());  // input order, deterministic
    Shapes out;
    for (size_t i : chosen) out.push_back(objects[i]);
    return out;
  }

  int m_n;
  bool m_max;
  std::string m_text;
  double m_tol;
};

class CenterNth : public NthSelector {
 public:
  CenterNth(const gp_Vec& dir, int n, bool max, std::string text, double tol)
      : NthSelector(n, max, std::move(text), tol), m_dir(dir) {
    if (m_text.empty())
      m_text = "CenterNthSelector(" + formatVec(dir) + ", " + std::to_string(n) + (max ? "" : ", false") + ")";
  }

 protected:
  std::optional<double> key(const TopoDS_Shape& s) const override {
    if (s.IsNull()) return std::nullopt;
    return gp_Vec(shapeCenter(s).XYZ()).Dot(m_dir);
  }
  std::string keyName() const override { return "centre"; }
  gp_Vec m_dir;
};

class DirectionNth : public CenterNth {
 public:
  DirectionNth(const gp_Vec& dir, int n, bool max, std::string text, double tol)
      : CenterNth(dir, n, max, text.empty() ? "DirectionNthSelector(" + formatVec(dir) + ", " +
                                                   std::to_string(n) + (max ? "" : ", false") + ")"
                                             : text,
                  tol),
        m_parallel(DirSelector::Mode::Parallel, dir, m_text, tol) {}

  Shapes filter(const Shapes& objects) const override {
    Shapes parallel = m_parallel.filter(objects);
    if (parallel.empty() && !objects.empty())
      throwApiError("selector",
                    "selector '" + m_text + "' found no planar face or straight edge parallel to " +
                        formatVec(m_dir) + " among " + std::to_string(objects.size()) + " candidates",
                    "an index ([n]) keeps only planar faces / straight edges parallel to the direction; "
                    "use '>>' or '<<' with an index to rank any shape by its centre");
    return pick(parallel);
  }

 private:
  DirSelector m_parallel;
};

std::optional<double> circleRadius(const TopoDS_Shape& s) {
  if (s.ShapeType() == TopAbs_EDGE) {
    const TopoDS_Edge& e = TopoDS::Edge(s);
    if (BRep_Tool::Degenerated(e)) return std::nullopt;
    BRepAdaptor_Curve c(e);
    if (c.GetType() == GeomAbs_Circle) return c.Circle().Radius();
    return std::nullopt;
  }
  if (s.ShapeType() == TopAbs_WIRE) {
    // A wire has a radius when all its edges lie on one circle.
    std::optional<gp_Circ> first;
    for (TopExp_Explorer ex(s, TopAbs_EDGE); ex.More(); ex.Next()) {
      const TopoDS_Edge& e = TopoDS::Edge(ex.Current());
      if (BRep_Tool::Degenerated(e)) continue;
      BRepAdaptor_Curve c(e);
      if (c.GetType() != GeomAbs_Circle) return std::nullopt;
      gp_Circ circ = c.Circle();
      if (!first) {
        first = circ;
      } else if (std::abs(circ.Radius() - first->Radius()) > 1e-7 ||
                 circ.Location().Distance(first->Location()) > 1e-7) {
        return std::nullopt;
      }
    }
    if (first) return first->Radius();
  }
  return std::nullopt;
}

class RadiusNth : public NthSelector {
 public:
  using NthSelector::NthSelector;

 protected:
  std::optional<double> key(const TopoDS_Shape& s) const override {
    if (s.IsNull()) return std::nullopt;
    return circleRadius(s);
  }
  std::string keyName() const override { return "radius (circular edge or wire)"; }
};

class LengthNth : public NthSelector {
 public:
  using NthSelector::NthSelector;

 protected:
  std::optional<double> key(const TopoDS_Shape& s) const override {
    if (s.IsNull() || (s.ShapeType() != TopAbs_EDGE && s.ShapeType() != TopAbs_WIRE)) return std::nullopt;
    return shapeLength(s);
  }
  std::string keyName() const override { return "length (edge or wire)"; }
};

class AreaNth : public NthSelector {
 public:
  using NthSelector::NthSelector;

 protected:
  std::optional<double> key(const TopoDS_Shape& s) const override {
    if (s.IsNull()) return std::nullopt;
    switch (s.ShapeType()) {
      case TopAbs_FACE:
      case TopAbs_SHELL:
      case TopAbs_SOLID:
        return shapeArea(s);
      case TopAbs_WIRE: {
        BRepBuilderAPI_MakeFace face(TopoDS::Wire(s), /*OnlyPlane=*/true);
        if (!face.IsDone()) return std::nullopt;
        return std::abs(shapeArea(face.Face()));
      }
      default:
        return std::nullopt;
    }
  }
  std::string keyName() const override { return "area (face, shell, solid or closed planar wire)"; }
};

class NearestToPoint : public Selector {
 public:
  NearestToPoint(const gp_Pnt& p, std::string text) : m_point(p), m_text(std::move(text)) {
    if (m_text.empty())
      m_text = "NearestToPointSelector(" + formatVec(gp_Vec(p.XYZ())) + ")";
  }
  Shapes filter(const Shapes& objects) const override {
    if (objects.empty()) return {};
    size_t best = 0;
    double bestDist = 0;
    for (size_t i = 0; i < objects.size(); ++i) {
      double d = shapeCenter(objects[i]).Distance(m_point);
      if (i == 0 || d < bestDist) {
        best = i;
        bestDist = d;
      }
    }
    return {objects[best]};
  }
  std::string describe() const override { return m_text; }

 private:
  gp_Pnt m_point;
  std::string m_text;
};

class BoxSel : public Selector {
 public:
  BoxSel(const gp_Pnt& p0, const gp_Pnt& p1, bool bb, std::string text)
      : m_p0(p0), m_p1(p1), m_bb(bb), m_text(std::move(text)) {
    if (m_text.empty())
      m_text = "BoxSelector(" + formatVec(gp_Vec(p0.XYZ())) + ", " + formatVec(gp_Vec(p1.XYZ())) +
               (bb ? ", true" : "") + ")";
  }
  Shapes filter(const Shapes& objects) const override {
    Shapes out;
    for (const auto& s : objects) {
      bool inside;
      if (m_bb) {
        Bnd_Box box = tightBoundingBox(s);
        if (box.IsVoid()) continue;
        double x0, y0, z0, x1, y1, z1;
        box.Get(x0, y0, z0, x1, y1, z1);
        inside = isInside(gp_Pnt(x0, y0, z0)) && isInside(gp_Pnt(x1, y1, z1));
      } else {
        inside = isInside(shapeCenter(s));
      }
      if (inside) out.push_back(s);
    }
    return out;
  }
  std::string describe() const override { return m_text; }

 private:
  // XOR of the two comparisons: inside whatever order the corners were given in.
  bool isInside(const gp_Pnt& p) const {
    return ((p.X() < m_p0.X()) != (p.X() < m_p1.X())) && ((p.Y() < m_p0.Y()) != (p.Y() < m_p1.Y())) &&
           ((p.Z() < m_p0.Z()) != (p.Z() < m_p1.Z()));
  }
  gp_Pnt m_p0, m_p1;
  bool m_bb;
  std::string m_text;
};

// and / or / exc / not. CadQuery returns Python sets (arbitrary order); we return the
// distinct input objects that qualify, in input order, so results are reproducible.
class BoolSelector : public Selector {
 public:
  enum class Op { And, Or, Subtract, Not };
  BoolSelector(Op op, SelectorPtr a, SelectorPtr b) : m_op(op), m_a(std::move(a)), m_b(std::move(b)) {}

  Shapes filter(const Shapes& objects) const override {
    TopTools_MapOfShape a = toMap(m_a->filter(objects));
    if (m_op == Op::Not) return keepDistinct(objects, [&](const TopoDS_Shape& s) { return !a.Contains(s); });
    TopTools_MapOfShape b = toMap(m_b->filter(objects));
    switch (m_op) {
      case Op::And: return keepDistinct(objects, [&](const TopoDS_Shape& s) { return a.Contains(s) && b.Contains(s); });
      case Op::Or: return keepDistinct(objects, [&](const TopoDS_Shape& s) { return a.Contains(s) || b.Contains(s); });
      default: return keepDistinct(objects, [&](const TopoDS_Shape& s) { return a.Contains(s) && !b.Contains(s); });
    }
  }
  std::string describe() const override {
    switch (m_op) {
      case Op::And: return "(" + m_a->describe() + " and " + m_b->describe() + ")";
      case Op::Or: return "(" + m_a->describe() + " or " + m_b->describe() + ")";
      case Op::Subtract: return "(" + m_a->describe() + " exc " + m_b->describe() + ")";
      default: return "not (" + m_a->describe() + ")";
    }
  }

 private:
  Op m_op;
  SelectorPtr m_a, m_b;
};

class Described : public Selector {
 public:
  Described(SelectorPtr inner, std::string text) : m_inner(std::move(inner)), m_text(std::move(text)) {}
  Shapes filter(const Shapes& objects) const override { return m_inner->filter(objects); }
  std::string describe() const override { return m_text; }

 private:
  SelectorPtr m_inner;
  std::string m_text;
};

SelectorPtr requireSelector(SelectorPtr s, const char* what) {
  if (!s) throwApiError("selector", std::string("missing selector for ") + what);
  return s;
}

}  // namespace

SelectorPtr parallelDirSelector(const gp_Vec& direction, const std::string& text, double tolerance) {
  return std::make_shared<DirSelector>(DirSelector::Mode::Parallel, direction, text, tolerance);
}
SelectorPtr perpendicularDirSelector(const gp_Vec& direction, const std::string& text, double tolerance) {
  return std::make_shared<DirSelector>(DirSelector::Mode::Perpendicular, direction, text, tolerance);
}
SelectorPtr directionSelector(const gp_Vec& direction, const std::string& text, double tolerance) {
  return std::make_shared<DirSelector>(DirSelector::Mode::Direction, direction, text, tolerance);
}
SelectorPtr typeSelector(const std::string& type, const std::string& text) {
  return std::make_shared<TypeSel>(type, text);
}
SelectorPtr centerNthSelector(const gp_Vec& direction, int n, bool directionMax, const std::string& text,
                              double tolerance) {
  return std::make_shared<CenterNth>(direction, n, directionMax, text, tolerance);
}
SelectorPtr directionMinMaxSelector(const gp_Vec& direction, bool directionMax, const std::string& text,
                                    double tolerance) {
  return std::make_shared<CenterNth>(
      direction, -1, directionMax,
      orDefault(text, "DirectionMinMaxSelector(" + formatVec(direction) + (directionMax ? "" : ", false") + ")"),
      tolerance);
}
SelectorPtr directionNthSelector(const gp_Vec& direction, int n, bool directionMax, const std::string& text,
                                 double tolerance) {
  return std::make_shared<DirectionNth>(direction, n, directionMax, text, tolerance);
}
SelectorPtr radiusNthSelector(int n, bool directionMax, const std::string& text, double tolerance) {
  return std::make_shared<RadiusNth>(
      n, directionMax,
      orDefault(text, "RadiusNthSelector(" + std::to_string(n) + (directionMax ? "" : ", false") + ")"), tolerance);
}
SelectorPtr lengthNthSelector(int n, bool directionMax, const std::string& text, double tolerance) {
  return std::make_shared<LengthNth>(
      n, directionMax,
      orDefault(text, "LengthNthSelector(" + std::to_string(n) + (directionMax ? "" : ", false") + ")"), tolerance);
}
SelectorPtr areaNthSelector(int n, bool directionMax, const std::string& text, double tolerance) {
  return std::make_shared<AreaNth>(
      n, directionMax,
      orDefault(text, "AreaNthSelector(" + std::to_string(n) + (directionMax ? "" : ", false") + ")"), tolerance);
}
SelectorPtr nearestToPointSelector(const gp_Pnt& point, const std::string& text) {
  return std::make_shared<NearestToPoint>(point, text);
}
SelectorPtr boxSelector(const gp_Pnt& corner0, const gp_Pnt& corner1, bool boundingBox, const std::string& text) {
  return std::make_shared<BoxSel>(corner0, corner1, boundingBox, text);
}
SelectorPtr describedSelector(SelectorPtr inner, const std::string& text) {
  return std::make_shared<Described>(requireSelector(std::move(inner), "describedSelector"), text);
}

SelectorPtr selectorAnd(SelectorPtr a, SelectorPtr b) {
  return std::make_shared<BoolSelector>(BoolSelector::Op::And, requireSelector(std::move(a), "'and'"),
                                        requireSelector(std::move(b), "'and'"));
}
SelectorPtr selectorOr(SelectorPtr a, SelectorPtr b) {
  return std::make_shared<BoolSelector>(BoolSelector::Op::Or, requireSelector(std::move(a), "'or'"),
                                        requireSelector(std::move(b), "'or'"));
}
SelectorPtr selectorSubtract(SelectorPtr a, SelectorPtr b) {
  return std::make_shared<BoolSelector>(BoolSelector::Op::Subtract, requireSelector(std::move(a), "'exc'"),
                                        requireSelector(std::move(b), "'exc'"));
}
SelectorPtr selectorNot(SelectorPtr a) {
  return std::make_shared<BoolSelector>(BoolSelector::Op::Not, requireSelector(std::move(a), "'not'"), nullptr);
}

std::vector<TopoDS_Shape> selectShapes(const std::vector<TopoDS_Shape>& objects, const std::string& text) {
  return parseSelector(text)->filter(objects);
}

}  // namespace partsmith::kernel
