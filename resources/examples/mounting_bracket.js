// @prompt: An L-shaped mounting bracket, 40 mm wide, with two M4 clearance holes in each leg and rounded bends
// @category: brackets and mounts
// @complexity: 5
// @techniques: polyline, extrude, fillet, workplane on face, pushPoints, hole
// L profile 50x5 + 35x5 = 425 mm2, plus the inside fillet (1 - pi/4)*4^2 = 3.434, minus the outside
// fillet (1 - pi/4)*9^2 = 17.383, times the 40 mm width, less four 4.5 x 5 mm holes:
// 411.051 * 40 - 4 * pi * 2.25^2 * 5 = 16123.95
// @expect: bbox.size = [50, 40, 40]
// @expect: volume = 16123.95 ± 0.1%
// @expect: solids = 1
// @expect: holes.length = 4
// @expect: holes.0.diameter = 4.5
// @expect: holes.0.through = true
/* [Size] */
// Width of the bracket (along Y)
const width = 40;        // [20:1:120]
// Length of the base leg (along X)
const base = 50;         // [20:1:150]
// Height of the upright leg (along Z)
const height = 40;       // [20:1:150]
// Plate thickness
const thickness = 5;     // [2:0.5:12]
/* [Holes] */
// Clearance hole diameter (4.5 mm suits M4)
const hole = 4.5;        // [2:0.1:10]
// Distance of the holes from the bracket's sides
const inset = 10;        // [5:1:40]
/* [Finish] */
// Inside radius of the bend
const bendRadius = 4;    // [0.5:0.5:10]

// The L profile drawn in the XZ plane (local y is world Z), extruded along +Y.
const profile = [[0, 0], [base, 0], [base, thickness], [thickness, thickness], [thickness, height], [0, height]];
let bracket = cq.Workplane("XZ").polyline(profile).close().extrude(-width);

// Round the bend: the inside edge, and the outside edge with the matching larger radius.
bracket = bracket.edges("|Y and (not <X) and (not >X)").edges("<Z").fillet(bendRadius);
bracket = bracket.edges("|Y").edges("<X").edges("<Z").fillet(bendRadius + thickness);

// Holes in the base, drilled up from the underside (local x = X, local y = -Y there).
const holeX = (base + thickness + bendRadius) / 2;
bracket = bracket.faces("<Z").workplane()
  .pushPoints([[holeX, -inset], [holeX, -(width - inset)]])
  .hole(hole);

// Holes in the upright, drilled from the back (local x = -Y, local y = Z there).
const holeZ = (height + thickness + bendRadius) / 2;
bracket = bracket.faces("<X").workplane()
  .pushPoints([[-inset, holeZ], [-(width - inset), holeZ]])
  .hole(hole);

show(bracket, "bracket", {color: "#6b8fb3"});
