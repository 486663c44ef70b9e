// @prompt: An open-top tray case for an Arduino Uno with standoffs at its four mounting holes, slots for the USB and power jacks that are open at the top so the board drops in, and ventilation slots in the floor
// @category: pcb cases
// @complexity: 8
// @techniques: box, fillet, shell, translate, pushPoints standoffs, hole with depth, slot cut-outs from a table, add and one cut, rarray slot2D floor vents, cutBlind
// Outside 68.6 + 2·(0.5 + 2) = 73.6 by 53.3 + 5 = 58.3 mm, 2 mm floor + 4 mm standoffs + 1.6 mm board +
// 12 mm for the jacks = 19.6 mm tall. The volume is measured (16105.1 mm³), held to ±1 %.
// @expect: bbox.size = [73.6, 58.3, 19.6]
// @expect: volume = 16105.1 ± 1%
// @expect: solids = 1
// @expect: holes.length = 4
// @expect: holes.0.diameter = 2.8
/* [Case] */
// Wall and floor thickness
const wall = 2;            // [1.2:0.2:4]
// Gap between the board and the walls
const gap = 0.5;           // [0.2:0.1:2]
// Standoff height
const standoffHeight = 4;  // [2:0.5:10]
// Height of the walls above the board
const wallAboveBoard = 12; // [4:0.5:30]
/* [Vents] */
// Number of floor vent slots
const vents = 6;           // [0:1:12]
// Vent slot width
const ventWidth = 3;       // [1.5:0.5:6]
/* [Hidden] */
// Arduino Uno R3 mechanical data (mm), origin at the board corner below the power jack.
const boardLength = 68.6;
const boardWidth = 53.3;
const boardThickness = 1.6;
const holes = [[13.97, 2.54], [15.24, 50.8], [66.04, 7.62], [66.04, 35.56]];
// Jacks on the x = 0 edge: [centre along Y, width, bottom above the board top].
const jacks = [[38.1, 12.6, 0], [7.6, 9.4, 0]];   // USB-B, 2.1 mm barrel jack

const boardTop = wall + standoffHeight + boardThickness;
const height = boardTop + wallAboveBoard;
const outerLength = boardLength + 2 * (gap + wall);
const outerWidth = boardWidth + 2 * (gap + wall);

const tray = cq.Workplane("XY")
  .box(outerLength, outerWidth, height, {centered: [true, true, false]})
  .edges("|Z").fillet(3)
  .faces(">Z").shell(-wall)
  .translate([boardLength / 2, boardWidth / 2, 0]);   // board coordinates from here on

// Standoffs under the board's holes, with 2.8 mm pilot holes for M3 self-tapping screws. They are
// 5 mm across: the Uno's hole at y = 2.54 leaves no room for more without touching the wall, and a
// standoff grazing a wall makes a sliver no slicer likes.
const withStandoffs = tray
  .union(cq.Workplane("XY").workplane({offset: wall}).pushPoints(holes).circle(2.5).extrude(standoffHeight))
  .faces(">Z[-2]").workplane({origin: [0, 0, 0]})
  .pushPoints(holes)
  .hole(2.8, standoffHeight);

// Jack slots run from the jack's bottom up through the rim, so the board can be lowered in.
const cutters = cq.Workplane("XY");
for (const [y, w, bottom] of jacks)
  cutters.add(cq.Workplane("XY")
    .box(4 * wall, w, height, {centered: [true, true, false]})
    .translate([-gap - wall / 2, y, boardTop + bottom]));
const slotted = withStandoffs.cut(cutters);

// Floor vents between the standoffs, across the board's width.
const cased = vents > 0
  ? slotted.faces("<Z").workplane({centerOption: "CenterOfBoundBox"})
      .rarray(boardLength / (vents + 2), 1, vents, 1)
      .slot2D(boardWidth * 0.55, ventWidth, 90)
      .cutBlind(-wall)
  : slotted;

show(cased, "uno case", {color: "#0b5394"});
