// @prompt: A pipe flange 80 mm across with a raised hub, a 30 mm bore and six M6 bolt holes on a 62 mm bolt circle
// @category: patterns and arrays
// @complexity: 3
// @techniques: cylinder, face workplane, circle extrude, polarArray, hole
// Disc + hub - bore - bolt holes, all analytic:
// pi·(40²·8 + 22.5²·10 - 15²·18 - 6·3.3²·8) = 41751.08
// @expect: bbox.size = [80, 80, 18]
// @expect: volume = 41751.08 ± 0.05%
// @expect: holes.length = 7
// @expect: solids = 1
/* [Flange] */
// Outside diameter of the flange
const diameter = 80;        // [50:1:200]
// Flange thickness
const thickness = 8;        // [3:0.5:20]
// Bore for the pipe
const bore = 30;            // [5:0.5:100]
/* [Hub] */
// Hub diameter
const hubDiameter = 45;     // [20:0.5:150]
// Hub height above the flange
const hubHeight = 10;       // [0:0.5:40]
/* [Bolts] */
// Number of bolts
const bolts = 6;            // [3:1:16]
// Bolt circle (pitch circle) diameter
const boltCircle = 62;      // [30:0.5:190]
// Clearance hole (6.6 mm for M6)
const boltHole = 6.6;       // [2:0.1:20]

const flange = cq.Workplane("XY")
  .cylinder(thickness, diameter / 2, {centered: [true, true, false]})
  // The hub grows from the flange's top face; extrude fuses it with the flange.
  .faces(">Z").workplane()
  .circle(hubDiameter / 2).extrude(hubHeight)
  .faces(">Z").workplane()
  .hole(bore);

// Bolt holes go in from the flange face, around the hub: polarArray puts one location per bolt.
const drilled = flange
  .faces(">Z[-2]").workplane()
  .polarArray(boltCircle / 2, 0, 360, bolts)
  .hole(boltHole);

show(drilled, "flange", {color: "#8a8f96"});
