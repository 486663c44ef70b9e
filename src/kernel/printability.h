// Printability hints for the facts: bed candidate, overhangs and a wall-thickness estimate.
#pragma once
#include <TopoDS_Shape.hxx>

#include "kernel/facts.h"

namespace partsmith::kernel {

class PrintabilityEstimator {
 public:
  // Z is up and the part sits on its lowest Z plane (`bedZ`).
  // - largestFlatFaceArea: the largest planar face.
  // - overhangArea: faces whose outward normal points down more than 45° from vertical
  //   (n·(-Z) > cos 45°), except down-facing faces on the bed. Curved faces are sampled on
  //   a UV grid and the overhanging share is scaled to the face's exact area.
  // - thinnestWall: an estimate, not a measurement: the smallest distance between two
  //   antiparallel planar faces of one solid that face away from each other (material
  //   between them) and whose parameter rectangles overlap when projected on each other.
  //   Walls bounded by curved faces are not seen; 0 when no pair qualifies.
  static PrintabilityFacts estimate(const TopoDS_Shape& shape, double bedZ);
};

}  // namespace partsmith::kernel
