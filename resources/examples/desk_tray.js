// @prompt: A desk organiser tray 160 x 100 x 40 mm with 2 mm walls, split into three compartments along its length and two across
// @category: organisers and containers
// @complexity: 5
// @techniques: box, shell, face selector, rarray, union of dividers
// Shell leaves a 2 mm floor and walls: 160·100·40 - 156·96·38 = 70912; two cross dividers
// (96·2·32 each) and one long divider (156·2·32), overlapping in 2 crossings (2·2·32 each):
// 70912 + 2·96·2·32 + 156·2·32 - 2·2·2·32 = 92928
// @expect: bbox.size = [160, 100, 40]
// @expect: volume = 92928 ± 0.05%
// @expect: solids = 1
// @expect: closed = true
/* [Tray] */
// Outside length
const length = 160;        // [60:1:300]
// Outside width
const width = 100;         // [40:1:200]
// Height
const height = 40;         // [15:1:100]
// Wall and floor thickness
const wall = 2;            // [1.2:0.2:5]
/* [Compartments] */
// Compartments along the length
const along = 3;           // [1:1:6]
// Compartments across
const across = 2;          // [1:1:4]
// Dividers stay this much below the rim so fingers pass over them
const dividerDrop = 6;     // [0:1:20]

// Shelling with the top face selected removes it: an open tray of constant wall thickness.
const tray = cq.Workplane("XY")
  .box(length, width, height, {centered: [true, true, false]})
  .faces(">Z").shell(-wall);

// Dividers stand on the floor; their ends touch the inner walls so they fuse into one solid.
const innerLength = length - 2 * wall;
const innerWidth = width - 2 * wall;
const dividerHeight = height - wall - dividerDrop;
const floorTop = cq.Workplane("XY").workplane({offset: wall});

const crossDividers = floorTop
  .rarray(innerLength / along, 1, along - 1, 1)
  .box(wall, innerWidth, dividerHeight, {centered: [true, true, false]});
const longDividers = floorTop
  .rarray(1, innerWidth / across, 1, across - 1)
  .box(innerLength, wall, dividerHeight, {centered: [true, true, false]});

const organiser = tray.union(crossDividers).union(longDividers);

show(organiser, "tray", {color: "#6aa84f"});
