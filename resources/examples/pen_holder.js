// @prompt: A desk pen holder block with a 4 x 3 grid of 13 mm pen pockets, 60 mm deep, with rounded vertical corners
// @category: organisers and containers
// @complexity: 3
// @techniques: box, fillet, face workplane, rarray, circle, cutBlind
// Block with rounded vertical corners, less 12 blind pockets:
// (80·62 - (4-pi)·6²)·70 - 12·pi·6.5²·60 = 249469.56
// @expect: bbox.size = [80, 62, 70]
// @expect: volume = 249469.56 ± 0.05%
// @expect: holes.length = 12
// @expect: holes.0.diameter = 13
// @expect: holes.0.through = false
/* [Pockets] */
// Pocket diameter
const pocket = 13;         // [8:0.5:30]
// Pocket spacing
const spacing = 18;        // [10:0.5:40]
// Pockets along the length
const columns = 4;         // [1:1:8]
// Pockets across
const rows = 3;            // [1:1:6]
// Depth of each pocket
const depth = 60;          // [20:1:120]
/* [Block] */
// Solid floor under the pockets (keeps it from tipping)
const floor = 10;          // [3:1:30]
// Corner radius
const cornerRadius = 6;    // [0.5:0.5:15]

// Half a spacing (+4 mm) of wall around the outer pockets.
const length = columns * spacing + 8;
const width = rows * spacing + 8;

const block = cq.Workplane("XY")
  .box(length, width, depth + floor, {centered: [true, true, false]})
  .edges("|Z").fillet(cornerRadius);

// cutBlind with a negative depth cuts down into the block from its top face.
const holder = block
  .faces(">Z").workplane()
  .rarray(spacing, spacing, columns, rows)
  .circle(pocket / 2)
  .cutBlind(-depth);

show(holder, "pen holder", {color: "#4f7cac"});
