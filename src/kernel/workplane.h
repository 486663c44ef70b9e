// CadQuery's Workplane in C++: a stack of objects on a plane, a parent chain and a context
// shared by the whole chain (pending wires and edges, tags). Names, argument order, defaults
// and semantics follow CadQuery (shared/reference/cadquery-api.md §1-§4); the script layer
// binds this class to JavaScript one method at a time.
#pragma once
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <TopoDS_Edge.hxx>
#include <TopoDS_Face.hxx>
#include <TopoDS_Shape.hxx>
#include <TopoDS_Wire.hxx>
#include <gp_Pnt.hxx>
#include <gp_Vec.hxx>
#include <gp_XY.hxx>

#include "kernel/location.h"
#include "kernel/plane.h"
#include "kernel/selector.h"

namespace partsmith::kernel {

class Workplane;
struct TextOptions;  // kernel/text.h
using WorkplanePtr = std::shared_ptr<const Workplane>;

// One object on the stack: a shape, a point (CadQuery Vector) or a Location.
using StackItem = std::variant<TopoDS_Shape, gp_Pnt, Location>;

// CadQuery's CombineMode: true/"a" fuse with the context solid, "s"/"cut" cut from it,
// false keep the new shape(s) separate on the stack.
enum class Combine { Union, Cut, None };

enum class CenterOption { ProjectedOrigin, CenterOfMass, CenterOfBoundBox };

using Centered2 = std::array<bool, 2>;
using Centered3 = std::array<bool, 3>;

// extrude/cutBlind target: a distance, "next", "last" or a face.
struct ExtentUntil {
  enum class Kind { Distance, Next, Last, Face };
  Kind kind = Kind::Distance;
  double distance = 0;
  TopoDS_Face face;
  static ExtentUntil of(double d) { return {Kind::Distance, d, {}}; }
};

// A boolean operand or sweep path: another chain's objects or a bare shape.
using ShapeSource = std::variant<WorkplanePtr, TopoDS_Shape>;

// mirror() plane: a named plane ("XY", "YZ", ...), a normal vector, or a face.
using MirrorPlane = std::variant<std::string, gp_Vec, TopoDS_Face>;

struct SweepOptions {
  bool multisection = false;
  bool makeSolid = true;
  bool isFrenet = false;
  Combine combine = Combine::Union;
  bool clean = true;
  std::string transition = "right";  // right | round | transformed
  std::optional<gp_Vec> normal;
  std::optional<ShapeSource> auxSpine;
};

struct SplineOptions {
  // One tangent per point (nullopt = no constraint at that point, as CadQuery's None), or just
  // the start and end tangents. Local coordinates of the plane; 2D tangents have z = 0.
  std::optional<std::vector<std::optional<gp_XYZ>>> tangents;
  bool periodic = false;
  std::optional<std::vector<double>> parameters;
  bool scale = true;
  std::optional<double> tol;
  bool forConstruction = false;
  bool includeCurrent = false;
  bool makeWire = false;
};

// State shared by every Workplane of one chain (CadQuery's CQContext).
struct WorkplaneContext {
  std::vector<TopoDS_Wire> pendingWires;
  std::vector<TopoDS_Edge> pendingEdges;
  std::optional<gp_Pnt> firstPoint;  // world position where the pending edge chain started
  double tolerance = 1e-4;
  std::map<std::string, WorkplanePtr> tags;
};

class Workplane : public std::enable_shared_from_this<Workplane> {
 public:
  // --- construction --------------------------------------------------------------------
  static WorkplanePtr create(const Plane& plane);
  static WorkplanePtr create(const std::string& planeName = "XY", const gp_Pnt& origin = gp_Pnt(0, 0, 0));
  // Workplane(obj): plane XY, the object on the stack.
  static WorkplanePtr fromObject(const StackItem& item);

  const std::vector<StackItem>& objects() const { return m_objects; }
  const Plane& plane() const { return m_plane; }
  WorkplanePtr parent() const { return m_parent; }
  const std::shared_ptr<WorkplaneContext>& context() const { return m_ctx; }
  const std::string& tagName() const { return m_tag; }

  WorkplanePtr newObject(std::vector<StackItem> objects) const;

