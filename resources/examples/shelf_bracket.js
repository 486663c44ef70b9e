// @prompt: A shelf bracket with a 120 mm wall leg and a 100 mm shelf leg, 25 mm wide, with a triangular gusset and countersunk screw holes in both legs
// @category: brackets and mounts
// @complexity: 5
// @techniques: box, polyline gusset, extrude both, union, face workplanes, pushPoints, cskHole
// Legs 120·25·5 + 95·25·5 = 26875, gusset 80·80/2·5 = 16000; each countersunk hole is a cone
// frustum (r 4.5 -> 2.25 over 2.25 mm, 83.50) plus the shank (pi·2.25²·2.75, 43.74):
// 42875 - 8·127.24 = 41857.1
// @expect: bbox.size = [100, 25, 120]
// @expect: volume = 41857.1 ± 0.05%
// @expect: solids = 1
// @expect: holes.length = 8
// @expect: holes.0.diameter = 4.5
/* [Legs] */
// Length of the shelf leg (along X)
const shelfLeg = 100;      // [40:1:250]
// Length of the wall leg (along Z)
const wallLeg = 120;       // [40:1:250]
// Width of the bracket
const width = 25;          // [15:1:60]
// Plate thickness
const thickness = 5;       // [3:0.5:12]
/* [Gusset] */
// How far the gusset runs along each leg
const gusset = 80;         // [20:1:200]
// Gusset thickness
const gussetThickness = 5; // [2:0.5:12]
/* [Screws] */
// Clearance hole for the screw shank (4.5 mm for a 4 mm wood screw)
const screwHole = 4.5;     // [2:0.1:8]
// Countersink diameter at the surface
const headDiameter = 9;    // [4:0.5:16]

// The wall leg stands at x = 0..thickness, the shelf leg lies on top at z = wallLeg - thickness.
const wall = cq.Workplane("XY").box(thickness, width, wallLeg, {centered: [false, true, false]});
const shelf = cq.Workplane("XY").workplane({offset: wallLeg - thickness})
  .box(shelfLeg, width, thickness, {centered: [false, true, false]});

// The gusset is a right triangle in the XZ plane filling the corner under the shelf.
const top = wallLeg - thickness;
const brace = cq.Workplane("XZ")
  .polyline([[thickness, top], [thickness + gusset, top], [thickness, top - gusset]])
  .close()
  .extrude(gussetThickness / 2, {both: true});

const bracket = wall.union(shelf).union(brace);

// Screw holes in pairs beside the gusset, countersunk from the faces that touch the shelf and the
// wall: the shelf leg's top (>Z) and the wall leg's back (<X). origin [0, 0, 0] puts each
// workplane's origin where the legs meet the world axes, whatever workplane came before.
const side = (width + gussetThickness) / 4;
const pairs = (positions) => positions.flatMap((p) => [[p[0], side], [p[0], -side]]);
const shelfScrews = bracket
  .faces(">Z").workplane({origin: [0, 0, 0]})
  .pushPoints(pairs([[shelfLeg * 0.35], [shelfLeg * 0.8]]))
  .cskHole(screwHole, headDiameter, 90);
// On the <X face local x runs along -Y and local y along Z.
const mounted = shelfScrews
  .faces("<X").workplane({origin: [0, 0, 0]})
  .pushPoints(pairs([[wallLeg * 0.3], [wallLeg * 0.75]]).map(([z, y]) => [y, z]))
  .cskHole(screwHole, headDiameter, 90);

show(mounted, "shelf bracket", {color: "#a67c52"});
