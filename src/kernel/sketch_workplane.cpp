// Sketch <-> Workplane: Workplane.sketch(), placeSketch(), finalize(), and the partial copies
// (copy, moved, located). A Workplane consumes a sketch as one compound of its faces placed at
// every sketch location, which extrude/cutBlind/revolve/loft take as faces (_getFaces).
#include <BRep_Builder.hxx>
#include <TopoDS_Compound.hxx>

#include "kernel/shape_utils.h"
#include "kernel/sketch.h"
#include "kernel/workplane_ops.h"

namespace partsmith::kernel {

TopoDS_Shape Sketch::locatedFaces() const {
  auto faces = subShapes(m_faces, TopAbs_FACE);
  if (faces.empty()) return {};
  TopoDS_Compound compound;
  BRep_Builder builder;
  builder.MakeCompound(compound);
  for (const Location& loc : m_locs)
    for (const auto& f : faces) builder.Add(compound, f.Moved(loc.toTopLoc()));
  return compound;
}

WorkplanePtr Sketch::finalize() const {
  if (!m_parent)
    throwApiError("finalize", "this sketch was not made from a Workplane, so there is nothing to return to",
                  "start it with cq.Workplane(\"XY\").sketch(), or place a standalone sketch with "
                  "cq.Workplane(\"XY\").placeSketch(sketch)");
  if (faceCount() == 0) {
    if (!m_edges.empty())
      throwApiError("finalize", "the sketch has edges but no faces",
                    "turn the outline into a face with .close().assemble() before .finalize()");
    // An empty sketch (everything subtracted) leaves nothing on the stack, as CadQuery's
    // empty sketch contributes no faces.
    return WorkplaneOps::make(*m_parent, {});
  }
  return WorkplaneOps::make(*m_parent, {locatedFaces()});
}

SketchPtr Sketch::onWorkplane(const WorkplanePtr& wp) {
  return std::make_shared<Sketch>(wp, WorkplaneOps::locations(*wp));
}

WorkplanePtr Sketch::place(const WorkplanePtr& wp, const std::vector<SketchPtr>& sketches) {
  if (sketches.empty()) throwApiError("placeSketch", "needs at least one sketch");
  std::vector<StackItem> items;
  const auto locs = WorkplaneOps::locations(*wp);
  for (const auto& s : sketches) {
    if (s->faceCount() == 0)
      throwApiError("placeSketch", "a sketch passed to placeSketch has no faces",
                    "build faces first, e.g. cq.Sketch().rect(10, 5), or .assemble() an outline");
    SketchPtr placed = s->copy();
    placed->setLocations(locs);
    items.push_back(placed->locatedFaces());
  }
  return WorkplaneOps::make(*wp, std::move(items));
}

SketchPtr Sketch::copy() const {
  auto out = std::make_shared<Sketch>();
  out->setFaces(subShapes(m_faces, TopAbs_FACE));
  return out;
}

SketchPtr Sketch::moved(const Location& loc) const {
  auto out = std::make_shared<Sketch>();
  std::vector<TopoDS_Shape> faces;
  for (const auto& f : subShapes(m_faces, TopAbs_FACE)) faces.push_back(f.Moved(loc.toTopLoc()));
  out->setFaces(faces);
  return out;
}

SketchPtr Sketch::located(const Location& loc) const {
  auto out = std::make_shared<Sketch>(nullptr, std::vector<Location>{loc});
  out->setFaces(subShapes(m_faces, TopAbs_FACE));
  return out;
}

}  // namespace partsmith::kernel