  // --- workplanes and points -----------------------------------------------------------
  WorkplanePtr workplane(double offset = 0.0, bool invert = false,
                         CenterOption centerOption = CenterOption::ProjectedOrigin,
                         const std::optional<gp_Pnt>& origin = std::nullopt) const;
  WorkplanePtr transformed(const gp_Vec& rotate = gp_Vec(0, 0, 0), const gp_Vec& offset = gp_Vec(0, 0, 0)) const;
  WorkplanePtr center(double x, double y) const;
  WorkplanePtr moveTo(double x = 0, double y = 0) const;
  WorkplanePtr move(double dx = 0, double dy = 0) const;
  WorkplanePtr copyWorkplane(const WorkplanePtr& other) const;
  WorkplanePtr workplaneFromTagged(const std::string& name) const;

  // --- 3D primitives (one per stack location) -----------------------------------------
  WorkplanePtr box(double length, double width, double height, Centered3 centered = {true, true, true},
                   Combine combine = Combine::Union, bool clean = true) const;
  WorkplanePtr sphere(double radius, const gp_Dir& direct = gp_Dir(0, 0, 1), double angle1 = -90,
                      double angle2 = 90, double angle3 = 360, Centered3 centered = {true, true, true},
                      Combine combine = Combine::Union, bool clean = true) const;
  WorkplanePtr cylinder(double height, double radius, const gp_Dir& direct = gp_Dir(0, 0, 1), double angle = 360,
                        Centered3 centered = {true, true, true}, Combine combine = Combine::Union,
                        bool clean = true) const;
  WorkplanePtr wedge(double dx, double dy, double dz, double xmin, double zmin, double xmax, double zmax,
                     const gp_Pnt& pnt = gp_Pnt(0, 0, 0), const gp_Dir& dir = gp_Dir(0, 0, 1),
                     Centered3 centered = {true, true, true}, Combine combine = Combine::Union,
                     bool clean = true) const;

  // --- 2D: closed shapes (wires go straight to the pending wires) ----------------------
  WorkplanePtr rect(double xLen, double yLen, Centered2 centered = {true, true}, bool forConstruction = false) const;
  WorkplanePtr circle(double radius, bool forConstruction = false) const;
  WorkplanePtr ellipse(double xRadius, double yRadius, double rotationAngle = 0, bool forConstruction = false) const;
  WorkplanePtr polygon(int nSides, double diameter, bool forConstruction = false, bool circumscribed = false) const;
  WorkplanePtr slot2D(double length, double diameter, double angle = 0) const;

  // --- 2D: edges (appended to the pending edges) ---------------------------------------
  WorkplanePtr polyline(const std::vector<gp_XY>& points, bool forConstruction = false,
                        bool includeCurrent = false) const;
  WorkplanePtr lineTo(double x, double y, bool forConstruction = false) const;
  WorkplanePtr line(double xDist, double yDist, bool forConstruction = false) const;
  WorkplanePtr hLine(double distance, bool forConstruction = false) const;
  WorkplanePtr vLine(double distance, bool forConstruction = false) const;
  WorkplanePtr hLineTo(double x, bool forConstruction = false) const;
  WorkplanePtr vLineTo(double y, bool forConstruction = false) const;
  WorkplanePtr polarLine(double distance, double angle, bool forConstruction = false) const;
  WorkplanePtr polarLineTo(double distance, double angle, bool forConstruction = false) const;
  WorkplanePtr threePointArc(const gp_XY& point1, const gp_XY& point2, bool forConstruction = false) const;
  WorkplanePtr sagittaArc(const gp_XY& endPoint, double sag, bool forConstruction = false) const;
  WorkplanePtr radiusArc(const gp_XY& endPoint, double radius, bool forConstruction = false) const;
  WorkplanePtr tangentArcPoint(const gp_XY& endpoint, bool forConstruction = false, bool relative = true) const;
  // A 3D end point (local coordinates, z along the plane normal), as CadQuery accepts.
  WorkplanePtr tangentArcPoint(const gp_XYZ& endpoint, bool forConstruction = false, bool relative = true) const;
  WorkplanePtr spline(const std::vector<gp_XY>& points, const SplineOptions& options = {}) const;
  // Points in local 3D coordinates (CadQuery's toWorldCoords of 3-tuples).
  WorkplanePtr spline(const std::vector<gp_XYZ>& points, const SplineOptions& options = {}) const;
  WorkplanePtr close() const;
  WorkplanePtr wire(bool forConstruction = false) const;

