// CadQuery's Sketch: a 2D construction in its own local frame (z = 0) that is placed at one or
// more locations (a Workplane's stack locations) when the Workplane consumes it. Faces are
// combined with modes a/s/i/r/c; edges drawn with segment/arc/... become faces on assemble().
// Unlike Workplane, a Sketch is mutable: every method changes it and returns it, as in CadQuery
// (shared/reference/cadquery-api.md §3 "Sketch").
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <TopoDS_Compound.hxx>
#include <TopoDS_Edge.hxx>
#include <TopoDS_Shape.hxx>
#include <TopoDS_Wire.hxx>
#include <gp_XY.hxx>

#include "kernel/location.h"
#include "kernel/selector.h"
#include "kernel/workplane.h"

namespace partsmith::kernel {

// "a" fuse (default), "s" cut, "i" intersect, "r" replace, "c" construction (tag only).
enum class SketchMode { Add, Subtract, Intersect, Replace, Construction };
// Parses "a"/"s"/"i"/"r"/"c"; throws an Api error naming `operation` otherwise.
SketchMode parseSketchMode(const std::string& text, const std::string& operation);

// A selected or tagged object: a sub-shape of the sketch or a location from push()/rarray().
using SketchItem = std::variant<TopoDS_Shape, Location>;

class Sketch;
using SketchPtr = std::shared_ptr<Sketch>;

class Sketch {
 public:
  explicit Sketch(WorkplanePtr parent = nullptr, std::vector<Location> locs = {Location()});

  // --- faces (placed at every selected location, or at the origin) -----------------------
  Sketch& rect(double w, double h, double angle = 0, SketchMode mode = SketchMode::Add, const std::string& tag = {});
  Sketch& circle(double r, SketchMode mode = SketchMode::Add, const std::string& tag = {});
  Sketch& ellipse(double a1, double a2, double angle = 0, SketchMode mode = SketchMode::Add,
                  const std::string& tag = {});
  Sketch& trapezoid(double w, double h, double a1, std::optional<double> a2 = std::nullopt, double angle = 0,
                    SketchMode mode = SketchMode::Add, const std::string& tag = {});
  Sketch& slot(double w, double h, double angle = 0, SketchMode mode = SketchMode::Add, const std::string& tag = {});
  // First vertex on local +y (unlike Workplane.polygon).
  Sketch& regularPolygon(double r, int n, double angle = 0, SketchMode mode = SketchMode::Add,
                         const std::string& tag = {});
  Sketch& polygon(const std::vector<gp_XY>& points, double angle = 0, SketchMode mode = SketchMode::Add,
                  const std::string& tag = {});
  // face(b): a wire, a list of edges (outer wire first, the rest become holes), any shape
  // (its faces) or another sketch (its faces, in its own frame).
  Sketch& face(const TopoDS_Shape& shape, double angle = 0, SketchMode mode = SketchMode::Add,
               const std::string& tag = {}, bool ignoreSelection = false);
  Sketch& face(const std::vector<TopoDS_Edge>& edges, double angle = 0, SketchMode mode = SketchMode::Add,
               const std::string& tag = {}, bool ignoreSelection = false);
  Sketch& face(const Sketch& other, double angle = 0, SketchMode mode = SketchMode::Add, const std::string& tag = {},
               bool ignoreSelection = false);

  // --- locations --------------------------------------------------------------------------
  Sketch& push(const std::vector<Location>& locs, const std::string& tag = {});
  Sketch& rarray(double xs, double ys, int nx, int ny);  // always centred
  Sketch& parray(double r, double a1, double da, int n, bool rotate = true);
  Sketch& distribute(int n, double start = 0, double stop = 1, bool rotate = true);

  // --- selection --------------------------------------------------------------------------
  Sketch& faces(const SelectorPtr& selector = nullptr, const std::string& tag = {});
  Sketch& wires(const SelectorPtr& selector = nullptr, const std::string& tag = {});
  Sketch& edges(const SelectorPtr& selector = nullptr, const std::string& tag = {});
  Sketch& vertices(const SelectorPtr& selector = nullptr, const std::string& tag = {});
  Sketch& reset();
  Sketch& tag(const std::string& name);
  Sketch& select(const std::vector<std::string>& tags);
  Sketch& deleteSelected();
  // Replaces the selection (filter/sort/map/apply/item in the script layer).
  Sketch& setSelection(std::vector<SketchItem> items);

