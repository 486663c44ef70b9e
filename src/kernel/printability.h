// Printability hints for the facts: bed candidate, overhangs and a wall-thickness estimate.
#pragma once
#include <vector>

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
  // - thinnestWall: an estimate, not a measurement: the smallest wall found between pairs
  //   of faces of one solid that bound material between them and overlap in projection:
  //   antiparallel planar faces facing away from each other; a bore and a planar face
  //   parallel to its axis on its far side (a hole near an edge); two parallel bores side by
  //   side; a bore inside a coaxial boss (a tube). Other curved walls are not seen; 0 when
  //   no pair qualifies.
  // `faceAreas`, when given, holds the area of each face in TopExp::MapShapes(shape,
  // TopAbs_FACE) order (the facts compute them anyway); otherwise areas are computed here.
  static PrintabilityFacts estimate(const TopoDS_Shape& shape, double bedZ,
                                    const std::vector<double>* faceAreas = nullptr);
};

}  // namespace partsmith::kernel
