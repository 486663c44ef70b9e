// @prompt: A pillow block for a 608 skateboard bearing (22 mm outside, 7 mm wide), with a base and two M5 counterbored mounting holes
// @category: mechanical components
// @complexity: 6
// @techniques: box, cylinder along an axis, union, face workplane, hole with depth, cboreHole, fillet
// The base fillets make the volume a measured value (11777.0 mm³), held to ±1 %. The bearing pocket
// and the shaft clearance are exact and found as holes.
// @expect: bbox.size = [70, 14, 33]
// @expect: volume = 11777.0 ± 1%
// @expect: solids = 1
// The hole finder reports each counterbore as its own blind hole: pocket, shaft, 2 screws, 2 heads.
// @expect: holes.length = 6
// @expect: holes.0.diameter = 9.5
/* [Bearing] */
// Bearing outside diameter (22 for a 608)
const bearingOd = 22;      // [8:0.1:62]
// Bearing width (7 for a 608)
const bearingWidth = 7;    // [3:0.5:20]
// Press-fit allowance added to the pocket diameter
const fit = 0.1;           // [0:0.05:0.4]
// Clearance hole for the shaft behind the bearing
const shaftClearance = 12; // [4:0.5:40]
/* [Block] */
// Wall around the bearing
const wall = 4;            // [2:0.5:10]
// Thickness of the block (along the shaft)
const depth = 14;          // [8:0.5:40]
// Base length
const baseLength = 70;     // [40:1:150]
// Base thickness
const baseThickness = 6;   // [3:0.5:15]
/* [Screws] */
// Clearance, head and head depth for M5 socket head screws
const screwHole = 5.5;     // [3:0.1:8]
const headDiameter = 9.5;  // [5:0.5:14]
const headDepth = 3;       // [1:0.5:6]

// The shaft axis runs along Y at a height that leaves the wall under the bearing.
const housingRadius = bearingOd / 2 + wall;
const axisZ = baseThickness + bearingOd / 2 + 1;
const base = cq.Workplane("XY")
  .box(baseLength, depth, baseThickness, {centered: [true, true, false]})
  .edges("|Z").fillet(3);
// The housing: a round boss on the axis plus a web down to the base.
const boss = cq.Workplane("XZ").workplane({offset: -depth / 2})
  .center(0, axisZ).circle(housingRadius).extrude(depth);
const web = cq.Workplane("XY")
  .box(2 * housingRadius, depth, axisZ, {centered: [true, true, false]});
const block = base.union(web).union(boss);

// Bearing pocket from the front face, shaft clearance through the rest.
const seated = block
  .faces("<Y").workplane({centerOption: "CenterOfBoundBox"})
  .hole(bearingOd + fit, bearingWidth)
  .faces("<Y").workplane({centerOption: "CenterOfBoundBox"})
  .hole(shaftClearance);

// Mounting holes in the base ends, counterbored from the top of the base.
const screwX = (baseLength / 2 + housingRadius) / 2;
const pillowBlock = seated
  .faces(">Z[1]").workplane({origin: [0, 0, 0]})
  .pushPoints([[-screwX, 0], [screwX, 0]])
  .cboreHole(screwHole, headDiameter, headDepth);

show(pillowBlock, "pillow block", {color: "#93c47d"});
