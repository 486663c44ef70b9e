// @prompt: A 100 x 60 mm base plate, 6 mm thick, with rounded corners, a chamfered top edge and an M4 counterbored hole near each corner
// @category: fillets and chamfers
// @complexity: 3
// @techniques: box, edge selectors, fillet, chamfer, construction rect, vertices, cboreHole
// Rounded rectangle (L·W - (4 - pi)·r²)·T; the top chamfer removes c²/2 along the straight edges
// and, by Pappus, along arcs of radius r - c/3; each counterbored hole is a 4.5 mm bore under an 8 mm head pocket:
// 6·(6000 - (4-pi)·64) - 1²/2·(2·84 + 2·44 + 2·pi·(8 - 1/3)) - 4·pi·(2.25²·(6-4.4) + 4²·4.4) = 34531.83
// @expect: bbox.size = [100, 60, 6]
// @expect: volume = 34531.83 ± 0.05%
// @expect: holes.length = 8
// @expect: solids = 1
/* [Plate] */
// Length of the plate
const length = 100;        // [40:1:300]
// Width of the plate
const width = 60;          // [30:1:200]
// Thickness
const thickness = 6;       // [3:0.5:20]
/* [Edges] */
// Corner radius (seen from above)
const cornerRadius = 8;    // [1:0.5:20]
// Chamfer on the top edge
const chamfer = 1;         // [0.2:0.1:3]
/* [Holes] */
// Distance of the hole centres from the plate edges
const holeInset = 8;       // [5:0.5:30]
// Counterbored holes for M4 socket head screws: clearance, head diameter and head depth
const clearance = 4.5;     // [2:0.1:10]
const cboreDiameter = 8;   // [4:0.5:16]
const cboreDepth = 4.4;    // [1:0.1:10]

// Round the four vertical corners first, so the chamfer can run around the whole top outline.
const plate = cq.Workplane("XY")
  .box(length, width, thickness, {centered: [true, true, false]})
  .edges("|Z").fillet(cornerRadius)
  .edges(">Z").chamfer(chamfer);

// The corners of a construction rectangle are the hole centres.
const drilled = plate
  .faces(">Z").workplane()
  .rect(length - 2 * holeInset, width - 2 * holeInset, {forConstruction: true})
  .vertices()
  .cboreHole(clearance, cboreDiameter, cboreDepth);

show(drilled, "plate", {color: "#7d8c99"});
