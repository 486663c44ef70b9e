// @prompt: A V-belt pulley 60 mm across for a 6 mm motor shaft, with a hub and an M3 set screw
// @category: mechanical components
// @complexity: 6
// @techniques: polyline half-section, revolve, face workplane, hole, side workplane, cut for a set-screw hole
// The revolved section's volume is a measured value (33806.6 mm³ at the defaults), held to ±1 % as a
// regression check; the diameter and the overall height follow from the parameters.
// @expect: bbox.size = [60, 60, 28]
// @expect: volume = 33806.6 ± 1%
// @expect: solids = 1
// @expect: holes.length = 2
// @expect: faces_by_type.CONE = 2
/* [Pulley] */
// Outside diameter of the rim
const diameter = 60;       // [30:1:150]
// Width of the rim
const rimWidth = 14;       // [8:0.5:30]
// Depth of the V groove
const grooveDepth = 8;     // [3:0.5:15]
// Width of the groove at the rim (10 mm suits an A/13 belt's 40° V)
const grooveTop = 10;      // [4:0.5:20]
// Width of the groove's flat bottom
const grooveBottom = 4;    // [1:0.5:10]
/* [Hub] */
// Hub diameter
const hubDiameter = 20;    // [10:0.5:40]
// Hub length beyond the rim
const hubLength = 14;      // [0:0.5:40]
// Shaft bore
const bore = 6;            // [2:0.1:20]
// Set screw tapping hole (2.5 mm for M3)
const setScrew = 2.5;      // [1.5:0.1:6]

// Half-section in XZ (local x = radius, local y = height); revolving about local y makes the wheel.
const R = diameter / 2, g0 = (rimWidth - grooveTop) / 2, g1 = (rimWidth - grooveBottom) / 2;
const height = rimWidth + hubLength;
const section = [
  [0, 0], [R, 0],
  [R, g0], [R - grooveDepth, g1],                           // lower flank of the V
  [R - grooveDepth, rimWidth - g1], [R, rimWidth - g0],     // groove bottom, upper flank
  [R, rimWidth], [hubDiameter / 2, rimWidth],
  [hubDiameter / 2, height], [0, height],
];
const wheel = cq.Workplane("XZ").polyline(section).close().revolve();

const bored = wheel.faces(">Z").workplane().hole(bore);

// The set screw enters the hub from the side, halfway up the hub: a radial cylinder along +X.
const screwHole = cq.Workplane("YZ").workplane({offset: bore / 4})
  .center(0, rimWidth + hubLength / 2)
  .circle(setScrew / 2)
  .extrude(hubDiameter);
const pulley = bored.cut(screwHole);

show(pulley, "pulley", {color: "#cc4125"});
