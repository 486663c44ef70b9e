// @prompt: A case for a Raspberry Pi 4 (85 x 56 mm board) with M2.5 standoffs at the board's mounting holes, openings for USB-C power, both micro-HDMI, audio, the USB and Ethernet ports and the microSD card, and a vented lid that pushes on
// @category: pcb cases
// @complexity: 10
// @techniques: box, fillet, shell, pushPoints standoffs, hole with depth, port cut-outs from a table, helper function, one cut with many cutters (add), cylinder along Y, rarray slot2D vents, cutThruAll, lip, two shown parts, translate
// Two solids: the base and the lid beside it (10 mm gap along Y). Outside 90 x 61 mm; the base
// is 2 mm floor + 3 mm standoffs + 1.4 mm board + 17 mm for the USB stack + 1.1 mm headroom =
// 24.5 mm tall. The many cut-outs make the volume a measured value (33024.2 mm³), held to ±1 %.
// @expect: solids = 2
// @expect: bbox.size = [90, 132, 24.5]
// @expect: volume = 33024.2 ± 1%
// @expect: holes.length = 5
/* [Case] */
// Wall and floor thickness
const wall = 2;            // [1.2:0.2:4]
// Gap between the board and the walls
const gap = 0.5;           // [0.2:0.1:2]
// Height of the standoffs (room for solder joints under the board)
const standoffHeight = 3;  // [2:0.5:8]
// Space above the tallest port
const headroom = 1.1;      // [0:0.1:10]
// Outside corner radius
const cornerRadius = 3;    // [1:0.5:8]
/* [Lid] */
// Lid thickness
const lidThickness = 2;    // [1.2:0.2:4]
// Depth of the push-fit lip
const lipDepth = 3;        // [1:0.5:6]
// Width of the vent slots
const ventWidth = 2.5;     // [1:0.5:5]
/* [Hidden] */
// Raspberry Pi 4 Model B mechanical data (mm), origin at the board's corner by the USB-C port.
const boardLength = 85;
const boardWidth = 56;
const boardThickness = 1.4;
const tallestPort = 17;
const holeTap = 2.2;

const holes = [[3.5, 3.5], [61.5, 3.5], [3.5, 52.5], [61.5, 52.5]];
const innerLength = boardLength + 2 * gap;
const innerWidth = boardWidth + 2 * gap;
const outerLength = innerLength + 2 * wall;
const outerWidth = innerWidth + 2 * wall;
const boardBottom = wall + standoffHeight;
const boardTop = boardBottom + boardThickness;
const height = boardTop + tallestPort + headroom;

// Work in board coordinates: the case's centre is the board's centre.
const cx = boardLength / 2, cy = boardWidth / 2;

const shellBase = cq.Workplane("XY")
  .box(outerLength, outerWidth, height, {centered: [true, true, false]})
  .edges("|Z").fillet(cornerRadius)
  .faces(">Z").shell(-wall)
  .translate([cx, cy, 0]);

// Standoffs stand on the floor under the board's holes; the tapping holes stop in the floor.
const standoffs = cq.Workplane("XY").workplane({offset: wall})
  .pushPoints(holes)
  .circle(3)
  .extrude(standoffHeight);
const base = shellBase.union(standoffs)
  .faces(">Z[-2]").workplane({origin: [0, 0, 0]})
  .pushPoints(holes)
  .hole(holeTap, standoffHeight + wall / 2);

// Port openings: [wall, position along it, bottom above the board top, width, height].
// Side "front" is the long edge at y = 0, "right" the short edge at x = 85, "left" at x = 0.
const ports = [
  ["front", 11.2, -0.5, 10, 4.5],     // USB-C power
  ["front", 26.0, -0.5, 8, 4.5],      // micro-HDMI 0
  ["front", 39.5, -0.5, 8, 4.5],      // micro-HDMI 1
  ["right", 9.0, -0.5, 15, 17],       // USB 2.0 pair
  ["right", 27.0, -0.5, 15, 17],      // USB 3.0 pair
  ["right", 45.75, -0.5, 17, 14.5],   // Ethernet
  ["left", 28.0, -4.5, 13, 3.5],      // microSD card, under the board
];
const opening = ([side, along, bottom, w, h]) => {
  const z = boardTop + bottom;
  const depth = 4 * wall;   // comfortably through the wall
  if (side === "front")
    return cq.Workplane("XY").box(w, depth, h, {centered: [true, true, false]}).translate([along, -gap - wall / 2, z]);
  const x = side === "right" ? boardLength + gap + wall / 2 : -gap - wall / 2;
  return cq.Workplane("XY").box(depth, w, h, {centered: [true, true, false]}).translate([x, along, z]);
};
// The 3.5 mm audio jack is round: a cylinder through the front wall on its axis.
const audio = cq.Workplane("XZ").center(54, boardTop + 3).circle(3.5).extrude(4 * wall, {both: true});

// Gather every cutter on one stack and cut once: one boolean instead of eight.
const cutters = cq.Workplane("XY").add(audio);
for (const port of ports) cutters.add(opening(port));
const cased = base.cut(cutters);

// Lid: a rounded plate with a push-fit lip inside the walls and a field of vent slots.
const lipLength = innerLength - 0.4, lipWidth = innerWidth - 0.4;
const lidPlate = cq.Workplane("XY")
  .box(outerLength, outerWidth, lidThickness, {centered: [true, true, false]})
  .edges("|Z").fillet(cornerRadius);
const lip = cq.Workplane("XY").workplane({offset: lidThickness})
  .rect(lipLength, lipWidth).rect(lipLength - 2 * 1.2, lipWidth - 2 * 1.2)
  .extrude(lipDepth);
const lid = lidPlate.union(lip)
  .faces("<Z").workplane()
  .rarray(8, 1, 8, 1)
  .slot2D(innerWidth * 0.6, ventWidth, 90)
  .cutThruAll()
  .translate([cx, cy + outerWidth + 10, 0]);

show(cased, "base", {color: "#c0392b"});
show(lid, "lid", {color: "#ecf0f1"});
