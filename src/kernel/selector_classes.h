// CadQuery's selector classes (selectors.py) as factories, for the string parser and for
// scripts that build selector objects directly (cq.selectors.*). Directions are used as
// given, not normalised, exactly like CadQuery: "XY" is (1, 1, 0) and the 1e-4 tolerances
// apply to the raw cross products and dot products.
#pragma once
#include <string>

#include "kernel/selector.h"

class gp_Pnt;
class gp_Vec;

namespace partsmith::kernel {

constexpr double kSelectorTolerance = 1e-4;

// `text` is what describe() returns and what error messages quote; empty = a generated
// CadQuery-style name such as "ParallelDirSelector((0, 0, 1))".

// Planar faces (normal at the UV mid-point, respecting orientation) and LINE edges (curve
// tangent) only; everything else is dropped.
SelectorPtr parallelDirSelector(const gp_Vec& direction, const std::string& text = {},
                                double tolerance = kSelectorTolerance);
SelectorPtr perpendicularDirSelector(const gp_Vec& direction, const std::string& text = {},
                                     double tolerance = kSelectorTolerance);
// Same-sense alignment (angle < tolerance). Edges use the curve's own direction, not the
// edge orientation, as CadQuery's tangentAt() does.
SelectorPtr directionSelector(const gp_Vec& direction, const std::string& text = {},
                              double tolerance = kSelectorTolerance);
// geomType() equality; `type` is case-insensitive and must be one of CadQuery's names
// (throws KernelError otherwise).
SelectorPtr typeSelector(const std::string& type, const std::string& text = {});

// The Nth family: keys sorted ascending, clustered (a new group starts when key - group
// start > tolerance), the list reversed when !directionMax, then group `n` (negative counts
// from the end) is kept, in input order. Empty input or an index outside the groups throws
// KernelError (Api, "selector").
// Key = shapeCenter()·direction; any shape type.
SelectorPtr centerNthSelector(const gp_Vec& direction, int n, bool directionMax = true,
                              const std::string& text = {}, double tolerance = kSelectorTolerance);
// centerNthSelector with n = -1: ">v" (max group) or "<v" (min group).
SelectorPtr directionMinMaxSelector(const gp_Vec& direction, bool directionMax = true,
                                    const std::string& text = {},
                                    double tolerance = kSelectorTolerance);
// parallelDirSelector first, then centerNth on what is left: ">v[n]" / "<v[n]".
SelectorPtr directionNthSelector(const gp_Vec& direction, int n, bool directionMax = true,
                                 const std::string& text = {},
                                 double tolerance = kSelectorTolerance);
// Key = radius of circular edges / wires made of one circle; other shapes are skipped.
SelectorPtr radiusNthSelector(int n, bool directionMax = true, const std::string& text = {},
                              double tolerance = kSelectorTolerance);
// Key = length of edges and wires; other shapes are skipped.
SelectorPtr lengthNthSelector(int n, bool directionMax = true, const std::string& text = {},
                              double tolerance = kSelectorTolerance);
// Key = area of faces, shells, solids, and of the planar face a closed wire bounds.
SelectorPtr areaNthSelector(int n, bool directionMax = true, const std::string& text = {},
                            double tolerance = kSelectorTolerance);

// The single object whose centre is nearest to `point` (first one on ties).
SelectorPtr nearestToPointSelector(const gp_Pnt& point, const std::string& text = {});
// Objects whose centre (or, with boundingBox, whose whole tight box) lies strictly inside
// the box spanned by the two corners, in any order.
SelectorPtr boxSelector(const gp_Pnt& corner0, const gp_Pnt& corner1, bool boundingBox = false,
                        const std::string& text = {});

// The same selector, described as `text` (the parser uses it for whole expressions).
SelectorPtr describedSelector(SelectorPtr inner, const std::string& text);

}  // namespace partsmith::kernel
