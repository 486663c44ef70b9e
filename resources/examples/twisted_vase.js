// @prompt: A twisted octagonal pen cup, 60 mm across and 100 mm tall, turning 45 degrees from bottom to top, with a round pocket inside
// @category: revolve/loft/sweep
// @complexity: 3
// @techniques: polygon, twistExtrude, face workplane, circle, cutBlind
// Twisting keeps the section area, so the volume is near the octagon's area times the height less
// the pocket: 2·sqrt(2)·30²·100 - pi·22²·96 = 108587.5. The side faces are ruled surfaces between
// the twisted edges, hence ±1 %.
// @expect: bbox.size.2 = 100
// @expect: volume = 108587.5 ± 1%
// @expect: solids = 1
// @expect: holes.length = 1
// @expect: holes.0.diameter = 44
/* [Cup] */
// Height of the cup
const height = 100;        // [40:1:200]
// Diameter across the corners of the octagon
const diameter = 60;       // [30:1:120]
// Number of sides
const sides = 8;           // [5:1:12]
// Twist from bottom to top, in degrees
const twist = 45;          // [0:5:180]
/* [Pocket] */
// Pocket diameter (must stay inside the twisted sides)
const pocket = 44;         // [10:1:100]
// Solid floor under the pocket
const floor = 4;           // [1:0.5:20]

// twistExtrude turns the section about the workplane origin as it rises.
const body = cq.Workplane("XY")
  .polygon(sides, diameter)
  .twistExtrude(height, twist);

const cup = body
  .faces(">Z").workplane()
  .circle(pocket / 2)
  .cutBlind(-(height - floor));

show(cup, "pen cup", {color: "#8e7cc3"});
