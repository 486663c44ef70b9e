// @prompt: A pegboard panel with a regular grid of 6 mm holes every 15 mm, 8 columns by 5 rows
// @category: patterns and arrays
// @complexity: 2
// @techniques: box, rarray, hole, face workplane
// The plate is the grid plus one pitch of border: 120 x 75 x 4, less 40 holes of 6 mm:
// 120·75·4 - 40·pi·3²·4 = 31476.11
// @expect: bbox.size = [120, 75, 4]
// @expect: volume = 31476.11 ± 0.05%
// @expect: holes.length = 40
// @expect: holes.0.diameter = 6
// @expect: holes.0.through = true
/* [Grid] */
// Hole spacing
const pitch = 15;          // [8:1:40]
// Number of columns
const columns = 8;         // [1:1:20]
// Number of rows
const rows = 5;            // [1:1:20]
// Peg hole diameter
const holeDiameter = 6;    // [2:0.5:12]
/* [Plate] */
// Plate thickness
const thickness = 4;       // [2:0.5:10]

// Half a pitch of border on every side keeps the edge as strong as the webs between holes.
const plate = cq.Workplane("XY")
  .box(columns * pitch, rows * pitch, thickness, {centered: [true, true, false]})
  .faces(">Z").workplane()
  .rarray(pitch, pitch, columns, rows)   // centred on the plate
  .hole(holeDiameter);

show(plate, "pegboard", {color: "#d9c9a3"});