  // --- point patterns -------------------------------------------------------------------
  WorkplanePtr pushPoints(const std::vector<StackItem>& points) const;  // gp_Pnt in local coords
  WorkplanePtr rarray(double xSpacing, double ySpacing, int xCount, int yCount,
                      Centered2 center = {true, true}) const;
  WorkplanePtr polarArray(double radius, double startAngle, double angle, int count, bool fill = true,
                          bool rotate = true) const;

  // --- 3D features ----------------------------------------------------------------------
  WorkplanePtr extrude(const ExtentUntil& until, Combine combine = Combine::Union, bool clean = true,
                       bool both = false, std::optional<double> taper = std::nullopt) const;
  WorkplanePtr cutBlind(const ExtentUntil& until, bool clean = true, bool both = false,
                        std::optional<double> taper = std::nullopt) const;
  WorkplanePtr cutThruAll(bool clean = true, double taper = 0) const;
  WorkplanePtr twistExtrude(double distance, double angleDegrees, Combine combine = Combine::Union,
                            bool clean = true) const;
  WorkplanePtr revolve(double angleDegrees = 360, const std::optional<gp_XYZ>& axisStart = std::nullopt,
                       const std::optional<gp_XYZ>& axisEnd = std::nullopt, Combine combine = Combine::Union,
                       bool clean = true) const;
  WorkplanePtr loft(bool ruled = false, Combine combine = Combine::Union, bool clean = true) const;
  WorkplanePtr sweep(const ShapeSource& path, const SweepOptions& options = {}) const;
  WorkplanePtr hole(double diameter, std::optional<double> depth = std::nullopt, bool clean = true) const;
  WorkplanePtr cboreHole(double diameter, double cboreDiameter, double cboreDepth,
                         std::optional<double> depth = std::nullopt, bool clean = true) const;
  WorkplanePtr cskHole(double diameter, double cskDiameter, double cskAngle,
                       std::optional<double> depth = std::nullopt, bool clean = true) const;
  WorkplanePtr fillet(double radius) const;
  WorkplanePtr chamfer(double length, std::optional<double> length2 = std::nullopt) const;
  WorkplanePtr shell(double thickness, const std::string& kind = "arc") const;
  WorkplanePtr split(bool keepTop, bool keepBottom) const;
  WorkplanePtr split(const ShapeSource& splitter) const;

  // --- booleans and transforms ----------------------------------------------------------
  WorkplanePtr unionWith(const std::optional<ShapeSource>& other = std::nullopt, bool clean = true,
                         bool glue = false, std::optional<double> tol = std::nullopt) const;
  WorkplanePtr cut(const ShapeSource& other, bool clean = true, std::optional<double> tol = std::nullopt) const;
  WorkplanePtr intersect(const ShapeSource& other, bool clean = true,
                         std::optional<double> tol = std::nullopt) const;
  WorkplanePtr combine(bool clean = true, bool glue = false, std::optional<double> tol = std::nullopt) const;
  WorkplanePtr translate(const gp_Vec& v) const;
  WorkplanePtr rotate(const gp_Pnt& axisStart, const gp_Pnt& axisEnd, double angleDegrees) const;
  WorkplanePtr rotateAboutCenter(const gp_Vec& axisEnd, double angleDegrees) const;
  WorkplanePtr mirror(const MirrorPlane& plane = std::string("XY"),
                      const std::optional<gp_Pnt>& basePoint = std::nullopt, bool unionResult = false) const;

  // --- selection ------------------------------------------------------------------------
  // `selector` may be null (all); `tag` selects from the tagged object instead of this one.
  WorkplanePtr faces(const SelectorPtr& selector = nullptr, const std::string& tag = {}) const;
  WorkplanePtr edges(const SelectorPtr& selector = nullptr, const std::string& tag = {}) const;
  WorkplanePtr vertices(const SelectorPtr& selector = nullptr, const std::string& tag = {}) const;
  WorkplanePtr wires(const SelectorPtr& selector = nullptr, const std::string& tag = {}) const;
  WorkplanePtr solids(const SelectorPtr& selector = nullptr, const std::string& tag = {}) const;
  WorkplanePtr shells(const SelectorPtr& selector = nullptr, const std::string& tag = {}) const;
  WorkplanePtr compounds(const SelectorPtr& selector = nullptr, const std::string& tag = {}) const;