  // --- modifiers --------------------------------------------------------------------------
  Sketch& fillet(double d);   // selected vertices
  Sketch& chamfer(double d);  // selected vertices
  Sketch& hull(SketchMode mode = SketchMode::Add, const std::string& tag = {});
  Sketch& offset(double d, SketchMode mode = SketchMode::Add, const std::string& tag = {});  // selected wires
  Sketch& clean();
  // Selection as faces added to / cut from / replacing the sketch's faces.
  Sketch& addSelection();
  Sketch& subtractSelection();
  Sketch& replaceWithSelection();

  // --- edge-based construction ----------------------------------------------------------
  Sketch& edge(const TopoDS_Edge& edge, const std::string& tag = {}, bool forConstruction = false);
  Sketch& segment(const gp_XY& p1, const gp_XY& p2, const std::string& tag = {}, bool forConstruction = false);
  Sketch& segmentTo(const gp_XY& p2, const std::string& tag = {}, bool forConstruction = false);
  Sketch& segmentPolar(double length, double angle, const std::string& tag = {}, bool forConstruction = false);
  Sketch& arc(const gp_XY& p1, const gp_XY& p2, const gp_XY& p3, const std::string& tag = {},
              bool forConstruction = false);
  Sketch& arcTo(const gp_XY& p2, const gp_XY& p3, const std::string& tag = {}, bool forConstruction = false);
  Sketch& arcCentered(const gp_XY& center, double r, double a, double da, const std::string& tag = {},
                      bool forConstruction = false);
  Sketch& spline(const std::vector<gp_XY>& points, const std::optional<std::vector<gp_XY>>& tangents = std::nullopt,
                 bool periodic = false, const std::string& tag = {}, bool forConstruction = false);
  Sketch& bezier(const std::vector<gp_XY>& points, const std::string& tag = {}, bool forConstruction = false);
  Sketch& close(const std::string& tag = {});
  Sketch& assemble(SketchMode mode = SketchMode::Add, const std::string& tag = {});

  // --- copies and placement ----------------------------------------------------------------
  // copy/moved/located keep only the faces (as CadQuery's partial copies do).
  SketchPtr copy() const;
  SketchPtr moved(const Location& loc) const;
  SketchPtr located(const Location& loc) const;

  // The selection, else the first free edge when there are no faces, else the faces compound.
  SketchItem val() const;
  std::vector<SketchItem> vals() const;

  // --- what a Workplane consumes -----------------------------------------------------------
  const TopoDS_Compound& faceCompound() const { return m_faces; }
  size_t faceCount() const;
  const std::vector<Location>& locations() const { return m_locs; }
  void setLocations(std::vector<Location> locs) { m_locs = std::move(locs); }
  const WorkplanePtr& parent() const { return m_parent; }
  // Every face at every location (world placement), as one compound; null when no faces.
  TopoDS_Shape locatedFaces() const;
  // finalize(): the parent Workplane with the located faces on a new stack.
  WorkplanePtr finalize() const;

  // Workplane.sketch() and Workplane.placeSketch(...).
  static SketchPtr onWorkplane(const WorkplanePtr& wp);
  static WorkplanePtr place(const WorkplanePtr& wp, const std::vector<SketchPtr>& sketches);

 private:
  struct FreeEdge {
    TopoDS_Edge edge;
    bool construction = false;
  };

  // CadQuery Sketch.each(): one copy of the result per selected location (or the origin),
  // combined with the faces by `mode`.
  Sketch& placeFaces(const std::vector<TopoDS_Shape>& local, const std::string& operation, SketchMode mode,
                     const std::string& tag, bool ignoreSelection, double angle = 0);
  Sketch& faceFromEdges(const std::vector<TopoDS_Edge>& edges, double angle, SketchMode mode, const std::string& tag,
                        bool ignoreSelection, const std::string& operation);
  std::vector<Location> selectionLocations(bool ignoreSelection) const;
  Sketch& selectKind(const SelectorPtr& selector, TopAbs_ShapeEnum kind, const std::string& tag,
                     const std::string& operation);
  const std::vector<SketchItem>& requireSelection(const std::string& operation) const;
  const std::vector<SketchItem>& taggedItems(const std::string& tag, const std::string& operation) const;
  gp_Pnt endPoint(const std::string& operation) const;
  gp_Pnt startPoint(const std::string& operation) const;
  void setFaces(const std::vector<TopoDS_Shape>& faces);
  Sketch& modifyVertices(double d, bool fillet);

  WorkplanePtr m_parent;
  std::vector<Location> m_locs;
  TopoDS_Compound m_faces;
  std::vector<FreeEdge> m_edges;
  std::optional<std::vector<SketchItem>> m_selection;
  std::string m_selectionOrigin;  // how the selection was made, for "matched nothing" errors
  std::map<std::string, std::vector<SketchItem>> m_tags;
};

}  // namespace partsmith::kernel
