// Finds cylindrical holes in solids for the facts (see HoleFinder::find for the rules).
#pragma once
#include <vector>

#include <TopoDS_Face.hxx>
#include <TopoDS_Shape.hxx>

#include "kernel/facts.h"

namespace partsmith::kernel {

class HoleFinder {
 public:
  // A hole is a run of concave cylindrical faces (material outside the cylinder) of one
  // solid that share an axis and radius, cover the full circle, and are contiguous along the
  // axis; OCCT's split faces of one bore are merged. Each diameter is its own entry: a
  // counterbore gives a blind wide entry plus the narrower bore, and coaxial holes separated
  // by a gap (both walls of a U-bracket) are separate entries. Conical countersinks and
  // drill-point bottoms are not cylinders and are not reported; a bore ending in a cone
  // tip reads as open at that end. Enclosed cylindrical voids (closed at both ends) are
  // not holes.
  // An end is open when just beyond it, on the axis and on a ring just inside the bore's
  // radius, there is no material; `through` means both ends are open. The axis points from
  // the entry into the material; a through hole enters from the end that makes the axis
  // point down (-Z), else towards -Y, else -X.
  static std::vector<HoleFact> find(const TopoDS_Shape& shape);

  // True for a cylindrical face whose material lies outside the cylinder (its outward
  // normal points to the axis): a bore, a hole's wall or an inner fillet.
  static bool isConcaveCylinder(const TopoDS_Face& face);
};

}  // namespace partsmith::kernel
