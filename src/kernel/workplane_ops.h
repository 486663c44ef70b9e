// Internal helpers shared by the Workplane method groups (workplane*.cpp). Not a public API.
#pragma once
#include <string>
#include <vector>

#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>

#include "kernel/kernel_error.h"
#include "kernel/workplane.h"

namespace partsmith::kernel {

// Runs `fn`, turning OCCT exceptions and (with OCC_CONVERT_SIGNALS) kernel faults into a
// KernelError of kind Geometry naming `operation`. The setjmp of OCC_CATCH_SIGNALS lives in
// this frame, which stays alive while `fn` runs.
template <class F>
auto guardOcct(const std::string& operation, F&& fn) -> decltype(fn()) {
  try {
    OCC_CATCH_SIGNALS
    return fn();
  } catch (const KernelError&) {
    throw;
  } catch (const Standard_Failure& failure) {
    std::string what = failure.GetMessageString() ? failure.GetMessageString() : "";
    std::string type = failure.DynamicType()->Name();
    std::string message = "the geometry kernel could not build this";
    if (!what.empty()) message += " (" + what + ")";
    if (type.find("SIGSEGV") != std::string::npos || type.find("Signal") != std::string::npos)
      message = "the geometry kernel crashed";
    throw KernelError(ErrorKind::Geometry, operation, message);
  }
}

struct WorkplaneOps {
  static Workplane& mut(const Workplane& wp) { return const_cast<Workplane&>(wp); }
  static WorkplanePtr make(const Workplane& from, std::vector<StackItem> objects) { return from.newObject(std::move(objects)); }
  static WorkplanePtr makeWithPlane(const Workplane& from, const Plane& plane, std::vector<StackItem> objects);

  // CadQuery _locs()/eachpoint placement: empty stack -> plane location; point/shape ->
  // translated to its centre with the plane's orientation; Location -> plane * location.
  static std::vector<Location> locations(const Workplane& wp);

  // CadQuery _findFromPoint(): end of the last edge / the last point / plane origin (world).
  static gp_Pnt currentPoint(const Workplane& wp, bool useLocalCoords = false);

  // Appends an edge to the pending edges (unless forConstruction) and returns a new
  // Workplane with the edge on its stack.
  static WorkplanePtr addEdge(const Workplane& wp, const TopoDS_Edge& edge, bool forConstruction);
  // Appends wires to the pending wires (unless forConstruction); they go on the new stack.
  static WorkplanePtr addWires(const Workplane& wp, const std::vector<TopoDS_Wire>& wires, bool forConstruction);
  // Builds one wire from the pending edges (clearing them) and adds it to the pending wires.
  static TopoDS_Wire consumePendingEdgesAsWire(const Workplane& wp, const std::string& operation);

  // CadQuery _getFaces(): faces on the stack, else all pending wires made into faces by
  // nesting (inner wires become holes). Throws "No pending wires present" when empty.
  static std::vector<TopoDS_Face> takeFaces(const Workplane& wp, const std::string& operation);
  // Nests wires into faces (outer wire + holes); all wires must be planar and coplanar.
  static std::vector<TopoDS_Face> wiresToFaces(const std::vector<TopoDS_Wire>& wires, const std::string& operation);
  // The same nesting without building the faces, so holes may overlap each other (sweep
  // sweeps every wire on its own and cuts the holes, as CadQuery's Solid.sweep does).
  struct WireGroup {
    TopoDS_Wire outer;
    std::vector<TopoDS_Wire> holes;
  };
  static std::vector<WireGroup> nestWires(const std::vector<TopoDS_Wire>& wires, const std::string& operation);
  // takeFaces() as outlines with holes: faces on the stack give their wires; otherwise the
  // pending wires are popped and nested with nestWires().
  static std::vector<WireGroup> takeProfiles(const Workplane& wp, const std::string& operation);

  // CadQuery _combineWithBase / the combine argument: fuse or cut the new shapes with the
  // context solid, or leave them separate; then clean. Returns the new Workplane.
  static WorkplanePtr combineNew(const Workplane& wp, const std::vector<TopoDS_Shape>& created, Combine combine,
                                 bool clean, const std::string& operation);
  // The context solid, or an Api error naming `operation`.
  static TopoDS_Shape requireSolid(const Workplane& wp, const std::string& operation);

  // Checked booleans (IsDone, HasErrors, non-empty result) with clear errors.
  static TopoDS_Shape fuse(const TopoDS_Shape& a, const std::vector<TopoDS_Shape>& tools, const std::string& operation,
                           bool glue = false, std::optional<double> tol = std::nullopt);
  static TopoDS_Shape cut(const TopoDS_Shape& a, const std::vector<TopoDS_Shape>& tools, const std::string& operation,
                          std::optional<double> tol = std::nullopt);
  static TopoDS_Shape intersect(const TopoDS_Shape& a, const std::vector<TopoDS_Shape>& tools,
                                const std::string& operation, std::optional<double> tol = std::nullopt);

  // Shapes of a ShapeSource (a Workplane's stack shapes, or the shape itself).
  static std::vector<TopoDS_Shape> shapesOf(const ShapeSource& source);
  // Solids of a ShapeSource (CadQuery union() takes only a Workplane's solids()).
  static std::vector<TopoDS_Shape> solidsOfSource(const ShapeSource& source);

  static TopoDS_Shape locate(const TopoDS_Shape& shape, const Location& loc);

  // Argument checks that give CadQuery-style messages.
  static void requirePositive(const std::string& operation, const std::string& argument, double value);
  static void requireFinite(const std::string& operation, const std::string& argument, double value);
  // requirePositive for a dimension of a shape, which must also be at least kMinSize: below
  // it, edges vanish into OCCT's 1e-7 mm tolerance and builds fail or return empty solids.
  static constexpr double kMinSize = 1e-4;
  static void requireSize(const std::string& operation, const std::string& argument, double value);
};

}  // namespace partsmith::kernel
