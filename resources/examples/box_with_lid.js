// @prompt: A small project box 80 x 60 x 35 mm with 2 mm walls, rounded corners, M3 screw bosses in the corners and a separate lid with a locating lip and countersunk screw holes
// @category: enclosures with lids
// @complexity: 7
// @techniques: box, fillet, shell, rarray, cylinder bosses, hole with depth, second part, offset rect lip, cskHole, translate, two shown parts
// Two solids: the box, and the lid printed beside it (shifted 10 mm past the box along X). The
// shelled rounded shapes make the volume a measured value (43464.1 mm³), held to ±1 %.
// @expect: solids = 2
// @expect: bbox.size = [170, 60, 35]
// @expect: volume = 43464.1 ± 1%
// @expect: holes.length = 8
/* [Box] */
// Outside length
const length = 80;         // [40:1:200]
// Outside width
const width = 60;          // [30:1:200]
// Outside height of the box without its lid
const height = 35;         // [15:1:120]
// Wall thickness
const wall = 2;            // [1.2:0.2:4]
// Corner radius outside
const cornerRadius = 5;    // [3:0.5:15]
/* [Screws] */
// Boss diameter
const bossDiameter = 7;    // [5:0.5:12]
// Tapping hole in the bosses (2.5 mm for M3)
const tapDrill = 2.5;      // [1.5:0.1:4]
// Clearance and countersink in the lid (M3)
const clearance = 3.4;     // [2:0.1:6]
const headDiameter = 6.5;  // [4:0.5:12]
/* [Lid] */
// Lid thickness
const lidThickness = 2.5;  // [1.5:0.5:6]
// Height of the lip that locates the lid inside the walls
const lipHeight = 3;       // [0:0.5:8]
// Gap between lip and walls
const clearanceGap = 0.3;  // [0:0.05:0.8]

// Bosses sit in the inner corners and reach 1 mm into both walls: a boss that only touches a
// wall would meet it along a line, which is not a printable (manifold) solid.
const bossX = length / 2 - wall - bossDiameter / 2 + 1;
const bossY = width / 2 - wall - bossDiameter / 2 + 1;

const shellBox = cq.Workplane("XY")
  .box(length, width, height, {centered: [true, true, false]})
  .edges("|Z").fillet(cornerRadius)
  .faces(">Z").shell(-wall);

// Bosses stand on the floor up to the rim; their tapping holes stop above the floor.
const bosses = cq.Workplane("XY").workplane({offset: wall})
  .rarray(2 * bossX, 2 * bossY, 2, 2)
  .circle(bossDiameter / 2)
  .extrude(height - wall);
const box = shellBox.union(bosses)
  .faces(">Z").workplane()
  .rarray(2 * bossX, 2 * bossY, 2, 2)
  .hole(tapDrill, height - 2 * wall);

// The lid: a rounded plate with a lip that fits inside the walls, notched around the bosses.
const lipLength = length - 2 * wall - 2 * clearanceGap;
const lipWidth = width - 2 * wall - 2 * clearanceGap;
const lidPlate = cq.Workplane("XY")
  .box(length, width, lidThickness, {centered: [true, true, false]})
  .edges("|Z").fillet(cornerRadius);
const lip = cq.Workplane("XY").workplane({offset: lidThickness})
  .rect(lipLength, lipWidth).rect(lipLength - 2 * wall, lipWidth - 2 * wall)
  .extrude(lipHeight)
  .cut(cq.Workplane("XY").rarray(2 * bossX, 2 * bossY, 2, 2)
    .circle(bossDiameter / 2 + clearanceGap).extrude(lidThickness + lipHeight + 1));
// Countersinks on the lid's outside face, which faces down as printed.
const lid = lidPlate.union(lip)
  .faces("<Z").workplane()
  .rarray(2 * bossX, 2 * bossY, 2, 2)
  .cskHole(clearance, headDiameter, 90)
  .translate([length + 10, 0, 0]);

show(box, "box", {color: "#3c78d8"});
show(lid, "lid", {color: "#a4c2f4"});