  // --- stack ----------------------------------------------------------------------------
  // tag() mutates this object (as CadQuery does) and returns it.
  WorkplanePtr tag(const std::string& name) const;
  WorkplanePtr end(int n = 1) const;
  // val(): first object, or the plane origin for an empty stack.
  StackItem val() const;
  std::vector<StackItem> vals() const { return m_objects; }
  WorkplanePtr item(int index) const;  // negative counts from the end
  WorkplanePtr first() const { return item(0); }
  WorkplanePtr last() const { return item(-1); }
  size_t size() const { return m_objects.size(); }
  std::vector<WorkplanePtr> all() const;
  // add() mutates this object's stack (as CadQuery does) and returns it.
  WorkplanePtr add(const std::vector<StackItem>& items) const;
  WorkplanePtr add(const WorkplanePtr& other) const;
  WorkplanePtr each(const std::function<TopoDS_Shape(const StackItem&)>& fn, bool useLocalCoordinates = false,
                    Combine combine = Combine::Union, bool clean = true) const;
  WorkplanePtr eachpoint(const std::function<TopoDS_Shape(const Location&)>& fn, bool useLocalCoordinates = false,
                         Combine combine = Combine::None, bool clean = true) const;
  // CadQuery cutEach: `fn` builds a tool at each stack location; all tools are cut from the
  // context solid (an error without one).
  WorkplanePtr cutEach(const std::function<TopoDS_Shape(const Location&)>& fn, bool useLocalCoordinates = false,
                       bool clean = true) const;
  WorkplanePtr toPending() const;  // mutates: stack wires/edges -> pending
  WorkplanePtr clean() const;

  // The context solid: first stack (this, then parents) holding solids, gathered into one
  // shape. Returns a null shape when there is none.
  TopoDS_Shape findSolid() const;
  double largestDimension() const;

  // Every shape on the stack (for show(), export, facts).
  std::vector<TopoDS_Shape> shapes() const;
  // The shapes to show for this chain: the stack's shapes, or the context solid if none.
  TopoDS_Shape toShape() const;

  // --- more 2D and topology (workplane_curves.cpp, workplane_topology.cpp, text.cpp) ------
  // Points are local 2D/3D coordinates of the plane (CadQuery _toVectors).
  WorkplanePtr bezier(const std::vector<gp_XYZ>& points, bool forConstruction = false, bool includeCurrent = false,
                      bool makeWire = false) const;
  WorkplanePtr ellipseArc(double xRadius, double yRadius, double angle1 = 360, double angle2 = 360,
                          double rotationAngle = 0, int sense = 1, bool forConstruction = false,
                          bool startAtCurrent = true, bool makeWire = false) const;
  // `func` maps t in [start, stop] to a local point; sampled N + 1 times and approximated.
  WorkplanePtr parametricCurve(const std::function<gp_XYZ(double)>& func, int N = 400, double start = 0,
                               double stop = 1, double tol = 1e-6, int minDeg = 1, int maxDeg = 6,
                               bool makeWire = true) const;
  WorkplanePtr mirrorX() const;
  WorkplanePtr mirrorY() const;
  WorkplanePtr consolidateWires() const;
  WorkplanePtr offset2D(double d, const std::string& kind = "arc", bool forConstruction = false) const;
  WorkplanePtr section(double height = 0.0) const;
  WorkplanePtr ancestors(const std::string& kind, const std::string& tag = {}) const;
  WorkplanePtr siblings(const std::string& kind, int level = 1, const std::string& tag = {}) const;
  WorkplanePtr text(const std::string& txt, double fontsize, double distance, const TextOptions& options) const;

 private:
  Workplane(const Plane& plane, std::shared_ptr<WorkplaneContext> ctx);

  mutable std::vector<StackItem> m_objects;
  Plane m_plane;
  WorkplanePtr m_parent;
  std::shared_ptr<WorkplaneContext> m_ctx;
  mutable std::string m_tag;

  // Implementation helpers shared by the method groups (workplane_*.cpp).
  friend struct WorkplaneOps;
};

}  // namespace partsmith::kernel
