// @prompt: A mounting plate for a 70 x 50 mm circuit board with four M3 standoffs 6 mm tall at the board's holes, 3.5 mm in from each corner, and screw holes to fix the plate down
// @category: pcb cases
// @complexity: 5
// @techniques: box, fillet, face workplane, construction rect, vertices, circle extrude, hole, cskHole
// Plate (90·70 - (4-pi)·5²)·3 = 18835.62, four standoffs pi·(3.5² - 1.25²)·6 = 201.45 each, the
// 2.5 mm tap holes also through the plate (-14.73 each), four countersunk M3 holes (frustum r 3.25 -> 1.7
// over 1.55 mm, 30.80, plus pi·1.7²·1.45 = 13.16 each): 18835.62 + 805.82 - 58.90 - 175.87 = 19406.66
// @expect: bbox.size = [90, 70, 9]
// @expect: volume = 19406.66 ± 0.05%
// @expect: holes.length = 8
// @expect: solids = 1
/* [Board] */
// Board length
const boardLength = 70;    // [20:0.5:200]
// Board width
const boardWidth = 50;     // [20:0.5:200]
// Distance of the board's mounting holes from its edges
const holeInset = 3.5;     // [2:0.5:10]
/* [Standoffs] */
// Standoff height (clearance for parts under the board)
const standoffHeight = 6;  // [2:0.5:20]
// Standoff diameter
const standoffDiameter = 7;// [4:0.5:12]
// Tapping hole for the board screws (2.5 mm for M3)
const tapDrill = 2.5;      // [1.5:0.1:4]
/* [Plate] */
// Margin around the board
const margin = 10;         // [5:1:30]
// Plate thickness
const thickness = 3;       // [2:0.5:8]
// Countersunk holes for fixing the plate (M3)
const fixHole = 3.4;       // [2:0.1:6]
const fixHead = 6.5;       // [4:0.5:12]

const plate = cq.Workplane("XY")
  .box(boardLength + 2 * margin, boardWidth + 2 * margin, thickness, {centered: [true, true, false]})
  .edges("|Z").fillet(5);

// The board's hole pattern is the corners of a construction rectangle; standoffs rise from the
// plate there and the tapping holes go down through them and the plate.
const withStandoffs = plate
  .faces(">Z").workplane()
  .rect(boardLength - 2 * holeInset, boardWidth - 2 * holeInset, {forConstruction: true})
  .vertices()
  .circle(standoffDiameter / 2)
  .extrude(standoffHeight)
  .faces(">Z").workplane()
  .rect(boardLength - 2 * holeInset, boardWidth - 2 * holeInset, {forConstruction: true})
  .vertices()
  .hole(tapDrill);

// Fixing holes in the margin's corners, countersunk from the plate's top: the second-highest
// horizontal face, under the standoff tops.
const base = withStandoffs
  .faces(">Z[-2]").workplane()
  .rect(boardLength + margin, boardWidth + margin, {forConstruction: true})
  .vertices()
  .cskHole(fixHole, fixHead, 90, thickness);

show(base, "board plate", {color: "#38761d"});
